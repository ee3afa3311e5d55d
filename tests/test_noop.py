"""A build with nothing to do: told without loading the builders, and said exactly as the
full build says it; any changed input still makes the full build run."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from unccd_publish import cli, environment, libraries, uptodate
from unccd_publish.build import BuildOptions, run_build
from unccd_publish.reading import document_folders, select_folders
from unccd_publish.report import BuildReport

from conftest import DOCUMENT_YAML, EN_MD, REPO, MiniProject

HEAVY = ("jinja2", "markdown_it", "mdit_py_plugins", "weasyprint", "jsonschema", "babel",
         "yaml", "importlib.metadata", "unccd_publish.build", "unccd_publish.reading",
         "unccd_publish.html", "unccd_publish.pdf", "unccd_publish.catalogue")

RUN_MAIN = """\
import json, sys
from unccd_publish.cli import main
status = main(sys.argv[1:])
print(json.dumps({"status": status, "modules": sorted(sys.modules)}))
"""


def build(project: MiniProject, pdf: bool = False) -> BuildReport:
    """What `build html` (or, with ``pdf``, `build all`: the Word files too) writes."""
    formats = ("html", "docx") if pdf else ("html",)
    report = run_build(BuildOptions(project.content, project.root / "build", formats=formats,
                                    pdf=pdf, jobs=1))
    assert not report.diagnostics.errors, [d.format() for d in report.diagnostics]
    return report


def nothing_to_do(project: MiniProject, pdf: bool = False,
                  names: list[str] | None = None) -> BuildReport | None:
    return uptodate.nothing_to_do(project.content, project.root / "build", pdf=pdf,
                                  names=names or [])


def run(project: MiniProject, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        *args: str, fast: bool = True) -> tuple[int, str, bool]:
    """``unccd-publish ARGS`` in this process: (exit status, what it printed with times
    blotted out, whether the cheap check answered)."""
    answered: list[bool] = []
    real = uptodate.nothing_to_do

    def check(content: Path, out: Path, **options: Any) -> BuildReport | None:
        report = real(content, out, **options) if fast else None
        answered.append(report is not None)
        return report

    with monkeypatch.context() as patch:
        patch.chdir(project.root)
        patch.setattr(uptodate, "nothing_to_do", check)
        status = cli.main(list(args))
    captured = capsys.readouterr()
    printed = re.sub(r"\d+\.\d\d s\b", "… s", captured.out + captured.err)
    return status, printed, any(answered)


def same_as_full_build(project: MiniProject, monkeypatch: pytest.MonkeyPatch,
                       capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run ``args`` with and without the cheap check; both must say and exit the same."""
    status, printed, fast = run(project, monkeypatch, capsys, *args)
    assert fast, printed
    full_status, full_printed, _ = run(project, monkeypatch, capsys, *args, fast=False)
    assert (status, printed) == (full_status, full_printed)
    return status, printed


def test_a_no_op_build_loads_none_of_the_builders(mini: MiniProject) -> None:
    first = mini.run("build", "all")
    assert first.returncode == 0, first.stderr
    for args in (["build", "html", "-q"], ["build", "pdf", "-q"], ["build", "all", "-q"],
                 ["build"], ["build", "html", "doc"], ["build", "ICCD/COP(16)/CST/99"]):
        result = subprocess.run([sys.executable, "-c", RUN_MAIN, *args], cwd=mini.root,
                                capture_output=True, text=True, timeout=120)
        answer = json.loads(result.stdout)
        assert answer["status"] == 0, result.stderr
        loaded = [m for m in answer["modules"]
                  if any(m == h or m.startswith(f"{h}.") for h in HEAVY)]
        assert loaded == [], (args, loaded)
        if "-q" in args:
            assert result.stderr == ""
        else:
            assert result.stderr.startswith("nothing to do: everything in build/ is up to date")


def test_fresh_builds_everything_again(mini: MiniProject, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    build(mini)
    status, printed, fast = run(mini, monkeypatch, capsys, "build", "html", "-E")
    assert status == 0 and not fast
    assert printed.startswith("wrote 1 HTML page(s)")


@pytest.mark.parametrize("what", ["html", "pdf", "all"])
def test_the_no_op_says_what_the_full_build_says(two: MiniProject, what: str,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    build(two, pdf=what != "html")
    for args in ([what], [what, "-q"], [what, "-v"], [what, "other"], [what, "content/doc/"],
                 [what, "ICCD/COP(16)/CST/98"], [what, "doc", "ICCD/COP(16)/CST/98"]):
        status, printed = same_as_full_build(two, monkeypatch, capsys, "build", *args)
        assert status == 0
        assert printed == ("" if "-q" in args else
                           "nothing to do: everything in build/ is up to date (… s)\n")


def test_replayed_warnings_are_printed_and_fail_with_W(mini: MiniProject,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    mini.write("doc/en.md", EN_MD.replace("2. Second", "5. Second"))
    assert not build(mini, pdf=True).diagnostics.errors
    for args in (["html"], ["all", "-q"], ["pdf", "-W"], ["html", "-W", "-q"]):
        status, printed = same_as_full_build(mini, monkeypatch, capsys, "build", *args)
        assert "content/doc/en.md:" in printed and "[number.mismatch]" in printed
        assert status == (1 if "-W" in args else 0)
        assert ("1 warning(s)" in printed) == ("-q" not in args)


def test_replayed_errors_keep_the_last_good_output_and_fail(mini: MiniProject,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str],
                                                           ) -> None:
    build(mini, pdf=True)
    mini.write("doc/en.md", EN_MD.replace("Second paragraph.", "As [](#nowhere) says."))
    first = run_build(BuildOptions(mini.content, mini.root / "build", jobs=1))
    assert first.diagnostics.errors and first.failed == ["doc"]
    for args in (["all"], ["html", "-q"], ["all", "--no-keep-going"]):
        status, printed = same_as_full_build(mini, monkeypatch, capsys, "build", *args)
        assert status == 1 and "content/doc/en.md:" in printed and "error" in printed
    without_harfbuzz(monkeypatch)  # --no-keep-going stops before the PDFs, and what they say
    status, printed = same_as_full_build(mini, monkeypatch, capsys, "build", "all",
                                         "--no-keep-going")
    assert status == 1 and "[pdf.harfbuzz-subset]" not in printed
    status, printed = same_as_full_build(mini, monkeypatch, capsys, "build", "all")
    assert status == 1 and "[pdf.harfbuzz-subset]" in printed


def without_harfbuzz(monkeypatch: pytest.MonkeyPatch) -> None:
    from unccd_publish.pdf import builder as pdf_builder

    monkeypatch.setattr(uptodate, "harfbuzz_subset_available", lambda: False)
    monkeypatch.setattr(pdf_builder, "harfbuzz_subset_available", lambda: False)


def test_a_missing_harfbuzz_subset_is_said_as_the_full_build_says_it(
        mini: MiniProject, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    build(mini, pdf=True)
    without_harfbuzz(monkeypatch)
    status, printed = same_as_full_build(mini, monkeypatch, capsys, "build", "all", "-W")
    assert status == 1 and "[pdf.harfbuzz-subset]" in printed
    status, printed = same_as_full_build(mini, monkeypatch, capsys, "build", "html", "-W")
    assert status == 0 and printed.startswith("nothing to do")


def code_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The package's code and catalogues as the build digests them, copied where a test may
    change them."""
    copy = tmp_path / "code"
    shutil.copytree(environment.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(environment, "PACKAGE", copy)
    return copy


def append(path: Path, text: str) -> None:
    path.write_text((path.read_text() if path.exists() else "") + text)


CHANGES: dict[str, tuple[bool, Callable[[MiniProject, Path, pytest.MonkeyPatch], None],
                         list[str]]] = {
    "source": (False, lambda p, _, __: append(p.doc / "en.md", "\n3. Third paragraph.\n"),
               ["html/doc/en.html"]),
    "metadata": (False, lambda p, _, __: append(p.doc / "document.yaml", "# changed\n"),
                 ["html/doc/en.html"]),
    "template": (False, lambda p, _, __: append(p.root / "templates" / "document.html",
                                                "\n<!-- changed -->\n"),
                 ["html/doc/en.html", "html/index.html", "html/other/en.html"]),
    "catalogue": (False, lambda _, code, __: append(code / "catalogue" / "en.yaml",
                                                     "\n# changed\n"),
                  ["html/doc/en.html", "html/index.html", "html/other/en.html"]),
    "config": (False, lambda p, _, __: append(p.content / "config.yaml", "title: Changed\n"),
               ["html/doc/en.html", "html/index.html", "html/other/en.html"]),
    "bodies": (False, lambda p, _, __: append(p.content / "bodies.yaml", "\n# changed\n"),
               ["html/doc/en.html", "html/index.html", "html/other/en.html"]),
    "code": (False, lambda _, code, __: append(code / "model.py", "\n# changed\n"),
             ["html/doc/en.html", "html/index.html", "html/other/en.html"]),
    "stylesheet": (True, lambda p, _, __: append(p.root / "templates" / "static" / "print.css",
                                                 "\nbody { word-spacing: 0.01em; }\n"),
                   ["pdf/ICCD_COP(16)_CST_98_E.pdf", "pdf/ICCD_COP(16)_CST_99_E.pdf"]),
    "weasyprint": (True, lambda _, __, patch: patch.setattr(
        environment, "installed_version", lambda name: "0.0-changed"),
                   ["pdf/ICCD_COP(16)_CST_98_E.pdf", "pdf/ICCD_COP(16)_CST_99_E.pdf"]),
    "a page gone": (False, lambda p, _, __: (p.root / "build/html/other/en.html").unlink(),
                    ["html/other/en.html"]),
    "the index gone": (False, lambda p, _, __: (p.root / "build/html/index.html").unlink(),
                       ["html/index.html"]),
    "a PDF gone": (True, lambda p, _, __: (p.root / "build/pdf/ICCD_COP(16)_CST_98_E.pdf"
                                           ).unlink(),
                   ["pdf/ICCD_COP(16)_CST_98_E.pdf"]),
    "a stylesheet of the pages gone": (
        False, lambda p, _, __: (p.root / "build/html/static/un.css").unlink(), []),
    "a new document": (False, lambda p, _, __: (p.write("third/document.yaml",
                                                        DOCUMENT_YAML.replace("99", "97")),
                                                p.write("third/en.md", EN_MD)),
                       ["html/index.html", "html/third/en.html"]),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_changed_input_is_built_again(two: MiniProject, change: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    pdf, spoil, rebuilt = CHANGES[change]
    code = code_copy(tmp_path, monkeypatch)
    build(two, pdf=pdf)
    assert nothing_to_do(two, pdf=pdf) is not None
    spoil(two, code, monkeypatch)
    assert nothing_to_do(two, pdf=pdf) is None
    report = build(two, pdf=pdf)
    root = (two.root / "build").resolve()
    assert sorted(str(Path(p).resolve().relative_to(root)) for p in report.written) == rebuilt
    assert nothing_to_do(two, pdf=pdf) is not None


def test_the_weasyprint_version_does_not_concern_the_html(two: MiniProject,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    build(two)
    monkeypatch.setattr(environment, "installed_version", lambda name: "0.0-changed")
    assert nothing_to_do(two) is not None


@pytest.mark.parametrize("spoil", ["missing", "corrupt", "older", "another index"])
def test_without_a_good_state_the_full_build_decides(mini: MiniProject, spoil: str) -> None:
    build(mini)
    state = mini.root / "build" / environment.STATE_FILE
    if spoil == "missing":
        state.unlink()
    elif spoil == "corrupt":
        state.write_text(state.read_text()[:-20])
    else:
        raw = json.loads(state.read_text())
        if spoil == "older":
            raw["version"] = environment.STATE_VERSION - 1
        else:
            raw["index"] = "0"
        state.write_text(json.dumps(raw))
    assert nothing_to_do(mini) is None


def test_what_cannot_be_read_is_left_to_the_full_build(two: MiniProject) -> None:
    build(two)
    shutil.rmtree(two.root / "templates" / "static")  # the project's own copy
    assert nothing_to_do(two) is None
    (two.root / "out").write_text("not a folder")
    assert uptodate.nothing_to_do(two.content, two.root / "out", pdf=True, names=[]) is None


def test_a_document_gone_or_unknown_by_symbol_leaves_it_to_the_full_build(two: MiniProject,
                                                                        ) -> None:
    build(two)
    assert nothing_to_do(two, names=["ICCD/COP(16)/CST/98"]) is not None
    assert nothing_to_do(two, names=["ICCD/COP(16)/CST/12"]) is None  # matches nothing
    two.write("third/document.yaml", DOCUMENT_YAML.replace("CST/99", "CST/97"))
    assert nothing_to_do(two, names=["other"]) is not None  # 'third' is not selected
    assert nothing_to_do(two, names=["ICCD/COP(16)/CST/97"]) is None  # only its sources know
    shutil.rmtree(two.content / "third")
    shutil.rmtree(two.content / "other")
    assert nothing_to_do(two, names=["doc"]) is None  # the state still has 'other'


def test_a_problem_of_the_configuration_leaves_it_to_the_full_build(mini: MiniProject) -> None:
    mini.write("config.yaml", "- not a mapping\n")
    report = run_build(BuildOptions(mini.content, mini.root / "build", pdf=False))
    assert [d.code for d in report.diagnostics] == ["config.invalid"]
    assert nothing_to_do(mini) is None


def test_the_emblem_is_checked_as_the_full_build_checks_it(mini: MiniProject) -> None:
    (mini.content / "emblem.png").write_bytes(b"an image")
    mini.write("config.yaml", "emblem: emblem.png\n")
    build(mini)
    assert (mini.root / "build" / "content" / "emblem.png").read_bytes() == b"an image"
    assert nothing_to_do(mini) is not None
    (mini.content / "emblem.png").write_bytes(b"another image")
    assert nothing_to_do(mini) is None
    build(mini)
    assert nothing_to_do(mini) is not None
    (mini.content / "emblem.png").unlink()
    assert nothing_to_do(mini) is None


def test_folders_and_selection_are_those_of_the_full_build(two: MiniProject) -> None:
    build(two)
    (two.content / "notes").mkdir()
    (two.content / "notes" / "en.md").write_text(EN_MD)
    folders = document_folders(two.content)
    state = environment.State.load(two.root / "build")
    symbols = {name: record.symbol for name, record in state.documents.items()}
    for names in ([], ["doc"], ["other/"], [str(two.content / "doc")], ["ICCD/COP(16)/CST/98"],
                  ["doc", "ICCD/COP(16)/CST/98"], ["notes"], ["nothing"]):
        assert uptodate.select(folders, names, state) == select_folders(folders, names,
                                                                       symbols.get)


def test_weasyprint_version_is_read_as_its_metadata_says() -> None:
    assert environment.installed_version("weasyprint") == metadata.version("weasyprint")
    assert environment.installed_version("WeasyPrint") == metadata.version("weasyprint")


def test_the_repository_builds_nothing_twice(html_out: Path) -> None:
    """content/ itself: a second run of ``build html`` is answered by the cheap check."""
    report = uptodate.nothing_to_do(REPO / "content", html_out.parent, pdf=False, names=[])
    assert report is not None and not report.diagnostics.items


@pytest.mark.parametrize("name", ["harfbuzz-subset", "c", "m", "z", "no-such-library-here"])
def test_the_linker_cache_finds_what_ctypes_finds(name: str) -> None:
    import ctypes.util

    found = ctypes.util.find_library(name) is not None
    assert libraries.library_available(name) == found
    assert not libraries.in_linker_cache(f"lib{name}.".encode()) or found


def test_a_hidden_folder_is_no_document_for_the_build_nor_for_the_no_op(
        two: MiniProject) -> None:
    build(two)
    two.write(".draft/document.yaml", DOCUMENT_YAML.replace("CST/99", "CST/97"))
    two.write(".draft/en.md", EN_MD)
    assert nothing_to_do(two) is not None
    report = run_build(BuildOptions(two.content, two.root / "build", pdf=False, jobs=1))
    assert report.written == [] and not report.diagnostics.items


# what reading, comparing and reporting load, and a run that does none of it needs not
PARSERS = ("markdown_it", "mdit_py_plugins", "markdown_it_pyrs", "jinja2", "num2words",
           "concurrent.futures")


def parsers_loaded(root: Path, *args: str) -> list[str]:
    """The modules of PARSERS a run of ``args`` loaded."""
    result = subprocess.run([sys.executable, "-c", RUN_MAIN, *args], cwd=root,
                            capture_output=True, text=True, timeout=120)
    answer = json.loads(result.stdout.splitlines()[-1])
    assert answer["status"] == 0, result.stderr
    return [m for m in answer["modules"] if any(m == p or m.startswith(f"{p}.") for p in PARSERS)]


def test_checks_that_parse_nothing_load_no_markdown_parser(tmp_path: Path) -> None:
    """A check with nothing to compare again replays what the last one found: it loads no
    Markdown parser, template engine, number words or worker pool. -E with a warm read
    cache takes every document from the cache and writes its pages again as they were: no
    parser and no template engine. A check of an edited source loads both."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    (tmp_path / "templates").symlink_to(REPO / "templates")
    assert "jinja2" in parsers_loaded(tmp_path, "check", "-q", "-j", "1")
    pages = sorted((tmp_path / "build" / "check").glob("*.html"))
    assert len(pages) == 2
    assert parsers_loaded(tmp_path, "check", "-q") == []
    assert {m.split(".")[0] for m in parsers_loaded(tmp_path, "check", "-q", "-E", "-j", "1")
            } <= {"num2words", "concurrent"}
    assert sorted((tmp_path / "build" / "check").glob("*.html")) == pages
    source = next((tmp_path / "content").glob("*/en.md"))
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    loaded = parsers_loaded(tmp_path, "check", "-q", "-j", "1")
    assert "markdown_it_pyrs" in loaded and "jinja2" in loaded
