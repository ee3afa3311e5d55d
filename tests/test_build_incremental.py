"""Incremental builds keyed on content: what a rebuild makes again, and what it leaves alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from unccd_publish.build import BuildOptions, BuildReport, run_build

from conftest import DOCUMENT_YAML, EN_MD, MiniProject

CITING_MD = EN_MD.replace("title: A test note", "title: A citing note").replace(
    "Second paragraph.", "As [](doc#first) says.")


@pytest.fixture
def two(tmp_path: Path) -> MiniProject:
    """Two documents: 'other' cites paragraph 'first' of 'doc' by label."""
    project = MiniProject(tmp_path, copy_templates=True)
    project.write("doc/en.md", EN_MD.replace("1. First paragraph.", "{#first}\n1. First."))
    project.write("other/document.yaml", DOCUMENT_YAML.replace("CST/99", "CST/98"))
    project.write("other/en.md", CITING_MD)
    return project


def build(project: MiniProject, pdf: bool = False, **kwargs: object) -> BuildReport:
    options = BuildOptions(project.content, project.root / "build", pdf=pdf,
                           jobs=1, **kwargs)  # type: ignore[arg-type]
    report = run_build(options)
    assert not report.diagnostics.errors, [d.format() for d in report.diagnostics]
    return report


def written(report: BuildReport, root: Path) -> list[str]:
    return sorted(str(Path(p).resolve().relative_to(root.resolve() / "build"))
                  for p in report.written)


def page(project: MiniProject, name: str) -> str:
    return (project.root / "build" / "html" / name / "en.html").read_text()


def test_first_build_writes_everything_and_resolves_across_documents(two: MiniProject) -> None:
    report = build(two)
    assert written(report, two.root) == ["html/doc/en.html", "html/index.html",
                                         "html/other/en.html"]
    assert 'href="../doc/en.html#para-1"' in page(two, "other")
    assert "paragraph 1 of document ICCD/COP(16)/CST/99" in page(two, "other")


def test_a_reference_in_a_footnote_alone_is_resolved_when_its_document_is_built_alone(
        two: MiniProject) -> None:
    two.write("other/en.md", EN_MD.replace("Second paragraph.", "Second.[^n]\n\n"
                                           "[^n]: As [](doc#first) says."))
    report = build(two, names=["other"])
    assert written(report, two.root) == ["html/index.html", "html/other/en.html"]
    assert "paragraph 1 of document ICCD/COP(16)/CST/99" in page(two, "other")


def test_a_no_op_rebuild_reads_and_renders_nothing(two: MiniProject) -> None:
    build(two, pdf=True)
    before = {p: p.stat().st_mtime_ns for p in (two.root / "build").rglob("*.*")}
    report = build(two, pdf=True)
    assert report.written == [] and report.read == []
    assert len(report.up_to_date) == 2
    after = {p: p.stat().st_mtime_ns for p in (two.root / "build").rglob("*.*")
             if p.name != ".build-state.json"}
    assert all(after[p] == before[p] for p in after)


def test_a_changed_source_rebuilds_that_document_only(two: MiniProject) -> None:
    build(two)
    two.write("other/en.md", CITING_MD.replace("A summary.", "A new summary."))
    report = build(two)
    assert written(report, two.root) == ["html/other/en.html"]  # the index row is unchanged
    assert report.read == ["doc", "other"]  # 'doc' is read to word the reference to it


def test_a_renumbered_target_rebuilds_the_citing_document(two: MiniProject) -> None:
    build(two)
    two.write("doc/en.md", EN_MD.replace("1. First paragraph.",
                                         "1. A new first.\n\n{#first}\n2. First.").replace(
                                             "2. Second", "3. Second"))
    report = build(two)
    assert "html/other/en.html" in written(report, two.root)
    assert "paragraph 2 of document ICCD/COP(16)/CST/99" in page(two, "other")


def test_a_renamed_label_that_another_document_cites_is_caught(two: MiniProject) -> None:
    """Sphinx, keyed on file times, would leave 'other' as it was and say nothing."""
    build(two)
    two.write("doc/en.md", EN_MD.replace("1. First paragraph.", "{#opening}\n1. First."))
    options = BuildOptions(two.content, two.root / "build", pdf=False, jobs=1)
    report = run_build(options)
    problems = [(d.location.path.name, d.code) for d in report.diagnostics.errors]
    assert problems == [("en.md", "label.unresolved")]
    assert report.diagnostics.errors[0].location.path.parent.name == "other"
    assert report.failed == ["other"]
    # the last good page of 'other' is kept
    assert "paragraph 1 of document ICCD/COP(16)/CST/99" in page(two, "other")


def test_a_changed_template_rebuilds_every_page(two: MiniProject) -> None:
    build(two)
    template = two.root / "templates" / "document.html"
    template.write_text(template.read_text().replace("<div class=\"body\">",
                                                     "<div class=\"body\" data-x=\"1\">"))
    report = build(two)
    assert written(report, two.root) == ["html/doc/en.html", "html/index.html",
                                         "html/other/en.html"]
    assert 'data-x="1"' in page(two, "doc")


@pytest.mark.parametrize("shared", ["bodies.yaml", "config.yaml"])
def test_changed_bilingual_data_or_configuration_rebuilds_every_page(two: MiniProject,
                                                                      shared: str) -> None:
    build(two)
    path = two.content / shared
    text = path.read_text() if path.exists() else ""
    path.write_text(text.replace("Sixteenth", "Sixteenth") + "\n# changed\n")
    report = build(two)
    assert written(report, two.root) == ["html/doc/en.html", "html/index.html",
                                         "html/other/en.html"]


def test_a_changed_stylesheet_rebuilds_every_pdf_but_no_page(two: MiniProject) -> None:
    build(two, pdf=True)
    css = two.root / "templates" / "static" / "print.css"
    css.write_text(css.read_text() + "\n.doc-title { letter-spacing: 0.01em; }\n")
    report = build(two, pdf=True)
    assert written(report, two.root) == ["pdf/ICCD_COP(16)_CST_98_E.pdf",
                                         "pdf/ICCD_COP(16)_CST_99_E.pdf"]


def test_a_new_document_gets_linked_from_the_one_citing_its_symbol(two: MiniProject) -> None:
    two.write("other/en.md", CITING_MD.replace("A summary.", "See document ICCD/COP(16)/CST/97."))
    build(two)
    assert 'class="symbol document">ICCD/COP(16)/CST/97' in page(two, "other")
    two.write("third/document.yaml", DOCUMENT_YAML.replace("CST/99", "CST/97"))
    two.write("third/en.md", EN_MD)
    report = build(two)
    assert "html/other/en.html" in written(report, two.root)
    assert 'href="../third/en.html">ICCD/COP(16)/CST/97' in page(two, "other")


def test_parallel_pdfs_are_identical_to_serial_ones(two: MiniProject, tmp_path: Path) -> None:
    serial = run_build(BuildOptions(two.content, tmp_path / "j1", jobs=1))
    parallel = run_build(BuildOptions(two.content, tmp_path / "j2", jobs=2))
    assert not serial.diagnostics.errors and not parallel.diagnostics.errors
    names = sorted(p.name for p in (tmp_path / "j1" / "pdf").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "j2" / "pdf").iterdir()) and names
    for name in names:
        assert (tmp_path / "j1" / "pdf" / name).read_bytes() == (
            tmp_path / "j2" / "pdf" / name).read_bytes()


def test_an_interrupted_pdf_build_leaves_the_previous_pdfs_whole(two: MiniProject) -> None:
    build(two, pdf=True)
    pdf_dir = two.root / "build" / "pdf"
    good = {p.name: p.read_bytes() for p in pdf_dir.iterdir()}
    css = two.root / "templates" / "static" / "print.css"
    css.write_text(css.read_text() + "\nbody { word-spacing: 0.01em; }\n")
    process = subprocess.Popen([sys.executable, "-m", "unccd_publish", "build", "pdf", "-j", "1"],
                               cwd=two.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(0.8)
    process.send_signal(signal.SIGINT)
    process.wait(timeout=60)
    for name, before in good.items():
        now = (pdf_dir / name).read_bytes()
        assert now.startswith(b"%PDF") and now.rstrip().endswith(b"%%EOF"), name
        assert now == before or len(now) > 1000
    assert not [p for p in os.listdir(pdf_dir) if p.endswith(".tmp")]
