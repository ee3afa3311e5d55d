"""The PDF builder: the HTML builder's pages, laid out by WeasyPrint with the print CSS."""

from __future__ import annotations

import ctypes.util
import datetime as dt
import os
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from unccd_publish.diagnostics import Diagnostics, Location
from unccd_publish.html.builder import output_path, pdf_name
from unccd_publish.reading import DocumentSet, Project

PDF_DIR = "pdf"
EXPECTED_FAMILIES = ("Liberation Serif", "Noto Serif CJK SC", "Noto Sans CJK SC")


@dataclass(frozen=True)
class Job:
    html: Path
    pdf: Path
    source: Path  # the language file, for reporting
    root: Path  # what WeasyPrint may read: the project folder
    created: str | None  # ISO date for the PDF's creation date


@dataclass
class Result:
    job: Job
    seconds: float
    pages: int = 0
    size: int = 0
    fallback: dict[str, str] = field(default_factory=dict)  # font family → characters
    missing: str = ""  # characters no font has a glyph for
    refused: list[str] = field(default_factory=list)
    error: str | None = None


def harfbuzz_subset_available() -> bool:
    """WeasyPrint subsets fonts fast with libharfbuzz-subset, slowly with fontTools without it."""
    return ctypes.util.find_library("harfbuzz-subset") is not None


def creation_date(docset: DocumentSet) -> str | None:
    """The PDF date: SOURCE_DATE_EPOCH when set, else the date of issue; never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if docset.meta.date:
        return docset.meta.date.isoformat()
    return None


def jobs_for(project: Project, documents: Sequence[DocumentSet], out: Path) -> list[Job]:
    root = project.root.resolve().parent
    jobs = []
    for docset in documents:
        for lang, doc in docset.versions.items():
            jobs.append(Job(output_path(out / "html", docset, lang).resolve(),
                            (out / PDF_DIR / pdf_name(docset.meta, lang)).resolve(),
                            doc.path, root, creation_date(docset)))
    return jobs


def worker_count(jobs: str | int, tasks: int) -> int:
    wanted = os.cpu_count() or 1 if str(jobs) == "auto" else max(1, int(jobs))
    return max(1, min(wanted, tasks))


def build_pdf(project: Project, documents: Sequence[DocumentSet], out: Path,
              diagnostics: Diagnostics, jobs: str | int = "auto") -> list[Path]:
    """Render the already built HTML of ``documents`` to PDF; return the files written."""
    if not harfbuzz_subset_available():
        diagnostics.warning(Location(Path("Makefile")), "libharfbuzz-subset0 is not installed: "
                            "fonts are subset with fontTools, many times slower (apt-get install "
                            "libharfbuzz-subset0)", "pdf.harfbuzz-subset")
    tasks = jobs_for(project, documents, out)
    workers = worker_count(jobs, len(tasks))
    if workers == 1:
        results = [render(task) for task in tasks]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(render, tasks))
    written = []
    for result in results:
        report(result, diagnostics)
        if result.error is None:
            written.append(result.job.pdf)
    return written


def report(result: Result, diagnostics: Diagnostics) -> None:
    where = Location(result.job.source)
    if result.error is not None:
        diagnostics.error(where, f"PDF not written: {result.error}", "pdf.render")
    for url in result.refused:
        diagnostics.error(where, f"the page asks for {url}, which is outside the project; "
                          "only files of the project are used", "pdf.fetch")
    for font, chars in sorted(result.fallback.items()):
        line = _line_of_first(result.job.source, chars)
        diagnostics.warning(where.at(line), f"characters {chars!r} were set in the fallback font "
                            f"'{font}' (the document's fonts have no glyph for them)",
                            "pdf.font-fallback")
    if result.missing:
        line = _line_of_first(result.job.source, result.missing)
        diagnostics.warning(where.at(line), f"no installed font has the characters "
                            f"{result.missing!r}; they print as empty boxes", "pdf.missing-glyph")


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
    from weasyprint import HTML

    from unccd_publish.output import write_atomic
    from unccd_publish.pdf.fetcher import ProjectFetcher

    start = time.perf_counter()
    fetcher = ProjectFetcher(job.root)
    result = Result(job, 0.0)
    try:
        html = HTML(filename=str(job.html), url_fetcher=fetcher, media_type="print")
        document = html.render(cache=_CACHE, pdf_tags=True)
        data = document.write_pdf(pdf_tags=True)
        result.fallback, result.missing = font_problems(document)
        write_atomic(job.pdf, data)
        result.pages = len(document.pages)
        result.size = len(data)
    except Exception as exc:  # reported as a diagnostic, never a traceback
        result.error = f"{type(exc).__name__}: {exc}"
    result.refused = fetcher.refused
    result.seconds = time.perf_counter() - start
    return result


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
