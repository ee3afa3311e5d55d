"""The side-by-side report for translators: both versions aligned, findings in place."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, Template, select_autoescape

from unccd_publish.catalogue import catalogue
from unccd_publish.check.findings import Finding, Report
from unccd_publish.check.pairing import Pair, Unit
from unccd_publish.collector import one_document
from unccd_publish.output import write_atomic
from unccd_publish.reading import Project


@dataclass(slots=True)
class Row:
    key: str
    link: str  # the anchor of the nearest block the pages have an id for
    texts: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)  # where each text stands: "en.md:12"
    findings: list[Finding] = field(default_factory=list)

    @property
    def codes(self) -> str:
        return " ".join(sorted({f.code for f in self.findings}))


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
                row = rows[unit.key] = Row(unit.key, unit.key.split("#")[0] or "")
                placed = after.setdefault(previous, [])
                if previous is None:  # a language's first unit: after everything so far
                    placed.append(unit.key)
                else:  # the latest placed after a row comes first after it
                    placed.insert(0, unit.key)
            row.texts[lang] = unit.text
            row.lines[lang] = line = unit.location.line
            row.places[lang] = f"{lang}.md:{line}"
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


def copy_stylesheet(templates: Path, out: Path) -> None:
    """The reports' stylesheet, beside them."""
    write_atomic(out / "check.css", (templates / "static" / "check.css").read_bytes())


@lru_cache(maxsize=4)
def _environment(templates: Path) -> Environment:
    return Environment(loader=FileSystemLoader(templates),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def side_by_side_template(templates: Path) -> Template:
    """The report's template, compiled once a process (jinja compiles it again when the file
    has changed since)."""
    return _environment(templates).get_template("check.html")


def write_side_by_side(project: Project, report: Report, out: Path) -> list[Path]:
    template = side_by_side_template(project.root.resolve().parent / "templates")
    written = []
    reports = {d.folder: d for d in report.documents}
    for docset in project.documents:
        document_report = reports.get(docset.meta.slug)
        original = docset.versions.get(docset.meta.original)
        if document_report is None or original is None:
            continue
        for lang, translation in sorted(docset.versions.items()):
            if lang == docset.meta.original:
                continue
            units = document_report.units.get(lang) or Pair(original, translation).units
            mine = [f for f in document_report.findings
                    if any(place_lang == lang for place_lang, _ in f.places)]
            langs = (original.lang, lang)
            with one_document():
                rows, loose = rows_for(units, langs, mine)
                page = template.render(
                    title=docset.meta.symbol or catalogue("en")["masthead.symbol_unassigned"],
                    folder=docset.meta.slug, langs=list(langs),
                    pages={code: f"../html/{docset.meta.slug}/{code}.html" for code in langs},
                    names={code: catalogue(code)["native_name"] for code in langs},
                    html_langs={code: catalogue(code)["html_lang"] for code in langs},
                    rows=rows, loose=loose, findings=mine,
                    codes=sorted({f.code for f in mine}),
                    suppressed=len(document_report.suppressed))
            path = out / f"{docset.meta.slug}.html"
            write_atomic(path, page)
            written.append(path)
    return written
