"""Pairing the two language versions of a document by structure.

Both versions are cut into *units* — every run of text (a paragraph, a sub-paragraph, a
title, a table cell's paragraph, a list item, a footnote) — each with a key made of the
anchors of the blocks it stands in. The resolver gives both languages the same anchors
where their structure agrees, so units with the same key correspond. Where a count
differs, :func:`first_divergence` tells where the two versions stop corresponding.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from unccd_publish import model as m
from unccd_publish.check.facts import Sure, facts, show_value
from unccd_publish.check.findings import Finding, Severity
from unccd_publish.diagnostics import Location
from unccd_publish.recognise import find_symbols


@dataclass
class Unit:
    key: str
    block: m.Node
    inlines: list[m.Inline]
    scope: str  # the anchor of the numbered paragraph, decision or section it belongs to
    suppress: frozenset[str] = frozenset()

    @cached_property
    def text(self) -> str:
        return m.plain_text(self.inlines)

    @property
    def location(self) -> Location:
        return self.block.location


def units(doc: m.Document) -> list[Unit]:
    """Every run of text of ``doc``, in reading order, keyed by structure."""
    out: list[Unit] = []

    def visit(blocks: list[m.Block], scope: str, suppress: frozenset[str]) -> None:
        counters: dict[str, int] = {}
        for block in blocks:
            here = suppress | block.suppress
            counters[block.kind] = counters.get(block.kind, 0) + 1
            own = block.anchor or f"{scope}#{block.kind}{counters[block.kind]}"
            titled = isinstance(block, (m.Section, m.Decision, m.Annex, m.Table))
            for run in m.inlines_of(block):
                out.append(Unit(f"{own}#title" if titled else own, block, run, scope, here))
            visit(block.children(), own, here)

    roots: list[m.Block] = [doc.summary] if doc.summary else []
    visit([*roots, *doc.body], "", frozenset())
    for note in doc.footnotes:
        visit(note.blocks, note.anchor, note.suppress)
    return out


@dataclass
class Pair:
    """The two language versions of one document, and what the rules need of them."""

    original: m.Document
    translation: m.Document
    glossary: list[dict[str, list[str]]] = field(default_factory=list)
    diverged: set[str] = field(default_factory=set)  # scopes whose structure differs

    def __post_init__(self) -> None:
        self.units = {d.lang: units(d) for d in (self.original, self.translation)}
        self.by_key = {lang: {u.key: u for u in us} for lang, us in self.units.items()}
        # numbered paragraphs of the translation per stretch ("para" is the body's)
        self.paragraph_counts: dict[str, int] = {}
        for block in self.translation.walk():
            if isinstance(block, m.NumberedParagraph):
                scope = block.anchor.rsplit("-para-", 1)[0] if "-para-" in block.anchor else "para"
                self.paragraph_counts[scope] = self.paragraph_counts.get(scope, 0) + 1

    @property
    def docs(self) -> tuple[m.Document, m.Document]:
        return self.original, self.translation

    def finding(self, code: str, severity: Severity, message: str,
                translation: m.Node | Location | None, original: m.Node | Location | None,
                anchor: str = "") -> Finding:
        places = []
        for doc, where in ((self.translation, translation), (self.original, original)):
            if where is None:
                continue
            location = where if isinstance(where, Location) else where.location
            places.append((doc.lang, location))
        return Finding(code, severity, message, tuple(places), anchor)

    def corresponding(self) -> Iterator[tuple[Unit, Unit]]:
        """Units present in both versions, outside the scopes whose structure differs."""
        other = self.by_key[self.translation.lang]
        for unit in self.units[self.original.lang]:
            partner = other.get(unit.key)
            if partner is not None and not self.in_diverged(unit.key):
                yield unit, partner

    def in_diverged(self, key: str) -> bool:
        return any(key == d or key.startswith(d + "-") or key.startswith(d + "#")
                   for d in self.diverged)


def signature(text: str, lang: str) -> tuple[frozenset[str], int]:
    """What two translations of a paragraph share: symbols and numbers, and a length."""
    marks = {f.symbol for f in find_symbols(text)} | {
        show_value(q.value) for q in facts(text, lang).quantities if q.sure > Sure.MAYBE}
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
                     lang_t: str) -> tuple[int, int, str]:
    """Where two sequences of paragraphs stop corresponding: the index in each, and how the
    translation differs there: 'missing', 'extra', 'merged' or 'split'.

    The sequences are aligned as sentence aligners do (Gale and Church), by dynamic
    programming over one-to-one, one-to-none, none-to-one, two-to-one and one-to-two
    matches, each scored by shared numbers and symbols and by comparable length; the first
    match that is not one-to-one is where they diverge.
    """
    so = [signature(t, lang_o) for t in original]
    st = [signature(t, lang_t) for t in translation]
    # two neighbours read as one, for the two-to-one and one-to-two matches: computed once,
    # not in every cell of the table
    so2 = [signature(a + " " + b, lang_o) for a, b in itertools.pairwise(original)]
    st2 = [signature(a + " " + b, lang_t) for a, b in itertools.pairwise(translation)]
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
