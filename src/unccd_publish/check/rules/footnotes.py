"""Footnotes: the same count, each called in the corresponding place, with the same facts."""

from __future__ import annotations

from collections.abc import Iterator

from unccd_publish.check.findings import Finding
from unccd_publish.check.pairing import Pair, signature
from unccd_publish.check.registry import rule
from unccd_publish.check.units import Unit


def calls(units: list[Unit]) -> dict[int, Unit]:
    """The unit in which each footnote is first called."""
    out: dict[int, Unit] = {}
    for unit in units:
        for number in unit.calls:
            out.setdefault(number, unit)
    return out


@rule("footnote.count", summary="the same number of footnotes")
def check_count(pair: Pair) -> Iterator[Finding]:
    o, t = pair.original.footnotes, pair.translation.footnotes
    if len(o) != len(t):
        at_t = t[-1][2] if t else pair.translation.front
        at_o = o[-1][2] if o else pair.original.front
        yield pair.finding("footnote.count", "error",
                           f"{len(t)} footnotes, the original has {len(o)}",
                           pair.translation.at(at_t), pair.original.at(at_o))


@rule("footnote.placement", summary="footnote k is called in the corresponding paragraph in both "
      "versions")
def check_placement(pair: Pair) -> Iterator[Finding]:
    co = calls(pair.units[pair.original.lang])
    ct = calls(pair.units[pair.translation.lang])
    for number, unit_t in sorted(ct.items()):
        unit_o = co.get(number)
        if unit_o is None or unit_o.key == unit_t.key:
            continue
        yield pair.finding("footnote.placement", "error",
                           f"footnote {number} is called here, but in another place in the "
                           "original", unit_t.location, unit_o.location, anchor=unit_t.key,
                           here=[f"^{number}"], there=[f"^{number}"])


@rule("footnote.content", summary="corresponding footnotes carry the same symbols, addresses and "
      "numbers")
def check_content(pair: Pair) -> Iterator[Finding]:
    notes_o = {number: (line, text) for number, _, line, text in pair.original.footnotes}
    for number, anchor, line, recipe in pair.translation.footnotes:
        if number not in notes_o:
            continue
        line_o, recipe_o = notes_o[number]
        text_t, text_o = pair.translation.text(recipe), pair.original.text(recipe_o)
        marks_t = signature(text_t, pair.translation.lang, pair.read)[0]
        marks_o = signature(text_o, pair.original.lang, pair.read)[0]
        if marks_t != marks_o:
            only_t, only_o = sorted(marks_t - marks_o), sorted(marks_o - marks_t)
            yield pair.finding("footnote.content", "error",
                               f"footnote {number} differs from the original: "
                               f"{', '.join(only_t) or 'nothing'} here, "
                               f"{', '.join(only_o) or 'nothing'} there",
                               pair.translation.at(line), pair.original.at(line_o),
                               anchor=anchor, here=only_t, there=only_o)
