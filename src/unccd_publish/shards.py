"""Sharing a build or a check out among machines: ``--shard K/N``.

Every shard computes the same split from the content folder alone, so N jobs of a CI matrix
need no coordination: the documents, costed by the size of their sources, are dealt out
largest first, each to the shard with the least work so far (ties to the lower shard, then
by folder name). A shard remembers what it built in a state file of its own; the final step
(``build index``) merges the shards' state files and writes the index page, after which the
output is what one run would have written, byte for byte.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

SHARD = re.compile(r"(?P<k>[1-9]\d*)/(?P<n>[1-9]\d*)")
STATE_NAME = re.compile(r"\.(?P<stem>[\w-]+)-shard-(?P<k>\d+)-of-(?P<n>\d+)\.json")


@dataclass(frozen=True, order=True)
class Shard:
    """Shard ``index`` (from 1) of ``count``."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``K/N``; ValueError with the reason otherwise."""
        found = SHARD.fullmatch(text.strip())
        if found is None:
            raise ValueError(f"--shard takes K/N, such as 2/4, not {text!r}")
        index, count = int(found["k"]), int(found["n"])
        if index > count:
            raise ValueError(f"--shard {text}: there is no shard {index} of {count}")
        return cls(index, count)

    def state_name(self, stem: str) -> str:
        """The shard's own state file: ``.build-state-shard-2-of-4.json`` for stem
        ``build-state``."""
        return f".{stem}-shard-{self.index}-of-{self.count}.json"

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def shard_states(folder: Path, stem: str) -> dict[Shard, Path]:
    """The state files of shards in ``folder`` (see :meth:`Shard.state_name`)."""
    found = {}
    for path in sorted(folder.glob(f".{stem}-shard-*-of-*.json")):
        match = STATE_NAME.fullmatch(path.name)
        if match and match["stem"] == stem:
            found[Shard(int(match["k"]), int(match["n"]))] = path
    return found


def cost(folder: Path) -> int:
    """What a document costs to build or check, roughly: the bytes of its sources."""
    total = 0
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith((".md", ".yaml")):
                    total += entry.stat().st_size
    except OSError:
        pass
    return total


def split(folders: dict[str, Path], count: int) -> list[set[str]]:
    """The documents of each of ``count`` shards, balanced by cost; the same on any machine
    for the same sources."""
    costs = {name: cost(folder) for name, folder in folders.items()}
    loads = [0] * count
    shares: list[set[str]] = [set() for _ in range(count)]
    for name in sorted(costs, key=lambda n: (-costs[n], n)):
        lightest = min(range(count), key=lambda k: (loads[k], k))
        shares[lightest].add(name)
        loads[lightest] += costs[name]
    return shares


def share(folders: dict[str, Path], shard: Shard) -> set[str]:
    """The documents of ``shard``."""
    return split(folders, shard.count)[shard.index - 1]
