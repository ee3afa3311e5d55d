"""The checker on real UN English and Chinese (tests/data/unpc): few false alarms, and
every injected defect caught at its paragraph."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from parallel import DATA, INJECTIONS, SentencePair, findings_by_pair, inject, read_pairs
from unccd_publish.check.facts import Facts, facts

from conftest import CONTENT

ACCEPTED = DATA / "accepted.yaml"


@pytest.fixture(scope="module")
def pairs() -> list[SentencePair]:
    return read_pairs("devset")


@pytest.fixture(scope="module")
def found(pairs: list[SentencePair], tmp_path_factory: pytest.TempPathFactory,
          ) -> dict[int, list[str]]:
    by_pair = findings_by_pair(pairs, tmp_path_factory.mktemp("real") / "content", CONTENT)
    return {n: sorted({f.code for f in fs}) for n, fs in by_pair.items()}


def test_the_corpus_is_real_aligned_text(pairs: list[SentencePair]) -> None:
    assert len(pairs) >= 1000
    assert len({p.source for p in pairs}) > 500  # documents the pairs come from
    assert all(p.en and p.zh for p in pairs)


def test_every_finding_on_real_text_is_an_accepted_divergence(
        pairs: list[SentencePair], found: dict[int, list[str]]) -> None:
    accepted = {entry["pair"]: entry for entry in yaml.safe_load(ACCEPTED.read_text("utf-8"))}
    by_number = {p.number: p for p in pairs}
    new = [f"pair {n} {codes}:\n  EN: {by_number[n].en}\n  ZH: {by_number[n].zh}"
           for n, codes in sorted(found.items())
           if n not in accepted or sorted(accepted[n]["codes"]) != codes]
    gone = [f"pair {n} {entry['codes']} ({entry['why']})" for n, entry in sorted(accepted.items())
            if n not in found]
    assert not new, "findings not in accepted.yaml:\n" + "\n".join(new)
    assert not gone, "no longer found (remove from accepted.yaml):\n" + "\n".join(gone)
    assert {entry["kind"] for entry in accepted.values()} <= {
        "slip", "explicit", "corpus", "limitation"}
    false_alarms = [n for n, e in accepted.items() if e["kind"] in ("explicit", "limitation")]
    assert len(false_alarms) / len(pairs) < 0.01


def test_one_defect_injected_into_real_chinese_is_caught_at_its_paragraph(
        pairs: list[SentencePair], found: dict[int, list[str]], tmp_path: Path) -> None:
    """A digit, a year, a percentage, a symbol or a paragraph number changed in the Chinese
    of every pair that had no finding: reported at that pair, at least 99 times in 100."""
    kinds = list(INJECTIONS)
    mutated: dict[int, tuple[str, SentencePair]] = {}
    for index, pair in enumerate(pairs):
        if pair.number in found:
            continue
        preferred = kinds[index % len(kinds)]
        for kind in (preferred, *kinds):
            zh = inject(pair.zh, kind, index)
            if zh is not None:
                mutated[pair.number] = (kind, replace(pair, zh=zh))
                break
    assert len(mutated) >= 300
    assert {kind for kind, _ in mutated.values()} == set(kinds)
    caught = findings_by_pair([p for _, p in mutated.values()], tmp_path / "content", CONTENT)
    missed = [f"{kind}: {p.zh}" for n, (kind, p) in mutated.items() if n not in caught]
    assert len(missed) / len(mutated) <= 0.01, "\n".join(missed)


EXAMPLES = [  # what real UN English and Chinese write for the same values
    ("35 per cent of the land", "35%的土地"),
    ("38,852 people", "38 852人"),
    ("8,000 hectares and 86,000 tons", "8,000公顷和86 000吨"),
    ("$190 billion", "1 900亿美元"),
    ("$623 billion", "6 230亿美元"),
    ("2.5 million hectares", "250万公顷"),
    ("more than 2 million people", "200多万人"),
    ("in July 2022", "2022年7月"),
    ("as of February 2023", "截至2023年2月"),
    ("three cases", "3个案件"),
    ("a nine-month delay", "9个月的延误"),
    ("eight organizations", "八个组织"),
    ("7 out of 10 countries", "十分之七的国家"),
    ("one in five people", "五分之一的人"),
    ("two thirds of the Parties", "三分之二的缔约方"),
    ("a third of the urban population", "城市人口的三分之一"),
    ("at its sixty-sixth session", "第六十六届会议"),
    ("Article 33 (1) of the Convention", "《公约》第三十三条第一项"),
    ("Articles 3 and 6", "第三条和第六条"),
    ("arts. 15, 16, 18 and 21", "第十五、十六、十八和二十一条"),
    ("on 18 and 19 April 2023", "2023年4月18日至19日"),
    ("on 18 and 19 April 2023", "2023年4月18日和19日"),
    ("from 3 to 12 December 2024", "2024年12月3日至12日"),
    ("On June 25 and September 20, 2014", "2014年6月25日和9月20日"),
    ("in July-August 2014", "2014年7-8月"),
    ("(see paragraphs 59–64 above)", "（见上文第59-64段）"),
    ("all relevant resolutions", "所有相关决议"),
    ("Annex I", "附件一"),
    ("annexes I and II", "附件一和附件二"),
    ("resolution 77/1", "第77/1号决议"),
    ("resolutions 1970 (2011) and 1973 (2011)", "第1970(2011)和第1973(2011)号决议"),
    ("the COVID-19 pandemic in 2020–2022", "2020-2022年COVID-19大流行"),
    ("target 15.3 of Goal 15", "目标15的具体目标15.3"),
    ("from 10 a.m. to 1 p.m.", "上午10时至下午1时"),
    ("Between 1100 and 1200 hours", "11时至12时"),
    ("the past two decades", "过去二十年"),
    ("the post-2015 development agenda", "2015年后发展议程"),
    ("the G20 Global Land Initiative", "20 国集团全球土地倡议"),
    ("1 P-5 and 2 P-4 posts", "1个P-5和2个P-4员额"),
    ("the 1960s", "1960年代"),
]


def _as_pairs(examples: list[tuple[str, str]]) -> list[SentencePair]:
    return [SentencePair(n, "example", en, zh) for n, (en, zh) in enumerate(examples, 1)]


def test_the_same_values_written_the_way_each_language_writes_them(tmp_path: Path) -> None:
    found = findings_by_pair(_as_pairs(EXAMPLES), tmp_path / "content", CONTENT)
    assert not found, [(EXAMPLES[n - 1], [f.message for f in fs]) for n, fs in found.items()]
    nothing = Facts()
    for english, chinese in EXAMPLES:  # and read as values, not passed over on both sides
        assert (facts(english, "en") == nothing) == (facts(chinese, "zh") == nothing) == (
            "all relevant" in english)


DIFFERENT = [
    ("35 per cent", "36%"), ("38,852 people", "38 853人"), ("$190 billion", "1 800亿美元"),
    ("in July 2022", "2022年8月"), ("three cases", "4个案件"), ("eight organizations", "九个组织"),
    ("7 out of 10 countries", "十分之八的国家"), ("at its sixty-sixth session", "第六十七届会议"),
    ("on 18 and 19 April 2023", "2023年4月18日至20日"),
    ("(see paragraphs 59–64 above)", "（见上文第59-65段）"), ("resolution 77/1", "第77/2号决议"),
    ("resolution 77/1", "第77/1号决定"), ("from 10 a.m.", "上午11时"), ("1 P-5 post", "1个P-4员额"),
    ("in 2014 and 2015", "2014年和2014年"),
]


def test_a_different_value_is_reported(tmp_path: Path) -> None:
    found = findings_by_pair(_as_pairs(DIFFERENT), tmp_path / "content", CONTENT)
    assert sorted(found) == list(range(1, len(DIFFERENT) + 1)), [
        DIFFERENT[n - 1] for n in range(1, len(DIFFERENT) + 1) if n not in found]
