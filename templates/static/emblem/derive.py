"""Derive the black UN emblem of the masthead from the flag in the flag-icons package.

    npm pack flag-icons@7.5.0 && tar xzf flag-icons-7.5.0.tgz
    python derive.py package/flags/4x3/un.svg > un-emblem.svg

The flag draws the emblem in white on a blue field. The field is dropped, the emblem is
drawn in black, and the view box is cropped to the emblem (its extent in the flag's
640 × 480 box, with a small margin).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

FIELD = re.compile(r'\s*<path fill="#4b92db"[^>]*/>')
CROP = "178 118 284 242"  # x y width height around the wreath and the globe


def derive(flag: str) -> str:
    if not FIELD.search(flag):
        raise SystemExit("the blue field was not found: is this flag-icons' un.svg?")
    svg = FIELD.sub("", flag, count=1)
    svg = svg.replace('fill="#fff"', 'fill="#000"')
    svg = re.sub(r'\sid="flag-icons-un"', "", svg, count=1)
    svg = re.sub(r'viewBox="0 0 640 480"', f'viewBox="{CROP}"', svg, count=1)
    return svg


if __name__ == "__main__":
    sys.stdout.write(derive(Path(sys.argv[1]).read_text(encoding="utf-8")))
