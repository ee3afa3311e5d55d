"""The PDF builder: the HTML builder's pages, laid out by WeasyPrint with the print CSS."""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

from unccd_publish.collector import one_document
from unccd_publish.diagnostics import Diagnostics, Location
from unccd_publish.libraries import library_available
from unccd_publish.workers import worker_count

if TYPE_CHECKING:
    from unccd_publish.pdf.fetcher import ProjectFetcher

PDF_DIR = "pdf"
FOOTNOTE_CALL = re.compile(r"\[\^([^\]\s]+)\](?!:)")
# Links from a page to other HTML pages (the index, the other language, cited documents)
# mean nothing in a PDF, and would carry local file paths into it: their href is dropped.
PAGE_LINK = re.compile(r'(<a\b[^>]*?)\s+href="(?![a-z][a-z0-9+.-]*:)[^"#]*\.html(?:#[^"]*)?"')
WORKER_MEMORY = 600 * 1024 * 1024  # what one WeasyPrint worker may need on a large document
# PDF/UA-1 (ISO 14289-1): WeasyPrint writes the structure tree, /MarkInfo, /Lang from
# <html lang>, DisplayDocTitle and the XMP metadata with pdfuaid:part 1 and dc:title;
# structure.py adds what its structure tree lacks (table header scope, notes, list bodies).
PDF_VARIANT = "pdf/ua-1"
EXPECTED_FAMILIES = ("Liberation Serif", "Noto Serif CJK SC", "Noto Sans CJK SC",
                     "Noto Serif CJK SC Compact", "Noto Sans CJK SC Compact")


@dataclass(frozen=True)
class Job:
    html: Path
    pdf: Path
    source: Path  # the language file, for reporting
    root: Path  # what WeasyPrint may read: the project folder …
    created: str | None  # ISO date for the PDF's creation date
    out: Path | None = None  # … and the output folder
    max_pages: int = 500  # limits.pages of the configuration


@dataclass
class Result:
    job: Job
    seconds: float
    pages: int = 0
    size: int = 0
    fallback: dict[str, str] = field(default_factory=dict)  # font family → characters
    missing: str = ""  # characters no font has a glyph for
    moved_notes: list[tuple[str, int, int]] = field(default_factory=list)  # mark, call, note page
    refused: list[str] = field(default_factory=list)
    error: str | None = None
    code: str = "pdf.render"  # the code the error is reported with


def harfbuzz_subset_available() -> bool:
    """WeasyPrint subsets fonts fast with libharfbuzz-subset, slowly with fontTools without it."""
    return library_available("harfbuzz-subset")


def creation_date(date: dt.date | None) -> str | None:
    """The PDF date: SOURCE_DATE_EPOCH when set, else the date of issue; never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return date.isoformat() if date else None


def run_jobs(jobs: Sequence[Job], workers: str | int, diagnostics: Diagnostics,
             notice: Callable[[str], None] | None = None) -> Iterator[tuple[Job, Result]]:
    """Render ``jobs`` in one process or a pool of them; yield each as it finishes. While
    PDFs are being laid out, ``notice`` hears every HEARTBEAT seconds how far it has got."""
    if not harfbuzz_subset_available():
        diagnostics.warning(Location(Path("Makefile")), "libharfbuzz-subset0 is not installed: "
                            "fonts are subset with fontTools, many times slower (apt-get install "
                            "libharfbuzz-subset0)", "pdf.harfbuzz-subset")
    count = worker_count(workers, len(jobs), WORKER_MEMORY)
    with Heartbeat(len(jobs), notice) as heartbeat:
        if count <= 1:
            for job in jobs:
                heartbeat.working_on(job.pdf.name)
                result = render(job)
                report(result, diagnostics)
                heartbeat.done()
                yield job, result
            return
        with ProcessPoolExecutor(max_workers=count, mp_context=get_context("forkserver")) as pool:
            futures = {pool.submit(render, job): job for job in jobs}
            for future in as_completed(futures):
                job = futures[future]
                try:
                    result = future.result()
                except Exception as exc:  # a worker died (memory, signal): report, keep going
                    result = Result(job, 0.0, error=f"the worker process failed: {exc}")
                report(result, diagnostics)
                heartbeat.done()
                yield job, result


HEARTBEAT = 15.0  # seconds between two notices of a PDF stage still running


class Heartbeat:
    """Tells, every HEARTBEAT seconds while PDFs are laid out, how many are done."""

    def __init__(self, total: int, notice: Callable[[str], None] | None) -> None:
        self.total, self.finished, self.current = total, 0, ""
        self.notice = notice
        self.start = time.perf_counter()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True)

    def __enter__(self) -> Heartbeat:
        if self.notice is not None and self.total:
            self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()

    def working_on(self, name: str) -> None:
        self.current = name

    def done(self) -> None:
        self.finished += 1

    def _beat(self) -> None:
        while not self.stop.wait(HEARTBEAT):
            now = f", laying out {self.current}" if self.current else ""
            assert self.notice is not None
            self.notice(f"pdf   {self.finished} of {self.total} PDF(s) done after "
                        f"{time.perf_counter() - self.start:.0f} s{now}")


def report(result: Result, diagnostics: Diagnostics) -> None:
    where = Location(result.job.source)
    if result.error is not None:
        diagnostics.error(where, f"PDF not written: {result.error}", result.code)
    for url in result.refused:
        diagnostics.error(where, f"the page asks for {url}, which is outside the project; "
                          "only files of the project are used", "pdf.fetch")
    for font, chars in sorted(result.fallback.items()):
        line = _line_of_first(result.job.source, chars)
        diagnostics.warning(where.at(line), f"characters {chars!r} were set in the fallback font "
                            f"'{font}' (the document's fonts have no glyph for them)",
                            "pdf.font-fallback")
    for mark, call_page, note_page in result.moved_notes:
        diagnostics.warning(where.at(_line_of_call(result.job.source, mark)),
                            f"footnote {mark} is printed on page {note_page}, after its call on "
                            f"page {call_page}: the call's page had no room for it; shorten the "
                            "note, or move its call, to keep them on one page",
                            "pdf.footnote-page")
    if result.missing:
        line = _line_of_first(result.job.source, result.missing)
        diagnostics.warning(where.at(line), f"no installed font has the characters "
                            f"{result.missing!r}; they print as empty boxes", "pdf.missing-glyph")


def _line_of_call(path: Path, mark: str) -> int:
    """The line of the first call of the ``mark``-th footnote (numbered by first call)."""
    if not mark.isdigit():
        return 1
    seen: list[str] = []
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for label in FOOTNOTE_CALL.findall(line):
                if label not in seen:
                    seen.append(label)
                    if len(seen) == int(mark):
                        return number
    except OSError:
        pass
    return 1


def _line_of_first(path: Path, chars: str) -> int:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(c in line for c in chars):
                return number
    except OSError:
        pass
    return 1


# ---------------------------------------------------------------- in the worker

_CACHE: dict = {}


def render(job: Job) -> Result:
    """Lay out one page of HTML and write its PDF atomically (runs in a worker)."""
    from unccd_publish.pdf.fetcher import ProjectFetcher

    start = time.perf_counter()
    fetcher = ProjectFetcher(job.root, *([job.out] if job.out else []))
    result = Result(job, 0.0)
    try:
        with one_document():
            _lay_out_and_write(job, fetcher, result)
    except Exception as exc:  # reported as a diagnostic, never a traceback
        result.error = f"{type(exc).__name__}: {exc}"
    result.refused = fetcher.refused
    result.seconds = time.perf_counter() - start
    return result


def _lay_out_and_write(job: Job, fetcher: ProjectFetcher, result: Result) -> None:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from unccd_publish.output import write_atomic
    from unccd_publish.pdf.fonts import font_faces_css
    from unccd_publish.pdf.structure import complete_structure

    text = PAGE_LINK.sub(r"\1", job.html.read_text(encoding="utf-8"))
    html = HTML(string=text, base_url=job.html.as_uri(), url_fetcher=fetcher, media_type="print")
    font_config = FontConfiguration()
    faces = font_faces_css(text, job.pdf.parent / ".fonts")
    stylesheets = [CSS(string=faces, font_config=font_config, url_fetcher=fetcher)]
    document = html.render(cache=_CACHE, pdf_variant=PDF_VARIANT, font_config=font_config,
                           stylesheets=stylesheets)
    result.pages = len(document.pages)
    if result.pages > job.max_pages:
        result.code = "limit.pages"
        result.error = (f"the document lays out to {result.pages} pages, more than the limit of "
                        f"{job.max_pages} (limits: pages in config.yaml)")
        return
    document.metadata.created = document.metadata.modified = job.created
    data = document.write_pdf(pdf_variant=PDF_VARIANT, finisher=complete_structure)
    result.fallback, result.missing = font_problems(document)
    result.moved_notes = notes_away_from_calls(document)
    write_atomic(job.pdf, data)
    result.size = len(data)


def notes_away_from_calls(document) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    """Footnotes that WeasyPrint carried to a page after the one of their call (it does so to
    keep a paragraph's lines together), as (mark, page of the call, page of the note)."""
    from weasyprint.formatting_structure.boxes import FootnoteAreaBox

    calls: dict[object, int] = {}
    notes: dict[object, tuple[str, int]] = {}
    for number, page in enumerate(document.pages, 1):
        for box in page._page_box.descendants():
            note = getattr(box, "footnote", None)
            if note is not None and note.element is not None:
                calls.setdefault(note.element, number)
            if isinstance(box, FootnoteAreaBox):
                for child in box.children:
                    if child.element is not None:
                        notes.setdefault(child.element, (child.element.get("data-n", "?"), number))
    return [(mark, calls[element], page) for element, (mark, page) in notes.items()
            if element in calls and page != calls[element]]


def font_problems(document) -> tuple[dict[str, str], str]:  # type: ignore[no-untyped-def]
    """Characters set in a font that is not the document's own, and characters with no glyph."""
    fallback: dict[str, str] = {}
    missing: set[str] = set()
    for font in document.fonts.values():
        missing.update(chr(code) for code in font.missing)
        if font.family in EXPECTED_FAMILIES:
            continue
        chars = "".join(sorted({c for c in font.to_unicode.values() if c and not c.isspace()}))
        if chars:
            fallback[font.family] = fallback.get(font.family, "") + chars
    return fallback, "".join(sorted(missing))
