"""Number styles and the catalogue's dates, in both languages."""

from __future__ import annotations

import datetime as dt
from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unccd_publish.catalogue import available, catalogue
from unccd_publish.model import SectionLevel
from unccd_publish.numbering import (
    chinese,
    letter,
    ordinal_words,
    parse_chinese,
    parse_letter,
    parse_roman,
    roman,
)


@pytest.mark.parametrize(("n", "expected"), [(1, "一"), (3, "三"), (10, "十"), (11, "十一"),
                                             (16, "十六"), (20, "二十"), (21, "二十一"),
                                             (99, "九十九"), (101, "一百零一"), (110, "一百一十")])
def test_chinese_numerals(n: int, expected: str) -> None:
    assert chinese(n) == expected


@given(st.integers(min_value=1, max_value=199))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert parse_chinese(chinese(n)) == n


@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(n: int) -> None:
    assert parse_roman(roman(n)) == n


@pytest.mark.parametrize("text", ["", "IIII", "VX", "IC", "abc", "I I"])
def test_malformed_roman_is_refused(text: str) -> None:
    assert parse_roman(text) is None


@given(st.integers(min_value=1, max_value=200))
def test_letters_round_trip(n: int) -> None:
    assert parse_letter(letter(n)) == n


def test_letters_and_ordinals() -> None:
    assert [letter(n) for n in (1, 8, 26, 27)] == ["a", "h", "z", "aa"]
    assert ordinal_words(16) == "sixteenth"


def test_both_languages_have_catalogues() -> None:
    assert {"en", "zh"} <= available()


def test_catalogues_have_the_same_keys() -> None:
    def keys(d: dict, prefix: str = "") -> set[str]:
        out = set()
        for k, v in d.items():
            out |= keys(v, f"{prefix}{k}.") if isinstance(v, dict) and k != "date_range" else {
                prefix + k}
        return out

    assert keys(catalogue("en").entries) == keys(catalogue("zh").entries)


def test_issue_dates_and_session_dates() -> None:
    en, zh = catalogue("en"), catalogue("zh")
    assert en.date(dt.date(2024, 9, 20)) == "20 September 2024"
    assert en.date_range(dt.date(2024, 12, 3), dt.date(2024, 12, 12)) == "3–12 December 2024"
    assert en.date_range(dt.date(2024, 11, 26), dt.date(2024, 12, 7)) == (
        "26 November – 7 December 2024")
    assert zh.date_range(dt.date(2024, 12, 3), dt.date(2024, 12, 12)) == "2024年12月3日至12日"
    assert zh.date_range(dt.date(2024, 11, 26), dt.date(2024, 12, 7)) == "2024年11月26日至12月7日"
    assert zh.date_range(dt.date(2024, 12, 30), dt.date(2025, 1, 3)) == (
        "2024年12月30日至2025年1月3日")
    assert zh.date_range(dt.date(2024, 12, 3), dt.date(2024, 12, 3)) == "2024年12月3日"
    assert zh.date(dt.date(2024, 9, 20)) == "2024年9月20日"


def test_session_ordinals() -> None:
    assert catalogue("en").format("masthead.session", number=16) == "Sixteenth session"
    assert catalogue("zh").format("masthead.session", number=16) == "第十六届会议"
    assert catalogue("zh").number("chapter", 2) == "二."
    assert catalogue("en").number("chapter", 2) == "II."


def test_every_kind_of_section_can_be_referred_to_in_every_language() -> None:
    """A reference to any section level finds its words in every catalogue."""
    for lang in available():
        for level in get_args(SectionLevel):
            assert catalogue(lang).format(f"refs.{level}", number="2.1", where="x",
                                          chapter="I")
