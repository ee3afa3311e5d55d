"""Reading back what the catalogues write: a catalogue pattern ("Distr.: {distribution}",
"Item {item} of the provisional agenda", a CLDR date) as a regular expression."""

from __future__ import annotations

import datetime as dt
import re
import string
from functools import cache

from babel.dates import get_month_names

from unccd_publish.catalogue import Catalogue

CLDR = re.compile(r"'[^']*'|d+|M+|y+|.", re.DOTALL)


@cache
def pattern(template: str) -> re.Pattern[str]:
    """A regular expression matching what ``template`` makes, a named group per field."""
    out = []
    for literal, name, _, _ in string.Formatter().parse(template):
        out.append(re.escape(literal))
        if name is not None:
            out.append(f"(?P<{name}>.+?)")
    return re.compile("".join(out))


def match(template: str, text: str) -> dict[str, str] | None:
    found = pattern(template).fullmatch(text.strip())
    return found.groupdict() if found else None


def parse_date(cat: Catalogue, text: str, key: str = "date") -> dt.date | None:
    """The date ``text`` shows, written with the catalogue's pattern ``key``."""
    template = cat[key]
    spec = next((s for _, n, s, _ in string.Formatter().parse(template) if n), None)
    if not spec:
        return None
    found = _date_pattern(spec, cat.locale).fullmatch(text.strip())
    if found is None:
        return None
    month = found["month"]
    if not month.isdigit():
        names = {v: k for k, v in get_month_names("wide", locale=cat.locale).items()}
        month = names[month]
    try:
        return dt.date(int(found["year"]), int(month), int(found["day"]))
    except ValueError:
        return None


@cache
def _date_pattern(spec: str, locale: str) -> re.Pattern[str]:
    months = "|".join(re.escape(m) for m in get_month_names("wide", locale=locale).values())
    out = []
    for token in CLDR.findall(spec):
        if token[0] == "d":
            out.append(r"(?P<day>\d{1,2})")
        elif token[0] == "M":
            out.append(f"(?P<month>{months})" if len(token) >= 3 else r"(?P<month>\d{1,2})")
        elif token[0] == "y":
            out.append(r"(?P<year>\d{4})")
        elif token[0] == "'":
            out.append(re.escape(token[1:-1]))
        else:
            out.append(re.escape(token))
    return re.compile("".join(out))
