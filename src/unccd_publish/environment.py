"""What a build remembers between runs, keyed on the content of its inputs, not file times.

For every document the state keeps the digest of its sources, what it exports to other
documents (its labels and their words, its symbol and titles), what it cites (folders by
label, symbols by name), its diagnostics, its row in the index, the names of its PDFs, and
for every output the digest of everything that output was made from. A rebuild compares
digests: an output whose inputs have not changed is not made again.

Everything here uses the standard library only, so that a rebuild with nothing to do can be
told without loading the builders (:mod:`unccd_publish.uptodate`).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from typing import Any

from unccd_publish import __version__, noop
from unccd_publish.diagnostics import Diagnostic, Location
from unccd_publish.output import write_atomic

STATE_FILE = ".build-state.json"
CACHE_DIR = noop.CACHE_DIR  # the cache folder, under the output folder unless --cache names another
STATE_VERSION = 4
PACKAGE = Path(__file__).parent  # the pipeline's code, digested by code_digest
CATALOGUES = "catalogue"
METADATA_FILE = "document.yaml"  # what makes a folder of the content folder a document


def document_folders(content: Path) -> dict[str, Path]:
    """Every document folder of the content folder (one with a ``document.yaml``; hidden
    folders left out), by name: what the build, the checker and the no-op all list."""
    try:
        with os.scandir(content) as entries:
            names = sorted(e.name for e in entries if not e.name.startswith(".") and e.is_dir()
                           and os.path.isfile(os.path.join(e.path, METADATA_FILE)))
    except OSError:
        return {}
    return {name: content / name for name in names}


def digest(*parts: bytes | str) -> str:
    """128 bits (32 hex digits) of the SHA-256 of ``parts``, each after its length, so that
    where one ends counts. SHA-256 as OpenSSL computes it, with the processor's SHA
    instructions: about three times BLAKE2b's speed, on every source, cache entry and
    report page a run digests."""
    h = sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:32]


def files_digest(paths: list[Path], base: Path) -> str:
    """The names and bytes of ``paths``; a link counts as where it points, so that a source
    replaced by a link to the same bytes elsewhere is read (and refused) again."""
    parts: list[bytes | str] = []
    for path in sorted(paths):
        parts.append(str(path.relative_to(base)))
        if path.is_symlink():
            parts.append(f"-> {path.resolve()}")
        parts.append(path.read_bytes() if path.is_file() else b"")
    return digest(*parts)


def document_digest(folder: Path) -> str:
    """The sources of one document: its metadata and every language file."""
    return files_digest([p for p in folder.iterdir() if p.suffix in (".yaml", ".md")], folder)


class SourceDigests:
    """Digests of document folders, remembered with every file's size, times and inode in
    ``sources.json`` of the cache folder: a folder whose files all stat as they did is not read
    again to be digested. A file changed less than STABLE seconds before its digest was taken
    is not remembered (its time may not tell a second change within the same tick).

    Within one run a folder is digested once: ``now`` holds what this run found (a worker
    process is given the digests its run found already).
    """

    FILE = "sources.json"
    STABLE = 2.0  # seconds

    def __init__(self, cache: Path | None, now: dict[str, str] | None = None) -> None:
        self.path = cache / self.FILE if cache is not None else None
        self.known: dict[str, list[Any]] = {}
        self.now: dict[str, str] = dict(now or {})
        self.changed = False
        if self.path is not None:
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
                if isinstance(loaded, dict) and loaded.get("version") == STATE_VERSION:
                    self.known = loaded["folders"]
            except (OSError, ValueError, KeyError, TypeError):
                self.known = {}

    def of(self, folder: Path) -> str:
        """:func:`document_digest` of ``folder``, without reading it when it is unchanged."""
        key = str(folder)
        if key not in self.now:
            self.now[key] = self._of(folder, key)
        return self.now[key]

    def code(self) -> str:
        """:func:`code_digest`, without reading the code when its files stat as they did."""
        key = str(PACKAGE)
        if key not in self.now:
            try:
                signature = _code_signature()
            except OSError:
                return code_digest()
            self.now[key] = self._remembered(key, signature, code_digest)
        return self.now[key]

    def _of(self, folder: Path, key: str) -> str:
        try:
            signature = _folder_signature(folder)
        except OSError:
            return document_digest(folder)
        return self._remembered(key, signature, lambda: document_digest(folder))

    def settle(self) -> None:
        """Remember what this run digested while its files were too new to be remembered,
        now that they are old enough: digested again (a file may have changed since), so that
        after a build of a fresh checkout the next run does not read every source again."""
        for key in list(self.now):
            if key in self.known:
                continue
            code = key == str(PACKAGE)
            try:
                signature = _code_signature() if code else _folder_signature(Path(key))
            except OSError:
                continue
            if self._rememberable(signature):  # else it would be read again for nothing
                self._remembered(key, signature, code_digest if code else
                                 lambda key=key: document_digest(Path(key)))

    def _rememberable(self, signature: list[list[Any]]) -> bool:
        """Whether files that stat so may be remembered: every one older than STABLE
        seconds, and none a link."""
        newest = max((max(s[2], s[3]) for s in signature), default=0)
        return (newest < (time.time() - self.STABLE) * 1e9
                and not any(stat.S_ISLNK(s[5]) for s in signature))

    def _remembered(self, key: str, signature: list[list[Any]],
                    compute: Callable[[], str]) -> str:
        """The digest remembered for ``key`` if its files' ``signature`` is as it was, else
        ``compute()``, remembered when every file is older than STABLE seconds."""
        remembered = self.known.get(key)
        # one string, not a list of lists: at thousands of folders, a third of the memory.
        # A name holds no "/" and the numbers no "|": the string tells one signature only.
        compact = "|".join("/".join(map(str, s)) for s in signature)
        if isinstance(remembered, list) and len(remembered) == 2 and remembered[1] == compact:
            return str(remembered[0])
        found = compute()
        if self._rememberable(signature):
            self.known[key] = [found, compact]
            self.changed = True
        elif key in self.known:
            del self.known[key]
            self.changed = True
        return found

    def save(self) -> None:
        """Keep what was learnt; a cache that cannot be written only makes the next run
        slower."""
        if self.path is None or not self.changed:
            return
        with contextlib.suppress(OSError):
            write_atomic(self.path, json.dumps({"version": STATE_VERSION,
                                                "folders": self.known}), sync=False)
        self.changed = False


def _signature(entry: os.DirEntry[str], name: str | None = None) -> list[Any]:
    """What tells a file changed: name, size, modification and change times, inode, mode."""
    st = entry.stat(follow_symlinks=False)
    return [name or entry.name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino,
            st.st_mode]


def _folder_signature(folder: Path) -> list[list[Any]]:
    """The signatures of a document folder's sources (what :func:`document_digest` reads)."""
    with os.scandir(folder) as entries:
        return sorted(_signature(entry) for entry in entries
                      if entry.name.endswith((".yaml", ".md")))


def _code_signature() -> list[list[Any]]:
    """The signatures of the pipeline's code files (what :func:`code_digest` reads), and
    its version."""
    found: list[list[Any]] = [["version", __version__, 0, 0, 0, 0]]
    folders = [str(PACKAGE)]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                    folders.append(entry.path)
                elif entry.name.endswith(".py"):
                    found.append(_signature(entry, os.path.relpath(entry.path, PACKAGE)))
    return sorted(found)


def missing_template(templates: Path, *names: str) -> Diagnostic | None:
    """The error when the project's templates/ lacks one of ``names`` (a command cannot
    lay anything out without them)."""
    missing = next((name for name in names if not (templates / name).is_file()), None)
    if missing is None:
        return None
    message = (f"templates/ has no {missing}: copy it back from the project's repository"
               if templates.is_dir() else
               "no templates here: a project keeps templates/ beside its content folder")
    return Diagnostic(Location(templates), "error", message, "cli.templates")


def html_inputs_digest(content: Path, templates: Path, code: str | None = None) -> str:
    """Everything every HTML page depends on besides its own sources. ``code`` is
    :func:`code_digest`, when the caller has it already."""
    catalogues = PACKAGE / CATALOGUES
    catalogue_bytes = [(catalogues / name).read_bytes()
                       for name in sorted(p.name for p in catalogues.iterdir()
                                          if p.name.endswith(".yaml"))]
    return digest(code or code_digest(), files_digest(list(templates.glob("*.html")), templates),
                  files_digest([content / "bodies.yaml", content / "config.yaml"], content),
                  *catalogue_bytes)


def code_digest() -> str:
    """The pipeline's own code: a new version may make any output differently."""
    return digest(__version__, files_digest(list(PACKAGE.rglob("*.py")), PACKAGE))


def static_files(static: Path) -> list[Path]:
    """Every file of ``templates/static`` and its sub-folders, in a stable order."""
    return sorted(p for p in static.rglob("*") if p.is_file())


def pdf_inputs_digest(templates: Path, code: str | None = None) -> str:
    """What every PDF depends on besides its HTML page: the stylesheets, images and
    WeasyPrint."""
    static = templates / "static"
    return digest(code or code_digest(), installed_version("weasyprint"),
                  files_digest(static_files(static), static))


def installed_version(distribution: str) -> str:
    """The version of an installed distribution, from the name of its ``.dist-info`` folder in
    the first entry of ``sys.path`` that has one; from its metadata when there is none."""
    wanted = _normalised(distribution)
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                project, _, version = name.removesuffix(".dist-info").partition("-")
                if version and _normalised(project) == wanted:
                    return version
    from importlib import metadata

    return metadata.version(distribution)


def _normalised(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


@dataclass(repr=False, eq=False)  # only __init__: a no-op build loads this module
class DocumentState:
    digest: str = ""
    export: str = ""
    symbol: str | None = None
    refers_to: list[str] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    created: str | None = None  # the PDFs' creation date
    languages: list[str] = field(default_factory=list)  # those with a file
    translations: list[str] = field(default_factory=list)  # declared, but the original's
    index_row: dict[str, Any] = field(default_factory=dict)  # its date and titles
    diagnostics: list[dict[str, Any]] = field(default_factory=list)
    pdfs: dict[str, str] = field(default_factory=dict)  # language → the PDF's file name
    outputs: dict[str, str] = field(default_factory=dict)  # output path → inputs digest


@dataclass(repr=False, eq=False)
class State:
    # by format ("html", "pdf"): what every output of the format depended on besides its
    # document when the last build wrote it
    inputs: dict[str, str] = field(default_factory=dict)
    documents: dict[str, DocumentState] = field(default_factory=dict)
    index: str = ""
    # the problems of config.yaml and bodies.yaml in the last run
    project_diagnostics: list[dict[str, Any]] = field(default_factory=list)
    emblem: str | None = None  # the masthead's image, relative to the project folder
    others: str = ""  # a shard's: the digest of every document outside its share

    @classmethod
    def load(cls, out: Path, name: str = STATE_FILE) -> State:
        path = out / name
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("version") != STATE_VERSION:
                return cls()
            documents = {k: DocumentState(**v) for k, v in raw["documents"].items()}
            return cls(raw["inputs"], documents, raw["index"],
                       raw["project_diagnostics"], raw["emblem"], raw.get("others", ""))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def save(self, out: Path, name: str = STATE_FILE) -> None:
        """Write the state: compact, by the C encoder, from the records' own fields (a
        record holds only what JSON holds), a record at a time. An indented file and deep
        copies of every record took 4 times as long and twice the memory at 2,000
        documents; the file whole in memory, as much again as the records."""
        raw: dict[str, Any] = {
            "version": STATE_VERSION, "inputs": self.inputs, "index": self.index,
            "project_diagnostics": self.project_diagnostics, "emblem": self.emblem}
        if self.others:
            raw["others"] = self.others
        write_atomic(out / name, self._pieces(raw))

    def _pieces(self, raw: dict[str, Any]) -> Iterator[str]:
        """``raw`` with the records as its "documents", in pieces of JSON."""
        yield _compact(raw)[:-1] + ',"documents":{'
        for i, (key, record) in enumerate(sorted(self.documents.items())):
            yield f"{',' if i else ''}{_compact(key)}:{_compact(vars(record))}"
        yield "}}"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def index_rows(state: State) -> list[tuple[str, DocumentState]]:
    """The documents the index page lists, by folder, in the order of their folders."""
    return [(n, r) for n, r in sorted(state.documents.items()) if r.index_row]


def index_key(html_inputs: str, rows: list[tuple[str, DocumentState]]) -> str:
    """What the index page is made from: the shared inputs and what it shows of each
    document."""
    return digest(html_inputs, repr([(n, r.symbol, r.languages, r.pdfs, r.index_row)
                                      for n, r in rows]))


def pdf_outputs(out: Path, name: str, record: DocumentState,
                pdf_inputs: str) -> Iterator[tuple[str, Path, str, str]]:
    """The PDFs of a document, one per language that has a page: (output path relative to
    ``out``, page, language, digest of what the PDF is made from)."""
    for lang in record.languages:
        html = out / "html" / name / f"{lang}.html"
        if html.exists():
            inputs = digest(pdf_inputs, files_digest([html], html.parent))
            yield f"pdf/{record.pdfs[lang]}", html, lang, inputs


def pdf_up_to_date(out: Path, record: DocumentState, key: str, inputs: str) -> bool:
    """Whether the PDF ``key`` is in ``out`` and was made from ``inputs``."""
    return record.outputs.get(key) == inputs and (out / key).exists()


def stored_path(path: Path, root: Path | None) -> str:
    """``path`` as a state file keeps it: relative to ``root`` when it lies under it."""
    if root is not None and path.is_relative_to(root):
        return str(path.relative_to(root))
    return str(path)


def diagnostic_to_json(diagnostic: Diagnostic, root: Path | None = None) -> dict[str, Any]:
    return {"path": stored_path(diagnostic.location.path, root),
            "line": diagnostic.location.line, "severity": diagnostic.severity,
            "message": diagnostic.message, "code": diagnostic.code}


def diagnostic_from_json(raw: dict[str, Any], root: Path | None = None) -> Diagnostic:
    path = Path(raw["path"]) if root is None else root / raw["path"]
    return Diagnostic(Location(path, raw["line"]), raw["severity"], raw["message"], raw["code"])
