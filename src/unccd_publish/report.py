"""What one build did: the outputs it wrote and those it left, what it read, its problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from unccd_publish.diagnostics import Diagnostics


@dataclass(repr=False, eq=False)
class BuildReport:
    diagnostics: Diagnostics
    written: list[str] = field(default_factory=list)  # the files written, as paths
    read: list[str] = field(default_factory=list)  # folders whose sources were read
    up_to_date: list[str] = field(default_factory=list)  # outputs not made again
    timings: list[tuple[str, float]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
