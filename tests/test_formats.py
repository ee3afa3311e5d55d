"""The builders as one family: a format is a writer and an entry in FORMATS, and gets the
build's incremental state, workers and atomic writes without a line of its own."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from unccd_publish.build import BuildOptions, run_build
from unccd_publish.environment import DocumentState, digest
from unccd_publish.formats import FORMATS, Format
from unccd_publish.reading import DocumentSet, Project
from unccd_publish.uptodate import nothing_to_do

from conftest import EN_MD, MiniProject

WORDS = {"value": "words"}  # what every file of the test format depends on besides its document


class TitleWriter:
    """A format of one file per document: its titles, a line per language."""

    def __init__(self, project: Project, out: Path,
                 symbols: dict[str, tuple[str, list[str]]]) -> None:
        self.out = out
        self.prepared = 0

    def prepare(self) -> None:
        self.prepared += 1

    def load(self) -> None:
        pass

    def files(self, docset: DocumentSet) -> Iterator[tuple[Path, Callable[[], str]]]:
        def text() -> str:
            return "".join(f"{WORDS['value']} {lang}: {doc.front.title}\n"
                           for lang, doc in sorted(docset.versions.items()))
        yield self.out / f"{docset.meta.slug}.txt", text


@pytest.fixture
def titles(monkeypatch: pytest.MonkeyPatch) -> Format:
    def targets(name: str, record: DocumentState) -> list[str]:
        return [f"titles/{name}.txt"]

    def inputs(content: Path, templates: Path, code: str) -> str:
        return digest(code, WORDS["value"])

    found = Format("titles", f"{__name__}:TitleWriter", targets, inputs)
    monkeypatch.setitem(FORMATS, "titles", found)
    return found


def build(project: MiniProject, jobs: int) -> list[str]:
    options = BuildOptions(project.content, project.root / "build",
                           formats=("html", "titles"), pdf=False, jobs=jobs)
    report = run_build(options)
    assert not report.diagnostics.errors, [d.format() for d in report.diagnostics]
    return sorted(str(Path(p).relative_to(project.root / "build")) for p in report.written)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_new_format_is_built_incrementally_like_html(tmp_path: Path, titles: Format, jobs: int,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    project = MiniProject(tmp_path)
    project.write("other/document.yaml", (project.doc / "document.yaml").read_text()
                  .replace("CST/99", "CST/98"))
    project.write("other/en.md", EN_MD.replace("title: A test note", "title: Another"))
    out = project.root / "build"

    assert build(project, jobs) == ["html/doc/en.html", "html/index.html", "html/other/en.html",
                              "titles/doc.txt", "titles/other.txt"]
    assert (out / "titles/other.txt").read_text() == "words en: Another\n"
    assert build(project, jobs) == []  # nothing changed: nothing written
    assert nothing_to_do(project.content, out, pdf=False, names=[],
                         formats=("html", "titles")) is not None

    project.write("other/en.md", EN_MD.replace("title: A test note", "title: Changed"))
    assert build(project, jobs) == ["html/index.html", "html/other/en.html", "titles/other.txt"]
    assert (out / "titles/other.txt").read_text() == "words en: Changed\n"

    # a file of one format gone: that format is written again for that document alone
    (out / "titles/doc.txt").unlink()
    assert nothing_to_do(project.content, out, pdf=False, names=[],
                         formats=("html", "titles")) is None
    assert build(project, jobs) == ["titles/doc.txt"]

    # the format's shared inputs changed: every file of it, and nothing else
    monkeypatch.setitem(WORDS, "value", "titles")
    assert build(project, jobs) == ["titles/doc.txt", "titles/other.txt"]
    assert (out / "titles/doc.txt").read_text() == "titles en: A test note\n"


def test_the_html_format_is_one_of_the_family() -> None:
    html = FORMATS["html"]
    record = DocumentState(languages=["en", "zh"])
    assert html.targets("doc", record) == ["html/doc/en.html", "html/doc/zh.html"]


@pytest.mark.parametrize("stop_on_error", [False, True])
def test_a_change_read_by_one_format_leaves_the_others_to_be_made_again(
        tmp_path: Path, titles: Format, stop_on_error: bool) -> None:
    """A source edited, then a run of one format only: the files of the other formats are
    made from the old text, and the next run of those writes them again (with
    --no-keep-going too, which writes after every document is read)."""
    project = MiniProject(tmp_path)
    out = project.root / "build"

    def run(*formats: str) -> list[str]:
        report = run_build(BuildOptions(project.content, out, formats=formats, pdf=False,
                                        jobs=1, stop_on_error=stop_on_error))
        assert not report.diagnostics.errors, [d.format() for d in report.diagnostics]
        return sorted(str(Path(p).relative_to(out)) for p in report.written)

    run("html", "titles")
    project.write("doc/en.md", EN_MD.replace("title: A test note", "title: Edited"))
    assert run("titles") == ["titles/doc.txt"]
    assert nothing_to_do(project.content, out, pdf=False, names=[]) is None
    assert run("html") == ["html/doc/en.html", "html/index.html"]
    assert "Edited" in (out / "html/doc/en.html").read_text(encoding="utf-8")
    assert run("html") == [] and run("titles") == []  # and then nothing more
    # the other way round
    project.write("doc/en.md", EN_MD.replace("title: A test note", "title: Again"))
    assert run("html") == ["html/doc/en.html", "html/index.html"]
    assert run("titles") == ["titles/doc.txt"]
    assert (out / "titles/doc.txt").read_text(encoding="utf-8") == "words en: Again\n"
