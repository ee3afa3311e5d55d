"""Units of text: every run of text of a language version (a paragraph, a sub-paragraph, a
title, a table cell's paragraph, a list item, a footnote), each with a key made of the
anchors of the blocks it stands in, and what the rules ask of it.

The resolver gives both languages the same anchors where their structure agrees, so units
with the same key correspond (:mod:`~unccd_publish.check.pairing`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from unccd_publish import model as m
from unccd_publish.check.facts import Facts, facts
from unccd_publish.diagnostics import Location
from unccd_publish.recognise import Found, find_symbols

Known = dict[tuple[str, str], Facts]  # what texts say as values, by language and text
NONE: tuple[()] = ()  # the targets and calls of most units: one shared empty tuple
# what a sheet keeps of a unit: its key, text, line, scope, the codes it switches off, its
# references' targets and the numbers of the footnotes it calls
Row = tuple[str, str, int, str, frozenset[str], Sequence[str], Sequence[int]]


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
    def kept(cls, row: Row, path: Path, lang: str, known: Known | None) -> Unit:
        """The unit of a kept sheet's row (:meth:`row`): what the rules read, without the
        block and the run it was made from."""
        unit = cls.__new__(cls)
        unit.key, unit.text, line, unit.scope, unit.suppress, unit.targets, unit.calls = row
        unit._at = (path, line)
        unit.block, unit.inlines = None, NONE
        unit.lang, unit.known = lang, known
        unit._facts = unit._symbols = None
        return unit

    def row(self) -> Row:
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
