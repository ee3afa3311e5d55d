"""Decisions and documents cited by symbol: the same symbols, of the same kind."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from unccd_publish.check.compare import always, compare
from unccd_publish.check.facts import Act, Facts
from unccd_publish.check.findings import Finding, written
from unccd_publish.check.pairing import Pair
from unccd_publish.check.registry import rule
from unccd_publish.check.units import Unit

PLACEHOLDER = re.compile(r"^(?:XX|X|-|–|\.{3}|…)/")


def symbols(unit: Unit, kind: str) -> list[str]:
    """Symbols of one kind; every placeholder decision number counts as one and the same."""
    return [PLACEHOLDER.sub("…/", f.symbol) for f in unit.symbols if f.kind == kind]


def _differences(pair: Pair, kind: str) -> Iterator[Finding]:
    """Corresponding units that cite different symbols of ``kind``: an error where each
    cites one the other does not, a warning where only one of them cites a symbol."""
    for unit_o, unit_t in pair.citing():  # most units cite none
        difference = compare(symbols(unit_o, kind), symbols(unit_t, kind),
                             key=lambda s: s, sure=always)
        if difference:
            yield pair.finding(f"symbol.{kind}", difference.severity,
                               f"{kind}s cited here: {_show(difference.here)}; in the original: "
                               f"{_show(difference.there)}", unit_t.location, unit_o.location,
                               anchor=unit_t.key, here=difference.here, there=difference.there)


@rule("symbol.decision", summary="the same decisions (placeholders match placeholders), and "
      "the same resolutions and decisions cited by number, of the same kind (决议 is a "
      "resolution, 决定 a decision)")
def check_decisions(pair: Pair) -> Iterator[Finding]:
    yield from _differences(pair, "decision")
    for unit_o, unit_t, fo, ft in pair.stating():
        if not (fo.acts or ft.acts):  # most units cite none
            continue
        difference = compare(fo.acts, ft.acts, key=lambda a: a.symbol, sure=always,
                             in_translation=partial(_stated, ft), in_original=partial(_stated, fo))
        if difference:
            yield pair.finding("symbol.decision", difference.severity,
                               f"resolutions and decisions cited here: {_acts(difference.here)}; "
                               f"in the original: {_acts(difference.there)}", unit_t.location,
                               unit_o.location, anchor=unit_t.key,
                               here=map(written, difference.here),
                               there=map(written, difference.there))
        kinds_o = {a.symbol: a.kind for a in fo.acts if a.kind}
        for act in ft.acts:
            other = kinds_o.get(act.symbol)
            if act.kind and other and other != act.kind:
                yield pair.finding("symbol.decision", "error",
                                   f"{act.symbol} is cited as a {act.kind} here, as a {other} in "
                                   "the original (决议 is a resolution, 决定 a decision)",
                                   unit_t.location, unit_o.location, anchor=unit_t.key)


def _stated(other: Facts, act: Act) -> bool:
    """Cited without its year ("resolution 2118" ⇄ "第2118(2013)号决议"), or without the word
    "resolution" and so read as numbers on the other side."""
    if any(_number(a) == _number(act) and "(" not in a.symbol + act.symbol.partition("(")[1]
           for a in other.acts):
        return True
    numbers = re.findall(r"\d+", act.symbol)
    if not act.kind:  # "No. 29" ⇄ "第29(2013)号一般性建议": the year may be left out
        numbers = numbers[:1]
    return all(any(q.value == int(n) for q in other.quantities) for n in numbers)


def _number(act: Act) -> str:
    """The number of an act without its year: 1970 of 1970(2011)."""
    return act.symbol.split("(")[0]


def _acts(acts: list[Act]) -> str:
    return ", ".join(f"{a.kind or 'resolution or decision'} {a.symbol}" for a in acts) or "none"


@rule("symbol.document", summary="the same document symbols, compared as whole symbols")
def check_documents(pair: Pair) -> Iterator[Finding]:
    yield from _differences(pair, "document")


def _show(found: list[str]) -> str:
    return ", ".join(sorted(found)) or "none"
