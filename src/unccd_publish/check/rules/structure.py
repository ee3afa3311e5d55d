"""Structure: the same outline, paragraph counts, sub-items, lists and tables."""

from __future__ import annotations

from collections.abc import Iterator

from unccd_publish import model as m
from unccd_publish.catalogue import catalogue
from unccd_publish.check.findings import Finding
from unccd_publish.check.pairing import Pair, first_divergence
from unccd_publish.check.registry import rule

Scopes = dict[str, tuple[str, m.Node | None, list[m.NumberedParagraph]]]


def _scopes(doc: m.Document) -> Scopes:
    """Numbered paragraphs by the stretch they are numbered in: body, each decision, annex."""
    scopes: Scopes = {"para": ("the body", None, [])}
    _visit(doc.body, "para", scopes)
    return scopes


def _visit(blocks: list[m.Block], scope: str, scopes: Scopes) -> None:
    # not a recursive closure, which would be a reference cycle holding the model
    for block in blocks:
        if isinstance(block, m.Decision):
            scopes[block.anchor] = (f"decision {block.number}", block, [])
            _visit(block.blocks, block.anchor, scopes)
        elif isinstance(block, m.Annex):
            scopes[block.anchor] = ("the annex", block, [])
            _visit(block.blocks, block.anchor, scopes)
        elif isinstance(block, m.NumberedParagraph):
            scopes[scope][2].append(block)
        elif isinstance(block, m.Section):
            _visit(block.blocks, scope, scopes)


def _text(block: m.Node) -> str:
    """The text of a block and all it holds, with the numbers of its numbered lists."""
    parts = []
    for b in m.walk(block):
        if isinstance(b, m.OrderedList):
            parts.extend(f"{b.start + i}." for i in range(len(b.items)))
        parts.extend(m.plain_text(run) for run in m.inlines_of(b))
    return " ".join(parts)


def outline(doc: m.Document) -> list[tuple[str, str]]:
    return [(b.kind, b.anchor) for b in doc.walk()
            if isinstance(b, (m.Section, m.Decision, m.Annex, m.Table))]


@rule("structure.outline", summary="the same chapters, sections, decisions, annexes and "
      "tables, in the same order")
def check_outline(pair: Pair) -> Iterator[Finding]:
    o, t = (outline(d) for d in pair.docs)
    if o == t:
        return
    index = next((i for i, (a, b) in enumerate(zip(o, t, strict=False)) if a != b),
                 min(len(o), len(t)))
    blocks_o = [b for b in pair.original.walk() if (b.kind, b.anchor) in o]
    blocks_t = [b for b in pair.translation.walk() if (b.kind, b.anchor) in t]
    where_o = blocks_o[min(index, len(blocks_o) - 1)] if blocks_o else None
    where_t = blocks_t[min(index, len(blocks_t) - 1)] if blocks_t else None
    yield pair.finding("structure.outline", "error",
                       f"the outline differs: {len(t)} headings, decisions, annexes and tables "
                       f"against {len(o)} in the {_name(pair.original)}; the first difference is "
                       f"item {index + 1}", where_t, where_o)
    pair.diverged.update(anchor for _, anchor in o[index:] + t[index:])


def _name(doc: m.Document) -> str:
    return catalogue("en")["language_name"] if doc.lang == "en" else doc.lang


@rule("structure.paragraph-count", summary="the same numbered paragraphs in the body, each "
      "decision and each annex; where not, the first paragraph where they stop corresponding")
def check_paragraphs(pair: Pair) -> Iterator[Finding]:
    so, st = (_scopes(d) for d in pair.docs)
    for scope, (name, block_t, paragraphs_t) in st.items():
        if scope not in so:
            continue
        _, block_o, paragraphs_o = so[scope]
        if len(paragraphs_o) == len(paragraphs_t):
            continue
        index_o, index, how = first_divergence([_text(p) for p in paragraphs_o],
                                               [_text(p) for p in paragraphs_t],
                                               pair.original.lang, pair.translation.lang, pair.read)
        at_o = paragraphs_o[min(index_o, len(paragraphs_o) - 1)] if paragraphs_o else block_o
        at_t = paragraphs_t[min(index, len(paragraphs_t) - 1)] if paragraphs_t else block_t
        what = {"missing": "a paragraph is missing here", "extra": "a paragraph is added here",
                "merged": "two paragraphs seem merged here",
                "split": "a paragraph seems split here"}.get(how, "they differ here")
        yield pair.finding(
            "structure.paragraph-count", "error",
            f"{name} has {len(paragraphs_t)} numbered paragraphs, the "
            f"{_name(pair.original)} has {len(paragraphs_o)}; they stop corresponding at "
            f"paragraph {index + 1}: {what}", at_t, at_o, anchor=getattr(at_t, "anchor", ""))
        pair.diverged.add(scope)


@rule("structure.preamble-count", summary="the same number of preambular paragraphs in each "
      "decision")
def check_preambles(pair: Pair) -> Iterator[Finding]:
    do = {d.anchor: d for d in pair.original.decisions()}
    for decision in pair.translation.decisions():
        other = do.get(decision.anchor)
        if other is None or len(other.preamble) == len(decision.preamble):
            continue
        index_o, index, how = first_divergence(
            [m.plain_text(p.inlines) for p in other.preamble],
            [m.plain_text(p.inlines) for p in decision.preamble],
            pair.original.lang, pair.translation.lang, pair.read)
        at_t = decision.preamble[min(index, len(decision.preamble) - 1)] if decision.preamble \
            else decision
        at_o = other.preamble[min(index_o, len(other.preamble) - 1)] if other.preamble else other
        yield pair.finding("structure.preamble-count", "error",
                           f"decision {decision.number} has {len(decision.preamble)} preambular "
                           f"paragraphs, the {_name(pair.original)} has {len(other.preamble)}; "
                           f"they stop corresponding at preambular paragraph {index + 1} ({how})",
                           at_t, at_o, anchor=decision.anchor)
        pair.diverged.add(f"{decision.anchor}#paragraph")


def _markers(block: m.Node) -> list[str]:
    """The sub-item markers as the source types them (computed where it does not)."""
    out = []
    for child in block.children():
        if isinstance(child, m.SubParagraph):
            mark = f"({child.typed})" if child.typed else child.marker
            out.append(mark)
            out.extend(f"{mark}({item.typed})" if item.typed else f"{mark}{item.marker}"
                       for item in child.items)
    return out


@rule("structure.subparagraphs", summary="the same sub-items (a), (b) … (i), (ii) … in each "
      "paragraph, preamble and table cell")
def check_subparagraphs(pair: Pair) -> Iterator[Finding]:
    holders = (m.NumberedParagraph, m.Cell, m.Decision)
    by_anchor_o = {b.anchor: b for b in pair.original.walk() if isinstance(b, holders)}
    cells_o = {_cell_key(c): c for c in pair.original.walk() if isinstance(c, m.Cell)}
    for block in pair.translation.walk():
        if not isinstance(block, holders):
            continue
        other = cells_o.get(_cell_key(block)) if isinstance(block, m.Cell) else by_anchor_o.get(
            block.anchor)
        if other is None or pair.in_diverged(getattr(other, "anchor", "")):
            continue
        mo, mt = _markers(other), _markers(block)
        if mo == mt:
            continue
        index = next((i for i, (a, b) in enumerate(zip(mo, mt, strict=False)) if a != b),
                     min(len(mo), len(mt)))
        subs_t = [c for c in block.children() if isinstance(c, m.SubParagraph)]
        subs_o = [c for c in other.children() if isinstance(c, m.SubParagraph)]
        at_t = subs_t[min(index, len(subs_t) - 1)] if subs_t else block
        at_o = subs_o[min(index, len(subs_o) - 1)] if subs_o else other
        what = _describe(block)
        yield pair.finding("structure.subparagraphs", "error",
                           f"{what} has sub-items {' '.join(mt) or '(none)'}, the "
                           f"{_name(pair.original)} has {' '.join(mo) or '(none)'}", at_t, at_o,
                           anchor=getattr(block, "anchor", ""))
        if block.anchor:
            pair.diverged.add(block.anchor)


def _cell_key(cell: m.Node) -> int:
    """Cells have no anchor; in documents of the same structure they stand in the same order."""
    return cell.order


def _describe(block: m.Node) -> str:
    if isinstance(block, m.NumberedParagraph):
        return f"paragraph {block.number}"
    if isinstance(block, m.Decision):
        return f"the preamble of decision {block.number}"
    return "a table cell"


@rule("structure.table-shape", summary="tables of the same shape: rows and cells")
def check_tables(pair: Pair) -> Iterator[Finding]:
    tables_o = {t.anchor: t for t in pair.original.walk() if isinstance(t, m.Table)}
    for table in (t for t in pair.translation.walk() if isinstance(t, m.Table)):
        other = tables_o.get(table.anchor)
        if other is None:
            continue
        shape_o = [len(r.cells) for r in other.rows]
        shape_t = [len(r.cells) for r in table.rows]
        if shape_o == shape_t:
            continue
        index_o, index, _ = first_divergence([_text(r) for r in other.rows],
                                             [_text(r) for r in table.rows],
                                             pair.original.lang, pair.translation.lang, pair.read)
        at_t = table.rows[min(index, len(table.rows) - 1)] if table.rows else table
        at_o = other.rows[min(index_o, len(other.rows) - 1)] if other.rows else other
        yield pair.finding("structure.table-shape", "error",
                           f"table {table.number} has {len(shape_t)} rows, the "
                           f"{_name(pair.original)} has {len(shape_o)}; they stop corresponding "
                           f"at row {index + 1}", at_t, at_o, anchor=table.anchor)
        pair.diverged.add(table.anchor)


def list_shape(block: m.Node) -> list[object]:
    if isinstance(block, m.BulletList | m.OrderedList):
        return [[list_shape(c) for c in item.blocks] for item in block.items]
    return []


@rule("structure.list-shape", summary="bullet and numbered lists with the same items and nesting")
def check_lists(pair: Pair) -> Iterator[Finding]:
    def lists(doc: m.Document) -> list[m.Node]:
        return [b for b in doc.walk() if isinstance(b, m.BulletList | m.OrderedList)]

    lo, lt = lists(pair.original), lists(pair.translation)
    for other, block in zip(lo, lt, strict=False):
        if list_shape(other) != list_shape(block):
            yield pair.finding("structure.list-shape", "error",
                               f"a list with {len(block.items)} items (and its nesting) differs "
                               f"from the {_name(pair.original)}, which has {len(other.items)}",
                               block, other)
            break
    if len(lo) != len(lt):
        yield pair.finding("structure.list-shape", "error",
                           f"{len(lt)} lists, the {_name(pair.original)} has {len(lo)}",
                           lt[-1] if lt else pair.translation.front.location,
                           lo[-1] if lo else pair.original.front.location)


@rule("numbering.typed", summary="typed numbers (paragraphs, sub-items, headings, decisions, "
      "tables) equal the computed ones: no gap, no duplicate, the same in both versions")
def check_typed(pair: Pair) -> Iterator[Finding]:
    for doc in pair.docs:
        other = pair.original if doc is pair.translation else pair.translation
        for block in doc.walk():
            typed = getattr(block, "typed", None)
            if typed is None:
                continue
            computed = _computed(block)
            if str(typed).strip("()") != computed:
                this, that = (block, None) if doc is pair.translation else (None, block)
                where_o = that if that is not None else other.front.location
                yield pair.finding("numbering.typed", "warning",
                                   f"typed as {typed!r}, but it is {computed!r} here "
                                   f"({doc.lang})", this if this is not None else block,
                                   where_o if this is not None else None,
                                   anchor=block.anchor)


def _computed(block: m.Node) -> str:
    if isinstance(block, m.SubParagraph):
        return block.marker.strip("()")
    if isinstance(block, m.Section):
        return block.number.rstrip(".")
    return str(getattr(block, "number", ""))
