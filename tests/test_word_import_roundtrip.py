"""The issue's "done when": each document of content/ in both languages, built as Word and
imported back, reads as the same model, with the same document.yaml, and checks clean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from unccd_publish import model as m
from unccd_publish.check.units import units
from unccd_publish.diagnostics import Diagnostics
from unccd_publish.docx.writer import docx_name
from unccd_publish.reading import read_project

from conftest import CONTENT, REPO, run_cli

FOLDERS = ["cop17-strategic-framework", "iccd-cop16-cst-10"]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """content/ built as Word, then every file imported into a fresh project."""
    root = tmp_path_factory.mktemp("wordin")
    out = root / "build"
    done = run_cli("--out", str(out), "build", "docx", "-j", "1", cwd=REPO)
    assert done.returncode == 0, done.stderr
    fresh = root / "project"
    (fresh / "content").mkdir(parents=True)
    (fresh / "templates").symlink_to(REPO / "templates")
    for name in ("bodies.yaml", "config.yaml", "glossary.yaml"):
        shutil.copy(CONTENT / name, fresh / "content" / name)
    original = read_project(CONTENT, Diagnostics())
    for docset in original.documents:
        files = [str(out / "docx" / docx_name(docset.meta.symbol, docset.meta.slug, lang))
                 for lang in docset.meta.languages]
        done = run_cli("import", "docx", *files, "--folder", docset.meta.slug, cwd=fresh)
        assert done.returncode == 0, done.stderr
        assert ": warning:" not in done.stderr and ": error:" not in done.stderr, done.stderr
    return fresh


def shape(doc: m.Document) -> list[tuple[str, object]]:
    return [(b.kind, getattr(b, "number", None) or getattr(b, "marker", None))
            for b in doc.walk()]


def texts(doc: m.Document) -> dict[str, str]:
    return {u.key: m.plain_text(u.inlines) for u in units(doc)}


@pytest.mark.parametrize("folder", FOLDERS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_model_comes_back(imported: Path, folder: str, lang: str) -> None:
    before = read_project(CONTENT, Diagnostics(), only={folder}).documents[0].versions[lang]
    found = Diagnostics()
    after = read_project(imported / "content", found, only={folder}).documents[0]
    assert not found.items, [d.format() for d in found.items]
    after_doc = after.versions[lang]
    assert shape(after_doc) == shape(before)
    assert texts(after_doc) == texts(before)
    assert len(after_doc.footnotes) == len(before.footnotes)
    assert [b.typed for b in after_doc.numbered_paragraphs()] == \
        [b.typed for b in before.numbered_paragraphs()]
    tables = [b for b in after_doc.walk() if isinstance(b, m.Table)]
    assert [[len(r.cells) for r in t.rows] for t in tables] == \
        [[len(r.cells) for r in t.rows] for t in before.walk() if isinstance(t, m.Table)]
    assert (after_doc.front.title, after_doc.front.agenda_title, after_doc.front.subtitle) == \
        (before.front.title, before.front.agenda_title, before.front.subtitle)


@pytest.mark.parametrize("folder", FOLDERS)
def test_document_yaml_comes_back(imported: Path, folder: str) -> None:
    def facts(path: Path) -> dict:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.pop("contents", None)
        return data

    assert facts(imported / "content" / folder / "document.yaml") == \
        facts(CONTENT / folder / "document.yaml")


def test_check_is_clean_and_the_folder_builds(imported: Path) -> None:
    done = run_cli("check", *FOLDERS, "-W", cwd=imported)
    assert done.returncode == 0, done.stdout + done.stderr
    done = run_cli("build", "html", *FOLDERS, "-W", "-j", "1", cwd=imported)
    assert done.returncode == 0, done.stderr
