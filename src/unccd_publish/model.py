"""The document model: plain dataclasses that every builder and the checker read.

Reading (``unccd_publish.reading``) fills in what the sources say; resolution
(``unccd_publish.resolve``) computes numbers, anchors, footnote numbers and the text
of cross-references, once, in one place. Nothing downstream parses Markdown again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Literal

from unccd_publish.diagnostics import Location

# ---------------------------------------------------------------- inline content


@dataclass
class Text:
    text: str
    kind: ClassVar[str] = "text"


@dataclass
class Emphasis:
    children: list[Inline]
    kind: ClassVar[str] = "emphasis"


@dataclass
class Strong:
    children: list[Inline]
    kind: ClassVar[str] = "strong"


@dataclass
class Code:
    text: str
    kind: ClassVar[str] = "code"


@dataclass
class LineBreak:
    kind: ClassVar[str] = "linebreak"


@dataclass
class Link:
    """A link to an outside address (``https://…``)."""

    href: str
    children: list[Inline]
    kind: ClassVar[str] = "link"


@dataclass
class FootnoteCall:
    label: str
    location: Location
    number: int = 0
    kind: ClassVar[str] = "footnote_call"


@dataclass
class CrossRef:
    """``[](#label)`` or ``[own words](#label)``: a reference to a labelled place."""

    label: str
    location: Location
    children: list[Inline] = field(default_factory=list)  # the author's own words, if any
    document: str | None = None  # another document's folder, for [](folder#label)
    target: Target | None = None
    target_document: Document | None = None  # set when the target is in another document
    text: str = ""  # the words computed for this language
    kind: ClassVar[str] = "crossref"


@dataclass
class SymbolRef:
    """A decision or document cited by symbol, recognised in the text."""

    ref_kind: Literal["decision", "document", "resolution"]
    symbol: str
    text: str
    kind: ClassVar[str] = "symbolref"


Inline = Text | Emphasis | Strong | Code | LineBreak | Link | FootnoteCall | CrossRef | SymbolRef

# ---------------------------------------------------------------- blocks


# the codes a block switches off when it switches off none: one object, which a pickle of a
# model holds once (a frozenset() of each block's own would be one more object per block)
NO_CODES: frozenset[str] = frozenset()


@dataclass
class Node:
    location: Location
    label: str | None = field(default=None, kw_only=True)
    anchor: str = field(default="", kw_only=True)
    order: int = field(default=0, kw_only=True)  # position in reading order, set by resolution
    suppress: frozenset[str] = field(default=NO_CODES, kw_only=True)  # {noqa="code"}
    kind: ClassVar[str] = "node"

    def children(self) -> list[Block]:
        return []


@dataclass
class Paragraph(Node):
    """An unnumbered paragraph: summary, preambular paragraph, cell text, continuation."""

    inlines: list[Inline] = field(default_factory=list)
    role: Literal["plain", "preamble"] = "plain"
    kind: ClassVar[str] = "paragraph"


@dataclass
class SubParagraph(Node):
    """(a), (b) … at level 1; (i), (ii) … at level 2."""

    typed: str | None = None  # the marker as written, without parentheses
    level: int = 1
    index: int = 0  # position among its siblings, from 1
    marker: str = ""  # computed, e.g. "(b)"
    inlines: list[Inline] = field(default_factory=list)
    items: list[SubParagraph] = field(default_factory=list)  # its own (i), (ii) …
    kind: ClassVar[str] = "subparagraph"

    def children(self) -> list[Block]:
        return list(self.items)


@dataclass
class NumberedParagraph(Node):
    """A numbered (body or operative) paragraph."""

    typed: int | None = None
    number: int = 0
    blocks: list[Block] = field(default_factory=list)
    kind: ClassVar[str] = "numbered_paragraph"

    def children(self) -> list[Block]:
        return self.blocks


@dataclass
class ListItem(Node):
    blocks: list[Block] = field(default_factory=list)
    kind: ClassVar[str] = "list_item"

    def children(self) -> list[Block]:
        return self.blocks


@dataclass
class BulletList(Node):
    items: list[ListItem] = field(default_factory=list)
    kind: ClassVar[str] = "bullet_list"

    def children(self) -> list[Block]:
        return list(self.items)


@dataclass
class OrderedList(Node):
    """A numbered list inside a table cell or a list (not a numbered paragraph)."""

    start: int = 1
    items: list[ListItem] = field(default_factory=list)
    kind: ClassVar[str] = "ordered_list"

    def children(self) -> list[Block]:
        return list(self.items)


@dataclass
class Cell(Node):
    blocks: list[Block] = field(default_factory=list)
    kind: ClassVar[str] = "cell"

    def children(self) -> list[Block]:
        return self.blocks


@dataclass
class Row(Node):
    cells: list[Cell] = field(default_factory=list)
    header: bool = False
    kind: ClassVar[str] = "row"

    def children(self) -> list[Block]:
        return list(self.cells)


@dataclass
class Table(Node):
    caption: list[Inline] = field(default_factory=list)
    typed: int | None = None
    number: int = 0
    rows: list[Row] = field(default_factory=list)
    kind: ClassVar[str] = "table"

    def children(self) -> list[Block]:
        return list(self.rows)


SectionLevel = Literal["chapter", "section", "subsection", "annex_section", "annex_subsection"]


@dataclass
class Section(Node):
    """A heading and what stands under it: chapter, section, or annex section."""

    level: SectionLevel = "chapter"
    title: list[Inline] = field(default_factory=list)
    typed: str | None = None
    number: str = ""  # computed label, e.g. "II", "B", "2.1"
    numbers: tuple[int, ...] = ()
    blocks: list[Block] = field(default_factory=list)
    kind: ClassVar[str] = "section"

    def children(self) -> list[Block]:
        return self.blocks


@dataclass
class Annex(Node):
    title: list[Inline] = field(default_factory=list)
    number: int = 0  # 0 when it is the only annex
    blocks: list[Block] = field(default_factory=list)
    kind: ClassVar[str] = "annex"

    def children(self) -> list[Block]:
        return self.blocks


@dataclass
class Decision(Node):
    title: list[Inline] = field(default_factory=list)
    typed: int | None = None
    number: int = 0
    blocks: list[Block] = field(default_factory=list)
    kind: ClassVar[str] = "decision"

    def children(self) -> list[Block]:
        return self.blocks

    @property
    def preamble(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def operative(self) -> list[NumberedParagraph]:
        return [b for b in self.blocks if isinstance(b, NumberedParagraph)]


@dataclass
class Summary(Node):
    blocks: list[Block] = field(default_factory=list)
    kind: ClassVar[str] = "summary"

    def children(self) -> list[Block]:
        return self.blocks


@dataclass
class Footnote(Node):
    blocks: list[Block] = field(default_factory=list)
    number: int = 0
    calls: int = 0
    kind: ClassVar[str] = "footnote"

    def children(self) -> list[Block]:
        return self.blocks


Block = (Paragraph | SubParagraph | NumberedParagraph | ListItem | BulletList | OrderedList
         | Cell | Row | Table | Section | Annex | Decision | Summary | Footnote)
Target = Block

# ---------------------------------------------------------------- metadata


@dataclass(frozen=True)
class Body:
    key: str
    names: dict[str, str]
    enacting_formula: dict[str, str]


@dataclass(frozen=True)
class Session:
    key: str
    body: Body
    number: int
    start: dt.date
    end: dt.date
    venue: dict[str, str]
    agenda: dict[str, str] = field(default_factory=dict)  # body key → provisional agenda


@dataclass(frozen=True)
class Job:
    """The job number of one language version ("GE.24-17046") and its processing dates."""

    number: str
    dates: tuple[dt.date, ...] = ()

    @property
    def digits(self) -> str:
        """What the page-1 barcode holds: the number without its office, dot and hyphen."""
        return "".join(ch for ch in self.number.partition(".")[2] or self.number
                       if ch.isdigit())


@dataclass(frozen=True)
class Metadata:
    """The language-neutral facts of a document (``document.yaml``)."""

    folder: Path
    symbol: str | None  # None: not yet assigned
    distribution: str
    date: dt.date | None  # None: not yet assigned
    original: str
    languages: tuple[str, ...]
    kind: Literal["note", "draft-decisions"]
    body: Body
    committee: Body | None
    session: Session
    agenda_item: str
    agenda_symbol: str | None = None  # the provisional agenda, for the "*" note on page 1
    jobs: dict[str, Job] = field(default_factory=dict)
    contents: bool = True
    contents_page: Literal["own", "first"] = "own"  # a page of its own, or on page 1

    @property
    def slug(self) -> str:
        return self.folder.name


@dataclass
class FrontMatter:
    title: str
    agenda_title: list[str]
    subtitle: str | None
    location: Location


@dataclass
class Document:
    """One language version of a document."""

    meta: Metadata
    lang: str
    path: Path
    front: FrontMatter
    summary: Summary | None = None
    body: list[Block] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)  # in order of number once resolved
    labels: dict[str, Target] = field(default_factory=dict)
    # every block in reading order, once the structure is complete (see :meth:`settle`)
    blocks: list[Block] | None = field(default=None, repr=False, compare=False)
    # its references to other documents, body and footnotes, once found (kept with the model
    # in the read cache: linking documents then walks no text)
    cross_refs: list[CrossRef] | None = field(default=None, repr=False, compare=False)

    def walk(self) -> Iterator[Block]:
        """Every block in reading order (summary, then body)."""
        if self.blocks is not None:
            return iter(self.blocks)
        return self._walk()

    def _walk(self) -> Iterator[Block]:
        roots: list[Block] = [self.summary] if self.summary else []
        roots += self.body
        for root in roots:
            yield from walk(root)

    def settle(self) -> None:
        """The structure is complete (read and resolved): keep the reading order, which the
        builders and every rule of the checker walk."""
        self.blocks = list(self._walk())

    def numbered_paragraphs(self) -> list[NumberedParagraph]:
        return [b for b in self.walk() if isinstance(b, NumberedParagraph)]

    def decisions(self) -> list[Decision]:
        return [b for b in self.walk() if isinstance(b, Decision)]


def walk(block: Block) -> Iterator[Block]:
    yield block
    for child in block.children():
        yield from walk(child)


# the attribute that holds the run of inline content a kind of block has of its own
OWN_RUN: dict[type, str] = {Paragraph: "inlines", SubParagraph: "inlines", Section: "title",
                            Annex: "title", Decision: "title", Table: "caption"}


def inlines_of(block: Block) -> list[list[Inline]]:
    """The runs of inline content that belong to ``block`` itself (not its children)."""
    run = OWN_RUN.get(type(block))
    return [getattr(block, run)] if run is not None else []


def text_of(block: Block) -> str:
    """The text a reader sees of ``block`` and all it holds, its runs joined by spaces."""
    return " ".join(plain_text(run) for inner in walk(block) for run in inlines_of(inner))


def lone_text(inlines: list[Inline]) -> str | None:
    """The text of a run that is one text alone, as most runs are; None for any other run
    (the builders and the checker take the short way for it)."""
    return inlines[0].text if len(inlines) == 1 and type(inlines[0]) is Text else None


def walk_inlines(inlines: list[Inline]) -> Iterator[Inline]:
    for inline in inlines:
        yield inline
        if isinstance(inline, (Emphasis, Strong, Link, CrossRef)):
            yield from walk_inlines(inline.children)


def plain_text(inlines: list[Inline]) -> str:
    """The text a reader sees, without footnote calls."""
    out: list[str] = []
    for inline in inlines:
        if isinstance(inline, (Text, Code, SymbolRef)):
            out.append(inline.text)
        elif isinstance(inline, CrossRef):
            out.append(plain_text(inline.children) if inline.children else inline.text)
        elif isinstance(inline, (Emphasis, Strong, Link)):
            out.append(plain_text(inline.children))
        elif isinstance(inline, LineBreak):
            out.append("\n")
    return "".join(out)
