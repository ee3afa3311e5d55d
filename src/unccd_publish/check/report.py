"""The side-by-side report for translators: both versions aligned, findings in place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from unccd_publish.catalogue import catalogue
from unccd_publish.check.findings import Finding, Report
from unccd_publish.check.pairing import Pair
from unccd_publish.collector import one_document
from unccd_publish.output import write_atomic
from unccd_publish.reading import Project


@dataclass
class Row:
    key: str
    link: str  # the anchor of the nearest block the pages have an id for
    texts: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def codes(self) -> str:
        return " ".join(sorted({f.code for f in self.findings}))


def rows_for(pair: Pair, findings: list[Finding]) -> tuple[list[Row], list[Finding]]:
    """Rows in the original's order, the translation's extra units after their neighbours."""
    rows: dict[str, Row] = {}
    order: list[str] = []
    for lang in (pair.original.lang, pair.translation.lang):
        previous = None
        for unit in pair.units[lang]:
            row = rows.get(unit.key)
            if row is None:
                row = rows[unit.key] = Row(unit.key, unit.key.split("#")[0] or "")
                position = order.index(previous) + 1 if previous in order else len(order)
                order.insert(position, unit.key)
            row.texts[lang] = unit.text
            row.lines[lang] = unit.location.line
            previous = unit.key
    loose: list[Finding] = []
    for finding in findings:
        target = rows.get(finding.anchor) or next(
            (rows[k] for k in order if finding.anchor and k.startswith(finding.anchor)), None)
        (target.findings if target else loose).append(finding)
    return [rows[k] for k in order], loose


def copy_stylesheet(templates: Path, out: Path) -> None:
    """The reports' stylesheet, beside them."""
    write_atomic(out / "check.css", (templates / "static" / "check.css").read_bytes())


def write_side_by_side(project: Project, report: Report, out: Path) -> list[Path]:
    templates = project.root.resolve().parent / "templates"
    env = Environment(loader=FileSystemLoader(templates),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.get_template("check.html")
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
            pair = Pair(original, translation)
            mine = [f for f in document_report.findings
                    if any(place_lang == lang for place_lang, _ in f.places)]
            langs = (original.lang, lang)
            with one_document():
                rows, loose = rows_for(pair, mine)
                page = template.render(
                    title=docset.meta.symbol or catalogue("en")["masthead.symbol_unassigned"],
                    folder=docset.meta.slug, langs=list(langs),
                    names={code: catalogue(code)["native_name"] for code in langs},
                    html_langs={code: catalogue(code)["html_lang"] for code in langs},
                    rows=rows, loose=loose, findings=mine,
                    codes=sorted({f.code for f in mine}),
                    suppressed=len(document_report.suppressed))
            path = out / f"{docset.meta.slug}.html"
            write_atomic(path, page)
            written.append(path)
    return written
