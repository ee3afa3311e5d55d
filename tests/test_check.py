"""The checker's command, reports, suppression, documentation and recognisers."""

from __future__ import annotations

import datetime as dt
import json
import re
from fractions import Fraction
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from test_check_mutations import CST10, Copy
from unccd_publish.catalogue import catalogue
from unccd_publish.check.facts import facts
from unccd_publish.check.registry import RULES
from unccd_publish.recognise import find_symbols

from conftest import REPO, run_cli


def test_every_rule_is_documented_and_every_documented_code_is_a_rule() -> None:
    text = (REPO / "docs" / "checks.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z]+\.[a-z-]+)` \|", text, flags=re.M))
    assert documented == set(RULES)


def test_check_is_clean_on_the_content_and_writes_reports(tmp_path: Path) -> None:
    result = run_cli("--out", str(tmp_path), "check", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s), 0 warning(s)" in result.stderr
    report = (tmp_path / "check" / f"{CST10}.html").read_text(encoding="utf-8")
    assert 'lang="zh-Hans"' in report and "decision-5-para-7" in report
    assert f"../html/{CST10}/zh.html#decision-5-para-7" in report


def test_findings_fail_the_check_with_both_places_and_a_json_report(tmp_path: Path) -> None:
    copy = Copy(tmp_path)
    copy.mutate(CST10, "zh", "[上文第 5 段]", "[下文第 5 段]")
    text = run_cli("--out", str(tmp_path / "out"), "check", cwd=tmp_path)
    assert text.returncode == 1
    line = copy.line(CST10, "zh", "[下文第 5 段]")
    assert re.search(rf"content/{CST10}/zh\.md:{line}: error: .*\(content/{CST10}/en\.md:\d+\) "
                     r"\[ref\.direction\]", text.stdout), text.stdout
    assert "  ref.direction: 1 finding(s)" in text.stdout
    as_json = run_cli("--out", str(tmp_path / "out"), "check", "--format", "json", cwd=tmp_path)
    data = json.loads(as_json.stdout)
    assert data["summary"] == {"ref.direction": 1}
    assert {p["lang"] for p in data["findings"][0]["places"]} == {"en", "zh"}
    report = (tmp_path / "out" / "check" / f"{CST10}.html").read_text(encoding="utf-8")
    assert 'class="has-findings"' in report and '[ref.direction]' in report
    assert 'value="ref"' in report  # the filter of the rule's family


def test_suppression_by_configuration_and_by_block(tmp_path: Path) -> None:
    copy = Copy(tmp_path)
    copy.mutate(CST10, "zh", "[上文第 5 段]", "[下文第 5 段]")
    (copy.content / "config.yaml").write_text("suppress: [ref.direction]\n", encoding="utf-8")
    result = run_cli("--out", str(tmp_path / "out"), "check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "  ref.direction: 0 finding(s), 1 suppressed" in result.stdout

    (copy.content / "config.yaml").write_text("title: x\n", encoding="utf-8")
    copy.mutate(CST10, "zh", "7. 鼓励缔约方确保", '{noqa="ref.direction"}\n7. 鼓励缔约方确保')
    result = run_cli("--out", str(tmp_path / "out"), "check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "1 suppressed" in result.stderr


@given(st.integers(min_value=1, max_value=300), st.sampled_from(["above", "below"]))
def test_paragraph_references_are_recognised_in_both_languages(number: int, where: str) -> None:
    for lang in ("en", "zh"):
        cat = catalogue(lang)
        text = "xx " + cat.format("refs.paragraph", number=number, where=cat[f"refs.{where}"])
        refs = facts(text, lang).refs
        assert [(r.kind, r.first, r.where) for r in refs] == [("paragraph", number, where)]


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 1)),
       st.integers(min_value=0, max_value=27))
def test_date_ranges_are_values_in_both_languages(start: dt.date, days: int) -> None:
    end = min(start + dt.timedelta(days=days), start.replace(day=28) if start.day <= 28 else start)
    if end < start:
        end = start
    days = {lang: sorted(w.value for w in facts(catalogue(lang).date_range(start, end), lang).whens)
            for lang in ("en", "zh")}
    assert days["en"] == days["zh"] == sorted({(start.month, start.day), (end.month, end.day)})
    years = {lang: {q.value for q in facts(catalogue(lang).date_range(start, end), lang).quantities}
             for lang in ("en", "zh")}
    assert years["en"] == years["zh"] == {start.year}


@given(st.integers(min_value=1, max_value=99))
def test_session_ordinals_are_values_in_both_languages(number: int) -> None:
    for lang in ("en", "zh"):
        text = catalogue(lang).format("masthead.session", number=number)
        assert facts(text, lang).sessions == [number]


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=30))
def test_decision_symbols_are_recognised_in_both_forms(number: int, session: int) -> None:
    symbol = f"{number}/COP.{session}"
    for text in (f"decision {symbol},", f"第{symbol}号决定", f"第 {symbol} 号决定"):
        assert [f.symbol for f in find_symbols(text)] == [symbol]


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=5))
def test_numbers_agree_across_forms(values: list[int]) -> None:
    english = "The values are " + ", ".join(map(str, values)) + "."
    wide = str.maketrans("0123456789", "０１２３４５６７８９")
    chinese = "数值为" + "、".join(str(v).translate(wide) for v in values) + "。"
    assert numbers_in(english, "en") == numbers_in(chinese, "zh") == sorted(values)


def numbers_in(text: str, lang: str) -> list[int]:
    return sorted(int(q.value) for q in facts(text, lang).quantities)


def test_scaled_numbers_are_values() -> None:
    assert numbers_in("2 million hectares", "en") == numbers_in("200 万公顷", "zh") == [2_000_000]


def test_more_recognisers() -> None:
    assert [r.sub for r in facts("as in subparagraph (b) above", "en").refs] == ["(b)"]
    assert [r.sub for r in facts("如上文(b) 项所述", "zh").refs] == ["(b)"]
    assert [q.value for q in facts("two thirds of the Parties", "en").quantities] == \
        [q.value for q in facts("三分之二的缔约方", "zh").quantities]


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=99),
       st.booleans())
def test_values_in_words_alone_are_read(part: int, whole: int, capital: bool) -> None:
    """A text with no digit is still read for the values its number words say: a session,
    decades, a fraction (the patterns that need a number are tried only on a text that
    holds a digit or a number word)."""
    from num2words import num2words

    def words(n: int) -> str:
        said = num2words(n, lang="en")
        return said.capitalize() if capital else said

    assert [q.value for q in facts(f"{words(part)} decades of work", "en").quantities] == \
        [10 * part]
    fraction = facts(f"in {words(part)} out of {words(whole)} countries", "en").quantities
    assert Fraction(part, whole) in [q.value for q in fraction]
    ordinal = num2words(part, lang="en", to="ordinal")
    assert facts(f"at its {ordinal} session", "en").sessions == [part]
    assert facts(f"at its {part}{ordinal[-2:]} session", "en").sessions == [part]
    assert facts("the Parties met and agreed", "en").quantities == []


def test_a_typed_number_out_of_sequence(tmp_path: Path) -> None:
    copy = Copy(tmp_path)
    copy.mutate(CST10, "zh", "6. 还建议缔约方建立技术能力", "8. 还建议缔约方建立技术能力")
    findings = copy.findings()
    line = copy.line(CST10, "zh", "8. 还建议缔约方建立技术能力")
    assert any(f.code == "numbering.typed" and f.places[0][1].line == line for f in findings)


def test_a_reference_to_a_paragraph_that_does_not_exist(tmp_path: Path) -> None:
    copy = Copy(tmp_path)
    copy.mutate(CST10, "zh", "[上文第 5 段](#d5-intersessional-agenda)", "上文第 25 段")
    findings = copy.findings()
    line = copy.line(CST10, "zh", "上文第 25 段")
    assert any(f.code == "ref.target" and "no such paragraph" in f.message
               and f.places[0][1].line == line for f in findings)
