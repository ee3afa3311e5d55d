"""Runs pause the cycle collector per document and leave it as they found it."""

from __future__ import annotations

import gc
from pathlib import Path

from unccd_publish.build import BuildOptions, run_build
from unccd_publish.check.run import run_check
from unccd_publish.collector import one_document, one_run
from unccd_publish.diagnostics import Diagnostics

from conftest import MiniProject


def test_one_document_pauses_collection_and_freezes_what_survives() -> None:
    with one_run():
        with one_document():
            assert not gc.isenabled()
            survivor = [object() for _ in range(10)]
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    assert survivor


def test_build_and_check_leave_nothing_frozen(mini: MiniProject, tmp_path: Path) -> None:
    """A long-lived process (serve) must be able to free the models of earlier runs."""
    report = run_build(BuildOptions(mini.content, tmp_path / "out", pdf=False))
    assert not report.diagnostics.errors and report.written
    assert gc.isenabled() and gc.get_freeze_count() == 0
    run = run_check(mini.content, tmp_path / "out" / "check", [], Diagnostics())
    assert run is not None and run.compared == ["doc"]
    assert gc.isenabled() and gc.get_freeze_count() == 0
