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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from unccd_publish import model as m
from unccd_publish.check.facts import Facts, Sure, facts, show_value
from unccd_publish.check.findings import Finding, Severity
from unccd_publish.diagnostics import Location
from unccd_publish.recognise import Found, find_symbols

if TYPE_CHECKING:
    from unccd_publish.check.sheet import Sheet

Known = dict[tuple[str, str], Facts]  # what texts say as values, by language and text
NONE: tuple[()] = ()  # the targets and calls of most units: one shared empty tuple


def read_kept(known: Known | None, text: str, lang: str) -> Facts:
    """What ``text`` says as values: from ``known`` when it was read before, else read and
    kept there."""
    if known is None:
        return facts(text, lang)
    found = known.get((lang, text))
    if found is None:
        found = known[(lang, text)] = facts(text, lang)
    return found


class Unit:
    """One run of text, and what the rules ask of it, each worked out once: what one walk
    of its inlines gives when it is made, its values and symbols when first asked for. (A
    class of slots with an initialiser of its own, not a dataclass with a __post_init__: a
    check makes one for every text of every document, and this makes them quicker.)"""

    __slots__ = (
        "_at",
        "_facts",
        "_symbols",
        "block",
        "calls",
        "inlines",
        "key",
        "known",
        "lang",
        "scope",
        "suppress",
        "targets",
        "text",
    )

    def __init__(self, key: str, block: m.Node, inlines: Sequence[m.Inline], scope: str,
                 suppress: frozenset[str] = m.NO_CODES, lang: str = "",
                 known: Known | None = None) -> None:
        self.key = key
        self.block: m.Node | None = block  # None for a unit made from a kept sheet's row
        self.inlines = inlines
        self.scope = scope  # the anchor of the numbered paragraph, decision or section
        self.suppress = suppress
        self.lang = lang
        # what has been read in texts, by language and text: shared by the units of a
        # document and kept in the read cache between runs (see Pair.read)
        self.known = known
        self._facts: Facts | None = None
        self._symbols: tuple[Found, ...] | None = None
        alone = m.lone_text(inlines)  # type: ignore[arg-type]
        if alone is not None:  # most runs: text alone
            self.text: str = alone
            self.targets: Sequence[str] = NONE  # where its labelled cross-references point
            self.calls: Sequence[int] = NONE  # the numbers of the footnotes it calls
            return
        self.text = m.plain_text(inlines)
        targets, calls = [], []
        for inline in m.walk_inlines(inlines):
            if isinstance(inline, m.CrossRef) and inline.target is not None:
                targets.append(inline.target.anchor)
            elif isinstance(inline, m.FootnoteCall) and inline.number:
                calls.append(inline.number)
        self.targets, self.calls = targets or NONE, calls or NONE

    @classmethod
    def kept(cls, row: tuple[str, str, int, str, frozenset[str], Sequence[str], Sequence[int]],
             path: Path, lang: str, known: Known | None) -> Unit:
        """The unit of a kept sheet's row (:meth:`row`): what the rules read, without the
        block and the run it was made from."""
        unit = cls.__new__(cls)
        unit.key, unit.text, line, unit.scope, unit.suppress, unit.targets, unit.calls = row
        unit._at = (path, line)
        unit.block, unit.inlines = None, NONE
        unit.lang, unit.known = lang, known
        unit._facts = unit._symbols = None
        return unit

    def row(self) -> tuple[str, str, int, str, frozenset[str], Sequence[str], Sequence[int]]:
        """What a sheet keeps of the unit."""
        return (self.key, self.text, self.location.line, self.scope, self.suppress,
                self.targets, self.calls)

    def __repr__(self) -> str:
        return f"Unit({self.key!r}, {self.lang!r}, {self.text[:40]!r})"

    @property
    def facts(self) -> Facts:
        """What the text says as values: numbers, dates, sessions, references, acts."""
        if self._facts is None:
            self._facts = read_kept(self.known, self.text, self.lang)
        return self._facts

    @property
    def symbols(self) -> tuple[Found, ...]:
        if self._symbols is None:
            self._symbols = find_symbols(self.text)
        return self._symbols

    @property
    def location(self) -> Location:
        return self.block.location if self.block is not None else Location(*self._at)


def units(doc: m.Document, known: Known | None = None) -> list[Unit]:
    """Every run of text of ``doc``, in reading order, keyed by structure; what is read in
    their texts goes to ``known``."""
    out: list[Unit] = []
    roots: list[m.Block] = [doc.summary] if doc.summary else []
    _visit([*roots, *doc.body], "", frozenset(), doc.lang, known, out)
    for note in doc.footnotes:
        _visit(note.blocks, note.anchor, note.suppress, doc.lang, known, out)
    return out




def _visit(blocks: list[m.Block], scope: str, suppress: frozenset[str], lang: str,
           known: Known | None, out: list[Unit]) -> None:
    # a function of the module, not a closure: a recursive closure is a reference cycle,
    # and would keep the units and the model alive until the cycle collector runs
    counters: dict[str, int] = {}
    own_run = m.OWN_RUN
    paragraph = m.Paragraph
    for block in blocks:
        here = suppress | block.suppress if block.suppress else suppress
        kind = block.kind
        counters[kind] = count = counters.get(kind, 0) + 1
        own = block.anchor or f"{scope}#{kind}{count}"
        cls = type(block)
        if cls is paragraph:  # most blocks: a paragraph, whose text is a unit, holds no block
            out.append(Unit(own, block, block.inlines, scope, here, lang, known))
            continue
        run = own_run.get(cls)
        if run is not None:  # a block's own title or caption is a unit of its own
            out.append(Unit(own if run == "inlines" else f"{own}#title", block,
                            getattr(block, run), scope, here, lang, known))
        children = block.children()
        if children:
            _visit(children, own, here, lang, known, out)


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
        # numbered paragraphs of the translation per stretch ("para" is the body's)
        self.paragraph_counts = self.translation.paragraph_counts

    def read(self, text: str, lang: str) -> Facts:
        """What ``text`` says as values, read once and kept with ``known``."""
        return read_kept(self.known, text, lang)

    @property
    def docs(self) -> tuple[Sheet, Sheet]:
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
