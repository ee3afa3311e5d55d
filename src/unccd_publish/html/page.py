"""The facts of one page, computed in Python so that templates hold only layout."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup

from unccd_publish import model as m
from unccd_publish.catalogue import Catalogue, catalogue
from unccd_publish.html.furniture import barcode_svg, qr_svg

UNDOCS = "https://undocs.org/{lang}/{symbol}"  # where the UN's documents are found by symbol


@dataclass
class ContentsEntry:
    anchor: str
    number: str
    title: list[m.Inline]
    level: int = 1
    label: str = ""  # a line above the title, e.g. "Annex"


@dataclass
class OtherVersion:
    lang: str
    name: str
    href: str


@dataclass
class Masthead:
    united_nations: str
    symbol: str | None
    symbol_unassigned: str
    organ: str
    distribution: str
    issue_date: str
    language_line: str
    original_line: str
    body: str
    committee: str | None
    session: str
    venue_and_dates: str
    agenda_line: str
    agenda_note: str  # the "*" note naming the provisional agenda, or ""
    agenda_titles: list[str]
    job_number: str | None  # as the running foot of later pages prints it
    emblem: str | None  # the image's address from the page
    emblem_alt: str


@dataclass
class FirstPageFooter:
    """The foot of page 1: job number and processing dates, barcode, recycling mark, QR code.

    The barcode and the QR code are drawn (as SVG) when a page first asks for them: the
    Word output draws its own pictures from the same digits, URL and titles."""

    job_line: str  # "GE.24-17046 (E)    200924    011024", or "" for a draft
    digits: str | None  # the job number's digits, which the barcode carries
    barcode_text: str  # "*2417046*"
    barcode_title: str  # its text alternative
    recycle: str
    qr_url: str | None  # the document's address, which the QR code carries
    qr_title: str

    @cached_property
    def barcode(self) -> Markup | None:
        return barcode_svg(self.digits, self.barcode_title) if self.digits else None

    @cached_property
    def qr(self) -> Markup | None:
        return qr_svg(self.qr_url, self.qr_title) if self.qr_url else None


@dataclass
class Page:
    doc: m.Document
    cat: Catalogue
    masthead: Masthead
    footer: FirstPageFooter
    title: str
    subtitle: str
    contents: list[ContentsEntry] = field(default_factory=list)
    contents_own_page: bool = True
    others: list[OtherVersion] = field(default_factory=list)
    enacting_formula: str = ""
    css: list[str] = field(default_factory=list)
    index_href: str = "../index.html"

    @property
    def lang(self) -> str:
        return self.doc.lang


def symbol_markup(symbol: str) -> Markup:
    """The symbol with its first element set apart (printed larger in the masthead)."""
    head, sep, tail = symbol.partition("/")
    return Markup('<span class="symbol-lead">%s</span>%s%s') % (head, sep, tail)


def make_page(doc: m.Document, others: list[OtherVersion], emblem: str | None,
              css: list[str], document_url: str = UNDOCS) -> Page:
    """The facts of ``doc``'s page; ``emblem`` is the image's address from the page, and
    ``document_url`` the pattern of a document's address (the page-1 QR code)."""
    cat = catalogue(doc.lang)
    meta = doc.meta
    original = catalogue(meta.original)
    date_cat = catalogue(cat["masthead.issue_date_language"])
    session = meta.session
    dates = cat.date_range(session.start, session.end)
    job = meta.jobs.get(doc.lang)
    masthead = Masthead(
        united_nations=cat["masthead.united_nations"],
        symbol=meta.symbol,
        symbol_unassigned=cat["masthead.symbol_unassigned"],
        organ=cat["masthead.organ"],
        distribution=cat.format("masthead.distribution", distribution=meta.distribution),
        issue_date=date_cat.date(meta.date) if meta.date else cat["masthead.date_unassigned"],
        language_line=cat["masthead.language_line"] if doc.lang != meta.original else "",
        original_line=cat.format("masthead.original", language=original["language_name"]),
        body=meta.body.names.get(doc.lang, ""),
        committee=meta.committee.names.get(doc.lang) if meta.committee else None,
        session=cat.format("masthead.session", number=session.number),
        venue_and_dates=cat.format("masthead.venue_and_dates",
                                   venue=session.venue.get(doc.lang, ""), dates=dates),
        agenda_line=cat.format("masthead.agenda_item", item=meta.agenda_item),
        agenda_note=(cat.format("masthead.agenda_note", symbol=meta.agenda_symbol)
                     if meta.agenda_symbol else ""),
        agenda_titles=doc.front.agenda_title,
        job_number=job.number if job else None,
        emblem=emblem,
        emblem_alt=cat["masthead.emblem"],
    )
    return Page(
        doc=doc,
        cat=cat,
        masthead=masthead,
        footer=first_page_footer(doc, job, cat, document_url),
        title=doc.front.title,
        subtitle=doc.front.subtitle or cat["words.note_by_secretariat"],
        contents=contents(doc, cat) if meta.contents else [],
        contents_own_page=meta.contents_page == "own",
        others=others,
        enacting_formula=meta.body.enacting_formula.get(doc.lang, ""),
        css=css,
    )


def first_page_footer(doc: m.Document, job: m.Job | None, cat: Catalogue,
                      document_url: str) -> FirstPageFooter:
    """Only what the metadata gives: a draft without a job number has no job line and no
    barcode, a document without a symbol no QR code."""
    job_line, barcode_text, barcode_title = "", "", ""
    if job:
        job_line = "\u2002\u2002\u2002".join(
            [f"{job.number} ({cat['un_letter']})", *(d.strftime("%d%m%y") for d in job.dates)])
        barcode_text = f"*{job.digits}*"
        barcode_title = cat.format("masthead.barcode", code=barcode_text)
    url, qr_title = None, ""
    if doc.meta.symbol:
        url = document_url.format(symbol=doc.meta.symbol, lang=doc.lang)
        qr_title = cat.format("masthead.qr_code", url=url)
    return FirstPageFooter(job_line, job.digits if job else None, barcode_text, barcode_title,
                           cat["masthead.please_recycle"], url, qr_title)


def contents(doc: m.Document, cat: Catalogue) -> list[ContentsEntry]:
    """Chapters and sections, decisions, and annexes at the top level, in order."""
    entries: list[ContentsEntry] = []
    _contents(doc.body, False, cat, entries)
    return entries


def _contents(blocks: list[m.Block], in_decision: bool, cat: Catalogue,
              entries: list[ContentsEntry]) -> None:
    # not a recursive closure, which would be a reference cycle holding the model
    for block in blocks:
        if isinstance(block, m.Section) and block.level in ("chapter", "section"):
            level = 1 if block.level == "chapter" else 2
            entries.append(ContentsEntry(block.anchor, block.number, block.title, level))
            _contents(block.blocks, in_decision, cat, entries)
        elif isinstance(block, m.Decision):
            entries.append(ContentsEntry(block.anchor, cat.number("decision", block.number),
                                         block.title))
        elif isinstance(block, m.Annex) and not in_decision:
            entries.append(ContentsEntry(block.anchor, "", block.title,
                                         label=annex_heading(block, cat)))


def annex_heading(annex: m.Annex, cat: Catalogue) -> str:
    if annex.number:
        return cat.format("words.annex_numbered", number=cat.number("annex", annex.number))
    return cat["words.annex"]
