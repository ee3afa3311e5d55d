"""pandoc's reading of the marked file (its JSON AST), as a flat run of paragraphs and
tables, each paragraph known by the mark of its Word paragraph."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from typing import Any

import pypandoc

from unccd_publish.wordin.marking import MARK
from unccd_publish.wordin.problems import RESAVE, Refused

Inline = dict[str, Any]  # a pandoc inline: {"t": "Str", "c": "text"}
TEXT_BLOCKS = {"Para", "Plain", "Header"}
CONTAINERS = {"Div", "BlockQuote"}
LISTS = {"OrderedList", "BulletList"}


@dataclass
class Para:
    index: int  # the Word paragraph's, see :mod:`unccd_publish.wordin.marking`
    inlines: list[Inline]


@dataclass
class Table:
    first: int  # the index of its first paragraph
    rows: list[list[list[Item]]]  # rows of cells of what each holds


@dataclass
class Other:
    """A block pandoc made that is neither text nor table (a code block, a rule)."""

    kind: str
    text: str


Item = Para | Table | Other


def read_ast(data: bytes) -> dict[str, Any]:
    """pandoc's JSON AST of a .docx (tracked changes accepted, as Word shows them)."""
    try:
        done = subprocess.run([pypandoc.get_pandoc_path(), "-f", "docx", "-t", "json",
                               "--track-changes=accept"], input=data, capture_output=True,
                              check=False, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Refused(f"pandoc could not be run: {exc}", "docx.unreadable") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise Refused("pandoc cannot read the file: " + (message[-1] if message else
                                                         f"exit {done.returncode}")
                      + RESAVE, "docx.unreadable")
    return json.loads(done.stdout)


def flatten(blocks: list[dict[str, Any]]) -> list[Item]:
    """The paragraphs and tables of ``blocks`` in reading order, lists and divisions
    opened (Word's numbers are read elsewhere)."""
    out: list[Item] = []
    for block in blocks:
        kind, content = block["t"], block.get("c")
        if kind in TEXT_BLOCKS:
            inlines = content[2] if kind == "Header" else content
            index, inlines = unmark(inlines)
            if index is not None:
                out.append(Para(index, inlines))
            elif inlines:
                out.append(Other(kind, stringify(inlines)))
        elif kind in CONTAINERS:
            out += flatten(content[1] if kind == "Div" else content)
        elif kind in LISTS:
            for item in content[1] if kind == "OrderedList" else content:
                out += flatten(item)
        elif kind == "DefinitionList":
            for term, definitions in content:
                out += flatten([{"t": "Plain", "c": term}])
                for definition in definitions:
                    out += flatten(definition)
        elif kind == "Figure":
            out += flatten(content[2])
        elif kind == "Table":
            out.append(_table(content))
        elif kind == "LineBlock":
            for line in content:
                out += flatten([{"t": "Plain", "c": line}])
        elif kind in ("CodeBlock", "RawBlock"):
            out.append(Other(kind, content[1]))
        elif kind == "HorizontalRule":
            out.append(Other(kind, ""))
    return out


def _table(content: list[Any]) -> Table:
    _, _, _, head, bodies, foot = content
    rows = list(head[1])
    for body in bodies:
        rows += body[2] + body[3]
    rows += foot[1]
    cells = [[flatten(cell[4]) for cell in row[1]] for row in rows]
    first = next((p.index for row in cells for cell in row for p in cell
                  if isinstance(p, Para)), 0)
    return Table(first, cells)


def unmark(inlines: list[Inline]) -> tuple[int | None, list[Inline]]:
    """The paragraph's mark, and its inlines without it."""
    if not inlines or inlines[0].get("t") != "Str":
        return None, inlines
    found = MARK.match(inlines[0]["c"])
    if found is None:
        return None, inlines
    rest = inlines[0]["c"][found.end():]
    return int(found[1]), ([{"t": "Str", "c": rest}] if rest else []) + inlines[1:]


def stringify(inlines: list[Inline]) -> str:
    """The text of pandoc inlines, as pandoc's own stringify gives it."""
    out: list[str] = []
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak"):
            out.append(" ")
        elif kind == "LineBreak":
            out.append("\n")
        elif kind in ("Emph", "Strong", "Underline", "Strikeout", "Superscript",
                      "Subscript", "SmallCaps"):
            out.append(stringify(content))
        elif kind in ("Span", "Quoted", "Cite", "Link", "Image"):
            out.append(stringify(content[1]))
        elif kind in ("Code", "Math", "RawInline"):
            out.append(content[1])
    return "".join(out)
