"""What the prose of a unit says, as values: numbers, dates, times, session ordinals,
references, and the resolutions and decisions it cites.

Each language has its own reader (``facts/en.py``, ``facts/zh.py``): English writes "35 per
cent", "three cases", "18 and 19 April 2023" and "sixty-sixth session", Chinese writes
"35%", "3个", "2023年4月18日至19日" and "第六十六届会议". What the readers find is the same for
every language, so the rules compare an English unit with a Chinese one value by value.

Every value says how sure its reader is that it is a number at all (:class:`Sure`):
digits are numbers; "three" and "三个" are number words; "one", "first" and "一项" may only
be an article or a manner of speaking. The rules treat them accordingly.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from fractions import Fraction
from functools import lru_cache

from unccd_publish.recognise import find_symbols


class Sure(IntEnum):
    """How sure a reader is that what it read is meant as a number."""

    MAYBE = 0  # "one", "first", "一项": often an article or a manner of speaking
    WORDS = 1  # "three", "sixty-sixth", "三个", "第六十六": a number, written in words
    DIGITS = 2  # "3", "2023", "35%": a number, written in digits


@dataclass(frozen=True)
class Quantity:
    """A number: a count, an amount, a year, a percentage, a fraction."""

    value: Fraction
    sure: Sure
    text: str  # as written, for the messages

    def show(self) -> str:
        return self.text


@dataclass(frozen=True)
class When:
    """A day ("day": month, day), a month ("month": month), a time of day ("time": hour,
    minute) or a range of years ("years": first, last); years of dates are quantities."""

    kind: str
    value: tuple[int, ...]
    sure: Sure
    text: str

    def show(self) -> str:
        return self.text


@dataclass(frozen=True)
class ProseRef:
    """A reference written in the prose: "paragraphs 5 and 6 above", "上文第5和第6段"."""

    kind: str  # "paragraph" | "subparagraph" | "chapter" | "annex"
    numbers: tuple[str, ...]  # "5"; "140.2" (a paragraph of another report); () for "(b) 项"
    sub: str  # "(b)" of "paragraph 5 (b)"
    where: str  # "above", "below" or ""

    @property
    def first(self) -> int:
        """The paragraph's own number: 140 of "140.2"."""
        return int(self.numbers[0].split(".")[0]) if self.numbers else 0


@dataclass(frozen=True)
class Act:
    """A resolution or decision cited by its number: "resolution 1970 (2011)",
    "第1970(2011)号决议", "decision 69/554" (decisions of the form 7/COP.16 are symbols)."""

    kind: str  # "resolution" | "decision"
    symbol: str  # without spaces: "1970(2011)", "70/1"


@dataclass
class Facts:
    quantities: list[Quantity] = field(default_factory=list)
    whens: list[When] = field(default_factory=list)
    sessions: list[int] = field(default_factory=list)
    refs: list[ProseRef] = field(default_factory=list)
    acts: list[Act] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # "P-4", "F-16", "COVID-19", "29C.37"

    def states(self) -> bool:
        """Whether the text states any value (of any kind: every field is a list of them)."""
        return any(vars(self).values())


# what a text that says no value says: shared, as every Facts is once made (facts() is
# cached), so never added to
NOTHING = Facts()


class Spans:
    """The stretches of a text already read, so that nothing is read twice."""

    def __init__(self) -> None:
        self._taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self._taken)

    def take(self, start: int, end: int) -> bool:
        """Mark ``start``–``end`` as read; False (and nothing marked) if part of it was."""
        if not self.free(start, end):
            return False
        self._taken.append((start, end))
        return True

    def scan(self, pattern: re.Pattern[str], text: str,
             needs: tuple[str, ...] = ()) -> list[re.Match[str]]:
        """The matches of ``pattern`` in the stretches not yet read, each then taken; none
        where ``text`` holds none of ``needs`` (see :func:`holds`)."""
        if not holds(text, needs):
            return []
        return [m for m in pattern.finditer(text) if m.end() > m.start() and self.take(*m.span())]


def holds(text: str, needs: tuple[str, ...]) -> bool:
    """Whether ``text`` holds one of ``needs``, the plain texts one of which every match of a
    pattern holds (none: no such text is known). Most texts hold none, and looking for them
    costs a tenth of trying a pattern at every place of a text."""
    # a loop, not any() over a generator, which cost more than the patterns it spared
    for need in needs:
        if need in text:
            return True
    return not needs


Trie = dict[str, "Trie"]  # a letter → what may follow it ("": a word ends here)


def one_of(words: Iterable[str]) -> str:
    """A regular expression for any of ``words``, branching a letter at a time, as a trie:
    "t(?:en|h(?:ird|ree)|wo)" rather than "three|third|two|ten". Where several words match at
    one place, the longer is tried first, as in an alternation of the words longest first; but
    Python's engine follows the letters of the text instead of trying every word at every
    place: four times faster for the sixty words English writes numbers in."""
    trie: Trie = {}
    for word in words:
        node = trie
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}
    return _branches(trie)


def _branches(node: Trie) -> str:
    ends = "" in node
    branches = [re.escape(letter) + _branches(after)
                for letter, after in sorted(node.items()) if letter]
    if not branches:
        return ""
    if len(branches) == 1 and not ends:
        return branches[0]
    return "(?:" + "|".join(branches) + (")?" if ends else ")")


# digits with thousands separators (a comma; in Chinese also a space), and decimals
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# full-width digits, signs and brackets, and numbers in circles or brackets (⑵, ㈡, ①):
# read as they would be written in ASCII (not the full-width comma, a punctuation mark)
NARROWED = re.compile("[０-９％．（）\u2460-\u24ff\u3220-\u3243\u3280-\u32b0]")
# the number of a resolution or decision: 70/1, 69/313 A, ES-10/19, 1970 (2011), 2118
FULL_ACT = r"(?:ES-\d+/\d+|\d+/\d+(?:\s?[A-Z](?![A-Za-z]))?|\d+\s?\((?:\d{4}|[IVXL]+)\))"
ACT = rf"(?:{FULL_ACT}|\d+(?![\d/.,]))"  # "resolution 2118" too


def digits_value(text: str) -> Fraction:
    """'38,852' → 38852, '86 000' → 86000, '0.75' → 3/4."""
    return Fraction(re.sub(r"[,\s\u00a0\u202f]", "", text))


def show_value(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    as_decimal = float(value)
    return f"{as_decimal:g}" if Fraction(str(as_decimal)) == value else str(value)


Reader = Callable[[str], Facts]
READERS: dict[str, Reader] = {}


def reader(lang: str) -> Callable[[Reader], Reader]:
    """Register the reader of a language."""

    def register(function: Reader) -> Reader:
        READERS[lang] = function
        return function

    return register


@lru_cache(maxsize=16384)
def facts(text: str, lang: str) -> Facts:
    """What ``text``, written in ``lang``, says as values (cached: every rule asks)."""
    if lang not in READERS:
        import_module_for(lang)
    text = NARROWED.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    found = READERS[lang](text) if lang in READERS else NOTHING
    # most texts say nothing: one object for all, which a pickle of them holds once
    return found if found.states() else NOTHING


def import_module_for(lang: str) -> None:
    import importlib

    with contextlib.suppress(ModuleNotFoundError):  # a language without a reader says nothing
        importlib.import_module(f"{__name__}.{lang}")


# letters and digits in one word, which both versions write alike: a grade (P-4), an aircraft
# (F-16, A-400), a substance (AM-2201), a position (TP16), a paragraph of a budget (29C.37)
CODE = re.compile(r"(?<![A-Za-z0-9])(?=[\w.\-]*\d)(?=[\w.\-]*[A-Za-z])[A-Za-z0-9]+"
                  r"(?:[.\-][A-Za-z0-9]+)*(?![A-Za-z0-9])", re.ASCII)
# a fraction written with a slash: 1/3, 2/3
SLASHED = re.compile(r"(?<![\w/.])(?P<top>\d{1,2})/(?P<bottom>\d{1,2})(?![\w/])", re.ASCII)
ASCII_DIGITS = tuple("0123456789")  # one of which a code, a fraction and a dotted number hold


def common_facts(text: str, spans: Spans, facts: Facts) -> None:
    """What every language writes alike, read after the language's own reader: codes and
    fractions with a slash."""
    for match in spans.scan(SLASHED, text, ("/",)):
        bottom = int(match.group("bottom"))
        if bottom:
            facts.quantities.append(Quantity(Fraction(int(match.group("top")), bottom),
                                             Sure.DIGITS, match.group(0)))
    for match in spans.scan(CODE, text, ASCII_DIGITS):
        code = match.group(0)
        if not re.fullmatch(r"\d+(?:st|nd|rd|th|s)", code):
            facts.codes.append(code)
            number = re.search(r"(?<![\d.])\d+$", code)
            if number:  # "G20" ⇄ "20国集团"
                facts.quantities.append(Quantity(Fraction(int(number.group(0))), Sure.MAYBE,
                                                 code))


def footnote_marks(found: list[re.Match[str]], facts: Facts) -> None:
    """A footnote's number kept in the text ("[23]", "the report;1"): "[23]" is compared as a
    code (both versions keep it), and may be read as a number on the other side ("article
    [18]" ⇄ "[第18条]")."""
    for match in found:
        if match.group(0).startswith("["):
            facts.codes.append(match.group(0))
            facts.quantities.append(Quantity(Fraction(int(match.group(0)[1:-1])), Sure.MAYBE,
                                             match.group(0)))


def year_ranges(found: list[re.Match[str]], facts: Facts) -> None:
    """Ranges of years ("2015–2030", "2018-19", "2015至2030年"), from matches with the first
    year and the last, or its last two digits (``short``)."""
    for match in found:
        first = match.group("first")
        last = match.group("last") or first[:2] + match.group("short")
        facts.whens.append(When("years", (int(first), int(last)), Sure.DIGITS, match.group(0)))


def code_key(code: str) -> str:
    """P-2 and P2 are the same grade."""
    return code.replace("-", "").upper()


# numbers of several levels, which both versions write alike: indicator 15.3.1, 4.5.1
DOTTED = re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w]|\.\d)", re.ASCII)


def symbol_spans(text: str, spans: Spans, facts: Facts) -> None:
    """Decision and document symbols are compared by their own rules, not as numbers;
    numbers of several levels (15.3.1) are compared as codes."""
    for found in find_symbols(text):
        spans.take(found.start, found.end)
    facts.codes.extend(match.group(0) for match in spans.scan(DOTTED, text, ASCII_DIGITS))
