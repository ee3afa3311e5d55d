"""Cross-references: labelled ones point to the same place; written ones say the same."""

from __future__ import annotations

import re
from collections.abc import Iterator

from unccd_publish import model as m
from unccd_publish.check.findings import Finding
from unccd_publish.check.pairing import Pair, Unit
from unccd_publish.check.recognisers import ProseRef, prose_refs
from unccd_publish.check.registry import rule


def targets(unit: Unit) -> list[str]:
    return [i.target.anchor for i in m.walk_inlines(unit.inlines)
            if isinstance(i, m.CrossRef) and i.target is not None]


@rule("ref.target", summary="labelled references point to the same place in both versions")
def check_targets(pair: Pair) -> Iterator[Finding]:
    for unit_o, unit_t in pair.corresponding():
        to, tt = targets(unit_o), targets(unit_t)
        if to != tt:
            yield pair.finding("ref.target", "error",
                               f"references here point to {', '.join(tt) or 'nothing'}, in the "
                               f"original to {', '.join(to) or 'nothing'}", unit_t.location,
                               unit_o.location, anchor=unit_t.key)


def _key(ref: ProseRef) -> tuple[str, int, int, str]:
    return ref.kind, ref.first, ref.last, ref.sub


@rule("ref.number", summary="references written in the prose give the same numbers")
def check_numbers(pair: Pair) -> Iterator[Finding]:
    for unit_o, unit_t in pair.corresponding():
        ro = prose_refs(unit_o.text, pair.original.lang)
        rt = prose_refs(unit_t.text, pair.translation.lang)
        if sorted(map(_key, ro)) != sorted(map(_key, rt)):
            yield pair.finding("ref.number", "error",
                               f"the references here ({_show(rt)}) are not those of the original "
                               f"({_show(ro)})", unit_t.location, unit_o.location,
                               anchor=unit_t.key)


def _show(refs: list[ProseRef]) -> str:
    return ", ".join(f"{r.kind} {r.first}{r.sub}" + (f"–{r.last}" if r.last != r.first else "")
                     + (f" {r.where}" if r.where else "") for r in refs) or "none"


CURRENT = re.compile(r"(?:^|-)para-(\d+)")


@rule("ref.direction", summary="above and below (上文, 下文) agree between the versions and with "
      "where the paragraph referred to stands")
def check_direction(pair: Pair) -> Iterator[Finding]:
    for unit_o, unit_t in pair.corresponding():
        ro = {_key(r): r.where for r in prose_refs(unit_o.text, pair.original.lang)}
        current = CURRENT.search(unit_t.key)
        for ref in prose_refs(unit_t.text, pair.translation.lang):
            if ref.kind != "paragraph" or not ref.where:
                continue
            other = ro.get(_key(ref))
            if other and other != ref.where:
                yield pair.finding("ref.direction", "error",
                                   f"paragraph {ref.first} is '{ref.where}' here and "
                                   f"'{other}' in the original", unit_t.location,
                                   unit_o.location, anchor=unit_t.key)
            elif current and ref.first > pair.paragraph_counts.get(unit_t.key.split("-para-")[0]
                                                                   if "-para-" in unit_t.key
                                                                   else "para", 0):
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
