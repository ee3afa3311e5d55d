"""Saving a Word document byte for byte the same from the same sources: the zip's entries in
a fixed order with a fixed time, the core properties dated from the document, not the
clock."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT

EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)  # the first time a zip entry can hold
FIRST = "[Content_Types].xml"  # a reader may look for it first


def when(created: str | None) -> dt.datetime:
    """The time a document is dated by: its creation date as the PDF has it ("2024-09-20" or
    an ISO time from SOURCE_DATE_EPOCH), else the earliest a zip can say."""
    if not created:
        return EARLIEST
    moment = dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
    return max(moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC), EARLIEST)


def drop_thumbnail(document: Document) -> None:
    """python-docx's own template carries a preview picture that is not this document's."""
    rels = document.part.package.rels
    for key in [k for k, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        rels.pop(key)


def set_properties(document: Document, moment: dt.datetime, title: str = "",
                   subject: str = "", author: str = "", language: str = "") -> None:
    """The core properties: what the document is, and when, never who made the file."""
    props = document.core_properties
    naive = moment.astimezone(dt.UTC).replace(tzinfo=None)
    props.created = props.modified = naive
    props.revision = 1
    props.title, props.subject, props.author, props.language = title, subject, author, language
    props.comments = props.keywords = props.category = props.last_modified_by = ""


def stable_bytes(document: Document, moment: dt.datetime) -> bytes:
    """The document's .docx, every entry stamped ``moment`` and stored in a fixed order."""
    raw = io.BytesIO()
    document.save(raw)
    stamp = moment.astimezone(dt.UTC).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = sorted(source.namelist(), key=lambda n: (n != FIRST, n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()
