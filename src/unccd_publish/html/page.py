"""The facts of one page, computed in Python so that templates hold only layout."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from unccd_publish import model as m
from unccd_publish.catalogue import Catalogue, catalogue


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
    agenda_titles: list[str]
    job_number: str | None
    emblem: str | None


@dataclass
class Page:
    doc: m.Document
    cat: Catalogue
    masthead: Masthead
    title: str
    subtitle: str
    contents: list[ContentsEntry] = field(default_factory=list)
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
              css: list[str]) -> Page:
    cat = catalogue(doc.lang)
    meta = doc.meta
    original = catalogue(meta.original)
    date_cat = catalogue(cat["masthead.issue_date_language"])
    session = meta.session
    dates = cat.date_range(session.start, session.end)
    masthead = Masthead(
        united_nations=cat["masthead.united_nations"],
        symbol=meta.symbol,
        symbol_unassigned=cat["masthead.symbol_unassigned"],
        organ=cat["masthead.organ"],
        distribution=cat.format("masthead.distribution", distribution=meta.distribution),
        issue_date=date_cat.date(meta.date) if meta.date else cat["masthead.date_unassigned"],
        language_line=cat["masthead.language_line"] if doc.lang != meta.original else "",
        original_line=(cat.format("masthead.original", language=original["language_name"])
                       if doc.lang != meta.original else ""),
        body=meta.body.names.get(doc.lang, ""),
        committee=meta.committee.names.get(doc.lang) if meta.committee else None,
        session=cat.format("masthead.session", number=session.number),
        venue_and_dates=cat.format("masthead.venue_and_dates",
                                   venue=session.venue.get(doc.lang, ""), dates=dates),
        agenda_line=cat.format("masthead.agenda_item", item=meta.agenda_item),
        agenda_titles=doc.front.agenda_title,
        job_number=meta.job_numbers.get(doc.lang),
        emblem=emblem,
    )
    return Page(
        doc=doc,
        cat=cat,
        masthead=masthead,
        title=doc.front.title,
        subtitle=doc.front.subtitle or cat["words.note_by_secretariat"],
        contents=contents(doc, cat) if meta.contents else [],
        others=others,
        enacting_formula=meta.body.enacting_formula.get(doc.lang, ""),
        css=css,
    )


def contents(doc: m.Document, cat: Catalogue) -> list[ContentsEntry]:
    """Chapters and sections, decisions, and annexes at the top level, in order."""
    entries: list[ContentsEntry] = []

    def visit(blocks: list[m.Block], in_decision: bool) -> None:
        for block in blocks:
            if isinstance(block, m.Section) and block.level in ("chapter", "section"):
                level = 1 if block.level == "chapter" else 2
                entries.append(ContentsEntry(block.anchor, block.number, block.title, level))
                visit(block.blocks, in_decision)
            elif isinstance(block, m.Decision):
                entries.append(ContentsEntry(block.anchor, cat.number("decision", block.number),
                                             block.title))
            elif isinstance(block, m.Annex) and not in_decision:
                entries.append(ContentsEntry(block.anchor, "", block.title,
                                             label=annex_heading(block, cat)))

    visit(doc.body, False)
    return entries


def annex_heading(annex: m.Annex, cat: Catalogue) -> str:
    if annex.number:
        return cat.format("words.annex_numbered", number=cat.number("annex", annex.number))
    return cat["words.annex"]
