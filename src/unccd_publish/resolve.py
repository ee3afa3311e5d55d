"""Resolution: numbers, anchors, footnote numbers, cross-references, once, after reading.

Everything here is computed from the structure, so the two language versions of a
document get the same numbers and the same anchors wherever their structure agrees.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from unccd_publish import model as m
from unccd_publish.catalogue import Catalogue, catalogue
from unccd_publish.diagnostics import Diagnostics
from unccd_publish.recognise import mark_symbols


@dataclass
class _Scope:
    """Numbering state of one stretch of text (the body, a decision, an annex)."""

    prefix: str  # anchor prefix: "", "decision-3-", "annex-1-"
    paragraphs: int = 0
    sections: list[int] = field(default_factory=list)


@dataclass
class _Context:
    doc: m.Document
    cat: Catalogue
    diagnostics: Diagnostics
    order: int = 0
    tables: int = 0
    annexes: int = 0
    annex_total: int = 0
    decisions: int = 0
    # the decision and the numbered paragraph each block stands in
    decision_of: dict[int, m.Decision] = field(default_factory=dict)
    paragraph_of: dict[int, m.NumberedParagraph] = field(default_factory=dict)
    chapter_of: dict[int, m.Section] = field(default_factory=dict)


def resolve(doc: m.Document, diagnostics: Diagnostics) -> None:
    """Number, anchor and cross-link ``doc`` in place, reporting what does not add up."""
    ctx = _Context(doc, catalogue(doc.lang), diagnostics)
    ctx.annex_total = sum(isinstance(b, m.Annex) for b in doc.walk())
    if doc.summary:
        _order(doc.summary, ctx)
    _number_blocks(doc.body, _Scope(""), ctx, None, None, None)
    _index_parents(doc.body, ctx, None, None, None)
    _collect_labels(doc, ctx)
    _number_footnotes(doc, ctx)
    _resolve_references(doc, ctx)


def _order(block: m.Block, ctx: _Context) -> None:
    for node in m.walk(block):
        ctx.order += 1
        node.order = ctx.order


def _mismatch(ctx: _Context, block: m.Node, what: str, typed: object, computed: str) -> None:
    ctx.diagnostics.warning(
        block.location,
        f"{what} is typed as '{typed}' but is number '{computed}' here; the build prints "
        f"'{computed}' (fix the typed number, or the order of the text)",
        "number.mismatch",
    )


def _number_blocks(blocks: list[m.Block], scope: _Scope, ctx: _Context,
                   decision: m.Decision | None, chapter: m.Section | None,
                   paragraph: m.NumberedParagraph | None) -> None:
    for block in blocks:
        ctx.order += 1
        block.order = ctx.order
        if isinstance(block, m.Section):
            _number_section(block, scope, ctx)
            inner_chapter = block if block.level == "chapter" else chapter
            _number_blocks(block.blocks, scope, ctx, decision, inner_chapter, paragraph)
        elif isinstance(block, m.Decision):
            ctx.decisions += 1
            block.number = ctx.decisions
            block.anchor = f"decision-{block.number}"
            if block.typed is not None and block.typed != block.number:
                _mismatch(ctx, block, "this decision", block.typed, str(block.number))
            _number_preamble_items(block, ctx)
            _number_blocks(block.blocks, _Scope(f"{block.anchor}-"), ctx, block, None, None)
        elif isinstance(block, m.Annex):
            ctx.annexes += 1
            block.number = ctx.annexes if ctx.annex_total > 1 else 0
            block.anchor = f"annex-{ctx.annexes}"
            _number_blocks(block.blocks, _Scope(f"{block.anchor}-"), ctx, decision, None, None)
        elif isinstance(block, m.NumberedParagraph):
            scope.paragraphs += 1
            block.number = scope.paragraphs
            block.anchor = f"{scope.prefix}para-{block.number}"
            if block.typed is not None and block.typed != block.number:
                _mismatch(ctx, block, "this paragraph", block.typed, str(block.number))
            _number_subparagraphs(block, block.blocks, block.anchor, ctx)
            _number_blocks(block.blocks, scope, ctx, decision, chapter, block)
        elif isinstance(block, m.Table):
            ctx.tables += 1
            block.number = ctx.tables
            block.anchor = f"table-{block.number}"
            if block.typed is not None and block.typed != block.number:
                _mismatch(ctx, block, "this table", block.typed, str(block.number))
            for r, row in enumerate(block.rows, 1):
                for c, cell in enumerate(row.cells, 1):
                    _number_subparagraphs(block, cell.blocks, f"{block.anchor}-r{r}-c{c}", ctx)
            _number_blocks(list(block.rows), scope, ctx, decision, chapter, paragraph)
        else:
            _number_blocks(block.children(), scope, ctx, decision, chapter, paragraph)


def _index_parents(blocks: list[m.Block], ctx: _Context, decision: m.Decision | None,
                   chapter: m.Section | None, paragraph: m.NumberedParagraph | None) -> None:
    """Remember the decision, chapter and numbered paragraph each block stands in."""
    for block in blocks:
        if decision is not None:
            ctx.decision_of[id(block)] = decision
        if chapter is not None:
            ctx.chapter_of[id(block)] = chapter
        if paragraph is not None:
            ctx.paragraph_of[id(block)] = paragraph
        inner_decision = block if isinstance(block, m.Decision) else decision
        inner_chapter = (block if isinstance(block, m.Section) and block.level == "chapter"
                         else None if isinstance(block, (m.Decision, m.Annex)) else chapter)
        inner_paragraph = block if isinstance(block, m.NumberedParagraph) else paragraph
        _index_parents(block.children(), ctx, inner_decision, inner_chapter, inner_paragraph)


def _number_section(section: m.Section, scope: _Scope, ctx: _Context) -> None:
    depth = {"chapter": 1, "annex_section": 1, "section": 2, "annex_subsection": 2,
             "subsection": 3}[section.level]
    del scope.sections[depth:]
    while len(scope.sections) < depth:
        scope.sections.append(0)
    scope.sections[depth - 1] += 1
    section.numbers = tuple(scope.sections)
    n = scope.sections[-1]
    if section.level == "annex_subsection":
        section.number = ".".join(map(str, section.numbers))
    else:
        section.number = ctx.cat.number(section.level, n)
    section.anchor = f"{scope.prefix}sec-" + "-".join(map(str, section.numbers))
    if section.typed is not None and section.typed != section.number.rstrip("."):
        _mismatch(ctx, section, "this heading", section.typed, section.number.rstrip("."))


def _number_subparagraphs(owner: m.Node, blocks: list[m.Block], prefix: str,
                          ctx: _Context) -> None:
    for block in blocks:
        if not isinstance(block, m.SubParagraph):
            continue
        _mark_subparagraph(block, ctx.cat.number("subparagraph", block.index), prefix, ctx)
        for item in block.items:
            _mark_subparagraph(item, ctx.cat.number("subsubparagraph", item.index),
                               block.anchor, ctx)


def _number_preamble_items(decision: m.Decision, ctx: _Context) -> None:
    """Sub-paragraphs in a preamble belong to the preambular paragraph before them."""
    preambular = 0
    run: list[m.Block] = []
    for block in [*decision.blocks, None]:
        if isinstance(block, m.SubParagraph):
            run.append(block)
            continue
        if run:
            _number_subparagraphs(decision, run, f"{decision.anchor}-pp{preambular}", ctx)
            run = []
        if isinstance(block, m.Paragraph):
            preambular += 1


def _mark_subparagraph(sub: m.SubParagraph, marker: str, prefix: str, ctx: _Context) -> None:
    sub.marker = marker
    sub.anchor = f"{prefix}-{marker.strip('()')}"
    if sub.typed is not None and sub.typed != marker.strip("()"):
        _mismatch(ctx, sub, "this sub-paragraph", f"({sub.typed})", marker)


def _collect_labels(doc: m.Document, ctx: _Context) -> None:
    targets: list[m.Node] = [*doc.walk(), *doc.footnotes]
    for block in targets:
        if not block.label:
            continue
        first = doc.labels.get(block.label)
        if first is not None:
            ctx.diagnostics.error(
                block.location,
                f"label '{block.label}' is already used at line {first.location.line}; "
                "labels must be unique within a document",
                "label.duplicate",
            )
            continue
        doc.labels[block.label] = block


def _number_footnotes(doc: m.Document, ctx: _Context) -> None:
    by_label = {f.label: f for f in doc.footnotes}
    number = 0
    for block, inlines in _inline_runs(doc):
        for inline in m.walk_inlines(inlines):
            if not isinstance(inline, m.FootnoteCall):
                continue
            note = by_label.get(inline.label)
            if note is None:
                continue
            if note.number == 0:
                number += 1
                note.number = number
                note.anchor = f"fn-{number}"
                note.order = block.order
            note.calls += 1
            inline.number = note.number
    for note in doc.footnotes:
        if note.number == 0:
            ctx.diagnostics.error(note.location, f"footnote '[^{note.label}]' is defined but never "
                                  "called; call it in the text or remove it", "footnote.unused")
    doc.footnotes = sorted((f for f in doc.footnotes if f.number), key=lambda f: f.number)


def _inline_runs(doc: m.Document) -> list[tuple[m.Block, list[m.Inline]]]:
    return [(block, run) for block in doc.walk() for run in m.inlines_of(block)]


def _resolve_references(doc: m.Document, ctx: _Context) -> None:
    blocks = [*doc.walk()] + [b for f in doc.footnotes for b in m.walk(f)]
    for block in blocks:
        if isinstance(block, (m.Paragraph, m.SubParagraph)):
            block.inlines = mark_symbols(block.inlines)
        for inlines in m.inlines_of(block):
            if m.lone_text(inlines) is not None:  # most runs: no reference to resolve
                continue
            for inline in m.walk_inlines(inlines):
                if isinstance(inline, m.CrossRef):
                    _resolve_one(inline, block, ctx)


def _resolve_one(ref: m.CrossRef, where: m.Node, ctx: _Context) -> None:
    if ref.document is not None:
        return  # resolved with the whole project: resolve_between_documents
    target = ctx.doc.labels.get(ref.label)
    if target is None:
        close = difflib.get_close_matches(ref.label, list(ctx.doc.labels), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        ctx.diagnostics.error(ref.location, f"reference to unknown label '{ref.label}'{hint}",
                              "label.unresolved")
        return
    words = _reference_words(target, where, ctx)
    if words is None:
        ctx.diagnostics.error(ref.location, f"label '{ref.label}' names a block that has no "
                              "number; refer to a numbered paragraph, sub-paragraph, heading, "
                              "decision, annex, table or footnote", "label.target")
        return
    ref.target = target
    ref.text, numbers = words
    _check_own_words(ref, numbers, ctx.diagnostics)


def _check_own_words(ref: m.CrossRef, numbers: list[str], diagnostics: Diagnostics) -> None:
    if ref.children:
        own = m.plain_text(ref.children)
        missing = [n for n in numbers if not re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", own)]
        if missing:
            diagnostics.warning(
                ref.location,
                f"the reference text '{own}' does not give the number of its target, "
                f"which is '{ref.text}'; write [](#{ref.label}) to have the build word it",
                "number.mismatch",
            )


def _reference_words(target: m.Node, where: m.Node, ctx: _Context) -> tuple[str, list[str]] | None:
    """The words for a reference to ``target`` made from ``where``, and the numbers in them."""
    cat = ctx.cat
    direction = cat["refs.above"] if target.order < where.order else cat["refs.below"]
    here_decision = ctx.decision_of.get(id(where))
    there_decision = ctx.decision_of.get(id(target))
    other_decision = there_decision is not None and there_decision is not here_decision
    if isinstance(target, m.NumberedParagraph):
        key = "paragraph_in_decision" if other_decision else "paragraph"
        text = cat.format(f"refs.{key}", number=target.number, where=direction,
                          decision=there_decision.number if there_decision else "")
        return text, [str(target.number)]
    if isinstance(target, m.SubParagraph):
        paragraph = ctx.paragraph_of.get(id(target))
        if paragraph is None:
            return None
        parent = next((s for s in _subparagraphs(paragraph) if target in s.items), None)
        sub = f"{parent.marker} {target.marker}" if parent else target.marker
        key = "subparagraph_in_decision" if other_decision else "subparagraph"
        text = cat.format(f"refs.{key}", number=paragraph.number, sub=sub, where=direction,
                          decision=there_decision.number if there_decision else "")
        return text, [str(paragraph.number), target.marker.strip("()")]
    if isinstance(target, m.Section):
        number = target.number.rstrip(".")
        chapter = ctx.chapter_of.get(id(target))
        text = cat.format(f"refs.{target.level}", number=number, where=direction,
                          chapter=chapter.number.rstrip(".") if chapter else "")
        return text, [number]
    if isinstance(target, m.Decision):
        return cat.format("refs.decision", number=target.number, where=direction), [
            str(target.number)]
    if isinstance(target, m.Annex):
        if target.number:
            number = cat.number("annex", target.number)
            return cat.format("refs.annex_numbered", number=number, where=direction), [number]
        return cat.format("refs.annex", where=direction), []
    if isinstance(target, m.Table):
        return cat.format("refs.table", number=target.number, where=direction), [
            str(target.number)]
    if isinstance(target, m.Footnote):
        return cat.format("refs.footnote", number=target.number, where=direction), [
            str(target.number)]
    return None


def _subparagraphs(paragraph: m.NumberedParagraph) -> list[m.SubParagraph]:
    return [b for b in paragraph.blocks if isinstance(b, m.SubParagraph)]


def cross_document_refs(doc: m.Document) -> list[m.CrossRef]:
    """Every ``[](folder#label)`` reference of ``doc``, in its body and in its footnotes:
    found once, then kept with the document."""
    if doc.cross_refs is None:
        doc.cross_refs = [ref for block in [*doc.walk(), *(b for f in doc.footnotes
                                                           for b in m.walk(f))]
                          for run in m.inlines_of(block) for ref in m.walk_inlines(run)
                          if isinstance(ref, m.CrossRef) and ref.document is not None]
    return doc.cross_refs


def resolve_between_documents(doc: m.Document, others: dict[str, m.Document],
                              diagnostics: Diagnostics) -> list[str]:
    """Resolve ``[](folder#label)`` references of ``doc`` against ``others`` (same language).

    Returns the folders ``doc`` refers to, so that a build can rebuild it when they change.
    """
    cat = catalogue(doc.lang)
    used: list[str] = []
    for ref in cross_document_refs(doc):
        assert ref.document is not None
        used.append(ref.document)
        other = others.get(ref.document)
        if other is None:
            diagnostics.error(ref.location, f"reference to unknown document "
                              f"'{ref.document}' (documents: {', '.join(sorted(others))})",
                              "label.unresolved")
            continue
        target = other.labels.get(ref.label)
        ctx = _Context(other, cat, diagnostics)
        _index_parents(other.body, ctx, None, None, None)
        words = _reference_words(target, target, ctx) if target is not None else None
        if target is None or words is None:
            close = difflib.get_close_matches(ref.label, list(other.labels), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            diagnostics.error(ref.location, f"reference to unknown label '{ref.label}' "
                              f"in document '{ref.document}'{hint}", "label.unresolved")
            continue
        what = words[0].replace(cat["refs.above"], "").replace(cat["refs.below"], "")
        symbol = other.meta.symbol or cat["masthead.symbol_unassigned"]
        ref.target, ref.target_document = target, other
        ref.text = cat.format("refs.in_document", what=" ".join(what.split()), symbol=symbol)
        _check_own_words(ref, words[1], diagnostics)
    return sorted(set(used))
