"""Inline content of the model to HTML (escaped text, links, footnote calls)."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from unccd_publish import model as m


@dataclass
class InlineContext:
    """What inline rendering needs to know about the page it is on."""

    doc: m.Document
    document_links: dict[str, str] = field(default_factory=dict)  # symbol → URL of a built page
    document_url: str | None = None  # pattern for documents outside the project
    seen_calls: dict[int, int] = field(default_factory=dict)
    in_footnote: bool = False


def render_inlines(inlines: list[m.Inline], ctx: InlineContext) -> Markup:
    alone = m.lone_text(inlines)
    if alone is not None:  # most runs: escaped at once, not joined from one piece
        return escape(alone)
    return Markup("").join(_render(inline, ctx) for inline in inlines)


def _render(inline: m.Inline, ctx: InlineContext) -> Markup:
    if isinstance(inline, m.Text):
        return escape(inline.text)
    if isinstance(inline, m.Emphasis):
        return Markup("<em>%s</em>") % render_inlines(inline.children, ctx)
    if isinstance(inline, m.Strong):
        return Markup("<strong>%s</strong>") % render_inlines(inline.children, ctx)
    if isinstance(inline, m.Code):
        return Markup("<code>%s</code>") % inline.text
    if isinstance(inline, m.LineBreak):
        return Markup("<br>")
    if isinstance(inline, m.Link):
        return Markup('<a class="external" href="%s">%s</a>') % (
            inline.href, render_inlines(inline.children, ctx))
    if isinstance(inline, m.CrossRef):
        words = render_inlines(inline.children, ctx) if inline.children else escape(inline.text)
        if inline.target is None:
            return Markup('<span class="xref unresolved">%s</span>') % words
        if inline.target_document is not None:
            other = inline.target_document
            href = f"../{other.meta.slug}/{other.lang}.html#{inline.target.anchor}"
            return Markup('<a class="xref other-document" href="%s">%s</a>') % (href, words)
        return Markup('<a class="xref" href="#%s">%s</a>') % (inline.target.anchor, words)
    if isinstance(inline, m.SymbolRef):
        return _symbol(inline, ctx)
    if isinstance(inline, m.FootnoteCall):
        return _footnote_call(inline, ctx)
    raise TypeError(f"cannot render {inline!r}")


def _symbol(ref: m.SymbolRef, ctx: InlineContext) -> Markup:
    if ref.ref_kind == "document":
        href = ctx.document_links.get(ref.symbol)
        if href is None and ctx.document_url:
            href = ctx.document_url.format(symbol=ref.symbol, lang=ctx.doc.lang)
        if href:
            return Markup('<a class="symbol document" href="%s">%s</a>') % (href, ref.text)
        return Markup('<span class="symbol document">%s</span>') % ref.text
    return Markup('<span class="symbol %s">%s</span>') % (ref.ref_kind, ref.text)


def _footnote_call(call: m.FootnoteCall, ctx: InlineContext) -> Markup:
    """A call: the number, linked to the note; at its first call, the note itself for print."""
    n = call.number
    if not n or ctx.in_footnote:
        return Markup("<sup>%s</sup>") % (n or "?")
    seen = ctx.seen_calls.get(n, 0) + 1
    ctx.seen_calls[n] = seen
    call_id = f"fn-call-{n}" if seen == 1 else f"fn-call-{n}-{seen}"
    html = Markup('<a class="fn-call" id="%s" href="#fn-%s" role="doc-noteref">%s</a>') % (
        call_id, n, n)
    if seen == 1:
        note = next((f for f in ctx.doc.footnotes if f.number == n), None)
        if note is not None:
            html += Markup('<span class="fn-print" data-n="%s">%s</span>') % (
                n, footnote_text(note, ctx))
    return html


def footnote_text(note: m.Footnote, ctx: InlineContext) -> Markup:
    """The text of a footnote as one run of inline HTML (paragraphs joined by a line break)."""
    inner = InlineContext(ctx.doc, ctx.document_links, ctx.document_url, in_footnote=True)
    runs = [render_inlines(run, inner) for block in note.blocks for b in m.walk(block)
            for run in m.inlines_of(b)]
    return Markup("<br>").join(runs)
