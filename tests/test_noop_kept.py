"""The kept answer of a build with nothing to do: said again exactly as the check said it,
and never once anything it depended on has changed."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from test_noop import CHANGES, build, code_copy
from unccd_publish import cli, noop

from conftest import EN_MD, MiniProject

HTML = ["build", "html", "-q"]
ALL = ["build", "all", "-q"]


def blotted(text: str) -> str:
    return re.sub(r"\d+\.\d\d s\b", "… s", text)


def keep(project: MiniProject, monkeypatch: pytest.MonkeyPatch,
         capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, str]:
    """Run ``args`` with every file taken as old enough to be kept: what it said; its
    answer is kept."""
    monkeypatch.chdir(project.root)
    monkeypatch.setattr(noop, "STABLE", -60.0)  # files this test has just written count as old
    status = cli.main(list(args))
    captured = capsys.readouterr()
    assert (project.root / "build" / noop.CACHE_DIR / noop.NOOP_FILE).is_file()
    return status, blotted(captured.out + captured.err)


def replayed(project: MiniProject, capsys: pytest.CaptureFixture[str],
             args: list[str]) -> tuple[int | None, str]:
    status = noop.replay(list(args))
    captured = capsys.readouterr()
    return status, blotted(captured.out + captured.err)


@pytest.mark.parametrize("args", [HTML, ["build", "html"], ["build", "html", "-W"], ALL,
                                  ["build", "html", "other"]])
def test_the_kept_answer_is_said_as_the_check_says_it(two: MiniProject, args: list[str],
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    two.write("doc/en.md", EN_MD.replace("2. Second", "5. Second"))  # a warning to replay
    build(two, pdf=args[1] == "all")
    said = keep(two, monkeypatch, capsys, args)
    assert ("[number.mismatch]" in said[1]) == ("other" not in args)
    assert replayed(two, capsys, args) == said
    assert replayed(two, capsys, [*args, "-v"]) == (None, "")  # other words: not this answer


def test_an_answer_is_kept_only_when_its_files_are_old_enough(
        two: MiniProject, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    build(two)
    monkeypatch.chdir(two.root)
    assert cli.main(HTML) == 0
    assert not (two.root / "build" / noop.CACHE_DIR / noop.NOOP_FILE).exists()
    assert replayed(two, capsys, HTML) == (None, "")


def restore_size_and_times(path: Path, text: str) -> None:
    """``path`` edited to ``text`` of the same length, its modification time set back."""
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


SPOILS = {
    "a source edited, its size and time kept": lambda p: restore_size_and_times(
        p.doc / "en.md", (p.doc / "en.md").read_text().replace("Second", "Sexond")),
    "a language added": lambda p: p.write("doc/fr.md", EN_MD),
    "a source renamed": lambda p: (p.content / "other" / "en.md").rename(
        p.content / "other" / "zh.md"),
    "a folder renamed": lambda p: (p.content / "other").rename(p.content / "another"),
    "a document removed": lambda p: [f.unlink() for f in (p.content / "other").iterdir()],
    "a folder becomes a document": lambda p: (p.write("notes/en.md", EN_MD),
                                              p.write("notes/document.yaml", "symbol: X\n")),
    "a page gone": lambda p: (p.root / "build/html/doc/en.html").unlink(),
    "a page replaced": lambda p: (p.root / "build/html/doc/en.html").replace(
        p.root / "build/html/doc/en.html.old"),
    "the state gone": lambda p: (p.root / "build" / ".build-state.json").unlink(),
    "the templates gone": lambda p: (p.root / "templates" / "document.html").unlink(),
}


@pytest.mark.parametrize("spoil", list(SPOILS))
def test_a_kept_answer_is_not_said_once_a_file_changed(two: MiniProject, spoil: str,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str],
                                                       ) -> None:
    build(two)
    keep(two, monkeypatch, capsys, HTML)
    assert replayed(two, capsys, HTML)[0] == 0
    SPOILS[spoil](two)
    assert replayed(two, capsys, HTML) == (None, "")


@pytest.mark.parametrize("change", [c for c in CHANGES if c != "weasyprint"])
def test_a_kept_answer_is_not_said_once_an_input_changed(two: MiniProject, change: str,
                                                         tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str],
                                                         ) -> None:
    """Every change the check sees (a new WeasyPrint is a new folder where the libraries are
    found, which the kept answer depends on when it has PDFs)."""
    pdf, spoil, _ = CHANGES[change]
    args = ALL if pdf else HTML
    code = code_copy(tmp_path, monkeypatch)
    build(two, pdf=pdf)
    keep(two, monkeypatch, capsys, args)
    assert replayed(two, capsys, args)[0] == 0
    spoil(two, code, monkeypatch)
    assert replayed(two, capsys, args) == (None, "")


def test_an_answer_is_kept_where_the_command_keeps_its_cache(
        two: MiniProject, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    build(two)
    args = ["build", "html", "-q", "--cache", "elsewhere"]
    monkeypatch.chdir(two.root)
    monkeypatch.setattr(noop, "STABLE", -60.0)
    assert cli.main(args) == 0
    assert (two.root / "elsewhere" / noop.NOOP_FILE).is_file()
    assert noop.replay(args) == 0
    assert noop.place(["--out=o", "build"]) == os.path.join("o", noop.CACHE_DIR, noop.NOOP_FILE)
