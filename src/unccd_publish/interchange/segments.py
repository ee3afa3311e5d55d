"""A document as translators' tools see it: segments of text with inline codes.

Every run of text of a language version (title, agenda title, summary paragraph, heading,
numbered paragraph, sub-paragraph, preambular paragraph, table caption and cell, list item,
footnote) is one :class:`Segment`, with the id the checker pairs the two languages by
(:func:`unccd_publish.check.units.units`), so that a segment keeps its id across edits that
leave the structure alone. What a CAT tool must keep as it is — footnote calls, emphasis,
cross-references, links, document and decision symbols — is a :class:`Code`, with the
Markdown it stands for: a translation comes back as text and codes, and is written back as
Markdown from them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from unccd_publish import model as m
from unccd_publish.catalogue import catalogue
from unccd_publish.check.units import units
from unccd_publish.places import places_of

ESCAPED = re.compile(r"([\\`*_\[\]<>{}])")  # what Markdown would read as markup in text


@dataclass(frozen=True)
class Code:
    """An inline code. Paired codes (emphasis, a reference or link with words) hold pieces;
    standalone ones (a footnote call, a symbol, a reference without words) hold none."""

    id: str  # "1", "2", … in the order they open within the segment
    kind: str  # footnote | emphasis | strong | crossref | link | symbol | code | linebreak
    opening: str  # its Markdown: "[^label]", "*", "[" …
    closing: str = ""  # a paired code's closing Markdown: "*", "](#label)"
    pieces: tuple[Piece, ...] = ()
    shows: str = ""  # the text a standalone code shows (a symbol, a footnote's label)

    @property
    def paired(self) -> bool:
        return bool(self.closing)

    @property
    def key(self) -> tuple[str, str]:
        """What a code stands for, whatever its shape: a reference is the same reference
        with the author's words (``[words](#label)``) or the computed ones (``[](#label)``)."""
        if self.kind == "crossref":
            return self.kind, (self.closing or self.opening.removeprefix("["))
        return self.kind, self.opening + "|" + self.closing

    def shaped(self, paired: bool, pieces: tuple[Piece, ...] = ()) -> Code:
        """This code as a paired or a standalone one (a reference can be either)."""
        if paired == self.paired:
            return Code(self.id, self.kind, self.opening, self.closing, pieces, self.shows)
        if paired:  # "[](#label)" → "[" … "](#label)"
            return Code(self.id, self.kind, "[", self.opening.removeprefix("["), pieces)
        return Code(self.id, self.kind, "[" + self.closing, shows=self.shows)


Piece = str | Code


@dataclass(frozen=True)
class Segment:
    id: str
    place: str  # where it stands on the page, in its language
    pieces: tuple[Piece, ...]
    line: int  # where its text starts in its Markdown file
    # how its Markdown is written: title | agenda_title | subtitle (front matter), heading,
    # subparagraph (after its marker), container_title (after the container's name), text
    kind: str = "text"

    @property
    def digest(self) -> str:
        """A digest of the segment's text and codes, to tell a translation of another text."""
        return hashlib.sha256(markdown(self.pieces).encode("utf-8")).hexdigest()[:16]


@dataclass
class Codes:
    """Numbers the codes of one segment in the order they open."""

    count: int = 0

    def next(self) -> str:
        self.count += 1
        return str(self.count)


def segments(doc: m.Document) -> list[Segment]:
    """Every run of text of ``doc``, front matter first, in reading order."""
    places = places_of(doc, doc.lang)
    cat = catalogue(doc.lang)
    line = doc.front.location.line
    found = [Segment("title", cat["places.title"], (doc.front.title,), line, "title")]
    found += [Segment(f"agenda-title-{n}", cat.format("places.agenda_title", n=n), (text,),
                      line, "agenda_title")
              for n, text in enumerate(doc.front.agenda_title, 1)]
    if doc.front.subtitle:
        found.append(Segment("subtitle", cat["places.subtitle"], (doc.front.subtitle,), line,
                             "subtitle"))
    for unit in units(doc):
        found.append(Segment(unit.key.replace("#", ":"),
                             places.get(id(unit.block), ""),
                             tuple(pieces(unit.inlines, Codes())), unit.location.line,
                             _kind(unit.block)))
    return found


def _kind(block: m.Node) -> str:
    if isinstance(block, m.Section):
        return "heading"
    if isinstance(block, m.SubParagraph):
        return "subparagraph"
    if isinstance(block, m.Decision | m.Annex | m.Table):
        return "container_title"
    return "text"


def pieces(inlines: list[m.Inline], codes: Codes) -> Iterator[Piece]:
    """Text and codes of a run of inlines; neighbouring texts joined."""
    text = ""
    for inline in inlines:
        if isinstance(inline, m.Text):
            text += inline.text
            continue
        if text:
            yield text
            text = ""
        if isinstance(inline, m.Emphasis | m.Strong):
            mark = "*" if isinstance(inline, m.Emphasis) else "**"
            yield Code(codes.next(), inline.kind, mark, mark,
                       tuple(pieces(inline.children, codes)))
        elif isinstance(inline, m.Link):
            yield Code(codes.next(), "link", "[", f"]({inline.href})",
                       tuple(pieces(inline.children, codes)))
        elif isinstance(inline, m.CrossRef):
            target = f"{inline.document or ''}#{inline.label}"
            if inline.children:
                yield Code(codes.next(), "crossref", "[", f"]({target})",
                           tuple(pieces(inline.children, codes)))
            else:
                yield Code(codes.next(), "crossref", f"[]({target})", shows=inline.text)
        elif isinstance(inline, m.FootnoteCall):
            yield Code(codes.next(), "footnote", f"[^{inline.label}]")
        elif isinstance(inline, m.SymbolRef):
            yield Code(codes.next(), "symbol", escape(inline.text), shows=inline.text)
        elif isinstance(inline, m.Code):
            yield Code(codes.next(), "code", f"`{inline.text}`", shows=inline.text)
        elif isinstance(inline, m.LineBreak):
            yield Code(codes.next(), "linebreak", "\\\n")
    if text:
        yield text


def escape(text: str) -> str:
    """``text`` as Markdown that reads back as the same text."""
    return ESCAPED.sub(r"\\\1", text)


def markdown(found: tuple[Piece, ...] | list[Piece]) -> str:
    """The Markdown of text and codes."""
    out = []
    for piece in found:
        if isinstance(piece, str):
            out.append(escape(piece))
        elif piece.paired:
            out.append(piece.opening + markdown(piece.pieces) + piece.closing)
        else:
            out.append(piece.opening)
    return "".join(out)


def plain(found: tuple[Piece, ...] | list[Piece]) -> str:
    """The text a reader sees: what standalone codes show, paired codes' words."""
    return "".join(p if isinstance(p, str) else plain(p.pieces) if p.paired else p.shows
                   for p in found)


def code_map(found: tuple[Piece, ...] | list[Piece]) -> dict[str, Code]:
    """Every code of ``found``, nested ones too, by id."""
    out: dict[str, Code] = {}
    for piece in found:
        if isinstance(piece, Code):
            out[piece.id] = piece
            out.update(code_map(piece.pieces))
    return out


def matched(target: tuple[Piece, ...], source: tuple[Piece, ...]) -> tuple[Piece, ...]:
    """``target`` with its codes numbered as the source's codes they stand for (the same
    kind and Markdown, the same occurrence of it); a code the source lacks is ``t1``, …"""
    ids: dict[tuple[str, str], list[str]] = {}
    for code in code_map(source).values():
        ids.setdefault(code.key, []).append(code.id)
    extra = iter(range(1, 1_000_000))

    def renumber(found: tuple[Piece, ...]) -> Iterator[Piece]:
        for piece in found:
            if isinstance(piece, str):
                yield piece
                continue
            free = ids.get(piece.key)
            new_id = free.pop(0) if free else f"t{next(extra)}"
            yield Code(new_id, piece.kind, piece.opening, piece.closing,
                       tuple(renumber(piece.pieces)), piece.shows)

    return tuple(renumber(target))
