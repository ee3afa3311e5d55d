"""Comparing what two corresponding units say, value by value, with an honest severity.

A value of one version is matched by an equal value of the other, however either writes
it. What is left unmatched is a difference, and how sure the readers are decides how it
is reported:

- a value left on both sides, one of them in digits: the versions certainly differ (error);
- a value in digits left on one side only (a number the other version does not state, or
  states in a way no reader understands): a warning, which ``-W`` promotes;
- values written in words on both sides and left unmatched: a warning;
- what may not be a number at all ("one", "first", "一项"): never reported, only matched.

How often a value is stated does not matter by itself (Chinese repeats the year of each
date of a range, English does not), unless each side also states some value more often
than the other or not at all: then a mention was changed into a value that happens to be
stated elsewhere too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from unccd_publish.check.facts import Sure
from unccd_publish.check.findings import Severity

T = TypeVar("T")


@dataclass
class Difference(Generic[T]):
    severity: Severity
    here: list[T]  # left unmatched in the translation
    there: list[T]  # left unmatched in the original


Restated = Callable[[T], bool]


def compare(original: Iterable[T], translation: Iterable[T], key: Callable[[T], Hashable],
            sure: Callable[[T], Sure], in_translation: Restated[T] | None = None,
            in_original: Restated[T] | None = None, one_sided: bool = True,
            ) -> Difference[T] | None:
    """The difference between two collections of values, or None when they agree.

    Values agree by ``key``. ``in_translation(value)`` may accept a value of the original
    that the translation states in another form (a range of years as its two years), and
    ``in_original`` one of the translation. Without
    ``one_sided``, values left on one side only are not a difference (a code one version
    spells out).
    """
    there = [(v, key(v), sure(v)) for v in original]  # each value with its key and sureness
    here = [(v, key(v), sure(v)) for v in translation]
    if not there and not here:  # most units: nothing of the kind on either side
        return None
    if len(there) == len(here) and all(a[1] == b[1] and a[2] == b[2]
                                       for a, b in zip(there, here, strict=True)):
        return None  # the same values, as sure, in the same order: most units that state any
    keys_there, keys_here = {k for _, k, _ in there}, {k for _, k, _ in here}
    left_there = [(v, k, s) for v, k, s in there if k not in keys_here
                  and not (in_translation and in_translation(v))]
    left_here = [(v, k, s) for v, k, s in here if k not in keys_there
                 and not (in_original and in_original(v))]
    # a value stated on both sides, but more often on one: one of its mentions may have been
    # changed into a value the other side has too ("2015年 … 2015年" for "2015 … 2016")
    more_there, more_here = _more_often(there, here), _more_often(here, there)
    digits_there = any(s == Sure.DIGITS for _, _, s in left_there)
    digits_here = any(s == Sure.DIGITS for _, _, s in left_here)
    words_there = any(s == Sure.WORDS for _, _, s in left_there)
    words_here = any(s == Sure.WORDS for _, _, s in left_here)
    severity: Severity
    if (digits_there and (digits_here or words_here)) or (digits_here and words_there):
        severity = "error"
    elif (words_here or digits_here or more_here) and (words_there or digits_there or more_there) \
            and (more_here or more_there):
        severity = "error"
        left_here, left_there = left_here + more_here, left_there + more_there
    elif (one_sided and (digits_here or digits_there)) or (words_here and words_there):
        severity = "warning"
    else:
        return None
    shown = (Sure.DIGITS, Sure.WORDS)
    return Difference(severity, _unique([(v, k) for v, k, s in left_here if s in shown]),
                      _unique([(v, k) for v, k, s in left_there if s in shown]))


Keyed = tuple[T, Hashable, Sure]  # a value, its key, and how sure its reader is


def _more_often(side: list[Keyed[T]], other: list[Keyed[T]]) -> list[Keyed[T]]:
    """The values in digits of ``side`` that ``other`` states too, but less often (values
    read as "maybe" not counted)."""
    stated = [k for _, k, s in side if s > Sure.MAYBE]
    if len(set(stated)) == len(stated):  # nothing stated twice: never more often
        return []
    counted = Counter(stated)
    counted_other = Counter(k for _, k, s in other if s > Sure.MAYBE)
    return [(v, k, s) for v, k, s in side
            if s == Sure.DIGITS and counted[k] > counted_other[k] > 0]


def _unique(values: list[tuple[T, Hashable]]) -> list[T]:
    """The values, each key once (its first value)."""
    seen: set[Hashable] = set()
    out = []
    for value, key in values:
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


def always(_: object) -> Sure:
    """For values every reader reads with certainty (symbols, references)."""
    return Sure.DIGITS
