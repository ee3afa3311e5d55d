"""Numbers, dates and session ordinals, compared as values per corresponding paragraph."""

from __future__ import annotations

from collections.abc import Iterator

from unccd_publish.check.findings import Finding
from unccd_publish.check.pairing import Pair
from unccd_publish.check.recognisers import dates, free_numbers, ordinals
from unccd_publish.check.registry import rule


@rule("number.values", summary="the same numbers, years and percentages (full-width digits, "
      "万/亿 and million/billion normalised)")
def check_values(pair: Pair) -> Iterator[Finding]:
    for unit_o, unit_t in pair.corresponding():
        no = free_numbers(unit_o.text, pair.original.lang)
        nt = free_numbers(unit_t.text, pair.translation.lang)
        if no != nt:
            here = ", ".join(sorted((nt - no).elements())) or "nothing"
            there = ", ".join(sorted((no - nt).elements())) or "nothing"
            yield pair.finding("number.values", "error",
                               f"numbers differ: {here} here, {there} in the original",
                               unit_t.location, unit_o.location, anchor=unit_t.key)


@rule("number.dates", summary="the same dates, date ranges and ranges of years, as values")
def check_dates(pair: Pair) -> Iterator[Finding]:
    for unit_o, unit_t in pair.corresponding():
        do, dt_ = dates(unit_o.text, pair.original.lang), dates(unit_t.text, pair.translation.lang)
        if do != dt_:
            yield pair.finding("number.dates", "error",
                               f"dates differ: {_show(dt_)} here, {_show(do)} in the original",
                               unit_t.location, unit_o.location, anchor=unit_t.key)


def _show(ranges: list) -> str:  # type: ignore[type-arg]
    return ", ".join(f"{a.isoformat()}…{b.isoformat()}" if a != b else a.isoformat()
                     for a, b in ranges) or "none"


@rule("number.ordinals", summary="the same session ordinals (sixteenth session ⇄ 第十六届会议)")
def check_ordinals(pair: Pair) -> Iterator[Finding]:
    for unit_o, unit_t in pair.corresponding():
        oo = ordinals(unit_o.text, pair.original.lang)
        ot = ordinals(unit_t.text, pair.translation.lang)
        if oo != ot:
            yield pair.finding("number.ordinals", "error",
                               f"sessions {ot or 'none'} here, {oo or 'none'} in the original",
                               unit_t.location, unit_o.location, anchor=unit_t.key)
