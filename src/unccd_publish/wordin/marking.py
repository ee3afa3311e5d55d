"""The Word file as python-docx reads it: every body paragraph's style, its text with its
tabs and what it holds that the source format has no place for; and a copy of the file in
which each body paragraph starts with a mark of its number, so that what pandoc and
docx2python read of it can be lined up with these facts."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from lxml import etree

from unccd_publish.docx.styles import PARAGRAPH_STYLES

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"  # private-use characters: never in a UN text
MARK = re.compile(f"{MARK_OPEN}(\\d+){MARK_CLOSE}")
KNOWN_FIELDS = {"HYPERLINK"}  # pandoc makes links of them; every other field becomes text
# the UN heading styles, by id, with their rank (1 the highest): those the Word output
# writes, and the UN template's H56G, which it does not
HEADING_STYLES = {style.style_id: style.outline + 1 for style in PARAGRAPH_STYLES
                  if style.outline is not None} | {"H56G": 5}
HEADING_NAME = re.compile(r"heading (\d)", re.IGNORECASE)
TEXT_BOX = qn("w:txbxContent")


@dataclass
class Paragraph:
    """What python-docx says of one body paragraph (numbered from 1 in reading order)."""

    index: int
    style: str  # its name, as Word shows it
    text: str  # with its tabs and line breaks
    heading: int | None  # 1 for the highest heading level, None for text
    box_text: list[str] = field(default_factory=list)  # paragraphs of text boxes in it
    notes: list[str] = field(default_factory=list)  # what it holds that is not imported


@dataclass
class Marked:
    """The file's facts, and the marked copy for pandoc and docx2python."""

    paragraphs: dict[int, Paragraph]
    header: list[str]  # the lines of page 1's header
    footer: list[str]  # the lines of page 1's footer
    data: bytes  # the marked copy
    header_rows: dict[int, int]  # table (by its first paragraph's index) → repeated header rows
    merged: set[int] = field(default_factory=set)  # tables (likewise) with merged cells


def mark(data: bytes) -> Marked:
    """Read ``data`` with python-docx and mark its body paragraphs."""
    document = docx.Document(io.BytesIO(data))
    comments = _comments(document)
    body = document.element.body
    fields = _flatten_fields(body)
    paragraphs: dict[int, Paragraph] = {}
    index_of: dict[etree._Element, int] = {}
    for index, p in enumerate(list(_body_paragraphs(body)), 1):
        index_of[p] = index
        style = _style(document, p)
        text = _text(p)
        facts = Paragraph(index, style.name if style is not None else "Normal", text,
                          _heading(style, p))
        facts.notes += fields.get(p, [])
        _scan(p, facts, comments)
        paragraphs[index] = facts
        run = etree.Element(qn("w:r"))
        etree.SubElement(run, qn("w:t")).text = f"{MARK_OPEN}{index}{MARK_CLOSE}"
        ppr = p.find(qn("w:pPr"))
        if ppr is not None:
            ppr.addnext(run)
        else:
            p.insert(0, run)
    header_rows, merged = _tables(body, index_of)
    section = document.sections[0]
    first = section.different_first_page_header_footer
    header = section.first_page_header if first else section.header
    footer = section.first_page_footer if first else section.footer
    out = io.BytesIO()
    document.save(out)
    return Marked(paragraphs, _lines(header._element), _lines(footer._element),
                  out.getvalue(), header_rows, merged)


def _body_paragraphs(body: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs of the body and its tables, not those of text boxes."""
    for p in body.iter(qn("w:p")):
        if not any(a.tag == TEXT_BOX for a in p.iterancestors()):
            yield p


def _text(p: etree._Element) -> str:
    """The paragraph's own text (not its text boxes'), tabs and breaks included."""
    out: list[str] = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:txbxContent")):
        if any(a.tag == TEXT_BOX for a in node.iterancestors()):
            continue
        if node.tag == qn("w:t"):
            out.append(node.text or "")
        elif node.tag == qn("w:tab") and node.getparent().tag == qn("w:r"):
            out.append("\t")
        elif node.tag == qn("w:br"):
            out.append("\n")
    return "".join(out)


def _tables(body: etree._Element,
            index_of: dict[etree._Element, int]) -> tuple[dict[int, int], set[int]]:
    """Each table's repeated header rows, and the tables with merged cells, by the index of
    the table's first paragraph."""
    rows: dict[int, int] = {}
    merged: set[int] = set()
    for table in body.iter(qn("w:tbl")):
        first = next((index_of[p] for p in table.iter(qn("w:p")) if p in index_of), None)
        if first is None:
            continue
        count = 0
        for tr in table.findall(qn("w:tr")):
            trpr = tr.find(qn("w:trPr"))
            if trpr is None or trpr.find(qn("w:tblHeader")) is None:
                break
            count += 1
        rows[first] = count
        if any(True for _ in table.iter(qn("w:gridSpan"), qn("w:vMerge"), qn("w:hMerge"))):
            merged.add(first)
    return rows, merged


def _lines(part: etree._Element) -> list[str]:
    return [line for p in part.iter(qn("w:p")) if (line := _text(p).strip())]


def _style(document: Document, p: etree._Element) -> BaseStyle | None:
    ppr = p.find(qn("w:pPr"))
    node = ppr.find(qn("w:pStyle")) if ppr is not None else None
    style_id = node.get(qn("w:val")) if node is not None else None
    try:
        return document.styles.get_by_id(style_id, docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    except (KeyError, ValueError):
        return None


def _heading(style: BaseStyle | None, p: etree._Element) -> int | None:
    """The heading level: UN Geneva's heading styles, Word's "Heading N", or an outline
    level (of the paragraph or its style)."""
    ppr = p.find(qn("w:pPr"))
    outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    seen = 0
    while style is not None and seen < 10:
        if style.style_id in HEADING_STYLES:
            return HEADING_STYLES[style.style_id]
        named = HEADING_NAME.fullmatch(style.name or "")
        if named:
            return int(named[1])
        if outline is None:
            spr = style.element.find(qn("w:pPr"))
            outline = spr.find(qn("w:outlineLvl")) if spr is not None else None
        style = style.base_style
        seen += 1
    if outline is not None:
        level = int(outline.get(qn("w:val"), "9"))
        return level + 1 if level < 9 else None
    return None


def _comments(document: Document) -> dict[str, str]:
    """Each comment's words, by id."""
    found: dict[str, str] = {}
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/comments") and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            for comment in root.iter(qn("w:comment")):
                words = " ".join(t for p in comment.iter(qn("w:p")) if (t := _text(p)))
                author = comment.get(qn("w:author"), "")
                found[comment.get(qn("w:id"), "")] = (f"{author}: " if author else "") + words
    return found


def _scan(p: etree._Element, facts: Paragraph, comments: dict[str, str]) -> None:
    """Note what ``p`` holds that has no place in the source format."""
    for node in p.iter():
        if any(a.tag == TEXT_BOX for a in node.iterancestors()):
            continue
        tag = node.tag
        if tag == TEXT_BOX:
            lines = [words for q in node.iter(qn("w:p")) if (words := "".join(
                w.text or "" for w in q.iter(qn("w:t"))).strip())]
            facts.box_text += lines
            facts.notes.append("a text box: its text is kept as a paragraph after this one"
                               + (f" ({_quote(' '.join(lines))})" if lines else ""))
        elif tag in (qn("w:drawing"), qn("w:pict")) and not any(
                d.tag == TEXT_BOX for d in node.iter()):
            described = [d.get("descr") or d.get("title") or "" for d in node.iter()
                         if d.tag.endswith("}docPr")]
            words = next((d for d in described if d), "")
            facts.notes.append("a picture is not imported" + (
                f"; its description is kept as text ({_quote(words)})" if words else
                " (it has no description)"))
        elif tag == qn("w:object"):
            facts.notes.append("an embedded object is not imported")
        elif tag in (qn("w:ins"), qn("w:moveTo")):
            facts.notes.append(f"a tracked insertion is accepted ({_quote(_text(node))})")
        elif tag in (qn("w:del"), qn("w:moveFrom")):
            words = "".join(t.text or "" for t in node.iter(qn("w:delText"), qn("w:t")))
            facts.notes.append(f"a tracked deletion is accepted: {_quote(words)} is left out")
        elif tag in (qn("w:rPrChange"), qn("w:pPrChange")):
            facts.notes.append("a tracked change of formatting is accepted")
        elif tag == qn("w:commentReference"):
            words = comments.get(node.get(qn("w:id"), ""), "")
            facts.notes.append(f"a comment is not imported ({_quote(words)})")
        elif tag == "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath":
            facts.notes.append("an equation is kept as its text")


def _quote(words: str, limit: int = 60) -> str:
    words = " ".join(words.split())
    return f"“{words if len(words) <= limit else words[:limit - 1] + '…'}”"


def _flatten_fields(body: etree._Element) -> dict[etree._Element, list[str]]:
    """Every field but a hyperlink becomes the text it shows (pandoc drops some fields'
    text, a DATE field's for one); a note of each, by the paragraph it starts in."""
    notes: dict[etree._Element, list[str]] = {}

    def paragraph_of(node: etree._Element) -> etree._Element | None:
        return next((a for a in node.iterancestors(qn("w:p"))
                     if not any(b.tag == TEXT_BOX for b in a.iterancestors())), None)

    for simple in list(body.iter(qn("w:fldSimple"))):
        name = (simple.get(qn("w:instr")) or "").split()
        if name and name[0].upper() in KNOWN_FIELDS:
            continue
        shown = "".join(t.text or "" for t in simple.iter(qn("w:t")))
        parent = simple.getparent()
        position = parent.index(simple)
        for child in reversed(list(simple)):
            parent.insert(position, child)
        parent.remove(simple)
        where = paragraph_of(parent) if parent.tag != qn("w:p") else parent
        if where is not None:
            notes.setdefault(where, []).append(_field_note(name, shown))
    stack: list[dict] = []
    for run in list(body.iter(qn("w:r"))):
        char = run.find(qn("w:fldChar"))
        kind = char.get(qn("w:fldCharType")) if char is not None else None
        if kind == "begin":
            stack.append({"runs": [run], "instr": [], "shown": [], "result": False,
                          "paragraph": paragraph_of(run)})
            continue
        if not stack:
            continue
        here = stack[-1]
        if kind == "separate":
            here["runs"].append(run)
            here["result"] = True
        elif kind == "end":
            stack.pop()
            name = "".join(here["instr"]).split()
            if name and name[0].upper() in KNOWN_FIELDS:
                continue
            for old in [*here["runs"], run]:
                if old.getparent() is not None:
                    old.getparent().remove(old)
            if here["paragraph"] is not None:
                notes.setdefault(here["paragraph"], []).append(
                    _field_note(name, "".join(here["shown"])))
        elif here["result"]:
            here["shown"] += [t.text or "" for t in run.iter(qn("w:t"))]
        else:
            here["instr"] += [t.text or "" for t in run.iter(qn("w:instrText"))]
            here["runs"].append(run)
    return notes


def _field_note(name: list[str], shown: str) -> str:
    what = name[0].upper() if name else "empty"
    return f"a {what} field is kept as the text it shows ({_quote(shown)})"
