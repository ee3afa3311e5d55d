"""What a check remembers between runs: every document's findings, keyed on its inputs.

A document is compared again only when something it was compared from has changed: its
own sources, the documents it refers to, the glossary, the configuration, the bilingual
data, the catalogues, the templates or the code. Otherwise its findings, its suppressed
findings and the problems of its sources are replayed from ``.check-state.json`` beside
the side-by-side reports, and no Markdown is read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unccd_publish.check.findings import DocumentReport, Finding
from unccd_publish.diagnostics import Location
from unccd_publish.environment import digest, html_inputs_digest, stored_path
from unccd_publish.output import write_atomic

STATE_FILE = ".check-state.json"
STATE_VERSION = 3


def check_inputs_digest(content: Path, templates: Path, glossary: Path,
                        code: str | None = None) -> str:
    """Everything every document's findings and report depend on besides its own sources
    (``code``: the code's digest, when the caller has it)."""
    extra = [path.read_bytes() if path.is_file() else b""
             for path in (glossary, templates / "static" / "check.css")]
    return digest(html_inputs_digest(content, templates, code), *extra)


def document_key(inputs: str, name: str, digests: dict[str, str], cites: list[str]) -> str:
    """The key of one document's findings: the shared inputs, its sources, and the sources
    of each document it refers to (or, for one that does not exist, the list of those that
    do, which its problem message names)."""
    parts = [inputs, digests[name]]
    for cited in cites:
        parts.append(f"{cited}={digests.get(cited) or 'missing:' + ','.join(sorted(digests))}")
    return digest(*parts)


@dataclass
class CheckRecord:
    key: str = ""
    symbol: str | None = None
    cites: list[str] = field(default_factory=list)  # folders referred to by [](folder#label)
    findings: list[dict[str, Any]] = field(default_factory=list)
    suppressed: list[dict[str, Any]] = field(default_factory=list)
    accepted: list[dict[str, Any]] = field(default_factory=list)
    diagnostics: list[dict[str, Any]] = field(default_factory=list)
    # the side-by-side pages, under the out folder, each with a digest of the bytes written:
    # ``check -E`` writes a page of an unchanged document again from there, not rendered
    reports: dict[str, str] = field(default_factory=dict)


@dataclass
class CheckState:
    documents: dict[str, CheckRecord] = field(default_factory=dict)

    @classmethod
    def load(cls, out: Path, name: str = STATE_FILE) -> CheckState:
        try:
            raw = json.loads((out / name).read_text(encoding="utf-8"))
            if raw.get("version") != STATE_VERSION:
                return cls()
            return cls({k: CheckRecord(**v) for k, v in raw["documents"].items()})
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def save(self, out: Path, name: str = STATE_FILE) -> None:
        """Write the state, unless the file holds it already (a check that found nothing
        changed leaves the folder as it was)."""
        raw = {"version": STATE_VERSION,
               "documents": {k: vars(v) for k, v in sorted(self.documents.items())}}
        text = json.dumps(raw, ensure_ascii=False, separators=(",", ":"))
        try:
            if (out / name).read_text(encoding="utf-8") == text:
                return
        except (OSError, UnicodeDecodeError):
            pass
        write_atomic(out / name, text)


# Places are kept relative to the content folder, so that the state does not depend on
# how the content folder was named on the command line.

def finding_to_json(finding: Finding, root: Path) -> dict[str, Any]:
    return {"code": finding.code, "severity": finding.severity, "message": finding.message,
            "anchor": finding.anchor,
            "places": [[lang, stored_path(loc.path, root), loc.line]
                       for lang, loc in finding.places],
            "values": [[lang, list(values)] for lang, values in finding.values]}


def finding_from_json(raw: dict[str, Any], root: Path) -> Finding:
    places = tuple((lang, Location(root / path, line)) for lang, path, line in raw["places"])
    values = tuple((lang, tuple(found)) for lang, found in raw["values"])
    return Finding(raw["code"], raw["severity"], raw["message"], places, raw["anchor"], values)


def replay(name: str, record: CheckRecord, root: Path) -> DocumentReport:
    return DocumentReport(name, [finding_from_json(f, root) for f in record.findings],
                          [finding_from_json(f, root) for f in record.suppressed],
                          [finding_from_json(f, root) for f in record.accepted])
