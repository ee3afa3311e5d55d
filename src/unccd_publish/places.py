"""Where a text stands, in the words and numbers printed on the page: "Draft decision 2,
paragraph 3 (b)", "决定草案 2，第 3(b) 段", "Table 1, row 2, column 1", "Footnote 4".

Translators find a text by what the page prints, not by the anchors the pipeline gives
blocks; the translators' exports write these as notes, and the side-by-side report labels
its rows with them. The words come from each language's catalogue (``places``).
"""

from __future__ import annotations

from unccd_publish import model as m
from unccd_publish.catalogue import Catalogue, catalogue

Parents = dict[int, m.Node]  # a block's id → the block it stands in


def parents_of(doc: m.Document) -> Parents:
    """Every block of ``doc`` (summary, body, footnotes) mapped to the block it stands in."""
    found: Parents = {}
    roots: list[m.Block] = [doc.summary] if doc.summary else []
    stack: list[m.Block] = [*roots, *doc.body, *doc.footnotes]
    while stack:
        block = stack.pop()
        for child in block.children():
            found[id(child)] = block
            stack.append(child)
    return found


def place(block: m.Node, parents: Parents, lang: str) -> str:
    """Where ``block`` stands, as printed in language ``lang``."""
    cat = catalogue(lang)
    chain = [block]
    while id(chain[-1]) in parents:
        chain.append(parents[id(chain[-1])])
    decision = next((b for b in chain if isinstance(b, m.Decision)), None)
    for here in chain:
        words = _own_place(here, chain, decision, parents, cat)
        if words is not None:
            if here is not block and _in_list(chain[:chain.index(here)]):
                return cat.format("places.item", place=words)
            return words
    return cat["places.text"]


def _own_place(here: m.Node, chain: list[m.Node], decision: m.Decision | None,
               parents: Parents, cat: Catalogue) -> str | None:
    """The place of ``here`` if the page prints a number or a name for it, else None."""
    number_in = {"decision": decision.number} if decision is not None else {}
    key = "_in_decision" if decision is not None else ""
    if isinstance(here, m.SubParagraph):
        paragraph = next((b for b in chain if isinstance(b, m.NumberedParagraph)), None)
        if paragraph is None:
            return None
        markers = [b.marker for b in reversed(chain[:chain.index(paragraph)])
                   if isinstance(b, m.SubParagraph)]
        return cat.format(f"places.subparagraph{key}", number=paragraph.number,
                          sub=" ".join(markers), **number_in)
    if isinstance(here, m.NumberedParagraph):
        return cat.format(f"places.paragraph{key}", number=here.number, **number_in)
    if isinstance(here, m.Paragraph) and here.role == "preamble" and decision is not None:
        preamble = [b for b in decision.blocks
                    if isinstance(b, m.Paragraph) and b.role == "preamble"]
        if here in preamble:
            return cat.format("places.preamble", decision=decision.number,
                              n=preamble.index(here) + 1)
    if isinstance(here, m.Summary):
        first = chain[chain.index(here) - 1] if chain.index(here) else here
        n = here.blocks.index(first) + 1 if first in here.blocks else 1
        return cat.format("places.summary", n=n)
    if isinstance(here, m.Decision):
        return cat.format("places.decision", decision=here.number)
    if isinstance(here, m.Section):
        number = here.number.rstrip(".")
        chapter = next((b for b in chain[1:] if isinstance(b, m.Section)
                        and b.level == "chapter"), None)
        if here.level == "chapter":
            return cat.format("places.chapter", number=number)
        annex = next((b for b in chain if isinstance(b, m.Annex)), None)
        if annex is not None:
            return cat.format("places.annex_section", number=number,
                              annex=_own_place(annex, chain, None, parents, cat))
        if chapter is not None:
            return cat.format("places.section_in_chapter", chapter=chapter.number.rstrip("."),
                              number=number)
        return cat.format("places.section", number=number)
    if isinstance(here, m.Annex):
        if here.number:
            return cat.format("places.annex_numbered", number=cat.number("annex", here.number))
        return cat["places.annex"]
    if isinstance(here, m.Cell):
        row = parents.get(id(here))
        table = parents.get(id(row)) if row is not None else None
        if isinstance(row, m.Row) and isinstance(table, m.Table):
            return cat.format("places.cell", number=table.number,
                              row=table.rows.index(row) + 1, column=row.cells.index(here) + 1)
    if isinstance(here, m.Table):
        return cat.format("places.table", number=here.number)
    if isinstance(here, m.Footnote):
        return cat.format("places.footnote", number=here.number)
    return None


def _in_list(inner: list[m.Node]) -> bool:
    """Whether the blocks between a text and its numbered place include a list item."""
    return any(isinstance(b, m.ListItem) for b in inner)
