"""The body of the Word file as blocks of the source format: headings, decisions (found by
the enacting formula after their heading, which is dropped: the build adds it), annexes,
tables with their captions, numbered paragraphs and sub-paragraphs, typed by hand ("1.<tab>")
or numbered by Word, bullets, and plain paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unccd_publish.catalogue import Catalogue
from unccd_publish.interchange.segments import escape
from unccd_publish.reading import Bodies
from unccd_publish.wordin import markdown as md
from unccd_publish.wordin import pandoc as pd
from unccd_publish.wordin.inlines import InlineWriter, Notes
from unccd_publish.wordin.marking import Marked, Paragraph
from unccd_publish.wordin.numbers import Shown
from unccd_publish.wordin.patterns import match
from unccd_publish.wordin.problems import Problems, paragraph_place

NUMBER = re.compile(r"^\s*(\d{1,3})\.(?=\s)")
SUB = re.compile(r"^\s*\(([a-z]{1,4})\)(?=\s)")
BULLET = re.compile(r"^\s*([•·▪◦‣–\-])(?=\t)")
HEADING_NUMBER = re.compile(r"^(?P<n>[0-9A-Za-z一二三四五六七八九十百]{1,8}(?:\.\d{1,3})*)\.?\t"
                            r"|^(?P<m>[IVXLC]+|[A-Z]|\d+(?:\.\d+)*)\.\s+")
BULLET_STYLE = re.compile(r"bullet\s*(\d)?", re.IGNORECASE)
HEADING_LEVELS = 3  # chapter, section, sub-section


@dataclass
class Body:
    blocks: list[md.Block] = field(default_factory=list)
    decisions: int = 0


@dataclass
class Flow:
    """Where blocks go: a container's blocks, and what a following paragraph may join."""

    blocks: list[md.Block]
    numbered: md.Numbered | None = None
    in_cell: bool = False

    def reset(self) -> None:
        self.numbered = None


class BodyReader:
    """Reads the body's items into blocks."""

    def __init__(self, marked: Marked, shown: dict[int, Shown], cat: Catalogue,
                 bodies: Bodies, notes: Notes, problems: Problems) -> None:
        self.marked = marked
        self.shown = shown
        self.cat = cat
        self.formulas = {b.enacting_formula.get(cat.lang, "").strip()
                         for b in bodies.bodies.values()} - {""}
        self.notes = notes
        self.problems = problems
        self.body = Body()
        self.root = Flow(self.body.blocks)
        self.decision: Flow | None = None
        self.annex: Flow | None = None
        self.annex_in_decision = False
        self.annex_ranks: list[int] = []

    # -- helpers
    def facts(self, item: pd.Para) -> Paragraph:
        return self.marked.paragraphs[item.index]

    def where(self, item: pd.Para) -> str:
        facts = self.facts(item)
        return paragraph_place(facts.index, facts.style)

    def writer(self, item: pd.Para) -> InlineWriter:
        place = self.where(item)
        return InlineWriter(self.notes, lambda message: self.problems.warning(
            message, "docx.unsupported", place))

    def text(self, item: pd.Para, drop: str = "") -> str:
        inlines = drop_lead(item.inlines, drop) if drop else item.inlines
        return self.writer(item).markdown(inlines).strip()

    def flow(self) -> Flow:
        return self.annex or self.decision or self.root

    # -- reading
    def read(self, items: list[pd.Item]) -> Body:
        skip: set[int] = set()
        for at, item in enumerate(items):
            if at in skip:
                continue
            if isinstance(item, pd.Para):
                self.report(item)
                if self.facts(item).heading is not None:
                    skip |= self.heading(items, at)
                else:
                    self.paragraph(item, self.flow())
            elif isinstance(item, pd.Table):
                self.table(item, "")
            else:
                self.problems.warning(f"pandoc read a {item.kind} here, kept as text",
                                      "docx.unsupported")
                self.flow().blocks.append(md.Text(escape(item.text)))
        return self.body

    def report(self, item: pd.Para) -> None:
        facts = self.facts(item)
        for note in facts.notes:
            self.problems.warning(note, "docx.unsupported", self.where(item))

    def heading(self, items: list[pd.Item], at: int) -> set[int]:
        """A heading: an annex's, a table's caption, a decision's title, or a section."""
        item = items[at]
        facts = self.facts(item)
        plain = pd.stringify(item.inlines).strip()
        following = [i for i in items[at + 1:at + 4]]
        nxt = following[0] if following else None
        if self.is_annex(plain):
            title = nxt if isinstance(nxt, pd.Para) and self.facts(nxt).heading else None
            self.open_annex(self.text(title).strip() if title else "")
            return {at + 1} if title else set()
        if match(self.cat["words.table"], plain) is not None:
            if isinstance(nxt, pd.Table):
                self.table(nxt, "")
                return {at + 1}
            after = following[1] if len(following) > 1 else None
            if isinstance(nxt, pd.Para) and isinstance(after, pd.Table):
                self.report(nxt)
                self.table(after, self.text(nxt))
                return {at + 1, at + 2}
        number = HEADING_NUMBER.match(facts.text)
        token = (number["n"] or number["m"]) if number else None
        lead = facts.text[:number.end()].strip() if number else ""
        if (isinstance(nxt, pd.Para) and not self.facts(nxt).heading
                and pd.stringify(nxt.inlines).strip() in self.formulas):
            self.open_decision(self.text(item, lead), self.where(item))
            return {at + 1}
        title = self.text(item, lead)
        title = title.lstrip("\t ")
        flow = self.flow()
        flow.reset()
        if self.annex is not None:
            rank = facts.heading or 1
            if token and "." in token:
                level = 2
            else:
                if rank not in self.annex_ranks:
                    self.annex_ranks = sorted({*self.annex_ranks, rank})[:2]
                level = min(self.annex_ranks.index(rank) + 1, 2) if rank in self.annex_ranks \
                    else 2
            flow.blocks.append(md.Heading(level, title))
            return set()
        level = facts.heading or 1
        if level > HEADING_LEVELS:
            self.problems.warning(f"a heading of level {level} has no place in the format; "
                                  f"it is imported as a level-{HEADING_LEVELS} heading",
                                  "docx.unsupported", self.where(item))
            level = HEADING_LEVELS
        flow.blocks.append(md.Heading(level, title))
        return set()

    def is_annex(self, plain: str) -> bool:
        return plain == self.cat["words.annex"] or match(self.cat["words.annex_numbered"],
                                                        plain) is not None

    def open_annex(self, title: str) -> None:
        container = md.Container("annex", title)
        inside = self.decision is not None and (self.annex is None or self.annex_in_decision)
        parent = self.decision if inside else self.root
        parent.blocks.append(container)
        parent.reset()
        self.annex = Flow(container.blocks)
        self.annex_in_decision = inside
        self.annex_ranks = []

    def open_decision(self, title: str, where: str) -> None:
        if self.annex is not None and not self.annex_in_decision:
            self.problems.warning("a decision after a document's annex is imported inside "
                                  "the annex's place; move it before the annex",
                                  "docx.structure", where)
        self.annex = None
        container = md.Container("decision", title)
        self.root.blocks.append(container)
        self.root.reset()
        self.decision = Flow(container.blocks)
        self.body.decisions += 1

    # -- paragraphs
    def paragraph(self, item: pd.Para, flow: Flow, header: bool = False) -> None:
        facts = self.facts(item)
        shown = self.shown.get(item.index)
        raw = facts.text
        if not raw.strip() and not item.inlines:
            self.box_text(facts, flow)
            return
        bullet_style = BULLET_STYLE.search(facts.style)
        if (found := NUMBER.match(raw)) and not bullet_style:
            self.numbered(found[1] + ".", self.text(item, found[1] + "."), flow)
        elif shown is not None and shown.form == "decimal" and not bullet_style:
            self.numbered(shown.marker, self.text(item), flow)
        elif found := SUB.match(raw):
            self.sub(f"({found[1]}) " + self.text(item, f"({found[1]})"), flow)
        elif shown is not None and shown.form in ("letter", "roman"):
            self.sub(f"{shown.marker} " + self.text(item), flow)
        elif (found := BULLET.match(raw)) or bullet_style or (
                shown is not None and shown.form == "bullet"):
            level = (shown.level + 1 if shown is not None else
                     int(bullet_style[1]) if bullet_style and bullet_style[1] else 1)
            text = self.text(item, found[1]) if found else self.text(item)
            self.bullet(text, level, flow, continued=bool(bullet_style and not found
                                                          and raw.startswith("\t")))
        else:
            text = self.text(item)
            if header:
                text = unwrap_emphasis(text)
            target = flow.numbered.blocks if flow.numbered is not None else flow.blocks
            target.append(md.Text(text))
        self.box_text(facts, flow)

    def box_text(self, facts: Paragraph, flow: Flow) -> None:
        for line in facts.box_text:
            flow.blocks.append(md.Text(escape(line)))

    def numbered(self, number: str, text: str, flow: Flow) -> None:
        if flow.in_cell:
            last = flow.blocks[-1] if flow.blocks else None
            if not (isinstance(last, md.ListBlock) and last.start is not None):
                last = md.ListBlock(start=int(number.rstrip(".")))
                flow.blocks.append(last)
            last.items.append(md.Item([md.Text(text)]))
            return
        block = md.Numbered(number, text)
        flow.blocks.append(block)
        flow.numbered = block

    def sub(self, text: str, flow: Flow) -> None:
        target = flow.numbered.blocks if flow.numbered is not None else flow.blocks
        target.append(md.Text(text, sub=True))

    def bullet(self, text: str, level: int, flow: Flow, continued: bool) -> None:
        target = flow.numbered.blocks if flow.numbered is not None else flow.blocks
        lists: list[md.ListBlock] = []
        last = target[-1] if target else None
        while isinstance(last, md.ListBlock) and last.start is None and last.items:
            lists.append(last)
            inner = last.items[-1].blocks
            last = inner[-1] if inner else None
        if continued and lists:
            lists[min(level, len(lists)) - 1].items[-1].blocks.append(md.Text(text))
            return
        if len(lists) >= level:
            lists[level - 1].items.append(md.Item([md.Text(text)]))
            return
        holder = lists[-1].items[-1].blocks if lists else target
        holder.append(md.ListBlock([md.Item([md.Text(text)])]))

    # -- tables
    def table(self, table: pd.Table, caption: str) -> None:
        width = max((len(row) for row in table.rows), default=0)
        if table.first in self.marked.merged:
            self.problems.warning("a table with merged cells: each merged cell is imported "
                                  "once, the rows filled with empty cells",
                                  "docx.unsupported", f"paragraph {table.first}")
        heads = max(1, self.marked.header_rows.get(table.first, 1))
        rows: list[list[list[md.Block]]] = []
        for number, row in enumerate(table.rows):
            cells = []
            for cell in row:
                flow = Flow([], in_cell=True)
                for item in cell:
                    if isinstance(item, pd.Para):
                        self.report(item)
                        self.paragraph(item, flow, header=number < heads)
                    elif isinstance(item, pd.Table):
                        self.problems.warning("a table inside a table is imported as its text",
                                              "docx.unsupported", f"paragraph {item.first}")
                        flow.blocks += [md.Text(escape(pd.stringify(p.inlines)))
                                        for r in item.rows for c in r for p in c
                                        if isinstance(p, pd.Para)]
                cells.append(flow.blocks)
            cells += [[] for _ in range(width - len(cells))]
            rows.append(cells)
        flow = self.flow()
        flow.reset()
        flow.blocks.append(md.Table(caption, heads, rows))


def drop_lead(inlines: list[pd.Inline], lead: str) -> list[pd.Inline]:
    """``inlines`` without the typed ``lead`` ("1.", "(a)", "I.") and the space after it."""
    rest = list(inlines)
    want = lead.replace("\t", "").replace(" ", "")
    while rest and want:
        first = rest[0]
        if first["t"] in ("Space", "SoftBreak"):
            rest.pop(0)
            continue
        if first["t"] != "Str":
            return inlines
        text = first["c"]
        if want.startswith(text):
            want = want[len(text):]
            rest.pop(0)
        elif text.startswith(want):
            rest[0] = {"t": "Str", "c": text[len(want):]}
            want = ""
            if not rest[0]["c"]:
                rest.pop(0)
        else:
            return inlines
    while rest and rest[0]["t"] in ("Space", "SoftBreak"):
        rest.pop(0)
    return rest


def unwrap_emphasis(text: str) -> str:
    """A header cell set in italics as a whole: the italics are the table's layout."""
    if len(text) > 2 and text.startswith("*") and text.endswith("*") \
            and not text.startswith("**") and "*" not in text[1:-1]:
        return text[1:-1]
    return text
