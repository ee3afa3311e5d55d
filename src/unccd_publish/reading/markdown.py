"""Markdown (markdown-it-py with mdit-py-plugins) to the document model, for one language file."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from unccd_publish import model as m
from unccd_publish.diagnostics import Diagnostics, Location
from unccd_publish.numbering import letter, parse_roman
from unccd_publish.reading import fastparse

if TYPE_CHECKING:  # the parsers are imported when a first file is parsed: a run whose
    # documents all come from the read cache (a check with nothing to compare again, -E
    # with a warm cache) parses nothing
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

CONTAINERS = ("summary", "decision", "annex", "table")

Context = Literal["body", "decision", "annex", "numbered", "cell", "item", "summary", "footnote"]

HEADING_LEVELS: dict[str, dict[int, m.SectionLevel]] = {
    "body": {1: "chapter", 2: "section", 3: "subsection"},
    "decision": {1: "chapter", 2: "section", 3: "subsection"},
    "annex": {1: "annex_section", 2: "annex_subsection"},
}

SUBPARA_MARKER = re.compile(r"^\((?P<marker>[a-z]{1,3}|[ivxlc]{1,6})\)[ \t\u3000]*")
TYPED_HEADING_NUMBER = re.compile(
    r"^(?P<n>[IVXLC]+\.|[一二三四五六七八九十]+[.．、]|[A-Z]\.|\d+(?:\.\d+)*\.?)[ \t\u3000]+"
)
TYPED_TITLE_NUMBER = re.compile(r"^(?P<n>\d+)\.[ \t\u3000]+")
UNDEFINED_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
ALLOWED_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
RAW_HTML = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
UNSAFE_LINK = re.compile(r"(?:\]\(|<)\s*(?P<url>(?:javascript|vbscript|data|file):[^\s)>]*)",
                         re.I)
OTHER_DOCUMENT = re.compile(r"^(?P<folder>[a-z0-9][a-z0-9._-]*)#(?P<label>[^#\s]+)$")


@cache
def parser() -> MarkdownIt:
    """The one Markdown parser of the project: CommonMark, raw HTML off, plus our plugins."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_block_plugin
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": True,
                                   "maxNesting": 120})  # parse_markdown bounds nesting itself
    # Typographic quotation marks and apostrophes ("…" → “…”, ' → ’), as UN English prints
    # them; Chinese sources already write “ ” and keep them. The other replacements are off:
    # they would turn the subparagraph "(c)" into ©.
    md.enable("smartquotes").disable("replacements")
    md.use(front_matter_plugin)
    md.use(footnote_plugin, move_to_end=False)
    md.use(attrs_block_plugin)
    # One container rule for all the names: the rule runs on every line of every block, so
    # four of them cost a quarter of the parsing time. parse_markdown names the tokens.
    md.use(container_plugin, name="block", validate=_known_container)
    return md


def typographic(text: str) -> str:
    """Plain text (a title of the front matter) with the quotation marks and apostrophes the
    body's text gets from the parser's typographer."""
    if '"' not in text and "'" not in text:
        return text
    tokens = parser().parseInline(text, {})
    children = (tokens[0].children or []) if tokens else []
    if not children or any(t.type not in ("text", "softbreak") for t in children):
        return text  # markup in a title is printed as written
    return "".join(t.content if t.type == "text" else "\n" for t in children)


def _known_container(params: str, _markup: str) -> bool:
    return params.strip().split(" ", 1)[0] in CONTAINERS


def _name_containers(tokens: list) -> None:  # type: ignore[type-arg]
    """container_block_open/close → container_decision_open/close (by the opening's info)."""
    stack: list[str] = []
    for token in tokens:
        if token.type == "container_block_open":
            stack.append(token.info.strip().split(" ", 1)[0])
            token.type = f"container_{stack[-1]}_open"
        elif token.type == "container_block_close":
            token.type = f"container_{stack.pop()}_close"


@dataclass
class ParsedFile:
    front_matter: str | None
    front_matter_line: int
    summary: m.Summary | None
    body: list[m.Block]
    footnotes: list[m.Footnote] = field(default_factory=list)


@dataclass
class _Heading:
    """A heading before it is nested with what follows it."""

    location: Location
    depth: int
    title: list[m.Inline]
    typed: str | None
    label: str | None
    suppress: frozenset[str] = m.NO_CODES


def parse_markdown(text: str, path: Path, diagnostics: Diagnostics,
                   nesting: int = 8, fast: bool = True) -> ParsedFile:
    """The model of one language file; ``nesting`` bounds lists, containers and quotes within
    one another. With ``fast``, markdown-it-pyrs makes the tree of a file whose shape it
    reproduces exactly (see ``fastparse``); markdown-it-py reads every other file."""
    _check_attribute_lines(text, path, diagnostics)
    if fast:
        try:
            tree = fastparse.fast_tree(text, nesting, _known_container, INLINE_NESTING)
        except fastparse.Declined:
            pass
        else:
            return _Reader(path, diagnostics).read(tree)
    tokens = parser().parse(text, {})
    _check_closed(tokens, text, path, diagnostics)
    deepest = _too_deep(tokens, nesting)
    inline = _too_deep_inline(tokens, INLINE_NESTING) if deepest is None else None
    if deepest is not None:
        depth, line = deepest
        diagnostics.error(Location(path, line), f"lists, containers and quotes are nested {depth} "
                          f"deep here, more than the limit of {nesting} (limits: nesting in "
                          "config.yaml)", "limit.nesting")
    elif inline is not None:
        depth, line = inline
        diagnostics.error(Location(path, line), f"emphasis and links are nested {depth} deep "
                          f"here, more than the limit of {INLINE_NESTING}; close them sooner "
                          "(fewer '*', '_' and links within one another)", "limit.nesting")
    if deepest is not None or inline is not None:
        front = next((t for t in tokens if t.type == "front_matter"), None)
        return ParsedFile(front.content if front else None,
                          (front.map[0] + 2) if front and front.map else 1, None, [])
    _name_containers(tokens)
    from markdown_it.tree import SyntaxTreeNode

    tree = SyntaxTreeNode(tokens)
    try:
        return _Reader(path, diagnostics).read(tree)
    finally:
        _let_go(tree)


def _let_go(tree: SyntaxTreeNode) -> None:
    """Unlink every node of the tree from its parent. Parents and children refer to each
    other, so the tree would otherwise live on after the model is made, until the cycle
    collector finds it; unlinked, it is freed as soon as it is dropped."""
    stack = [tree]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        node.parent = None


NESTING = ("bullet_list", "ordered_list", "blockquote", "container_block")
INLINE_NESTING = 20  # emphasis and links within one another: deeper, no reader follows
CLOSING_FENCE = re.compile(r"^[ \t]*:{3,}[ \t]*$")


def _check_closed(tokens: list, text: str, path: Path,  # type: ignore[type-arg]
                  diagnostics: Diagnostics) -> None:
    """A container left open runs to the end of what holds it: say where it was opened."""
    lines = text.split("\n")
    for token in tokens:
        if token.type == "container_block_open" and token.map:
            start, end = token.map
            if end >= len(lines) or not CLOSING_FENCE.match(lines[end]):  # the line after it
                diagnostics.error(Location(path, start + 1), f"the container '{token.info.strip()}"
                                  "' opened here is never closed: end it with a line ':::' of as "
                                  "many colons", "syntax.container")


def _too_deep_inline(tokens: list, limit: int) -> tuple[int, int] | None:  # type: ignore[type-arg]
    """The first inline content whose emphasis and links are nested more than ``limit``
    deep: (depth, line). Read from the flat tokens: the tree of such a text would be deeper
    than Python's recursion allows."""
    for token in tokens:
        if token.type != "inline":
            continue
        depth = 0
        for child in token.children or []:
            depth += child.nesting
            if depth > limit:
                return depth, (token.map[0] + 1) if token.map else 1
    return None


def _too_deep(tokens: list, limit: int) -> tuple[int, int] | None:  # type: ignore[type-arg]
    """The first place where blocks are nested more than ``limit`` deep: (depth, line)."""
    depth = 0
    for token in tokens:
        if token.type.endswith("_open") and token.type[:-5] in NESTING:
            depth += 1
            if depth > limit:
                return depth, (token.map[0] + 1) if token.map else 1
        elif token.type.endswith("_close") and token.type[:-6] in NESTING:
            depth -= 1
    return None


ATTRIBUTE_LINE = re.compile(r"^[ \t]*\{(?P<inside>[^{}]*)\}[ \t]*$", re.M)
ATTRIBUTE = re.compile(r"(?:^|\s)(?:(?P<key>[A-Za-z_][\w:.-]*)\s*=|\.(?P<cls>[\w-]+))")
KNOWN_ATTRIBUTES = ("id", "noqa")


def _check_attribute_lines(text: str, path: Path, diagnostics: Diagnostics) -> None:
    """An attribute the source format does not know (an event handler, a class, a style) is
    dropped: say so, rather than let the editor believe it does something."""
    for line in ATTRIBUTE_LINE.finditer(text):
        number = text.count("\n", 0, line.start()) + 1
        for found in ATTRIBUTE.finditer(line.group("inside")):
            name = found.group("key") or f".{found.group('cls')}"
            if name in KNOWN_ATTRIBUTES:
                continue
            why = ("an event handler runs script, and no page runs script from a source"
                   if name.lower().startswith("on") else "the source format knows only "
                   "{#label} and {noqa=\"…\"}")
            diagnostics.warning(Location(path, number), f"attribute '{name}' is ignored: {why}",
                                "attr.unknown")


def is_cjk(char: str) -> bool:
    """True for Han characters and CJK punctuation (no space is set next to them)."""
    if not char:
        return False
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x3000 <= code <= 0x303F
        or unicodedata.east_asian_width(char) in ("W", "F")
    )


class _Reader:
    def __init__(self, path: Path, diagnostics: Diagnostics) -> None:
        self.path = path
        self.diagnostics = diagnostics
        self.footnotes: list[m.Footnote] = []
        # one Location a line: the blocks and calls that start on a line share it, so that
        # a read document holds (and its pickle makes) 40 % fewer
        self.locations: dict[int, Location] = {}

    # -- helpers
    def loc(self, node: SyntaxTreeNode) -> Location:
        return self.at((node.map[0] + 1) if node.map else 1)

    def at(self, line: int) -> Location:
        """The location of ``line`` of the file, made once."""
        found = self.locations.get(line)
        if found is None:
            found = self.locations[line] = Location(self.path, line)
        return found

    def error(self, node: SyntaxTreeNode, message: str, code: str) -> None:
        self.diagnostics.error(self.loc(node), message, code)

    @staticmethod
    def label_of(node: SyntaxTreeNode) -> str | None:
        value = node.attrs.get("id") if node.attrs else None
        return str(value) if value else None

    @staticmethod
    def suppress_of(node: SyntaxTreeNode) -> frozenset[str]:
        """Checker codes switched off for this block: a line ``{noqa="code other.code"}``."""
        value = node.attrs.get("noqa") if node.attrs else None
        return frozenset(str(value).replace(",", " ").split()) if value else m.NO_CODES

    # -- the file
    def read(self, tree: SyntaxTreeNode) -> ParsedFile:
        front, front_line = None, 1
        summary: m.Summary | None = None
        rest: list[SyntaxTreeNode] = []
        for node in tree.children:
            if node.type == "front_matter":
                front, front_line = node.content, (node.map[0] + 2 if node.map else 2)
            elif node.type == "container_summary":
                if summary is not None:
                    self.error(node, "a document has one summary; merge the two", "syntax.summary")
                summary = m.Summary(self.loc(node), blocks=self.blocks(node.children, "summary"))
            else:
                rest.append(node)
        body = self.blocks(rest, "body")
        return ParsedFile(front, front_line, summary, body, self.footnotes)

    # -- blocks
    def blocks(self, nodes: list[SyntaxTreeNode], context: Context) -> list[m.Block]:
        out: list[m.Block | _Heading] = []
        subparas: list[m.SubParagraph] = []  # the current run of sub-paragraphs
        annexed = False  # an annex stands last: nothing but another annex follows it
        for node in nodes:
            kind = node.type
            if annexed and kind not in ("container_annex", "footnote_reference"):
                self.error(node, "this follows an annex: an annex stands at the end of the body "
                           "or of a decision", "syntax.annex")
            annexed = annexed or kind == "container_annex"
            if kind == "paragraph":
                block = self.paragraph(node, context, subparas)
                if block is not None:
                    out.append(block)
                continue
            subparas = []
            if kind == "heading":
                out.append(self.heading(node, context))
            elif kind == "ordered_list":
                out.extend(self.ordered_list(node, context))
            elif kind == "bullet_list":
                items = [m.ListItem(self.loc(i), blocks=self.blocks(i.children, "item"))
                         for i in node.children]
                out.append(m.BulletList(self.loc(node), items=items, label=self.label_of(node)))
            elif kind == "footnote_reference":
                self.footnote(node)
            elif kind == "container_decision":
                out.append(self.decision(node, context))
            elif kind == "container_annex":
                out.append(self.annex(node, context))
            elif kind == "container_table":
                out.append(self.table(node))
            elif kind == "container_summary":
                self.error(node, "the summary must stand at the top level of the file",
                           "syntax.summary")
            else:
                self.unsupported(node)
        return self.nest(out, context)

    def unsupported(self, node: SyntaxTreeNode) -> None:
        names = {
            "fence": "a fenced code block",
            "code_block": "an indented code block (indent sub-paragraphs by at most 3 spaces "
            "more than their paragraph's text)",
            "blockquote": "a block quote",
            "hr": "a horizontal rule",
            "html_block": "raw HTML",
        }
        what = names.get(node.type, f"'{node.type}'")
        self.error(node, f"{what} is not part of the source format", "syntax.unsupported")

    def paragraph(self, node: SyntaxTreeNode, context: Context,
                  subparas: list[m.SubParagraph]) -> m.Block | None:
        inline = node.children[0] if node.children else None
        content = inline.content if inline is not None else ""
        if content.startswith(":::"):
            name = content[3:].strip(": ").split("\n", 1)[0].split(" ", 1)[0] or "(none)"
            self.error(node, f"unknown container '{name}'; the containers are "
                       f"{', '.join(CONTAINERS)} (a closing ':::' must match its opening)",
                       "syntax.container")
            return None
        inlines = self.inlines(inline, self.loc(node)) if inline is not None else []
        match = (SUBPARA_MARKER.match(content)
                 if context in ("numbered", "cell", "item", "decision") else None)
        if match is None:
            subparas.clear()
            role: Literal["plain", "preamble"] = "preamble" if context == "decision" else "plain"
            return m.Paragraph(self.loc(node), inlines=inlines, role=role,
                               label=self.label_of(node), suppress=self.suppress_of(node))
        _strip_prefix(inlines, match.end())
        marker = match.group("marker")
        sub = m.SubParagraph(self.loc(node), typed=marker, inlines=inlines,
                             label=self.label_of(node), suppress=self.suppress_of(node))
        level_one = [s for s in subparas if s.level == 1]
        expected_letter = letter(len(level_one) + 1)
        roman = parse_roman(marker)
        if level_one and marker != expected_letter and roman is not None and roman <= 39:
            sub.level = 2
            parent = level_one[-1]
            sub.index = len(parent.items) + 1
            parent.items.append(sub)
            subparas.append(sub)
            return None
        sub.index = len(level_one) + 1
        subparas.append(sub)
        return sub

    def heading(self, node: SyntaxTreeNode, context: Context) -> _Heading:
        inline = node.children[0]
        content = inline.content
        match = TYPED_HEADING_NUMBER.match(content)
        inlines = self.inlines(inline, self.loc(node))
        typed = None
        if match:
            typed = match.group("n").rstrip(".．、")
            _strip_prefix(inlines, match.end())
        return _Heading(self.loc(node), int(node.tag[1]), inlines, typed, self.label_of(node),
                        self.suppress_of(node))

    def ordered_list(self, node: SyntaxTreeNode, context: Context) -> list[m.Block]:
        items = node.children
        if context in ("body", "decision", "annex"):
            out: list[m.Block] = []
            for position, item in enumerate(items):
                label = self.label_of(node) if position == 0 else None
                suppress = self.suppress_of(node) if position == 0 else m.NO_CODES
                typed = int(item.info) if item.info and item.info.isdigit() else None
                out.append(m.NumberedParagraph(self.loc(item), typed=typed, label=label,
                                               suppress=suppress,
                                               blocks=self.blocks(item.children, "numbered")))
            return out
        start = int(node.attrs.get("start", 1)) if node.attrs else 1
        list_items = [m.ListItem(self.loc(i), blocks=self.blocks(i.children, "item"))
                      for i in items]
        return [m.OrderedList(self.loc(node), start=start, items=list_items,
                              label=self.label_of(node))]

    def footnote(self, node: SyntaxTreeNode) -> None:
        label = str(node.meta.get("label", ""))
        first = next((f for f in self.footnotes if f.label == label), None)
        if first is not None:
            self.error(node, f"footnote '[^{label}]' is defined twice (first at line "
                       f"{first.location.line}); keep one", "footnote.duplicate")
            return
        note = m.Footnote(self.loc(node), label=label,
                          blocks=self.blocks(node.children, "footnote"))
        if any(isinstance(i, m.FootnoteCall) and i.label == label for b in m.walk(note)
               for run in m.inlines_of(b) for i in m.walk_inlines(run)):
            self.error(node, f"footnote '[^{label}]' calls itself", "footnote.self")
        self.footnotes.append(note)

    def container_title(self, node: SyntaxTreeNode, name: str) -> str:
        info = node.info.strip()
        return info[len(name):].strip() if info.startswith(name) else info

    def decision(self, node: SyntaxTreeNode, context: Context) -> m.Decision:
        if context != "body":
            self.error(node, "a decision must stand at the top level of the body",
                       "syntax.decision")
        title_text = self.container_title(node, "decision")
        typed = None
        match = TYPED_TITLE_NUMBER.match(title_text)
        if match:
            typed, title_text = int(match.group("n")), title_text[match.end():]
        if not title_text:
            self.error(node, "a decision needs a title: '::: decision <title>'", "syntax.decision")
        return m.Decision(self.loc(node), title=self.inline_text(title_text, self.loc(node)),
                          typed=typed, label=self.label_of(node), suppress=self.suppress_of(node),
                          blocks=self.blocks(node.children, "decision"))

    def annex(self, node: SyntaxTreeNode, context: Context) -> m.Annex:
        if context not in ("body", "decision"):
            self.error(node, "an annex must stand at the end of the body or of a decision",
                       "syntax.annex")
        title = self.container_title(node, "annex")
        return m.Annex(self.loc(node), title=self.inline_text(title, self.loc(node)),
                       label=self.label_of(node), blocks=self.blocks(node.children, "annex"))

    def table(self, node: SyntaxTreeNode) -> m.Table:
        caption = self.container_title(node, "table")
        header_rows = 1
        option = re.match(r"^header=(\d+)\s+", caption)
        if option:
            header_rows, caption = int(option.group(1)), caption[option.end():]
        typed = None
        typed_match = re.match(r"^(?:Table|表)\s*(\d+)[.:：]?\s+", caption)
        if typed_match:
            typed, caption = int(typed_match.group(1)), caption[typed_match.end():]
        table = m.Table(self.loc(node), caption=self.inline_text(caption, self.loc(node)),
                        typed=typed, label=self.label_of(node), suppress=self.suppress_of(node))
        lists = [c for c in node.children if c.type == "bullet_list"]
        if len(lists) != 1 or len(node.children) != 1:
            self.error(node, "a table holds one list of rows, each row a list of cells "
                       "('- - cell' … '  - cell')", "table.shape")
            return table
        for index, row_node in enumerate(lists[0].children):
            cells_list = row_node.children
            if len(cells_list) != 1 or cells_list[0].type != "bullet_list":
                self.error(row_node, "each table row must be a list of cells ('- - cell')",
                           "table.shape")
                continue
            cells = [m.Cell(self.loc(c), blocks=self.blocks(c.children, "cell"))
                     for c in cells_list[0].children]
            table.rows.append(m.Row(self.loc(row_node), cells=cells, header=index < header_rows))
        widths = {len(r.cells) for r in table.rows}
        if len(widths) > 1:
            self.diagnostics.error(table.location, "the rows of this table have different numbers "
                                   f"of cells ({', '.join(map(str, sorted(widths)))})",
                                   "table.shape")
        return table

    def nest(self, flat: list[m.Block | _Heading], context: Context) -> list[m.Block]:
        """Put what follows each heading under it, headings of lower depth inside higher."""
        levels = HEADING_LEVELS.get(context)
        root: list[m.Block] = []
        stack: list[tuple[int, m.Section]] = []
        for item in flat:
            if not isinstance(item, _Heading):
                (stack[-1][1].blocks if stack else root).append(item)
                continue
            if levels is None or item.depth not in levels:
                allowed = ", ".join("#" * d for d in (levels or {}))
                where = {"numbered": "a numbered paragraph", "cell": "a table cell",
                         "item": "a list", "summary": "the summary",
                         "footnote": "a footnote"}.get(context, f"a {context}")
                message = (f"a level-{item.depth} heading cannot stand in {where}"
                           + (f" (use {allowed})" if allowed else ""))
                self.diagnostics.error(item.location, message, "syntax.heading")
                continue
            while stack and stack[-1][0] >= item.depth:
                stack.pop()
            above = stack[-1][0] if stack else min(levels) - 1
            if item.depth > above + 1:
                self.diagnostics.error(item.location, f"a level-{item.depth} heading follows a "
                                       f"level-{above} one: a level-{above + 1} heading is "
                                       "missing between them", "syntax.heading")
            section = m.Section(item.location, level=levels[item.depth], title=item.title,
                                typed=item.typed, label=item.label, suppress=item.suppress)
            (stack[-1][1].blocks if stack else root).append(section)
            stack.append((item.depth, section))
        return root

    # -- inline content
    def inline_text(self, text: str, location: Location) -> list[m.Inline]:
        """Inline Markdown of a container's info line (titles and captions)."""
        from markdown_it.tree import SyntaxTreeNode

        tokens = parser().parseInline(text, {})
        tree = SyntaxTreeNode(tokens)
        inline = tree.children[0] if tree.children else None
        return self.inlines(inline, location) if inline is not None else []

    def inlines(self, inline: SyntaxTreeNode | None, location: Location) -> list[m.Inline]:
        if inline is None:
            return []
        state = {"line": location.line}
        raw = self._convert(inline.children, state)
        return _join(raw)

    def _convert(self, nodes: list[SyntaxTreeNode],
                 state: dict[str, int]) -> list[m.Inline | _Soft]:
        out: list[m.Inline | _Soft] = []
        for node in nodes:
            here = self.at(state["line"])
            kind = node.type
            if kind == "text":
                self._check_text(node.content, here)
                for match in UNDEFINED_FOOTNOTE.finditer(node.content):
                    self.diagnostics.error(here, f"footnote '[^{match.group(1)}]' is called but "
                                           f"never defined; add a line '[^{match.group(1)}]: …'",
                                           "footnote.undefined")
                out.append(m.Text(node.content))
            elif kind == "softbreak":
                state["line"] += 1
                out.append(_Soft())
            elif kind == "hardbreak":
                state["line"] += 1
                out.append(m.LineBreak())
            elif kind == "em":
                out.append(m.Emphasis(_join(self._convert(node.children, state))))
            elif kind == "strong":
                out.append(m.Strong(_join(self._convert(node.children, state))))
            elif kind == "code_inline":
                out.append(m.Code(node.content))
            elif kind == "footnote_ref":
                out.append(m.FootnoteCall(str(node.meta.get("label", "")), here))
            elif kind == "link":
                out.append(self.link(node, state))
            elif kind == "image":
                self.diagnostics.error(here, "images are not part of the source format",
                                       "syntax.unsupported")
            else:
                out.append(m.Text(node.content))
        return out

    def _check_text(self, text: str, here: Location) -> None:
        check_plain_text(text, here, self.diagnostics)

    def link(self, node: SyntaxTreeNode, state: dict[str, int]) -> m.Inline:
        here = self.at(state["line"])
        href = str(node.attrs.get("href", ""))
        children = _join(self._convert(node.children, state))
        if href.startswith("#") and len(href) > 1:
            return m.CrossRef(href[1:], here, children=children)
        if ALLOWED_LINK.match(href):
            return m.Link(href, children or [m.Text(href)])
        other = OTHER_DOCUMENT.match(href)
        if other:
            return m.CrossRef(other.group("label"), here, children=children,
                              document=other.group("folder"))
        self.diagnostics.error(here, f"link target '{href}' is neither a label ('#label'), a label "
                               "in another document ('folder#label') nor an https:// address",
                               "link.unsupported")
        return m.Text(m.plain_text(children)) if children else m.Text(href)


def check_plain_text(text: str, here: Location, diagnostics: Diagnostics) -> None:
    """Raw HTML and script links are printed as the text they are: say so."""
    html = RAW_HTML.search(text) if "<" in text else None
    if html:
        diagnostics.warning(here, f"raw HTML is not part of the source format: "
                            f"'{html.group(0)[:40]}' is printed as text", "syntax.html")
    unsafe = UNSAFE_LINK.search(text) if ":" in text else None
    if unsafe:
        diagnostics.warning(here, f"a link to a script or a local file "
                            f"('{unsafe.group('url')[:40]}') is not made; it is printed as text",
                            "link.unsafe")


@dataclass
class _Soft:
    """A line break inside a paragraph, before it is known whether it is a space."""


def _join(items: list[m.Inline | _Soft]) -> list[m.Inline]:
    """Resolve soft line breaks (no space between two CJK characters) and merge texts."""
    if len(items) == 1 and not isinstance(items[0], _Soft):  # most runs: one text
        return [] if isinstance(items[0], m.Text) and not items[0].text else items  # type: ignore[return-value]
    out: list[m.Inline] = []
    for position, item in enumerate(items):
        if isinstance(item, _Soft):
            before = _edge_char(items[position - 1], last=True) if position else ""
            after = _edge_char(items[position + 1], last=False) if position + 1 < len(items) else ""
            item = m.Text("" if is_cjk(before) and is_cjk(after) else " ")
        if isinstance(item, m.Text) and out and isinstance(out[-1], m.Text):
            out[-1] = m.Text(out[-1].text + item.text)
        elif not (isinstance(item, m.Text) and not item.text):
            out.append(item)
    return out


def _edge_char(item: m.Inline | _Soft, last: bool) -> str:
    if isinstance(item, m.Text):
        return item.text[-1:] if last else item.text[:1]
    if isinstance(item, (m.Emphasis, m.Strong, m.Link)) and item.children:
        return _edge_char(item.children[-1 if last else 0], last)
    return ""


def _strip_prefix(inlines: list[m.Inline], length: int) -> None:
    """Remove the first ``length`` characters of text (a typed number or marker)."""
    while length > 0 and inlines:
        first = inlines[0]
        if isinstance(first, m.Text):
            if len(first.text) > length:
                first.text = first.text[length:]
                return
            length -= len(first.text)
            inlines.pop(0)
        elif isinstance(first, (m.Emphasis, m.Strong)):
            _strip_prefix(first.children, length)
            return
        else:
            return
