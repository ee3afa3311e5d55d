"""The official UN page, read back from the PDFs: page-1 furniture (emblem, job number,
barcode, QR code, "Original", the agenda's "*" note), the contents page, headings, quotation
marks, footnotes, Chinese justification and where each part starts."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from unccd_publish.catalogue import catalogue
from unccd_publish.html.page import contents
from unccd_publish.reading import Project

from conftest import PDFS, MiniProject
from pdffacts import font_runs, page_texts, squeeze, structure, words

CST10, COP17 = "iccd-cop16-cst-10", "cop17-strategic-framework"
EVERY_PDF = pytest.mark.parametrize(("key", "name"), PDFS.items())
ENGLISH = {key: name for key, name in PDFS.items() if key[1] == "en"}
CHINESE = {key: name for key, name in PDFS.items() if key[1] == "zh"}
MM = 72 / 25.4
# The text column (un.css): 2 cm margins, inset 1.7 cm; Chinese: 36 characters of 10.5 pt.
COLUMN_LEFT = (20 + 17) * MM
COLUMN_RIGHT = {"en": (210 - 20 - 17) * MM, "zh": (20 + 17) * MM + 36 * 10.5}
# Where each part starts in the issued Chinese documents, from the seeds' contents pages.
ISSUED_PAGES = {(CST10, "zh"): [3, 5, 7, 9, 11, 14, 17], (COP17, "zh"): [3, 4, 4, 6]}
ZBARIMG = shutil.which("zbarimg")
MARKER = re.compile(r"\d+\.|•|\([a-z]+\)")  # a paragraph's or item's number, a bullet
SMALLEST = {"en": 8.9, "zh": 9.4}  # table text (9 and 9.5 pt); footnotes are smaller


def codes_on_page_one(path: Path, tmp_path: Path) -> set[str]:
    """What zbarimg reads on page 1 rendered at 300 dpi: 'CODE-39:…', 'QR-Code:…'."""
    if ZBARIMG is None:
        pytest.skip("zbarimg (Debian zbar-tools, installed by make test) is missing")
    png = tmp_path / "page1"
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(path), str(png)], check=True)
    out = subprocess.run([ZBARIMG, "-q", f"{png}.png"], capture_output=True, text=True)
    return set(out.stdout.split())


def part_pages(project: Project, path: Path, key: tuple[str, str]) -> list[int]:
    """The page each entry of the contents (chapters, decisions, annexes) starts on."""
    doc = next(d for d in project.documents if d.meta.slug == key[0]).versions[key[1]]
    reader = PdfReader(path)
    names = reader.named_destinations
    return [reader.get_destination_page_number(names[entry.anchor]) + 1
            for entry in contents(doc, catalogue(key[1]))]


# ------------------------------------------------------------------ page 1

def test_english_page_one_footer_carries_job_number_dates_barcode_and_qr_code(
        pdf_out: Path, tmp_path: Path) -> None:
    path = pdf_out / PDFS[(CST10, "en")]
    assert codes_on_page_one(path, tmp_path) == {
        "CODE-39:2417046", "QR-Code:https://undocs.org/en/ICCD/COP(16)/CST/10"}
    foot = page_texts(path)[0].strip().splitlines()[-6:]
    text = " ".join(foot)
    assert re.search(r"GE\.24-17046 \(E\)\s+200924\s+011024", text), foot
    assert "*2417046*" in text and "Please recycle" in text


def test_a_version_without_job_number_prints_no_invented_one(pdf_out: Path,
                                                             tmp_path: Path) -> None:
    path = pdf_out / PDFS[(CST10, "zh")]  # content/ gives no Chinese job number
    assert codes_on_page_one(path, tmp_path) == {
        "QR-Code:https://undocs.org/zh/ICCD/COP(16)/CST/10"}
    first = page_texts(path)[0]
    assert "GE." not in first and "请回收" in squeeze(first)


def test_a_document_without_symbol_has_no_qr_code(pdf_out: Path, tmp_path: Path) -> None:
    assert codes_on_page_one(pdf_out / PDFS[(COP17, "en")], tmp_path) == set()


def test_job_numbers_with_their_dates_in_a_translation(mini: MiniProject,
                                                       tmp_path: Path) -> None:
    from conftest import EN_MD

    meta = (mini.doc / "document.yaml").read_text()
    meta = meta.replace("languages: [en]", "languages: [en, zh]")
    mini.write("doc/document.yaml", meta + (
        "job_numbers:\n  en: GE.25-01234\n"
        "  zh: {number: GE.25-01235 (C), dates: [2025-02-03, 2025-02-10]}\n"))
    mini.write("doc/zh.md", EN_MD.replace("A test note", "一份测试说明"))
    result = mini.run("build", "pdf", "-j", "1")
    assert result.returncode == 0, result.stderr
    pdf = next((mini.root / "build" / "pdf").glob("*_C.pdf"))
    assert "CODE-39:2501235" in codes_on_page_one(pdf, tmp_path)
    assert re.search(r"GE\.25-01235 \(C\)\s+030225\s+100225", page_texts(pdf)[0])


def test_a_job_number_with_another_language_letter_is_an_error(mini: MiniProject) -> None:
    meta = (mini.doc / "document.yaml").read_text()
    mini.write("doc/document.yaml", meta + "job_numbers:\n  en: GE.25-01234 (C)\n")
    result = mini.run("build", "html")
    assert result.returncode == 1
    assert re.search(r"document\.yaml:\d+: error: the job number of 'en' ends in \(C\); that "
                     r"language's letter is \(E\): write 'GE\.25-01234 \(E\)', or the number "
                     r"alone \[meta\.job\]", result.stderr)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("key", "name"), ENGLISH.items())
def test_the_english_original_says_original_english(pdf_out: Path, key: tuple[str, str],
                                                    name: str) -> None:
    assert "Original: English" in page_texts(pdf_out / name)[0]


@pytest.mark.parametrize(("key", "name"), CHINESE.items())
def test_the_chinese_version_names_its_language_and_the_original(
        pdf_out: Path, key: tuple[str, str], name: str) -> None:
    first = page_texts(pdf_out / name)[0]
    assert "Chinese" in first and "Original: English" in first


@EVERY_PDF
def test_the_agenda_line_has_its_asterisk_note_on_page_one(pdf_out: Path, key: tuple[str, str],
                                                           name: str) -> None:
    agenda = {CST10: "ICCD/COP(16)/CST/1", COP17: "ICCD/COP(17)/1"}[key[0]]
    stop = "." if key[1] == "en" else "。"
    assert "*" + agenda + stop in squeeze(page_texts(pdf_out / name)[0])


@EVERY_PDF
def test_the_emblem_heads_page_one(pdf_out: Path, key: tuple[str, str], name: str) -> None:
    alt = catalogue(key[1])["masthead.emblem"]
    tree = structure(pdf_out / name)  # (kept: its figures live as long as the open file)
    assert [str(f.get("/Alt")) for f in tree.every("Figure")].count(alt) == 1
    organ = catalogue(key[1])["masthead.organ"]
    first_word = next(w for w in words(pdf_out / name, 1) if organ.startswith(w.text))
    assert first_word.x0 > 20 * MM + 1.5 / 2.54 * 72  # beside the emblem, not at the margin


def test_emblem_none_leaves_no_slot(mini: MiniProject) -> None:
    mini.write("config.yaml", "emblem: none\n")
    result = mini.run("build", "pdf", "-j", "1")
    assert result.returncode == 0, result.stderr
    pdf = next((mini.root / "build" / "pdf").glob("*.pdf"))
    tree = structure(pdf)
    figures = [str(f.get("/Alt")) for f in tree.every("Figure")]
    assert figures and catalogue("en")["masthead.emblem"] not in figures
    organ = next(w for w in words(pdf, 1) if w.text == "Convention")
    assert abs(organ.x0 - 20 * MM) < 1  # the organ name stands at the margin
    html = next((mini.root / "build" / "html").glob("*/en.html")).read_text()
    assert 'class="emblem"' not in html


# ------------------------------------------------------------------ contents

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_contents_has_page_two_and_the_first_decision_starts_on_page_three(
        pdf_out: Path, project: Project, lang: str) -> None:
    path = pdf_out / PDFS[(CST10, lang)]
    pages = page_texts(path)
    title = catalogue(lang)["words.contents"]
    assert title not in squeeze(pages[0]) and title in squeeze(pages[1])[:40]
    assert part_pages(project, path, (CST10, lang))[0] == 3


@EVERY_PDF
def test_contents_page_numbers_end_on_the_column_edge(pdf_out: Path, key: tuple[str, str],
                                                      name: str) -> None:
    path = pdf_out / name
    numbers = [w for w in words(path, 2) if w.text.isdigit() and w.x0 > 300 and w.y0 < 760]
    assert len(numbers) >= 4
    every = words(path, 2)
    for number in numbers:
        assert abs(number.x1 - COLUMN_RIGHT[key[1]]) < 1 * MM, number
        line = [w for w in every if abs((w.y0 + w.y1) / 2 - (number.y0 + number.y1) / 2) < 3
                and w is not number]
        dots = [w for w in line if set(w.text) == {"."}]
        # the leader runs up to the number …
        assert any(0 <= number.x0 - w.x1 < 4 * MM for w in dots), (number, dots)
        # … on the line of the title's end, never on a line of its own
        assert any(set(w.text) - {"."} for w in line), (number, line)


# ------------------------------------------------------------------ body

@EVERY_PDF
def test_no_heading_is_the_last_line_of_a_page(pdf_out: Path, key: tuple[str, str],
                                               name: str) -> None:
    path = pdf_out / name
    for number in range(2, len(page_texts(path)) + 1):
        # text of the body and table sizes, above the running foot; footnotes are smaller
        body = [r for r in font_runs(path, number) if r.size >= SMALLEST[key[1]] and r.y > 80]
        if not body:
            continue
        lowest = min(r.y for r in body)
        last_line = [r for r in body if abs(r.y - lowest) < 2]
        assert not all("Bold" in r.font for r in last_line), (number, last_line)


@pytest.mark.parametrize(("key", "name"), ENGLISH.items())
def test_english_has_typographic_quotation_marks(pdf_out: Path, key: tuple[str, str],
                                                 name: str) -> None:
    text = "\n".join(page_texts(pdf_out / name))
    assert '"' not in text and "'" not in text
    if key[0] == CST10:
        assert "“affected areas”" in text


def test_chinese_quotation_marks_are_set_in_the_chinese_face(pdf_out: Path) -> None:
    path = pdf_out / PDFS[(CST10, "zh")]  # (the other Chinese document quotes nothing)
    quoted = [r for n in range(1, len(page_texts(path)) + 1) for r in font_runs(path, n)
              if "“" in r.text or "”" in r.text]
    assert quoted
    assert all("CJK" in r.font for r in quoted), {r.font for r in quoted}


@pytest.mark.parametrize(("key", "name"), CHINESE.items())
def test_chinese_body_text_is_justified(pdf_out: Path, key: tuple[str, str], name: str) -> None:
    path = pdf_out / name
    flush: list[bool] = []  # for each full line of a paragraph: does it end on the edge?
    spaced: list[bool] = []  # the same for those that hold a space (around Latin text)
    for number in range(3, len(page_texts(path)) + 1):
        lines: list[list] = []
        body = [w for w in words(path, number) if w.y1 - w.y0 > 14]  # not the 9 pt notes
        for word in sorted(body, key=lambda w: (w.y0 + w.y1) / 2):
            if lines and abs((lines[-1][0].y0 + lines[-1][0].y1) / 2
                             - (word.y0 + word.y1) / 2) < 5:
                lines[-1].append(word)
            else:
                lines.append([word])
        for line, following in itertools.pairwise(lines):
            first = min(following, key=lambda w: w.x0)
            text = "".join(w.text for w in line)
            line = [w for w in line if not MARKER.fullmatch(w.text)]
            # a line followed by one that goes on at the column's edge (not a new numbered
            # paragraph) is a full line of its paragraph
            if (len(text) < 12 or abs(first.x0 - COLUMN_LEFT) > 1
                    or re.match(r"\d+\.$", first.text)):
                continue
            ends = abs(max(w.x1 for w in line) - COLUMN_RIGHT["zh"]) < 1
            flush.append(ends)
            if len(line) > 1:
                spaced.append(ends)
    # Justification stretches a line at its spaces: a line with Latin text in it ends on the
    # edge. A line of Chinese characters alone fills the column of whole characters, unless it
    # stops short before a mark that cannot begin a line or holds narrow Latin marks (/).
    assert len(spaced) > 5 and sum(spaced) >= 0.85 * len(spaced), spaced
    assert len(flush) > 30 and sum(flush) >= 0.65 * len(flush), (sum(flush), len(flush))


@EVERY_PDF
def test_footnotes_and_text_stay_within_the_column(pdf_out: Path, key: tuple[str, str],
                                                   name: str) -> None:
    path = pdf_out / name
    for number in range(2, len(page_texts(path)) + 1):
        for word in words(path, number):
            if 60 < word.y0 < 770:  # between the running head and the running foot
                assert word.x1 <= COLUMN_RIGHT["en"] + 1, (number, word)


@EVERY_PDF
def test_footnote_rule_is_a_plain_vector_rule(pdf_out: Path, key: tuple[str, str],
                                              name: str) -> None:
    """A gradient drew the rule before, with hairline artefacts in poppler renders."""
    tree = structure(pdf_out / name)
    for page in tree.pdf.pages:
        resources = page.obj.get("/Resources", {})
        assert not resources.get("/Shading", {}) and not resources.get("/Pattern", {})


@EVERY_PDF
def test_each_pdf_stays_under_300_kb(pdf_out: Path, key: tuple[str, str], name: str) -> None:
    assert (pdf_out / name).stat().st_size <= 300 * 1024


# ------------------------------------------------------------------ where parts start

@pytest.mark.parametrize("key", list(ISSUED_PAGES))
def test_chinese_parts_start_within_a_page_of_the_issued_document(
        pdf_out: Path, project: Project, key: tuple[str, str]) -> None:
    pages = part_pages(project, pdf_out / PDFS[key], key)
    issued = ISSUED_PAGES[key]
    assert len(pages) == len(issued)
    assert all(abs(a - b) <= 1 for a, b in zip(pages, issued, strict=True)), (pages, issued)


def test_a_note_carried_past_its_calls_page_is_reported(tmp_path: Path) -> None:
    """With widows: 2, WeasyPrint keeps a paragraph's lines together in the English note by
    carrying footnote 1 to the page after its call; the build says so, with the call's line."""
    from conftest import CONTENT

    mini = MiniProject(tmp_path, copy_templates=True)
    shutil.rmtree(mini.doc)
    shutil.copytree(CONTENT / COP17, mini.content / COP17)
    css = mini.root / "templates" / "static" / "print.css"
    css.write_text(re.sub(r"p \{ orphans: \d; widows: \d; \}", "p { orphans: 2; widows: 2; }",
                          css.read_text()))
    result = mini.run("build", "pdf", "-j", "1")
    assert result.returncode == 0, result.stderr
    source = (CONTENT / COP17 / "en.md").read_text().splitlines()
    line = next(n for n, text in enumerate(source, 1) if "[^" in text and not text.startswith("[^"))
    assert (f"content/{COP17}/en.md:{line}: warning: footnote 1 is printed on page 4, after its "
            "call on page 3") in result.stderr


@EVERY_PDF
def test_the_text_ends_with_a_short_centred_rule(pdf_out: Path, key: tuple[str, str],
                                                 name: str, tmp_path: Path) -> None:
    from PIL import Image

    path = pdf_out / name
    last = len(page_texts(path))
    png = tmp_path / "last"
    subprocess.run(["pdftoppm", "-r", "144", "-gray", "-png", "-f", str(last), "-l", str(last),
                    "-singlefile", str(path), str(png)], check=True)
    image = Image.open(f"{png}.png").convert("L")
    width, height = image.size
    pixels = image.load()
    rules = []
    for y in range(height):
        dark = [x for x in range(width) if pixels[x, y] < 200]
        # one unbroken dark run across the line, about 3 cm long (170 pixels at 144 dpi)
        if dark and dark[-1] - dark[0] + 1 == len(dark) and 150 <= len(dark) <= 190:
            rules.append((y, dark[0], dark[-1]))
    middle = (COLUMN_LEFT + COLUMN_RIGHT[key[1]]) / 2 * 2  # of the text column, in pixels
    centred = [r for r in rules if abs((r[1] + r[2]) / 2 - middle) < 4]
    assert centred, rules


def test_titles_get_typographic_quotes_too(mini: MiniProject) -> None:
    from conftest import EN_MD

    mini.write("doc/en.md", EN_MD.replace(
        "title: A test note",
        "title: 'Report on the \"review\" of the Parties'' reports'\n"
        "subtitle: 'Note by the \"secretariat\"'"))
    project, diagnostics = mini.read()
    assert not diagnostics.items
    front = project.documents[0].versions["en"].front
    assert front.title == "Report on the “review” of the Parties’ reports"
    assert front.subtitle == "Note by the “secretariat”"
