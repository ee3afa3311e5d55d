"""Offline validation of XLIFF 1.2, XLIFF 2.0 and TMX 1.4 against the schemas in data/schemas."""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "data" / "schemas"


class SchemaFetchRefused(RuntimeError):
    """A schema asked for a file outside data/schemas (a URL or another folder): refused."""


class _LocalOnly(etree.Resolver):
    """Lets libxml2 load files under data/schemas only, and records every other request."""

    def __init__(self) -> None:
        super().__init__()
        self.refused: list[str] = []

    def resolve(self, system_url: str | None, public_id: str | None, context: object) -> None:
        """Return None (load it as usual) for a local schema file; refuse anything else."""
        if system_url is not None and _is_local(system_url):
            return None
        self.refused.append(f"{system_url or ''} {public_id or ''}".strip())
        raise SchemaFetchRefused(system_url or public_id)


def _is_local(url: str) -> bool:
    """Whether url names a file inside data/schemas."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "file") or parts.netloc not in ("", "localhost"):
        return False
    return Path(unquote(parts.path)).resolve().is_relative_to(SCHEMAS)


def document_parser() -> etree.XMLParser:
    """The parser for a document under test: no DTD loading, no entity expansion, no network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def compile_schema(data: bytes, name: str) -> etree.XMLSchema:
    """Compile XSD text as data/schemas/<name>; any other file is refused, never fetched."""
    resolver = _LocalOnly()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parser.resolvers.add(resolver)
    try:
        schema = etree.XMLSchema(etree.fromstring(data, parser, base_url=str(SCHEMAS / name)))
    except etree.XMLSchemaParseError as error:
        if resolver.refused:
            raise SchemaFetchRefused(f"{name} wanted {resolver.refused}") from error
        raise
    if resolver.refused:  # libxml2 may take a failed xs:import as a warning only
        raise SchemaFetchRefused(f"{name} wanted {resolver.refused}")
    return schema


def _compile_file(name: str) -> etree.XMLSchema:
    """Compile the vendored schema data/schemas/<name>."""
    return compile_schema((SCHEMAS / name).read_bytes(), name)


@functools.cache
def xliff12_schema() -> etree.XMLSchema:
    """The OASIS XLIFF 1.2 strict schema, compiled once."""
    return _compile_file("xliff-core-1.2-strict.xsd")


@functools.cache
def xliff20_schema() -> etree.XMLSchema:
    """The OASIS XLIFF 2.0 core schema, compiled once."""
    return _compile_file("xliff_core_2.0.xsd")


@functools.cache
def tmx_dtd() -> etree.DTD:
    """The LISA TMX 1.4 DTD, compiled once (it references no other file)."""
    return etree.DTD(str(SCHEMAS / "tmx14.dtd"))


def _errors(validator: etree._Validator, data: bytes) -> list[str]:
    """Messages from validating data; a document that is not well-formed gives its parse error."""
    try:
        tree = etree.fromstring(data, document_parser())
    except etree.XMLSyntaxError as error:
        return [f"not well-formed: {error}"]
    if validator.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in validator.error_log]


def validate_xliff12(data: bytes) -> list[str]:
    """Errors of an XLIFF 1.2 document against the strict schema (empty: valid)."""
    return _errors(xliff12_schema(), data)


def validate_xliff20(data: bytes) -> list[str]:
    """Errors of an XLIFF 2.0 document against the core schema (empty: valid)."""
    return _errors(xliff20_schema(), data)


def validate_tmx(data: bytes) -> list[str]:
    """Errors of a TMX 1.4 document against the DTD (empty: valid)."""
    return _errors(tmx_dtd(), data)
