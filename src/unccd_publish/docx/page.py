"""The UN page in Word: the masthead and session block of page 1, the title and the boxed
summary, the page-1 footer (job number, barcode, Please recycle, QR code), and the running
heads and feet of later pages (the symbol; the page and job numbers, on the outer side)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph

from unccd_publish import model as m
from unccd_publish.docx import styles as s
from unccd_publish.docx.blocks import RULE, BlockWriter, Place, fixed_widths, set_in
from unccd_publish.docx.notes import Footnotes
from unccd_publish.docx.ooxml import cell_borders, el, field, marked_reference, paragraph_border
from unccd_publish.docx.pictures import barcode_png, qr_png
from unccd_publish.html.page import FirstPageFooter, Page

HEAVY = 20  # the rule under the masthead, in eighths of a point (2.5 pt)
DISTRIBUTION_WIDTH = round(4.2 * s.CM)
AGENDA_MARK = "*"  # the mark of the note naming the provisional agenda
EM_SPACES = "\u2003\u2003"  # between the page and job numbers


@dataclass
class Run:
    """A piece of a line of the masthead with its own size."""

    text: str
    size: float | None = None
    bold: bool = False
    italic: bool = False


def runs(paragraph: Paragraph, *pieces: Run) -> Paragraph:
    for piece in pieces:
        run = paragraph.add_run(piece.text)
        if piece.size:
            run.font.size = Pt(piece.size)
        run.bold = piece.bold or None
        run.italic = piece.italic or None
    return paragraph


def styled(paragraph: Paragraph, style_id: str) -> Paragraph:
    paragraph._p.get_or_add_pPr().style = style_id
    return paragraph


def bare_table(table: Table, widths: list[int]) -> None:
    """A layout table: no grid, no cell margins at the sides, fixed column widths."""
    fixed_widths(table, widths)
    tblpr = table._tbl.tblPr
    tblpr.insert_element_before(
        el("w:tblCellMar", None, el("w:left", {"w": "0", "type": "dxa"}),
           el("w:right", {"w": "0", "type": "dxa"})), "w:tblLook")


def symbol_runs(page: Page) -> list[Run]:
    """The symbol, its first element larger; or the words for a symbol not yet given."""
    mh = page.masthead
    if not mh.symbol:
        return [Run(mh.symbol_unassigned, 11, italic=True)]
    head, sep, tail = mh.symbol.partition("/")
    return [Run(head, 18), Run(sep + tail, 11)]


def masthead(document: Document, page: Page) -> None:
    """Page 1's top: "United Nations" and the symbol over a rule (the first page's header);
    the organ and the distribution block over a heavy rule; the session block."""
    mh = page.masthead
    header = document.sections[0].first_page_header
    top = styled(header.paragraphs[0], s.MASTHEAD)
    top.paragraph_format.tab_stops.add_tab_stop(Twips(s.COLUMN_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
    runs(top, Run(mh.united_nations, 14), Run("\t"), *symbol_runs(page))
    paragraph_border(top._p.get_or_add_pPr(), "bottom", RULE, space=2)

    table = document.add_table(rows=1, cols=2)
    bare_table(table, [s.COLUMN_WIDTH - DISTRIBUTION_WIDTH, DISTRIBUTION_WIDTH])
    organ, distribution = table.rows[0].cells
    runs(styled(organ.paragraphs[0], s.MASTHEAD), Run(mh.organ, 17, bold=True))
    lines = [mh.distribution, mh.issue_date, mh.language_line, mh.original_line]
    first = True
    for line in filter(None, lines):
        paragraph = distribution.paragraphs[0] if first else distribution.add_paragraph()
        runs(styled(paragraph, s.MASTHEAD), Run(line))
        first = False
    for cell in (organ, distribution):
        cell_borders(cell._tc, bottom=HEAVY)


def session_block(document: Document, page: Page, notes: Footnotes,
                  writer: BlockWriter) -> None:
    """Body, committee, session, venue and dates, the agenda item (its "*" note naming the
    provisional agenda) and the item's title."""
    mh = page.masthead
    lines = [Run(mh.body, bold=True), *([Run(mh.committee)] if mh.committee else []),
             Run(mh.session), Run(mh.venue_and_dates)]
    for index, line in enumerate(lines):
        paragraph = runs(styled(document.add_paragraph(), s.SESSION), line)
        if index == 0:
            paragraph.paragraph_format.space_before = Pt(6)
    agenda = runs(styled(document.add_paragraph(), s.SESSION), Run(mh.agenda_line))
    agenda_note_id = writer.calls.first(AGENDA_MARK) if mh.agenda_note else None
    if agenda_note_id is not None:
        agenda._p.append(marked_reference(agenda_note_id, AGENDA_MARK,
                                            s.FOOTNOTE_REFERENCE))
        notes.add(agenda_note_id, [lambda p: writer.text(p, mh.agenda_note)], mark=AGENDA_MARK)
    titles = [runs(styled(document.add_paragraph(), s.SESSION), Run(line, bold=True))
              for line in mh.agenda_titles]
    (titles or [agenda])[-1].paragraph_format.space_after = Pt(14)


def title_block(document: Document, page: Page, writer: BlockWriter) -> None:
    place = Place(document)
    writer.heading(s.CHAPTER, place, f"\t{page.title}", [])
    writer.heading(s.SECTION, place, f"\t{page.subtitle}", [])


def summary(document: Document, page: Page, writer: BlockWriter,
            summary_block: m.Summary) -> None:
    """The summary, boxed: its heading centred, its paragraphs unnumbered and indented."""
    table = document.add_table(rows=1, cols=1)
    bare_table(table, [s.TABLE_WIDTH])
    set_in(table)
    box = table.rows[0].cells[0]
    cell_borders(box._tc, top=RULE, left=RULE, bottom=RULE, right=RULE)
    tcpr = box._tc.get_or_add_tcPr()
    tcpr.append(el("w:tcMar", None, *(el(f"w:{side}", {"w": str(w), "type": "dxa"}) for side, w
                                      in (("top", 120), ("left", 340), ("bottom", 120),
                                          ("right", 340)))))
    heading = styled(box.paragraphs[0], s.SUBSECTION)
    writer.text(heading, writer.cat["words.summary"])
    plain(heading, align=WD_ALIGN_PARAGRAPH.CENTER)
    for block in summary_block.blocks:
        if isinstance(block, m.Paragraph):
            paragraph = styled(box.add_paragraph(), s.SINGLE_TXT)
            writer.inlines(paragraph, block.inlines)
            plain(paragraph, first_line=s.STEP)
        else:
            writer.write(block, Place(box, in_table=True))
    styled(document.add_paragraph(), s.SINGLE_TXT)


def plain(paragraph: Paragraph, first_line: int = 0, align: int | None = None) -> None:
    """The paragraph across the whole of a box, not inset in it."""
    layout = paragraph.paragraph_format
    layout.left_indent = layout.right_indent = Twips(0)
    layout.first_line_indent = Twips(first_line)
    if align is not None:
        layout.alignment = align


def first_page_footer(document: Document, page: Page) -> None:
    """Job number and dates over the barcode at the left; Please recycle and the QR code at
    the right."""
    foot: FirstPageFooter = page.footer
    footer = document.sections[0].first_page_footer
    table = footer.add_table(rows=1, cols=2, width=Twips(s.COLUMN_WIDTH))
    bare_table(table, [s.COLUMN_WIDTH // 2, s.COLUMN_WIDTH - s.COLUMN_WIDTH // 2])
    left, right = table.rows[0].cells
    small = Place(left)
    if foot.job_line:
        runs(small.paragraph(s.MASTHEAD), Run(foot.job_line, 9))
    if foot.digits:
        picture(small.paragraph(s.MASTHEAD), barcode_png(foot.digits), Cm(3.6), Cm(0.8),
                foot.barcode_title)
        runs(small.paragraph(s.MASTHEAD), Run(foot.barcode_text, 8))
    if small.fresh is not None:
        small.paragraph(s.MASTHEAD)
    mark = styled(right.paragraphs[0], s.MASTHEAD)
    mark.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    runs(mark, Run(foot.recycle, 8))
    if foot.qr_url:
        mark.add_run("\u2003")
        picture(mark, qr_png(foot.qr_url), Cm(1.5), Cm(1.5), foot.qr_title)
    empty = footer.paragraphs[0]  # the footer's own first paragraph, before the table
    styled(empty, s.MASTHEAD)
    empty.paragraph_format.space_after = Pt(0)


def picture(paragraph: Paragraph, png: bytes, width: Cm, height: Cm, title: str) -> None:
    """A picture in line, with its text alternative."""
    shape = paragraph.add_run().add_picture(io.BytesIO(png), width=width, height=height)
    shape._inline.docPr.set("descr", title)


def running_heads(document: Document, symbol: str, job: str | None) -> None:
    """From page 2: the symbol at the top, the page and job numbers at the foot, on the
    left of even pages and the right of odd ones."""
    section = document.sections[0]
    even_head = styled(section.even_page_header.paragraphs[0], s.HEADER)
    runs(even_head, Run(symbol))
    odd_head = styled(section.header.paragraphs[0], s.HEADER)
    runs(odd_head, Run("\t" + symbol))
    even_foot = styled(section.even_page_footer.paragraphs[0], s.FOOTER)
    page_number(even_foot)
    if job:
        runs(even_foot, Run(EM_SPACES + job))
    odd_foot = styled(section.footer.paragraphs[0], s.FOOTER)
    runs(odd_foot, Run("\t" + (job + EM_SPACES if job else "")))
    page_number(odd_foot)


def page_number(paragraph: Paragraph) -> None:
    for run in field("PAGE", "2"):
        paragraph._p.append(run)

