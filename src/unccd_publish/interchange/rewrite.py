"""Writing translated segments into a language file's Markdown, touching nothing else.

A segment is found by the line its text starts on: the text of a paragraph, heading or
footnote (markdown-it's inline content there), the title of a container (after its name on
the fence line), or a key of the front matter. Only that text is replaced; the markers
before it (a sub-paragraph's "(a)", a typed heading number), labels, ``{noqa}`` lines,
containers and blank lines stay as they are. A new language file is made from the
original's, every text replaced and typed heading numbers dropped (the build numbers
headings in each language).
"""

from __future__ import annotations

import json
import re

from unccd_publish.interchange.segments import Segment
from unccd_publish.reading.markdown import (
    SUBPARA_MARKER,
    TYPED_HEADING_NUMBER,
    TYPED_TITLE_NUMBER,
    parser,
)

FRONT_KEY = re.compile(r"^(?P<key>[A-Za-z_]+):(?P<rest>.*)$")


class Unplaced(ValueError):
    """A segment whose text cannot be found in the file (the file changed since it was read)."""


def rewrite(text: str, changes: list[tuple[Segment, str]], new_file: bool = False) -> str:
    """``text`` (a language file) with the text of each segment replaced by its Markdown."""
    lines = text.split("\n")
    spans = _spans(text, lines)
    front: dict[str, list[str]] = {}
    edits: list[tuple[int, int, int, int, str]] = []  # first line, column, last line, column
    for segment, markdown in changes:
        if segment.kind in ("title", "agenda_title", "subtitle"):
            front.setdefault(segment.kind, []).append(markdown)
            continue
        span = spans.get((segment.line, segment.kind == "container_title"))
        if span is None:
            raise Unplaced(f"no text of segment {segment.id} at line {segment.line}")
        first, column, last, end = span
        prefix = _prefix(segment.kind, lines[first][column:], new_file)
        edits.append((first, column + len(prefix), last, end, markdown))
    for first, column, last, end, markdown in sorted(edits, reverse=True):
        lines[first:last + 1] = [lines[first][:column] + markdown + lines[last][end:]]
    out = "\n".join(lines)
    return _front_matter(out, front) if front else out


def _prefix(kind: str, text: str, new_file: bool) -> str:
    """What stays before a segment's text: a sub-paragraph's marker; a typed number, in the
    file it was typed in."""
    if kind == "subparagraph":
        found = SUBPARA_MARKER.match(text)
        return found.group(0) if found else ""
    pattern = {"heading": TYPED_HEADING_NUMBER, "container_title": TYPED_TITLE_NUMBER}.get(kind)
    if pattern is None or new_file:
        return ""
    found = pattern.match(text)
    return found.group(0) if found else ""


def _spans(text: str, lines: list[str]) -> dict[tuple[int, bool], tuple[int, int, int, int]]:
    """Where the text that starts on each line is: (line, is a container's title) →
    (first line, column, last line, end column), lines from 0."""
    spans: dict[tuple[int, bool], tuple[int, int, int, int]] = {}
    for token in parser().parse(text, {}):
        if not token.map:
            continue
        start = token.map[0]
        if token.type == "inline" and token.content:
            content = token.content.split("\n")
            last = start + len(content) - 1
            head = lines[start].rstrip()
            if not head.endswith(content[0]):
                continue
            spans[(start + 1, False)] = (start, len(head) - len(content[0]), last,
                                         len(lines[last].rstrip()))
        elif token.type == "container_block_open":
            fence = lines[start].rstrip()
            info = token.info.strip()
            title = info.partition(" ")[2].strip()
            if title and fence.endswith(title):
                spans[(start + 1, True)] = (start, len(fence) - len(title), start, len(fence))
    return spans


def _front_matter(text: str, values: dict[str, list[str]]) -> str:
    """``text`` with the front matter's keys ``values`` written anew, as YAML strings."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise Unplaced("the file has no front matter")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise Unplaced("the front matter is never closed")
    out = [lines[0]]
    i = 1
    while i < end:
        found = FRONT_KEY.match(lines[i])
        key = found["key"] if found else None
        if key is None or key not in values:
            out.append(lines[i])
            i += 1
            continue
        i += 1  # the key's own continuation lines and list items go with it
        while i < end and (lines[i].startswith((" ", "\t", "-")) or not lines[i].strip()):
            i += 1
        out += _yaml_value(key, values.pop(key), listed=key == "agenda_title")
    for key, value in values.items():  # a key the file did not have
        out += _yaml_value(key, value, listed=key == "agenda_title")
    return "\n".join(out + lines[end:])


def _yaml_value(key: str, values: list[str], listed: bool) -> list[str]:
    quoted = [json.dumps(v, ensure_ascii=False) for v in values]
    if listed and len(quoted) > 1:
        return [f"{key}:", *(f"  - {q}" for q in quoted)]
    return [f"{key}: {quoted[0]}"]
