"""``import docx FILE --folder NAME [--lang en|zh]``: a Word file into a document folder.

Nothing is written when the file cannot be read; otherwise the language's Markdown and (for
a new folder) ``document.yaml`` are written atomically, a new folder as a whole."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from unccd_publish.catalogue import available, catalogue
from unccd_publish.diagnostics import Diagnostics
from unccd_publish.environment import METADATA_FILE
from unccd_publish.output import write_atomic
from unccd_publish.reading import BODIES_FILE, folder_name_ok, read_bodies
from unccd_publish.wordin import markdown as md
from unccd_publish.wordin import pandoc as pd
from unccd_publish.wordin.container import read_package
from unccd_publish.wordin.inlines import Notes
from unccd_publish.wordin.marking import mark
from unccd_publish.wordin.numbers import shown_numbers
from unccd_publish.wordin.pageone import PageOne, guess_language, read_page_one
from unccd_publish.wordin.problems import RESAVE, Problems, Refused
from unccd_publish.wordin.structure import Body, BodyReader

ORDER = ("symbol", "distribution", "date", "original", "languages", "kind", "body",
         "committee", "session", "agenda_item", "agenda_symbol", "job_numbers")
REQUIRED = ("symbol", "distribution", "date", "original", "body", "session", "agenda_item")
LANGUAGES_LINE = re.compile(r"^languages:.*$", re.MULTILINE)


@dataclass
class Imported:
    """What an import made of a Word file."""

    lang: str
    markdown: str
    page: PageOne
    body: Body
    problems: Problems
    written: list[Path] = field(default_factory=list)


def convert(path: Path, content: Path, lang: str | None, problems: Problems) -> Imported:
    """The Markdown and metadata of the Word file at ``path``; :class:`Refused` when it
    cannot be read."""
    data = read_package(path)
    try:
        marked = mark(data)
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise Refused(f"the Word document cannot be read: {exc}{RESAVE}",
                      "docx.unreadable") from exc
    items = pd.flatten(pd.read_ast(marked.data)["blocks"])
    try:
        shown = shown_numbers(marked.data)
    except Exception as exc:  # docx2python likewise
        problems.warning(f"Word's automatic numbers could not be read ({exc}); typed numbers "
                         "are imported", "docx.numbering")
        shown = {}
    lang = lang or guess_language(marked, items)
    if lang is None:
        raise Refused("the language of the file cannot be told from page 1; give --lang",
                      "docx.metadata")
    found = Diagnostics()
    bodies = read_bodies(content / BODIES_FILE, found)
    for problem in found.items:
        problems.error(problem.message, problem.code, str(problem.location.path))
    notes = Notes()
    page = read_page_one(items, marked, lang, bodies, notes, problems)
    reader = BodyReader(marked, shown, catalogue(lang), bodies, notes, problems)
    body = reader.read(items[page.body_start:])
    return Imported(lang, language_file(page, body, notes), page, body, problems)


def language_file(page: PageOne, body: Body, notes: Notes) -> str:
    """The language's Markdown: front matter, summary, body, then the footnotes."""
    front: dict[str, Any] = {"title": page.title or "(no title)"}
    titles = page.agenda_titles
    front["agenda_title"] = titles[0] if len(titles) == 1 else titles or ""
    if page.subtitle:
        front["subtitle"] = page.subtitle
    parts = ["---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False,
                                      width=10_000) + "---"]
    if page.summary:
        parts.append(md.Container("summary", "", [md.Text(p) for p in page.summary]).render())
    if body.blocks:
        parts.append(md.join(body.blocks))
    for label, paragraphs in notes.definitions:
        lead = f"[^{label}]: "
        parts.append(lead + md.indent(md.join([md.Text(p) for p in paragraphs or [""]]),
                                      4)[4:])
    return "\n\n".join(parts) + "\n"


def metadata_file(page: PageOne, body: Body) -> str:
    """``document.yaml`` from page 1; a field page 1 does not give is a comment saying why."""
    meta = dict(page.meta)
    original = meta.get("original", page.lang)
    meta["languages"] = [original] + ([page.lang] if page.lang != original else [])
    meta["kind"] = "draft-decisions" if body.decisions else "note"
    lines = ["# Imported from Word: page 1 of the file gave these values."]
    for key in ORDER:
        if key in meta:
            lines.append(_yaml_line(key, meta[key]))
        elif key in page.missing:
            lines.append(f"# {key}: ? ({page.missing[key]})")
    return "\n".join(lines) + "\n"


def _yaml_line(key: str, value: Any) -> str:
    """``key: value``, a mapping one entry a line, every value in YAML's flow style."""
    if isinstance(value, dict):
        return "\n".join([f"{key}:", *(f"  {k}: {_flow(v)}" for k, v in value.items())])
    return f"{key}: {_flow(value)}"


def _flow(value: Any) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000,
                          sort_keys=False)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def import_docx(path: Path, folder_name: str, lang: str | None, content: Path,
                problems: Problems) -> Imported | None:
    """Import ``path`` into ``content/folder_name``; None when nothing was written."""
    if not folder_name_ok(folder_name):
        problems.error(f"the folder name {folder_name!r} cannot be used: use lower-case "
                       "letters, digits, '.', '-' and '_'", "docx.folder")
        return None
    if lang is not None and lang not in available():
        problems.error(f"no catalogue for the language {lang!r}; --lang is one of "
                       f"{', '.join(sorted(available()))}", "docx.folder")
        return None
    try:
        imported = convert(path, content, lang, problems)
    except Refused as refused:
        problems.error(str(refused), refused.code)
        return None
    folder = content / folder_name
    if folder.exists():
        _add_language(folder, imported)
    else:
        _new_folder(folder, imported)
    return imported


def _new_folder(folder: Path, imported: Imported) -> None:
    """Both files in a temporary folder beside it, renamed into place as one."""
    for key in REQUIRED:
        if key in imported.page.missing:
            imported.problems.warning(f"document.yaml has no {key}: "
                                      f"{imported.page.missing[key]}; fill it in",
                                      "docx.metadata", "page 1")
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        (staging / METADATA_FILE).write_text(metadata_file(imported.page, imported.body),
                                             encoding="utf-8")
        (staging / f"{imported.lang}.md").write_text(imported.markdown, encoding="utf-8")
        os.chmod(staging, 0o755)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    imported.written += [folder / METADATA_FILE, folder / f"{imported.lang}.md"]
    original = imported.page.meta.get("original")
    if original is not None and original != imported.lang:
        imported.problems.warning(f"this is a translation: import the original's Word file "
                                  f"({original}) into {folder.name} too", "docx.metadata")


def _add_language(folder: Path, imported: Imported) -> None:
    """The language file into an existing folder; its ``document.yaml`` compared with page 1
    and, when the language is new to it, the language added."""
    meta_path = folder / METADATA_FILE
    try:
        text = meta_path.read_text(encoding="utf-8")
        existing = yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError) as exc:
        imported.problems.error(f"{meta_path} cannot be read ({exc}); nothing is written",
                                "docx.folder")
        return
    for key, value in imported.page.meta.items():
        theirs = existing.get(key)
        if key == "job_numbers":
            theirs = (theirs or {}).get(imported.lang)
            value = value[imported.lang]
            if isinstance(theirs, dict) and isinstance(value, str):
                theirs = theirs.get("number")
        if isinstance(theirs, dt.date | str | dict) and theirs != value:
            imported.problems.warning(f"page 1 gives {key} {value!r}, {METADATA_FILE} "
                                      f"{theirs!r}; {METADATA_FILE} is kept",
                                      "docx.metadata", "page 1")
    target = folder / f"{imported.lang}.md"
    write_atomic(target, imported.markdown)
    imported.written.append(target)
    languages = existing.get("languages") or []
    if imported.lang not in languages and LANGUAGES_LINE.search(text):
        line = "languages: [" + ", ".join([*languages, imported.lang]) + "]"
        write_atomic(meta_path, LANGUAGES_LINE.sub(line, text, count=1))
        imported.written.append(meta_path)
