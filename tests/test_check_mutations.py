"""The checker, built by mutation: clean content yields nothing; one defect, one finding."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from unccd_publish.check import check_project, check_with_accepted, read_glossary
from unccd_publish.check.findings import Finding
from unccd_publish.check.sheet import Checked, Sheet
from unccd_publish.diagnostics import Diagnostics
from unccd_publish.reading import read_project
from unccd_publish.reading.cache import ReadCache

from conftest import CONTENT, REPO

CST10 = "iccd-cop16-cst-10"
COP17 = "cop17-strategic-framework"


class Copy:
    """A copy of content/ in which one language file gets one defect."""

    def __init__(self, root: Path) -> None:
        self.content = root / "content"
        shutil.copytree(CONTENT, self.content)
        (root / "templates").symlink_to(REPO / "templates")

    def path(self, slug: str, lang: str) -> Path:
        return self.content / slug / f"{lang}.md"

    def mutate(self, slug: str, lang: str, old: str, new: str) -> Path:
        path = self.path(slug, lang)
        text = path.read_text(encoding="utf-8")
        assert text.count(old) >= 1, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    def line(self, slug: str, lang: str, needle: str) -> int:
        lines = self.path(slug, lang).read_text(encoding="utf-8").splitlines()
        return next(i for i, line in enumerate(lines, 1) if needle in line)

    def findings(self) -> list[Finding]:
        """The findings of a check; and the same findings again from the sheets as a check
        keeps them in the cache, without the model (``check -E`` of unchanged documents)."""
        diagnostics = Diagnostics()
        project = read_project(self.content, diagnostics)
        assert not diagnostics.errors, [d.format() for d in diagnostics.errors]
        sheets: dict[str, dict[str, Sheet]] = {}
        found = check_project(project, diagnostics, read=sheets).findings
        cache = ReadCache(self.content.parent / "kept", self.content)
        glossary = read_glossary(self.content, Diagnostics())
        again = []
        for docset in project.documents:
            folder = docset.meta.folder
            cache.put_checked(folder, "key", Checked(None, [], [], docset.meta.original,
                                                     sheets[docset.meta.slug], b""))
            kept = cache.checked(folder, "key")
            assert isinstance(kept, Checked) and all(s.made is None for s in kept.sheets.values())
            again += check_with_accepted(folder, kept.original, kept.sheets, glossary,
                                         project.config.suppress, {}, Diagnostics()).findings
        assert again == found, "kept sheets give the findings the model gives"
        return found


def places(finding: Finding) -> set[tuple[str, str, int]]:
    return {(loc.path.parent.name, lang, loc.line) for lang, loc in finding.places}


def assert_found(findings: list[Finding], code: str, slug: str, lang: str, line: int) -> None:
    hits = [f for f in findings if f.code == code and (slug, lang, line) in places(f)]
    assert hits, f"{code} at {slug}/{lang}.md:{line} not in " + "; ".join(
        f.format() for f in findings)
    other = "en" if lang == "zh" else "zh"
    assert any(p[1] == other for p in places(hits[0])), "the other language's place is named"


@pytest.fixture
def copy(tmp_path: Path) -> Copy:
    return Copy(tmp_path)


def test_the_clean_content_yields_nothing(copy: Copy) -> None:
    assert copy.findings() == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_paragraph_removed(copy: Copy, lang: str) -> None:
    start = {"zh": "7. 这种支持", "en": "7. This support"}[lang]
    text = copy.path(COP17, lang).read_text(encoding="utf-8")
    paragraph = next(line for line in text.splitlines() if line.startswith(start))
    copy.mutate(COP17, lang, paragraph + "\n\n", "")
    after = {"zh": "8. 此外", "en": "8. Furthermore"}[lang]
    assert_found(copy.findings(), "structure.paragraph-count", COP17, lang,
                 copy.line(COP17, lang, after))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_two_paragraphs_merged(copy: Copy, lang: str) -> None:
    second = {"zh": "\n\n13. 为了加强", "en": "\n\n13. To strengthen"}[lang]
    copy.mutate(COP17, lang, second, " " + second.split(". ", 1)[1])
    first = {"zh": "12. 《〈防治荒漠化公约〉", "en": "12. The implications"}[lang]
    assert_found(copy.findings(), "structure.paragraph-count", COP17, lang,
                 copy.line(COP17, lang, first))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_paragraph_split(copy: Copy, lang: str) -> None:
    cut = {"zh": "认识到，荒漠化、土地退化和干旱影响到每个人，",
           "en": "recognized that desertification, land degradation and drought affect everyone"}
    copy.mutate(COP17, lang, cut[lang], cut[lang] + "\n\n10. ")
    first = {"zh": "9. 关于荒漠化", "en": "9. With regard"}[lang]
    assert_found(copy.findings(), "structure.paragraph-count", COP17, lang,
                 copy.line(COP17, lang, first))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_footnote_call_moved_one_paragraph_down(copy: Copy, lang: str) -> None:
    path = copy.path(COP17, lang)
    text = path.read_text(encoding="utf-8")
    call = "[^other-documents]"
    start = text.index(call)
    text = text[:start] + text[start + len(call):]
    para5 = {"zh": "5. 由于本议程项目", "en": "5. Since the content"}[lang]
    end_of_5 = text.index("\n", text.index(para5))
    text = text[:end_of_5] + call + text[end_of_5:]
    path.write_text(text, encoding="utf-8")
    assert_found(copy.findings(), "footnote.placement", COP17, lang,
                 copy.line(COP17, lang, para5))


def test_a_paragraph_reference_number_changed(copy: Copy) -> None:
    copy.mutate(CST10, "zh", "[上文第 5 段]", "[上文第 6 段]")
    assert_found(copy.findings(), "ref.number", CST10, "zh",
                 copy.line(CST10, "zh", "[上文第 6 段]"))


def test_a_paragraph_reference_number_changed_in_english(copy: Copy) -> None:
    copy.mutate(COP17, "en", "[](#para-request-consultations)", "paragraph 9 above")
    findings = copy.findings()
    line = copy.line(COP17, "en", "paragraph 9 above")
    assert_found(findings, "ref.number", COP17, "en", line)
    assert_found(findings, "ref.target", COP17, "en", line)


def test_above_swapped_for_below(copy: Copy) -> None:
    copy.mutate(CST10, "zh", "[上文第 5 段]", "[下文第 5 段]")
    assert_found(copy.findings(), "ref.direction", CST10, "zh",
                 copy.line(CST10, "zh", "[下文第 5 段]"))


@pytest.mark.parametrize(("lang", "old", "new"), [
    ("zh", "回顾第 23/COP.11 号、第 19/COP.12 号", "回顾第 23/COP.12 号、第 19/COP.12 号"),
    ("en", "*Recalling* decisions 23/COP.11, 19/COP.12",
     "*Recalling* decisions 23/COP.12, 19/COP.12"),
])
def test_a_decision_symbol_changed(copy: Copy, lang: str, old: str, new: str) -> None:
    copy.mutate(CST10, lang, old, new)
    assert_found(copy.findings(), "symbol.decision", CST10, lang, copy.line(CST10, lang, new))


@pytest.mark.parametrize(("lang", "old", "new"), [
    ("zh", "审议了 ICCD/COP(16)/CST/2 号文件", "审议了 ICCD/COP(16)/CST/3 号文件"),
    ("en", "document ICCD/COP(16)/CST/2 and", "document ICCD/COP(16)/CST/3 and"),
])
def test_a_document_symbol_changed(copy: Copy, lang: str, old: str, new: str) -> None:
    copy.mutate(CST10, lang, old, new)
    assert_found(copy.findings(), "symbol.document", CST10, lang, copy.line(CST10, lang, new))


@pytest.mark.parametrize(("lang", "old", "new"), [
    ("zh", "执行 2022-2024 三年期工作方案", "执行 2022-2025 三年期工作方案"),
    ("en", "programme for the triennium 2022–2024,", "programme for the triennium 2021–2024,"),
])
def test_a_date_changed(copy: Copy, lang: str, old: str, new: str) -> None:
    copy.mutate(CST10, lang, old, new)
    assert_found(copy.findings(), "number.dates", CST10, lang, copy.line(CST10, lang, new))


@pytest.mark.parametrize(("lang", "item"), [("zh", "   (c) 在各个层面加强多部门协调"),
                                            ("en", "   (c) Strengthening multisectoral")])
def test_a_sub_item_dropped(copy: Copy, lang: str, item: str) -> None:
    text = copy.path(CST10, lang).read_text(encoding="utf-8")
    line = next(row for row in text.splitlines() if row.startswith(item))
    copy.mutate(CST10, lang, line + "\n\n", "")
    after = {"zh": "   (d) 制定激励措施", "en": "   (d) Developing incentives"}[lang]
    assert_found(copy.findings(), "structure.subparagraphs", CST10, lang,
                 copy.line(CST10, lang, after))


@pytest.mark.parametrize(("lang", "row", "next_row"), [
    ("zh", "- - 4. 在联合国环境规划署", "- - 5. 与联合国人类住区规划署"),
    ("en", "- - 4. Collaborate with the International Resource Panel",
     "- - 5. Collaborate with the Global Land Indicators"),
])
def test_a_table_row_dropped(copy: Copy, lang: str, row: str, next_row: str) -> None:
    path = copy.path(CST10, lang)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(row))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("- - "))
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    assert_found(copy.findings(), "structure.table-shape", CST10, lang,
                 copy.line(CST10, lang, next_row))


@pytest.mark.parametrize(("lang", "old", "new"), [
    ("zh", "1. 鼓励科学与政策联系平台继续", "1. 鼓励科学政策机制继续"),
    ("en", "1. *Encourages* the Science-Policy Interface to continue",
     "1. *Encourages* the science panel to continue"),
])
def test_a_key_term_replaced(copy: Copy, lang: str, old: str, new: str) -> None:
    copy.mutate(CST10, lang, old, new)
    assert_found(copy.findings(), "term.glossary", CST10, lang, copy.line(CST10, lang, new))
