"""Compact font subsets for the Chinese faces, made before WeasyPrint lays a page out.

WeasyPrint subsets every embedded font, but keeps each glyph's id, so a font whose used
glyphs lie far into a 65,000-glyph CJK font carries tens of thousands of empty glyphs:
one Chinese heading face cost 150 KB for 116 characters. Here each CJK face is first cut
down, with HarfBuzz and renumbered glyphs, to the characters of the page, and offered to
WeasyPrint under its own family name through ``@font-face``; WeasyPrint then subsets that
small font as usual. The cut fonts are cached under the output folder by content.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import uharfbuzz as hb

from unccd_publish.output import write_atomic


@dataclass(frozen=True)
class Face:
    family: str  # the family name the print stylesheet asks for first
    weight: int
    pattern: str  # fontconfig pattern that finds the installed file


# The stylesheets name these families before the installed ones ("Noto Serif CJK SC
# Compact", "Noto Serif CJK SC"): a browser, which has no such family, uses the installed font.
CJK_FACES = (
    Face("Noto Serif CJK SC Compact", 400, "Noto Serif CJK SC:weight=regular"),
    Face("Noto Sans CJK SC Compact", 700, "Noto Sans CJK SC:weight=bold"),
)


# What the CJK faces set, though they come first in a Chinese page's font list: Chinese
# characters and punctuation, and the quotation marks, dashes and ellipsis that Chinese
# shares with Latin text, which in Chinese take a full-width glyph. Latin letters and
# digits fall through to the Latin serif.
CJK_RANGE = ("U+2014, U+2018-2019, U+201C-201D, U+2026, U+2E80-9FFF, U+F900-FAFF, U+FE30-FE4F, "
             "U+FF00-FFEF")


@cache
def installed(pattern: str) -> tuple[Path, int] | None:
    """The file and face index fontconfig picks for ``pattern``, if that family is installed."""
    try:
        done = subprocess.run(["fc-match", "-f", "%{family}\n%{file}\n%{index}", pattern],
                              capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    family, file, index = [*done.stdout.split("\n"), "", "", ""][:3]
    if pattern.split(":")[0] not in family.split(","):
        return None
    return Path(file), int(index or 0)


@cache
def _face(path: Path, index: int) -> hb.Face:
    return hb.Face(hb.Blob.from_file_path(str(path)), index)


def cut(path: Path, index: int, characters: str) -> bytes:
    """The font at ``path`` reduced to ``characters``, glyphs renumbered, hinting dropped."""
    subset = hb.SubsetInput()
    for char in characters:
        subset.unicode_set.add(ord(char))
    subset.flags = hb.SubsetFlags.DESUBROUTINIZE | hb.SubsetFlags.NO_HINTING
    return hb.subset(_face(path, index), subset).blob.data


def font_faces_css(text: str, cache_dir: Path) -> str:
    """``@font-face`` rules serving the CJK faces cut to the characters of ``text``."""
    if not any(ord(c) > 0x2E80 for c in text):
        return ""  # no Chinese on the page
    characters = "".join(sorted({c for c in text if ord(c) >= 0x20}))
    rules = []
    for face in CJK_FACES:
        found = installed(face.pattern)
        if found is None:
            continue  # the missing font is reported as a fallback after layout
        path, index = found
        key = hashlib.blake2b(f"{path}:{index}:{path.stat().st_mtime_ns}:{characters}".encode(),
                              digest_size=12).hexdigest()
        target = cache_dir / f"{key}.otf"
        if not target.exists():
            write_atomic(target, cut(path, index, characters))
        rules.append(f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
                     f'src: url("{target.resolve().as_uri()}"); unicode-range: {CJK_RANGE}; }}')
    return "\n".join(rules)
