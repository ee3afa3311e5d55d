"""A build: read what changed, resolve, write every format and PDF for what is out of date.

Incremental and parallel, in the manner of ``sphinx-build`` but keyed on content
(see :mod:`unccd_publish.environment`): a no-op rebuild reads no Markdown and renders
nothing; a changed source rebuilds its document and the documents that cite it; a
changed template, catalogue, configuration or bilingual data file rebuilds every page;
a changed stylesheet rebuilds every PDF. A document with errors keeps its last good
outputs; the other documents are still built (``--keep-going``).

Every format written from the read documents (:mod:`unccd_publish.formats`) goes through
one mechanism here: a document is read once, in a worker process when ``-j`` allows, and
each format whose files for it are out of date writes them, atomically, at once.

The command line tells a no-op without loading this module (:mod:`unccd_publish.uptodate`),
from what a run here remembers: the two must agree on what is up to date and on what a
no-op says.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from unccd_publish.collector import one_document, one_run
from unccd_publish.diagnostics import Diagnostic, Diagnostics, Location
from unccd_publish.environment import (
    CACHE_DIR,
    STATE_FILE,
    DocumentState,
    SourceDigests,
    State,
    diagnostic_from_json,
    diagnostic_to_json,
    digest,
    index_key,
    index_rows,
    missing_template,
    pdf_inputs_digest,
    pdf_outputs,
    pdf_up_to_date,
    stored_path,
)
from unccd_publish.exports import cited_symbols, export_digest
from unccd_publish.formats import FORMATS, Format, Unwritable, Writer
from unccd_publish.html.builder import PageWriter, index_row, pdf_name
from unccd_publish.output import write_atomic
from unccd_publish.pdf.builder import Job, creation_date, run_jobs
from unccd_publish.reading import (
    DocumentSet,
    Project,
    document_folders,
    link_documents,
    probe_metadata,
    probe_symbol,
    read_bodies,
    read_cached,
    select_folders,
)
from unccd_publish.reading.cache import ReadCache
from unccd_publish.reading.config import read_config
from unccd_publish.report import BuildReport
from unccd_publish.shards import Shard, cost, share
from unccd_publish.workers import forked_map, worker_count

Progress = Callable[[str], None]
KEEP_CITED = 16  # documents cited by those being read, kept to word references to them
WORKER_MEMORY = 150 * 1024 * 1024  # what a worker reading and writing pages may need
Writers = dict[str, Writer]  # by format


@dataclass
class Outcome:
    """What reading (and writing) one document gave, in this process or in a worker."""

    name: str
    problems: list[Diagnostic] = field(default_factory=list)
    record: DocumentState | None = None  # what the state keeps of it; None: unreadable
    # the files written, as paths by format; None: none were to be written (strings, not
    # Paths: at thousands of documents a run holds one per page)
    files: dict[str, list[str]] | None = None
    seconds: float = 0.0  # how long writing them took
    unwritable: Unwritable | None = None
    read: set[str] = field(default_factory=set)  # the documents read for it


@dataclass
class BuildOptions:
    content: Path
    out: Path
    formats: tuple[str, ...] = ("html",)  # what to write from the documents (formats.FORMATS)
    pdf: bool = True  # and PDFs from their HTML pages
    # only the files of these translation languages, where a format writes one per
    # translation (export --target); empty: all
    translations: tuple[str, ...] = ()
    names: list[str] = field(default_factory=list)
    jobs: str | int = "auto"
    force: bool = False
    stop_on_error: bool = False  # --no-keep-going: write nothing when a document has errors
    cache: Path | None = None  # the read cache's folder (default: cache/ in the output folder)
    shard: Shard | None = None  # --shard K/N: build this share of the documents only


class Builder:
    """One run of the build over a content folder."""

    def __init__(self, options: BuildOptions, progress: Progress | None = None,
                 notice: Progress | None = None) -> None:
        self.options = options
        self.progress = progress or (lambda _: None)
        self.notice = notice  # told how far a long PDF stage has got
        self.content = options.content
        self.out = options.out
        self.diagnostics = Diagnostics()
        self.report = BuildReport(self.diagnostics)
        self.config = read_config(self.content, self.diagnostics)
        self.bodies = read_bodies(self.content / "bodies.yaml", self.diagnostics,
                                  self.config.limits)
        self.project_problems = list(self.diagnostics.items)  # of config.yaml and bodies.yaml
        self.root = self.content.resolve().parent
        self.templates = self.root / "templates"
        self.folders = document_folders(self.content)
        self.shard = options.shard
        self.state_name = self.shard.state_name("build-state") if self.shard else STATE_FILE
        self.state = State.load(self.out, self.state_name)
        self.records: dict[str, DocumentState] = {}  # of the documents read now
        self.problems: dict[str, list[Diagnostic]] = {}  # what was found in each of them
        self.duplicates: dict[str, list[Diagnostic]] = {}  # symbols given twice, by folder
        self.formats: list[Format] = [FORMATS[name] for name in options.formats]
        self.every = frozenset(options.formats)
        self.todo: dict[str, frozenset[str]] = {}  # the formats to write, by document
        # the documents read because they, or documents they cite, changed (not only because
        # files of this run's formats were missing or made from other inputs)
        self.changed: set[str] = set()
        self.files_now: dict[str, dict[str, list[str]]] = {}  # written now: document → format
        self.unwritten: set[str] = set()  # documents whose pages could not all be written
        self.cited_recently: dict[str, DocumentSet | None] = {}
        self.read_names: set[str] = set()  # documents read in the run
        self.reading = Outcome("")  # what reading the current document gives
        self.prepared = False  # whether the writers' shared files were written
        cache = options.cache or self.out / CACHE_DIR
        self.sources = SourceDigests(cache)
        self.cache = ReadCache(cache, self.content, sources=self.sources)

    # -- reading
    def read_one(self, name: str, diagnostics: Diagnostics) -> DocumentSet | None:
        """The document of folder ``name``, read (or taken from the cache) and linked to the
        documents it cites; its problems go to ``diagnostics``."""
        if name not in self.folders:
            return None
        docset = read_cached(self.folders[name], self.bodies, diagnostics,
                             self.config.limits, self.cache)
        if docset is not None:
            link_documents([docset], diagnostics, self.cited)
        return docset

    def cited(self, name: str) -> DocumentSet | None:
        """A document another cites, to word references to it: the last few are kept."""
        if name not in self.cited_recently:
            if len(self.cited_recently) >= KEEP_CITED:
                self.cited_recently.pop(next(iter(self.cited_recently)))
            self.reading.read.add(name)
            self.cited_recently[name] = (
                read_cached(self.folders[name], self.bodies, Diagnostics(), self.config.limits,
                            self.cache) if name in self.folders else None)
        return self.cited_recently[name]

    def read_each(self, names: list[str], writers: Writers | None) -> None:
        """Read (and write, given ``writers``) the documents ``names``, in worker processes
        when ``-j`` and the machine allow, the largest first; what each gave is taken in the
        order of ``names``, so that a run reports the same whatever the number of workers."""
        count = worker_count(self.options.jobs, len(names), WORKER_MEMORY)
        if writers is not None and count > 1:
            for writer in writers.values():
                writer.load()  # once, before the workers are forked
        meanwhile = partial(self.prepare_writers, writers) if writers is not None else None
        for outcome in forked_map(partial(self.read_dirty, writers=writers), names, count,
                                  cost=self.source_size, meanwhile=meanwhile):
            self.take(outcome)

    def prepare_writers(self, writers: Writers) -> None:
        """The files the documents of each format share (:meth:`Writer.prepare`), once a run:
        written while the workers write the first documents, when there are workers."""
        if self.prepared:
            return
        self.prepared = True
        for writer in writers.values():
            problem = writer.prepare()
            if problem is not None:
                self.cannot_write(*problem)

    def source_size(self, name: str) -> int:
        """What reading and writing a document costs, roughly."""
        folder = self.folders.get(name)
        return cost(folder) if folder is not None else 0

    def read_dirty(self, name: str, writers: Writers | None) -> Outcome:
        """Read a document to rebuild, make what the state keeps of it and, given
        ``writers`` and no errors, write its out-of-date formats at once. The collector runs
        once the model is gone: what it made is still young, and is collected cheaply."""
        with one_document(freeze=False):
            self.reading = outcome = Outcome(name)
            mine = Diagnostics()
            docset = self.read_one(name, mine)
            outcome.read.add(name)
            mine.extend(self.duplicates.get(name, []))
            outcome.problems = list(mine.items)
            if docset is None:
                return outcome
            outcome.record = DocumentState(
                export=export_digest(docset), symbol=docset.meta.symbol,
                refers_to=docset.refers_to, cites=cited_symbols(docset),
                created=creation_date(docset.meta.date), languages=list(docset.versions),
                translations=[lang for lang in docset.meta.languages
                              if lang != docset.meta.original],
                index_row=index_row(docset),
                pdfs={lang: pdf_name(docset.meta.symbol, name, lang)
                      for lang in docset.versions})
            errors = {d.code for d in mine.errors}
            if writers is not None and any(errors <= f.tolerates for f in self.formats):
                outcome.seconds, outcome.files, outcome.unwritable = self.write_files(
                    writers, name, docset, errors, outcome.record)
            return outcome

    def write_files(self, writers: Writers, name: str, docset: DocumentSet,
                    errors: set[str] | None = None, record: DocumentState | None = None,
                    ) -> tuple[float, dict[str, list[str]], Unwritable | None]:
        """Write the files of ``docset`` of every format out of date for it that its
        ``errors`` (codes) do not stop: (seconds, the files written by format, and the file
        that could not be written, if any)."""
        start = time.perf_counter()
        written: dict[str, list[str]] = {}
        for format_name in sorted(self.todo.get(name, writers), key=list(writers).index):
            if errors and not errors <= FORMATS[format_name].tolerates:
                continue
            wanted = (set(FORMATS[format_name].targets(name, self.view(record)))
                      if self.options.translations and record is not None else None)
            for path, make in writers[format_name].files(docset):
                if wanted is not None and os.path.relpath(path, self.out) not in wanted:
                    continue
                try:
                    write_atomic(path, make())
                except OSError as exc:
                    return time.perf_counter() - start, written, (path, exc)
                written.setdefault(format_name, []).append(str(path))
        return time.perf_counter() - start, written, None

    def take(self, outcome: Outcome) -> None:
        """Add what reading (and writing) one document gave to the run."""
        name = outcome.name
        self.read_names |= outcome.read
        self.diagnostics.extend(outcome.problems)
        self.problems[name] = outcome.problems
        if outcome.record is None:
            self.records.pop(name, None)
            return
        self.records[name] = outcome.record
        if outcome.files is not None:
            self.wrote(name, outcome.seconds, outcome.files, outcome.unwritable)

    def write_again(self, writers: Writers, name: str) -> None:
        """Write the files of a document read before (from the cache)."""
        docset = self.read_one(name, Diagnostics())
        if docset is not None:
            self.wrote(name, *self.write_files(writers, name, docset,
                                               record=self.records.get(name)))

    def view(self, record: DocumentState) -> DocumentState:
        """``record`` as this run sees it: its translations those ``--target`` names."""
        wanted = self.options.translations
        if not wanted:
            return record
        return dataclasses.replace(record, translations=[
            lang for lang in record.translations if lang in wanted])

    def wrote(self, name: str, seconds: float, files: dict[str, list[str]],
              problem: Unwritable | None) -> None:
        for paths in files.values():
            self.report.written += paths
        self.files_now[name] = files
        if problem is not None:
            self.cannot_write(*problem)
            self.unwritten.add(name)  # made again by the next build
            return
        what = "+".join(files) or "+".join(self.todo.get(name, ()))
        self.report.timings.append((f"{name} ({what})", seconds))
        self.progress(f"{what:<5} {name:<44} {seconds * 1000:8.0f} ms")

    def select(self) -> set[str]:
        def symbol_of(name: str) -> str | None:
            record = self.state.documents.get(name)
            return record.symbol if record else probe_symbol(self.folders[name])

        chosen = select_folders(self.folders, self.options.names, symbol_of)
        return chosen & share(self.folders, self.shard) if self.shard else chosen

    def out_of_date(self, selected: set[str], digests: dict[str, str],
                    inputs: dict[str, str]) -> dict[str, frozenset[str]]:
        """The formats to write of each document: all of them where its own sources changed,
        else those whose files for it are gone or were made from other shared inputs."""
        todo = {}
        for name in selected:
            record = self.state.documents.get(name)
            if record is None or record.digest != digests[name]:
                self.changed.add(name)
            if self.options.force or name in self.changed:
                todo[name] = self.every
                continue
            stale = frozenset(f.name for f in self.formats
                              if not f.written(name, self.view(record), self.out,
                                               inputs[f.name]))
            if stale:
                todo[name] = stale
        return todo

    def spread(self, dirty: set[str], selected: set[str], writers: Writers | None) -> None:
        """Read (and write, given ``writers``) the dirty documents, then every document that
        cites one whose labels changed."""
        symbols_before = {r.symbol: n for n, r in self.state.documents.items() if r.symbol}
        pending = set(dirty)
        while pending:
            self.read_each(sorted(pending), writers)
            changed = {n for n, r in self.records.items()
                       if r.export != self.state.documents.get(n, DocumentState()).export}
            symbols_now = dict(symbols_before)
            for name, record in self.records.items():
                symbols_now = {s: n for s, n in symbols_now.items() if n != name}
                if record.symbol:
                    symbols_now[record.symbol] = name
            pending = set()
            for name in sorted(selected - dirty):
                record = self.state.documents.get(name)
                if record is None:
                    continue
                cites_moved = any(symbols_now.get(s) != symbols_before.get(s)
                                  for s in record.cites)
                if set(record.refers_to) & changed or cites_moved:
                    dirty.add(name)
                    pending.add(name)
                    self.todo[name] = self.every
                    self.changed.add(name)

    # -- the run
    def run(self) -> BuildReport:
        if self.out.exists() and not self.out.is_dir():
            self.diagnostics.error(Location(self.out), "the output folder is a file; name a "
                                   "folder with --out", "output.io")
            return self.report
        with one_run():
            html_done = self.html_run()
        if html_done is not None:
            pdf_inputs, for_pdf = html_done
            if self.options.pdf:
                with one_run():
                    self.write_pdfs(for_pdf, pdf_inputs)
            self.state.inputs["pdf"] = pdf_inputs
            self.save_state()
        return self.report

    def save_state(self) -> None:
        self.sources.settle()
        self.sources.save()
        try:
            self.state.save(self.out, self.state_name)
        except OSError as exc:
            self.cannot_write(self.out, exc)

    def cannot_write(self, path: Path, exc: OSError) -> None:
        self.diagnostics.error(Location(path), f"cannot write {path}: {exc.strerror or exc}",
                               "output.io")

    def html_run(self) -> tuple[str, set[str]] | None:
        """Read what is out of date and write its HTML. Returns the PDFs' shared inputs and
        the documents to make PDFs of, or None when nothing is to be written."""
        missing = missing_template(self.templates, "document.html")
        if missing is not None:
            self.diagnostics.extend([missing])
            return None
        code = self.sources.code()
        inputs = {f.name: f.inputs(self.content, self.templates, code) for f in self.formats}
        pdf_inputs = pdf_inputs_digest(self.templates, code)
        selected = self.select()
        if self.options.names and not selected:
            self.diagnostics.error(Location(self.content), "no document matches "
                                   f"{' '.join(self.options.names)}", "cli.select")
            return None
        digests = {name: self.sources.of(folder) for name, folder in self.folders.items()}
        self.todo = self.out_of_date(selected, digests, inputs)
        if self.shard is not None:
            elsewhere = self.cite_elsewhere(selected, digests)
            self.todo |= dict.fromkeys(elsewhere, self.every)
            self.changed |= elsewhere
        self.state.inputs.update(inputs)
        dirty = set(self.todo)
        table = self.symbol_table(dirty)
        self.duplicates = self.duplicate_symbols(table, dirty)
        symbols = {s: (n, langs) for n, (s, langs) in table.items() if s}
        project = Project(self.content, self.config)
        writers = {f.name: f.make_writer(project, self.out, symbols) for f in self.formats}
        # --no-keep-going writes nothing until every document is known to be without errors
        self.spread(dirty, selected, None if self.options.stop_on_error else writers)
        self.prepare_writers(writers)  # (done already, if documents were written)
        self.remember(selected, digests)
        self.state.project_diagnostics = [diagnostic_to_json(d) for d in self.project_problems]
        self.state.emblem = (stored_path(self.config.emblem, self.root)
                             if self.config.emblem is not None else None)
        failed = {n for n, found in self.problems.items()
                  if any(d.severity == "error" for d in found)}
        self.report.read = sorted(self.read_names)
        if self.options.stop_on_error:
            if self.diagnostics.has_errors():
                self.report.failed = sorted(failed)
                self.save_state()
                return None
            for name in sorted(self.records):
                with one_document(freeze=False):
                    self.write_again(writers, name)
                self.record_outputs(self.state.documents[name], name, digests[name])
        self.report.failed = sorted(failed | self.unwritten)
        pages = writers.get("html")
        if self.shard is None and isinstance(pages, PageWriter):
            self.write_index(pages)  # (the shards' index is written by `build index`)
        return pdf_inputs, selected - failed

    def cite_elsewhere(self, selected: set[str], digests: dict[str, str]) -> set[str]:
        """A shard does not read the other shards' documents: when any of them changed, its
        documents that cite another are rebuilt. Its records of documents that are now
        another shard's are dropped."""
        for name in set(self.state.documents) - selected:
            del self.state.documents[name]
        others = digest(*(f"{n}={d}" for n, d in sorted(digests.items()) if n not in selected))
        if others == self.state.others:
            return set()
        self.state.others = others
        return {n for n, r in self.state.documents.items() if r.refers_to or r.cites}

    def symbol_table(self, dirty: set[str]) -> dict[str, tuple[str | None, list[str]]]:
        """Every document's symbol and languages, to link pages to one another before all are
        read: from the state, or from the metadata of the documents to be read."""
        table = {}
        for name, folder in self.folders.items():
            record = self.state.documents.get(name)
            if name in dirty or record is None:
                symbol, languages = probe_metadata(folder)
                table[name] = symbol, [lang for lang in languages
                                       if (folder / f"{lang}.md").is_file()]
            else:
                table[name] = record.symbol, record.languages
        return table

    def duplicate_symbols(self, table: dict[str, tuple[str | None, list[str]]],
                          dirty: set[str]) -> dict[str, list[Diagnostic]]:
        """Two documents with one symbol would write the same PDFs: the ones to be read are
        reported (and not written), naming the others."""
        sharing: dict[str, list[str]] = {}
        for name, (symbol, _) in sorted(table.items()):
            if symbol:
                sharing.setdefault(symbol, []).append(name)
        found: dict[str, list[Diagnostic]] = {}
        for symbol, names in sharing.items():
            for name in names if len(names) > 1 else []:
                found[name] = [Diagnostic(
                    Location(self.folders[name] / "document.yaml"), "error",
                    f"the symbol {symbol} is given to more than one document "
                    f"({', '.join(names)})", "meta.duplicate")]
        return found

    def remember(self, selected: set[str], digests: dict[str, str]) -> None:
        """Record what was read; replay the diagnostics of the documents that were not."""
        for name in sorted(self.folders):
            previous = self.state.documents.get(name, DocumentState())
            record = self.records.get(name)
            if record is not None:
                record.diagnostics = [diagnostic_to_json(d) for d in self.problems[name]]
                record.outputs = dict(previous.outputs)
                self.record_outputs(record, name, digests[name])
                self.state.documents[name] = record
            elif name in self.problems:  # read now, and unreadable: read again next time
                if name in self.state.documents:
                    previous.diagnostics = [diagnostic_to_json(d) for d in self.problems[name]]
                    previous.digest = ""
            elif name in selected and name in self.state.documents:
                self.diagnostics.extend(diagnostic_from_json(d) for d in previous.diagnostics)
        for gone in set(self.state.documents) - set(self.folders):
            del self.state.documents[gone]

    def record_outputs(self, record: DocumentState, name: str, digest: str) -> None:
        """Note the files written now in the document's record, with what they were made
        from; one not written (and its document) is made again by the next build."""
        record.digest = "" if name in self.unwritten else digest
        if name in self.changed and name in self.files_now:
            # it changed (or a document it cites did): the files of the formats this run
            # does not write were made from what it was, and their next run writes them
            # again (PDFs are keyed by their pages; a document with errors is written by no
            # format, and every format keeps its last good files)
            for other in FORMATS.values():
                if other.name not in self.every:
                    for target in other.targets(name, record):
                        record.outputs.pop(target, None)
        for format_name, paths in self.files_now.get(name, {}).items():
            record.outputs.update({os.path.relpath(p, self.out): self.state.inputs[format_name]
                                   for p in paths})

    def write_index(self, pages: PageWriter) -> None:
        rows = index_rows(self.state)
        key = index_key(self.state.inputs["html"], rows)
        index = pages.out / "index.html"
        if key != self.state.index or not index.exists():
            try:
                self.report.written.append(str(pages.index(rows)))
                self.state.index = key
            except OSError as exc:
                self.cannot_write(index, exc)

    def write_pdfs(self, names: set[str], pdf_inputs: str) -> None:
        todo: dict[Path, tuple[str, str]] = {}
        jobs: list[Job] = []
        for name in sorted(names):
            record = self.state.documents.get(name)
            if record is None:
                continue
            for key, html, lang, inputs in pdf_outputs(self.out, name, record, pdf_inputs):
                if not self.options.force and pdf_up_to_date(self.out, record, key, inputs):
                    self.report.up_to_date.append(key)
                    continue
                pdf = self.out / key
                job = Job(html.resolve(), pdf.resolve(), self.folders[name] / f"{lang}.md",
                          self.root, record.created, self.out.resolve(),
                          max_pages=self.config.limits.pages)
                jobs.append(job)
                todo[job.pdf] = (name, inputs)
        for job, result in run_jobs(jobs, self.options.jobs, self.diagnostics, self.notice):
            name, inputs = todo[job.pdf]
            if result.error is None:
                self.report.written.append(str(job.pdf))
                self.state.documents[name].outputs[f"pdf/{job.pdf.name}"] = inputs
            self.report.timings.append((f"{name} ({job.pdf.name})", result.seconds))
            self.progress(f"pdf   {job.pdf.name:<44} {result.seconds * 1000:8.0f} ms  "
                          f"{result.pages:3d} pages  {result.size / 1024:6.0f} KB")


def run_build(options: BuildOptions, progress: Progress | None = None,
              notice: Progress | None = None) -> BuildReport:
    return Builder(options, progress, notice).run()
