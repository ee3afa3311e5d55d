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

from unccd_publish.check import GLOSSARY_FILE, check_project, read_glossary
from unccd_publish.check.findings import DocumentReport, Report
from unccd_publish.check.report import copy_stylesheet, side_by_side_template, write_side_by_side
from unccd_publish.check.state import (
    STATE_FILE,
    CheckRecord,
    CheckState,
    check_inputs_digest,
    document_key,
    finding_to_json,
    replay,
)
from unccd_publish.collector import one_document, one_run
from unccd_publish.diagnostics import Diagnostics
from unccd_publish.environment import SourceDigests, diagnostic_from_json, diagnostic_to_json
from unccd_publish.reading import (
    Shared,
    document_folders,
    probe_symbol,
    read_project,
    read_shared,
    select_folders,
)
from unccd_publish.reading.cache import ReadCache
from unccd_publish.shards import Shard, cost, share
from unccd_publish.workers import forked_map, worker_count

CHUNK = 16  # documents compared together: their models are in memory at once
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
    # what the last check recorded of each document: its key and its pages' digests
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
    comparison = Comparison(content, out, check_inputs_digest(
        content, templates, content / GLOSSARY_FILE, code),
        {name: sources.of(folder) for name, folder in folders.items()}, code, cache, glossary,
        shared, {name: (record.key, record.reports) for name, record in last.documents.items()})
    stale = sorted(name for name in selected if _stale(comparison, state, name))
    copy_stylesheet(templates, out)
    if any(not _kept(comparison, last, name) for name in stale):
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
    """Whether ``name`` is compared again: ``state`` holds no record of it under its key now,
    or a page of the record is gone."""
    return not _kept(comparison, state, name) or not all(
        (comparison.out / page).is_file() for page in state.documents[name].reports)


def _kept(comparison: Comparison, last: CheckState, name: str) -> bool:
    """Whether ``last`` holds a record of ``name`` under the key it has now, with the
    documents it cited then: its findings still hold, and its pages are written again as
    that check wrote them, unrendered (see
    :func:`~unccd_publish.check.report.write_side_by_side`)."""
    record = last.documents.get(name)
    return record is not None and record.key == document_key(
        comparison.inputs, name, comparison.digests, record.cites)


def compare(comparison: Comparison, names: list[str],
            jobs: str | int) -> Iterator[dict[str, CheckRecord]]:
    """Compare ``names`` a chunk at a time, in worker processes when there are several
    chunks and ``jobs`` allows; yield the records of each chunk."""
    chunks = [names[i:i + CHUNK] for i in range(0, len(names), CHUNK)]
    count = worker_count(jobs, len(chunks), WORKER_MEMORY)

    def chunk_cost(chunk: list[str]) -> int:  # the costliest first: no worker idles at the end
        return sum(cost(comparison.content / name) for name in chunk)

    yield from forked_map(partial(compare_documents, comparison), chunks, count,
                          cost=chunk_cost)


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
    project = read_project(content, diagnostics, only=set(names), cache=cache,
                           shared=comparison.shared)
    report = check_project(project, diagnostics, cache, comparison.glossary)
    docsets = {d.meta.slug: d for d in project.documents}
    cites = {name: docsets[name].refers_to if name in docsets else [] for name in names}
    keys = {name: document_key(comparison.inputs, name, comparison.digests, cites[name])
            for name in names}
    if cache is not None:
        cache.flush()  # the documents read and not compared here (cited by those compared)
    written = write_side_by_side(project, report, comparison.out, keys, comparison.kept)
    mine = diagnostics.by_folder({name: content / name for name in names})
    reports = {d.folder: d for d in report.documents}
    records = {}
    for name in names:
        docset = docsets.get(name)
        done = reports.get(name, DocumentReport(name))
        records[name] = CheckRecord(
            key=keys[name],
            symbol=docset.meta.symbol if docset else probe_symbol(content / name),
            cites=cites[name],
            findings=[finding_to_json(f, content) for f in done.findings],
            suppressed=[finding_to_json(f, content) for f in done.suppressed],
            accepted=[finding_to_json(f, content) for f in done.accepted],
            diagnostics=[diagnostic_to_json(d, content) for d in mine.get(name, [])],
            reports={str(p.relative_to(comparison.out)): page for p, page in written.items()
                     if p.stem == name})
    return records
