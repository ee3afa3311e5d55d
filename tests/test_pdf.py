"""The PDF builder: the print layout's facts, read back from the PDFs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from unccd_publish import model as m
from unccd_publish.reading import Project

from conftest import PDFS, build_pdfs
from pdffacts import fonts, page_texts, page_width, squeeze, text_runs, words

HEADS = {"iccd-cop16-cst-10": "ICCD/COP(16)/CST/10", "cop17-strategic-framework": None}


def doc_of(project: Project, slug: str, lang: str) -> m.Document:
    return next(d for d in project.documents if d.meta.slug == slug).versions[lang]


def test_four_pdfs_named_from_symbol_and_language(pdf_out: Path) -> None:
    assert sorted(p.name for p in pdf_out.glob("*.pdf")) == sorted(PDFS.values())


@pytest.mark.parametrize(("key", "name"), PDFS.items())
def test_each_pdf_is_small_a4_with_subset_fonts(pdf_out: Path, key: tuple[str, str],
                                                name: str) -> None:
    path = pdf_out / name
    assert path.stat().st_size < 500_000
    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    used = fonts(path)
    assert used and all(f.embedded and f.subset for f in used)
    assert all(re.match(r"^[A-Z]{6}\+", f.name) for f in used)
    names = {f.name.split("+", 1)[1] for f in used}
    if key[1] == "zh":  # compact cuts of the Song and Hei faces
        assert any(n.startswith("Noto-Serif-CJK-SC-Compact") for n in names), names
        assert any(n.startswith("Noto-Sans-CJK-SC-Compact-Bold") for n in names), names
    assert any("Liberation" in n for n in names)


@pytest.mark.parametrize(("key", "name"), PDFS.items())
def test_running_head_on_later_pages_only(pdf_out: Path, project: Project,
                                          key: tuple[str, str], name: str) -> None:
    path = pdf_out / name
    doc = doc_of(project, *key)
    head = HEADS[key[0]] or ("Symbol not yet assigned" if key[1] == "en" else "文号尚未分配")
    pages = page_texts(path)
    assert len(pages) >= 2
    first_line = next(line for line in pages[0].splitlines() if line.strip())
    assert first_line.split()[0] in ("United", "联", "联合国")
    width = page_width(path)
    for number, text in enumerate(pages[1:], start=2):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert lines[0] == head, (number, lines[0])
        runs = [r for r in text_runs(path, number) if r.text.strip() == head]
        assert runs, number
        # the symbol stands on the left of even pages, on the right of odd pages
        assert (runs[0].x < width / 2) == (number % 2 == 0), (number, runs[0].x)
        assert re.search(rf"(^|\s){number}(\s|$)", lines[-1]), (number, lines[-1])
    assert doc.meta.symbol in (None, HEADS[key[0]])


@pytest.mark.parametrize(("key", "name"), PDFS.items())
def test_each_footnote_is_on_the_page_of_its_call(pdf_out: Path, project: Project,
                                                  key: tuple[str, str], name: str) -> None:
    doc = doc_of(project, *key)
    pages = [squeeze(p) for p in page_texts(pdf_out / name)]
    for note in doc.footnotes:
        # the note's text after its number, at the foot of a page
        body = str(note.number) + squeeze(m.plain_text(note.blocks[0].inlines))[:20]
        note_pages = [i for i, p in enumerate(pages) if body in p]
        assert note_pages, body
        caller = _text_before_call(doc, note.number)
        call_pages = [i for i, p in enumerate(pages) if caller in p]
        assert call_pages, caller
        assert set(note_pages) & set(call_pages), (note.number, note_pages, call_pages)


def _text_before_call(doc: m.Document, number: int) -> str:
    for block in doc.walk():
        for run in m.inlines_of(block):
            before = ""
            for inline in run:
                if isinstance(inline, m.FootnoteCall) and inline.number == number:
                    return squeeze(before)[-12:]
                before += m.plain_text([inline])
    raise AssertionError(f"no call of footnote {number}")


@pytest.mark.parametrize(("key", "name"), PDFS.items())
def test_contents_page_numbers_are_right(pdf_out: Path, project: Project,
                                         key: tuple[str, str], name: str) -> None:
    from unccd_publish.catalogue import catalogue
    from unccd_publish.html.page import contents

    entries = contents(doc_of(project, *key), catalogue(key[1]))
    path = pdf_out / name
    # the contents entries' page numbers: the numbers standing at the right of the contents
    # page, above its running foot
    title = "Contents" if key[1] == "en" else "目录"
    page = next(i for i, text in enumerate(page_texts(path), start=1)
                if title in squeeze(text)[:40])
    found = [w for w in words(path, page) if w.text.isdigit() and w.y0 < 760]
    printed = [int(w.text) for w in sorted(found, key=lambda w: w.y0)
               if w.x0 > page_width(path) / 2]
    reader = PdfReader(path)
    destinations = reader.named_destinations
    landing = [reader.get_destination_page_number(destinations[e.anchor]) + 1 for e in entries]
    assert len(entries) > 2
    assert printed == landing


@pytest.mark.parametrize(("key", "name"), PDFS.items())
def test_metadata_and_bookmarks(pdf_out: Path, project: Project, key: tuple[str, str],
                                name: str) -> None:
    reader = PdfReader(pdf_out / name)
    doc = doc_of(project, *key)
    info = reader.metadata
    assert info.title and doc.front.title in info.title
    assert info.subject == (doc.meta.symbol or ("Symbol not yet assigned" if key[1] == "en"
                                                 else "文号尚未分配"))
    lang = reader.trailer["/Root"].get("/Lang")
    assert lang == ("en" if key[1] == "en" else "zh-Hans")
    expected = sum(isinstance(b, (m.Decision, m.Annex)) or (
        isinstance(b, m.Section) and b.level == "chapter") for b in doc.walk())
    top = [o for o in reader.outline if not isinstance(o, list)]
    assert len(top) == expected


def test_two_builds_are_byte_identical(pdf_out: Path, tmp_path: Path) -> None:
    again = build_pdfs(tmp_path)
    for name in PDFS.values():
        assert (again / name).read_bytes() == (pdf_out / name).read_bytes(), name
