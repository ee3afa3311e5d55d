"""Decisions and documents cited by symbol: the same symbols, of the same kind."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from unccd_publish.check.findings import Finding
from unccd_publish.check.pairing import Pair
from unccd_publish.check.recognisers import count
from unccd_publish.check.registry import rule
from unccd_publish.recognise import find_symbols

PLACEHOLDER = re.compile(r"^(?:XX|X|-|–|\.{3}|…)/")


def symbols(text: str, kind: str) -> Counter[str]:
    """Symbols of one kind; every placeholder decision number counts as one and the same."""
    return Counter(PLACEHOLDER.sub("…/", f.symbol) for f in find_symbols(text) if f.kind == kind)


def _differences(pair: Pair, kind: str) -> Iterator[Finding]:
    """Corresponding units that cite different symbols of ``kind``."""
    for unit_o, unit_t in pair.corresponding():
        so, st = symbols(unit_o.text, kind), symbols(unit_t.text, kind)
        if so != st:
            yield pair.finding(f"symbol.{kind}", "error",
                               f"{kind}s cited here: {_show(st - so)}; in the original: "
                               f"{_show(so - st)}", unit_t.location, unit_o.location,
                               anchor=unit_t.key)


@rule("symbol.decision", summary="the same decisions (placeholders match placeholders) and the "
      "same number of resolutions")
def check_decisions(pair: Pair) -> Iterator[Finding]:
    yield from _differences(pair, "decision")
    for unit_o, unit_t in pair.corresponding():
        count_o = count(unit_o.text, pair.original.lang, "resolution")
        count_t = count(unit_t.text, pair.translation.lang, "resolution")
        if count_o != count_t:
            yield pair.finding("symbol.decision", "error",
                               f"{count_t} resolutions cited here, {count_o} in the original "
                               "(决定 is a decision, 决议 a resolution)", unit_t.location,
                               unit_o.location, anchor=unit_t.key)


@rule("symbol.document", summary="the same document symbols, compared as whole symbols")
def check_documents(pair: Pair) -> Iterator[Finding]:
    yield from _differences(pair, "document")


def _show(counter: Counter[str]) -> str:
    return ", ".join(sorted(counter.elements())) or "none"
