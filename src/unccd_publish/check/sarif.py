"""The check's findings as SARIF 2.1.0, for code-review tools (GitHub code scanning and
others): a result per finding at its place in the translation, the original's place as a
related location, the finding's id as its fingerprint; accepted and suppressed findings as
results with their suppression."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from unccd_publish import __version__
from unccd_publish.check.accepted import finding_id
from unccd_publish.check.findings import Finding, Report, relative
from unccd_publish.check.registry import RULES

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "unccdFinding/v1"


def sarif(report: Report, root: Path, reasons: dict[str, str]) -> dict[str, Any]:
    """The SARIF log of ``report``; paths relative to ``root``; ``reasons``: why each
    accepted finding (by id) was accepted."""
    results = []
    for document in report.documents:
        for finding in document.findings:
            results.append(_result(finding, document.folder, root))
        for finding in document.accepted:
            result = _result(finding, document.folder, root)
            reason = reasons.get(result["partialFingerprints"][FINGERPRINT], "")
            result["suppressions"] = [{"kind": "external", "status": "accepted",
                                       "justification": reason}]
            results.append(result)
        for finding in document.suppressed:
            result = _result(finding, document.folder, root)
            result["suppressions"] = [{"kind": "inSource", "status": "accepted",
                                       "justification": "noqa or suppress in config.yaml"}]
            results.append(result)
    rules = [{"id": rule.code, "shortDescription": {"text": rule.summary},
              "properties": {"family": rule.family}} for rule in sorted(
                  RULES.values(), key=lambda r: r.code)]
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "unccd-publish", "version": __version__,
                            "informationUri": "https://www.unccd.int/", "rules": rules}},
        "results": results}]}


def _result(finding: Finding, folder: str, root: Path) -> dict[str, Any]:
    locations = [_location(path, line, root) for _, path, line in _places(finding)]
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": finding.severity,
        "message": {"text": finding.message},
        "partialFingerprints": {FINGERPRINT: finding_id(folder, finding)},
    }
    if locations:
        result["locations"] = locations[:1]
    if len(locations) > 1:
        result["relatedLocations"] = [dict(loc, id=n, message={"text": f"in the {lang} version"})
                                      for n, (loc, (lang, _, _)) in enumerate(
                                          zip(locations[1:], _places(finding)[1:],
                                              strict=True), 1)]
    return result


def _places(finding: Finding) -> list[tuple[str, Path, int]]:
    return [(lang, loc.path, loc.line) for lang, loc in finding.places]


def _location(path: Path, line: int, root: Path) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": relative(path, root).as_posix()},
                                 "region": {"startLine": max(line, 1)}}}
