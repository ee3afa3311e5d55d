"""Cross-references: labelled ones point to the same place; written ones say the same."""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction
from functools import partial

from unccd_publish.check.compare import always, compare
from unccd_publish.check.facts import ProseRef
from unccd_publish.check.findings import Finding, written
from unccd_publish.check.pairing import Pair
from unccd_publish.check.registry import rule
from unccd_publish.check.sheet import stretch
from unccd_publish.check.units import Unit


@rule("ref.target", summary="labelled references point to the same place in both versions")
def check_targets(pair: Pair) -> Iterator[Finding]:
    for unit_o, unit_t in pair.corresponding():
        to, tt = unit_o.targets, unit_t.targets
        if to != tt:
            yield pair.finding("ref.target", "error",
                               f"references here point to {', '.join(tt) or 'nothing'}, in the "
                               f"original to {', '.join(to) or 'nothing'}", unit_t.location,
                               unit_o.location, anchor=unit_t.key)


def _key(ref: ProseRef) -> tuple[str, tuple[str, ...], str]:
    """Paragraphs by number ("第10段(d)" is "paragraph 10 (d)"); sub-items by letter."""
    return ref.kind, ref.numbers, ref.sub if ref.kind == "subparagraph" else ""


def _stated(other: Unit, ref: ProseRef) -> bool:
    """A reference the other reader did not recognise as one may still give the same number
    ("article 4 (2) (c)" ⇄ "第4条第2款(c)项")."""
    if ref.kind == "subparagraph":
        return ref.sub in other.text or f"（{ref.sub[1:-1]}）" in other.text
    quantities = other.facts.quantities
    return ref.kind == "paragraph" and all(
        any(q.value == Fraction(n) for q in quantities) for n in ref.numbers)


@rule("ref.number", summary="references written in the prose give the same numbers")
def check_numbers(pair: Pair) -> Iterator[Finding]:
    for unit_o, unit_t, fo, ft in pair.stating():
        if not (fo.refs or ft.refs):  # most units make none
            continue
        difference = compare(fo.refs, ft.refs, key=_key, sure=always,
                             in_translation=partial(_stated, unit_t),
                             in_original=partial(_stated, unit_o))
        if difference:
            yield pair.finding("ref.number", difference.severity,
                               f"the references here ({_show(difference.here)}) are not those "
                               f"of the original ({_show(difference.there)})", unit_t.location,
                               unit_o.location, anchor=unit_t.key,
                               here=map(written, difference.here),
                               there=map(written, difference.there))


def _show(refs: list[ProseRef]) -> str:
    return ", ".join(f"{r.kind} {'–'.join(r.numbers)}{r.sub}"
                     + (f" {r.where}" if r.where else "") for r in refs) or "none"


CURRENT = re.compile(r"(?:^|-)para-(\d+)")


@rule("ref.direction", summary="above and below (上文, 下文) agree between the versions; a "
      "reference only the translation makes agrees with where the paragraph stands")
def check_direction(pair: Pair) -> Iterator[Finding]:
    for unit_o, unit_t, fo, ft in pair.stating():
        if not ft.refs:  # most units make none
            continue
        ro = {_key(r): r.where for r in fo.refs}
        current = CURRENT.search(unit_t.key)
        for ref in ft.refs:
            if ref.kind != "paragraph" or not ref.where:
                continue
            if _key(ref) in ro:
                other = ro[_key(ref)]
                if other and other != ref.where:
                    yield pair.finding("ref.direction", "error",
                                       f"paragraph {ref.first} is '{ref.where}' here and "
                                       f"'{other}' in the original", unit_t.location,
                                       unit_o.location, anchor=unit_t.key)
                # the original makes this reference too: where it points is its own affair
                continue
            counted = pair.translation.paragraph_counts.get(stretch(unit_t.key), 0)
            if current and ref.first > counted:
                yield pair.finding("ref.target", "error",
                                   f"paragraph {ref.first} is referred to, but there is no such "
                                   "paragraph", unit_t.location, unit_o.location,
                                   anchor=unit_t.key)
            elif current:
                here = int(current.group(1))
                wrong = (ref.where == "above" and ref.first >= here) or (
                    ref.where == "below" and ref.first <= here)
                if wrong:
                    yield pair.finding("ref.direction", "error",
                                       f"paragraph {ref.first} is said to be {ref.where}, but "
                                       f"this is paragraph {here}", unit_t.location,
                                       unit_o.location, anchor=unit_t.key)
