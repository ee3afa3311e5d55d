"""Accepting a finding as a deliberate difference, finding ids in JSON, and SARIF output."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from test_check_mutations import COP17, CST10, Copy
from unccd_publish.cli import main

from conftest import REPO

SARIF_SCHEMA = REPO / "tests" / "data" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture
def copy(tmp_path: Path) -> Copy:
    """content/ with one number changed in the Chinese of CST/10."""
    found = Copy(tmp_path)
    found.mutate(CST10, "zh", "2025-2026 年", "2025-2027 年")
    return found


def check(copy: Copy, *args: str) -> int:
    return main(["--content", str(copy.content), "--out", str(copy.content.parent / "build"),
                 "check", "-j", "1", *args])


def findings(copy: Copy, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    check(copy, "--format", "json", "-q")
    return json.loads(capsys.readouterr().out)


def test_an_accepted_finding_is_counted_not_reported_until_its_values_change(
        copy: Copy, capsys: pytest.CaptureFixture[str]) -> None:
    found = findings(copy, capsys)["findings"]
    assert [f["code"] for f in found] == ["number.dates"]  # type: ignore[index]
    wanted = found[0]["id"]  # type: ignore[index]
    assert found[0]["values"] == {"zh": ["2025-2027 年"], "en": ["2025–2026"]}  # type: ignore[index]

    assert check(copy, "--accept", wanted, "-q") == 2  # a reason is needed
    assert check(copy, "--accept", wanted, "--reason", "The period is longer in Chinese") == 0
    accepted = (copy.content / CST10 / "accepted.yaml").read_text(encoding="utf-8")
    assert wanted in accepted and "The period is longer in Chinese" in accepted
    capsys.readouterr()
    assert check(copy) == 0  # counted, not reported
    out = capsys.readouterr()
    assert "number.dates: 0 finding(s), 1 accepted" in out.out and "1 accepted" in out.err
    assert findings(copy, capsys)["accepted"][0]["id"] == wanted  # type: ignore[index]

    # the same id on the next run, and again after an unrelated edit
    copy.mutate(COP17, "zh", "导言", "引言")
    assert check(copy, "-q") == 0
    # the text changes its value: the finding is back, and the acceptance is stale
    copy.mutate(CST10, "zh", "2025-2027 年", "2025-2028 年")
    capsys.readouterr()
    assert check(copy) == 1
    err = capsys.readouterr().err
    assert "[accepted.stale]" in err and wanted in err
    entry = next(n for n, line in enumerate(
        (copy.content / CST10 / "accepted.yaml").read_text(encoding="utf-8").splitlines(), 1)
        if wanted in line)
    assert f"accepted.yaml:{entry}: warning:" in err, "the stale entry's own line"


def test_an_unknown_id_is_refused(copy: Copy, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert check(copy, "--accept", "0123456789", "--reason", "no such finding") == 1
    assert "[cli.accept]" in capsys.readouterr().err
    assert not (copy.content / CST10 / "accepted.yaml").exists()


def test_sarif_is_valid_and_carries_every_finding(copy: Copy,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    copy.mutate(CST10, "zh", "第 23/COP.11 号", "第 23/COP.12 号")
    found = findings(copy, capsys)
    capsys.readouterr()
    check(copy, "--format", "sarif", "-q")
    log = json.loads(capsys.readouterr().out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    results = log["runs"][0]["results"]
    assert sorted(r["ruleId"] for r in results) == sorted(
        f["code"] for f in found["findings"])  # type: ignore[union-attr]
    ids = {r["partialFingerprints"]["unccdFinding/v1"] for r in results}
    assert ids == {f["id"] for f in found["findings"]}  # type: ignore[union-attr]
    first = results[0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"]["uri"].endswith("zh.md") and first["region"]["startLine"] > 1
    rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} <= rules
