"""The checker compares again only the documents whose inputs changed, and replays the rest."""

from __future__ import annotations

import os
import pickle
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import unccd_publish.reading as reading
from test_check_mutations import COP17, CST10, Copy
from unccd_publish.check.run import CHUNK, CheckRun, run_check
from unccd_publish.check.state import CheckState
from unccd_publish.diagnostics import Diagnostics
from unccd_publish.environment import digest
from unccd_publish.reading.cache import ReadCache, framed

from conftest import REPO, run_cli

LABEL = "d5-intersessional-agenda"
CITATION = {"en": f"See also [](iccd-cop16-cst-10#{LABEL}).\n\n",
            "zh": f"另见[](iccd-cop16-cst-10#{LABEL})。\n\n"}


class Checking:
    """A copy of content/ whose COP 17 note cites a decision of ICCD/COP(16)/CST/10, and a
    record of which language files each check parses."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.copy = Copy(root)
        self.out = root / "out" / "check"
        self.parsed: list[str] = []
        for lang, citation in CITATION.items():
            self.copy.mutate(COP17, lang, "::: summary\n", "::: summary\n" + citation)
        original = reading.parse_markdown

        def counting(text, path, diagnostics, *rest):  # type: ignore[no-untyped-def]
            self.parsed.append(f"{path.parent.name}/{path.name}")
            return original(text, path, diagnostics, *rest)

        monkeypatch.setattr(reading, "parse_markdown", counting)

    def check(self, fresh: bool = False, cache: Path | None = None,
              ) -> tuple[CheckRun, Diagnostics]:
        self.parsed.clear()
        diagnostics = Diagnostics()
        run = run_check(self.copy.content, self.out, [], diagnostics, fresh=fresh, cache=cache)
        assert run is not None
        return run, diagnostics


@pytest.fixture
def checking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Checking]:
    yield Checking(tmp_path, monkeypatch)


def lines(run: CheckRun, diagnostics: Diagnostics) -> list[str]:
    return [f.format() for f in run.report.findings] + [d.format() for d in diagnostics]


def test_an_unchanged_corpus_is_not_read_again_and_gives_the_same_findings(
        checking: Checking) -> None:
    checking.copy.mutate(CST10, "zh", "[上文第 5 段]", "[下文第 5 段]")  # one finding
    first, diagnostics = checking.check()
    assert sorted(first.compared) == [COP17, CST10] and first.replayed == []
    assert len(checking.parsed) == 4
    assert [f.code for f in first.report.findings] == ["ref.direction"]

    again, diagnostics_again = checking.check()
    assert checking.parsed == [], "a check with nothing changed reads no Markdown"
    assert again.compared == [] and sorted(again.replayed) == [COP17, CST10]
    assert lines(again, diagnostics_again) == lines(first, diagnostics)
    assert again.report.findings[0].places == first.report.findings[0].places


def test_a_check_with_nothing_changed_leaves_its_state_file_alone(checking: Checking) -> None:
    from unccd_publish.check.state import STATE_FILE

    checking.check()
    state = checking.out / STATE_FILE
    before = state.stat().st_mtime_ns
    checking.check()
    assert state.stat().st_mtime_ns == before
    checking.copy.mutate(CST10, "zh", "[上文第 5 段]", "[下文第 5 段]")
    checking.check()
    assert state.stat().st_mtime_ns != before  # a change is recorded


def test_a_changed_source_compares_that_document_only(checking: Checking) -> None:
    checking.check()
    path = checking.copy.mutate(COP17, "zh", "在 2025-2030 年", "在 2025-2031 年")
    run, _ = checking.check()
    assert run.compared == [COP17] and run.replayed == [CST10]
    # the cited document is read for its labels, not compared
    assert sorted(checking.parsed) == [f"{COP17}/en.md", f"{COP17}/zh.md", f"{CST10}/en.md",
                                       f"{CST10}/zh.md"]
    assert any(f.code.startswith("number.") and f.places[0][1].path == path
               for f in run.report.findings)


def test_a_changed_cited_document_compares_the_citing_one_too(checking: Checking) -> None:
    _, diagnostics = checking.check()
    assert not diagnostics.items
    for lang in ("en", "zh"):
        checking.copy.mutate(CST10, lang, f"{{#{LABEL}}}", "{#renamed-label}")
    run, diagnostics = checking.check()
    assert sorted(run.compared) == [COP17, CST10]
    unresolved = {d.location.path.name for d in diagnostics
                  if d.code == "label.unresolved" and d.location.path.parent.name == COP17}
    assert unresolved == {"en.md", "zh.md"}

    replayed, diagnostics = checking.check()
    assert replayed.compared == [] and checking.parsed == []
    assert {d.location.path.name for d in diagnostics if d.code == "label.unresolved"
            and d.location.path.parent.name == COP17} == unresolved, \
        "the problems of a source are replayed while it stays unchanged"


def test_shared_inputs_missing_reports_and_fresh_compare_everything(checking: Checking) -> None:
    checking.check()
    glossary = checking.copy.content / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert sorted(checking.check()[0].compared) == [COP17, CST10]

    (checking.out / f"{CST10}.html").unlink()
    run, _ = checking.check()
    assert run.compared == [CST10] and (checking.out / f"{CST10}.html").is_file()

    assert sorted(checking.check(fresh=True)[0].compared) == [COP17, CST10]


def test_the_command_replays_findings_with_the_same_exit_status(tmp_path: Path) -> None:
    copy = Copy(tmp_path)
    copy.mutate(CST10, "zh", "[上文第 5 段]", "[下文第 5 段]")
    first = run_cli("--out", "out", "check", cwd=tmp_path)
    again = run_cli("--out", "out", "check", cwd=tmp_path)
    assert first.returncode == again.returncode == 1
    assert first.stdout == again.stdout and "[ref.direction]" in again.stdout
    assert "(2 compared, 0 unchanged" in first.stderr
    assert "(0 compared, 2 unchanged" in again.stderr
    fresh = run_cli("--out", "out", "check", "-E", cwd=tmp_path)
    assert "(2 compared, 0 unchanged" in fresh.stderr and fresh.stdout == first.stdout


def test_parallel_and_serial_checks_agree(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    from corpus import make_corpus

    content = tmp_path / "content"
    names = make_corpus(REPO / "content", content, 2 * CHUNK + 2)
    (tmp_path / "templates").symlink_to(REPO / "templates")
    late = next(n for n in reversed(names) if n.endswith(CST10))  # in the last chunk
    path = content / late / "zh.md"
    path.write_text(path.read_text(encoding="utf-8").replace("[上文第 5 段]", "[下文第 5 段]", 1),
                    encoding="utf-8")
    outputs = {}
    for jobs in ("1", "2"):
        done = run_cli("--content", "content", "--out", f"out-{jobs}", "check", "-j", jobs,
                       cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        assert f"{late}/zh.md" in done.stdout and "[ref.direction]" in done.stdout
        check = tmp_path / f"out-{jobs}" / "check"
        outputs[jobs] = (done.stdout, {p.name: p.read_bytes() for p in check.iterdir()})
    assert outputs["1"] == outputs["2"], "findings, reports and the remembered state agree"
    assert len(outputs["1"][1]) == len(names) + 2  # a report each, the stylesheet, the state


def test_pages_kept_by_check_e_are_those_a_fresh_rendering_writes(
        checking: Checking, monkeypatch: pytest.MonkeyPatch) -> None:
    """``check -E`` compares everything again and writes every page again, but a page is
    written as the last check wrote it, not rendered, only while its document's key is the
    same (its sources, the texts it cites from others, the template) and the file holds
    what was written."""
    from unccd_publish.check import report

    root = checking.copy.content.parent
    (root / "templates").unlink()  # a template of its own, to edit
    shutil.copytree(REPO / "templates", root / "templates")
    rendered: list[str] = []
    original = report._page

    def counting(template, docset, *rest):  # type: ignore[no-untyped-def]
        rendered.append(docset.meta.slug)
        return original(template, docset, *rest)

    monkeypatch.setattr(report, "_page", counting)

    def pages() -> dict[str, bytes]:
        rendered.clear()
        run = run_check(checking.copy.content, checking.out, [], Diagnostics(), fresh=True)
        assert run is not None and sorted(run.compared) == [COP17, CST10]
        return {p.name: p.read_bytes() for p in checking.out.glob("*.html")}

    first = pages()
    assert sorted(rendered) == [COP17, CST10]
    written = {p.name: p.stat().st_mtime_ns for p in checking.out.glob("*.html")}
    assert pages() == first and rendered == [], "every page as it was written"
    assert all(p.stat().st_mtime_ns != written[p.name] for p in checking.out.glob("*.html")), \
        "and every page written again"
    for page in checking.out.glob("*.html"):  # the pages gone: rendered again, to the same bytes
        page.unlink()
    assert pages() == first and sorted(rendered) == [COP17, CST10]

    # a page edited by hand is rendered again
    edited_by_hand = checking.out / f"{CST10}.html"
    edited_by_hand.write_bytes(edited_by_hand.read_bytes().replace(b"<main>", b"<main x>"))
    assert pages() == first and rendered == [CST10]

    # the cited decision's label goes: the citing note's text changes, not its sources
    for lang in ("en", "zh"):
        checking.copy.mutate(CST10, lang, f"{{#{LABEL}}}", "{#renamed-label}")
    linked = pages()
    assert linked[f"{COP17}.html"] != first[f"{COP17}.html"]
    assert COP17 in rendered

    template = root / "templates" / "check.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "<main>", "<main data-edited>"), encoding="utf-8")
    edited = pages()
    assert sorted(rendered) == [COP17, CST10]
    assert all(b"<main data-edited>" in page for page in edited.values())


class Planted:
    """What an attacker would plant: unpickling it runs a command."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch planted-ran",))


def test_check_e_compares_unchanged_documents_from_their_kept_sheets(
        checking: Checking, monkeypatch: pytest.MonkeyPatch) -> None:
    """``check -E`` with a warm cache compares every document again; one unchanged since the
    last check, whose pages are as written, is compared from the sheets that check kept,
    without loading its model. A kept entry that is spoilt or planted is not trusted."""
    cache = checking.copy.content.parent / "cache"
    checking.copy.mutate(CST10, "zh", "[上文第 5 段]", "[下文第 5 段]")  # one finding
    loaded: list[str] = []
    get = ReadCache.get

    def counting(self: ReadCache, source: Path, key: str) -> object:
        loaded.append(source.name)
        return get(self, source, key)

    monkeypatch.setattr(ReadCache, "get", counting)
    first, diagnostics = checking.check(cache=cache)
    assert [f.code for f in first.report.findings] == ["ref.direction"]
    pages = {p.name: p.read_bytes() for p in checking.out.glob("*.html")}
    assert {p.name for p in cache.glob("*.checked.pickle")} == {
        f"{COP17}.checked.pickle", f"{CST10}.checked.pickle"}

    loaded.clear()
    again, diagnostics_again = checking.check(fresh=True, cache=cache)
    assert sorted(again.compared) == [COP17, CST10]
    assert loaded == [] and checking.parsed == [], "no model loaded, no Markdown parsed"
    assert lines(again, diagnostics_again) == lines(first, diagnostics)
    assert {p.name: p.read_bytes() for p in checking.out.glob("*.html")} == pages

    spoilt = cache / f"{CST10}.checked.pickle"
    spoilt.write_bytes(spoilt.read_bytes()[:-9] + b"corrupted")
    loaded.clear()
    again, diagnostics_again = checking.check(fresh=True, cache=cache)
    assert loaded == [CST10], "a spoilt entry: the model is loaded instead"
    assert lines(again, diagnostics_again) == lines(first, diagnostics)

    key = CheckState.load(checking.out).documents[CST10].key
    source = checking.copy.content / CST10
    spoilt.write_bytes(framed(digest(key, str(source)), pickle.dumps((key, Planted()))))
    monkeypatch.chdir(checking.copy.content.parent)
    loaded.clear()
    again, diagnostics_again = checking.check(fresh=True, cache=cache)
    assert not (checking.copy.content.parent / "planted-ran").exists()
    assert loaded == [CST10]
    assert lines(again, diagnostics_again) == lines(first, diagnostics)

    checking.copy.mutate(CST10, "zh", "[下文第 5 段]", "[上文第 5 段]")  # the defect mended
    loaded.clear()
    mended, _ = checking.check(fresh=True, cache=cache)
    assert mended.report.findings == [], "a changed source is compared from its model"
    assert CST10 in loaded
