"""The side-by-side report for translators: both versions aligned, findings in place."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from unccd_publish import model as m
from unccd_publish.catalogue import catalogue
from unccd_publish.check.accepted import finding_id
from unccd_publish.check.findings import DocumentReport, Finding, Report, family_of
from unccd_publish.check.units import Unit
from unccd_publish.check.units import units as units_of
from unccd_publish.collector import one_document
from unccd_publish.environment import digest
from unccd_publish.output import write_atomic
from unccd_publish.places import Places, places_of
from unccd_publish.reading import DocumentSet, Project

if TYPE_CHECKING:  # jinja is imported when a first page is rendered: a check whose pages are
    # all kept as the last one wrote them (-E with nothing changed) renders none
    from jinja2 import Environment, Template

Piece = tuple[str, str]  # (kind, text): "text", "mark", "call" or "marked-call"
# a language's cell of a row: the language, its HTML code, where the text stands as printed
# (None when the row has no text in that language), its line ("en.md:12"), the text, and
# the address of its place on the language's page
Cell = tuple[str, str, str | None, str, Markup, str]


class Row:
    """One row of the report: a unit of text in each language that has it, and the
    findings on it. (A class of slots with an initialiser of its own, not a dataclass with
    a factory for each field: a report has a row for every text of a document.)"""

    __slots__ = ("cells", "findings", "key", "link", "units")

    def __init__(self, key: str) -> None:
        self.key = key
        self.link = key.split("#")[0]  # the anchor of the nearest block the pages have an id for
        self.units: dict[str, Unit] = {}  # each language's unit
        self.findings: list[Finding] = []
        # what the page shows of each language, in the report's order: see Row.lay_out
        self.cells: list[Cell] = []

    @property
    def families(self) -> str:
        return " ".join(sorted({f.family for f in self.findings}))

    def lay_out(self, langs: tuple[str, ...], html_langs: dict[str, str],
                notes: dict[str, dict[str, str]], pages: dict[str, str],
                places: dict[str, Places]) -> None:
        """Work out the row's cells once, as plain values: a report has a row for every text
        of a document, and the template reads each cell's values several times. A cell
        holds where its text stands as printed (``places``: each language's, by block) and
        its line ("en.md:12")."""
        cells = []
        for lang in langs:
            unit = self.units.get(lang)
            href = f"{pages[lang]}#{self.link}"
            if unit is None:
                cells.append((lang, html_langs[lang], None, "", Markup(""), href))
            else:
                cells.append((lang, html_langs[lang], places[lang].get(id(unit.block), ""),
                              f"{lang}.md:{unit.location.line}", self.shown(lang, notes[lang]),
                              href))
        self.cells = cells

    def shown(self, lang: str, notes: dict[str, str]) -> Markup:
        """The cell's text of ``lang`` as the page shows it (see :func:`cell`)."""
        unit = self.units[lang]
        if not self.findings and not unit.calls:  # most: nothing marked
            return escape(unit.text)
        return cell(self.pieces(lang), notes)

    def pieces(self, lang: str) -> list[Piece]:
        """The text of ``lang`` as the report shows it: footnote calls where they are, and
        the values the findings name marked."""
        unit = self.units[lang]
        values = [v for f in self.findings for found_lang, found in f.values
                  if found_lang == lang for v in found]
        if not values and not unit.calls:
            return [("text", unit.text)]
        return marked(text_pieces(unit.inlines), values)


def text_pieces(inlines: Sequence[m.Inline]) -> list[Piece]:
    """What a reader sees of ``inlines``, with the footnote calls as pieces of their own."""
    out: list[Piece] = []
    _walk(inlines, out)
    return out


def _walk(inlines: Sequence[m.Inline], out: list[Piece]) -> None:
    # a function of the module, not a recursive closure, which would be a reference cycle
    for inline in inlines:
        if isinstance(inline, m.Text | m.Code | m.SymbolRef):
            _add(out, "text", inline.text)
        elif isinstance(inline, m.CrossRef):
            if inline.children:
                _walk(inline.children, out)
            else:
                _add(out, "text", inline.text)
        elif isinstance(inline, m.Emphasis | m.Strong | m.Link):
            _walk(inline.children, out)
        elif isinstance(inline, m.LineBreak):
            _add(out, "text", "\n")
        elif isinstance(inline, m.FootnoteCall) and inline.number:
            _add(out, "call", str(inline.number))


def _add(out: list[Piece], kind: str, text: str) -> None:
    if kind == "text" and out and out[-1][0] == "text":
        out[-1] = ("text", out[-1][1] + text)
    elif text:
        out.append((kind, text))


def marked(pieces: list[Piece], values: list[str]) -> list[Piece]:
    """``pieces`` with every occurrence of ``values`` marked: a value "^3" marks the call of
    footnote 3."""
    words = sorted({v for v in values if v and not v.startswith("^")}, key=len, reverse=True)
    calls = {v[1:] for v in values if v.startswith("^")}
    pattern = re.compile("|".join(map(re.escape, words))) if words else None
    out: list[Piece] = []
    for kind, text in pieces:
        if kind == "call":
            out.append(("marked-call" if text in calls else "call", text))
        elif pattern is None:
            out.append((kind, text))
        else:
            at = 0
            for found in pattern.finditer(text):
                if found.start() > at:
                    out.append(("text", text[at:found.start()]))
                out.append(("mark", found.group(0)))
                at = found.end()
            if at < len(text):
                out.append(("text", text[at:]))
    return out


def cell(pieces: list[Piece], notes: dict[str, str]) -> Markup:
    """A text as a cell of the report shows it: the values findings name in ``<mark>``,
    footnote calls as superscripts titled with their note (made here, not by the template:
    a report has a cell for every text of a document, and a template's loop over each
    cell's pieces cost more than the rest of the report)."""
    if len(pieces) == 1 and pieces[0][0] == "text":  # most texts: no call, nothing marked
        return escape(pieces[0][1])
    out = []
    for kind, text in pieces:
        if kind == "text":
            out.append(escape(text))
        elif kind == "mark":
            out.append(f"<mark>{escape(text)}</mark>")
        else:
            marked = " marked" if kind == "marked-call" else ""
            out.append(f'<sup class="call{marked}" title="{escape(notes.get(text, ""))}">'
                       f"{escape(text)}</sup>")
    return Markup("".join(out))


def rows_for(units: dict[str, list[Unit]], langs: tuple[str, str],
             findings: list[Finding]) -> tuple[list[Row], list[Finding]]:
    """Rows in the original's order, the translation's extra units after their neighbours
    (those with none before them at the end)."""
    rows: dict[str, Row] = {}
    after: dict[str | None, list[str]] = {}  # the rows placed right after a row
    for lang in langs:
        previous = None
        for unit in units[lang]:
            row = rows.get(unit.key)
            if row is None:
                row = rows[unit.key] = Row(unit.key)
                placed = after.setdefault(previous, [])
                if previous is None:  # a language's first unit: after everything so far
                    placed.append(unit.key)
                else:  # the latest placed after a row comes first after it
                    placed.insert(0, unit.key)
            row.units[lang] = unit
            previous = unit.key
    order: list[str] = []
    stack = list(reversed(after.get(None, [])))
    while stack:  # each row, then what was placed after it
        key = stack.pop()
        order.append(key)
        stack.extend(reversed(after.get(key, [])))
    loose: list[Finding] = []
    for finding in findings:
        target = rows.get(finding.anchor) or next(
            (rows[k] for k in order if finding.anchor and k.startswith(finding.anchor)), None)
        (target.findings if target else loose).append(finding)
    return [rows[k] for k in order], loose


def footnote_texts(doc: m.Document) -> dict[str, str]:
    """Each footnote's text, by its number, to show at its call."""
    return {str(note.number): m.text_of(note) for note in doc.footnotes}


def copy_stylesheet(templates: Path, out: Path) -> None:
    """The reports' stylesheet, beside them."""
    write_atomic(out / "check.css", (templates / "static" / "check.css").read_bytes())


@lru_cache(maxsize=4)
def _environment(templates: Path) -> Environment:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(loader=FileSystemLoader(templates),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def side_by_side_template(templates: Path) -> Template:
    """The report's template, compiled once a process (jinja compiles it again when the file
    has changed since)."""
    return _environment(templates).get_template("check.html")


def write_side_by_side(project: Project, report: Report, out: Path,
                       keys: dict[str, str] | None = None,
                       kept: dict[str, tuple[str, dict[str, str]]] | None = None,
                       ) -> dict[Path, str]:
    """Write the side-by-side report of every translation of ``report``'s documents; the
    pages written, each with a digest of its bytes. A page the last check wrote (``kept``:
    its document's key then and its pages' digests) is written again as it was, not
    rendered, while its document's key (``keys``: a digest of everything its findings and
    pages depend on, :func:`unccd_publish.check.state.document_key`) is the same and the
    file still holds what was written."""
    templates = project.root.resolve().parent / "templates"
    written: dict[Path, str] = {}
    reports = {d.folder: d for d in report.documents}
    for docset in project.documents:
        document_report = reports.get(docset.meta.slug)
        original = docset.versions.get(docset.meta.original)
        if document_report is None or original is None:
            continue
        for lang, translation in sorted(docset.versions.items()):
            if lang == docset.meta.original:
                continue
            path = out / f"{docset.meta.slug}.html"
            found = _as_written(path, out, (keys or {}).get(docset.meta.slug),
                                (kept or {}).get(docset.meta.slug))
            if found is None:
                units = document_report.units.get(lang) or {
                    doc.lang: units_of(doc) for doc in (original, translation)}
                mine = [f for f in document_report.findings
                        if any(place_lang == lang for place_lang, _ in f.places)]
                template = side_by_side_template(templates)  # compiled at the first page
                page = _page(template, docset, document_report, units, mine,
                             {original.lang: original, lang: translation}).encode("utf-8")
                found = page, digest(page)
            write_atomic(path, found[0])
            written[path] = found[1]
    return written


def _as_written(path: Path, out: Path, key: str | None,
                kept: tuple[str, dict[str, str]] | None) -> tuple[bytes, str] | None:
    """The page at ``path`` as the last check wrote it, and its digest, if it was written
    under ``key`` and the file still holds those bytes."""
    if key is None or kept is None or kept[0] != key:
        return None
    recorded = kept[1].get(str(path.relative_to(out)))
    return None if recorded is None else _holding(path, recorded)


def as_written(out: Path, pages: dict[str, str]) -> dict[Path, tuple[bytes, str]] | None:
    """Each of ``pages`` (under ``out``, with the digest it was written with) as written,
    with its digest; None when one of them no longer holds it."""
    found = {}
    for page, recorded in pages.items():
        held = _holding(out / page, recorded)
        if held is None:
            return None
        found[out / page] = held
    return found


def _holding(path: Path, recorded: str) -> tuple[bytes, str] | None:
    try:
        page = path.read_bytes()
    except OSError:
        return None
    return (page, recorded) if digest(page) == recorded else None


def _page(template: Template, docset: DocumentSet, document_report: DocumentReport,
          units: dict[str, list[Unit]], mine: list[Finding], docs: dict[str, m.Document]) -> str:
    langs = tuple(docs)
    with one_document():
        rows, loose = rows_for(units, langs, mine)
        places = {lang: places_of(doc, lang) for lang, doc in docs.items()}
        counts = Counter(f.code for f in mine)
        html_langs = {code: catalogue(code)["html_lang"] for code in langs}
        notes = {code: footnote_texts(doc) for code, doc in docs.items()}
        pages = {code: f"../html/{docset.meta.slug}/{code}.html" for code in langs}
        for row in rows:
            row.lay_out(langs, html_langs, notes, pages, places)
        return template.render(
            title=docset.meta.symbol or catalogue("en")["masthead.symbol_unassigned"],
            folder=docset.meta.slug, langs=list(langs), pages=pages,
            names={code: catalogue(code)["native_name"] for code in langs},
            html_langs=html_langs, rows=rows, loose=loose, findings=mine,
            counts=sorted(counts.items()),
            families=sorted({family_of(code) for code in counts}),
            suppressed=len(document_report.suppressed),
            accepted=len(document_report.accepted),
            finding_id=partial(finding_id, docset.meta.slug))
