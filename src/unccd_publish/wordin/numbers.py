"""The numbers Word shows in front of automatically numbered paragraphs, read by docx2python.

pandoc's own count of Word lists is not used: it restarts or runs on where Word does not
(jgm/pandoc#9221, #8367, #10258). docx2python counts as Word does, and gives each level's
counter; the counter and the label's letters tell a decimal, a letter and a roman numeral
apart ("i)" is the letter i when its counter is 9). docx2python counts each list from its
abstract definition's start; a list's own "start at" (``w:startOverride``, Word's "Set
numbering value") is added here."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from docx.oxml.ns import qn
from docx2python import docx2python
from lxml import etree

from unccd_publish.numbering import letter, roman_lower
from unccd_publish.wordin.marking import MARK

Form = Literal["decimal", "letter", "roman", "bullet"]


@dataclass(frozen=True)
class Shown:
    """An automatic number as Word shows it."""

    form: Form
    value: int
    level: int  # 0 for the list's first level

    @property
    def marker(self) -> str:
        """As the source format types it: "3.", "(b)", "(ii)"; "" for a bullet."""
        if self.form == "decimal":
            return f"{self.value}."
        if self.form == "letter":
            return f"({letter(self.value)})"
        if self.form == "roman":
            return f"({roman_lower(self.value)})"
        return ""


def shown_numbers(data: bytes) -> dict[int, Shown]:
    """The automatic number of each marked paragraph that has one, by its index."""
    found: dict[int, Shown] = {}
    shifts = _start_overrides(data)
    with docx2python(io.BytesIO(data)) as read:
        for par in _paragraphs(read.body_pars):
            _, counters = par.list_position
            strings = par.run_strings
            at = next((i for i, s in enumerate(strings) if MARK.search(s)), None)
            if at is None or not counters:
                continue
            mark = MARK.search(strings[at])
            label = ("".join(strings[:at]) + strings[at][:mark.start()]).strip()
            if not label:
                continue
            level = len(counters) - 1
            value = counters[-1] + shifts.get((str(par.list_position[0]), level), 0)
            found[int(mark[1])] = Shown(_form(label, counters[-1]), value, level)
    return found


def _start_overrides(data: bytes) -> dict[tuple[str, int], int]:
    """By list and level, how far a list's "start at" moves Word's numbers from docx2python's
    count."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        if "word/numbering.xml" not in package.namelist():
            return {}
        root = etree.fromstring(package.read("word/numbering.xml"))
    starts: dict[tuple[str, int], int] = {}
    for abstract in root.iter(qn("w:abstractNum")):
        for lvl in abstract.iter(qn("w:lvl")):
            start = lvl.find(qn("w:start"))
            starts[(abstract.get(qn("w:abstractNumId")), int(lvl.get(qn("w:ilvl"), 0)))] = \
                int(start.get(qn("w:val"), 1)) if start is not None else 1
    shifts: dict[tuple[str, int], int] = {}
    for num in root.iter(qn("w:num")):
        abstract = num.find(qn("w:abstractNumId"))
        for override in num.iter(qn("w:lvlOverride")):
            start = override.find(qn("w:startOverride"))
            if start is None or abstract is None:
                continue
            level = int(override.get(qn("w:ilvl"), 0))
            base = starts.get((abstract.get(qn("w:val")), level), 1)
            shifts[(num.get(qn("w:numId")), level)] = int(start.get(qn("w:val"), 1)) - base
    return shifts


def _form(label: str, value: int) -> Form:
    core = label.strip("()[]. \t").lower()
    if core.isdigit():
        return "decimal"
    if core == letter(value):
        return "letter"
    if core == roman_lower(value):
        return "roman"
    return "bullet"


def _paragraphs(table: Any) -> Iterator[Any]:
    """docx2python's nested tables, rows, cells and paragraphs, flattened."""
    for item in table:
        if isinstance(item, list):
            yield from _paragraphs(item)
        else:
            yield item
