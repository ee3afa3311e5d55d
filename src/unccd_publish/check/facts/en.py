"""How UN English writes values: "35 per cent", "38,852", "2.5 million", "three cases",
"two thirds", "7 out of 10", "18 and 19 April 2023", "10.15 a.m.", "sixty-sixth session",
"paragraphs 59–64 above", "Chapter VII", "resolution 1970 (2011)".

Month names come from Babel's locale data; number words from num2words (every cardinal
and ordinal form of 1–999, read back by lookup).
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import cache

from babel.dates import get_month_names

from unccd_publish.check.facts import (
    ACT,
    DIGITS,
    FULL_ACT,
    Act,
    Facts,
    ProseRef,
    Quantity,
    Spans,
    Sure,
    When,
    common_facts,
    digits_value,
    footnote_marks,
    holds,
    one_of,
    reader,
    symbol_spans,
    year_ranges,
)
from unccd_publish.numbering import parse_roman

MONTHS = {str(name): number for number, name in get_month_names("wide", locale="en").items()}
SHORT_MONTHS = {str(name): number
                for number, name in get_month_names("abbreviated", locale="en").items()}
MONTH = "(?:" + "|".join([*MONTHS, *(f"{m}\\.?" for m in SHORT_MONTHS if m not in MONTHS),
                          "Sept\\.?"]) + ")"
SCALES = {"thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
MAYBE_WORDS = {"one", "first", "second", "half"}
DASH = r"(?:–|-|—|to)"
# what a month named alone may stand after: "in May" is a month, "May" alone may be the verb
PREPOSITIONS = ("in", "of", "since", "until", "by", "during", "from", "to", "early", "mid", "late",
                "end")
# a number, not part of a word, a code or a symbol ("G77", "P-4", "18A.128", "A/70/1");
# "$A45,000", "Euro475,000" (as text taken from PDF reads "€475,000") and "r.46" are numbers
# (a digit first: what stands before it is looked at only where one is)
NUMBER = (rf"(?=\d)(?:(?<=\$[A-Z])|(?<=Euro)|(?<=\b[a-z]\.)|(?<![A-Za-z0-9_/,.]))"
          rf"(?<![A-Z]-)(?:{DIGITS})(?![0-9/])")
ORDINAL_SUFFIX = r"(?:st|nd|rd|th)"
PART = r"(?:[IVXLC]+|\d+)\b"  # chapter II, annex 3
PARTS = rf"{PART}(?:\s*(?:,|and|or|{DASH})\s*{PART})*"  # annexes I and II
REF = r"\d+(?:\.\d+)*(?:\s*\([a-z]+\))?"  # "5", "140.2", "2 (e)"
END = r"(?![A-Za-z0-9_])"


@cache
def number_words() -> dict[str, int]:
    """Every English word form of 1–999, cardinal and ordinal: 'sixty-sixth' → 66."""
    return _forms(range(1, 1000))


@cache
def _below_hundred() -> dict[str, int]:
    """The forms of 1–99: most numbers written in words are among them, and they are made in
    a tenth of the time of all 1,998 (num2words takes 20 µs a form)."""
    return _forms(range(1, 100))


def _forms(numbers: range) -> dict[str, int]:
    from num2words import num2words  # on first use: a check that reads no text needs none

    table = {}
    for n in numbers:
        for form in (num2words(n, lang="en"), num2words(n, lang="en", to="ordinal")):
            table[form.replace("-", " ")] = n
    return table


def form_value(form: str) -> int | None:
    """The number of a form of :func:`number_words` ('sixty six' → 66), if it is one; the
    forms of 100–999 are made only for a form with 'hundred', which every one of them has."""
    if "hundred" in form:
        return number_words().get(form)
    return _below_hundred().get(form)


@cache
def _words() -> frozenset[str]:
    """The words numbers are written in: 'sixty', 'sixth', 'hundred', 'million', 'half'.
    Those of 1–999 are those of 1–99 with 'hundred' and 'hundredth'."""
    words = {w for form in _below_hundred() for w in form.split()} | {"hundred", "hundredth"}
    return frozenset(words | set(SCALES) | {"half"})


@cache
def _atoms() -> str:
    return one_of(_words())


@cache
def _pattern(name: str) -> re.Pattern[str]:
    atom = rf"(?:{_atoms()})"
    run = rf"\b{atom}(?:(?:[- ]|\sand\s){atom})*\b"
    # where a number in digits or words may start: the patterns that try several ways of
    # writing one at every place are tried only there
    starts = rf"(?=\d|(?i:[{''.join(sorted({w[0] for w in _words()}))}]))"
    fraction_word = r"(?:halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?" \
                    r"|eighths?|ninths?|tenths?)"
    day = rf"\d{{1,2}}{ORDINAL_SUFFIX}?"
    patterns = {
        "url": r"(?:https?://|www\.)\S+|\S+@\S+\.\w+",
        "act": rf"(?<!draft )\b(?P<kind>resolution|decision)s?\s+(?P<list>{ACT}(?:\s*(?:,|and"
               rf"|or|as well as)\s*(?:(?:resolution|decision)s?\s+)?{FULL_ACT})*)",
        "bare_act": r"(?<![\w/,.])\d{2,4} \(\d{4}\)",
        # "[23]"; "on the report;1", "the communities.25": a footnote's number, as text
        # taken from a PDF or Word file gives it
        # (tried only where a '[' or a digit is: the look-behinds are the costly part)
        "footnote_mark": r"(?=[\[\d])(?:\[\d{1,3}\]|(?:(?<=[a-z]{2}[;:,.])|(?<=[)”\"’][;:,.])"
                         r"|(?<=\d;)|(?<=[a-z][”\"’]))\d{1,3}(?=\s|$))",
        "decades": rf"(?i:(?P<number>{run}|\d+)\s+decades?)\b",
        "period": r"\b(?P<word>decade|biennium|triennium)\b",
        "a_fraction": rf"\b[Aa]\s+(?P<bottom>{fraction_word})\s+of\b",
        "paragraph_ref": rf"\b(?:[Ss]ub)?(?:[Pp]aragraphs?|[Pp]aras?\.)\s+(?P<list>{REF}"
                         rf"(?:\s*(?:,|{DASH}|and|or)\s*(?:{REF}|\([a-z]+\)))*)"
                         r"(?:\s+of\s+(?:draft\s+)?decision\s+\d+)?"
                         r"(?:\s+(?P<where>above|below))?(?![A-Za-z0-9])",
        "subparagraph_ref": r"\b[Ss]ubparagraphs?\s+(?P<list>\([a-z]+\)(?:\s*(?:,|and|or|to)"
                            r"\s*\([a-z]+\))*)",
        "chapter_ref": rf"\b(?:[Cc]hapters?|[Cc]haps?\.)\s+(?P<list>{PARTS})\b",
        "annex_ref": rf"\b[Aa]nnex(?:es)?\s+(?P<list>{PARTS})\b",
        # every time starts with a digit: tried only where one is
        "time": r"(?=\d)(?:\b(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2}))?"
                r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b)"
                r"|\b(?P<noon>12\s+noon)\b"
                r"|\b(?P<clock>(?:[01]\d|2[0-3])[0-5]\d)(?:\s*hours\b|Z\b)"
                r"|(?:(?<=\b[Aa]t )|(?<=\b[Bb]etween )|(?<=\b[Ff]rom ))"
                r"(?P<at>(?:0\d|1[0-8])[0-5]\d)\b(?![,.]\d))",
        "us_date": rf"\b(?P<month>{MONTH})\s+(?P<days>{day}(?:\s*{DASH}\s*{day})?)(?!\d)"
                   r"(?:,?\s+(?P<year>\d{4})\b)?",
        "date": rf"\b(?P<days>{day}(?:\s*(?:,|{DASH}|and|or)\s*{day})*)\s+(?P<month>{MONTH})"
                r"(?![A-Za-z])(?:,?\s+(?P<year>\d{4})\b)?",
        "month_year": rf"\b(?P<month>{MONTH})(?:\s+of)?,?\s+(?P<year>\d{{4}})\b",
        "month": r"(?P<preposition>\b(?i:" + one_of(PREPOSITIONS) + r")\s+)?\b(?P<month>"
                 + one_of(MONTHS) + r")\b",
        "year_range": r"(?<![\d/])(?P<first>(?:19|20)\d\d)(?:\s*(?:–|-|—|to)\s*"
                      r"(?P<last>(?:19|20)\d\d)|(?:–|-)(?P<short>\d\d))(?![\d/]|\.\d)",
        "session": rf"(?i:(?P<number>{run}|\d+{ORDINAL_SUFFIX})\s+(?:(?:regular|special|resumed"
                   r"|ordinary|extraordinary|substantive|organizational|annual)\s+)?session)\b",
        "fraction": rf"{starts}(?:(?i:(?P<top>{run}|\d+)[- ](?P<bottom>{fraction_word}))\b"
                    rf"|(?i:(?P<part>{run}|\d+)\s+out\s+of\s+(?P<whole>{run}|\d+))\b"
                    rf"|(?i:(?P<one>{run})\s+in\s+(?P<every>{run}))\b)",
        "percent": rf"{NUMBER}\s*(?:%|per\s?cent\b|percent\b)",
        "scaled": rf"{NUMBER}\)?\s*(?P<scale>thousand|million|billion|trillion)\b",
        "number": rf"{NUMBER}(?:{ORDINAL_SUFFIX}|(?<=\d0)s)?{END}",  # "52nd", "the 1960s"
        "words": rf"(?i:{run})",
    }
    return re.compile(patterns[name])


def _digits(text: str) -> Fraction:
    return digits_value(re.sub(r"(?:st|nd|rd|th|s|%)$", "", text.strip()))


def word_value(text: str) -> tuple[Fraction, Sure] | None:
    """'sixty-sixth' → 66; 'two million' → 2000000; None when it is not one number."""
    words = text.lower().replace("-", " ").split()
    scale = 1
    while words and words[-1] in SCALES:
        scale *= SCALES[words.pop()]
    if not words:
        return None
    value = form_value(" ".join(words))
    if value is None:
        return None
    sure = Sure.MAYBE if " ".join(words) in MAYBE_WORDS and scale == 1 else Sure.WORDS
    return Fraction(value * scale), sure


def _amount(text: str) -> tuple[Fraction, Sure] | None:
    text = text.strip()
    if text[:1].isdigit():
        return _digits(text), Sure.DIGITS
    return word_value(text)


def _numbers_in(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


DIGIT = re.compile(r"\d")
# a word without which a pattern cannot match, looked for before it (in a tenth of the time)
SESSION = re.compile(r"(?i:session)")
DECADE = re.compile(r"(?i:decade)")
# what every match of a pattern holds, one of these as written (see facts.holds): every way
# of writing a month starts with its first three letters ("Sept", "September": "Sep")
MONTH_STARTS = tuple(sorted({name[:3] for name in [*MONTHS, *SHORT_MONTHS]}))
NEEDS: dict[str, tuple[str, ...]] = {
    "url": ("://", "www.", "@"),
    "act": ("resolution", "decision"),
    "bare_act": (" (",),
    "paragraph_ref": ("ara",),
    "subparagraph_ref": ("ubparagraph",),
    "chapter_ref": ("hap",),
    "annex_ref": ("nnex",),
    "us_date": MONTH_STARTS,
    "date": MONTH_STARTS,
    "month_year": MONTH_STARTS,
    "month": MONTH_STARTS,
    "year_range": ("19", "20"),
    "period": ("decade", "biennium", "triennium"),
    "a_fraction": ("hal", "third", "quarter", "fourth", "fifth", "sixth", "seventh", "eighth",
                   "ninth", "tenth"),
    "percent": ("%", "cent"),
    "scaled": tuple(SCALES),
}


def _scan(spans: Spans, name: str, text: str) -> list[re.Match[str]]:
    """The matches of the pattern ``name`` not read yet, each then taken."""
    return spans.scan(_pattern(name), text, NEEDS.get(name, ()))


@reader("en")
def read(text: str) -> Facts:
    facts = Facts()
    spans = Spans()
    # most texts hold no digit, and most no number word: the patterns that need one (a
    # footnote's mark, a time, a session, decades, a fraction) are not tried on them, which
    # halves what the readers of a document cost
    digits = DIGIT.search(text) is not None
    first_words = _pattern("words").search(text)  # the first number written in words
    numeric = digits or first_words is not None
    symbol_spans(text, spans, facts)
    _scan(spans, "url", text)
    if digits:
        footnote_marks(_scan(spans, "footnote_mark", text), facts)
    for match in _scan(spans, "act", text):
        for symbol in re.findall(ACT, match.group("list")):
            facts.acts.append(Act(match.group("kind"), re.sub(r"\s", "", symbol)))
    for match in _scan(spans, "bare_act", text):
        facts.acts.append(Act("", re.sub(r"\s", "", match.group(0))))
    _references(text, spans, facts)
    if digits:
        _times(text, spans, facts)
    english_dates(text, spans, facts)
    if numeric and SESSION.search(text):
        for match in _scan(spans, "session", text):
            amount = _amount(match.group("number"))
            if amount is not None:
                facts.sessions.append(int(amount[0]))
    _quantities(text, spans, facts, digits, first_words)
    common_facts(text, spans, facts)
    return facts


def _references(text: str, spans: Spans, facts: Facts) -> None:
    for match in _scan(spans, "paragraph_ref", text):
        where = match.group("where") or ""
        for number, sub in re.findall(r"(\d+(?:\.\d+)*)(?:\s*(\([a-z]+\)))?",
                                      match.group("list")):
            facts.refs.append(ProseRef("paragraph", (number,), sub, where))
    for match in _scan(spans, "subparagraph_ref", text):
        for sub in re.findall(r"\([a-z]+\)", match.group("list")):
            facts.refs.append(ProseRef("subparagraph", (), sub, ""))
    for kind in ("chapter", "annex"):
        for match in _scan(spans, f"{kind}_ref", text):
            for number in re.findall(r"[IVXLC]+|\d+", match.group("list")):
                value = int(number) if number.isdigit() else parse_roman(number)
                if value:
                    facts.refs.append(ProseRef(kind, (str(value),), "", ""))


def _times(text: str, spans: Spans, facts: Facts) -> None:
    for match in _scan(spans, "time", text):
        if match.group("noon"):
            facts.whens.append(When("time", (12, 0), Sure.DIGITS, match.group(0)))
            continue
        if match.group("clock") or match.group("at"):  # "1500 hours", "2359Z", "at 0300"
            clock = match.group("clock") or match.group("at")
            facts.whens.append(When("time", (int(clock[:2]), int(clock[2:])), Sure.DIGITS,
                                    match.group(0)))
            continue
        hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
        facts.whens.append(When("time", (hour, minute), Sure.DIGITS, match.group(0)))


def _month(name: str) -> int:
    name = name.rstrip(".")
    return MONTHS.get(name) or SHORT_MONTHS.get(name) or SHORT_MONTHS.get(name[:3], 0)


def _year(match: re.Match[str], facts: Facts) -> None:
    if match.group("year"):
        facts.quantities.append(Quantity(Fraction(int(match.group("year"))), Sure.DIGITS,
                                         match.group("year")))


def english_dates(text: str, spans: Spans, facts: Facts) -> None:
    """Dates and months ("18 and 19 April 2023", "July 2022"), times of day and ranges of
    years; the years of dates are read as numbers."""
    for name in ("us_date", "date"):
        for match in _scan(spans, name, text):
            month = _month(match.group("month"))
            for day in _numbers_in(match.group("days")):
                facts.whens.append(When("day", (month, day), Sure.DIGITS, match.group(0)))
            _year(match, facts)
    for match in _scan(spans, "month_year", text):
        facts.whens.append(When("month", (_month(match.group("month")),), Sure.DIGITS,
                                match.group(0)))
        _year(match, facts)
    for match in _pattern("month").finditer(text) if holds(text, NEEDS["month"]) else ():
        if match.group("month") == "May" and not match.group("preposition"):
            continue  # the verb
        if not spans.take(match.start("month"), match.end("month")):
            continue
        facts.whens.append(When("month", (_month(match.group("month")),), Sure.MAYBE,
                                match.group(0)))
    year_ranges(_scan(spans, "year_range", text), facts)


def _quantities(text: str, spans: Spans, facts: Facts, digits: bool,
                first_words: re.Match[str] | None) -> None:
    """Numbers, fractions and amounts. ``digits``: whether ``text`` holds a digit, without
    which no number in digits is looked for; ``first_words``: the first number written in
    words, without which none is; without either, no decades or fraction is."""
    found: list[tuple[int, Quantity]] = []
    # "two decades" ⇄ "二十年"
    numeric = digits or first_words is not None
    decades = numeric and DECADE.search(text)
    for match in _pattern("decades").finditer(text) if decades else ():
        amount = _amount(match.group("number"))
        if amount and not _ordinal(match.group("number")) and spans.take(*match.span()):
            found.append((match.start(), Quantity(amount[0] * 10, max(amount[1], Sure.WORDS),
                                                  match.group(0))))
    for match in _scan(spans, "period", text):  # "the past decade" ⇄ "过去十年"
        value = {"decade": 10, "biennium": 2, "triennium": 3}[match.group("word")]
        found.append((match.start(), Quantity(Fraction(value), Sure.MAYBE, match.group(0))))
    for match in _scan(spans, "a_fraction", text):  # "a third of" ⇄ "三分之一"
        bottom = _denominator(match.group("bottom"))
        if bottom:
            found.append((match.start(), Quantity(Fraction(1, bottom), Sure.WORDS,
                                                  match.group(0))))
    for match in _pattern("fraction").finditer(text) if numeric else ():
        if match.group("bottom"):
            if (_ordinal(match.group("top")) or word_value(match.group(0)) is not None
                    or not spans.free(*match.span())):
                continue  # "the first quarter of 2015", "forty-fifth": no fraction
            top = _amount(match.group("top"))
            bottom = _denominator(match.group("bottom"))
            if top is None or not bottom:
                continue
            value, sure = top[0] / bottom, top[1]
        else:
            part = _amount(match.group("part") or match.group("one"))
            whole = _amount(match.group("whole") or match.group("every"))
            if part is None or whole is None or not whole[0]:
                continue
            # "103 out of 109" may be stated as its two numbers: the fraction itself is sure
            # only as words are
            value, sure = part[0] / whole[0], Sure.WORDS
            for amount, written in ((part, match.group("part")), (whole, match.group("whole"))):
                if written:  # "103 out of 109" ⇄ "在109个国家中，共有103个"
                    found.append((match.start(), Quantity(amount[0], Sure.MAYBE, written)))
        if not spans.take(*match.span()):
            continue
        found.append((match.start(), Quantity(value, max(sure, Sure.WORDS), match.group(0))))
    for match in _scan(spans, "percent", text) if digits else ():
        number = re.match(DIGITS, match.group(0))
        assert number is not None
        found.append((match.start(), Quantity(_digits(number.group(0)), Sure.DIGITS,
                                              match.group(0))))
    for match in _scan(spans, "scaled", text) if digits else ():
        number = re.match(DIGITS, match.group(0))
        assert number is not None
        value = _digits(number.group(0)) * SCALES[match.group("scale")]
        found.append((match.start(), Quantity(value, Sure.DIGITS, match.group(0))))
    for match in _scan(spans, "number", text) if digits else ():
        found.append((match.start(), Quantity(_digits(match.group(0)), Sure.DIGITS,
                                              match.group(0))))
    # from the first number in words, which read() found: the text before it holds none
    words = _pattern("words").finditer(text, first_words.start()) if first_words else ()
    for match in words:
        if not spans.free(*match.span()):
            continue
        for part in _split_words(match.group(0)):
            amount = word_value(part)
            if amount is not None:
                spans.take(match.start(), match.end())
                found.append((match.start(), Quantity(amount[0], amount[1], part)))
    facts.quantities.extend(q for _, q in sorted(found, key=lambda item: item[0]))


def _denominator(word: str) -> int | None:
    """'thirds' → 3, 'half' → 2, 'quarter' → 4."""
    word = word.lower().rstrip("s")
    return {"halve": 2, "half": 2, "quarter": 4}.get(word) or form_value(word)


def _ordinal(text: str) -> bool:
    """'first', 'twenty-third', '3rd': an ordinal, not a numerator."""
    last = text.lower().replace("-", " ").split()[-1]
    return last in _ordinal_words() or bool(re.fullmatch(r"\d+" + ORDINAL_SUFFIX, last))


@cache
def _ordinal_words() -> frozenset[str]:
    from num2words import num2words

    return frozenset(num2words(n, lang="en", to="ordinal").replace("-", " ").split()[-1]
                     for n in range(1, 100))


def _split_words(run: str) -> list[str]:
    """A run of number words as the numbers it holds: 'one or two' is read by the pattern
    as two runs already; 'five six' (rare) as two numbers."""
    words = run.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            candidate = " ".join(words[i:j])
            if word_value(candidate) is not None:
                out.append(candidate)
                i = j
                break
        else:
            i += 1
    return out
