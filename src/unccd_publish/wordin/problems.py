"""What an import reports: ``FILE.docx: paragraph N (style X): warning: … [docx.code]``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from unccd_publish.diagnostics import Severity


@dataclass(frozen=True)
class Problem:
    path: Path
    where: str  # "paragraph 12 (style _ Single Txt_G)", "page 1", or ""
    severity: Severity
    message: str
    code: str

    def format(self) -> str:
        place = f"{self.where}: " if self.where else ""
        return f"{self.path}: {place}{self.severity}: {self.message} [{self.code}]"


@dataclass
class Problems:
    """The problems of one Word file, in the order they were found."""

    path: Path
    items: list[Problem] = field(default_factory=list)

    def error(self, message: str, code: str, where: str = "") -> None:
        self.items.append(Problem(self.path, where, "error", message, code))

    def warning(self, message: str, code: str, where: str = "") -> None:
        self.items.append(Problem(self.path, where, "warning", message, code))

    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.items)


# how to mend a file Word wrote that cannot be read: have Word write it again
RESAVE = "; open it in Word and save it again as Word Document (.docx)"


class Refused(Exception):
    """The file cannot be imported at all; nothing is written."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def paragraph_place(index: int, style: str) -> str:
    return f"paragraph {index} (style {style})"
