"""Numbers, dates, times and session ordinals, compared as values per corresponding unit."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from fractions import Fraction
from functools import partial

from unccd_publish.check.compare import Difference, always, compare
from unccd_publish.check.facts import Facts, Quantity, Sure, When, code_key, show_value
from unccd_publish.check.findings import Finding, written
from unccd_publish.check.pairing import Pair
from unccd_publish.check.registry import rule
from unccd_publish.check.units import Unit


def _pairs(pair: Pair, *kinds: str) -> Iterator[tuple[Unit, Unit, Facts, Facts]]:
    """Corresponding units of which either states values of one of ``kinds`` (attributes of
    :class:`Facts`), with what each says: most units state none, and are left alone."""
    for unit_o, unit_t, fo, ft in pair.stating():
        for kind in kinds:
            if getattr(fo, kind) or getattr(ft, kind):
                yield unit_o, unit_t, fo, ft
                break


def _value(quantity: Quantity) -> tuple[int, int]:
    """A quantity's value, as a key: a Fraction is hashed in Python, every time; its two
    integers are hashed in C (fractions are kept in lowest terms: equal ones have the same)."""
    return quantity.value.numerator, quantity.value.denominator


def _number_elsewhere(other: Facts, quantity: Quantity) -> bool:
    """A year of a range, a session, the number of a reference or of a resolution on the
    other side."""
    value = quantity.value
    return (any(w.kind == "years" and value in w.value for w in other.whens)
            or value in other.sessions
            or any(r.kind == "paragraph" and value in map(Fraction, r.numbers)
                   for r in other.refs)
            or any(value in map(Fraction, re.findall(r"\d+", a.symbol)) for a in other.acts))


@rule("number.values", summary="the same numbers, years, percentages and fractions, as values "
      "(digits, separators, 万/亿 and million/billion, per cent and %, number words and "
      "Chinese numerals), and the same codes (P-4, F-16)")
def check_values(pair: Pair) -> Iterator[Finding]:
    for unit_o, unit_t, fo, ft in _pairs(pair, "quantities", "codes"):
        # each comparison only where either side states values of its kind (most units
        # that state numbers state no code): with none on either side there is no difference
        if fo.quantities or ft.quantities:
            difference = compare(fo.quantities, ft.quantities, key=_value,
                                 sure=lambda q: q.sure,
                                 in_translation=partial(_number_elsewhere, ft),
                                 in_original=partial(_number_elsewhere, fo))
            if difference:
                yield _finding(pair, "number.values", "numbers", difference, unit_o, unit_t)
        # a code may be spelt out in one version ("GEO-5" ⇄ "全球环境展望-5"): only codes
        # left over in both are reported
        if fo.codes and ft.codes:
            codes = compare(fo.codes, ft.codes, key=code_key, sure=lambda _: Sure.DIGITS,
                            one_sided=False)
            if codes:
                yield _finding(pair, "number.values", "codes", codes, unit_o, unit_t)


def _when_elsewhere(other: Facts, when: When) -> bool:
    """A month of a day, a time on the other side of noon, the two years of a range."""
    if when.kind == "month":
        return any(w.kind == "day" and w.value[0] == when.value[0] for w in other.whens)
    if when.kind == "time":
        return any(w.kind == "time" and w.value[0] % 12 == when.value[0] % 12
                   and w.value[1] == when.value[1] for w in other.whens)
    if when.kind == "years":
        values = {q.value for q in other.quantities}
        return all(year in values for year in when.value)
    return False


@rule("number.dates", summary="the same dates, months, times of day and ranges of years, as "
      "values")
def check_dates(pair: Pair) -> Iterator[Finding]:
    for unit_o, unit_t, fo, ft in _pairs(pair, "whens"):
        difference = compare(fo.whens, ft.whens, key=lambda w: (w.kind, w.value),
                             sure=lambda w: w.sure, in_translation=partial(_when_elsewhere, ft),
                             in_original=partial(_when_elsewhere, fo))
        if difference:
            yield _finding(pair, "number.dates", "dates", difference, unit_o, unit_t)


def _session_elsewhere(other: Facts, number: int) -> bool:
    """"the 131st Assembly" ⇄ "第131届大会": a number where the other says "session"."""
    return any(q.value == number for q in other.quantities)


@rule("number.ordinals", summary="the same session ordinals (sixteenth session ⇄ 第十六届会议)")
def check_ordinals(pair: Pair) -> Iterator[Finding]:
    for unit_o, unit_t, fo, ft in _pairs(pair, "sessions"):
        difference = compare(fo.sessions, ft.sessions, key=lambda n: n, sure=always,
                             in_translation=partial(_session_elsewhere, ft),
                             in_original=partial(_session_elsewhere, fo))
        if difference:
            yield _finding(pair, "number.ordinals", "sessions", difference, unit_o, unit_t)


def _finding(pair: Pair, code: str, what: str, difference: Difference[object], unit_o: Unit,
             unit_t: Unit) -> Finding:
    here, there = _show(difference.here), _show(difference.there)
    if difference.here and difference.there:
        message = f"{what} differ: {here} here, {there} in the original"
    elif difference.here:
        message = f"{what} differ: {here} here, not in the original"
    else:
        message = f"{what} differ: {there} in the original, not here"
    return pair.finding(code, difference.severity, message, unit_t.location, unit_o.location,
                        anchor=unit_t.key, here=map(written, difference.here),
                        there=map(written, difference.there))


def _show(values: Sequence[object]) -> str:
    def one(value: object) -> str:
        if isinstance(value, Quantity):
            written = value.show()
            shown = show_value(value.value)
            return written if written.replace(",", "") == shown else f"{written} ({shown})"
        if isinstance(value, When):
            return value.show()
        return str(value)

    return ", ".join(one(v) for v in values) or "nothing"
