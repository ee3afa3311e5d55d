"""What a build remembers between runs, keyed on the content of its inputs, not file times.

For every document the state keeps the digest of its sources, what it exports to other
documents (its labels and their words, its symbol and titles), what it cites (folders by
label, symbols by name), its diagnostics, its row in the index, and for every output the
digest of everything that output was made from. A rebuild compares digests: an output
whose inputs have not changed is not made again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from unccd_publish import model as m
from unccd_publish.diagnostics import Diagnostic, Location
from unccd_publish.output import write_atomic

STATE_FILE = ".build-state.json"
STATE_VERSION = 1


def digest(*parts: bytes | str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def files_digest(paths: list[Path], base: Path) -> str:
    parts: list[bytes | str] = []
    for path in sorted(paths):
        parts.append(str(path.relative_to(base)))
        parts.append(path.read_bytes() if path.is_file() else b"")
    return digest(*parts)


def document_digest(folder: Path) -> str:
    """The sources of one document: its metadata and every language file."""
    return files_digest([p for p in folder.iterdir() if p.suffix in (".yaml", ".md")], folder)


def html_inputs_digest(content: Path, templates: Path) -> str:
    """Everything every HTML page depends on besides its own sources."""
    catalogues = resources.files("unccd_publish.catalogue")
    catalogue_bytes = [catalogues.joinpath(name).read_bytes()
                       for name in sorted(p.name for p in catalogues.iterdir()
                                          if p.name.endswith(".yaml"))]
    return digest(code_digest(), files_digest(list(templates.glob("*.html")), templates),
                  files_digest([content / "bodies.yaml", content / "config.yaml"], content),
                  *catalogue_bytes)


def code_digest() -> str:
    """The pipeline's own code: a new version may make any output differently."""
    package = Path(__file__).parent
    return digest(metadata.version("unccd-publish"),
                  files_digest(list(package.rglob("*.py")), package))


def pdf_inputs_digest(templates: Path) -> str:
    """What every PDF depends on besides its HTML page: the stylesheets and WeasyPrint."""
    static = templates / "static"
    return digest(code_digest(), metadata.version("weasyprint"),
                  files_digest([p for p in static.iterdir() if p.is_file()], static))


def export_digest(docset: Any) -> str:
    """What other documents can see of a document: symbol, titles, labels and their numbers."""
    parts: list[str] = [docset.meta.symbol or "", ",".join(sorted(docset.versions))]
    for lang, doc in sorted(docset.versions.items()):
        parts.append(f"{lang}:{doc.front.title}")
        for label, target in sorted(doc.labels.items()):
            number = getattr(target, "number", "")
            parts.append(f"{label}={target.kind}:{target.anchor}:{number}")
    return digest(*parts)


def cited_symbols(docset: Any) -> list[str]:
    found = {inline.symbol for doc in docset.versions.values() for block in doc.walk()
             for run in m.inlines_of(block) for inline in m.walk_inlines(run)
             if isinstance(inline, m.SymbolRef) and inline.ref_kind == "document"}
    return sorted(found)


@dataclass
class DocumentState:
    digest: str = ""
    export: str = ""
    symbol: str | None = None
    refers_to: list[str] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    created: str | None = None  # the PDFs' creation date
    languages: list[str] = field(default_factory=list)
    index_row: dict[str, Any] = field(default_factory=dict)
    diagnostics: list[dict[str, Any]] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)  # output path → inputs digest


@dataclass
class State:
    html_inputs: str = ""
    pdf_inputs: str = ""
    documents: dict[str, DocumentState] = field(default_factory=dict)
    index: str = ""

    @classmethod
    def load(cls, out: Path) -> State:
        path = out / STATE_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("version") != STATE_VERSION:
                return cls()
            documents = {k: DocumentState(**v) for k, v in raw["documents"].items()}
            return cls(raw["html_inputs"], raw["pdf_inputs"], documents, raw.get("index", ""))
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def save(self, out: Path) -> None:
        raw = {"version": STATE_VERSION, "html_inputs": self.html_inputs,
               "pdf_inputs": self.pdf_inputs, "index": self.index,
               "documents": {k: asdict(v) for k, v in sorted(self.documents.items())}}
        write_atomic(out / STATE_FILE, json.dumps(raw, indent=1, ensure_ascii=False))


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
