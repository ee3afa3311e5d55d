"""The first page of each language version, rendered by headless Chromium to PNG; and every
page of every PDF of content/, rendered by poppler's pdftoppm to PNG.

The screenshots are kept in build/screenshots/ (the PDF pages in
build/screenshots/pdf/<pdf name>/page-NN.png) so that a person can compare them with the
layout spec; the tests assert that the browser rendered a real page, and that every PDF page
became an A4 image with something printed on it.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from PIL import Image  # WeasyPrint's own dependency
from pypdf import PdfReader

from conftest import PDFS, REPO

SHOTS = REPO / "build" / "screenshots"
PDF_SHOTS = SHOTS / "pdf"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOPPM = shutil.which("pdftoppm")
DPI = 100
A4_PIXELS = (210 / 25.4 * DPI, 297 / 25.4 * DPI)  # 826.8 × 1169.3 at 100 dpi
# Dark pixels (grey below 128) a page must have: a blank page has none, the lightest page of
# content/ (a contents page) over 3,000 at 100 dpi.
MIN_DARK = 1_000
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--window-size=900,1300"]


def screenshot(page: Path, png: Path, profile: Path) -> None:
    png.parent.mkdir(parents=True, exist_ok=True)
    png.unlink(missing_ok=True)
    subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}",
                    page.resolve().as_uri()], capture_output=True, timeout=120, check=True)


def png_size(png: Path) -> tuple[int, int]:
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


@pytest.mark.skipif(BROWSER is None, reason="chromium is not installed (make test installs it)")
@pytest.mark.parametrize("slug", ["iccd-cop16-cst-10", "cop17-strategic-framework"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_first_page_renders_in_chromium(html_out: Path, tmp_path: Path, slug: str,
                                        lang: str) -> None:
    png = SHOTS / f"{slug}-{lang}.png"
    screenshot(html_out / slug / f"{lang}.html", png, tmp_path / "profile")
    assert png_size(png) == (900, 1300)
    # a blank or error page compresses to a few kilobytes; a page of text does not
    assert png.stat().st_size > 60_000


@pytest.fixture(scope="module")
def pdf_pages(pdf_out: Path) -> dict[str, list[Path]]:
    """Every page of every PDF built from content/, as build/screenshots/pdf/<stem>/page-NN.png
    (one pdftoppm per PDF, all at once); by PDF stem, in page order."""
    shutil.rmtree(PDF_SHOTS, ignore_errors=True)
    running = {}
    for pdf in sorted(pdf_out.glob("*.pdf")):
        folder = PDF_SHOTS / pdf.stem
        folder.mkdir(parents=True)
        running[pdf.stem] = subprocess.Popen(
            [PDFTOPPM, "-r", str(DPI), "-png", str(pdf), str(folder / "raw")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    pages = {}
    for stem, process in running.items():
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors
        # pdftoppm pads the page number to the width of the page count: raw-1 or raw-01
        numbered = {int(png.stem.rpartition("-")[2]): png
                    for png in (PDF_SHOTS / stem).glob("raw-*.png")}
        pages[stem] = [numbered[n].rename(PDF_SHOTS / stem / f"page-{n:02d}.png")
                       for n in sorted(numbered)]
    return pages


@pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm is not installed (make test installs "
                    "poppler-utils)")
def test_every_pdf_of_content_is_rendered(pdf_out: Path, pdf_pages: dict[str, list[Path]]) -> None:
    assert sorted(p.name for p in pdf_out.glob("*.pdf")) == sorted(PDFS.values())
    assert sorted(pdf_pages) == sorted(Path(name).stem for name in PDFS.values())
    assert sorted(p.name for p in PDF_SHOTS.iterdir()) == sorted(pdf_pages)


@pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm is not installed (make test installs "
                    "poppler-utils)")
@pytest.mark.parametrize("name", sorted(PDFS.values()))
def test_every_pdf_page_is_an_a4_png_with_print_on_it(pdf_out: Path,
                                                    pdf_pages: dict[str, list[Path]],
                                                    name: str) -> None:
    stem = Path(name).stem
    count = len(PdfReader(pdf_out / name).pages)
    assert count > 0
    expected = [f"page-{n:02d}.png" for n in range(1, count + 1)]
    assert [png.name for png in pdf_pages[stem]] == expected
    assert sorted(p.name for p in (PDF_SHOTS / stem).iterdir()) == expected
    for png in pdf_pages[stem]:
        width, height = png_size(png)
        assert abs(width - A4_PIXELS[0]) <= 1, (png.name, width, height)
        assert abs(height - A4_PIXELS[1]) <= 1, (png.name, width, height)
        with Image.open(png) as image:
            assert image.format == "PNG"
            image.load()  # decodes every row: a truncated or corrupt file raises
            assert image.size == (width, height)
            grey = image.convert("L").histogram()
        dark = sum(grey[:128])
        assert dark >= MIN_DARK, f"{name} page {png.stem}: {dark} dark pixels, blank"
        assert dark < width * height // 2, f"{name} page {png.stem}: mostly dark"
