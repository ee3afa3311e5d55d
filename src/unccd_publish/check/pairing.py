"""Pairing the two language versions of a document by structure.

Both versions are cut into units of text (:mod:`~unccd_publish.check.units`), each with a
key made of the anchors of the blocks it stands in, and compared as their sheets
(:mod:`~unccd_publish.check.sheet`). The resolver gives both languages the same anchors where
their structure agrees, so units with the same key correspond. Where a count differs,
:func:`first_divergence` tells where the two versions stop corresponding.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from unccd_publish.check.facts import Facts, Sure, facts, show_value
from unccd_publish.check.findings import Finding, Severity
from unccd_publish.check.sheet import Sheet
from unccd_publish.check.units import Known, Unit, read_kept
from unccd_publish.diagnostics import Location
from unccd_publish.recognise import find_symbols


@dataclass
class Pair:
    """The two language versions of one document, as their sheets, and what the rules need
    of them."""

    original: Sheet
    translation: Sheet
    glossary: list[dict[str, list[str]]] = field(default_factory=list)
    # what has been read in these texts, by language and text: what an earlier run read (the
    # read cache's), and what this one reads
    known: Known = field(default_factory=dict, repr=False)
    diverged: set[str] = field(default_factory=set)  # scopes whose structure differs
    # lists of corresponding units the rules share (see _listed), each with how many scopes
    # had diverged when it was made
    _lists: dict[str, tuple[int, list[Any]]] = field(default_factory=dict, init=False,
                                                     repr=False)

    def __post_init__(self) -> None:
        self.units = {s.lang: s.units(self.known) for s in (self.original, self.translation)}
        self.by_key = {lang: {u.key: u for u in us} for lang, us in self.units.items()}

    def read(self, text: str, lang: str) -> Facts:
        """What ``text`` says as values, read once and kept with ``known``."""
        return read_kept(self.known, text, lang)

    @property
    def sheets(self) -> tuple[Sheet, Sheet]:
        return self.original, self.translation

    def finding(self, code: str, severity: Severity, message: str,
                translation: Location | None, original: Location | None,
                anchor: str = "", here: Iterable[str] = (), there: Iterable[str] = (),
                ) -> Finding:
        """A finding of ``code``; ``here`` and ``there`` are the values that differ, as the
        translation and the original write them."""
        places = tuple((sheet.lang, where) for sheet, where in (
            (self.translation, translation), (self.original, original)) if where is not None)
        values = tuple((sheet.lang, found) for sheet, found in (
            (self.translation, tuple(here)), (self.original, tuple(there))) if found)
        return Finding(code, severity, message, places, anchor, values)

    def corresponding(self) -> list[tuple[Unit, Unit]]:
        """Units present in both versions, outside the scopes whose structure differs.

        Worked out once for every rule that compares text (the structure rules, which run
        first, are the ones that find where the structure differs)."""
        return self._listed("corresponding", self._corresponding)

    def stating(self) -> list[tuple[Unit, Unit, Facts, Facts]]:
        """The corresponding units of which either states a value, with what each states:
        the rules that compare values leave the others alone (in a UN document, about one
        in three)."""
        return self._listed("stating", lambda: [
            (unit_o, unit_t, fo, ft) for unit_o, unit_t in self.corresponding()
            if (fo := unit_o.facts).states() | (ft := unit_t.facts).states()])

    def citing(self) -> list[tuple[Unit, Unit]]:
        """The corresponding units of which either cites a symbol."""
        return self._listed("citing", lambda: [
            (unit_o, unit_t) for unit_o, unit_t in self.corresponding()
            if unit_o.symbols or unit_t.symbols])

    def _corresponding(self) -> list[tuple[Unit, Unit]]:
        other = self.by_key[self.translation.lang]
        return [(unit, partner) for unit in self.units[self.original.lang]
                if (partner := other.get(unit.key)) is not None
                and not self.in_diverged(unit.key)]

    def _listed(self, name: str, make: Callable[[], list[Any]]) -> list[Any]:
        """The list ``name``, made again when more scopes have diverged since."""
        held = self._lists.get(name)
        if held is None or held[0] != len(self.diverged):
            held = self._lists[name] = (len(self.diverged), make())
        return held[1]

    def in_diverged(self, key: str) -> bool:
        return any(key == d or key.startswith(d + "-") or key.startswith(d + "#")
                   for d in self.diverged)


Reader = Callable[[str, str], Facts]


def signature(text: str, lang: str, read: Reader = facts) -> tuple[frozenset[str], int]:
    """What two translations of a paragraph share: symbols and numbers, and a length."""
    marks = {f.symbol for f in find_symbols(text)} | {
        show_value(q.value) for q in read(text, lang).quantities if q.sure > Sure.MAYBE}
    marks |= {url.rstrip(".") for url in re.findall(r"https?://[^\s。，；）)]+", text)}
    # a Chinese character carries about as much as 4.4 characters of English (measured on
    # the content: the two versions of a paragraph then weigh within ±20 %)
    cjk = len(re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", text))
    weight = round(cjk * 4.4) + len(re.sub(r"[\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", "",
                                            text))
    return frozenset(marks), weight


def _alike(a: tuple[frozenset[str], int], b: tuple[frozenset[str], int]) -> float:
    length = min(a[1], b[1]) / max(a[1], b[1], 1)
    if not a[0] | b[0]:
        return length
    marks = len(a[0] & b[0]) / len(a[0] | b[0])
    return 0.4 * marks + 0.6 * length


def first_divergence(original: list[str], translation: list[str], lang_o: str,
                     lang_t: str, read: Reader = facts) -> tuple[int, int, str]:
    """Where two sequences of paragraphs stop corresponding: the index in each, and how the
    translation differs there: 'missing', 'extra', 'merged' or 'split'.

    The sequences are aligned as sentence aligners do (Gale and Church), by dynamic
    programming over one-to-one, one-to-none, none-to-one, two-to-one and one-to-two
    matches, each scored by shared numbers and symbols and by comparable length; the first
    match that is not one-to-one is where they diverge.
    """
    so = [signature(t, lang_o, read) for t in original]
    st = [signature(t, lang_t, read) for t in translation]
    # two neighbours read as one, for the two-to-one and one-to-two matches: computed once,
    # not in every cell of the table
    so2 = [signature(a + " " + b, lang_o, read) for a, b in itertools.pairwise(original)]
    st2 = [signature(a + " " + b, lang_t, read) for a, b in itertools.pairwise(translation)]
    n, k = len(so), len(st)
    inf = float("inf")
    cost = [[inf] * (k + 1) for _ in range(n + 1)]
    step: dict[tuple[int, int], tuple[int, int, str]] = {}
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(k + 1):
            here = cost[i][j]
            if here == inf:
                continue
            moves = []
            if i < n and j < k:
                moves.append((1, 1, "same", 1 - _alike(so[i], st[j])))
            if i < n:
                moves.append((1, 0, "missing", 0.9))
            if j < k:
                moves.append((0, 1, "extra", 0.9))
            if i + 1 < n and j < k:
                moves.append((2, 1, "merged", 1.8 - _alike(so2[i], st[j])))
            if i < n and j + 1 < k:
                moves.append((1, 2, "split", 1.8 - _alike(so[i], st2[j])))
            for di, dj, how, price in moves:
                if here + price < cost[i + di][j + dj]:
                    cost[i + di][j + dj] = here + price
                    step[(i + di, j + dj)] = (i, j, how)
    path = []
    at = (n, k)
    while at != (0, 0):
        i, j, how = step[at]
        path.append((i, j, how))
        at = (i, j)
    for i, j, how in reversed(path):
        if how != "same":
            return i, j, how
    return min(n, k), min(n, k), "missing" if k < n else "extra"
