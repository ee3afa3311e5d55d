"""How UN Chinese writes values: "35%", "百分之三十五", "86 000", "1 900亿", "3个", "八个组织",
"十分之七", "2023年4月18日至19日", "上午10时15分", "第六十六届会议", "上文第59-64段", "第七章",
"第1970(2011)号决议".

Chinese numerals are read with cn2an. A numeral counts as a number where Chinese marks it
as one: after 第, or before a measure word (个, 名, 次, 项 …); elsewhere (一些, 统一, 一致)
it is part of a word.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import cache, lru_cache

from unccd_publish.check.facts import (
    ACT,
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
    reader,
    symbol_spans,
    year_ranges,
)
from unccd_publish.check.facts.en import english_dates
from unccd_publish.numbering import parse_roman

NUMERAL = "[〇零一二两三四五六七八九十百千万亿]"
# digits with thousands separators: a comma or (as the UN writes Chinese) a space
DIGITS_ZH = r"\d{1,3}(?:[, \u00a0\u202f]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# a number, not part of a code ("P-4", "18A.128", "铀-235") or a symbol; "为-0.75%" is one
# (a digit first: what stands before it is looked at only where one is)
NUMBER = (rf"(?=\d)(?<![A-Za-z0-9_/.,])(?<![A-Z]-)(?<!(?![为至到是达了约：，、])[^\x00-\x7f]-)"
          rf"(?:{DIGITS_ZH})(?![A-Za-z0-9/])")
AMOUNT = rf"(?:{NUMERAL}+|{DIGITS_ZH})"
SCALES = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
# measure words: what makes 三 in 三个 a number, and not in 三角
MEASURES = ("周年|小时|分钟|个月|个|名|次|项|届|条|款|段|章|节|年|月|日|天|周|倍|场|起|人"
            "|国|家|种|类|级|份|位|座|所|艘|架|辆|件|批|轮|部|方|层|期|例|宗|票|席|组|队|篇|页"
            "|册|本|套|岁|大洲|大|成|点|股|只|块"
            "|笔|支|道|句|处|片|枚|封|张|台|步|阶段")
JOIN = r"(?:至|到|和|、|及|以及|与|或|-|–|—|~)"
AND = r"(?:、|，|,|和|及|以及|与|或)"
ANNEX = r"(?:[一二三四五六七八九十]+|[IVXLC]+(?![A-Za-z])|\d+)"  # 附件一, 附件 II, 附件3
REF = r"\d+(?:\.\d+)*(?:\s*\([a-z]+\))?"  # "5", "140.2", "2(e)"


@cache
def _pattern(name: str) -> re.Pattern[str]:
    act = ACT
    patterns = {
        "url": r"(?:https?://|www\.)[\x21-\x7e]+|[\x21-\x7e]+@[\x21-\x7e]+\.\w+",
        "act": rf"(?<![A-Za-z0-9/.\-])第?\s*{act}\s*号?(?:\s*{AND}\s*第?\s*{act}\s*号?)*\s*"
               r"号?(?:决议|决定)",
        "bare_act": r"(?<![\d/,.])\d{2,4}\s?\(\d{4}\)",
        # "[23]"; "秘书长的报告；4": a footnote's number, as text taken from a file gives it
        "footnote_mark": r"\[\d{1,3}\]|(?<=[；，。：;])\d{1,3}(?=\s(?!\d)|$)",
        "paragraph_ref": r"(?P<where>上文|下文|以上|以下|前文|后文)?\s*(?:决定草案\s*\d+\s*)?第\s*"
                         rf"(?P<list>{REF}(?:\s*[段款]?\s*{JOIN}\s*第?\s*(?:{REF}|\([a-z]+\)))*)\s*[段款]",
        "subparagraph_ref": r"(?<![段\d])(?P<sub>\([a-z]+\))\s*分?项",
        "chapter_ref": rf"第\s*(?P<list>{NUMERAL}+|\d+)\s*章",
        "annex_ref": rf"附件\s*(?P<list>{ANNEX}(?:\s*{JOIN}\s*(?:附件)?\s*{ANNEX})*)",
        "time": r"(?P<part>上午|下午|中午|晚上|凌晨|早上)?\s*(?P<hour>\d{1,2})\s*时"
                r"(?!期(?!间)|代|间|候|刻)"
                r"(?:\s*(?P<minute>\d{1,2})\s*分)?|(?P<midnight>零时|午夜)",
        "month_range": r"(?:\d{4}\s*年\s*)?(?P<first>1[0-2]|0?[1-9])\s*(?:月\s*)?(?:-|–|—|至|到)\s*"
                       r"(?P<last>1[0-2]|0?[1-9])\s*月(?!\s*\d)",
        "date": r"(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月(?:份)?"
                rf"(?P<days>\s*\d{{1,2}}\s*日?(?:\s*{JOIN}\s*(?:\d{{4}}\s*年\s*)?"
                r"(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日?)*)?",
        "year_range": r"(?<![\d/])(?P<first>(?:19|20)\d\d)(?:\s*年?\s*(?:至|到|-|–|—|~)\s*"
                      r"(?P<last>(?:19|20)\d\d)|(?:–|-)(?P<short>\d\d))(?![\d/]|\.\d)(?:\s*年)?",
        "session": rf"第\s*(?P<number>{NUMERAL}+|\d+)\s*届",
        "percent": rf"(?P<number>{NUMBER})\s*%|百分之(?P<words>{AMOUNT}(?:点{NUMERAL}+)?)",
        "fraction": rf"(?P<bottom>{AMOUNT})\s*分之\s*(?P<top>{AMOUNT})",
        "scaled": rf"(?P<number>{NUMBER})\s*多?\s*(?P<scale>万亿|亿|万)",  # "200多万"
        "number": NUMBER,
        "ordinal": rf"第\s*(?P<list>{NUMERAL}+(?:\s*(?:{AND}|至|到)\s*第?\s*{NUMERAL}+)*)",
        "large": rf"(?<![数几上成十百千万])[一二两三四五六七八九十]{NUMERAL}*[百千万亿]",  # 一百万
        "bracketed": rf"\((?P<number>{NUMERAL}+)\)",  # 第(二)款
        "named": rf"(?:备选办法|备选方案|选项|方案|表|图)(?P<number>{NUMERAL}+)",
        "counted": rf"(?<![数几上成十百千万])(?P<number>[〇零一二两三四五六七八九十]{NUMERAL}*)"
                   rf"(?=\s*(?:{MEASURES}))(?!\s*年期)",  # not 两年期 (a biennium)
        "one": rf"(?<![\d.,])1(?=\s*(?:{MEASURES}|美元|欧元))",  # 1个, 1名: "a"; 兑1美元
    }
    return re.compile(patterns[name])


# what every match of a pattern holds, one of these as written (see facts.holds)
NEEDS: dict[str, tuple[str, ...]] = {
    "url": ("://", "www.", "@"),
    "act": ("决议", "决定"),
    "bare_act": ("(",),
    "footnote_mark": ("[", "；", "，", "。", "：", ";"),
    "paragraph_ref": ("段", "款"),
    "subparagraph_ref": ("项",),
    "chapter_ref": ("章",),
    "annex_ref": ("附件",),
    "time": ("时", "午夜"),
    "month_range": ("月",),
    "date": ("月",),
    "year_range": ("19", "20"),
    "session": ("届",),
    "percent": ("%", "百分之"),
    "fraction": ("分之",),
    "scaled": ("万", "亿"),
    "ordinal": ("第",),
    "large": ("百", "千", "万", "亿"),
    "bracketed": ("(",),
    "named": ("备选办法", "方案", "选项", "表", "图"),
    "one": ("1",),
}


def _scan(spans: Spans, name: str, text: str) -> list[re.Match[str]]:
    """The matches of the pattern ``name`` not read yet, each then taken."""
    return spans.scan(_pattern(name), text, NEEDS.get(name, ()))


@cache
def _converter():  # type: ignore[no-untyped-def]
    from cn2an import Cn2An  # imported on first use: it takes a tenth of a second

    return Cn2An()


@lru_cache(maxsize=4096)
def numeral_value(text: str) -> Fraction | None:
    """'六十六' → 66, '两' → 2, '二〇二三' → 2023, '1 900' → 1900; None when it is none.
    (Cached: texts name the same few numerals, 一 above all, and cn2an takes 10 µs a one.)"""
    text = text.strip()
    if re.fullmatch(r"[\d,.\s\u00a0\u202f]+", text):
        return digits_value(text)
    if "点" in text:
        whole, _, decimals = text.partition("点")
        head = numeral_value(whole)
        tail = "".join(str(numeral_value(c)) for c in decimals)
        return None if head is None else head + Fraction(f"0.{tail}")
    for mode in ("normal", "smart"):
        try:
            return Fraction(_converter().cn2an(text, mode))
        except (ValueError, KeyError, TypeError, IndexError):
            continue
    return None


def _sure(text: str, value: Fraction) -> Sure:
    if re.search(r"\d", text):
        return Sure.DIGITS
    return Sure.MAYBE if value == 1 else Sure.WORDS


@reader("zh")
def read(text: str) -> Facts:
    facts = Facts()
    spans = Spans()
    symbol_spans(text, spans, facts)
    _scan(spans, "url", text)
    footnote_marks(_scan(spans, "footnote_mark", text), facts)
    for match in _scan(spans, "act", text):
        kind = "resolution" if match.group(0).endswith("决议") else "decision"
        for symbol in re.findall(ACT, match.group(0)):
            facts.acts.append(Act(kind, re.sub(r"\s", "", symbol)))
    for match in _scan(spans, "bare_act", text):
        facts.acts.append(Act("", re.sub(r"\s", "", match.group(0))))
    _references(text, spans, facts)
    _times(text, spans, facts)
    _dates(text, spans, facts)
    english_dates(text, spans, facts)  # the date of issue is printed in English
    for match in _scan(spans, "session", text):
        value = numeral_value(match.group("number"))
        if value:
            facts.sessions.append(int(value))
    _quantities(text, spans, facts)
    common_facts(text, spans, facts)
    return facts


def _references(text: str, spans: Spans, facts: Facts) -> None:
    for match in _scan(spans, "paragraph_ref", text):
        where = {"上文": "above", "以上": "above", "前文": "above", "下文": "below",
                 "以下": "below", "后文": "below"}.get(match.group("where") or "", "")
        for number, sub in re.findall(r"(\d+(?:\.\d+)*)(?:\s*(\([a-z]+\)))?",
                                      match.group("list")):
            facts.refs.append(ProseRef("paragraph", (number,), sub, where))
    for match in _scan(spans, "subparagraph_ref", text):
        facts.refs.append(ProseRef("subparagraph", (), match.group("sub"), ""))
    for kind in ("chapter", "annex"):
        for match in _scan(spans, f"{kind}_ref", text):
            for number in re.findall(rf"{NUMERAL}+|[IVXLC]+|\d+", match.group("list")):
                value = parse_roman(number) if number.isascii() and number.isalpha() else \
                    numeral_value(number)
                if value:
                    facts.refs.append(ProseRef(kind, (str(int(value)),), "", ""))


def _times(text: str, spans: Spans, facts: Facts) -> None:
    for match in _scan(spans, "time", text):
        if match.group("midnight"):
            facts.whens.append(When("time", (0, 0), Sure.DIGITS, match.group(0)))
            continue
        hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
        facts.whens.append(When("time", (hour, minute), Sure.DIGITS, match.group(0)))


def _dates(text: str, spans: Spans, facts: Facts) -> None:
    for match in _scan(spans, "month_range", text):  # "2014年7-8月"
        _year(text[match.start():match.end()], facts)
        for month in (match.group("first"), match.group("last")):
            facts.whens.append(When("month", (int(month),), Sure.DIGITS, match.group(0)))
    if holds(text, NEEDS["date"]):
        _days_of_months(text, spans, facts)
    year_ranges(_scan(spans, "year_range", text), facts)


def _days_of_months(text: str, spans: Spans, facts: Facts) -> None:
    """Days and months: "2023年4月18日至19日", "4月"."""
    position = 0
    while match := _pattern("date").search(text, position):
        position = match.start() + 1
        if not 1 <= int(match.group("month")) <= 12:
            continue
        days, length = _days(int(match.group("month")), match.group("days") or "")
        end = match.start("days") + length if days else match.end("month") + 1
        if not spans.take(match.start(), end):
            continue
        position = end
        _year(text[match.start():end], facts)
        if days:
            for month, day in days:
                facts.whens.append(When("day", (month, day), Sure.DIGITS, match.group(0)))
        else:
            facts.whens.append(When("month", (int(match.group("month")),), Sure.DIGITS,
                                    text[match.start():end]))


def _year(written: str, facts: Facts) -> None:
    """The years of a date are numbers like any other: "2015年" ⇄ "in 2015"."""
    for year in re.findall(r"(\d{4})\s*年", written):
        facts.quantities.append(Quantity(Fraction(int(year)), Sure.DIGITS, f"{year}年"))


def _days(month: int, text: str) -> tuple[list[tuple[int, int]], int]:
    """The days of '18日至19日', '24和25日', '13日至5月7日' (after a month), each with its
    month, and how much of ``text`` they take; trailing numbers not followed by 日 are not
    days ('6日和7个')."""
    found: list[tuple[int, int, bool, int]] = []
    for match in re.finditer(r"(?:\d{4}\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*(日?)", text):
        month = int(match.group(1)) if match.group(1) else month
        found.append((month, int(match.group(2)), bool(match.group(3)), match.end()))
    while found and not found[-1][2]:
        found.pop()
    return [(m, day) for m, day, _, _ in found], found[-1][3] if found else 0


def _quantities(text: str, spans: Spans, facts: Facts) -> None:
    found: list[tuple[int, Quantity]] = []

    def add(match: re.Match[str], value: Fraction | None, sure: Sure) -> None:
        if value is not None:
            found.append((match.start(), Quantity(value, sure, match.group(0))))

    for match in _scan(spans, "percent", text):
        written = match.group("number") or match.group("words")
        value = numeral_value(written)
        add(match, value, _sure(written, value or Fraction(0)))
    for match in _scan(spans, "fraction", text):
        top, bottom = numeral_value(match.group("top")), numeral_value(match.group("bottom"))
        if top is not None and bottom:
            add(match, top / bottom, Sure.WORDS)
    for match in _scan(spans, "scaled", text):
        add(match, digits_value(match.group("number")) * SCALES[match.group("scale")],
            Sure.DIGITS)
    for match in _scan(spans, "one", text):
        add(match, Fraction(1), Sure.MAYBE)
    for match in _scan(spans, "number", text):
        add(match, digits_value(match.group(0)), Sure.DIGITS)
    for match in _scan(spans, "ordinal", text):  # 第十五、十六和十八条
        for numeral in re.findall(f"{NUMERAL}+", match.group("list")):
            value = numeral_value(numeral)
            if value:
                found.append((match.start(), Quantity(value, _sure(numeral, value), numeral)))
    for match in _scan(spans, "large", text):
        add(match, numeral_value(match.group(0)), Sure.WORDS)
    for match in _scan(spans, "bracketed", text):
        value = numeral_value(match.group("number"))
        if value:
            add(match, value, _sure(match.group("number"), value))
    for match in _scan(spans, "named", text):  # 备选办法一, 表二: "alternative 1"
        value = numeral_value(match.group("number"))
        if value:
            add(match, value, Sure.WORDS)
    for match in _scan(spans, "counted", text):
        value = numeral_value(match.group("number"))
        if value:
            add(match, value, _sure(match.group("number"), value))
    facts.quantities.extend(q for _, q in sorted(found, key=lambda item: item[0]))
