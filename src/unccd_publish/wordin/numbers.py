"""The numbers Word shows in front of automatically numbered paragraphs, read by docx2python.

pandoc's own count of Word lists is not used: it restarts or runs on where Word does not
(jgm/pandoc#9221, #8367, #10258). docx2python counts as Word does, and gives each level's
counter; the counter and the label's letters tell a decimal, a letter and a roman numeral
apart ("i)" is the letter i when its counter is 9)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from docx2python import docx2python

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
            found[int(mark[1])] = Shown(_form(label, counters[-1]), counters[-1],
                                        len(counters) - 1)
    return found


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
