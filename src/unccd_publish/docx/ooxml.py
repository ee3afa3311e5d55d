"""WordprocessingML that python-docx has no API for: borders, tab stops, fields, footnote
marks, keeping paragraphs together."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

# what follows w:pBdr in a paragraph's properties (ECMA-376 order)
AFTER_BORDERS = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                 "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                 "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                 "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                 "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                 "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def el(tag: str, attrs: dict[str, str] | None = None,
       *children: BaseOxmlElement) -> BaseOxmlElement:
    """The element ``tag`` ("w:tab") with ``attrs`` (names without their "w:") and
    ``children``."""
    element = OxmlElement(tag)
    for name, value in (attrs or {}).items():
        element.set(qn(name if ":" in name else f"w:{name}"), value)
    for child in children:
        element.append(child)
    return element


def child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """``parent``'s first ``tag`` element, added at the end when there is none (for
    properties whose order the caller keeps)."""
    found = parent.find(qn(tag))
    if found is None:
        found = el(tag)
        parent.append(found)
    return found


def border(side: str, size: int, space: int = 0) -> BaseOxmlElement:
    """A single black rule of ``size`` eighths of a point."""
    return el(f"w:{side}", {"val": "single", "sz": str(size), "space": str(space),
                            "color": "000000"})


def paragraph_border(ppr: BaseOxmlElement, side: str, size: int, space: int = 1) -> None:
    """A rule on one side of a paragraph (``ppr`` is its w:pPr)."""
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = el("w:pBdr")
        ppr.insert_element_before(borders, *AFTER_BORDERS)
    borders.append(border(side, size, space))


def cell_borders(tc: BaseOxmlElement, **sides: int) -> None:
    """Rules on the sides of a table cell (top=4, bottom=8: sizes in eighths of a point)."""
    tcpr = tc.get_or_add_tcPr()
    borders = el("w:tcBorders", None, *(border(side, size) for side, size in sides.items()))
    tcpr.append(borders)


def field(instruction: str, shown: str = "") -> list[BaseOxmlElement]:
    """The runs of a field (PAGE), with ``shown`` as its last result."""
    def run(*parts: BaseOxmlElement) -> BaseOxmlElement:
        return el("w:r", None, *parts)

    instr = el("w:instrText", {"xml:space": "preserve"})
    instr.text = f" {instruction} "
    return [run(el("w:fldChar", {"fldCharType": "begin"})), run(instr),
            run(el("w:fldChar", {"fldCharType": "separate"})), run(text_of(shown)),
            run(el("w:fldChar", {"fldCharType": "end"}))]


def styled_run(style_id: str, *content: BaseOxmlElement) -> BaseOxmlElement:
    """A run in the character style ``style_id`` holding ``content``."""
    return el("w:r", None, el("w:rPr", None, el("w:rStyle", {"val": style_id})), *content)


def text_of(text: str) -> BaseOxmlElement:
    """A run's text element."""
    element = el("w:t")
    element.text = text
    return element


def note_reference(note_id: int, style_id: str) -> BaseOxmlElement:
    """The call of footnote ``note_id`` in the text."""
    return styled_run(style_id, el("w:footnoteReference", {"id": str(note_id)}))


def marked_reference(note_id: int, mark: str, style_id: str) -> BaseOxmlElement:
    """The call of a footnote with a mark of its own ("*"), outside the numbered notes."""
    return styled_run(style_id, el("w:footnoteReference",
                                   {"customMarkFollows": "1", "id": str(note_id)}),
                      text_of(mark))
