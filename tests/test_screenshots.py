"""The first page of each language version, rendered by headless Chromium to PNG.

The screenshots are kept in build/screenshots/ so that a person can compare them with the
layout spec; the test asserts that the browser rendered a real page.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

SHOTS = REPO / "build" / "screenshots"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
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
