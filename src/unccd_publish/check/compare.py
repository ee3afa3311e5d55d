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
    there = list(original)
    here = list(translation)
    if not there and not here:  # most units: nothing of the kind on either side
        return None
    keys_there, keys_here = {key(v) for v in there}, {key(v) for v in here}
    left_there = [v for v in there if key(v) not in keys_here
                  and not (in_translation and in_translation(v))]
    left_here = [v for v in here if key(v) not in keys_there
                 and not (in_original and in_original(v))]
    # a value stated on both sides, but more often on one: one of its mentions may have been
    # changed into a value the other side has too ("2015年 … 2015年" for "2015 … 2016")
    count_there = Counter(key(v) for v in there if sure(v) > Sure.MAYBE)
    count_here = Counter(key(v) for v in here if sure(v) > Sure.MAYBE)
    more_there = [v for v in there if sure(v) == Sure.DIGITS
                  and count_there[key(v)] > count_here[key(v)] > 0]
    more_here = [v for v in here if sure(v) == Sure.DIGITS
                 and count_here[key(v)] > count_there[key(v)] > 0]
    digits_there = any(sure(v) == Sure.DIGITS for v in left_there)
    digits_here = any(sure(v) == Sure.DIGITS for v in left_here)
    words_there = any(sure(v) == Sure.WORDS for v in left_there)
    words_here = any(sure(v) == Sure.WORDS for v in left_here)
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
    return Difference(severity, _unique([v for v in left_here if sure(v) in shown], key),
                      _unique([v for v in left_there if sure(v) in shown], key))


def _unique(values: list[T], key: Callable[[T], Hashable]) -> list[T]:
    seen: set[Hashable] = set()
    out = []
    for value in values:
        if key(value) not in seen:
            seen.add(key(value))
            out.append(value)
    return out


def always(_: object) -> Sure:
    """For values every reader reads with certainty (symbols, references)."""
    return Sure.DIGITS
