"""The blocks of an imported body and how each is written in the source format."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

STARTS_BLOCK = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^(?:#{1,6}|[+*-])(?=\s|$)|^(?:>|:::)"
                          r"|^\([a-z]{1,4}\)(?=\s|$)|^\{.*\}\s*$|^(?:-{3,}|\*{3,}|_{3,}|=+)\s*$")
FENCES = {"decision": 5, "annex": 4, "table": 3, "summary": 3}  # an annex holds tables
SUB_MARK = re.compile(r"^\(([a-z]{1,4})\)(?=\s|$)")


def safe_start(text: str, marker_ok: bool = False) -> str:
    """``text`` with what Markdown would read as a list, heading or container at the start
    of a line escaped; ``marker_ok``: a sub-paragraph's "(a)" stands."""
    lines = text.split("\n")
    out = []
    for number, line in enumerate(lines):
        if number == 0 and marker_ok and SUB_MARK.match(line):
            out.append(line)
            continue
        found = STARTS_BLOCK.match(line)
        if found is None:
            out.append(line)
        elif found[1]:
            out.append(f"{found[1]}\\{found[2]}{line[found.end():]}")
        else:
            out.append("\\" + line)
    return "\n".join(out)


def indent(text: str, by: int) -> str:
    pad = " " * by
    return "\n".join(pad + line if line else line for line in text.split("\n"))


class Block:
    def render(self) -> str:
        raise NotImplementedError


@dataclass
class Text(Block):
    """A paragraph (``sub``: a sub-paragraph, its marker typed at the start)."""

    markdown: str
    sub: bool = False

    def render(self) -> str:
        return safe_start(self.markdown, marker_ok=self.sub)


@dataclass
class Heading(Block):
    level: int
    markdown: str

    def render(self) -> str:
        return "#" * self.level + " " + self.markdown.replace("\n", " ")


@dataclass
class Item:
    blocks: list[Block] = field(default_factory=list)


@dataclass
class ListBlock(Block):
    """A bullet list, or a numbered list in a cell (``start`` set)."""

    items: list[Item] = field(default_factory=list)
    start: int | None = None

    def render(self) -> str:
        out = []
        for number, item in enumerate(self.items, self.start or 0):
            lead = f"{number}. " if self.start is not None else "- "
            out.append(lead + indent(join(item.blocks), len(lead))[len(lead):])
        return ("\n\n" if self.loose else "\n").join(out)

    @property
    def loose(self) -> bool:
        return any(sum(isinstance(b, Text) for b in item.blocks) > 1 for item in self.items)


@dataclass
class Numbered(Block):
    number: str  # as typed, "7."
    markdown: str
    blocks: list[Block] = field(default_factory=list)

    def render(self) -> str:
        lead = f"{self.number} "
        first = safe_start(self.markdown)
        body = join([Text(first), *self.blocks]) if self.blocks else first
        return lead + indent(body, len(lead))[len(lead):]


@dataclass
class Container(Block):
    kind: str  # decision, annex, table, summary
    info: str
    blocks: list[Block] = field(default_factory=list)

    def render(self) -> str:
        fence = ":" * FENCES[self.kind]
        head = " ".join(filter(None, [fence, self.kind, self.info.replace("\n", " ")]))
        return "\n".join([head, join(self.blocks), fence]) if self.blocks else \
            f"{head}\n{fence}"


@dataclass
class Table(Block):
    caption: str
    header_rows: int
    rows: list[list[list[Block]]]

    def render(self) -> str:
        info = (f"header={self.header_rows} " if self.header_rows > 1 else "") + self.caption
        lines = []
        for row in self.rows:
            cells = []
            for cell in row:
                text = join(cell)
                cells.append("  - " + indent(text, 4)[4:] if text else "  -")
            lines.append("- " + "\n".join(cells)[2:])
        return Container("table", info.strip(), [Raw("\n".join(lines))]).render()


@dataclass
class Raw(Block):
    text: str

    def render(self) -> str:
        return self.text


def join(blocks: list[Block]) -> str:
    """Blocks one after another, a blank line between them; a list straight after the
    paragraph that leads into it stays tight only within a list item."""
    return "\n\n".join(b.render() for b in blocks)
