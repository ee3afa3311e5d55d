"""Where a text stands, in the words and numbers printed on the page: "Draft decision 2,
paragraph 3 (b)", "决定草案 2，第 3(b) 段", "Table 1, row 2, column 1", "Footnote 4".

Translators find a text by what the page prints, not by the anchors the pipeline gives
blocks; the translators' exports write these as notes, and the side-by-side report labels
its rows with them. The words come from each language's catalogue (``places``). Every
block's place is worked out in one walk of the document, from the top down: a block the
page gives no number of its own stands where its nearest numbered ancestor stands.
"""

from __future__ import annotations

from typing import NamedTuple

from unccd_publish import model as m
from unccd_publish.catalogue import Catalogue, catalogue

Places = dict[int, str]  # a block's id → where it stands


class _Around(NamedTuple):
    """What a block stands in, as far as its place is concerned (a named tuple: one is
    made for every numbered block of a document, and a tuple is the cheapest to make)."""

    words: str  # where its nearest numbered ancestor stands
    listed: bool = False  # a list item lies between that ancestor and the block
    decision: m.Decision | None = None
    paragraph: m.NumberedParagraph | None = None
    markers: tuple[str, ...] = ()  # the sub-paragraph markers above it: "(a)", "(ii)"
    chapter: m.Section | None = None
    annex: str = ""  # where the annex it stands in stands


# blocks that never have a place of their own: they stand where what holds them stands
_PLACELESS = frozenset({m.ListItem, m.BulletList, m.OrderedList, m.Row, m.Cell})


def places_of(doc: m.Document, lang: str) -> Places:
    """Where every block of ``doc`` (summary, body, footnotes) stands, in ``lang``'s words."""
    cat = catalogue(lang)
    found: Places = {}
    top = _Around(str(cat["places.text"]))
    if doc.summary is not None:
        found[id(doc.summary)] = _say(cat, "summary", n=1)
        for n, block in enumerate(doc.summary.blocks, 1):
            words = _say(cat, "summary", n=n)
            found[id(block)] = words
            _walk(block.children(), _Around(words), cat, found)
    _walk(list(doc.body), top, cat, found)
    for note in doc.footnotes:
        words = _say(cat, "footnote", number=note.number)
        found[id(note)] = words
        _walk(note.blocks, _Around(words), cat, found)
    return found


def _walk(blocks: list[m.Block], around: _Around, cat: Catalogue, found: Places) -> None:
    preamble = 0
    for block in blocks:
        cls = type(block)
        if cls is m.Paragraph:  # most blocks: where what holds them stands, or a preamble's
            words = None
            if block.role == "preamble":
                preamble += 1
                if around.decision is not None and around.paragraph is None:
                    words = _say(cat, "preamble", decision=around.decision.number, n=preamble)
            found[id(block)] = words if words is not None else _held(around, cat)
            continue  # a paragraph holds no block
        words, inner = (None, around) if cls in _PLACELESS else _own(block, around, cat)
        if words is None:
            words = _held(around, cat)
            if cls is m.ListItem and not inner.listed:
                inner = inner._replace(listed=True)
        found[id(block)] = words
        if cls is m.Table:
            for r, row in enumerate(block.rows, 1):
                found[id(row)] = words
                for c, cell in enumerate(row.cells, 1):
                    cell_words = _say(cat, "cell", number=block.number, row=r, column=c)
                    found[id(cell)] = cell_words
                    _walk(cell.blocks, inner._replace(words=cell_words, listed=False), cat,
                          found)
        else:
            children = block.children()
            if children:
                _walk(children, inner, cat, found)


def _held(around: _Around, cat: Catalogue) -> str:
    """Where a block the page gives no place of its own stands: where what holds it stands,
    as an item of it when a list lies between."""
    return _say(cat, "item", place=around.words) if around.listed else around.words


def _own(block: m.Block, around: _Around, cat: Catalogue) -> tuple[str | None, _Around]:
    """The words of ``block``'s own place (not a paragraph's), if the page numbers or names
    it, and what its children stand in."""
    decision = around.decision
    in_decision = {"decision": decision.number} if decision is not None else {}
    key = "_in_decision" if decision is not None else ""
    if isinstance(block, m.NumberedParagraph):
        words = _say(cat, f"paragraph{key}", number=block.number, **in_decision)
        return words, _Around(words, False, decision, block, (), around.chapter, around.annex)
    if isinstance(block, m.SubParagraph) and around.paragraph is not None:
        markers = (*around.markers, block.marker)
        words = _say(cat, f"subparagraph{key}", number=around.paragraph.number,
                     sub=" ".join(markers), **in_decision)
        return words, around._replace(words=words, listed=False, markers=markers)
    if isinstance(block, m.Decision):
        words = _say(cat, "decision", decision=block.number)
        return words, around._replace(words=words, listed=False, decision=block, chapter=None)
    if isinstance(block, m.Annex):
        words = (_say(cat, "annex_numbered", number=cat.number("annex", block.number))
                 if block.number else str(cat["places.annex"]))
        return words, around._replace(words=words, listed=False, annex=words, chapter=None)
    if isinstance(block, m.Section):
        number = block.number.rstrip(".")
        if block.level == "chapter":
            words = _say(cat, "chapter", number=number)
            return words, around._replace(words=words, listed=False, chapter=block)
        if around.annex:
            words = _say(cat, "annex_section", number=number, annex=around.annex)
        elif around.chapter is not None:
            words = _say(cat, "section_in_chapter", number=number,
                         chapter=around.chapter.number.rstrip("."))
        else:
            words = _say(cat, "section", number=number)
        return words, around._replace(words=words, listed=False)
    if isinstance(block, m.Table):
        words = _say(cat, "table", number=block.number)
        return words, around._replace(words=words, listed=False)
    return None, around


def _say(cat: Catalogue, key: str, **fields: object) -> str:
    """The words of ``places.<key>`` with ``fields``: plain fields, formatted by str.format
    (the catalogue's own formatter, for number styles, is many times slower, and a report
    says a place for every row)."""
    pattern = _PATTERNS.get((cat.lang, key))
    if pattern is None:
        pattern = _PATTERNS[(cat.lang, key)] = str(cat[f"places.{key}"])
    return pattern.format(**fields)


_PATTERNS: dict[tuple[str, str], str] = {}  # each catalogue's place words, looked up once
