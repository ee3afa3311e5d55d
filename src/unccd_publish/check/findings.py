"""Findings of the checker: a rule code, a message, and the place in each language."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from unccd_publish.diagnostics import Location

Severity = Literal["error", "warning"]


def family_of(code: str) -> str:
    """The family of a rule code, its first part: "number" of "number.value"."""
    return code.split(".", 1)[0]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    places: tuple[tuple[str, Location], ...]  # (language, place), the translation first
    anchor: str = ""  # the unit or block, for the side-by-side report
    # the values that differ as each language writes them, by language: the "35" and the
    # "35%", the symbols, the footnote calls (the report marks them in both texts)
    values: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def family(self) -> str:
        return family_of(self.code)

    def format(self, root: Path | None = None) -> str:
        first = self.places[0][1] if self.places else Location(Path("?"))
        others = ", ".join(f"{relative(loc.path, root)}:{loc.line}"
                           for _, loc in self.places[1:])
        where = f" ({others})" if others else ""
        return (f"{relative(first.path, root)}:{first.line}: {self.severity}: {self.message}"
                f"{where} [{self.code}]")

    def to_json(self, root: Path | None = None) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "message": self.message,
                "anchor": self.anchor, "values": {lang: list(v) for lang, v in self.values},
                "places": [{"lang": lang, "path": str(relative(loc.path, root)), "line": loc.line}
                           for lang, loc in self.places]}


def written(value: object) -> str:
    """A value as its text writes it (a number, a date, a symbol, a reference's number), for
    the report to mark it there."""
    text = getattr(value, "text", None)
    if isinstance(text, str):
        return text
    numbers = getattr(value, "numbers", None)  # a reference written in the prose
    if isinstance(numbers, tuple) and numbers:
        return numbers[0]
    symbol = getattr(value, "symbol", None)  # a resolution or decision cited by number
    if isinstance(symbol, str):
        return symbol.split("(")[0]
    return str(value)


def relative(path: Path, root: Path | None) -> Path:
    if root is None:
        return path
    try:
        return path.resolve().relative_to(root.resolve())
    except ValueError:
        return path


@dataclass
class DocumentReport:
    folder: str
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    accepted: list[Finding] = field(default_factory=list)  # in the document's accepted.yaml
    # the units of each translation and its original, as the rules paired them (by the
    # translation's language), for the side-by-side report: only units made from the model,
    # which carry the blocks and runs a page shows; not kept between runs
    units: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Report:
    documents: list[DocumentReport] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for d in self.documents for f in d.findings]

    @property
    def suppressed(self) -> list[Finding]:
        return [f for d in self.documents for f in d.suppressed]

    @property
    def accepted(self) -> list[Finding]:
        return [f for d in self.documents for f in d.accepted]

    def counts(self) -> Counter[str]:
        return Counter(f.code for f in self.findings)

    def accepted_counts(self) -> Counter[str]:
        return Counter(f.code for f in self.accepted)

    def suppressed_counts(self) -> Counter[str]:
        return Counter(f.code for f in self.suppressed)
