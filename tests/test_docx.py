"""The Word export: every document of content/ in both languages, in the UN styles, with
numbers typed as text, real footnotes, repeated table heads and the page-1 masthead; it
opens in LibreOffice, is the same byte for byte when built again, and is built
incrementally like every format."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from unccd_publish import model as m
from unccd_publish.build import BuildOptions, run_build
from unccd_publish.docx.styles import UN_STYLES
from unccd_publish.reading import Project
from unccd_publish.uptodate import nothing_to_do

from conftest import CONTENT, EN_MD, REPO, MiniProject, run_cli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCX = {  # every Word file content/ builds, by (folder, language)
    ("iccd-cop16-cst-10", "en"): "ICCD_COP(16)_CST_10_E.docx",
    ("iccd-cop16-cst-10", "zh"): "ICCD_COP(16)_CST_10_C.docx",
    ("cop17-strategic-framework", "en"): "cop17-strategic-framework_E.docx",
    ("cop17-strategic-framework", "zh"): "cop17-strategic-framework_C.docx",
}
SYMBOLS = {"iccd-cop16-cst-10": "ICCD/COP(16)/CST/10", "cop17-strategic-framework": None}
NUMBERED = re.compile(r"^\d+\.\t\S")


@pytest.fixture(scope="module")
def docx_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Word files of content/, built once for the module."""
    out = tmp_path_factory.mktemp("docx-build")
    result = run_cli("--out", str(out), "build", "docx", "-j", "2", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
    return out / "docx"


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


@pytest.fixture(params=sorted(DOCX), ids=lambda key: "-".join(key))
def word_file(request: pytest.FixtureRequest, docx_out: Path) -> tuple[str, str, Path]:
    folder, lang = request.param
    return folder, lang, docx_out / DOCX[request.param]


def test_every_paragraph_is_in_a_un_style(word_file: tuple[str, str, Path]) -> None:
    document = docx.Document(str(word_file[2]))
    cells = [p for t in document.tables for row in t.rows for c in row.cells
             for p in c.paragraphs]
    styles = {p.style.name for p in [*document.paragraphs, *cells]}
    assert styles <= UN_STYLES, styles - UN_STYLES
    assert "_ Single Txt_G" in styles and "_ H_1_G" in styles
    text = document.styles["_ Single Txt_G"]
    assert text.style_id == "SingleTxtG"
    assert document.styles["_ H _Ch_G"].style_id == "HChG"


def test_numbers_are_text_and_a_tab(word_file: tuple[str, str, Path]) -> None:
    document = docx.Document(str(word_file[2]))
    numbered = [p.text for p in document.paragraphs if NUMBERED.match(p.text)]
    assert numbered and numbered[0].startswith("1.\t")
    body = part(word_file[2], "word/document.xml")
    assert not body.findall(f".//{W}numPr"), "no Word auto-numbering"
    if word_file[0] == "iccd-cop16-cst-10":
        subs = [p.text for p in document.paragraphs if p.text.startswith("\t(a)\t")]
        assert subs, "sub-paragraphs: a tab, the marker, a tab"


def test_footnotes_are_word_footnotes(word_file: tuple[str, str, Path],
                                      project: Project) -> None:
    folder, lang, path = word_file
    doc = next(d for d in project.documents if d.meta.slug == folder).versions[lang]
    notes = part(path, "word/footnotes.xml")
    ids = [n.get(f"{W}id") for n in notes.findall(f"{W}footnote")
           if n.get(f"{W}type") is None]
    body = part(path, "word/document.xml")
    calls = [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")]
    agenda = 1 if doc.meta.agenda_symbol else 0
    assert len(ids) == len(doc.footnotes) + agenda  # one per note (and the agenda's "*")
    assert sorted(calls) == sorted(ids)  # each called from the text, once
    text = "".join(notes.itertext())
    for note in doc.footnotes:
        words = m.plain_text(m.inlines_of(note.blocks[0])[0])
        assert words and words in text


def test_table_header_rows_repeat(docx_out: Path) -> None:
    body = part(docx_out / DOCX["iccd-cop16-cst-10", "en"], "word/document.xml")
    tables = [t for t in body.iter(f"{W}tbl") if t.find(f"{W}tblPr/{W}tblStyle") is not None
              and t.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") == "UNTable"]
    assert len(tables) == 2
    for table in tables:
        first = table.find(f"{W}tr")
        assert first.find(f"{W}trPr/{W}tblHeader") is not None


def test_masthead_and_running_heads(word_file: tuple[str, str, Path]) -> None:
    folder, lang, path = word_file
    document = docx.Document(str(path))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    masthead = section.first_page_header.paragraphs[0].text
    symbol = SYMBOLS[folder]
    running = section.header.paragraphs[0].text
    if symbol:
        assert masthead.endswith(symbol) and running.endswith(symbol)
        assert section.even_page_header.paragraphs[0].text == symbol
    distribution = "\n".join(c.text for c in document.tables[0].rows[0].cells)
    assert "Distr.: General" in distribution and "Original: English" in distribution
    session = [p.text for p in document.paragraphs if p.style.name == "UN Session"]
    assert session[0] in ("Conference of the Parties", "缔约方会议")
    footer = "".join(c.text for t in section.first_page_footer.tables for row in t.rows
                     for c in row.cells)
    if folder == "iccd-cop16-cst-10" and lang == "en":
        assert "GE.24-17046 (E)" in footer and "*2417046*" in footer


def test_fonts_and_decisions(docx_out: Path) -> None:
    styles = part(docx_out / DOCX["iccd-cop16-cst-10", "zh"], "word/styles.xml")
    fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == "SimSun"
    assert fonts.get(f"{W}ascii") == "Times New Roman"
    english = docx.Document(str(docx_out / DOCX["iccd-cop16-cst-10", "en"]))
    texts = list(english.paragraphs)
    formula = [p for p in texts if p.text == "\tThe Conference of the Parties,"]
    assert len(formula) == 7 and all(r.italic for r in formula[0].runs)
    recalling = next(p for p in texts if p.text.startswith("\tRecalling decisions 23/COP.11"))
    assert [r.text for r in recalling.runs if r.italic] == ["Recalling"]
    decisions = [p for p in texts if p.paragraph_format.page_break_before
                 and p.style.name == "_ H_1_G"]
    assert len(decisions) == 7


def test_libreoffice_opens_it(docx_out: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (make test installs it)")
    files = [str(docx_out / name) for name in sorted(DOCX.values())]
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), *files],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for name in DOCX.values():
        pdf = tmp_path / name.replace(".docx", ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 10_000, result.stdout + result.stderr


def test_two_builds_are_byte_identical(docx_out: Path, tmp_path: Path) -> None:
    again = run_cli("--out", str(tmp_path), "build", "docx", "-j", "1", cwd=REPO)
    assert again.returncode == 0, again.stderr
    for name in DOCX.values():
        assert (tmp_path / "docx" / name).read_bytes() == (docx_out / name).read_bytes(), name
    with zipfile.ZipFile(docx_out / DOCX["iccd-cop16-cst-10", "en"]) as package:
        assert {i.date_time for i in package.infolist()} == {(2024, 9, 20, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert "2024-09-20T00:00:00Z" in core and "ICCD/COP(16)/CST/10" in core


def build(project: MiniProject, formats: tuple[str, ...] = ("docx",)) -> list[str]:
    report = run_build(BuildOptions(project.content, project.root / "build", formats=formats,
                                    pdf=False, jobs=1))
    assert not report.diagnostics.errors, [d.format() for d in report.diagnostics]
    return sorted(str(Path(p).relative_to(project.root / "build")) for p in report.written)


def test_the_build_is_incremental(tmp_path: Path) -> None:
    project = MiniProject(tmp_path)
    project.write("other/document.yaml", (project.doc / "document.yaml").read_text()
                  .replace("CST/99", "CST/98"))
    project.write("other/en.md", EN_MD.replace("title: A test note", "title: Another"))
    out = project.root / "build"
    assert build(project) == ["docx/ICCD_COP(16)_CST_98_E.docx",
                              "docx/ICCD_COP(16)_CST_99_E.docx"]
    assert (out / "docx/reference/reference_E.docx").is_file()
    assert build(project) == []
    assert nothing_to_do(project.content, out, pdf=False, names=[],
                         formats=("docx",)) is not None
    project.write("other/en.md", EN_MD.replace("Second paragraph.", "Changed."))
    assert build(project) == ["docx/ICCD_COP(16)_CST_98_E.docx"]
    assert build(project, ("html", "docx")) == ["html/doc/en.html", "html/index.html",
                                                "html/other/en.html"]
    assert nothing_to_do(project.content, out, pdf=False, names=[],
                         formats=("html", "docx")) is not None


def test_build_docx_and_all_on_the_command_line(tmp_path: Path) -> None:
    project = MiniProject(tmp_path)
    first = project.run("build", "docx")
    assert first.returncode == 0, first.stderr
    assert "1 Word file(s)" in first.stderr
    assert not (project.root / "build/html").exists()
    again = project.run("build", "docx")
    assert again.stderr.startswith("nothing to do"), again.stderr
    html = project.run("build", "html")
    assert "Word" not in html.stderr and (project.root / "build/html/doc/en.html").is_file()
    assert project.run("build", "html").stderr.startswith("nothing to do")


def test_content_has_both_documents() -> None:
    assert {folder for folder, _ in DOCX} <= {p.name for p in CONTENT.iterdir() if p.is_dir()}
