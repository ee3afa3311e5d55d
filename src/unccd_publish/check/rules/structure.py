"""Structure: the same outline, paragraph counts, sub-items, lists and tables."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from unccd_publish.catalogue import catalogue
from unccd_publish.check.findings import Finding
from unccd_publish.check.pairing import Pair, first_divergence
from unccd_publish.check.registry import rule
from unccd_publish.check.sheet import Sheet
from unccd_publish.diagnostics import Location

T = TypeVar("T")
D = TypeVar("D")


@rule("structure.outline", summary="the same chapters, sections, decisions, annexes and "
      "tables, in the same order")
def check_outline(pair: Pair) -> Iterator[Finding]:
    so, st = pair.original.outline, pair.translation.outline
    o, t = [item[:2] for item in so], [item[:2] for item in st]
    if o == t:
        return
    index = next((i for i, (a, b) in enumerate(zip(o, t, strict=False)) if a != b),
                 min(len(o), len(t)))
    where_o = _at(pair.original, _nth([at for _, _, at in so], index, None))
    where_t = _at(pair.translation, _nth([at for _, _, at in st], index, None))
    yield pair.finding("structure.outline", "error",
                       f"the outline differs: {len(t)} headings, decisions, annexes and tables "
                       f"against {len(o)} in the {_name(pair.original)}; the first difference is "
                       f"item {index + 1}", where_t, where_o)
    pair.diverged.update(anchor for _, anchor in o[index:] + t[index:])


def _name(sheet: Sheet) -> str:
    return catalogue("en")["language_name"] if sheet.lang == "en" else sheet.lang


@rule("structure.paragraph-count", summary="the same numbered paragraphs in the body, each "
      "decision and each annex; where not, the first paragraph where they stop corresponding")
def check_paragraphs(pair: Pair) -> Iterator[Finding]:
    so_, st_ = pair.original, pair.translation
    so, st = so_.scopes, st_.scopes
    for scope, (name, line_t, paragraphs_t) in st.items():
        if scope not in so:
            continue
        _, line_o, paragraphs_o = so[scope]
        if len(paragraphs_o) == len(paragraphs_t):
            continue
        index_o, index, how = first_divergence([so_.text(r) for _, _, r in paragraphs_o],
                                               [st_.text(r) for _, _, r in paragraphs_t],
                                               pair.original.lang, pair.translation.lang, pair.read)
        at_o = _nth([at for _, at, _ in paragraphs_o], index_o, line_o)
        at_t = _nth(paragraphs_t, index, None)
        what = {"missing": "a paragraph is missing here", "extra": "a paragraph is added here",
                "merged": "two paragraphs seem merged here",
                "split": "a paragraph seems split here"}.get(how, "they differ here")
        yield pair.finding(
            "structure.paragraph-count", "error",
            f"{name} has {len(paragraphs_t)} numbered paragraphs, the "
            f"{_name(pair.original)} has {len(paragraphs_o)}; they stop corresponding at "
            f"paragraph {index + 1}: {what}",
            pair.translation.at(at_t[1]) if at_t else _at(pair.translation, line_t),
            _at(pair.original, at_o),
            anchor=at_t[0] if at_t else "" if line_t is None else scope)
        pair.diverged.add(scope)


def _at(sheet: Sheet, line: int | None) -> Location | None:
    return sheet.at(line) if line is not None else None


def _nth(items: Sequence[T], index: int, default: D) -> T | D:
    """Where two sequences stop corresponding, in one of them: the item at ``index``, the
    last one when there are fewer, ``default`` when there is none."""
    return items[min(index, len(items) - 1)] if items else default


@rule("structure.preamble-count", summary="the same number of preambular paragraphs in each "
      "decision")
def check_preambles(pair: Pair) -> Iterator[Finding]:
    do = {anchor: (line, preamble) for anchor, _, line, preamble in pair.original.decisions}
    for anchor, number, line, preamble in pair.translation.decisions:
        if anchor not in do or len(do[anchor][1]) == len(preamble):
            continue
        line_o, other = do[anchor]
        index_o, index, how = first_divergence(
            [pair.original.rows[row][1] for _, row in other],
            [pair.translation.rows[row][1] for _, row in preamble],
            pair.original.lang, pair.translation.lang, pair.read)
        at_t = _nth([at for at, _ in preamble], index, line)
        at_o = _nth([at for at, _ in other], index_o, line_o)
        yield pair.finding("structure.preamble-count", "error",
                           f"decision {number} has {len(preamble)} preambular "
                           f"paragraphs, the {_name(pair.original)} has {len(other)}; "
                           f"they stop corresponding at preambular paragraph {index + 1} ({how})",
                           pair.translation.at(at_t), pair.original.at(at_o), anchor=anchor)
        pair.diverged.add(f"{anchor}#paragraph")


@rule("structure.subparagraphs", summary="the same sub-items (a), (b) … (i), (ii) … in each "
      "paragraph, preamble and table cell")
def check_subparagraphs(pair: Pair) -> Iterator[Finding]:
    by_anchor_o = {holder[0]: holder for holder in pair.original.holders}
    cells_o = {holder[1]: holder for holder in pair.original.holders if holder[2]}
    for anchor, order, cell, line, what, mt, subs in pair.translation.holders:
        other = cells_o.get(order) if cell else by_anchor_o.get(anchor)
        if other is None or pair.in_diverged(other[0]):
            continue
        mo, line_o, subs_o = other[5], other[3], other[6]
        if mo == mt:
            continue
        index = next((i for i, (a, b) in enumerate(zip(mo, mt, strict=False)) if a != b),
                     min(len(mo), len(mt)))
        at_t = _nth(subs, index, line)
        at_o = _nth(subs_o, index, line_o)
        yield pair.finding("structure.subparagraphs", "error",
                           f"{what} has sub-items {' '.join(mt) or '(none)'}, the "
                           f"{_name(pair.original)} has {' '.join(mo) or '(none)'}",
                           pair.translation.at(at_t), pair.original.at(at_o), anchor=anchor)
        if anchor:
            pair.diverged.add(anchor)


@rule("structure.table-shape", summary="tables of the same shape: rows and cells")
def check_tables(pair: Pair) -> Iterator[Finding]:
    tables_o = {anchor: (line, rows) for anchor, _, line, rows in pair.original.tables}
    for anchor, number, line, rows in pair.translation.tables:
        if anchor not in tables_o:
            continue
        line_o, other = tables_o[anchor]
        shape_o = [cells for cells, _, _ in other]
        shape_t = [cells for cells, _, _ in rows]
        if shape_o == shape_t:
            continue
        index_o, index, _ = first_divergence([pair.original.text(r) for _, _, r in other],
                                             [pair.translation.text(r) for _, _, r in rows],
                                             pair.original.lang, pair.translation.lang, pair.read)
        at_t = _nth([at for _, at, _ in rows], index, line)
        at_o = _nth([at for _, at, _ in other], index_o, line_o)
        yield pair.finding("structure.table-shape", "error",
                           f"table {number} has {len(shape_t)} rows, the "
                           f"{_name(pair.original)} has {len(shape_o)}; they stop corresponding "
                           f"at row {index + 1}", pair.translation.at(at_t),
                           pair.original.at(at_o), anchor=anchor)
        pair.diverged.add(anchor)


@rule("structure.list-shape", summary="bullet and numbered lists with the same items and nesting")
def check_lists(pair: Pair) -> Iterator[Finding]:
    lo, lt = pair.original.lists, pair.translation.lists
    for (shape_o, items_o, line_o), (shape_t, items_t, line_t) in zip(lo, lt, strict=False):
        if shape_o != shape_t:
            yield pair.finding("structure.list-shape", "error",
                               f"a list with {items_t} items (and its nesting) differs "
                               f"from the {_name(pair.original)}, which has {items_o}",
                               pair.translation.at(line_t), pair.original.at(line_o))
            break
    if len(lo) != len(lt):
        yield pair.finding("structure.list-shape", "error",
                           f"{len(lt)} lists, the {_name(pair.original)} has {len(lo)}",
                           pair.translation.at(lt[-1][2] if lt else pair.translation.front),
                           pair.original.at(lo[-1][2] if lo else pair.original.front))


@rule("numbering.typed", summary="typed numbers (paragraphs, sub-items, headings, decisions, "
      "tables) equal the computed ones: no gap, no duplicate, the same in both versions")
def check_typed(pair: Pair) -> Iterator[Finding]:
    for sheet in pair.sheets:
        other = pair.original if sheet is pair.translation else pair.translation
        for typed, computed, line, anchor in sheet.typed:
            # a typed number of the translation is placed with the original's front matter;
            # one of the original stands alone
            yield pair.finding("numbering.typed", "warning",
                               f"typed as {typed!r}, but it is {computed!r} here "
                               f"({sheet.lang})", sheet.at(line),
                               other.at(other.front) if sheet is pair.translation else None,
                               anchor=anchor)
