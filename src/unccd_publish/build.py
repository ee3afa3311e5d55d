"""A build: read what changed, resolve, write HTML and PDF for what is out of date.

Incremental and parallel, in the manner of ``sphinx-build`` but keyed on content
(see :mod:`unccd_publish.environment`): a no-op rebuild reads no Markdown and renders
nothing; a changed source rebuilds its document and the documents that cite it; a
changed template, catalogue, configuration or bilingual data file rebuilds every page;
a changed stylesheet rebuilds every PDF. A document with errors keeps its last good
outputs; the other documents are still built (``--keep-going``).

The command line tells a no-op without loading this module (:mod:`unccd_publish.uptodate`),
from what a run here remembers: the two must agree on what is up to date and on what a
no-op says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from unccd_publish.collector import one_document, one_run
from unccd_publish.diagnostics import Diagnostic, Diagnostics, Location
from unccd_publish.environment import (
    DocumentState,
    SourceDigests,
    State,
    code_digest,
    diagnostic_from_json,
    diagnostic_to_json,
    html_inputs_digest,
    index_key,
    index_rows,
    pages_exist,
    pdf_inputs_digest,
    pdf_outputs,
    pdf_up_to_date,
    stored_path,
)
from unccd_publish.exports import cited_symbols, export_digest
from unccd_publish.html.builder import build_index, index_row, pdf_name, render_pages
from unccd_publish.pdf.builder import Job, creation_date, run_jobs
from unccd_publish.reading import (
    DocumentSet,
    Project,
    document_folders,
    link_documents,
    probe_symbol,
    read_bodies,
    read_cached,
    select_folders,
)
from unccd_publish.reading.cache import CACHE_DIR, ReadCache
from unccd_publish.reading.config import read_config
from unccd_publish.report import BuildReport

Progress = Callable[[str], None]


@dataclass
class BuildOptions:
    content: Path
    out: Path
    html: bool = True
    pdf: bool = True
    names: list[str] = field(default_factory=list)
    jobs: str | int = "auto"
    force: bool = False
    stop_on_error: bool = False  # --no-keep-going: write nothing when a document has errors
    cache: Path | None = None  # the read cache's folder (default: cache/ in the output folder)


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
        self.state = State.load(self.out)
        self.folders = document_folders(self.content)
        self.read: dict[str, DocumentSet] = {}
        cache = options.cache or self.out / CACHE_DIR
        self.sources = SourceDigests(cache)
        self.cache = ReadCache(cache, self.content, sources=self.sources)

    # -- reading
    def load(self, name: str) -> DocumentSet | None:
        if name not in self.read and name in self.folders:
            with one_document():
                docset = read_cached(self.folders[name], self.bodies, self.diagnostics,
                                     self.config.limits, self.cache)
            if docset is not None:
                self.read[name] = docset
        return self.read.get(name)

    def select(self) -> set[str]:
        def symbol_of(name: str) -> str | None:
            record = self.state.documents.get(name)
            return record.symbol if record else probe_symbol(self.folders[name])

        return select_folders(self.folders, self.options.names, symbol_of)

    def out_of_date(self, selected: set[str], digests: dict[str, str],
                    html_inputs: str) -> set[str]:
        """Documents whose own sources or the shared inputs changed, or whose pages are gone."""
        if self.options.force or self.state.html_inputs != html_inputs:
            return set(selected)
        dirty = set()
        for name in selected:
            record = self.state.documents.get(name)
            if (record is None or record.digest != digests[name]
                    or not pages_exist(record, self.out)):
                dirty.add(name)
        return dirty

    def spread(self, dirty: set[str], selected: set[str]) -> None:
        """Read the dirty documents, then every document that cites one whose labels changed."""
        symbols_before = {r.symbol: n for n, r in self.state.documents.items() if r.symbol}
        pending = set(dirty)
        while pending:
            for name in sorted(pending):
                self.load(name)
            changed = {n for n, d in self.read.items()
                       if export_digest(d) != self.state.documents.get(n, DocumentState()).export}
            symbols_now = dict(symbols_before)
            for name, docset in self.read.items():
                symbols_now = {s: n for s, n in symbols_now.items() if n != name}
                if docset.meta.symbol:
                    symbols_now[docset.meta.symbol] = name
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
            self.state.pdf_inputs = pdf_inputs
            self.save_state()
        return self.report

    def save_state(self) -> None:
        self.sources.save()
        try:
            self.state.save(self.out)
        except OSError as exc:
            self.cannot_write(self.out, exc)

    def cannot_write(self, path: Path, exc: OSError) -> None:
        self.diagnostics.error(Location(path), f"cannot write {path}: {exc.strerror or exc}",
                               "output.io")

    def html_run(self) -> tuple[str, set[str]] | None:
        """Read what is out of date and write its HTML. Returns the PDFs' shared inputs and
        the documents to make PDFs of, or None when nothing is to be written."""
        if not (self.templates / "document.html").is_file():
            self.diagnostics.error(Location(self.templates), "no templates here: a project keeps "
                                   "templates/ beside its content folder", "cli.templates")
            return None
        code = code_digest()
        html_inputs = html_inputs_digest(self.content, self.templates, code)
        pdf_inputs = pdf_inputs_digest(self.templates, code)
        selected = self.select()
        if self.options.names and not selected:
            self.diagnostics.error(Location(self.content), "no document matches "
                                   f"{' '.join(self.options.names)}", "cli.select")
            return None
        digests = {name: self.sources.of(folder) for name, folder in self.folders.items()}
        dirty = self.out_of_date(selected, digests, html_inputs)
        self.spread(dirty, selected)
        building = [self.read[n] for n in sorted(dirty) if n in self.read]
        link_documents(building, self.diagnostics, self.load)
        self.report_duplicate_symbols()
        grouped = self.diagnostics.by_folder(self.folders)
        self.remember(selected, digests, grouped)
        self.state.html_inputs = html_inputs
        self.state.project_diagnostics = [diagnostic_to_json(d) for d in self.project_problems]
        self.state.emblem = (stored_path(self.config.emblem, self.root)
                             if self.config.emblem is not None else None)

        failed = {n for n in dirty
                  if any(d.severity == "error" for d in grouped.get(n, []))}
        self.report.failed = sorted(failed)
        self.report.read = sorted(self.read)
        if self.options.stop_on_error and self.diagnostics.has_errors():
            self.save_state()
            return None
        good = [self.read[n] for n in sorted(dirty - failed) if n in self.read]
        self.write_html(good)
        self.read.clear()  # the PDFs are made from the pages: the models can go
        return pdf_inputs, selected - failed

    def report_duplicate_symbols(self) -> None:
        """Two documents with one symbol would write the same PDFs: the ones read now are
        reported (and not written), naming the others."""
        symbols = {name: record.symbol for name, record in self.state.documents.items()
                   if name in self.folders and name not in self.read}
        symbols.update({name: d.meta.symbol for name, d in self.read.items()})
        sharing: dict[str, list[str]] = {}
        for name, symbol in sorted(symbols.items()):
            if symbol:
                sharing.setdefault(symbol, []).append(name)
        for symbol, names in sharing.items():
            for name in names if len(names) > 1 else []:
                if name in self.read:
                    self.diagnostics.error(Location(self.folders[name] / "document.yaml"),
                                           f"the symbol {symbol} is given to more than one "
                                           f"document ({', '.join(names)})", "meta.duplicate")

    def remember(self, selected: set[str], digests: dict[str, str],
                 grouped: dict[str, list[Diagnostic]]) -> None:
        """Record what was read; replay the diagnostics of the documents that were not."""
        for name in sorted(self.folders):
            previous = self.state.documents.get(name, DocumentState())
            docset = self.read.get(name)
            if docset is not None:
                mine = grouped.get(name, [])
                self.state.documents[name] = DocumentState(
                    digest=digests[name], export=export_digest(docset),
                    symbol=docset.meta.symbol, refers_to=docset.refers_to,
                    cites=cited_symbols(docset), created=creation_date(docset.meta.date),
                    languages=list(docset.versions), index_row=index_row(docset),
                    diagnostics=[diagnostic_to_json(d) for d in mine],
                    pdfs={lang: pdf_name(docset.meta.symbol, name, lang)
                          for lang in docset.versions},
                    outputs=previous.outputs)
            elif name in selected and name in self.state.documents:
                self.diagnostics.extend(diagnostic_from_json(d) for d in previous.diagnostics)
        for gone in set(self.state.documents) - set(self.folders):
            del self.state.documents[gone]

    def write_html(self, documents: list[DocumentSet]) -> None:
        project = Project(self.content, self.config, documents)
        symbols = {r.symbol: (n, r.languages) for n, r in self.state.documents.items()
                   if r.symbol}
        html_dir = self.out / "html"
        for name, seconds, paths, problem in render_pages(project, documents, html_dir,
                                                          symbols):
            if problem is not None:
                where, exc = problem
                self.cannot_write(where, exc)
                if name:  # not written: made again by the next build
                    self.report.failed.append(name)
                    self.state.documents[name].digest = ""
                continue
            self.report.written += paths
            self.report.timings.append((f"{name} (html)", seconds))
            record = self.state.documents[name]
            record.outputs.update({str(p.relative_to(self.out)): self.state.html_inputs
                                   for p in paths})
            self.progress(f"html  {name:<44} {seconds * 1000:8.0f} ms")
        rows = index_rows(self.state)
        key = index_key(self.state.html_inputs, rows)
        if key != self.state.index or not (html_dir / "index.html").exists():
            try:
                self.report.written.append(build_index(project, html_dir, rows))
                self.state.index = key
            except OSError as exc:
                self.cannot_write(html_dir / "index.html", exc)

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
                self.report.written.append(job.pdf)
                self.state.documents[name].outputs[f"pdf/{job.pdf.name}"] = inputs
            self.report.timings.append((f"{name} ({job.pdf.name})", result.seconds))
            self.progress(f"pdf   {job.pdf.name:<44} {result.seconds * 1000:8.0f} ms  "
                          f"{result.pages:3d} pages  {result.size / 1024:6.0f} KB")


def run_build(options: BuildOptions, progress: Progress | None = None,
              notice: Progress | None = None) -> BuildReport:
    return Builder(options, progress, notice).run()
