"""The bilingual consistency checker: where do the language versions of a document disagree?

It reads both versions through the document model, pairs them by structure
(:mod:`~unccd_publish.check.pairing`) and runs every rule of the registry
(:mod:`~unccd_publish.check.registry`, rule families under ``check/rules/``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Collection
from pathlib import Path
from typing import Any

from unccd_publish.check import rules  # noqa: F401  (registers the rules)
from unccd_publish.check.accepted import ACCEPTED_FILE, accept, finding_id, read_accepted
from unccd_publish.check.facts import Facts
from unccd_publish.check.findings import DocumentReport, Report
from unccd_publish.check.pairing import Pair
from unccd_publish.check.registry import ordered, switched_off
from unccd_publish.check.sheet import Sheet, sheet_of
from unccd_publish.check.units import Known
from unccd_publish.collector import loading, one_document
from unccd_publish.diagnostics import Diagnostics, Location
from unccd_publish.environment import CACHE_DIR, missing_template
from unccd_publish.reading import DocumentSet, Project
from unccd_publish.reading.cache import ReadCache
from unccd_publish.reading.schemas import validate
from unccd_publish.reading.source import read_text
from unccd_publish.reading.yamlfile import YamlProblem, load_yaml

GLOSSARY_FILE = "glossary.yaml"
GLOSSARY_SCHEMA = {
    "type": "object",
    "required": ["terms"],
    "additionalProperties": False,
    "properties": {"terms": {"type": "array", "items": {
        "type": "object", "minProperties": 2,
        "propertyNames": {"pattern": "^[a-z]{2,3}$"},
        "additionalProperties": {"anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}]},
    }}},
}


def read_glossary(root: Path, diagnostics: Diagnostics) -> list[dict[str, list[str]]]:
    path = root / GLOSSARY_FILE
    if not path.exists():
        return []
    text = read_text(path, diagnostics)
    if text is None:
        return []
    try:
        loaded = load_yaml(text)
    except YamlProblem as problem:
        diagnostics.error(Location(path, problem.line), problem.message, problem.code)
        return []
    if not validate(loaded, GLOSSARY_SCHEMA, Location(path), diagnostics, GLOSSARY_FILE,
                    code_prefix="glossary"):
        return []
    return [{lang: [forms] if isinstance(forms, str) else list(forms)
             for lang, forms in term.items()} for term in loaded.data["terms"]]


def check_document(docset: DocumentSet, glossary: list[dict[str, list[str]]],
                   suppress: list[str],
                   known: dict[tuple[str, str], Facts] | None = None,
                   accepted: Collection[str] = ()) -> DocumentReport:
    """Every finding on one document: its original against each of its translations.

    ``known`` is what an earlier run read in the document's texts; what this one reads is
    added to it. A finding whose id is ``accepted`` is counted apart."""
    known = {} if known is None else known
    return check_sheets(docset.meta.slug, docset.meta.original, sheets_of(docset, known),
                        glossary, suppress, known, accepted)


def sheets_of(docset: DocumentSet, known: Known) -> dict[str, Sheet]:
    """The sheet of each language version of ``docset`` (none without its original)."""
    if docset.meta.original not in docset.versions:
        return {}
    return {lang: sheet_of(doc, known) for lang, doc in docset.versions.items()}


def check_sheets(folder: str, original_lang: str, sheets: dict[str, Sheet],
                 glossary: list[dict[str, list[str]]], suppress: list[str], known: Known,
                 accepted: Collection[str] = ()) -> DocumentReport:
    """Every finding on the document of ``folder``, from its versions' sheets."""
    report = DocumentReport(folder)
    original = sheets.get(original_lang)
    if original is None:
        return report
    for lang, translation in sorted(sheets.items()):
        if lang == original_lang:
            continue
        pair = Pair(original, translation, glossary, known)
        if translation.made is not None:  # units with their blocks: the report can show them
            report.units[lang] = pair.units
        noqa = _noqa(pair)
        seen: set[object] = set()
        for rule in ordered():
            if rule.function in seen:
                continue
            seen.add(rule.function)
            for finding in rule.function(pair):
                if switched_off(finding.code, suppress) or switched_off(
                        finding.code, noqa.get(finding.anchor, frozenset())):
                    report.suppressed.append(finding)
                elif accepted and finding_id(report.folder, finding) in accepted:
                    report.accepted.append(finding)
                else:
                    report.findings.append(finding)
    return report


def _noqa(pair: Pair) -> dict[str, frozenset[str]]:
    """The codes switched off by ``{noqa="…"}`` for each unit and block, in either language."""
    noqa: dict[str, frozenset[str]] = {}
    for units in pair.by_key.values():
        for key, unit in units.items():
            if unit.suppress:
                noqa[key] = noqa.get(key, frozenset()) | unit.suppress
    for sheet in pair.sheets:
        for anchor, codes in sheet.noqa:
            noqa[anchor] = noqa.get(anchor, frozenset()) | codes
    return noqa


def check_project(project: Project, diagnostics: Diagnostics,
                  cache: ReadCache | None = None,
                  glossary: list[dict[str, list[str]]] | None = None,
                  read: dict[str, dict[str, Sheet]] | None = None) -> Report:
    """Every finding on every document of ``project``; what is read in the documents' texts
    is kept in ``cache`` beside the documents, and taken from it. ``glossary``: the project's,
    when the caller has read it already (a run reads it once, not once per chunk). ``read``
    is given each document's sheets, by folder name."""
    if glossary is None:
        glossary = read_glossary(project.root, diagnostics)
    report = Report()
    for docset in project.documents:
        with one_document():
            known = cache.facts(docset.meta.folder) if cache else {}
            before = len(known)
            sheets = sheets_of(docset, known)
            report.documents.append(check_with_accepted(
                docset.meta.folder, docset.meta.original, sheets, glossary,
                project.config.suppress, known, diagnostics))
            if read is not None:
                read[docset.meta.slug] = sheets
            if cache and len(known) > before:
                cache.put_facts(docset.meta.folder, known)
    return report


def check_with_accepted(folder: Path, original_lang: str, sheets: dict[str, Sheet],
               glossary: list[dict[str, list[str]]], suppress: list[str], known: Known,
               diagnostics: Diagnostics) -> DocumentReport:
    """:func:`check_sheets`, with the findings the document's accepted.yaml accepts counted
    apart, and a warning for each acceptance no finding matches any more."""
    accepted = read_accepted(folder, diagnostics)
    done = check_sheets(folder.name, original_lang, sheets, glossary, suppress, known, accepted)
    found = {finding_id(done.folder, f) for f in done.accepted}
    for gone in sorted(set(accepted) - found):
        diagnostics.warning(Location(folder / ACCEPTED_FILE, accepted[gone].line), f"the "
                            f"accepted finding {gone} ({accepted[gone].code}) is no "
                            "longer found; remove it", "accepted.stale")
    return done


def format_text(report: Report, root: Path) -> list[str]:
    lines = [f.format(root) for f in sorted(report.findings, key=lambda f: (
        str(f.places[0][1].path) if f.places else "", f.places[0][1].line if f.places else 0))]
    counts, hidden = report.counts(), report.suppressed_counts()
    accepted = report.accepted_counts()
    for code in sorted(set(counts) | set(hidden) | set(accepted)):
        extra = f", {hidden[code]} suppressed" if hidden[code] else ""
        extra += f", {accepted[code]} accepted" if accepted[code] else ""
        lines.append(f"  {code}: {counts[code]} finding(s){extra}")
    return lines


def with_ids(report: Report, root: Path, which: str = "findings") -> list[dict[str, Any]]:
    """Every finding (or accepted, or suppressed one) as JSON, with its id."""
    return [{"id": finding_id(document.folder, finding), "document": document.folder,
             **finding.to_json(root)}
            for document in report.documents for finding in getattr(document, which)]


def accept_finding(report: Report, wanted: str, reason: str, content: Path,
                   diagnostics: Diagnostics) -> bool:
    """``check --accept``: record the finding ``wanted`` (an id) in its document's
    accepted.yaml, and count it as accepted in ``report``."""
    for document in report.documents:
        for finding in document.findings:
            if finding_id(document.folder, finding) == wanted:
                acceptance = accept(content / document.folder, finding, reason, dt.date.today())
                document.findings.remove(finding)
                document.accepted.append(finding)
                where = finding.anchor or "the document"
                print(f"accepted {acceptance.id} ({finding.code}, {where}) in "
                      f"{content / document.folder / ACCEPTED_FILE}", file=sys.stderr)
                return True
    known = {finding_id(d.folder, f) for d in report.documents for f in d.accepted}
    why = ("it is accepted already" if wanted in known else
           "no finding of this check has it (ids are printed by --format json and in the "
           "side-by-side report)")
    diagnostics.error(Location(content), f"cannot accept {wanted}: {why}", "cli.accept")
    return False


def run_check_command(args: argparse.Namespace) -> int:
    """``unccd-publish check``: report, write the side-by-side pages, exit 1 on errors."""
    with loading():
        from unccd_publish.check.run import run_check

    start = time.perf_counter()
    diagnostics = Diagnostics()
    out = args.out / "check"
    missing = missing_template(args.content.resolve().parent / "templates", "check.html",
                               "static/check.css")
    if missing is not None:
        print(missing.format(Path.cwd()), file=sys.stderr)
        return 1
    run = run_check(args.content, out, args.documents, diagnostics, fresh=args.fresh,
                    jobs=args.jobs, cache=args.cache or args.out / CACHE_DIR,
                    shard=args.shard)
    if run is None:
        print(f"error: no document matches {' '.join(args.documents)} [cli.select]",
              file=sys.stderr)
        return 1
    report = run.report
    root = Path.cwd()
    accepting = getattr(args, "accept", None)
    if accepting:
        accept_finding(report, accepting, args.reason or "", args.content, diagnostics)
    for diagnostic in diagnostics:
        print(diagnostic.format(root), file=sys.stderr)
    elapsed = time.perf_counter() - start
    findings = report.findings
    errors = [f for f in findings if f.severity == "error"]
    if args.format == "json":
        print(json.dumps({
            "findings": with_ids(report, root),
            "accepted": with_ids(report, root, "accepted"),
            "suppressed": with_ids(report, root, "suppressed"),
            "summary": dict(report.counts()),
            "source_problems": [d.format(root) for d in diagnostics],
        }, ensure_ascii=False, indent=1))
    elif args.format == "sarif":
        from unccd_publish.check.sarif import sarif

        reasons = {a.id: a.reason for d in report.documents if d.accepted
                   for a in read_accepted(args.content / d.folder, Diagnostics()).values()}
        print(json.dumps(sarif(report, root, reasons), ensure_ascii=False, indent=1))
    else:
        for line in format_text(report, root):
            print(line)
        if not args.quiet:
            pages = f"{out}/<folder>.html" if run.written or run.replayed else "none"
            print(f"{len(report.documents)} document(s) checked in {elapsed:.2f} s "
                  f"({len(run.compared)} compared, {len(run.replayed)} unchanged since the last "
                  f"check): {len(errors)} error(s), {len(findings) - len(errors)} warning(s), "
                  f"{len(report.suppressed)} suppressed, {len(report.accepted)} accepted; "
                  f"side-by-side reports: {pages}",
                  file=sys.stderr)
    failed = bool(errors) or diagnostics.has_errors() or (
        args.warnings_as_errors and (bool(findings) or bool(diagnostics.warnings)))
    return 1 if failed else 0
