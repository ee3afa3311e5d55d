"""Every PDF is issued as PDF/UA-1: what its catalogue and XMP metadata declare, its fonts, and
a structure tree (read with pikepdf) that holds what its HTML page prints."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pikepdf
import pytest

from conftest import PDFS
from pdffacts import (
    STANDARD_TYPES,
    Printed,
    Structure,
    printed,
    struct_kids,
    structure,
    tag,
    unembedded_fonts,
    xmp,
)

LANGS = {"en": "en", "zh": "zh-Hans"}  # <html lang> and /Lang of each language version
PDFUA_PART = "{http://www.aiim.org/pdfua/ns/id/}part"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
EVERY_PDF = pytest.mark.parametrize(("key", "name"), PDFS.items(),
                                    ids=[f"{folder}-{lang}" for folder, lang in PDFS])


@cache
def read(pdf_out: Path, key: tuple[str, str], name: str) -> tuple[Structure, Printed]:
    """The PDF's structure and what the HTML page it was made from prints."""
    folder, lang = key
    return structure(pdf_out / name), printed(pdf_out.parent / "html" / folder / f"{lang}.html")


def parent_tag(element: pikepdf.Dictionary) -> str:
    return tag(element.P) if "/S" in element.P else "StructTreeRoot"


def attributes(element: pikepdf.Dictionary) -> dict[str, object]:
    """An element's /A attributes, merged when there are several dictionaries."""
    found = element.get("/A")
    merged: dict[str, object] = {}
    for entry in found if isinstance(found, pikepdf.Array) else [] if found is None else [found]:
        if isinstance(entry, pikepdf.Dictionary):
            merged.update((key, entry[key]) for key in entry)
    return merged


def test_every_pdf_of_content_is_held(pdf_out: Path) -> None:
    assert sorted(p.name for p in pdf_out.glob("*.pdf")) == sorted(PDFS.values())


@EVERY_PDF
def test_catalogue_and_metadata_declare_pdf_ua_1(pdf_out: Path, key: tuple[str, str],
                                                 name: str) -> None:
    tree, page = read(pdf_out, key, name)
    pdf = tree.pdf
    assert len(pdf.pages) >= 1
    assert pdf.pdf_version == "1.7"  # PDF/UA-1 is built on ISO 32000-1
    assert page.lang == LANGS[key[1]]
    assert str(pdf.Root.get("/Lang", "")) == page.lang
    assert pdf.Root.get("/MarkInfo", {}).get("/Marked") is True
    assert pdf.Root.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is True
    assert "/Metadata" in pdf.Root
    meta = xmp(pdf)
    assert meta.get(PDFUA_PART) == "1"
    title = page.title.strip()
    assert title and meta.get(DC_TITLE) == title == str(pdf.docinfo.get("/Title", ""))


@EVERY_PDF
def test_structure_tree_of_standard_types_on_the_pages(pdf_out: Path, key: tuple[str, str],
                                                       name: str) -> None:
    tree, _ = read(pdf_out, key, name)
    assert "/StructTreeRoot" in tree.pdf.Root
    assert [tag(e) for e in struct_kids(tree.pdf.Root.StructTreeRoot)] == ["Document"]
    assert set(tree.tags()) <= STANDARD_TYPES, set(tree.tags()) - STANDARD_TYPES
    pages = {page.obj.objgen for page in tree.pdf.pages}
    for element in tree.elements[1:]:
        assert "/Pg" in element and element.Pg.objgen in pages, tag(element)
        assert "/P" in element, tag(element)
    assert tree.named  # marked content is tied to its elements …
    for element in tree.named:  # … each on a page of the document
        assert isinstance(element, pikepdf.Dictionary) and "/S" in element
        assert "/Pg" in element and element.Pg.objgen in pages, tag(element)


@EVERY_PDF
def test_headings_are_those_of_the_page(pdf_out: Path, key: tuple[str, str], name: str) -> None:
    tree, page = read(pdf_out, key, name)
    tags = tree.tags()
    assert tags["H1"] == page.tags["h1"] == 1  # the document title
    assert tags["H2"] >= 1
    for level in range(1, 7):
        assert tags[f"H{level}"] == page.tags[f"h{level}"], level
    assert sum(tags[f"H{level}"] for level in range(1, 5)) == sum(
        page.tags[f"h{level}"] for level in range(1, 5))
    assert tags["H"] == 0


@EVERY_PDF
def test_paragraphs_and_lists(pdf_out: Path, key: tuple[str, str], name: str) -> None:
    tree, page = read(pdf_out, key, name)
    # a paragraph broken across pages is a P on each page
    assert len(tree.every("P")) >= page.tags["p"] > 0
    lists = page.tags["ul"] + page.tags["ol"]
    if not lists:
        assert not (tree.of("L") or tree.of("LI") or tree.of("LBody"))
        return
    assert len(tree.of("L")) >= lists
    items = tree.of("LI")
    assert len(items) >= page.tags["li"] > 0
    for item in items:
        assert parent_tag(item) == "L"
        parts = [tag(k) for k in struct_kids(item)]
        assert "LBody" in parts and set(parts) <= {"Lbl", "LBody"}, parts
    for element in tree.of("L"):
        assert {tag(k) for k in struct_kids(element)} <= {"LI", "L", "Caption"}
    for body in tree.of("LBody"):
        assert parent_tag(body) == "LI"


@EVERY_PDF
def test_tables_have_rows_and_scoped_header_cells(pdf_out: Path, key: tuple[str, str],
                                                  name: str) -> None:
    tree, page = read(pdf_out, key, name)
    if not page.tags["table"]:
        assert not {"Table", "TR", "TH", "TD"} & set(tree.tags())
        return
    tags = tree.tags()
    assert tags["Table"] >= page.tags["table"]
    assert tags["TR"] >= page.tags["tr"] > 0
    assert tags["TH"] >= page.tags["th"] > 0
    assert tags["TD"] >= page.tags["td"] > 0
    for row in tree.of("TR"):
        assert parent_tag(row) in ("Table", "THead", "TBody", "TFoot")
        assert {tag(k) for k in struct_kids(row)} <= {"TH", "TD"}
    headers: set[str] = set()
    for cell in tree.of("TH"):
        assert parent_tag(cell) == "TR"
        a = attributes(cell)
        assert a.get("/O") == "/Table", a
        assert a.get("/Scope") in ("/Column", "/Row"), a
        if parent_tag(cell.P) == "THead":  # blocks.html: <thead> cells are <th scope="col">
            assert a["/Scope"] == "/Column"
        assert str(cell.get("/ID", "")), "a header cell without /ID"
        headers.add(str(cell.ID))
    for cell in tree.of("TD"):
        assert parent_tag(cell) == "TR"
        a = attributes(cell)
        assert a.get("/O") == "/Table", a
        named = [str(h) for h in a.get("/Headers", [])]
        assert named and set(named) <= headers, named


@EVERY_PDF
def test_footnotes_are_notes(pdf_out: Path, key: tuple[str, str], name: str) -> None:
    tree, page = read(pdf_out, key, name)
    notes = tree.of("Note")
    assert len(notes) == page.classes["fn-print"]
    ids = [str(note.get("/ID", "")) for note in notes]
    assert all(ids) and len(set(ids)) == len(ids), ids
    assert all(struct_kids(note) for note in notes)


@EVERY_PDF
def test_every_figure_has_alternate_text(pdf_out: Path, key: tuple[str, str],
                                         name: str) -> None:
    tree, page = read(pdf_out, key, name)
    figures = tree.every("Figure")  # margin-box figures too, which are not in the tree
    assert len(figures) == page.tags["img"] + page.tags["svg"]
    for figure in figures:
        assert str(figure.get("/Alt", "")).strip(), "a /Figure without /Alt"


@EVERY_PDF
def test_every_font_is_embedded(pdf_out: Path, key: tuple[str, str], name: str) -> None:
    tree, _ = read(pdf_out, key, name)
    assert any("/Font" in page.obj.Resources for page in tree.pdf.pages)
    assert unembedded_fonts(tree.pdf) == []
