"""Reading facts back out of built PDFs (page text, fonts, positions), with poppler and pypdf."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    """The text of every page, in layout order (pdftotext)."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def squeeze(text: str) -> str:
    """Text without any white space, for matching across line breaks and CJK spacing."""
    return re.sub(r"\s+", "", text)


@dataclass
class Font:
    name: str
    embedded: bool
    subset: bool


def fonts(path: Path) -> list[Font]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    result = []
    for line in out:
        parts = line.split()
        # name type… encoding emb sub uni object ID: emb/sub are the 5th and 4th from the end
        result.append(Font(parts[0], parts[-5] == "yes", parts[-4] == "yes"))
    return result


@dataclass
class Run:
    text: str
    x: float
    y: float


def text_runs(path: Path, page_number: int) -> list[Run]:
    """Text pieces of one page (1-based) with their positions (pypdf)."""
    runs: list[Run] = []
    page = PdfReader(path).pages[page_number - 1]

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            runs.append(Run(text, x, y))

    page.extract_text(visitor_text=visit)
    return runs


def page_width(path: Path) -> float:
    return float(PdfReader(path).pages[0].mediabox.width)
