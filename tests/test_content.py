"""Both documents, in both languages, have the structure of the seeds."""

from __future__ import annotations

import re

import pytest

from unccd_publish import model as m
from unccd_publish.reading import Project

from conftest import SEEDS

CST10 = "iccd-cop16-cst-10"
COP17 = "cop17-strategic-framework"
LANGS = ["en", "zh"]

# per decision of ICCD/COP(16)/CST/10: preambular paragraphs, operative paragraphs, and the
# sub-paragraphs of each operative paragraph that has them
CST10_DECISIONS = [
    (9, 7, {7: 7}),
    (6, 8, {1: 4, 2: 3, 7: 4}),
    (10, 7, {}),
    (11, 12, {}),
    (6, 17, {2: 4, 3: 4, 4: 3, 9: 5}),
    (5, 2, {2: 3}),
    (6, 3, {}),
]


def version(project: Project, slug: str, lang: str) -> m.Document:
    return next(d for d in project.documents if d.meta.slug == slug).versions[lang]


def subparagraph_counts(paragraph: m.NumberedParagraph) -> int:
    return sum(1 + len(b.items) for b in paragraph.blocks if isinstance(b, m.SubParagraph))


@pytest.mark.parametrize("lang", LANGS)
def test_cst10_decisions(project: Project, lang: str) -> None:
    doc = version(project, CST10, lang)
    assert doc.meta.kind == "draft-decisions"
    decisions = doc.decisions()
    assert len(decisions) == len(CST10_DECISIONS)
    for decision, (preamble, operative, subs) in zip(decisions, CST10_DECISIONS, strict=True):
        assert len(decision.preamble) == preamble, decision.number
        paragraphs = decision.operative
        assert [p.number for p in paragraphs] == list(range(1, operative + 1)), decision.number
        found = {p.number: subparagraph_counts(p) for p in paragraphs if subparagraph_counts(p)}
        assert found == subs, decision.number


@pytest.mark.parametrize("lang", LANGS)
def test_cst10_preamble_items_footnotes_tables_and_references(project: Project, lang: str) -> None:
    doc = version(project, CST10, lang)
    decision4 = doc.decisions()[3]
    assert [b.marker for b in decision4.blocks if isinstance(b, m.SubParagraph)] == [
        "(a)", "(b)", "(c)"]
    assert [f.number for f in doc.footnotes] == [1, 2, 3, 4, 5]
    where = {}
    for block in doc.walk():
        for run in m.inlines_of(block):
            for inline in m.walk_inlines(run):
                if isinstance(inline, m.FootnoteCall):
                    where[inline.number] = block
    decision_of = {n: next(d.number for d in doc.decisions() if any(
        b is where[n] for b in m.walk(d))) for n in where}
    assert decision_of == {1: 1, 2: 2, 3: 6, 4: 7, 5: 7}
    tables = [b for b in doc.walk() if isinstance(b, m.Table)]
    assert [t.number for t in tables] == [1, 2]
    assert [len(t.rows) for t in tables] == [3, 7]
    assert all(len(r.cells) == 2 for t in tables for r in t.rows)
    assert [r.header for r in tables[1].rows] == [True] + [False] * 6
    cell_subs = [[sum(isinstance(b, m.SubParagraph) for b in c.blocks) for c in r.cells]
                 for t in tables for r in t.rows[1:]]
    assert cell_subs == [[0, 8], [0, 3], [0, 3], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0]]
    annexes = [b for b in doc.walk() if isinstance(b, m.Annex)]
    assert len(annexes) == 1 and annexes[0] in doc.decisions()[5].blocks
    refs = [i for b in doc.walk() for r in m.inlines_of(b) for i in m.walk_inlines(r)
            if isinstance(i, m.CrossRef)]
    assert [(r.target.anchor, r.target.number) for r in refs] == [("decision-5-para-5", 5)]


@pytest.mark.parametrize("lang", LANGS)
def test_cop17_note(project: Project, lang: str) -> None:
    doc = version(project, COP17, lang)
    assert doc.meta.kind == "note" and doc.meta.symbol is None and doc.meta.date is None
    chapters = [b for b in doc.body if isinstance(b, m.Section)]
    assert [c.number.rstrip(".") for c in chapters] == (
        ["I", "II", "III"] if lang == "en" else ["一", "二", "三"])
    per_chapter = [[p.number for p in c.blocks if isinstance(p, m.NumberedParagraph)]
                   for c in chapters]
    assert per_chapter == [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11], [12, 13, 14, 15]]
    assert len(doc.footnotes) == 1
    annex = next(b for b in doc.walk() if isinstance(b, m.Annex))
    sections = [s.number for s in m.walk(annex) if isinstance(s, m.Section)]
    assert sections == ["1.", "2.", "2.1", "2.2", "2.3", "2.4", "3.", "3.1", "3.2", "3.3",
                        "3.4", "3.5", "4.", "5.", "6."]
    refs = [i for b in doc.walk() for r in m.inlines_of(b) for i in m.walk_inlines(r)
            if isinstance(i, m.CrossRef)]
    assert [(r.target.anchor, r.target.number) for r in refs] == [("para-10", 10)]


@pytest.mark.parametrize("slug", [CST10, COP17])
def test_both_languages_have_the_same_shape(project: Project, slug: str) -> None:
    def shape(doc: m.Document) -> list[tuple[str, str]]:
        return [(b.kind, b.anchor) for b in doc.walk()]

    en, zh = version(project, slug, "en"), version(project, slug, "zh")
    assert shape(en) == shape(zh)
    assert [f.number for f in en.footnotes] == [f.number for f in zh.footnotes]


def _normalise(text: str) -> str:
    table = str.maketrans({"（": "(", "）": ")", "，": ",", "：": ":", "；": ";", "–": "-",
                           "—": "-", "“": '"', "”": '"'})
    return re.sub(r"\s+", "", text).translate(table)


def _seed(name: str) -> str:
    """The seed's text, normalised: the body first, then the footnotes taken out of it."""
    text = (SEEDS / name).read_text(encoding="utf-8")
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)  # the extraction's HTML scraps in the tables
    notes = re.findall(r"^[¹²³⁴⁵].*$", text, flags=re.M)
    text = re.sub(r"^[¹²³⁴⁵].*$", "", text, flags=re.M)  # footnote texts between lines
    text += "".join(note[1:] for note in notes)
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text).replace("\\(", "(").replace("\\)", ")")
    return _normalise(re.sub(r"[¹²³⁴⁵]", "", text))


# words the build prints from the metadata and the catalogue, not from the Markdown
MASTHEAD = ["联合国", "防治荒漠化公约", "缔约方会议", "科学和技术委员会",
            "第十六届会议", "第十七届会议", "沙特阿拉伯利雅得", "蒙古乌兰巴托",
            "临时议程项目", "秘书处的说明", "概要", "附件", "表"]


@pytest.mark.parametrize(("slug", "seed"), [(CST10, "003_13c95a40d7e86270.txt"),
                                            (COP17, "000_8db24e65c9a0515b.txt")])
def test_chinese_matches_the_seed_paragraph_for_paragraph(project: Project, slug: str,
                                                          seed: str) -> None:
    """Every text of the Chinese model is in the seed, and the seed has no text the model lacks."""
    doc = version(project, slug, "zh")
    seed_text = _seed(seed)
    # the contents list is generated: leave it out of the comparison
    first_title = _normalise(m.plain_text(next(b for b in doc.walk() if isinstance(
        b, (m.Section, m.Decision))).title))
    contents = seed_text.index("目录")
    body = seed_text.index(first_title, seed_text.index(first_title, contents) + 1)
    remaining = seed_text[:contents] + seed_text[body:]
    blocks = [*doc.walk(), *(b for f in doc.footnotes for b in m.walk(f))]
    titles = [m.plain_text(b.title) for b in blocks if isinstance(b, (m.Section, m.Decision,
                                                                      m.Annex))]
    # header rows repeat on every page a table runs over
    titles += [m.plain_text(p.inlines) for b in blocks if isinstance(b, m.Row) and b.header
               for c in b.cells for p in c.blocks if isinstance(p, m.Paragraph)]
    texts = [m.plain_text(run) for block in blocks for run in m.inlines_of(block)]
    texts += [doc.front.title, *doc.front.agenda_title]
    for text in sorted(texts, key=len, reverse=True):
        normal = _normalise(text)
        assert normal in seed_text, f"not in the seed: {text}"
        remaining = remaining.replace(normal, "", -1 if text in titles else 1)
    for generated in MASTHEAD:
        remaining = remaining.replace(generated, "")
    # what is left is numbering and the masthead's Latin lines: no run of Chinese text
    assert re.findall(r"[\u4e00-\u9fff《》〈〉、]{3,}", remaining) == []
