"""Reading the sources: ``content/`` → one :class:`~unccd_publish.model.Document` per language.

Every problem is reported to the run's :class:`~unccd_publish.diagnostics.Diagnostics`;
a document with errors is still read as far as it can be, so that all problems of a
run are reported together.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unccd_publish import model as m
from unccd_publish.catalogue import available, catalogue
from unccd_publish.collector import one_document, one_run
from unccd_publish.diagnostics import Diagnostics, Location
from unccd_publish.environment import METADATA_FILE, document_folders
from unccd_publish.reading.cache import ReadCache, read_through
from unccd_publish.reading.config import Config, Limits, read_config
from unccd_publish.reading.markdown import check_plain_text, parse_markdown, typographic
from unccd_publish.reading.schemas import BODIES, DOCUMENT, FRONT_MATTER, validate
from unccd_publish.reading.source import read_text
from unccd_publish.reading.yamlfile import LoadedYaml, YamlProblem, load_yaml
from unccd_publish.resolve import cross_document_refs, resolve, resolve_between_documents

BODIES_FILE = "bodies.yaml"
UNASSIGNED = "unassigned"
FOLDER_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")
DEFAULT_LIMITS = Limits()


@dataclass
class DocumentSet:
    """A document in all its languages."""

    meta: m.Metadata
    versions: dict[str, m.Document] = field(default_factory=dict)
    refers_to: list[str] = field(default_factory=list)  # folders cited by [](folder#label)


@dataclass
class Project:
    root: Path
    config: Config
    documents: list[DocumentSet] = field(default_factory=list)


def read_yaml_file(path: Path, diagnostics: Diagnostics,
                   limits: Limits = DEFAULT_LIMITS) -> LoadedYaml | None:
    text = read_text(path, diagnostics, limits.source_kb)
    if text is None:
        return None
    try:
        return load_yaml(text)
    except YamlProblem as problem:
        diagnostics.error(Location(path, problem.line), problem.message, problem.code)
        return None


def select_folders(folders: dict[str, Path], names: list[str],
                   symbol_of: Callable[[str], str | None]) -> set[str]:
    """The folders named by folder name, path or symbol; all of them when ``names`` is empty.

    ``symbol_of`` gives a folder's symbol; it is asked only when the name is not a folder.
    """
    if not names:
        return set(folders)
    chosen = set()
    for wanted in (n.rstrip("/") for n in names):
        by_path = {name for name, folder in folders.items()
                   if wanted in (name, str(folder)) or Path(wanted).resolve() == folder.resolve()}
        chosen |= by_path or {name for name in folders if symbol_of(name) == wanted}
    return chosen


@dataclass
class Shared:
    """What every document of a project is read with: the configuration, the bodies and
    sessions, and where the document folders are."""

    config: Config
    bodies: Bodies
    folders: dict[str, Path]


def read_shared(root: Path, diagnostics: Diagnostics) -> Shared:
    """The project's own files in ``root`` (the content folder), and its document folders;
    a folder of Markdown that is not a document is reported."""
    config = read_config(root, diagnostics)
    bodies = read_bodies(root / BODIES_FILE, diagnostics, config.limits)
    folders = document_folders(root)
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name[0] != "."):
        if folder.name not in folders and any(folder.glob("*.md")):
            diagnostics.error(Location(folder / METADATA_FILE), f"the folder '{folder.name}' holds "
                              f"Markdown but no {METADATA_FILE}", "meta.missing")
    return Shared(config, bodies, folders)


def read_project(root: Path, diagnostics: Diagnostics, only: set[str] | None = None,
                 cache: ReadCache | None = None, shared: Shared | None = None,
                 symbols: bool = True) -> Project:
    """Read ``root`` (the content folder): configuration, bilingual data and the documents,
    all of them or ``only`` these folders (see :func:`select_folders`), through ``cache``
    when there is one. ``shared``: the project's own files, when the caller has read them
    (a run that reads its documents a few at a time reads those once). Without ``symbols``,
    two documents with one symbol are left to the caller to report."""
    if shared is None:
        shared = read_shared(root, diagnostics)
    config, bodies, folders = shared.config, shared.bodies, shared.folders
    project = Project(root, config)
    wanted = set(folders) if only is None else set(folders) & only
    with one_run():
        for name in sorted(wanted):
            with one_document():
                document = read_cached(folders[name], bodies, diagnostics, config.limits, cache)
            if document is not None:
                project.documents.append(document)
        link_documents(project.documents, diagnostics,
                       lambda name: _read_more(root, bodies, name, config.limits, cache))
    if symbols:
        report_duplicate_symbols([(d.meta.symbol, d.meta.folder) for d in project.documents],
                                 diagnostics)
    return project


def _read_more(root: Path, bodies: Bodies, name: str, limits: Limits,
               cache: ReadCache | None) -> DocumentSet | None:
    """Read a document that was not selected but is cited by one that was."""
    folder = root / name
    if not (folder / METADATA_FILE).is_file():
        return None
    return read_cached(folder, bodies, Diagnostics(), limits, cache)


def read_cached(folder: Path, bodies: Bodies, diagnostics: Diagnostics, limits: Limits,
                cache: ReadCache | None) -> DocumentSet | None:
    """:func:`read_document`, or what ``cache`` kept of it when the sources are unchanged."""
    return read_through(cache, folder, diagnostics,
                        lambda found: read_document(folder, bodies, found, limits))


def link_documents(documents: list[DocumentSet], diagnostics: Diagnostics,
                   read_more: Callable[[str], DocumentSet | None]) -> None:
    """Resolve the references between documents, language by language."""
    by_folder = {d.meta.slug: d for d in documents}
    for docset in documents:
        for doc in docset.versions.values():
            for name in _cited_folders(doc):
                if name not in by_folder:
                    extra = read_more(name)
                    if extra is not None:
                        by_folder[name] = extra
    by_language: dict[str, dict[str, m.Document]] = {}  # once, not once per document
    for name, other in by_folder.items():
        for lang, version in other.versions.items():
            by_language.setdefault(lang, {})[name] = version
    for docset in documents:
        cited: set[str] = set()
        for lang, doc in docset.versions.items():
            cited.update(resolve_between_documents(doc, by_language.get(lang, {}), diagnostics))
        docset.refers_to = sorted(cited)


def _cited_folders(doc: m.Document) -> set[str]:
    return {ref.document for ref in cross_document_refs(doc) if ref.document}


def probe_symbol(folder: Path) -> str | None:
    return probe_metadata(folder)[0]


def probe_metadata(folder: Path) -> tuple[str | None, list[str]]:
    """A document's symbol and languages, from its metadata alone (None and none when it
    cannot be read: reading the document says why)."""
    try:
        data = load_yaml((folder / METADATA_FILE).read_text(encoding="utf-8")).data
    except (OSError, UnicodeDecodeError, YamlProblem):
        return None, []
    if not isinstance(data, dict):
        return None, []
    symbol, languages = data.get("symbol"), data.get("languages")
    return (symbol if isinstance(symbol, str) and symbol != UNASSIGNED else None,
            [lang for lang in languages if isinstance(lang, str)]
            if isinstance(languages, list) else [])


@dataclass
class Bodies:
    bodies: dict[str, m.Body] = field(default_factory=dict)
    sessions: dict[str, m.Session] = field(default_factory=dict)


def read_bodies(path: Path, diagnostics: Diagnostics, limits: Limits = DEFAULT_LIMITS) -> Bodies:
    out = Bodies()
    if not path.exists():
        diagnostics.error(Location(path), f"{BODIES_FILE} is missing: it names the bodies, "
                          "sessions and venues in every language", "meta.missing")
        return out
    loaded = read_yaml_file(path, diagnostics, limits)
    if loaded is None or not validate(loaded, BODIES, Location(path), diagnostics, BODIES_FILE):
        return out
    data = loaded.data
    for key, entry in data["bodies"].items():
        out.bodies[key] = m.Body(key, entry["name"], entry.get("enacting_formula", {}))
    for key, entry in data["sessions"].items():
        body = out.bodies.get(entry["body"])
        venue = data["venues"].get(entry["venue"])
        if body is None or venue is None:
            what = "body" if body is None else "venue"
            diagnostics.error(Location(path, loaded.line_of(("sessions", key, what))),
                              f"session '{key}' names an unknown {what} '{entry[what]}'",
                              "meta.invalid")
            continue
        agenda = entry.get("agenda", {})
        if isinstance(agenda, str):  # the agenda of the session's own body
            agenda = {body.key: agenda}
        out.sessions[key] = m.Session(key, body, entry["number"], entry["start"], entry["end"],
                                      venue, dict(agenda))
    return out


def folder_name_ok(name: str) -> bool:
    """Whether ``name`` may name a document folder: it is used in addresses and file names."""
    return FOLDER_NAME.fullmatch(name) is not None and ".." not in name


def read_document(folder: Path, bodies: Bodies, diagnostics: Diagnostics,
                  limits: Limits = DEFAULT_LIMITS) -> DocumentSet | None:
    path = folder / METADATA_FILE
    if not folder_name_ok(folder.name):
        diagnostics.error(Location(path), f"the folder name '{folder.name}' is used in addresses "
                          "and file names: use lower-case letters, digits, '.', '-' and '_', "
                          "starting with a letter or digit", "meta.folder")
        return None
    if not _inside(path, folder, diagnostics):
        return None
    loaded = read_yaml_file(path, diagnostics, limits)
    if loaded is None:
        return None
    if not validate(loaded, DOCUMENT, Location(path), diagnostics, METADATA_FILE):
        return None
    meta = _metadata(folder, loaded, bodies, diagnostics)
    if meta is None:
        return None
    document = DocumentSet(meta)
    for md_path in sorted(folder.glob("*.md")):
        lang = md_path.stem
        if lang not in meta.languages:
            diagnostics.error(Location(md_path), f"'{md_path.name}' is in no language of this "
                              f"document (languages: {', '.join(meta.languages)}); name the file "
                              "after its language or add the language to document.yaml",
                              "lang.unknown")
            continue
        if not _inside(md_path, folder, diagnostics):
            continue
        version = read_language_file(md_path, meta, diagnostics, limits)
        if version is not None:
            document.versions[lang] = version
    for index, lang in enumerate(meta.languages):
        if not (folder / f"{lang}.md").exists():
            diagnostics.error(Location(path, loaded.line_of(("languages", index))),
                              f"language '{lang}' is listed but {lang}.md is missing",
                              "lang.missing")
    return document


def _inside(path: Path, folder: Path, diagnostics: Diagnostics) -> bool:
    """A source must be a file of the content folder, not a link to a file elsewhere."""
    content = folder.parent.resolve()
    if path.resolve().is_relative_to(content):
        return True
    diagnostics.error(Location(path), f"'{path.name}' is a link to a file outside the content "
                      "folder; only files of the project are read", "source.outside")
    return False


def report_duplicate_symbols(documents: list[tuple[str | None, Path]],
                             diagnostics: Diagnostics) -> None:
    """Two documents with one symbol would write the same PDFs: both are reported
    (``documents``: each one's symbol and folder)."""
    by_symbol: dict[str, list[Path]] = {}
    for symbol, folder in documents:
        if symbol:
            by_symbol.setdefault(symbol, []).append(folder)
    for symbol, sharing in by_symbol.items():
        if len(sharing) > 1:
            names = ", ".join(folder.name for folder in sharing)
            for folder in sharing:
                diagnostics.error(Location(folder / METADATA_FILE),
                                  f"the symbol {symbol} is given to more than one document "
                                  f"({names})", "meta.duplicate")


def _metadata(folder: Path, loaded: LoadedYaml, bodies: Bodies,
              diagnostics: Diagnostics) -> m.Metadata | None:
    data: dict[str, Any] = loaded.data
    path = folder / METADATA_FILE
    ok = True

    def problem(key: tuple[str | int, ...], message: str, code: str = "meta.invalid") -> None:
        nonlocal ok
        ok = False
        diagnostics.error(Location(path, loaded.line_of(key)), message, code)

    known = available()
    for index, lang in enumerate(data["languages"]):
        if lang not in known:
            problem(("languages", index), f"unknown language '{lang}' (known: "
                    f"{', '.join(sorted(known))})", "lang.unknown")
    if data["original"] not in data["languages"]:
        problem(("original",), f"the original language '{data['original']}' is not among the "
                f"languages {data['languages']}")
    body = bodies.bodies.get(data["body"])
    if body is None:
        problem(("body",), f"unknown body '{data['body']}' (known: "
                f"{', '.join(sorted(bodies.bodies)) or 'none'}; see {BODIES_FILE})")
    committee = None
    if "committee" in data:
        committee = bodies.bodies.get(data["committee"])
        if committee is None:
            problem(("committee",), f"unknown committee '{data['committee']}' (known: "
                    f"{', '.join(sorted(bodies.bodies)) or 'none'}; see {BODIES_FILE})")
    session = bodies.sessions.get(data["session"])
    if session is None:
        problem(("session",), f"unknown session '{data['session']}' (known: "
                f"{', '.join(sorted(bodies.sessions)) or 'none'}; see {BODIES_FILE})")
    jobs: dict[str, m.Job] = {}
    for lang, job in data.get("job_numbers", {}).items():
        if lang not in data["languages"]:
            problem(("job_numbers", lang), f"job number for '{lang}', which is not a language "
                    "of this document")
            continue
        number, dates = (job, []) if isinstance(job, str) else (job["number"], job.get("dates", []))
        number, _, letter = number.partition("(")
        letter = letter.rstrip(")")
        if letter and lang in known and letter != catalogue(lang)["un_letter"]:
            own = catalogue(lang)["un_letter"]
            problem(("job_numbers", lang), f"the job number of '{lang}' ends in ({letter}); "
                    f"that language's letter is ({own}): write '{number.strip()} ({own})', or "
                    "the number alone", "meta.job")
        jobs[lang] = m.Job(number.strip(), tuple(dates))
    if not ok or body is None or session is None:
        return None
    symbol = data["symbol"]
    return m.Metadata(
        folder=folder,
        symbol=None if symbol == UNASSIGNED else symbol,
        distribution=data["distribution"],
        date=None if data["date"] == UNASSIGNED else data["date"],
        original=data["original"],
        languages=tuple(data["languages"]),
        kind=data["kind"],
        body=body,
        committee=committee,
        session=session,
        agenda_item=str(data["agenda_item"]),
        agenda_symbol=data.get("agenda_symbol") or _agenda(session, committee or body),
        jobs=jobs,
        contents=data.get("contents", True) is not False,
        contents_page="first" if data.get("contents") == "page-1" else "own",
    )


def _agenda(session: m.Session, body: m.Body) -> str | None:
    """The provisional agenda that the document's agenda item belongs to: the committee's,
    if the document is a committee's, else its body's."""
    return session.agenda.get(body.key)


def read_language_file(path: Path, meta: m.Metadata, diagnostics: Diagnostics,
                       limits: Limits = DEFAULT_LIMITS) -> m.Document | None:
    text = read_text(path, diagnostics, limits.source_kb)
    if text is None:
        return None
    parsed = parse_markdown(text, path, diagnostics, limits.nesting)
    if parsed.front_matter is None:
        diagnostics.error(Location(path), "the file has no front matter; start it with '---', "
                          "the title and agenda_title, and '---'", "meta.missing")
        return None
    try:
        loaded = load_yaml(parsed.front_matter, parsed.front_matter_line)
    except YamlProblem as problem:
        diagnostics.error(Location(path, problem.line), problem.message, problem.code)
        return None
    if not validate(loaded, FRONT_MATTER, Location(path), diagnostics, "front matter"):
        return None
    data = loaded.data
    for key in ("title", "subtitle", "agenda_title"):
        for index, value in enumerate(data[key] if isinstance(data.get(key), list) else
                                      [data.get(key)]):
            if isinstance(value, str):
                where = (key, index) if isinstance(data[key], list) else (key,)
                check_plain_text(value, Location(path, loaded.line_of(where)), diagnostics)
    agenda = data["agenda_title"]
    subtitle, agenda = data.get("subtitle"), [agenda] if isinstance(agenda, str) else agenda
    front = m.FrontMatter(typographic(data["title"]), [typographic(a) for a in agenda],
                          typographic(subtitle) if subtitle else None,
                          Location(path, parsed.front_matter_line))
    document = m.Document(meta, path.stem, path, front, parsed.summary, parsed.body,
                          parsed.footnotes)
    document.settle()  # the resolver numbers and links blocks, but adds or moves none
    _check_kind(document, diagnostics)
    resolve(document, diagnostics)
    cross_document_refs(document)  # found now, to be kept with the model
    return document


def _check_kind(doc: m.Document, diagnostics: Diagnostics) -> None:
    """Decisions belong in draft-decisions documents, and only decisions stand at their top."""
    for block in doc.walk():
        if isinstance(block, m.Decision) and doc.meta.kind != "draft-decisions":
            diagnostics.error(block.location, "a decision in a document of kind "
                              f"'{doc.meta.kind}'; set 'kind: draft-decisions' in document.yaml",
                              "syntax.decision")
