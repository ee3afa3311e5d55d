"""Telling, cheaply, that a build has nothing to do.

A rebuild with nothing changed should not pay for loading the builders (Jinja2, markdown-it,
jsonschema, Babel, WeasyPrint). :func:`nothing_to_do` compares what the last build
remembered (:mod:`unccd_publish.environment`) with the inputs as they are now, with the
standard library only. When every selected document and output is up to date, it gives the
report the full build would give: nothing written, the diagnostics of the documents
replayed. Whenever it cannot be sure — a document named by a symbol the state does not
know, a document or a problem it has not seen, a missing output — it answers None, and the
full build decides.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from unccd_publish import environment
from unccd_publish.diagnostics import Diagnostics, Location
from unccd_publish.environment import (
    CACHE_DIR,
    STATE_FILE,
    SourceDigests,
    State,
    diagnostic_from_json,
    document_folders,
    index_key,
    index_rows,
    pdf_inputs_digest,
    pdf_outputs,
    pdf_up_to_date,
    static_files,
)
from unccd_publish.formats import FORMATS, Format
from unccd_publish.libraries import LINKER_CACHE, library_available
from unccd_publish.report import BuildReport

STATIC = "static"


def nothing_to_do(content: Path, out: Path, *, pdf: bool, names: list[str],
                  stop_on_error: bool = False, cache: Path | None = None,
                  formats: tuple[str, ...] = ("html",),
                  watch: list[str] | None = None) -> BuildReport | None:
    """The report of a build of ``names`` (all documents when empty) in ``formats`` that has
    nothing to do, or None when something is to be done or only the full build can tell.
    ``cache`` is the cache folder, where the sources' digests are remembered. ``watch``, when
    given, receives every path the report depended on (left empty when they cannot all be
    named: a source that is a link)."""
    sources = SourceDigests(cache or out / CACHE_DIR)
    try:
        report = _nothing_to_do(content, out, pdf, names, stop_on_error, sources,
                                [FORMATS[f] for f in formats], watch)
    except (OSError, ValueError):  # unreadable: the full build says what it makes of it
        return None
    if report is not None:
        sources.save()  # what it learnt: sources now old enough to be remembered
    return report


def _nothing_to_do(content: Path, out: Path, pdf: bool, names: list[str],
                   stop_on_error: bool, sources: SourceDigests,
                   formats: list[Format], watch: list[str] | None) -> BuildReport | None:
    root = content.resolve().parent
    templates = root / "templates"
    if not (templates / "document.html").is_file():
        return None
    state = State.load(out)
    if state.project_diagnostics or not emblem_copied(state.emblem, root, out):
        return None
    code = sources.code()
    inputs = {f.name: f.inputs(content, templates, code) for f in formats}
    folders = document_folders(content)
    if not set(state.documents) <= set(folders):
        return None
    selected = select(folders, names, state)
    if selected is None or (names and not selected):
        return None
    for name in selected:
        record = state.documents.get(name)
        if (record is None or record.digest != sources.of(folders[name])
                or not all(f.written(name, record, out, inputs[f.name]) for f in formats)):
            return None

    report = BuildReport(Diagnostics())
    if watch is not None:
        watch.extend(depended_on(content, out, templates, state, folders, selected, formats,
                                 pdf))
    for name in sorted(selected):
        report.diagnostics.extend(diagnostic_from_json(d)
                                  for d in state.documents[name].diagnostics)
    if stop_on_error and report.diagnostics.has_errors():
        return report  # the full build stops here too, before the index and the PDFs
    html_dir = out / "html"
    if "html" in inputs and (index_key(inputs["html"], index_rows(state)) != state.index
                             or not (html_dir / "index.html").exists()
                             or not static_copied(templates / STATIC, html_dir / STATIC)):
        return None
    if pdf:
        pdf_inputs = pdf_inputs_digest(templates, code)
        for name in sorted(selected):
            record = state.documents[name]
            if not set(record.languages) <= set(record.pdfs):
                return None
            for key, _, _, inputs in pdf_outputs(out, name, record, pdf_inputs):
                if not pdf_up_to_date(out, record, key, inputs):
                    return None
                report.up_to_date.append(key)
        if not harfbuzz_subset_available():
            report.diagnostics.warning(
                Location(Path("Makefile")), "libharfbuzz-subset0 is not installed: fonts are "
                "subset with fontTools, many times slower (apt-get install libharfbuzz-subset0)",
                "pdf.harfbuzz-subset")
    return report


def depended_on(content: Path, out: Path, templates: Path, state: State,
                folders: dict[str, Path], selected: set[str], formats: list[Format],
                pdf: bool) -> list[str]:
    """Every file and folder whose change may change the answer of the no-op: the content
    folder, its folders and their sources, the templates, the code and its catalogues, the
    state, the outputs' folders (a file gone changes its folder), the pages a PDF is made
    from, the masthead's image and its copy, and for formats that depend on installed
    libraries the folders they are found in. Empty when a source is a link (its target may
    change without it) or when the linker's cache, which tells whether a library is
    installed, is not there."""
    paths = [str(content), str(out / STATE_FILE), str(templates)]
    if any(f.name == "html" for f in formats):  # the index and the stylesheets' copies
        paths += [str(out / "html"), str(out / "html" / "index.html")]
        paths += _tree(out / "html" / STATIC)
    paths += [str(content / name) for name in ("bodies.yaml", "config.yaml")
              if (content / name).is_file()]
    with os.scandir(content) as entries:
        paths += [e.path for e in entries if not e.name.startswith(".") and e.is_dir()]
    for name in sorted(folders):
        with os.scandir(folders[name]) as entries:
            for entry in entries:
                if entry.name.endswith((".yaml", ".md")):
                    if entry.is_symlink():
                        return []
                    paths.append(entry.path)
    paths += [str(p) for p in sorted(templates.glob("*.html"))]
    paths += _tree(templates / STATIC)
    paths += _tree(environment.PACKAGE, (".py", ".yaml"))
    if state.emblem is not None:
        paths += [str(content.resolve().parent / state.emblem), str(out / state.emblem)]
    outputs = {os.path.dirname(os.path.join(str(out), target))
               for f in formats for name in sorted(selected)
               for target in f.targets(name, state.documents[name])}
    paths += sorted(outputs)
    if pdf:
        if not LINKER_CACHE.is_file():  # then asked of ctypes, which may look anywhere
            return []
        paths += [str(out / "pdf"), str(LINKER_CACHE)]
        paths += [str(out / "html" / name / f"{lang}.html") for name in sorted(selected)
                  for lang in state.documents[name].languages]
    if pdf or any(f.name != "html" for f in formats):  # the libraries' versions
        paths += [entry or "." for entry in sys.path if os.path.isdir(entry or ".")]
    return list(dict.fromkeys(paths))  # each is there: a stat that fails keeps nothing


def _tree(folder: Path, suffixes: tuple[str, ...] | None = None) -> list[str]:
    """A folder, its sub-folders and their files (those ending in ``suffixes``, if given),
    caches of compiled code left out."""
    found: list[str] = []
    for where, folder_names, file_names in os.walk(folder):
        folder_names[:] = sorted(n for n in folder_names if n != "__pycache__")
        found.append(where)
        found += [os.path.join(where, n) for n in sorted(file_names)
                  if suffixes is None or n.endswith(suffixes)]
    return found


def select(folders: dict[str, Path], names: list[str], state: State) -> set[str] | None:
    """The folders named by folder name, path or symbol (all when ``names`` is empty), the
    symbols as the state remembers them; None when a document the state does not know
    might be named by its symbol."""
    if not names:
        return set(folders)
    chosen: set[str] = set()
    for wanted in (n.rstrip("/") for n in names):
        by_path = {name for name, folder in folders.items()
                   if wanted in (name, str(folder)) or Path(wanted).resolve() == folder.resolve()}
        if not by_path:
            if not set(folders) <= set(state.documents):
                return None
            by_path = {name for name in folders if state.documents[name].symbol == wanted}
        chosen |= by_path
    return chosen


def emblem_copied(emblem: str | None, root: Path, out: Path) -> bool:
    """Whether the masthead's image (if any) is still a file of the project, copied to
    ``out`` as it is."""
    if emblem is None:
        return True
    source, copy = root / emblem, out / emblem
    return (source.is_file() and source.resolve().is_relative_to(root) and copy.is_file()
            and source.read_bytes() == copy.read_bytes())


def static_copied(source: Path, target: Path) -> bool:
    """Whether every file of ``templates/static`` is in the output as it is."""
    if not source.is_dir():
        return False
    for path in static_files(source):
        copy = target / path.relative_to(source)
        if not copy.is_file() or copy.read_bytes() != path.read_bytes():
            return False
    return True


def harfbuzz_subset_available() -> bool:
    """WeasyPrint subsets fonts fast with libharfbuzz-subset, slowly with fontTools without it."""
    return library_available("harfbuzz-subset")
