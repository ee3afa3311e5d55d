"""PO (gettext) catalogues of a document's segments, with polib.

PO has no inline codes: a code is written ``{3/}`` (standalone) or ``{2}…{/2}`` (paired),
braces of the text doubled. Each entry's context is the segment's id; its comments say
where it stands on the page and the digest of its source text.
"""

from __future__ import annotations

import contextlib
import json
import re

import polib

from unccd_publish.interchange.segments import Piece, code_map
from unccd_publish.interchange.xliff import DIGEST, Exported, Malformed, Returned, ReturnedFile

CODE = "code"  # a comment line "code t1: ["[", "](#label)"]"
TOKEN = re.compile(r"\{\{|\}\}|\{(?P<close>/)?(?P<id>[A-Za-z0-9_-]+)(?P<alone>/)?\}")


def write(exported: Exported) -> bytes:
    """The PO catalogue of ``exported``."""
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {
        "Project-Id-Version": exported.original,
        "Language": exported.target_lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": exported.source_lang,
        "X-Original": exported.original,
    }
    for unit in exported.units:
        segment = unit.segment
        # PO cannot say what a code stands for: a code the source has not is said here
        extra = [f"{CODE} {c.id}: {json.dumps([c.opening, c.closing], ensure_ascii=False)}"
                 for c in code_map(unit.target or ()).values()
                 if c.id not in code_map(segment.pieces)]
        catalogue.append(polib.POEntry(
            msgctxt=segment.id, msgid=text(segment.pieces),
            msgstr=text(unit.target) if unit.target is not None else "",
            comment="\n".join([segment.place, f"{DIGEST}: {segment.digest}", *extra]),
            occurrences=[(exported.original, str(segment.line))]))
    return str(catalogue).encode("utf-8")


def text(pieces: tuple[Piece, ...]) -> str:
    """Text with codes as PO writes them."""
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece.replace("{", "{{").replace("}", "}}"))
        elif piece.paired:
            out.append(f"{{{piece.id}}}{text(piece.pieces)}{{/{piece.id}}}")
        else:
            out.append(f"{{{piece.id}/}}")
    return "".join(out)


def read(data: bytes) -> ReturnedFile:
    """The entries of a PO catalogue, as units; :class:`Malformed` when it cannot be read."""
    try:
        catalogue = polib.pofile(data.decode("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise Malformed(f"not a PO catalogue: {exc}") from None
    meta = catalogue.metadata
    units = []
    for entry in catalogue:
        digest = next((line.split(":", 1)[1].strip() for line in entry.comment.splitlines()
                       if line.startswith(f"{DIGEST}:")), "")
        line = entry.linenum or 0
        said = _codes_said(entry.comment)
        target = (_marks(entry.msgstr, line, said) if entry.msgstr and "fuzzy" not in entry.flags
                  else None)
        units.append(Returned(entry.msgctxt or "", line, digest, target))
    return ReturnedFile("po", meta.get("X-Original", ""), meta.get("X-Source-Language", ""),
                        meta.get("Language", ""), units)


def _codes_said(comment: str) -> dict[str, tuple[str, str]]:
    """The Markdown of the codes an entry's comments say (see :func:`write`)."""
    said = {}
    for line in comment.splitlines():
        if line.startswith(CODE + " "):
            name, _, value = line[len(CODE) + 1:].partition(": ")
            with contextlib.suppress(ValueError, TypeError):
                opening, closing = json.loads(value)
                said[name] = (str(opening), str(closing))
    return said


def _marks(value: str, line: int, said: dict[str, tuple[str, str]],
           ) -> list[Piece | Returned.Mark]:
    """Text and codes of a translation, codes as written in the catalogue."""
    stack: list[list[Piece | Returned.Mark]] = [[]]
    opened: list[Returned.Mark] = []
    at = 0
    for found in TOKEN.finditer(value):
        if found.start() > at:
            stack[-1].append(value[at:found.start()])
        at = found.end()
        token = found.group(0)
        if token in ("{{", "}}"):
            stack[-1].append(token[0])
        elif found["alone"]:
            stack[-1].append(Returned.Mark(found["id"], False, said.get(found["id"], ("", "")),
                                           line=line))
        elif found["close"]:
            if not opened or opened[-1].id != found["id"]:
                raise Malformed(f"the code {{/{found['id']}}} closes a code that is not open",
                                line)
            mark = opened.pop()
            mark.pieces = stack.pop()
            stack[-1].append(mark)
        else:
            opened.append(Returned.Mark(found["id"], True, said.get(found["id"], ("", "")),
                                        line=line))
            stack.append([])
    if opened:
        raise Malformed(f"the code {{{opened[-1].id}}} is never closed ({{/{opened[-1].id}}})",
                        line)
    if at < len(value):
        stack[-1].append(value[at:])
    return _joined(stack[0])


def _joined(found: list[Piece | Returned.Mark]) -> list[Piece | Returned.Mark]:
    out: list[Piece | Returned.Mark] = []
    for piece in found:
        if isinstance(piece, str) and out and isinstance(out[-1], str):
            out[-1] += piece
        else:
            out.append(piece)
    return out
