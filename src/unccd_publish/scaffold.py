"""``unccd-publish new``: a new document folder, ready to build and check."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from unccd_publish.catalogue import catalogue
from unccd_publish.output import write_atomic

PLACEHOLDER = {
    "en": ("Summary of the document.", "Introduction", "First paragraph of the document."),
    "zh": ("文件概要。", "导言", "文件第一段。"),
}


@dataclass
class NewDocument:
    folder: str
    title: dict[str, str]
    agenda_title: dict[str, str]
    symbol: str = "unassigned"
    kind: str = "note"
    body: str = "cop"
    committee: str | None = None
    session: str = ""
    agenda_item: str = ""
    date: dt.date | None = None
    distribution: str = "General"
    original: str = "en"
    languages: tuple[str, ...] = ("en", "zh")


class ScaffoldError(Exception):
    """The new document cannot be made as asked."""


def slug_ok(name: str) -> bool:
    return re.fullmatch(r"[a-z0-9][a-z0-9._-]*", name) is not None


def create(content: Path, new: NewDocument) -> list[Path]:
    """Write ``document.yaml`` and one Markdown file per language; refuse to overwrite."""
    if not slug_ok(new.folder):
        raise ScaffoldError(f"'{new.folder}' is not a folder name (lower-case letters, digits, "
                            "'-', '_', '.')")
    folder = content / new.folder
    if folder.exists():
        raise ScaffoldError(f"{folder} exists already; choose another name")
    for lang in new.languages:
        catalogue(lang)  # KeyError for a language without a catalogue
    meta: dict[str, object] = {
        "symbol": new.symbol,
        "distribution": new.distribution,
        "date": new.date or "unassigned",
        "original": new.original,
        "languages": list(new.languages),
        "kind": new.kind,
        "body": new.body,
    }
    if new.committee:
        meta["committee"] = new.committee
    meta |= {"session": new.session, "agenda_item": new.agenda_item}
    written = [folder / "document.yaml"]
    write_atomic(written[0], yaml.safe_dump(meta, allow_unicode=True, sort_keys=False))
    for lang in new.languages:
        path = folder / f"{lang}.md"
        write_atomic(path, language_file(new, lang))
        written.append(path)
    return written


def language_file(new: NewDocument, lang: str) -> str:
    summary, heading, paragraph = PLACEHOLDER.get(lang, PLACEHOLDER["en"])
    front = yaml.safe_dump({"title": new.title.get(lang, new.title.get("en", "")),
                            "agenda_title": new.agenda_title.get(
                                lang, new.agenda_title.get("en", ""))},
                           allow_unicode=True, sort_keys=False, width=1000)
    if new.kind == "draft-decisions":
        body = f"::::: decision {heading}\n1. {paragraph}\n:::::\n"
    else:
        body = f"# {heading}\n\n1. {paragraph}\n"
    return f"---\n{front}---\n\n::: summary\n{summary}\n:::\n\n{body}"
