"""A source file's text: readable, UTF-8, within the size limit, free of control characters."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from unccd_publish.diagnostics import Diagnostics, Location

# C0 and C1 control characters other than tab, line feed and carriage return: a NUL or an
# escape code in a source is a mistake (a binary file, a paste from a terminal), never text
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# characters that reorder the text around them: they make a line display other than it
# reads (the "Trojan Source" trick), and no English or Chinese text needs them
BIDI_CHARS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
BIDI = re.compile(f"[{BIDI_CHARS}]")
SHOWN = 10  # lines reported for one kind of problem in one file


def read_text(path: Path, diagnostics: Diagnostics, max_kb: int = 2000,
              empty_is_error: bool = True) -> str | None:
    """The text of ``path``, or None (reported) when it is unreadable, too large, not UTF-8,
    holds control characters, or (unless ``empty_is_error`` is False) is empty."""
    try:
        size = path.stat().st_size
        if size > max_kb * 1024:
            diagnostics.error(Location(path), f"the file is {size // 1024:,} KB, more than the "
                              f"limit of {max_kb:,} KB (limits: source_kb in config.yaml)",
                              "limit.size")
            return None
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.error(Location(path), f"cannot read the file: {exc.strerror}", "source.io")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        diagnostics.error(Location(path, line),
                          f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                          f"{exc.start}); save it as UTF-8", "source.encoding")
        return None
    text = text.removeprefix("\ufeff")
    control = _report(path, text, CONTROL, diagnostics.error, "source.control",
                      "control character {char} (a NUL, an escape code …) is not text; remove it")
    if any(char in text for char in BIDI_CHARS):  # a look for each is 4 times quicker
        _report(path, text, BIDI, diagnostics.warning, "source.bidi",
                "character {char} reorders the text around it, so that the line shows other "
                "than it reads; remove it")
    if control:
        return None
    if empty_is_error and not text.strip():
        diagnostics.error(Location(path), "the file is empty", "source.empty")
        return None
    return text


def _report(path: Path, text: str, pattern: re.Pattern[str],
            report: Callable[[Location, str, str], object], code: str, message: str) -> bool:
    """Report the lines where ``pattern`` occurs (at most SHOWN); True when it does."""
    lines: dict[int, str] = {}
    for match in pattern.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        lines.setdefault(line, f"U+{ord(match.group(0)):04X}")
        if len(lines) >= SHOWN:
            break
    for line, char in lines.items():
        report(Location(path, line), message.format(char=char), code)
    return bool(lines)
