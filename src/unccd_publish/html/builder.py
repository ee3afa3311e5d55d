"""The HTML builder: one page per document and language, plus an index, under build/html/."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from unccd_publish import model as m
from unccd_publish.catalogue import catalogue
from unccd_publish.environment import DocumentState, static_files
from unccd_publish.formats import Unwritable
from unccd_publish.html.inline import InlineContext, footnote_text, render_inlines
from unccd_publish.html.page import (
    UNDOCS,
    OtherVersion,
    annex_heading,
    make_page,
    symbol_markup,
)
from unccd_publish.output import write_atomic
from unccd_publish.reading import DocumentSet, Project

STATIC = "static"
PAGE_TEMPLATES = ("document.html", "blocks.html")  # a page, and the macros it imports
SHIPPED_EMBLEM = "emblem/un-emblem.svg"


def templates_dir(project: Project) -> Path:
    """The project's templates: ``templates/`` beside the content folder."""
    return project.root.resolve().parent / "templates"


def make_environment(project: Project) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates_dir(project)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["symbol_markup"] = symbol_markup
    env.globals["annex_heading"] = annex_heading
    return env


def page_name(lang: str) -> str:
    return f"{lang}.html"


def output_path(out: Path, docset: DocumentSet, lang: str) -> Path:
    return out / docset.meta.slug / page_name(lang)


def pdf_name(symbol: str | None, folder: str, lang: str) -> str:
    """The UN file name: the symbol with '/' as '_' (the folder while it has none), then the
    language letter."""
    stem = symbol.replace("/", "_") if symbol else folder
    return f"{stem}_{catalogue(lang)['un_letter']}.pdf"


def render_document(env: Environment, project: Project, docset: DocumentSet, lang: str,
                    links: dict[str, dict[str, str]]) -> str:
    doc = docset.versions[lang]
    others = [OtherVersion(other, catalogue(other)["native_name"], page_name(other))
              for other in docset.meta.languages if other != lang and other in docset.versions]
    page = make_page(doc, others, emblem_href(project), css=[f"../{STATIC}/un.css"],
                     document_url=project.config.document_url or UNDOCS)
    context = InlineContext(doc, links.get(lang, {}), project.config.document_url)

    def inlines(value: list[m.Inline]) -> Markup:
        return render_inlines(value, context)

    def note_text(note: m.Footnote) -> Markup:
        return footnote_text(note, context)

    template = env.get_template("document.html")
    return template.render(page=page, doc=doc, meta=doc.meta, cat=page.cat, m=m,
                           inlines=inlines, footnote_text=note_text)


def emblem_href(project: Project) -> str | None:
    """The masthead image's address from a page: the project's own, copied beside the output
    folder, or the one shipped in the static files."""
    if project.config.emblem is not None:
        return "../../" + os.path.relpath(project.config.emblem, project.root.resolve().parent)
    if project.config.shipped_emblem:
        return f"../{STATIC}/{SHIPPED_EMBLEM}"
    return None


def document_links(symbols: dict[str, tuple[str, list[str]]]) -> dict[str, dict[str, str]]:
    """For each language, the relative URL of every document of the project by symbol.

    ``symbols`` maps a symbol to the document's folder and languages.
    """
    links: dict[str, dict[str, str]] = {}
    for symbol, (folder, langs) in symbols.items():
        for lang in langs:
            links.setdefault(lang, {})[symbol] = f"../{folder}/{page_name(lang)}"
    return links


def copy_static(project: Project, out: Path) -> None:
    source = templates_dir(project) / STATIC
    target = out / STATIC
    # atomically, through a temporary file of its own: shards built in parallel copy the
    # same files into one output folder
    for path in static_files(source):
        destination = target / path.relative_to(source)
        data = path.read_bytes()
        if not destination.exists() or destination.read_bytes() != data:
            write_atomic(destination, data)
    if project.config.emblem is not None:
        destination = out.parent / os.path.relpath(project.config.emblem,
                                                   project.root.resolve().parent)
        write_atomic(destination, project.config.emblem.read_bytes())


class PageWriter:
    """The HTML format's writer (:class:`unccd_publish.formats.Writer`): a page per
    document and language, and the index. The templates are loaded and the static files
    copied once, before the first document."""

    def __init__(self, project: Project, out: Path,
                 symbols: dict[str, tuple[str, list[str]]]) -> None:
        self.project = project
        self.out = out
        self.links = document_links(symbols)
        self.env = make_environment(project)

    def prepare(self) -> Unwritable | None:
        """Copy the static files; where that failed, if it did (the pages are still written:
        they only lack their stylesheet)."""
        try:
            copy_static(self.project, self.out)
        except OSError as exc:
            return self.out / STATIC, exc
        return None

    def load(self) -> None:
        """Compile the page templates now rather than at the first page (in every worker)."""
        for name in PAGE_TEMPLATES:
            self.env.get_template(name)

    def files(self, docset: DocumentSet) -> Iterator[tuple[Path, Callable[[], str]]]:
        """A page per language of ``docset``, rendered when it is written."""
        for lang in docset.versions:
            yield output_path(self.out, docset, lang), partial(
                render_document, self.env, self.project, docset, lang, self.links)

    def index(self, documents: list[tuple[str, DocumentState]]) -> Path:
        """Write the index page of ``documents`` (see :func:`index_rows`)."""
        index = self.out / "index.html"
        # streamed: at thousands of documents the page would be the run's largest object
        write_atomic(index, self.env.get_template("index.html").generate(
            title=self.project.config.title, rows=index_rows(documents), cat=catalogue("en")))
        return index


def index_row(docset: DocumentSet) -> dict[str, Any]:
    """What the state keeps for a document's row in the index, besides its symbol, languages
    and PDFs: its date as printed and its titles (the rest is worked out when the index is
    written, so that a record stays small)."""
    meta = docset.meta
    en = catalogue("en")
    return {"date": en.date(meta.date) if meta.date else en["masthead.date_unassigned"],
            "titles": {lang: doc.front.title for lang, doc in docset.versions.items()}}


def index_rows(documents: list[tuple[str, DocumentState]]) -> Iterator[dict[str, Any]]:
    """The index page's rows, from the records of ``documents`` (by folder), one at a time."""
    en = catalogue("en")
    return ({
        "symbol": record.symbol or en["masthead.symbol_unassigned"],
        "assigned": record.symbol is not None,
        "date": record.index_row["date"],
        "versions": [{
            "lang": lang,
            "name": catalogue(lang)["native_name"],
            "html": f"{name}/{page_name(lang)}",
            "pdf": f"../pdf/{record.pdfs[lang]}",
            "title": record.index_row["titles"][lang],
            "html_lang": catalogue(lang)["html_lang"],
        } for lang in record.languages],
    } for name, record in documents)
