"""One run of the checker: compare what changed since the last check, replay the rest.

Which documents are out of date is decided as in the build, on the content of their
inputs (:mod:`~unccd_publish.check.state`); only those are read, compared and given a new
side-by-side report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from unccd_publish.check import GLOSSARY_FILE, check_project
from unccd_publish.check.findings import DocumentReport, Report
from unccd_publish.check.report import write_side_by_side
from unccd_publish.check.state import (
    CheckRecord,
    CheckState,
    check_inputs_digest,
    document_key,
    finding_to_json,
    replay,
)
from unccd_publish.collector import one_run
from unccd_publish.diagnostics import Diagnostics
from unccd_publish.environment import diagnostic_from_json, diagnostic_to_json, document_digest
from unccd_publish.reading import (
    document_folders,
    probe_symbol,
    read_project,
    select_folders,
)


@dataclass
class CheckRun:
    """What one run of the checker found, wrote and did not need to do again."""

    report: Report
    written: list[Path] = field(default_factory=list)
    compared: list[str] = field(default_factory=list)  # documents read and compared
    replayed: list[str] = field(default_factory=list)  # documents whose findings were kept


def run_check(content: Path, out: Path, names: list[str], diagnostics: Diagnostics,
              fresh: bool = False) -> CheckRun | None:
    """Check the selected documents, comparing again only those whose inputs changed.

    Returns None when ``names`` matches no document.
    """
    state = CheckState() if fresh else CheckState.load(out)
    folders = document_folders(content)

    def symbol_of(name: str) -> str | None:
        record = state.documents.get(name)
        return record.symbol if record else probe_symbol(folders[name])

    selected = select_folders(folders, names, symbol_of)
    if names and not selected:
        return None
    with one_run():
        return _check_selected(content, out, selected, state, folders, diagnostics)


def _check_selected(content: Path, out: Path, selected: set[str], state: CheckState,
                    folders: dict[str, Path], diagnostics: Diagnostics) -> CheckRun:
    templates = content.resolve().parent / "templates"
    inputs = check_inputs_digest(content, templates, content / GLOSSARY_FILE)
    digests = {name: document_digest(folder) for name, folder in folders.items()}
    stale = set()
    for name in selected:
        record = state.documents.get(name)
        if (record is None or record.key != document_key(inputs, name, digests, record.cites)
                or not all((out / page).is_file() for page in record.reports)):
            stale.add(name)
    project = read_project(content, diagnostics, only=stale)
    run = CheckRun(check_project(project, diagnostics))
    run.written = write_side_by_side(project, run.report, out)
    mine = diagnostics.by_folder(folders)
    docsets = {d.meta.slug: d for d in project.documents}
    reports = {d.folder: d for d in run.report.documents}
    for name in sorted(stale):
        docset = docsets.get(name)
        done = reports.get(name, DocumentReport(name))
        cites = docset.refers_to if docset else []
        state.documents[name] = CheckRecord(
            key=document_key(inputs, name, digests, cites),
            symbol=docset.meta.symbol if docset else probe_symbol(folders[name]), cites=cites,
            findings=[finding_to_json(f, content) for f in done.findings],
            suppressed=[finding_to_json(f, content) for f in done.suppressed],
            diagnostics=[diagnostic_to_json(d, content) for d in mine.get(name, [])],
            reports=[str(p.relative_to(out)) for p in run.written if p.stem == name])
    for name in sorted(selected - stale):
        record = state.documents[name]
        run.report.documents.append(replay(name, record, content))
        diagnostics.extend(diagnostic_from_json(d, content) for d in record.diagnostics)
    for gone in set(state.documents) - set(folders):
        for page in state.documents.pop(gone).reports:
            (out / page).unlink(missing_ok=True)
    run.report.documents.sort(key=lambda d: d.folder)
    run.compared, run.replayed = sorted(stale), sorted(selected - stale)
    state.save(out)
    return run
