"""The styles and measures of the Word layout, in one place.

The text and heading styles carry the names UN Geneva's Word templates give them
(``_ Single Txt_G``, whose style id is ``SingleTxtG``, and so on); the styles named "UN …"
(masthead, session block, bullets, tables) are the project's own.
Measures follow the PDF's stylesheet (``templates/static/un.css``, ``print.css``).
"""

from __future__ import annotations

from dataclasses import dataclass

CM = 567  # twentieths of a point (twips) in a centimetre, as Word rounds it

# the page (print.css: A4, margins 2.2 / 2 / 2.4 / 2 cm)
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT = 1247, 1134, 1361, 1134
HEADER_DISTANCE = FOOTER_DISTANCE = 567
COLUMN_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

INSET = 964  # the text column's inset from the margins (un.css --column-inset, 1.7 cm)
TABLE_WIDTH = COLUMN_WIDTH - 2 * INSET  # a table set in by INSET on both sides
STEP = CM  # from a number to its text, and from one sub-paragraph level to the next
HANG = CM  # heading numbers hang this far left of the column
CELL_TAB = round(0.8 * CM)  # from a number to its text in a table cell
TABS = tuple(INSET + STEP * k for k in range(1, 5))  # the column's tab stops


@dataclass(frozen=True)
class Script:
    """Type of a writing system (by the catalogue's ``font_class``)."""

    body_size: float  # points
    note_size: float
    table_size: float
    leading: float  # line height as a multiple of the size
    east_asian_heading: str  # the East Asian face of headings and bold text
    italic: bool  # whether emphasis is set in italics


LATIN_FONT = "Times New Roman"
EAST_ASIAN_FONT = "SimSun"  # 宋体, the Song face of Chinese text
SCRIPTS = {
    "latin": Script(10, 8.5, 9, 1.2, EAST_ASIAN_FONT, italic=True),
    "cjk": Script(10.5, 9, 9.5, 1.55, "SimHei", italic=False),
}


@dataclass(frozen=True)
class ParagraphStyle:
    """A paragraph style of the reference document."""

    name: str  # as Word shows it
    style_id: str  # as the document's XML names it
    size: float | None = None  # points; None: the script's size for ``text``
    text: str = "body"  # body, note or table
    bold: bool = False
    italic: bool = False
    left: int = INSET
    right: int = INSET
    hanging: int = 0
    before: int = 0  # space before, in points
    after: int = 6
    align: str = "both"
    keep_next: bool = False
    tabs: tuple[int, ...] = TABS
    heading: bool = False  # bold in the script's heading face
    outline: int | None = None  # outline level (Word's navigation pane, a TOC)


SINGLE_TXT = "SingleTxtG"
CHAPTER = "HChG"
SECTION = "H1G"
SUBSECTION = "H23G"
MINOR = "H4G"
BULLET_1, BULLET_2 = "UNBullet1", "UNBullet2"
MASTHEAD = "UNMasthead"
SESSION = "UNSession"
TABLE_TEXT = "UNTableText"
FOOTNOTE_TEXT, FOOTNOTE_REFERENCE = "FootnoteText", "FootnoteReference"
HEADER, FOOTER = "Header", "Footer"
TABLE_STYLE = "UNTable"

PARAGRAPH_STYLES = (
    # UN Geneva's
    ParagraphStyle("_ Single Txt_G", SINGLE_TXT),
    ParagraphStyle("_ H _Ch_G", CHAPTER, size=14, bold=True, hanging=HANG, before=18, after=12,
                   align="left", keep_next=True, tabs=(), heading=True, outline=0),
    ParagraphStyle("_ H_1_G", SECTION, size=12, bold=True, hanging=HANG, before=12, after=6,
                   align="left", keep_next=True, tabs=(), heading=True, outline=1),
    ParagraphStyle("_ H_2/3_G", SUBSECTION, size=10, bold=True, hanging=HANG, before=10,
                   after=6, align="left", keep_next=True, tabs=(), heading=True, outline=2),
    ParagraphStyle("_ H_4_G", MINOR, size=10, italic=True, hanging=HANG, before=10, after=6,
                   align="left", keep_next=True, tabs=(), outline=3),
    # the project's own
    ParagraphStyle("UN Bullet 1", BULLET_1, left=INSET + STEP, hanging=STEP // 2, after=3,
                   tabs=()),
    ParagraphStyle("UN Bullet 2", BULLET_2, left=INSET + 2 * STEP, hanging=STEP // 2, after=3,
                   tabs=()),
    ParagraphStyle("UN Masthead", MASTHEAD, left=0, right=0, after=0, align="left", tabs=()),
    ParagraphStyle("UN Session", SESSION, left=0, right=0, after=0, align="left", tabs=()),
    ParagraphStyle("UN Table Text", TABLE_TEXT, text="table", left=0, right=0, after=3,
                   align="left", tabs=(CELL_TAB,)),
)
UN_STYLES = frozenset(s.name for s in PARAGRAPH_STYLES)  # every paragraph of a body has one
