"""Problems found in the sources, reported as ``path:line: severity: message [code]``."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; lines count from 1."""

    path: Path
    line: int = 1

    def at(self, line: int) -> Location:
        return Location(self.path, line)

    def __reduce__(self) -> tuple[type[Location], tuple[Path, int]]:
        # pickled as a call with its two fields: a read document holds thousands, and
        # this is smaller and quicker both ways than the dataclass's state dictionary
        return Location, (self.path, self.line)


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    severity: Severity
    message: str
    code: str

    def format(self, root: Path | None = None) -> str:
        path = self.location.path
        if root is not None:
            with contextlib.suppress(ValueError):
                path = path.resolve().relative_to(root.resolve())
        return f"{path}:{self.location.line}: {self.severity}: {self.message} [{self.code}]"


@dataclass
class Diagnostics:
    """Collects every problem of a run, so that all are reported together."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, message: str, code: str) -> None:
        self.items.append(Diagnostic(location, "error", message, code))

    def warning(self, location: Location, message: str, code: str) -> None:
        self.items.append(Diagnostic(location, "warning", message, code))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (str(d.location.path), d.location.line, d.code))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)

    def counts(self) -> Counter[str]:
        return Counter(d.code for d in self.items)

    def by_folder(self, folders: dict[str, Path]) -> dict[str, list[Diagnostic]]:
        """The problems in each of ``folders`` (by name), grouped in one pass: a run over a
        large corpus may have thousands."""
        names = {folder.resolve(): name for name, folder in folders.items()}
        grouped: dict[str, list[Diagnostic]] = {}
        for diagnostic in self.items:
            name = names.get(diagnostic.location.path.resolve().parent)
            if name is not None:
                grouped.setdefault(name, []).append(diagnostic)
        return grouped
