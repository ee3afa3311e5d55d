"""The PDF stage reads only the project, reports font problems, and never breaks a good PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from unccd_publish.diagnostics import Diagnostics
from unccd_publish.pdf import builder
from unccd_publish.pdf.builder import Job, render
from unccd_publish.pdf.fetcher import ProjectFetcher

from conftest import EN_MD, MiniProject


def test_fetcher_allows_only_files_of_the_project(tmp_path: Path) -> None:
    inside = tmp_path / "templates" / "static" / "un.css"
    inside.parent.mkdir(parents=True)
    inside.write_text("p {}")
    fetcher = ProjectFetcher(tmp_path)
    assert fetcher.allows(inside.as_uri())
    assert not fetcher.allows("file:///etc/passwd")
    assert not fetcher.allows((tmp_path / ".." / "elsewhere.css").resolve().as_uri())
    assert not fetcher.allows("http://127.0.0.1:9/x.css")
    assert not fetcher.allows("https://example.org/x.css")
    assert not fetcher.allows("ftp://example.org/x.css")


def test_render_refuses_the_network_and_outside_files(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<html><head><link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head>'
                    '<body><p>Text</p><img src="file:///etc/hostname"></body></html>')
    result = render(Job(page, tmp_path / "out.pdf", page, tmp_path, None))
    assert result.error is None
    assert sorted(result.refused) == ["file:///etc/hostname", "http://127.0.0.1:9/x.css"]
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


def test_a_failed_render_keeps_the_last_good_pdf(tmp_path: Path) -> None:
    good = tmp_path / "doc.pdf"
    good.write_bytes(b"%PDF-1.7 the last good build")
    result = render(Job(tmp_path / "missing.html", good, tmp_path / "en.md", tmp_path, None))
    assert result.error is not None
    assert good.read_bytes() == b"%PDF-1.7 the last good build"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.pdf"]


def test_glyphs_missing_from_the_document_fonts_are_warnings(mini: MiniProject) -> None:
    mini.write("doc/en.md", EN_MD.replace("Second paragraph.", "Second \U0001F600 and \u0F40."))
    result = mini.run("build", "pdf", "-j", "1")
    assert result.returncode == 0, result.stderr
    assert "content/doc/en.md:14: warning: characters '\U0001F600' were set in the fallback " \
           "font 'DejaVu Sans'" in result.stderr
    assert "content/doc/en.md:14: warning: no installed font has the characters '\u0F40'" \
           in result.stderr
    assert (mini.root / "build" / "pdf" / "ICCD_COP(16)_CST_99_E.pdf").exists()


def test_warns_when_harfbuzz_subsetting_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(builder, "harfbuzz_subset_available", lambda: False)
    diagnostics = Diagnostics()
    assert list(builder.run_jobs([], 1, diagnostics)) == []
    assert [d.code for d in diagnostics.items] == ["pdf.harfbuzz-subset"]


def test_harfbuzz_subsetting_is_installed_here() -> None:
    """`make` installs libharfbuzz-subset0; without it fonts are subset many times slower."""
    assert builder.harfbuzz_subset_available()


def test_job_number_in_the_first_page_footer_and_beside_later_page_numbers(
        mini: MiniProject) -> None:
    from pdffacts import page_texts

    meta = (mini.doc / "document.yaml").read_text()
    mini.write("doc/document.yaml", meta + "job_numbers:\n  en: GE.24-17046 (E)\n")
    long_body = "\n\n".join(f"{n}. " + "A paragraph of some length. " * 30 for n in range(1, 25))
    mini.write("doc/en.md", EN_MD.split("# Introduction")[0] + "# Introduction\n\n" + long_body)
    result = mini.run("build", "pdf", "-j", "1")
    assert result.returncode == 0, result.stderr
    pages = page_texts(mini.root / "build" / "pdf" / "ICCD_COP(16)_CST_99_E.pdf")
    assert len(pages) >= 3
    last_lines = [[line for line in p.splitlines() if line.strip()] for p in pages]
    # page 1: the job number with its language letter, over the barcode's line
    foot = "\n".join(last_lines[0][-4:])
    assert "GE.24-17046 (E)" in foot and "*2417046*" in foot
    # later pages: the number beside the page number, a visible gap between them
    for number, lines in enumerate(last_lines[1:], start=2):
        assert re.fullmatch(rf"{number}\s{{2,}}GE\.24-17046|GE\.24-17046\s{{2,}}{number}",
                            lines[-1].strip()), lines[-1]
