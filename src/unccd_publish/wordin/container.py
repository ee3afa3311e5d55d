"""The file itself: a Word 2007+ package of a reasonable size, not encrypted, not a zip bomb."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from unccd_publish.wordin.problems import RESAVE, Refused

MAX_BYTES = 25 * 1024 * 1024  # a UN document with pictures is a few MB
MAX_UNPACKED = 200 * 1024 * 1024  # what its parts may add up to once unzipped
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
DOCUMENT_PART = "word/document.xml"


def read_package(path: Path) -> bytes:
    """The bytes of ``path``; :class:`Refused` when it is not a Word file to import."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise Refused(f"cannot read the file: {exc.strerror or exc}", "docx.unreadable") from exc
    if size > MAX_BYTES:
        raise Refused(f"the file is {size / 2**20:.1f} MB, more than the "
                      f"{MAX_BYTES // 2**20} MB a document may have; remove large pictures "
                      "or split it", "docx.too-large")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Refused(f"cannot read the file: {exc.strerror or exc}", "docx.unreadable") from exc
    if data.startswith(OLE_MAGIC):
        if ENCRYPTION_STREAM in data:
            raise Refused("the file is protected by a password (encrypted); save it without "
                          "one in Word and import that copy", "docx.unreadable")
        raise Refused("the file is a Word 97-2003 document (.doc), not .docx; save it as "
                      "Word Document (.docx) and import that", "docx.unreadable")
    if not data.startswith(ZIP_MAGIC):
        raise Refused("the file is not a Word document (.docx): it is not a zip package; "
                      "save it from Word as Word Document (.docx) and import that",
                      "docx.unreadable")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            unpacked = sum(info.file_size for info in package.infolist())
            if DOCUMENT_PART not in names:
                raise Refused(f"the package has no {DOCUMENT_PART}: it is not a Word "
                              "document; save it from Word as Word Document (.docx) and "
                              "import that", "docx.unreadable")
            if unpacked > MAX_UNPACKED:
                raise Refused(f"the package unpacks to {unpacked / 2**20:.0f} MB, more than "
                              f"{MAX_UNPACKED // 2**20} MB; remove large pictures or split it",
                              "docx.too-large")
            broken = package.testzip()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise Refused(f"the file is damaged (not a readable zip package: {exc})"
                      f"{RESAVE}",
                      "docx.unreadable") from exc
    if broken is not None:
        raise Refused(f"the file is damaged: its part {broken} cannot be read{RESAVE}",
                      "docx.unreadable")
    return data
