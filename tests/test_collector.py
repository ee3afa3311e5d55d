"""Runs pause the cycle collector per document and leave it as they found it."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from unccd_publish.build import BuildOptions, run_build
from unccd_publish.catalogue import catalogue
from unccd_publish.check import check_project
from unccd_publish.check.report import write_side_by_side
from unccd_publish.check.run import run_check
from unccd_publish.collector import loading, one_document, one_run
from unccd_publish.diagnostics import Diagnostics
from unccd_publish.html.page import contents
from unccd_publish.reading import read_project

from conftest import CONTENT, MiniProject


def test_one_document_pauses_collection_and_freezes_what_survives() -> None:
    with one_run():
        with one_document():
            assert not gc.isenabled()
            survivor = [object() for _ in range(10)]
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    assert survivor


def test_loading_collects_nothing_and_leaves_the_collector_as_it_was() -> None:
    """A command's modules are imported with the collector paused: no collection runs
    however much the import makes, and afterwards the collector is as it was."""
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        with loading():
            assert not gc.isenabled()
            made = [[i] for i in range(50_000)]  # many times the youngest threshold
            during = len(collections)
        assert gc.isenabled()
        assert during == 0
        gc.disable()
        with loading():
            pass
        assert not gc.isenabled()  # left as found: a caller that had paused it
    finally:
        gc.enable()
        gc.callbacks.remove(count)
    assert len(made) == 50_000


def test_build_and_check_leave_nothing_frozen(mini: MiniProject, tmp_path: Path) -> None:
    """A long-lived process (serve) must be able to free the models of earlier runs."""
    report = run_build(BuildOptions(mini.content, tmp_path / "out", pdf=False))
    assert not report.diagnostics.errors and report.written
    assert gc.isenabled() and gc.get_freeze_count() == 0
    run = run_check(mini.content, tmp_path / "out" / "check", [], Diagnostics())
    assert run is not None and run.compared == ["doc"]
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_reading_checking_and_rendering_leave_no_cycles_holding_the_model(
        tmp_path: Path) -> None:
    """Once dropped, a model is freed by reference counting alone: no part of reading,
    checking, reporting or rendering keeps it in a reference cycle (a recursive closure, a
    parse tree's parent links) that only the cycle collector would free. The checker then
    collects once per chunk of documents, and cheaply."""
    gc.collect()
    with one_document(freeze=False):  # the steps' own scopes then leave the collector off
        diagnostics = Diagnostics()
        project = read_project(CONTENT, diagnostics)
        report = check_project(project, diagnostics)
        write_side_by_side(project, report, tmp_path)
        refs = []
        for docset in project.documents:
            for doc in docset.versions.values():
                contents(doc, catalogue(doc.lang))
                refs += [weakref.ref(o) for o in (doc, *doc.walk(), *doc.footnotes)]
        assert len(refs) > 100 and report.documents
        del project, report, docset, doc
        held = [r() for r in refs if r() is not None]
    assert not held, f"{len(held)} of {len(refs)} model objects outlive their last reference"
