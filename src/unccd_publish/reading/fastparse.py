"""The tree of a Markdown file made by markdown-it-pyrs (which parses ten times faster than
markdown-it-py; with the adapter, the tree costs a third), for the files whose shape it
reproduces exactly; ``fast_tree`` declines any other file, which markdown-it-py (the
reference, with the containers and attributes of mdit-py-plugins) reads.

A line-level pre-pass finds what pyrs has no plugin for: the front matter, the container
fences (``::: name``, closed by a line of as many colons or more) and the attribute lines
(``{#label}``). Each such line is replaced, line for line, by an empty ATX heading ``#``,
which ends every open block as the fence or the attribute block does; pyrs parses the result,
and the adapter turns its tree into ``Node``s with the interface of markdown-it-py's
``SyntaxTreeNode`` that the reader uses, rebuilding the containers and attaching the
attributes where the markers stand, and makes the quotes typographic with markdown-it-py's
own rule. Whatever the pre-pass or the adapter cannot vouch for (an indented fence or
attribute line, a marker that pyrs did not see as a top-level heading, an unclosed container,
a footnote call left as text, a link either parser might encode, an unknown node, …) raises
``Declined``; tests/test_fast_parse.py finds what each check is for.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from types import MappingProxyType, SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when a first file is parsed (see markdown.py)
    from markdown_it_pyrs import MarkdownIt as RustMarkdownIt
    from markdown_it_pyrs import Node as RustNode

# markdown-it-py's "commonmark" preset without raw HTML, plus footnotes. pyrs's own
# "commonmark" preset turns html_block and html_inline on, so the rules are named. The front
# matter is read by the pre-pass, as mdit-py-plugins reads it, and the quotes by
# markdown-it-py's smartquotes rule (pyrs's pairs quotes across paragraphs).
RULES = ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph",
         "reference", "autolink", "backticks", "emphasis", "entity", "escape", "image", "link",
         "newline", "footnote"]
INLINE = frozenset(("text", "text_special", "softbreak", "hardbreak", "em", "strong",
                    "code_inline", "link", "autolink", "image", "footnote_ref",
                    "footnote_ref_anchor"))
# a link target that markdown-it-py and pyrs both leave as written (no encoding to differ on)
PLAIN_URL = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&'()*+,;=]*")
BAD_SCHEME = re.compile(r"(?i)[ \t]*(?:vbscript|javascript|file|data):")
FOOTNOTE_LABEL = re.compile(rb"\[\^([^\] ]+)\]:")
NUMBER = re.compile(rb"\d+")
BACKTICKS = re.compile(r"`+")
# markdown-it-py stops reading inline markup 120 levels deep (maxNesting), and each '[' whose
# label is being read is a level: a block with fewer '[' than that never reaches the limit
BRACKETS = 100
BLANK_LINE = re.compile(r"\n[ \t]*\n")
FENCE = re.compile(r" {0,3}```")
DEFINITION = re.compile(rb"\[\^[^\] \n]+\]:")
# the state markdown-it-py's smartquotes rule reads: the commonmark preset's quotes
QUOTES = SimpleNamespace(md=SimpleNamespace(options=SimpleNamespace(quotes="“”‘’")))
# what markdown-it-py might read as an attribute block, after the markers are replaced
LEFTOVER = re.compile(r"\{[^\n]*\}[ \t]*$", re.M)
MARKER = "#"  # what a fence or attribute line becomes for pyrs: an empty heading


class Declined(Exception):
    """The fast path cannot vouch for this source: markdown-it-py must read it."""


class Node:
    """A node with the part of ``SyntaxTreeNode``'s interface that the reader uses. An
    ``inline`` node's ``content`` is exact on its first line (all the reader looks at)."""

    info = ""
    tag = ""
    attrs: Mapping[str, Any] = MappingProxyType({})
    meta: Mapping[str, Any] = MappingProxyType({})

    def __init__(self, type_: str, map_: list[int] | None = None,
                 children: Sequence[Node] = (), content: str = "") -> None:
        """A node of type ``type_`` starting at 0-based line ``map_[0]``."""
        self.type = type_
        self.map = map_
        self.children = children
        self.content = content


@cache
def rust_parser() -> RustMarkdownIt:
    """pyrs configured as ``markdown.parser()`` is, but for the plugins the pre-pass stands in
    for."""
    from markdown_it_pyrs import MarkdownIt as RustMarkdownIt

    return RustMarkdownIt("zero").enable_many(RULES)  # type: ignore[arg-type]


def fast_tree(text: str, nesting: int, known: Callable[[str, str], bool],
              inline_nesting: int = 20) -> Node:
    """The root of ``text``'s tree, containers named (``container_decision``); ``known`` is the
    container plugin's validation. Raises ``Declined``, also where emphasis and links are
    nested more than ``inline_nesting`` deep (markdown-it-py's path reports it)."""
    if "\r" in text or "\x00" in text or "^[" in text:
        raise Declined("line ends, NUL or inline footnotes: markdown-it-py normalises them")
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        raise Declined("NEL or a line or paragraph separator: white space to pyrs only")
    if text.count("[") >= BRACKETS and any(
            block.count("[") >= BRACKETS for block in BLANK_LINE.split(text)):
        raise Declined("a block with so many '[' that markdown-it-py's nesting limit may bite")
    if not _plain_delimiters(text):
        raise Declined("'*' or '_' next to a symbol: punctuation to markdown-it-py only")
    lines = text.split("\n")
    front = _front_matter(lines)
    markers = _markers(lines, (front.map[1] if front and front.map else 0), known)
    for line in markers:
        lines[line] = MARKER
    text = "\n".join(lines)
    if ":::" in text or LEFTOVER.search(text):
        raise Declined("a fence or attribute line the pre-pass cannot place (indented, after a "
                       "list's marker or a quote's '>', …)")
    try:
        source = text.encode()
    except UnicodeEncodeError as error:
        raise Declined("a lone surrogate") from error
    adapter = _Adapter(source, markers, nesting, inline_nesting)
    # pyrs drops a footnote definition that nothing calls; markdown-it-py keeps it
    adapter.definitions = {m.start() for m in DEFINITION.finditer(source)}
    if "`" in text and not _paired_backticks(text):
        raise Declined("a backtick without its pair after a '[': pyrs panics on some")
    try:
        tree = rust_parser().tree(text)
    except BaseException as error:  # pyo3's PanicException, which is no Exception
        if type(error).__name__ != "PanicException":
            raise
        raise Declined("pyrs panicked") from error
    try:
        return adapter.root(tree, front)
    except RecursionError as error:
        raise Declined("nested too deep to convert") from error


def _plain_delimiters(text: str) -> bool:
    """No run of ``*`` or ``_`` stands next to a non-ASCII symbol (€, ±, °, ～, …), which
    markdown-it-py counts as punctuation when it decides what a run may open or close (as
    CommonMark 0.31 does) and pyrs does not."""
    for mark in "*_":  # str.find: a regular expression would cost more than the parse
        at = text.find(mark)
        while at >= 0:
            for char in text[at - 1:at] + text[at + 1:at + 2]:
                if char > "\x7f" and unicodedata.category(char)[0] == "S":
                    return False
            at = text.find(mark, at + 1)
    return True


def _paired_backticks(text: str) -> bool:
    """No code span is left open after a '[' (pyrs panics on ``[x `x``, indexing its cache of
    backticks out of bounds): in each block with both, every line but a fence's holds its runs
    of backticks in pairs of one length, none escaped."""
    for block in BLANK_LINE.split(text):
        if "`" not in block or "[" not in block:
            continue
        for line in block.split("\n"):
            if "`" not in line or FENCE.match(line):
                continue
            lengths = [len(run) for run in BACKTICKS.findall(line)]
            if "\\`" in line or any(lengths.count(n) % 2 for n in set(lengths)):
                return False
    return True


def _front_matter(lines: list[str]) -> Node | None:
    """The front matter as mdit-py-plugins reads it (its lines are blanked for pyrs)."""
    if not lines[0].startswith("-"):
        return None
    if lines[0] != "---":
        raise Declined("an opening line of the front matter other than '---'")
    for end in range(1, len(lines)):
        line = lines[end]
        stripped = line.lstrip(" \t")
        if stripped[:1] not in ("-", "."):
            continue
        indent = line[:len(line) - len(stripped)]
        if "\t" in indent:
            raise Declined("a tab before a line of dashes or dots in the front matter")
        if stripped[0] == ".":  # "..." closes it too, unindented
            closes = not indent and stripped.startswith("...") and not stripped[3:].strip(" \t")
        else:  # three dashes or more, indented by less than a code block
            dashes = len(stripped) - len(stripped.lstrip("-"))
            closes = len(indent) < 4 and dashes >= 3 and not stripped[dashes:].strip(" \t")
        if closes:
            node = Node("front_matter", [0, end + 1], content="\n".join(lines[1:end]))
            lines[:end + 1] = [""] * (end + 1)
            return node
    raise Declined("front matter never closed")


def _markers(lines: list[str], first: int,
             known: Callable[[str, str], bool]) -> dict[int, tuple[Any, ...]]:
    """The fence and attribute lines by 0-based line: ``("open", info, end line)``,
    ``("close", how many containers it ends)`` or ``("attrs", {…})``."""
    from mdit_py_plugins.attrs.parse import ParseError
    from mdit_py_plugins.attrs.parse import parse as parse_attributes

    markers: dict[int, tuple[Any, ...]] = {}
    stack: list[tuple[int, int]] = []  # open containers: (colons, line)
    blank = True  # the line before is blank, a marker or the start: a block starts here
    for number in range(first, len(lines)):
        line = lines[number]
        head = line[:1]
        if head == ":" and line.startswith(":::"):
            colons = len(line) - len(line.lstrip(":"))
            params = line[colons:]
            if not params.strip(" \t"):  # a closing fence: it ends the outermost container
                # it can, and the ones inside it (their search stops at their parent's end)
                at = next((i for i, (c, _) in enumerate(stack) if c <= colons), None)
                if at is None:
                    raise Declined("a line of colons that closes nothing")
                for _, opened in stack[at:]:
                    markers[opened] = (*markers[opened], number)
                markers[number] = ("close", len(stack) - at)
                del stack[at:]
            elif known(params, line[:colons]):
                stack.append((colons, number))
                markers[number] = ("open", params)
            else:
                raise Declined("an unknown container")
            blank = True
        elif head == "{" and (end := line.rstrip(" \t")).endswith("}"):
            try:
                _, attrs = parse_attributes(end)
            except ParseError:  # a paragraph's line, which the check for leftovers declines
                blank = False
                continue
            if not blank:
                raise Declined("an attribute line that does not start a block")
            markers[number] = ("attrs", attrs)
        else:
            blank = not line.strip(" \t")
    if stack:
        raise Declined("a container never closed")
    return markers


class _Adapter:
    """pyrs's nodes to ``Node``s: lines from byte offsets, containers from the markers."""

    def __init__(self, source: bytes, markers: dict[int, tuple[Any, ...]],
                 nesting: int, inline_nesting: int = 20) -> None:
        """An adapter for the bytes pyrs parsed and the pre-pass's markers."""
        self.source = source
        self.markers = markers
        self.nesting = nesting
        self.inline_nesting = inline_nesting
        self.depth = 0  # of the emphasis and links being converted
        self.starts = [0, *(m.end() for m in re.finditer(b"\n", source))]
        self.labels: set[str] = set()
        self.definitions: set[int] = set()  # where a footnote definition may start
        self.quoted = False  # a text of the inline being converted holds a straight quote

    def map(self, node: RustNode) -> list[int]:
        """markdown-it-py's ``map`` (first line, line after the last) of a pyrs node."""
        where = node.srcmap
        if where is None:
            raise Declined(f"no source map on a {node.name}")
        start, end = where
        return [bisect_right(self.starts, start) - 1,
                bisect_right(self.starts, max(end - 1, start))]

    def root(self, tree: RustNode, front: Node | None) -> Node:
        """The document: the footnote definitions put back where they stand, the markers
        turned into containers and attributes."""
        top = list(tree.children)
        notes: Sequence[RustNode] = []
        if top and top[-1].name == "footnote_container":
            notes = top.pop().children
        for note in notes:
            self.labels.add(self.note_label(note))
        if len(self.labels) != len(notes):
            raise Declined("a footnote defined twice")
        if self.definitions - {note.srcmap[0] for note in notes}:  # type: ignore[index]
            raise Declined("a footnote definition that pyrs did not read (one never called)")
        items = sorted([*top, *notes], key=lambda n: n.srcmap[0] if n.srcmap else -1)
        root = Node("root", None, [front] if front else [])
        stack: list[Node] = [root]
        pending: dict[str, Any] | None = None
        seen = 0
        last = -1
        for item in items:
            where = self.map(item)
            if where[0] < last:
                raise Declined("a footnote definition inside another block")
            last = where[1]
            marker = self.markers.get(where[0]) if item.name == "heading" else None
            if marker is None:
                node = self.block(item, where, len(stack) - 1)
                if pending:
                    node.attrs = {**node.attrs, **_safe(pending)}
                pending = None
                stack[-1].children.append(node)  # type: ignore[attr-defined]
                continue
            seen += 1
            if marker[0] == "attrs":
                pending = _merge(pending, marker[1])
                continue
            if marker[0] == "close":
                del stack[-marker[1]:]
                pending = None
                continue
            if len(stack) > self.nesting:
                raise Declined("nested deeper than the limit")
            node = Node(f"container_{marker[1].strip().split(' ', 1)[0]}",
                        [where[0], marker[2]], [])
            node.info = marker[1]
            if pending:
                node.attrs = _safe(pending)
            pending = None
            stack[-1].children.append(node)  # type: ignore[attr-defined]
            stack.append(node)
        if seen != len(self.markers):
            raise Declined("a fence or attribute line that pyrs did not read as a block")
        return root

    def note_label(self, note: RustNode) -> str:
        """The label of a footnote definition, as written."""
        if note.name != "footnote_def" or note.srcmap is None:
            raise Declined(f"a {note.name} among the footnotes")
        found = FOOTNOTE_LABEL.match(self.source, note.srcmap[0])
        if found is None or found.group(1).decode() != note.meta.get("label"):
            raise Declined("a footnote label pyrs reads differently")
        return found.group(1).decode()

    def block(self, node: RustNode, where: list[int], depth: int) -> Node:
        """One block node at lines ``where`` and what it holds; ``depth`` counts the lists,
        quotes and containers around it."""
        name = node.name
        if name == "paragraph":
            return self.paragraph(node.children, where)
        if name == "heading" or name == "lheading":
            out = Node("heading", where, [self.inline(node.children, where, name)])
            out.tag = f"h{node.meta['level']}"
            return out
        if name == "bullet_list" or name == "ordered_list" or name == "blockquote":
            if depth >= self.nesting:
                raise Declined("nested deeper than the limit")
            if name == "blockquote":
                return Node(name, where, self.blocks(node.children, depth + 1))
            ordered = name == "ordered_list"
            out = Node(name, where, [self.item(i, depth + 1, ordered) for i in node.children])
            if ordered and (start := node.meta.get("start", 1)) != 1:
                out.attrs = {"start": start}
            return out
        if name == "footnote_def":
            out = Node("footnote_reference", where, self.blocks(node.children, depth))
            out.meta = {"label": self.note_label(node)}
            return out
        if name == "code_block" or name == "fence" or name == "hr":
            return Node(name, where)
        raise Declined(f"a {name} block")

    def blocks(self, nodes: Sequence[RustNode], depth: int) -> list[Node]:
        """Block nodes; a run of inline nodes (a tight list's paragraph) becomes a paragraph."""
        out: list[Node] = []
        run: list[RustNode] = []
        for node in nodes:
            name = node.name
            if name in INLINE:
                if name != "footnote_ref_anchor":
                    run.append(node)
                continue
            if run:
                out.append(self.paragraph(run, None))
                run = []
            out.append(self.block(node, self.map(node), depth))
        if run:
            out.append(self.paragraph(run, None))
        return out

    def item(self, node: RustNode, depth: int, ordered: bool) -> Node:
        """A list item; an ordered one's ``info`` is its number as written."""
        where = self.map(node)
        out = Node("list_item", where, self.blocks(node.children, depth))
        if ordered:
            number = NUMBER.match(self.source, node.srcmap[0])  # type: ignore[index]
            if number is None:
                raise Declined("a list item without its number")
            out.info = number.group(0).decode()
        return out

    def paragraph(self, children: Sequence[RustNode], where: list[int] | None) -> Node:
        """A paragraph; a tight list's has no node in pyrs and starts at its first inline."""
        if where is None:
            where = self.map(children[0])
        return Node("paragraph", where, [self.inline(children, where)])

    def inline(self, children: Sequence[RustNode], where: list[int], heading: str = "") -> Node:
        """An inline node: its first line's source as ``content``, its children converted."""
        self.quoted = False
        converted = self.convert(children)
        if self.quoted:  # markdown-it-py's own rule, on a token stream like its own
            from markdown_it.rules_core.smartquotes import process_inlines

            stream: list[_Token] = []
            _stream(converted, 0, stream)
            process_inlines(stream, QUOTES)  # type: ignore[arg-type]
            for token in stream:
                if token.node is not None:
                    token.node.content = token.content
        converted = _join(converted)
        if converted and ((converted[0].type == "text" and converted[0].content[:1].isspace())
                          or (converted[-1].type == "text"
                              and converted[-1].content[-1:].isspace())):
            raise Declined("white space that markdown-it-py strips and pyrs keeps")
        content = ""
        if children:
            first = children[0].srcmap
            if first is None:
                raise Declined("no source map on an inline")
            end = self.source.find(b"\n", first[0])
            content = self.source[first[0]:end if end >= 0 else len(self.source)].decode()
            if heading == "heading":  # an ATX heading: without its closing sequence
                content = content.rstrip(" \t")
                bare = content.rstrip("#")
                if bare != content and (not bare or bare[-1] in " \t"):
                    content = bare
                content = content.strip()
            elif heading and where[1] - where[0] == 2:  # a setext heading of one line
                content = content.strip()
            elif heading and content != content.rstrip():
                raise Declined("a setext heading's first line ends in white space")
        return Node("inline", where, converted, content)

    def convert(self, nodes: Sequence[RustNode]) -> list[Node]:
        """Inline nodes, texts and special texts (escapes, entities) not yet joined."""
        out: list[Node] = []
        for node in nodes:
            name = node.name
            if name == "text" or name == "text_special":
                content = node.meta["content"]
                if '"' in content or "'" in content:
                    self.quoted = True
                out.append(Node(name, None, (), content))
            elif name == "softbreak" or name == "hardbreak":
                out.append(Node(name))
            elif name == "em" or name == "strong":
                out.append(Node(name, None, self.convert_within(node.children)))
            elif name == "code_inline":
                code = "".join(c.meta["content"] for c in node.children)
                if code and not code.strip(" "):  # pyrs strips a space off all-space code
                    raise Declined("code of spaces alone")
                out.append(Node(name, None, (), code))
            elif name == "link" or name == "autolink":
                url = node.meta["url"]
                if "%" in url or not PLAIN_URL.fullmatch(url) or BAD_SCHEME.match(url):
                    raise Declined("a link target that markdown-it-py may encode or refuse")
                if name == "link":
                    link = Node(name, None, self.convert_within(node.children))
                else:  # markdown-it-py's autolink holds a text token
                    text = "".join(c.meta["content"] for c in node.children)
                    self.quoted = self.quoted or "'" in text or '"' in text
                    link = Node("link", None, [Node("text", None, (), text)])
                link.attrs = {"href": url}
                out.append(link)
            elif name == "footnote_ref":
                call = Node(name)
                call.meta = {"label": self.call_label(node)}
                out.append(call)
            elif name != "footnote_ref_anchor":
                raise Declined(f"an inline {name}")
        return out

    def convert_within(self, nodes: Sequence[RustNode]) -> list[Node]:
        """The inline nodes within an emphasis or a link."""
        self.depth += 1
        try:
            if self.depth > self.inline_nesting:
                raise Declined("emphasis and links nested beyond the limit")
            return self.convert(nodes)
        finally:
            self.depth -= 1

    def call_label(self, node: RustNode) -> str:
        """The label of a footnote call, as written, which must be defined."""
        if node.srcmap is None:
            raise Declined("no source map on a footnote call")
        start, end = node.srcmap
        written = self.source[start:end]
        label = written[2:-1].decode()
        if not (written.startswith(b"[^") and written.endswith(b"]")) or label not in self.labels:
            raise Declined("a footnote call pyrs reads differently")
        return label


def _merge(before: dict[str, Any] | None, after: dict[str, Any]) -> dict[str, Any]:
    """Two attribute lines in a row, as mdit-py-plugins merges them (the later one wins)."""
    merged = dict(after)
    for key, value in (before or {}).items():
        if key == "class" and "class" in after:
            merged["class"] = f"{value} {after['class']}"
        elif key not in after:
            merged[key] = value
    return merged


def _safe(attrs: dict[str, Any]) -> dict[str, Any]:
    """The attributes mdit-py-plugins keeps on a block (it drops event handlers)."""
    return {k: v for k, v in attrs.items() if not k.lower().startswith("on")}


class _Token:
    """What markdown-it-py's smartquotes rule reads of a token, and the node it stands for."""

    __slots__ = ("content", "level", "node", "type")

    def __init__(self, type_: str, content: str, level: int, node: Node | None = None) -> None:
        """A token of ``type_`` at nesting ``level``."""
        self.type = type_
        self.content = content
        self.level = level
        self.node = node


def _stream(nodes: Sequence[Node], level: int, out: list[_Token]) -> None:
    """The tokens markdown-it-py's smartquotes rule would see for these inline nodes."""
    for node in nodes:
        if node.type in ("em", "strong", "link"):
            out.append(_Token(f"{node.type}_open", "", level))
            _stream(node.children, level + 1, out)
            out.append(_Token(f"{node.type}_close", "", level))
        else:
            out.append(_Token(node.type, node.content, level, node))


def _join(nodes: Sequence[Node]) -> list[Node]:
    """Adjacent texts and special texts (escapes, entities) as one text, as text_join does."""
    out: list[Node] = []
    for node in nodes:
        if node.type in ("text", "text_special"):
            if "[^" in node.content:
                raise Declined("'[^' in a text: a footnote call pyrs may read differently")
            if out and out[-1].type == "text":
                out[-1].content += node.content
                continue
            node.type = "text"
        elif node.children:
            node.children = _join(node.children)
        out.append(node)
    return out
