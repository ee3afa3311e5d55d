"""One run of the checker: compare what changed since the last check, replay the rest.

Which documents are out of date is decided as in the build, on the content of their
inputs (:mod:`~unccd_publish.check.state`); only those are read, compared and given a new
side-by-side report, a few documents at a time (so that memory does not grow with the
corpus), in worker processes when there are enough of them (``-j``). Each comparison
gives a record; the report of the run is replayed from the records of every selected
document, so that a document compared now and one compared earlier read the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import cast

from unccd_publish.check import GLOSSARY_FILE, check_project, check_with_accepted, read_glossary
from unccd_publish.check.findings import DocumentReport, Report
from unccd_publish.check.report import (
    as_written,
    copy_stylesheet,
    side_by_side_template,
    write_side_by_side,
)
from unccd_publish.check.sheet import Checked, Sheet
from unccd_publish.check.state import (
    STATE_FILE,
    CheckRecord,
    CheckState,
    check_inputs_digest,
    document_key,
    finding_to_json,
    replay,
)
from unccd_publish.check.units import Known
from unccd_publish.collector import one_document, one_run
from unccd_publish.diagnostics import Diagnostic, Diagnostics
from unccd_publish.environment import SourceDigests, diagnostic_from_json, diagnostic_to_json
from unccd_publish.output import write_atomic
from unccd_publish.reading import (
    Shared,
    document_folders,
    probe_symbol,
    read_project,
    read_shared,
    report_duplicate_symbols,
    select_folders,
)
from unccd_publish.reading.cache import ReadCache, facts_of
from unccd_publish.shards import Shard, cost, share
from unccd_publish.workers import forked_map, worker_count

CHUNK = 16  # documents compared together: their models are in memory at once
# where the documents are few for the workers, chunks are smaller: SPREAD chunks a worker at
# least, so that none waits idle while another compares a long document, but MIN_CHUNK
# documents a chunk at least, since a worker first pays for what it loads
SPREAD, MIN_CHUNK = 4, 4
WORKER_MEMORY = 400 * 1024 * 1024  # what one worker may need for a chunk of large documents


@dataclass
class CheckRun:
    """What one run of the checker found, wrote and did not need to do again."""

    report: Report
    written: list[Path] = field(default_factory=list)
    compared: list[str] = field(default_factory=list)  # documents read and compared
    replayed: list[str] = field(default_factory=list)  # documents whose findings were kept


@dataclass(frozen=True)
class Comparison:
    """What a worker needs to compare documents and record the result."""

    content: Path
    out: Path
    inputs: str  # the digest of the inputs every document shares
    digests: dict[str, str]  # every document's sources, by folder
    code: str  # the digest of the pipeline's code, worked out once by the run
    cache: Path | None = None  # the read cache's folder
    glossary: list[dict[str, list[str]]] = field(default_factory=list)  # read once by the run
    shared: Shared | None = None  # the project's own files, read once by the run
    # what the last check recorded of each document whose key is still the same: its key
    # and its pages' digests
    kept: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)


def run_check(content: Path, out: Path, names: list[str], diagnostics: Diagnostics,
              fresh: bool = False, jobs: str | int = 1, cache: Path | None = None,
              shard: Shard | None = None) -> CheckRun | None:
    """Check the selected documents (of ``shard``'s share, given one), comparing again only
    those whose inputs changed.

    Returns None when ``names`` matches no document.
    """
    state_name = shard.state_name("check-state") if shard else STATE_FILE
    last = CheckState.load(out, state_name)  # -E compares everything again, yet the pages
    state = CheckState() if fresh else last  # of documents whose key is the same are kept
    folders = document_folders(content)

    def symbol_of(name: str) -> str | None:
        record = state.documents.get(name)
        return record.symbol if record else probe_symbol(folders[name])

    selected = select_folders(folders, names, symbol_of)
    if names and not selected:
        return None
    if shard is not None:
        selected &= share(folders, shard)
        for name in set(state.documents) - selected:  # now another shard's, or gone
            del state.documents[name]
    with one_run():
        run = _check_selected(content, out, selected, state, folders, diagnostics, jobs, cache,
                              last)
    state.save(out, state_name)
    return run


def _check_selected(content: Path, out: Path, selected: set[str], state: CheckState,
                    folders: dict[str, Path], diagnostics: Diagnostics,
                    jobs: str | int, cache: Path | None, last: CheckState) -> CheckRun:
    templates = content.resolve().parent / "templates"
    sources = SourceDigests(cache)
    code = sources.code()
    # the project's own files, once: configuration, bilingual data, glossary, stray folders
    shared = read_shared(content, diagnostics)
    glossary = read_glossary(content, diagnostics)
    inputs = check_inputs_digest(content, templates, content / GLOSSARY_FILE, code)
    digests = {name: sources.of(folder) for name, folder in folders.items()}
    # the documents whose key is what the last check recorded: their findings still hold,
    # and their pages are written again as that check wrote them, unrendered (see
    # unccd_publish.check.report.write_side_by_side)
    kept = {name: (record.key, record.reports) for name, record in last.documents.items()
            if name in digests and record.key == document_key(inputs, name, digests,
                                                              record.cites)}
    comparison = Comparison(content, out, inputs, digests, code, cache, glossary, shared, kept)
    stale = sorted(name for name in selected if _stale(comparison, state, name))
    copy_stylesheet(templates, out)
    if any(name not in kept for name in stale):
        side_by_side_template(templates)  # compiled here once: the workers inherit it
    for records in compare(comparison, stale, jobs):
        state.documents.update(records)
    run = CheckRun(Report(), compared=stale, replayed=sorted(selected - set(stale)))
    for name in sorted(selected):
        record = state.documents[name]
        run.report.documents.append(replay(name, record, content))
        diagnostics.extend(diagnostic_from_json(d, content) for d in record.diagnostics)
    run.written = [out / page for name in stale for page in state.documents[name].reports]
    for gone in set(state.documents) - set(folders):
        for page in state.documents.pop(gone).reports:
            (out / page).unlink(missing_ok=True)
    sources.settle()
    sources.save()
    return run


def _stale(comparison: Comparison, state: CheckState, name: str) -> bool:
    """Whether ``name`` is compared again: ``state`` holds no record of it (``-E``: none),
    its key has changed since, or a page of its record is gone."""
    record = state.documents.get(name)
    return record is None or name not in comparison.kept or not all(
        (comparison.out / page).is_file() for page in record.reports)


def compare(comparison: Comparison, names: list[str],
            jobs: str | int) -> Iterator[dict[str, CheckRecord]]:
    """Compare ``names`` a chunk at a time, in worker processes when there are several
    chunks and ``jobs`` allows; yield the records of each chunk."""
    size = chunk_size(len(names), jobs)
    chunks = [names[i:i + size] for i in range(0, len(names), size)]
    count = worker_count(jobs, len(chunks), WORKER_MEMORY)

    def chunk_cost(chunk: list[str]) -> int:  # the costliest first: no worker idles at the end
        return sum(cost(comparison.content / name) for name in chunk)

    yield from forked_map(partial(compare_documents, comparison), chunks, count,
                          cost=chunk_cost)


def chunk_size(documents: int, jobs: str | int) -> int:
    """How many documents a chunk holds: CHUNK, or fewer where ``documents`` are few for the
    workers ``jobs`` allows (see SPREAD)."""
    workers = worker_count(jobs, documents, WORKER_MEMORY)
    if workers == 1:
        return CHUNK
    return min(CHUNK, max(MIN_CHUNK, -(-documents // (SPREAD * workers))))


def compare_documents(comparison: Comparison, names: list[str]) -> dict[str, CheckRecord]:
    """Read, compare and report ``names``; their records (runs in a worker).

    The collector runs once for the chunk, after its models are gone: what is left young
    then is little more than the records, so the collection is cheap."""
    with one_run(), one_document(freeze=False):
        return _compare_chunk(comparison, names)


def _compare_chunk(comparison: Comparison, names: list[str]) -> dict[str, CheckRecord]:
    content = comparison.content
    diagnostics = Diagnostics()  # the project's own files are reported by the run, once
    found = SourceDigests(None, now={str(content / n): d for n, d in comparison.digests.items()})
    cache = (ReadCache(comparison.cache, content, comparison.code, sources=found, hold=True)
             if comparison.cache else None)
    # a document whose key has not changed, whose pages are as written and whose sheets
    # are kept is compared again from its sheets: its model is not loaded
    held = {name: entry for name in names if (entry := _held(comparison, cache, name))}
    reading = [name for name in names if name not in held]
    project = read_project(content, diagnostics, only=set(reading), cache=cache,
                           shared=comparison.shared, symbols=False)
    docsets = {d.meta.slug: d for d in project.documents}
    problems = diagnostics.by_folder({name: content / name for name in reading})
    for checked, _ in held.values():  # what reading found, as when the sheets were made
        diagnostics.extend(checked.diagnostics)
    symbols = {name: docset.meta.symbol for name, docset in docsets.items()}
    symbols.update((name, checked.symbol) for name, (checked, _) in held.items())
    report_duplicate_symbols([(symbol, content / name) for name, symbol in sorted(
        symbols.items())], diagnostics)
    cites = {name: docsets[name].refers_to if name in docsets else [] for name in reading}
    cites.update((name, checked.cites) for name, (checked, _) in held.items())
    keys = {name: document_key(comparison.inputs, name, comparison.digests, cites[name])
            for name in names}
    sheets: dict[str, dict[str, Sheet]] = {}
    report = check_project(project, diagnostics, cache, comparison.glossary, sheets)
    report.documents += _check_held(comparison, held, diagnostics)
    if cache is not None:
        cache.flush()  # the documents read and not compared here (cited by those compared)
        for name, made in sheets.items():
            docset = docsets[name]
            cache.put_checked(content / name, keys[name], Checked(
                docset.meta.symbol, cites[name], problems.get(name, []), docset.meta.original,
                made, cache.facts_kept(content / name)))
    written = write_side_by_side(project, report, comparison.out, keys, comparison.kept)
    for _, pages in held.values():  # written again as they were
        for path, (page, recorded) in pages.items():
            write_atomic(path, page)
            written[path] = recorded
    mine = diagnostics.by_folder({name: content / name for name in names})
    reports = {d.folder: d for d in report.documents}
    return {name: _record(comparison, reports.get(name, DocumentReport(name)), keys[name],
                          symbols[name] if name in symbols else probe_symbol(content / name),
                          cites[name], mine.get(name, []), written) for name in names}


def _check_held(comparison: Comparison, held: dict[str, tuple[Checked, object]],
                diagnostics: Diagnostics) -> list[DocumentReport]:
    """The findings on each document of ``held``, from its kept sheets."""
    suppress = comparison.shared.config.suppress if comparison.shared else []
    reports = []
    for name, (checked, _) in held.items():
        with one_document():
            known = cast(Known, facts_of(checked.facts))
            reports.append(check_with_accepted(comparison.content / name, checked.original,
                                               checked.sheets, comparison.glossary, suppress,
                                               known, diagnostics))
    return reports


def _record(comparison: Comparison, done: DocumentReport, key: str, symbol: str | None,
            cites: list[str], problems: list[Diagnostic],
            written: dict[Path, str]) -> CheckRecord:
    content = comparison.content
    return CheckRecord(
        key=key, symbol=symbol, cites=cites,
        findings=[finding_to_json(f, content) for f in done.findings],
        suppressed=[finding_to_json(f, content) for f in done.suppressed],
        accepted=[finding_to_json(f, content) for f in done.accepted],
        diagnostics=[diagnostic_to_json(d, content) for d in problems],
        reports={str(p.relative_to(comparison.out)): page for p, page in written.items()
                 if p.stem == done.folder})


def _held(comparison: Comparison, cache: ReadCache | None,
          name: str) -> tuple[Checked, dict[Path, tuple[bytes, str]]] | None:
    """What the last check kept of ``name``, and its pages as written, if its key is the
    same, every page still holds what was written and its sheets are kept."""
    kept = comparison.kept.get(name)
    if cache is None or kept is None:
        return None
    pages = as_written(comparison.out, kept[1])
    if pages is None:
        return None
    checked = cache.checked(comparison.content / name, kept[0])
    return (checked, pages) if isinstance(checked, Checked) else None
