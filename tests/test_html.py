"""The HTML builder: the UN layout's facts, read back from the built pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from unccd_publish import model as m
from unccd_publish.reading import Project

from conftest import EN_MD, MiniProject
from htmlfacts import PageFacts, read_page

CST10 = "iccd-cop16-cst-10"
COP17 = "cop17-strategic-framework"


def page(html_out: Path, slug: str, lang: str) -> PageFacts:
    return read_page(html_out / slug / f"{lang}.html")


def texts(facts: PageFacts, cls: str) -> list[str]:
    return [" ".join(e.text.split()) for e in facts.by_class(cls)]


def test_one_page_per_document_and_language_and_an_index(html_out: Path) -> None:
    built = sorted(str(p.relative_to(html_out)) for p in html_out.rglob("*.html"))
    assert built == [f"{COP17}/en.html", f"{COP17}/zh.html", f"{CST10}/en.html",
                     f"{CST10}/zh.html", "index.html"]


def test_index_lists_every_document_with_links(html_out: Path) -> None:
    index = read_page(html_out / "index.html")
    assert "ICCD/COP(16)/CST/10" in index.text
    assert "Symbol not yet assigned" in index.text
    assert "20 September 2024" in index.text
    links = index.links()
    for slug, symbol_file in ((CST10, "ICCD_COP(16)_CST_10"), (COP17, COP17)):
        for lang, letter in (("en", "E"), ("zh", "C")):
            assert f"{slug}/{lang}.html" in links
            assert f"../pdf/{symbol_file}_{letter}.pdf" in links


def test_masthead_of_the_chinese_translation(html_out: Path) -> None:
    zh = page(html_out, CST10, "zh")
    assert zh.first("html").attrs["lang"] == "zh-Hans"
    assert texts(zh, "un-name") == ["联合国"]
    assert texts(zh, "mast-symbol") == ["ICCD/COP(16)/CST/10"]
    assert texts(zh, "organ") == ["防治荒漠化公约"]
    assert texts(zh, "distr") == ["Distr.: General"]
    assert texts(zh, "issue-date") == ["20 September 2024"]
    assert texts(zh, "language-line") == ["Chinese"]
    assert texts(zh, "original") == ["Original: English"]
    assert texts(zh, "body-name") == ["缔约方会议"]
    assert texts(zh, "committee") == ["科学和技术委员会"]
    assert texts(zh, "session") == ["第十六届会议"]
    assert texts(zh, "venue") == ["2024年12月3日至12日，沙特阿拉伯利雅得"]
    # the agenda line carries a "*" note naming the committee's provisional agenda
    assert texts(zh, "agenda-item") == ["临时议程项目6*ICCD/COP(16)/CST/1。"]
    assert texts(zh, "agenda-note") == ["* ICCD/COP(16)/CST/1。 ↩"]
    assert texts(zh, "subtitle") == ["秘书处的说明"]
    assert texts(zh, "summary")[0].startswith("概要")


def test_masthead_of_the_english_original(html_out: Path) -> None:
    en = page(html_out, CST10, "en")
    assert en.first("html").attrs["lang"] == "en"
    assert texts(en, "un-name") == ["United Nations"]
    assert texts(en, "organ") == ["Convention to Combat Desertification"]
    # the original names its language too; only a translation has a language line
    assert texts(en, "language-line") == [] and texts(en, "original") == ["Original: English"]
    assert texts(en, "session") == ["Sixteenth session"]
    assert texts(en, "venue") == ["Riyadh, Saudi Arabia, 3–12 December 2024"]
    assert texts(en, "agenda-item") == ["Item 6 of the provisional agenda*ICCD/COP(16)/CST/1."]
    assert texts(en, "subtitle") == ["Note by the secretariat"]
    emblem = next(e for e in en.elements if e.tag == "img" and "emblem" in e.attrs["src"])
    assert emblem.attrs["alt"] == "Emblem of the United Nations"
    assert (en.path.parent / emblem.attrs["src"]).resolve().is_file()


def test_unassigned_symbol_is_shown_plainly(html_out: Path) -> None:
    en, zh = page(html_out, COP17, "en"), page(html_out, COP17, "zh")
    assert texts(en, "mast-symbol") == ["Symbol not yet assigned"]
    assert texts(zh, "mast-symbol") == ["文号尚未分配"]
    assert texts(zh, "venue") == ["2026年8月17日至28日，蒙古乌兰巴托"]
    assert texts(en, "venue") == ["Ulaanbaatar, Mongolia, 17–28 August 2026"]
    assert texts(zh, "agenda-item") == ["临时议程项目2(b)*ICCD/COP(17)/1。"]
    assert not re.search(r"ICCD/COP\(17\)/\d+/?\s*$", texts(en, "mast-symbol")[0])


@pytest.mark.parametrize("slug", [CST10, COP17])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_paragraphs_numbers_and_anchors_follow_the_model(html_out: Path, project: Project,
                                                         slug: str, lang: str) -> None:
    facts = page(html_out, slug, lang)
    doc = next(d for d in project.documents if d.meta.slug == slug).versions[lang]
    paragraphs = doc.numbered_paragraphs()
    numbered = [e for e in facts.elements if e.tag == "p" and "numbered" in e.classes]
    assert len(numbered) == len(paragraphs)
    assert [n.text.split(".")[0].strip() for n in numbered] == [str(p.number) for p in paragraphs]
    assert {p.anchor for p in paragraphs} <= facts.ids
    subs = [b for b in doc.walk() if isinstance(b, m.SubParagraph)]
    assert {s.anchor for s in subs} <= facts.ids


@pytest.mark.parametrize("slug", [CST10, COP17])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_internal_link_resolves(html_out: Path, slug: str, lang: str) -> None:
    facts = page(html_out, slug, lang)
    for href in facts.links():
        if href.startswith("#"):
            assert href[1:] in facts.ids, href
        elif href.endswith(".html") or ".html#" in href:
            target, _, fragment = href.partition("#")
            other = read_page((facts.path.parent / target).resolve())
            assert not fragment or fragment in other.ids, href


@pytest.mark.parametrize("slug", [CST10, COP17])
def test_same_anchors_in_both_languages(html_out: Path, slug: str) -> None:
    en, zh = page(html_out, slug, "en"), page(html_out, slug, "zh")
    structural = re.compile(r"^(decision-|annex-|para-|sec-|table-|fn-)")
    assert {i for i in en.ids if structural.match(i)} == {i for i in zh.ids if structural.match(i)}


@pytest.mark.parametrize("slug", [CST10, COP17])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_footnotes_linked_both_ways(html_out: Path, project: Project, slug: str, lang: str) -> None:
    facts = page(html_out, slug, lang)
    doc = next(d for d in project.documents if d.meta.slug == slug).versions[lang]
    calls = [e for e in facts.elements if e.tag == "a" and "fn-call" in e.classes
             and "agenda-call" not in e.classes]
    notes = [e for e in facts.elements if e.tag == "li" and e.attrs.get("id", "").startswith("fn-")]
    assert len(notes) == len(doc.footnotes) > 0
    assert [c.attrs["href"] for c in calls] == [f"#fn-{f.number}" for f in doc.footnotes]
    backs = [e.attrs["href"] for e in facts.elements if "fn-back" in e.classes]
    # the agenda's "*" note comes first, outside the numbered notes
    assert backs == ["#agenda-call"] + [f"#fn-call-{f.number}" for f in doc.footnotes]
    assert all(b[1:] in facts.ids for b in backs)


def test_cross_references_are_worded_per_language(html_out: Path) -> None:
    en, zh = page(html_out, CST10, "en"), page(html_out, CST10, "zh")
    en_refs = [(e.attrs["href"], e.text) for e in en.elements if "xref" in e.classes]
    zh_refs = [(e.attrs["href"], e.text) for e in zh.elements if "xref" in e.classes]
    assert en_refs == [("#decision-5-para-5", "paragraph 5 above")]
    assert zh_refs == [("#decision-5-para-5", "上文第 5 段")]


def test_fixed_words_come_from_the_catalogue(html_out: Path) -> None:
    zh = page(html_out, COP17, "zh")
    en = page(html_out, COP17, "en")
    assert texts(zh, "contents")[0].startswith("目录")
    assert "页次" in zh.text and "Page" in en.text
    assert texts(zh, "annex-word") == ["附件"] and texts(en, "annex-word") == ["Annex"]
    chapters = [e.text.strip() for e in zh.elements
                if e.tag == "h2" and "chapter-heading" in e.classes]
    assert [c[:2] for c in chapters] == ["一.", "二.", "三."]
    en_chapters = [e.text.strip() for e in en.elements
                   if e.tag == "h2" and "chapter-heading" in e.classes]
    assert [c.split(".")[0] for c in en_chapters] == ["I", "II", "III"]
    cst_zh = page(html_out, CST10, "zh")
    assert texts(cst_zh, "table-number") == ["表 1", "表 2"]
    assert texts(cst_zh, "enacting-formula") == ["缔约方会议，"] * 7


def test_no_space_between_chinese_characters(html_out: Path) -> None:
    for slug in (CST10, COP17):
        facts = page(html_out, slug, "zh")
        paragraphs = [e.text for e in facts.elements if e.tag in ("p", "h2", "h3")]
        assert len(paragraphs) > 50
        for text in paragraphs:
            assert not re.search(r"[\u4e00-\u9fff][ \n]+[\u4e00-\u9fff]", text), text


def test_each_page_links_to_the_same_place_in_the_other_language(html_out: Path) -> None:
    en = page(html_out, CST10, "en")
    cross = [h for h in en.links() if h.startswith("zh.html")]
    assert "zh.html" in cross
    assert "zh.html#decision-5-para-7" in cross


def test_source_html_is_escaped(mini: MiniProject) -> None:
    mini.write("doc/en.md", EN_MD.replace(
        "First paragraph.", "<script>alert(1)</script> and <img src=x onerror=alert(2)>"))
    result = mini.run("build", "html")
    assert result.returncode == 0, result.stderr
    html = (mini.root / "build" / "html" / "doc" / "en.html").read_text()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html


def test_title_is_escaped_too(mini: MiniProject) -> None:
    title = 'title: "<b onmouseover=x>T</b>"'
    mini.write("doc/en.md", EN_MD.replace("title: A test note", title))
    assert mini.run("build", "html").returncode == 0
    html = (mini.root / "build" / "html" / "doc" / "en.html").read_text()
    assert "<b onmouseover" not in html and "&lt;b onmouseover=x&gt;" in html
