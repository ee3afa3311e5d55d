"""Number styles: roman and Chinese numerals, letters, ordinal words."""

from __future__ import annotations

from collections.abc import Callable

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
_CHINESE_DIGITS = "零一二三四五六七八九"


def roman(n: int) -> str:
    """1 → 'I', 14 → 'XIV'."""
    if n < 1:
        raise ValueError(f"no roman numeral for {n}")
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def roman_lower(n: int) -> str:
    return roman(n).lower()


def parse_roman(text: str) -> int | None:
    """'XIV' → 14; None when ``text`` is not a well-formed roman numeral."""
    upper = text.upper()
    if not upper or any(c not in "IVXLCDM" for c in upper):
        return None
    total, i = 0, 0
    for value, numeral in _ROMAN:
        while upper.startswith(numeral, i):
            total += value
            i += len(numeral)
    if i != len(upper) or total == 0 or roman(total) != upper:
        return None
    return total


def chinese(n: int) -> str:
    """Chinese numerals as used for chapters and sessions: 1 → 一, 10 → 十, 21 → 二十一."""
    if not 0 < n < 10000:
        raise ValueError(f"no Chinese numeral for {n}")
    if n < 10:
        return _CHINESE_DIGITS[n]
    if n < 20:
        return "十" + (_CHINESE_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _CHINESE_DIGITS[tens] + "十" + (_CHINESE_DIGITS[ones] if ones else "")
    parts, started, zero = [], False, False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, unit_value)
        if digit:
            if zero:
                parts.append("零")
            parts.append(_CHINESE_DIGITS[digit] + unit)
            started, zero = True, False
        elif started:
            zero = True
    return "".join(parts)


def parse_chinese(text: str) -> int | None:
    """'二十一' → 21; None for anything that is not a Chinese numeral below 10000."""
    for n in range(1, 200):
        if chinese(n) == text:
            return n
    return None


def letter(n: int) -> str:
    """1 → 'a', 26 → 'z', 27 → 'aa' (the UN's sub-paragraph letters)."""
    if n < 1:
        raise ValueError(f"no letter for {n}")
    count, index = divmod(n - 1, 26)
    return chr(ord("a") + index) * (count + 1)


def parse_letter(text: str) -> int | None:
    if not text or not text.isascii() or not text.isalpha() or len(set(text.lower())) != 1:
        return None
    return (len(text) - 1) * 26 + ord(text[0].lower()) - ord("a") + 1


def ordinal_words(n: int) -> str:
    """16 → 'sixteenth'."""
    from num2words import num2words  # on first use: it loads all its languages

    return num2words(n, lang="en", to="ordinal")


STYLES: dict[str, Callable[[int], str]] = {
    "arabic": str,
    "roman": roman,
    "roman-lower": roman_lower,
    "chinese": chinese,
    "letter": letter,
    "upper-letter": lambda n: letter(n).upper(),
    "ordinal-words": ordinal_words,
    "ordinal-words-title": lambda n: ordinal_words(n).capitalize(),
}
