"""Pairing the two language versions of a document by structure.

Both versions are cut into *units* — every run of text (a paragraph, a sub-paragraph, a
title, a table cell's paragraph, a list item, a footnote) — each with a key made of the
anchors of the blocks it stands in. The resolver gives both languages the same anchors
where their structure agrees, so units with the same key correspond. Where a count
differs, :func:`first_divergence` tells where the two versions stop corresponding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from unccd_publish import model as m
from unccd_publish.check.findings import Finding, Severity
from unccd_publish.check.recognisers import free_numbers
from unccd_publish.diagnostics import Location
from unccd_publish.recognise import find_symbols


@dataclass
class Unit:
    key: str
    block: m.Node
    inlines: list[m.Inline]
    scope: str  # the anchor of the numbered paragraph, decision or section it belongs to
    suppress: frozenset[str] = frozenset()

    @property
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
    marks = {f.symbol for f in find_symbols(text)} | set(free_numbers(text, lang))
    marks |= {url.rstrip(".") for url in re.findall(r"https?://[^\s。，；）)]+", text)}
    weight = len(re.findall(r"[\u4e00-\u9fff]", text)) * 3 or len(text)
    return frozenset(marks), weight


def _alike(a: tuple[frozenset[str], int], b: tuple[frozenset[str], int]) -> float:
    marks = len(a[0] & b[0]) / len(a[0] | b[0]) if a[0] | b[0] else 0.5
    length = min(a[1], b[1]) / max(a[1], b[1], 1)
    return 0.5 * marks + 0.5 * length


def first_divergence(original: list[str], translation: list[str], lang_o: str,
                     lang_t: str) -> tuple[int, str]:
    """Where two sequences of paragraphs stop corresponding, and how: the index in both, and
    'missing' (the translation lacks a paragraph), 'extra', 'merged' or 'split'."""
    so = [signature(t, lang_o) for t in original]
    st = [signature(t, lang_t) for t in translation]
    for i in range(min(len(so), len(st))):
        here = _alike(so[i], st[i])
        ahead_o = _alike(so[i + 1], st[i]) if i + 1 < len(so) else 0.0
        ahead_t = _alike(so[i], st[i + 1]) if i + 1 < len(st) else 0.0
        if here >= 0.6 or here >= max(ahead_o, ahead_t):
            continue
        merged = (st[i][1] and i + 1 < len(so)
                  and abs(so[i][1] + so[i + 1][1] - st[i][1]) < 0.3 * st[i][1])
        split = (so[i][1] and i + 1 < len(st)
                 and abs(st[i][1] + st[i + 1][1] - so[i][1]) < 0.3 * so[i][1])
        if len(st) < len(so):
            return i, "merged" if merged and not ahead_o >= 0.75 else "missing"
        if len(st) > len(so):
            return i, "split" if split and not ahead_t >= 0.75 else "extra"
        return i, "different"
    return min(len(so), len(st)), "missing" if len(st) < len(so) else "extra"
