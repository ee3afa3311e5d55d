"""The words of each language, one catalogue file per language (``en.yaml``, ``zh.yaml``).

A catalogue entry is a string with ``{fields}``. A field may carry a format spec that
names a number style (``{number:roman}``, ``{number:chinese}``) or, for a date, a CLDR
date pattern (``{date:d MMMM y}``), formatted with Babel in the catalogue's locale.
"""

from __future__ import annotations

import datetime as dt
import string
from functools import cache
from importlib import resources
from typing import Any

import yaml
from babel.dates import format_date

from unccd_publish.numbering import STYLES

# the catalogues are the package's own files: libyaml reads them, where it is installed, in a
# tenth of the time the pure-Python loader takes (the same safe constructors make the values)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Formatter(string.Formatter):
    def __init__(self, locale: str) -> None:
        self.locale = locale

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in STYLES and isinstance(value, int):
            return STYLES[format_spec](value)
        if isinstance(value, dt.date) and format_spec:
            return format_date(value, format_spec, locale=self.locale)
        return super().format_field(value, format_spec)


class Catalogue:
    """Fixed words and patterns of one language."""

    def __init__(self, lang: str, entries: dict[str, Any]) -> None:
        self.lang = lang
        self.entries = entries
        self.locale: str = entries["locale"]
        self._formatter = _Formatter(self.locale)
        # numbers formatted so far, by pattern and number: a document numbers hundreds of
        # paragraphs and sub-paragraphs with a few patterns, and the formatter is slow
        self._numbers: dict[tuple[str, int], str] = {}

    def __getitem__(self, key: str) -> Any:
        value: Any = self.entries
        for part in key.split("."):
            value = value[part]
        return value

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except (KeyError, TypeError):
            return default

    def format(self, key: str, **fields: Any) -> str:
        return self._formatter.format(self[key], **fields)

    def number(self, key: str, n: int) -> str:
        """Format ``n`` with the number pattern ``numbers.<key>`` ('{n:roman}.')."""
        found = self._numbers.get((key, n))
        if found is None:
            found = self._numbers[(key, n)] = self._formatter.format(self[f"numbers.{key}"],
                                                                     n=n)
        return found

    def date(self, value: dt.date, key: str = "date") -> str:
        return self._formatter.format(self[key], date=value)

    def date_range(self, start: dt.date, end: dt.date) -> str:
        """Session dates: '3–12 December 2024', '2024年12月3日至12日'."""
        spec = self["date_range"]
        if start == end:
            pattern = spec["same_day"]
        elif (start.year, start.month) == (end.year, end.month):
            pattern = spec["same_month"]
        elif start.year == end.year:
            pattern = spec["same_year"]
        else:
            pattern = spec["other"]
        return self._formatter.format(pattern, start=start, end=end)


@cache
def available() -> frozenset[str]:
    files = resources.files(__package__)
    return frozenset(p.name[:-5] for p in files.iterdir() if p.name.endswith(".yaml"))


@cache
def catalogue(lang: str) -> Catalogue:
    """The catalogue of ``lang``; KeyError when there is none."""
    if lang not in available():
        raise KeyError(lang)
    text = resources.files(__package__).joinpath(f"{lang}.yaml").read_text(encoding="utf-8")
    return Catalogue(lang, yaml.load(text, Loader=LOADER))
