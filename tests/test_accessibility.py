"""Every HTML page the project writes, checked by axe-core in headless Chromium.

The pages — each document in each language, the index, and the translators' side-by-side
reports, clean and with findings — must have no violation of the rules tagged WCAG 2.0 and
2.1 A and AA or best practice. One browser session serves the whole module; axe-core is
vendored in tests/data/axe-core/ (see its README.md).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from test_check_mutations import COP17, CST10, Copy

from conftest import CONTENT, REPO, run_cli

AXE = REPO / "tests" / "data" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# What the project writes, named as "<output>/<path>": the HTML build, the reports of a clean
# check, and the reports of a check that has findings of both severities and a missing
# paragraph.
DOCUMENTS = sorted(p.parent.name for p in CONTENT.glob("*/document.yaml"))
LANGUAGES = {slug: sorted(p.stem for p in (CONTENT / slug).glob("*.md")) for slug in DOCUMENTS}
PAGES = [
    "html/index.html",
    *(f"html/{slug}/{lang}.html" for slug in DOCUMENTS for lang in LANGUAGES[slug]),
    *(f"check/{slug}.html" for slug in DOCUMENTS if len(LANGUAGES[slug]) > 1),
    *(f"check-findings/{slug}.html" for slug in DOCUMENTS if len(LANGUAGES[slug]) > 1),
]

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
  .then(r => done({
    version: axe.version,
    rules: r.passes.length + r.violations.length + r.incomplete.length,
    violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary})),
    })),
  }))
  .catch(e => done({error: String(e)}));
"""


@pytest.fixture(scope="module")
def outputs(html_out: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The folder of each kind of output named in PAGES."""
    clean = tmp_path_factory.mktemp("check")
    result = run_cli("--out", str(clean), "check", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr

    copy_root = tmp_path_factory.mktemp("findings")
    copy = Copy(copy_root)
    copy.mutate(CST10, "zh", "[上文第 5 段]", "[下文第 5 段]")  # an error
    copy.mutate(CST10, "en", "1. *Encourages* the Science-Policy Interface to continue",
                "1. *Encourages* the science panel to continue")  # a warning
    text = copy.path(COP17, "zh").read_text(encoding="utf-8")
    paragraph = next(line for line in text.splitlines() if line.startswith("7. 这种支持"))
    copy.mutate(COP17, "zh", paragraph + "\n\n", "")  # a paragraph with no counterpart
    result = run_cli("--out", str(copy_root / "out"), "check", cwd=copy_root)
    assert result.returncode == 1, result.stdout + result.stderr
    findings = copy_root / "out" / "check"
    reports = "".join(p.read_text(encoding="utf-8") for p in findings.glob("*.html"))
    for mark in ('class="finding error"', 'class="finding warning"', 'class="absent"'):
        assert mark in reports, mark
    return {"html": html_out, "check": clean / "check", "check-findings": findings}


@functools.cache
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def violations(driver: object, page: Path) -> list[dict]:
    driver.get(page.resolve().as_uri())
    driver.execute_script(axe_source())
    result = driver.execute_async_script(RUN_AXE, TAGS)
    assert "error" not in result, result.get("error")
    assert result["rules"] > 0, "axe-core ran no rule"
    return result["violations"]


def describe(violations_: list[dict]) -> str:
    lines = []
    for v in violations_:
        lines.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} node(s)): {v['help']}")
        for node in v["nodes"][:20]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {json.dumps(node['target'], ensure_ascii=False)}  {summary}")
        if len(v["nodes"]) > 20:
            lines.append(f"    … and {len(v['nodes']) - 20} more")
    return "\n".join(lines)


def test_every_page_written_is_checked(outputs: dict[str, Path]) -> None:
    written = sorted(f"{kind}/{p.relative_to(folder).as_posix()}"
                     for kind, folder in outputs.items() for p in folder.rglob("*.html"))
    assert written == sorted(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations(browser: object, outputs: dict[str, Path], name: str) -> None:
    kind, _, relative = name.partition("/")
    page = outputs[kind] / relative
    assert page.is_file(), f"{name} was not written"
    found = violations(browser, page)
    if found:
        pytest.fail(f"{name}: {len(found)} axe-core rule(s) violated:\n{describe(found)}",
                    pytrace=False)


def test_axe_core_is_the_vendored_version() -> None:
    head = AXE.read_text(encoding="utf-8")[:200]
    readme = (AXE.parent / "README.md").read_text(encoding="utf-8")
    version = head.split("axe v", 1)[1].split()[0]
    assert f"axe-core {version}" in readme
    assert (AXE.parent / "LICENSE").is_file()
