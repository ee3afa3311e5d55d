"""Shared fixtures: a small project built in a temporary folder, and the CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from unccd_publish.diagnostics import Diagnostics
from unccd_publish.reading import Project, read_project

# Times belong in the benchmark: a first example that loads a table or a library is not slow.
settings.register_profile("project", deadline=None)
settings.load_profile("project")

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
SEEDS = REPO / "tests" / "data" / "seeds"  # the documents content/ was made from

DOCUMENT_YAML = """\
symbol: ICCD/COP(16)/CST/99
distribution: General
date: 2024-09-20
original: en
languages: [en]
kind: note
body: cop
session: cop16
agenda_item: "6"
"""

EN_MD = """\
---
title: A test note
agenda_title: Procedural matters
---

::: summary
A summary.
:::

# Introduction

1. First paragraph.

2. Second paragraph.
"""


class MiniProject:
    """A project folder with one document (``content/doc``) that tests can spoil."""

    def __init__(self, root: Path, copy_templates: bool = False) -> None:
        self.root = root
        self.content = root / "content"
        self.doc = self.content / "doc"
        self.doc.mkdir(parents=True)
        shutil.copy(CONTENT / "bodies.yaml", self.content / "bodies.yaml")
        if copy_templates:
            shutil.copytree(REPO / "templates", root / "templates")
        else:
            (root / "templates").symlink_to(REPO / "templates")
        self.write("doc/document.yaml", DOCUMENT_YAML)
        self.write("doc/en.md", EN_MD)

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def read(self) -> tuple[Project, Diagnostics]:
        diagnostics = Diagnostics()
        return read_project(self.content, diagnostics), diagnostics

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(*args, cwd=self.root)


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "unccd_publish", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def mini(tmp_path: Path) -> MiniProject:
    return MiniProject(tmp_path)


@pytest.fixture(scope="session")
def project() -> Project:
    diagnostics = Diagnostics()
    result = read_project(CONTENT, diagnostics)
    assert not diagnostics.items, "\n".join(d.format(REPO) for d in diagnostics)
    return result


@pytest.fixture(scope="session")
def html_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML of content/, built once for the session."""
    out = tmp_path_factory.mktemp("build")
    result = run_cli("--out", str(out), "build", "html", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
    return out / "html"


# Every PDF content/ builds, by (folder, language); its page is <out>/html/<folder>/<lang>.html.
PDFS = {
    ("iccd-cop16-cst-10", "en"): "ICCD_COP(16)_CST_10_E.pdf",
    ("iccd-cop16-cst-10", "zh"): "ICCD_COP(16)_CST_10_C.pdf",
    ("cop17-strategic-framework", "en"): "cop17-strategic-framework_E.pdf",
    ("cop17-strategic-framework", "zh"): "cop17-strategic-framework_C.pdf",
}


def build_pdfs(out: Path) -> Path:
    """Build content/ to PDF (and the HTML pages the PDFs are made from) under ``out``."""
    result = run_cli("--out", str(out), "build", "pdf", "-j", "2", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
    return out / "pdf"


@pytest.fixture(scope="session")
def pdf_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The PDFs of content/, built once for the session; their HTML is in ``../html``."""
    return build_pdfs(tmp_path_factory.mktemp("pdf-build"))


def codes(diagnostics: Diagnostics) -> list[tuple[str, int, str]]:
    """(file name, line, code) of every diagnostic."""
    return [(d.location.path.name, d.location.line, d.code) for d in diagnostics.sorted()]


BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if BROWSER is None:
        pytest.skip("chromium is not installed (make test installs it)")
    if not Path(DRIVER).is_file():
        pytest.skip(f"chromedriver is not installed at {DRIVER} "
                    "(make test installs the Debian package chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def two(tmp_path: Path) -> MiniProject:
    """Two documents with their own templates; 'other' has the symbol ICCD/COP(16)/CST/98."""
    project = MiniProject(tmp_path, copy_templates=True)
    project.write("other/document.yaml", DOCUMENT_YAML.replace("CST/99", "CST/98"))
    project.write("other/en.md", EN_MD.replace("A test note", "Another note"))
    return project
