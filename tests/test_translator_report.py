"""The side-by-side report as a translator uses it, in a real browser: rows labelled by the
numbers printed on the page, the differing values marked in both texts, a filter for the
rows with findings, and keys from finding to finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_check_mutations import COP17, CST10, Copy
from unccd_publish.cli import main

pytestmark = pytest.mark.usefixtures("browser")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of CST/10 with two defects in its Chinese: a number and a footnote call."""
    copy = Copy(tmp_path_factory.mktemp("report"))
    copy.mutate(CST10, "zh", "2025-2026 年", "2025-2027 年")
    copy.mutate(CST10, "zh", "[^ldn-framework]", "")
    out = copy.content.parent / "build"
    assert main(["--content", str(copy.content), "--out", str(out), "check", "-q", "-j", "1",
                 CST10, COP17]) == 1
    return out / "check" / f"{CST10}.html"


def test_rows_are_labelled_by_the_printed_numbers_of_each_language(browser: object,
                                                                   report: Path) -> None:
    browser.get(report.as_uri())  # type: ignore[attr-defined]
    labels = browser.execute_script(  # type: ignore[attr-defined]
        "return Array.from(document.querySelectorAll('td.key .label'), s => s.textContent)")
    assert "Draft decision 5, paragraph 3 (c)" in labels
    assert "决定草案 5，第 3(c) 段" in labels
    assert "Table 1, row 2, column 2" in labels and "表 1，第 2 行第 2 列" in labels
    assert "Footnote 1" in labels and "脚注 1" in labels


def test_the_differing_values_are_marked_in_both_texts(browser: object, report: Path) -> None:
    browser.get(report.as_uri())  # type: ignore[attr-defined]
    marks = browser.execute_script(  # type: ignore[attr-defined]
        "return Array.from(document.querySelectorAll('tr.has-findings mark'), m => "
        "[m.closest('td').lang, m.textContent])")
    assert ["zh-Hans", "2025-2027 年"] in marks
    assert any(lang == "en" and "2025" in text for lang, text in marks)
    calls = browser.execute_script(  # type: ignore[attr-defined]
        "return Array.from(document.querySelectorAll('sup.call.marked'), c => "
        "[c.closest('td').lang, c.textContent, c.title.length > 10])")
    # the calls of the footnotes whose placement differs, with their notes' texts
    assert calls and all(lang == "zh-Hans" and titled for lang, _, titled in calls)


def test_the_filter_leaves_only_the_rows_with_findings(browser: object, report: Path) -> None:
    browser.get(report.as_uri())  # type: ignore[attr-defined]
    count = """return Array.from(document.querySelectorAll('.side-by-side tbody tr'))
                 .filter(tr => tr.offsetParent !== null).length"""
    everything = browser.execute_script(count)  # type: ignore[attr-defined]
    browser.find_element("id", "only-findings").click()  # type: ignore[attr-defined]
    shown = browser.execute_script(count)  # type: ignore[attr-defined]
    with_findings = browser.execute_script(  # type: ignore[attr-defined]
        "return document.querySelectorAll('tr.has-findings').length")
    assert 0 < shown == with_findings < everything
    # one family of rules unticked: its rows go too
    browser.find_element(  # type: ignore[attr-defined]
        "css selector", ".family-filter[value='number']").click()
    assert browser.execute_script(count) < shown  # type: ignore[attr-defined]


def test_keys_go_from_finding_to_finding(browser: object, report: Path) -> None:
    browser.get(report.as_uri())  # type: ignore[attr-defined]
    body = browser.find_element("tag name", "body")  # type: ignore[attr-defined]
    rows = browser.execute_script(  # type: ignore[attr-defined]
        "return Array.from(document.querySelectorAll('tr.has-findings'), tr => tr.id)")
    current = "return document.querySelector('tr.current').id"
    body.send_keys("j")
    assert browser.execute_script(current) == rows[0]  # type: ignore[attr-defined]
    body.send_keys("j")
    assert browser.execute_script(current) == rows[1]  # type: ignore[attr-defined]
    body.send_keys("k")
    assert browser.execute_script(current) == rows[0]  # type: ignore[attr-defined]


def test_each_finding_shows_its_id_and_how_to_accept_it(browser: object, report: Path) -> None:
    browser.get(report.as_uri())  # type: ignore[attr-defined]
    commands = browser.execute_script(  # type: ignore[attr-defined]
        "return Array.from(document.querySelectorAll('.finding .accept code'), c => "
        "c.textContent)")
    assert commands and all(c.startswith("unccd-publish check --accept ") for c in commands)
