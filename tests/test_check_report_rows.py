"""The side-by-side report's rows: the original's order, the translation's extra units right
after the unit they follow — placed in one pass, however long the document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from unccd_publish.check.report import rows_for
from unccd_publish.diagnostics import Location


@dataclass
class FakeUnit:
    key: str
    text: str
    location: Location


def placed_one_by_one(units: dict[str, list[FakeUnit]], langs: tuple[str, str]) -> list[str]:
    """The rule the rows follow, stated plainly: each new key is inserted right after the
    key before it in its language (at the end when it has none)."""
    order: list[str] = []
    for lang in langs:
        previous = None
        for unit in units[lang]:
            if unit.key not in order:
                position = order.index(previous) + 1 if previous in order else len(order)
                order.insert(position, unit.key)
            previous = unit.key
    return order


def made(keys: list[str], lang: str) -> list[FakeUnit]:
    return [FakeUnit(k, f"{lang} {k}", Location(Path(f"{lang}.md"), n + 1))
            for n, k in enumerate(keys)]


keys = st.lists(st.sampled_from([f"para-{n}" for n in range(12)]), unique=True, max_size=12)


@given(original=keys, translation=keys)
def test_rows_follow_the_original_with_the_translations_extras_after_their_neighbours(
        original: list[str], translation: list[str]) -> None:
    units = {"en": made(original, "en"), "zh": made(translation, "zh")}
    rows, loose = rows_for(units, ("en", "zh"), [])  # type: ignore[arg-type]
    assert [r.key for r in rows] == placed_one_by_one(units, ("en", "zh"))
    assert loose == []
    for row in rows:
        assert set(row.units) == {lang for lang in units if row.key in
                                  [u.key for u in units[lang]]}


def test_an_extra_paragraph_of_the_translation_stands_after_the_one_it_follows() -> None:
    units = {"en": made(["a", "b", "c"], "en"), "zh": made(["x", "a", "y", "z", "b", "c"], "zh")}
    rows, _ = rows_for(units, ("en", "zh"), [])  # type: ignore[arg-type]
    assert [r.key for r in rows] == ["a", "y", "z", "b", "c", "x"]
