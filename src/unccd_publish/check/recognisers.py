"""What the prose says, as values: references, dates, session ordinals, free numbers.

The patterns of each language are data (``PATTERNS``), one table per language; the code
that applies them is the same for all languages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from unccd_publish.numbering import ordinal_words, parse_chinese, parse_roman
from unccd_publish.recognise import find_symbols

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DASH = "[–\\-—]"

PATTERNS: dict[str, dict[str, str]] = {
    "en": {
        "paragraph_ref": r"\bparagraphs? (?P<first>\d+)(?: ?(?P<sub>\([a-z]+\)))?"
                         r"(?:\s*(?:–|-|to|and)\s*(?P<last>\d+))?"
                         r"(?: of (?:draft )?decision \d+)? (?P<where>above|below)\b",
        "chapter_ref": r"\bchapter (?P<number>[IVXLC]+)\b",
        "annex_ref": r"\bannex (?P<number>[IVXLC]+)\b",
        "subparagraph_ref": r"\bsubparagraph (?P<sub>\([a-z]+\))",
        "fraction": r"\b(?P<word>one third|two thirds|one quarter|three quarters|one half)\b",
        "date": r"\b(?P<d1>\d{1,2})(?:(?:\s*" + DASH + r"\s*)(?P<d2>\d{1,2}))? (?P<month>"
                + "|".join(MONTHS) + r") (?P<year>\d{4})\b",
        "year_range": r"\b(?P<y1>(?:19|20)\d\d)\s*" + DASH + r"\s*(?P<y2>(?:19|20)\d\d)\b",
        "ordinal": r"\b(?P<word>[A-Za-z]+(?:-[a-z]+)?) session\b",
        "scale": r"(?P<n>\d+(?:\.\d+)?) (?P<unit>million|billion)\b",
        "resolution": r"\bresolutions? ",
    },
    "zh": {
        "paragraph_ref": r"(?P<where>上文|下文|以上|以下)(?:决定草案 ?\d+ ?)?第 ?(?P<first>\d+)"
                         r"(?P<sub>\([a-z]+\))?(?: ?(?:至|和|、) ?(?P<last>\d+))? ?段",
        "chapter_ref": r"第(?P<number>[一二三四五六七八九十]+)章",
        "annex_ref": r"附件(?P<number>[一二三四五六七八九十]+)",
        "subparagraph_ref": r"(?<![段\d])(?P<sub>\([a-z]+\)) ?项",
        "fraction": r"(?P<word>三分之一|三分之二|四分之一|四分之三|二分之一)",
        "date": r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<d1>\d{1,2})日(?:至(?P<d2>\d{1,2})日)?",
        "year_range": r"(?P<y1>(?:19|20)\d\d)\s*" + DASH + r"\s*(?P<y2>(?:19|20)\d\d)",
        "ordinal": r"第(?P<word>[一二三四五六七八九十]+)届会议",
        "scale": r"(?P<n>\d+(?:\.\d+)?) ?(?P<unit>万|亿)",
        "resolution": r"号决议",
    },
}
DIRECTIONS = {"above": "above", "below": "below", "上文": "above", "下文": "below",
              "以上": "above", "以下": "below"}
FRACTIONS = {"one third": "1/3", "two thirds": "2/3", "one quarter": "1/4",
             "three quarters": "3/4", "one half": "1/2", "三分之一": "1/3", "三分之二": "2/3",
             "四分之一": "1/4", "四分之三": "3/4", "二分之一": "1/2"}
SCALES = {"million": 1_000_000, "billion": 1_000_000_000, "万": 10_000, "亿": 100_000_000}
FULL_WIDTH = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
_ORDINALS = {ordinal_words(n): n for n in range(1, 100)}


@dataclass(frozen=True)
class ProseRef:
    kind: str  # "paragraph", "chapter", "annex"
    first: int
    last: int
    sub: str
    where: str  # "above", "below" or ""


def count(text: str, lang: str, name: str) -> int:
    """How many times the pattern ``name`` of ``lang`` occurs in ``text``."""
    return len(_compiled(lang, name).findall(text))


@cache
def _compiled(lang: str, name: str) -> re.Pattern[str]:
    return re.compile(PATTERNS[lang][name])


def prose_refs(text: str, lang: str) -> list[ProseRef]:
    """References written in the prose: "paragraph 5 above", "上文第 5 段", "chapter II"."""
    found = []
    for match in _compiled(lang, "paragraph_ref").finditer(text):
        first = int(match.group("first"))
        last = int(match.group("last") or first)
        found.append(ProseRef("paragraph", first, last, match.group("sub") or "",
                              DIRECTIONS[match.group("where")]))
    for match in _compiled(lang, "subparagraph_ref").finditer(text):
        found.append(ProseRef("subparagraph", 0, 0, match.group("sub"), ""))
    for kind in ("chapter", "annex"):
        for match in _compiled(lang, f"{kind}_ref").finditer(text):
            value = _numeral(match.group("number"))
            if value:
                found.append(ProseRef(kind, value, value, "", ""))
    return found


def _numeral(text: str) -> int | None:
    return parse_roman(text) or parse_chinese(text)


def dates(text: str, lang: str) -> list[tuple[dt.date, dt.date]]:
    """Dates and date ranges as values: "3–12 December 2024" ⇄ "2024年12月3日至12日"."""
    out = []
    for match in _compiled(lang, "date").finditer(text):
        month = match.group("month")
        month_number = MONTHS.index(month) + 1 if month in MONTHS else int(month)
        year, d1 = int(match.group("year")), int(match.group("d1"))
        d2 = int(match.group("d2") or d1)
        try:
            out.append((dt.date(year, month_number, d1), dt.date(year, month_number, d2)))
        except ValueError:
            continue
    for match in _compiled(lang, "year_range").finditer(text):
        y1, y2 = int(match.group("y1")), int(match.group("y2"))
        out.append((dt.date(y1, 1, 1), dt.date(y2, 12, 31)))
    return sorted(out)


def ordinals(text: str, lang: str) -> list[int]:
    """Session ordinals as integers: "sixteenth session" ⇄ "第十六届会议"."""
    out = []
    for match in _compiled(lang, "ordinal").finditer(text):
        word = match.group("word").lower()
        value = _ORDINALS.get(word) or parse_chinese(word)
        if value:
            out.append(value)
    return sorted(out)


def free_numbers(text: str, lang: str) -> Counter[str]:
    """The numbers of a text that are not part of a symbol, a reference, a date or a year
    range; scaled numbers ("2 million", "200万") as their value."""
    text = text.translate(FULL_WIDTH)
    spans = [(f.start, f.end) for f in find_symbols(text)]
    for name in ("paragraph_ref", "date", "year_range"):
        spans += [m.span() for m in _compiled(lang, name).finditer(text)]
    numbers: Counter[str] = Counter()
    for match in _compiled(lang, "scale").finditer(text):
        spans.append(match.span())
        value = float(match.group("n")) * SCALES[match.group("unit")]
        numbers[f"{value:g}"] += 1
    for match in _compiled(lang, "fraction").finditer(text):
        numbers[FRACTIONS[match.group("word")]] += 1
    for match in re.finditer(r"\d+(?:\.\d+)?%?", text):
        if any(start <= match.start() < end for start, end in spans):
            continue
        numbers[match.group(0)] += 1
    return numbers
