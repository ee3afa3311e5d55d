"""Word files made here as UN editors make them (python-docx): typed and automatic numbers,
a restart, (a)/(i) items, footnotes, a table, a decision, an annex, a Chinese version; what
the format has no place for is warned about and kept as text; files that cannot be read
write nothing."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml import parse_xml
from PIL import Image

from unccd_publish import model as m
from unccd_publish.diagnostics import Diagnostics
from unccd_publish.docx.notes import Footnotes
from unccd_publish.docx.ooxml import note_reference
from unccd_publish.reading import read_project
from unccd_publish.wordin.importer import import_docx
from unccd_publish.wordin.problems import Problems

from conftest import CONTENT, REPO, run_cli

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MULTILEVEL = f"""<w:abstractNum {W} w:abstractNumId="77"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/>
</w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>
<w:lvlText w:val="(%3)"/></w:lvl></w:abstractNum>"""


class Word:
    """A Word document written paragraph by paragraph, as an editor types it."""

    def __init__(self, symbol: str) -> None:
        self.doc: Document = docx.Document()
        self.doc.sections[0].header.paragraphs[0].text = f"United Nations\t{symbol}"
        self.notes = Footnotes(self.doc)
        self.note_count = 0
        numbering = self.doc.part.numbering_part.element
        numbering.insert(0, parse_xml(MULTILEVEL))
        self.lists = 0

    def para(self, text: str = "", style: str | None = None, bold: bool = False):
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            paragraph.add_run(text).bold = bold or None
        return paragraph

    def lines(self, *texts: str) -> None:
        for text in texts:
            self.para(text)

    def heading(self, text: str, level: int = 1) -> None:
        self.para(text, f"Heading {level}")

    def new_list(self, start: int = 1) -> int:
        """A numbering instance of the multilevel list, starting at ``start``."""
        self.lists += 1
        num_id = 700 + self.lists
        self.doc.part.numbering_part.element.append(parse_xml(
            f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="77"/><w:lvlOverride '
            f'w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
        return num_id

    def auto(self, text: str, num_id: int, level: int = 0):
        paragraph = self.para(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
        return paragraph

    def footnote(self, paragraph, text: str) -> None:
        self.note_count += 1
        paragraph._p.append(note_reference(self.note_count, "FootnoteReference"))
        self.notes.add(self.note_count, [lambda p: p.add_run(text)])

    def table(self, rows: list[list[str]]) -> None:
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        for cells, values in zip(table.rows, rows, strict=True):
            for cell, value in zip(cells.cells, values, strict=True):
                cell.text = value
        trpr = table.rows[0]._tr.get_or_add_trPr()
        trpr.append(parse_xml(f"<w:tblHeader {W}/>"))

    def save(self, path: Path) -> Path:
        self.notes.attach()
        self.doc.save(path)
        return path


def page_one(word: Word, lang: str = "en") -> None:
    if lang == "en":
        word.lines("Convention to Combat Desertification", "Distr.: General",
                   "20 September 2024", "Original: English", "Conference of the Parties",
                   "Committee on Science and Technology", "Sixteenth session",
                   "Riyadh, Saudi Arabia, 3–12 December 2024",
                   "Item 6 of the provisional agenda")
    else:
        word.lines("防治荒漠化公约", "Distr.: General", "20 September 2024", "Chinese",
                   "Original: English", "缔约方会议", "科学和技术委员会", "第十六届会议",
                   "2024年12月3日至12日，沙特阿拉伯利雅得", "临时议程项目6")


def note_file(path: Path) -> Path:
    """An English note: typed numbers, Word's numbers running on and restarting, items,
    footnotes, a table and an annex."""
    word = Word("ICCD/COP(16)/CST/42")
    page_one(word)
    word.para("Procedural matters", bold=True)
    word.heading("A test of the Word import")
    word.heading("Note by the secretariat", 2)
    word.heading("I.\tIntroduction")
    first = word.para("1.\tA paragraph typed by hand, with a note")
    word.footnote(first, "Decision 18/COP.13.")
    word.para("2.\tA second one, with items:")
    word.para("\t(a)\tA typed item;")
    word.para("\t(b)\tAnother, with its own:")
    word.para("\t\t(i)\tA typed sub-item.")
    word.heading("II.\tNumbered by Word")
    running = word.new_list(start=3)
    third = word.auto("Word numbers this paragraph, and it calls a note", running)
    word.footnote(third, "See https://www.unccd.int/.")
    word.auto("Word's item", running, 1)
    word.auto("Word's sub-item", running, 2)
    word.auto("And the fourth paragraph, in *italics* of its own", running)
    word.heading("Table 1", 3)
    word.heading("Objectives", 3)
    word.table([["Objective", "Activities"], ["1.\tFirst objective.", "(a)\tAn activity."]])
    word.heading("Annex")
    word.heading("Recommendations")
    word.heading("1.\tGeneral principles", 2)
    restart = word.new_list(start=1)
    word.auto("An annex restarts at one", restart)
    word.auto("and goes on", restart)
    return word.save(path)


def decisions_file(path: Path, lang: str) -> Path:
    """A draft decision in English or Chinese: heading, enacting formula, preamble with
    items, operative paragraphs."""
    word = Word("ICCD/COP(16)/CST/43")
    page_one(word, lang)
    if lang == "en":
        word.para("Procedural matters", bold=True)
        word.heading("Draft decisions on a test")
        word.heading("Note by the secretariat", 2)
        word.heading("1.\tA test decision", 2)
        word.para("\tThe Conference of the Parties,")
        recalling = word.para("\t")
        recalling.add_run("Recalling").italic = True
        recalling.add_run(" decision 18/COP.15,")
        word.para("\t(a)\tan item of the preamble;")
        word.para("1.\tDecides to test the import;")
        word.para("2.\tRequests the secretariat to report.")
    else:
        word.para("程序事项", bold=True)
        word.heading("关于一项测试的决定草案")
        word.heading("秘书处的说明", 2)
        word.heading("1.\t一项测试决定", 2)
        word.para("\t缔约方会议，")
        word.para("\t回顾第 18/COP.15 号决定，")
        word.para("\t(a)\t序言中的一项；")
        word.para("1.\t决定测试导入；")
        word.para("2.\t请秘书处提出报告。")
    return word.save(path)


def unsupported_file(path: Path) -> Path:
    """A note holding what the format has no place for."""
    word = Word("ICCD/COP(16)/CST/44")
    page_one(word)
    word.para("Procedural matters", bold=True)
    word.heading("Unsupported things")
    word.heading("Note by the secretariat", 2)
    box = word.para("1.\tA paragraph with a text box.")
    box._p.append(parse_xml(
        f'<w:r {W} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
        "<w:txbxContent><w:p><w:r><w:t>Words in the box</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></w:pict></w:r>"))
    tracked = word.para("2.\tA tracked change: ")
    tracked._p.append(parse_xml(f'<w:ins {W} w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z">'
                                "<w:r><w:t>inserted words</w:t></w:r></w:ins>"))
    tracked._p.append(parse_xml(f'<w:del {W} w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z">'
                                "<w:r><w:delText>deleted words</w:delText></w:r></w:del>"))
    commented = word.para("3.\tA commented paragraph.")
    word.doc.add_comment(commented.runs[0], text="Check this figure", author="Editor")
    dated = word.para("4.\tA field: ")
    dated._p.append(parse_xml(f'<w:fldSimple {W} w:instr=" DATE "><w:r><w:t>1 May 2024</w:t>'
                              "</w:r></w:fldSimple>"))
    pictured = word.para("5.\tA picture: ")
    png = io.BytesIO()
    Image.new("RGB", (8, 8)).save(png, "PNG")
    pictured.add_run().add_picture(io.BytesIO(png.getvalue()))
    underlined = word.para("6.\tSome ")
    underlined.add_run("underlined").underline = True
    underlined.add_run(" words.")
    return word.save(path)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "templates").symlink_to(REPO / "templates")
    for name in ("bodies.yaml", "config.yaml"):
        shutil.copy(CONTENT / name, root / "content" / name)
    return root


def imported(project: Path, path: Path, folder: str,
             lang: str | None = None) -> tuple[Problems, m.Document | None]:
    problems = Problems(path)
    result = import_docx(path, folder, lang, project / "content", problems)
    if result is None:
        return problems, None
    found = Diagnostics()
    read = read_project(project / "content", found, only={folder})
    assert not found.errors, [d.format() for d in found.errors]
    return problems, read.documents[0].versions[result.lang]


def test_typed_and_automatic_numbers_items_notes_table_and_annex(project: Path,
                                                                   tmp_path: Path) -> None:
    problems, doc = imported(project, note_file(tmp_path / "note.docx"), "note")
    assert [p.format() for p in problems.items] == []
    assert doc is not None and doc.meta.symbol == "ICCD/COP(16)/CST/42"
    assert (doc.meta.session.key, doc.meta.body.key, doc.meta.committee.key) == \
        ("cop16", "cop", "cst")
    assert doc.meta.agenda_item == "6" and doc.meta.kind == "note"
    assert doc.front.title == "A test of the Word import"
    assert doc.front.agenda_title == ["Procedural matters"]
    paragraphs = doc.numbered_paragraphs()
    assert [p.typed for p in paragraphs] == [1, 2, 3, 4, 1, 2]  # Word's, the restart too
    assert [p.number for p in paragraphs] == [1, 2, 3, 4, 1, 2]
    markers = [b.marker for b in doc.walk() if isinstance(b, m.SubParagraph)]
    assert markers == ["(a)", "(b)", "(i)", "(a)", "(i)", "(a)"]
    notes = [m.plain_text(n.blocks[0].inlines) for n in doc.footnotes]
    assert notes == ["Decision 18/COP.13.", "See https://www.unccd.int/."]
    link = next(i for i in m.walk_inlines(doc.footnotes[1].blocks[0].inlines)
                if isinstance(i, m.Link))
    assert link.href == "https://www.unccd.int/"
    table = next(b for b in doc.walk() if isinstance(b, m.Table))
    assert m.plain_text(table.caption) == "Objectives"
    assert [[len(c.blocks) for c in r.cells] for r in table.rows] == [[1, 1], [1, 1]]
    assert table.rows[0].header and not table.rows[1].header
    annex = next(b for b in doc.walk() if isinstance(b, m.Annex))
    assert m.plain_text(annex.title) == "Recommendations"
    chapters = [m.plain_text(b.title) for b in doc.walk()
                if isinstance(b, m.Section) and b.level == "chapter"]
    assert chapters == ["Introduction", "Numbered by Word"]


def test_a_decision_in_english_then_chinese_checks(project: Path, tmp_path: Path) -> None:
    english = decisions_file(tmp_path / "d_E.docx", "en")
    chinese = decisions_file(tmp_path / "d_C.docx", "zh")
    done = run_cli("import", "docx", str(english), "--folder", "dec", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "checked" not in done.stderr  # one language: nothing to check yet
    done = run_cli("import", "docx", str(chinese), "--folder", "dec", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "1 document(s) checked" in done.stderr and "0 error(s)" in done.stderr
    read = read_project(project / "content", Diagnostics(), only={"dec"}).documents[0]
    assert read.meta.languages == ("en", "zh") and read.meta.kind == "draft-decisions"
    for lang, lead in (("en", "Recalling"), ("zh", "回顾")):
        decision = read.versions[lang].decisions()[0]
        preamble = decision.preamble
        assert len(preamble) == 1 and m.plain_text(preamble[0].inlines).startswith(lead)
        assert [p.typed for p in decision.operative] == [1, 2]
        assert not any("Conference" in m.plain_text(p.inlines) or m.plain_text(p.inlines) ==
                       "缔约方会议，" for p in preamble)
    english_text = (project / "content" / "dec" / "en.md").read_text(encoding="utf-8")
    assert "*Recalling* decision 18/COP.15," in english_text
    assert "The Conference of the Parties," not in english_text


def test_every_unsupported_construct_is_reported_and_its_text_kept(project: Path,
                                                                    tmp_path: Path) -> None:
    problems, doc = imported(project, unsupported_file(tmp_path / "odd.docx"), "odd")
    reports = [p.format() for p in problems.items]
    assert all(r.endswith("[docx.unsupported]") and ": warning: " in r for r in reports)
    assert all(r.startswith(f"{tmp_path / 'odd.docx'}: paragraph ") and "(style " in r
               for r in reports)
    said = "\n".join(reports)
    for words in ("text box", "tracked insertion", "tracked deletion", "deleted words",
                  "comment", "Check this figure", "DATE field", "picture", "underlining"):
        assert words in said, words
    text = (project / "content" / "odd" / "en.md").read_text(encoding="utf-8")
    for kept in ("Words in the box", "inserted words", "1 May 2024", "underlined words"):
        assert kept in text, kept
    assert [p.typed for p in doc.numbered_paragraphs()] == [1, 2, 3, 4, 5, 6]


def test_the_language_is_told_from_page_one(project: Path, tmp_path: Path) -> None:
    path = decisions_file(tmp_path / "d.docx", "zh")
    problems = Problems(path)
    result = import_docx(path, "zh-only", None, project / "content", problems)
    assert result is not None and result.lang == "zh"
    assert "import the original's Word file (en)" in problems.items[-1].format()
    found = Diagnostics()
    read = read_project(project / "content", found, only={"zh-only"}).documents[0]
    assert read.meta.original == "en" and read.meta.languages == ("en", "zh")
    assert [d.code for d in found.items] == ["lang.missing"]


@pytest.mark.parametrize(("make", "code", "words"), [
    (lambda p: p.write_bytes(b"not a word file at all"), "docx.unreadable", "not a zip"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
                             + "EncryptionInfo".encode("utf-16-le") + b"\0" * 600),
     "docx.unreadable", "password"),
    (lambda p: zipfile.ZipFile(p, "w").writestr("hello.txt", "hi"), "docx.unreadable",
     "no word/document.xml"),
    (lambda p: p.write_bytes(b"PK\x03\x04" + b"\0" * 100), "docx.unreadable", "damaged"),
    (lambda p: p.open("wb").truncate(50 * 1024 * 1024), "docx.too-large", "50.0 MB"),
])
def test_a_file_that_cannot_be_imported_writes_nothing(project: Path, tmp_path: Path, make,
                                                         code: str, words: str) -> None:
    path = tmp_path / "bad.docx"
    make(path)
    existing = project / "content" / "kept"
    existing.mkdir()
    (existing / "document.yaml").write_text("symbol: X\n", encoding="utf-8")
    for folder in ("fresh", "kept"):
        done = run_cli("import", "docx", str(path), "--folder", folder, cwd=project)
        assert done.returncode == 1
        assert f"{path}: error: " in done.stderr and f"[{code}]" in done.stderr, done.stderr
        assert words in done.stderr
    assert not (project / "content" / "fresh").exists()
    assert sorted(p.name for p in existing.iterdir()) == ["document.yaml"]
    assert list((project / "content").glob(".*")) == []


def test_docx_needs_a_folder(project: Path, tmp_path: Path) -> None:
    done = run_cli("import", "docx", str(tmp_path / "x.docx"), cwd=project)
    assert done.returncode == 2 and "--folder NAME is required" in done.stderr


def test_a_document_with_only_page_one_facts_it_cannot_match_says_so(project: Path,
                                                                    tmp_path: Path) -> None:
    word = Word("ICCD/COP(99)/1")
    word.lines("Distr.: General", "20 September 2024", "Original: English",
               "Conference of the Parties", "Ninety-ninth session",
               "Item 6 of the provisional agenda")
    word.heading("A title")
    word.para("1.\tText.")
    path = word.save(tmp_path / "odd-session.docx")
    problems = Problems(path)
    import_docx(path, "odd-session", None, project / "content", problems)
    said = "\n".join(p.format() for p in problems.items)
    assert "Ninety-ninth session" in said and "[docx.metadata]" in said
    yaml_text = (project / "content" / "odd-session" / "document.yaml").read_text()
    assert "# session: ?" in yaml_text and "\nsession:" not in yaml_text
