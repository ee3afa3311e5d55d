"""Page 1 of a UN document as metadata: the symbol in the header; distribution, date,
language and original in the masthead; body, committee, session and agenda item in the
session block, matched against ``bodies.yaml``; the job number in the footer; then the
title, the subtitle and the summary. What does not match is reported, never invented."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from unccd_publish import model as m
from unccd_publish.catalogue import Catalogue, available, catalogue
from unccd_publish.reading import Bodies
from unccd_publish.wordin import pandoc as pd
from unccd_publish.wordin.inlines import InlineWriter, Notes
from unccd_publish.wordin.marking import Marked
from unccd_publish.wordin.patterns import match, parse_date
from unccd_publish.wordin.problems import Problems

SYMBOL = re.compile(r"[A-Z][A-Za-z0-9]*(?:/[A-Za-z0-9().\-]+)+")
JOB = re.compile(r"(?P<number>[A-Z]{1,3}\.\d{2}-\d{3,6})\s*\((?P<letter>[A-Z])\)"
                 r"(?P<dates>(?:\s+\d{6})*)")
LEAD_TABS = re.compile(r"^[\t ]+")


@dataclass
class PageOne:
    """What page 1 says: ``meta`` holds document.yaml's fields, in its order."""

    lang: str
    meta: dict[str, Any] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)  # field → why it is not there
    title: str = ""
    subtitle: str | None = None
    agenda_titles: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # Markdown paragraphs
    body_start: int = 0  # where the body begins among the items


def guess_language(marked: Marked, items: list[pd.Item]) -> str | None:
    """The language whose catalogue's fixed words page 1 shows most."""
    lines = set(marked.header) | {pd.stringify(i.inlines).strip() for i in items[:40]
                                  if isinstance(i, pd.Para)}
    words = " ".join(lines)
    best, score = None, 0
    for lang in sorted(available()):
        cat = catalogue(lang)
        keys = ["masthead.united_nations", "masthead.organ", "words.note_by_secretariat",
                "words.summary", "masthead.symbol_unassigned"]
        here = sum(1 for key in keys if cat[key] and cat[key] in words)
        if here > score:
            best, score = lang, here
    return best


def read_page_one(items: list[pd.Item], marked: Marked, lang: str, bodies: Bodies,
                  notes: Notes, problems: Problems) -> PageOne:
    cat = catalogue(lang)
    page = PageOne(lang)
    _header(marked.header, cat, page)
    at = 0
    lines: list[tuple[str, list[pd.Inline]]] = []
    while at < len(items):
        item = items[at]
        if isinstance(item, pd.Para) and marked.paragraphs[item.index].heading is not None:
            break
        if isinstance(item, pd.Para):
            lines.append((pd.stringify(item.inlines).strip(), item.inlines))
        elif isinstance(item, pd.Table):
            lines += [(line.strip(), p.inlines) for row in item.rows for cell in row
                      for p in cell if isinstance(p, pd.Para)
                      for line in pd.stringify(p.inlines).split("\n")]
        at += 1
    _masthead(lines, cat, bodies, page, problems)
    writer = InlineWriter(notes, lambda message: problems.warning(message, "docx.unsupported",
                                                                  "page 1"))
    if at < len(items):
        title = items[at]
        page.title = _plain(writer.markdown(title.inlines))
        rank = marked.paragraphs[title.index].heading or 1
        at += 1
        nxt = items[at] if at < len(items) else None
        if isinstance(nxt, pd.Para) and (marked.paragraphs[nxt.index].heading or 0) > rank:
            subtitle = _plain(writer.markdown(nxt.inlines))
            if subtitle != cat["words.note_by_secretariat"]:
                page.subtitle = subtitle
            at += 1
        at = _summary(items, at, cat, writer, page)
    else:
        problems.error("no title: page 1 has no paragraph in a heading style; give the "
                       "document's title the style _ H _Ch_G (or Heading 1)", "docx.metadata",
                       "page 1")
    page.body_start = at
    _footer(marked.footer, cat, page, problems)
    return page


def _plain(markdown: str) -> str:
    return LEAD_TABS.sub("", markdown).replace("\n", " ").strip()


def _summary(items: list[pd.Item], at: int, cat: Catalogue, writer: InlineWriter,
             page: PageOne) -> int:
    """The boxed summary: a table whose first paragraph is the word "Summary"."""
    while at < len(items) and isinstance(items[at], pd.Para) and not items[at].inlines:
        at += 1
    if at >= len(items) or not isinstance(items[at], pd.Table):
        return at
    table = items[at]
    paragraphs = [p for row in table.rows for cell in row for p in cell
                  if isinstance(p, pd.Para)]
    if not paragraphs or pd.stringify(paragraphs[0].inlines).strip() != cat["words.summary"]:
        return at
    page.summary = [text for p in paragraphs[1:]
                    if (text := writer.markdown(p.inlines).strip())]
    return at + 1


def _header(lines: list[str], cat: Catalogue, page: PageOne) -> None:
    text = " ".join(lines).replace(cat["masthead.united_nations"], " ").strip()
    if cat["masthead.symbol_unassigned"] in text:
        page.meta["symbol"] = "unassigned"
        return
    found = SYMBOL.search(text)
    if found:
        page.meta["symbol"] = found[0]
    else:
        page.missing["symbol"] = f"no symbol in the header of page 1 ({text!r})"


def _masthead(lines: list[tuple[str, list[pd.Inline]]], cat: Catalogue, bodies: Bodies,
              page: PageOne, problems: Problems) -> None:
    """The masthead and the session block, line by line."""
    lang = page.lang
    date_cat = catalogue(cat["masthead.issue_date_language"])
    names = {body.names.get(lang): key for key, body in bodies.bodies.items()}
    found_bodies: list[str] = []
    sessions: list[m.Session] = []
    venue_line = ""
    after_agenda = False
    is_original = True
    original: str | None = None
    for text, inlines in lines:
        if not text or text in (cat["masthead.united_nations"], cat["masthead.organ"]):
            continue
        if after_agenda:
            page.agenda_titles.append(text)
            continue
        if (got := match(cat["masthead.distribution"], text)) is not None:
            page.meta["distribution"] = got["distribution"]
        elif text == cat["masthead.date_unassigned"]:
            page.meta["date"] = "unassigned"
        elif (date := parse_date(date_cat, text)) is not None:
            page.meta["date"] = date
        elif cat["masthead.language_line"] and text == cat["masthead.language_line"]:
            is_original = False
        elif (got := match(cat["masthead.original"], text)) is not None:
            original = next((code for code in sorted(available())
                             if catalogue(code)["language_name"] == got["language"]), None)
            if original is None:
                page.missing["original"] = f"no catalogue names the language {text!r}"
        elif text in names:
            found_bodies.append(names[text])
        elif any(cat.format("masthead.session", number=s.number) == text
                 for s in bodies.sessions.values()):
            sessions = [s for s in bodies.sessions.values()
                        if cat.format("masthead.session", number=s.number) == text]
        elif (got := match(cat["masthead.agenda_item"], text.rstrip("*"))) is not None:
            page.meta["agenda_item"] = got["item"]
            after_agenda = True
            agenda_note = _note_text(inlines)
            if agenda_note is not None:
                symbol = match(cat["masthead.agenda_note"], agenda_note.lstrip("*").strip())
                page.meta["agenda_symbol"] = symbol["symbol"] if symbol else agenda_note
        elif sessions and not venue_line:
            venue_line = text
        else:
            problems.warning(f"a line of page 1 is not recognised and not imported: {text!r}",
                             "docx.metadata", "page 1")
    page.meta["original"] = original or (lang if is_original else None)
    if page.meta["original"] is None:
        page.missing["original"] = "page 1 has no line \"" + cat["masthead.original"].format(
            language="…") + "\""
        del page.meta["original"]
    if found_bodies:
        page.meta["body"] = found_bodies[0]
        if len(found_bodies) > 1:
            page.meta["committee"] = found_bodies[1]
    else:
        page.missing["body"] = "no line of page 1 names a body of bodies.yaml"
    session = next((s for s in sessions if s.body.key == page.meta.get("body")), None)
    if session is not None:
        page.meta["session"] = session.key
        expected = cat.format("masthead.venue_and_dates", venue=session.venue.get(lang, ""),
                              dates=cat.date_range(session.start, session.end))
        if venue_line and venue_line != expected:
            problems.warning(f"page 1 says {venue_line!r} where bodies.yaml gives session "
                             f"{session.key} {expected!r}", "docx.metadata", "page 1")
        agenda = page.meta.get("agenda_symbol")
        default = session.agenda.get(page.meta.get("committee") or session.body.key)
        if agenda is not None and agenda == default:
            del page.meta["agenda_symbol"]
    else:
        page.missing["session"] = "no line of page 1 names a session of bodies.yaml" + (
            f" of {page.meta['body']}" if "body" in page.meta else "")
    for key in ("distribution", "date", "agenda_item"):
        if key not in page.meta:
            page.missing[key] = "not found on page 1"


def _note_text(inlines: list[pd.Inline]) -> str | None:
    for inline in inlines:
        if inline["t"] == "Note":
            return " ".join(pd.stringify(b["c"]) for b in inline["c"]
                            if b["t"] in ("Para", "Plain")).strip()
    return None


def _footer(lines: list[str], cat: Catalogue, page: PageOne, problems: Problems) -> None:
    for line in lines:
        found = JOB.search(line)
        if found is None:
            continue
        if found["letter"] != cat["un_letter"]:
            problems.warning(f"the job number {found['number']} ({found['letter']}) is not "
                             f"of this language ({cat['un_letter']}); it is not imported",
                             "docx.metadata", "page 1")
            return
        dates = [dt.datetime.strptime(d, "%d%m%y").date() for d in found["dates"].split()]
        page.meta["job_numbers"] = {page.lang: ({"number": found["number"], "dates": dates}
                                                if dates else found["number"])}
        return
