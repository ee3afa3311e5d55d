"""How the readers of values look for them quickly without reading anything differently: the
number words as a trie (``one_of``), and each pattern tried only on a text that holds what
every match of it needs (``NEEDS``)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from unccd_publish.check.facts import en, holds, one_of, zh

DATA = Path(__file__).parent / "data" / "unpc"

# at least one text for each pattern that needs something, so that none is checked vacuously
EXAMPLES = {
    "en": ["see https://undocs.org/A/70/1", "in resolution 70/1", "resolution 2118 (2013)",
           "in paragraph 5 (a) above", "subparagraphs (b) and (c)", "in chapter II",
           "in annexes I and II", "on April 18, 2023", "on 18 and 19 April 2023",
           "in July 2022", "in May", "for 2015–2030", "over the past decade",
           "a third of the Parties", "35 per cent", "2.5 million hectares"],
    "zh": ["见 https://undocs.org/A/70/1", "第70/1号决议", "第2118 (2013)号", "秘书长的报告；4",
           "上文第59-64段", "(b)项", "第七章", "附件一和附件二", "上午10时15分", "2014年7-8月",
           "2023年4月18日至19日", "2015-2030年", "第十七届会议", "百分之三十五", "十分之七",
           "1 900亿", "第十五、十六和十八条", "一百万", "第(二)款", "备选办法一", "1个"],
}


def texts(lang: str) -> list[str]:
    return EXAMPLES[lang] + (DATA / f"devset.{lang}").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("reader", [en, zh], ids=["en", "zh"])
def test_a_pattern_matches_only_in_a_text_that_holds_what_it_needs(reader) -> None:  # type: ignore[no-untyped-def]
    lang = reader.__name__.rsplit(".", 1)[-1]
    sample = texts(lang)
    for name, needs in reader.NEEDS.items():
        pattern = reader._pattern(name)
        matched = [text for text in sample if pattern.search(text)]
        assert matched, f"{lang} {name}: no example matches, so nothing is checked"
        for text in matched:
            assert holds(text, needs), f"{lang} {name} matches {text!r}, which holds none of " \
                                       f"{needs}"


def test_a_text_without_what_a_pattern_needs_is_not_scanned() -> None:
    assert not holds("the Parties agreed", en.NEEDS["act"])
    assert holds("the decision stands", en.NEEDS["act"])
    assert holds("anything", ())  # nothing known that every match needs


def test_number_words_as_a_trie_match_what_their_alternation_matches() -> None:
    words = sorted({w for form in en.number_words() for w in form.split()} | {"half"},
                   key=len, reverse=True)
    trie = re.compile(rf"(?i:\b(?:{one_of(words)})\b)")
    alternation = re.compile(rf"(?i:\b(?:{'|'.join(words)})\b)")
    for word in words:
        assert trie.fullmatch(word) and trie.fullmatch(word.upper())
    rng = random.Random(7)
    pieces = [*words, "teen", "ty", "th", "s", "-", " ", "and", "x", "1", "ſ"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        assert [m.span() for m in trie.finditer(text)] == \
            [m.span() for m in alternation.finditer(text)], text


def test_where_words_share_a_beginning_the_longest_is_tried_first() -> None:
    assert re.match(one_of(["six", "sixty", "sixth"]), "sixtyfold").group(0) == "sixty"
    assert re.match(one_of(["six", "sixty"]), "sixes").group(0) == "six"
    assert re.fullmatch(one_of(["a.b", "a"]), "a.b")  # letters are taken as written
    assert not re.fullmatch(one_of(["a.b"]), "axb")


def test_glossary_terms_are_found_within_and_beside_each_other() -> None:
    """The glossary's forms are looked for in one pass (a trie of all of them) before each
    term is: a term inside a longer one, or sharing its beginning, is still found."""
    from unccd_publish.check.rules.terms import terms_in

    forms = (("land degradation",), ("land",), ("degradation", "degradations"), ("drought",))
    assert terms_in("Land degradation and land degradations", forms) == {0, 1, 2}
    assert terms_in("no term at all", forms) == frozenset()
    assert terms_in("droughts", forms) == {3}  # a plural is the term
    assert terms_in("landmark", forms) == frozenset()  # part of another word is not


def test_numbers_below_a_hundred_are_read_without_making_the_forms_of_the_hundreds() -> None:
    """The forms of 100–999 are made only for a form with 'hundred': the words of 1–99 with
    'hundred' and 'hundredth' are all the words of 1–999, and every form of 100–999 has
    'hundred'."""
    every = en.number_words()
    assert en._words() == {w for form in every for w in form.split()} - {"and"} | \
        set(en.SCALES) | {"half"}
    assert all("hundred" in form for form, n in every.items() if n >= 100)
    assert all(en.form_value(form) == n for form, n in every.items())
    assert en.form_value("sixty six") == 66 and en.form_value("hundred") is None
