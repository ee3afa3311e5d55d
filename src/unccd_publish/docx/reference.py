"""The reference document: an empty A4 .docx holding the UN styles of one language, from
which every document of that language is made (and which the build leaves in
``build/docx/reference/`` for anyone who wants the styles, pandoc's ``--reference-doc``
among them)."""

from __future__ import annotations

import io
from functools import cache

import docx
from babel import Locale
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docx.styles.style import ParagraphStyle as WordParagraphStyle

from unccd_publish.catalogue import Catalogue, catalogue
from unccd_publish.docx import styles as s
from unccd_publish.docx.ooxml import child, el
from unccd_publish.docx.package import EARLIEST, drop_thumbnail, set_properties, stable_bytes

ALIGN = {"both": 3, "left": 0, "center": 1, "right": 2}  # WD_ALIGN_PARAGRAPH values


def word_language(cat: Catalogue) -> str:
    """The language tag Word uses ("en-GB", "zh-CN"), from the catalogue's locale."""
    locale = Locale.parse(cat.locale)
    return f"{locale.language}-{locale.territory}" if locale.territory else locale.language


def script_of(cat: Catalogue) -> s.Script:
    return s.SCRIPTS[cat["font_class"]]


def fonts(ascii_font: str, east_asian: str) -> object:
    return el("w:rFonts", {"ascii": ascii_font, "hAnsi": ascii_font, "cs": ascii_font,
                           "eastAsia": east_asian})


def set_defaults(document: Document, script: s.Script, language: str) -> None:
    """Times New Roman for Latin text, SimSun for Chinese, the body size, no space."""
    root = document.styles.element
    old = root.find(qn("w:docDefaults"))
    size = str(round(script.body_size * 2))
    defaults = el(
        "w:docDefaults", None,
        el("w:rPrDefault", None, el("w:rPr", None, fonts(s.LATIN_FONT, s.EAST_ASIAN_FONT),
                                    el("w:sz", {"val": size}), el("w:szCs", {"val": size}),
                                    el("w:lang", {"val": language, "eastAsia": "zh-CN",
                                                  "bidi": "ar-SA"}))),
        el("w:pPrDefault", None, el("w:pPr", None, el("w:spacing", {"after": "0"}))))
    if old is not None:
        root.replace(old, defaults)
    else:
        root.insert(0, defaults)


def size_of(spec: s.ParagraphStyle, script: s.Script) -> float:
    if spec.size is not None:
        return spec.size
    return {"body": script.body_size, "note": script.note_size,
            "table": script.table_size}[spec.text]


def shape(style: WordParagraphStyle, spec: s.ParagraphStyle, script: s.Script) -> None:
    """Give ``style`` the type and measures of ``spec``."""
    size = size_of(spec, script)
    style.font.size = Pt(size)
    style.font.bold = spec.bold or None
    style.font.italic = (spec.italic and script.italic) or None
    if spec.heading:
        rpr = style.element.get_or_add_rPr()
        rpr.insert(0, fonts(s.LATIN_FONT, script.east_asian_heading))
    layout = style.paragraph_format
    layout.left_indent = Twips(spec.left)
    layout.right_indent = Twips(spec.right)
    layout.first_line_indent = Twips(-spec.hanging) if spec.hanging else None
    layout.space_before = Pt(spec.before)
    layout.space_after = Pt(spec.after)
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = Pt(round(size * script.leading * 2) / 2)
    layout.alignment = ALIGN[spec.align]
    layout.keep_with_next = spec.keep_next or None
    layout.widow_control = True
    for position in spec.tabs:
        layout.tab_stops.add_tab_stop(Twips(position))
    if spec.outline is not None:
        ppr = style.element.get_or_add_pPr()
        ppr.append(el("w:outlineLvl", {"val": str(spec.outline)}))


def add_paragraph_styles(document: Document, script: s.Script) -> None:
    styles = document.styles
    normal = styles["Normal"]
    for spec in s.PARAGRAPH_STYLES:
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = spec.style_id
        style.base_style = normal
        style.quick_style = True
        shape(style, spec, script)
        if spec.keep_next:
            style.next_paragraph_style = styles["_ Single Txt_G"]


def add_note_styles(document: Document, script: s.Script) -> None:
    """Word's own footnote styles, set as the UN sets notes: small, in the text column, the
    number before the text."""
    styles = document.styles
    text = styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
    text.style_id = s.FOOTNOTE_TEXT
    text.base_style = styles["Normal"]
    note = s.ParagraphStyle("footnote text", s.FOOTNOTE_TEXT, text="note",
                            left=s.INSET + s.STEP // 2, hanging=s.STEP // 2, after=2,
                            align="left", tabs=())
    shape(text, note, script)
    reference = styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    reference.style_id = s.FOOTNOTE_REFERENCE
    reference.font.superscript = True


def shape_running_heads(document: Document) -> None:
    """Header and Footer: 9 pt bold, a stop at the right edge of the page's text."""
    for name in ("Header", "Footer"):
        style = document.styles[name]
        style.font.size = Pt(9)
        style.font.bold = True
        ppr = style.element.get_or_add_pPr()
        old = ppr.find(qn("w:tabs"))
        if old is not None:
            ppr.remove(old)
        style.paragraph_format.tab_stops.add_tab_stop(Twips(s.COLUMN_WIDTH),
                                                      WD_TAB_ALIGNMENT.RIGHT)


def add_table_style(document: Document, script: s.Script) -> None:
    """Tables: the table size, small cell margins, no grid (rules are drawn per row)."""
    style = document.styles.add_style("UN Table", WD_STYLE_TYPE.TABLE)
    style.style_id = s.TABLE_STYLE
    style.base_style = document.styles["Normal Table"]
    style.font.size = Pt(script.table_size)
    tblpr = child(style.element, "w:tblPr")
    margins = el("w:tblCellMar", None,
                 *(el(f"w:{side}", {"w": str(w), "type": "dxa"})
                   for side, w in (("top", 57), ("left", 57), ("bottom", 57), ("right", 57))))
    tblpr.append(margins)


def set_page(document: Document) -> None:
    """A4, the PDF's margins, a first page and left and right pages of their own."""
    section = document.sections[0]
    section.page_width, section.page_height = Twips(s.PAGE_WIDTH), Twips(s.PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(s.MARGIN_TOP), Twips(s.MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(s.MARGIN_LEFT), Twips(s.MARGIN_RIGHT)
    section.header_distance = Twips(s.HEADER_DISTANCE)
    section.footer_distance = Twips(s.FOOTER_DISTANCE)
    section.different_first_page_header_footer = True
    document.settings.odd_and_even_pages_header_footer = True
    settings = document.settings.element
    tab = settings.find(qn("w:defaultTabStop"))
    if tab is not None:
        tab.set(qn("w:val"), str(s.STEP))
    rsids = settings.find(qn("w:rsids"))
    if rsids is not None:
        settings.remove(rsids)


def empty_body(document: Document) -> None:
    body = document.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)


def make_reference(lang: str) -> Document:
    """A fresh reference document of ``lang`` (styles, page, settings; no text)."""
    cat = catalogue(lang)
    script = script_of(cat)
    document = docx.Document()
    drop_thumbnail(document)
    empty_body(document)
    set_defaults(document, script, word_language(cat))
    add_paragraph_styles(document, script)
    add_note_styles(document, script)
    shape_running_heads(document)
    add_table_style(document, script)
    set_page(document)
    return document


@cache
def reference_bytes(lang: str) -> bytes:
    """The reference document of ``lang``, as a .docx (made once a process)."""
    document = make_reference(lang)
    set_properties(document, EARLIEST, title="UN Geneva styles", language=word_language(
        catalogue(lang)))
    return stable_bytes(document, EARLIEST)


def fresh_document(lang: str) -> Document:
    """A new document of ``lang``, from its reference document."""
    return docx.Document(io.BytesIO(reference_bytes(lang)))
