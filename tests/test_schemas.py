"""The offline validators of tests/schemas.py accept valid XLIFF 1.2, XLIFF 2.0 and TMX 1.4 and name
what is wrong in broken ones, without ever reaching the network."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

import pytest
from lxml import etree

from schemas import (
    SCHEMAS,
    SchemaFetchRefused,
    compile_schema,
    tmx_dtd,
    validate_tmx,
    validate_xliff12,
    validate_xliff20,
    xliff12_schema,
    xliff20_schema,
)

XLIFF12 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="ICCD/COP(16)/CST/99" source-language="en" target-language="zh"
        datatype="plaintext">
    <header><note>UNCCD test document</note></header>
    <body>
      <trans-unit id="p1" xml:space="preserve">
        <source xml:lang="en"
          >Land <g id="2" ctype="italic">degradation</g><x id="1" ctype="x-footnote"/></source>
        <target xml:lang="zh" state="translated"
          >土地<g id="2" ctype="italic">退化</g><x id="1" ctype="x-footnote"/></target>
        <note from="unccd-publish">Paragraph 1</note>
      </trans-unit>
    </body>
  </file>
</xliff>
""".encode()

XLIFF20 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="zh">
  <file id="f1" original="ICCD/COP(16)/CST/99">
    <notes><note category="symbol">ICCD/COP(16)/CST/99</note></notes>
    <unit id="p1">
      <notes><note>Paragraph 1</note></notes>
      <segment state="translated">
        <source>Land <pc id="2" type="fmt" subType="xlf:i">degradation</pc><ph id="1"
          type="other" subType="unccd:footnote"/></source>
        <target>土地<pc id="2" type="fmt" subType="xlf:i">退化</pc><ph id="1"
          type="other" subType="unccd:footnote"/></target>
      </segment>
    </unit>
  </file>
</xliff>
""".encode()

TMX = """\
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="unccd-publish" creationtoolversion="0.1.0" segtype="paragraph"
          o-tmf="unccd-publish" adminlang="en" srclang="en" datatype="plaintext"/>
  <body>
    <tu tuid="p1">
      <tuv xml:lang="en"><seg>Land degradation neutrality<ph x="1">[1]</ph></seg></tuv>
      <tuv xml:lang="zh"><seg>土地退化零增长<ph x="1">[1]</ph></seg></tuv>
    </tu>
  </body>
</tmx>
""".encode()

Validator = Callable[[bytes], list[str]]


def _replace(data: bytes, old: str, new: str) -> bytes:
    """data with old replaced by new exactly once (so a test cannot silently test nothing)."""
    assert data.count(old.encode()) == 1, old
    return data.replace(old.encode(), new.encode())


@pytest.mark.parametrize(
    ("validate", "document"),
    [(validate_xliff12, XLIFF12), (validate_xliff20, XLIFF20), (validate_tmx, TMX)],
    ids=["xliff12", "xliff20", "tmx"],
)
def test_valid_documents_have_no_errors(validate: Validator, document: bytes) -> None:
    """Each minimal document with notes, placeholders and paired codes is valid."""
    assert validate(document) == []


BROKEN: list[tuple[str, Validator, bytes, tuple[str, ...]]] = [
    (
        "xliff12-unknown-element",
        validate_xliff12,
        _replace(XLIFF12, "<note from=", "<remark/><note from="),
        ("remark", "not expected"),
    ),
    (
        "xliff12-missing-original",
        validate_xliff12,
        _replace(XLIFF12, ' original="ICCD/COP(16)/CST/99"', ""),
        ("file", "'original' is required"),
    ),
    (
        "xliff12-bad-state",
        validate_xliff12,
        _replace(XLIFF12, 'state="translated"', 'state="done"'),
        ("target", "state", "'done'"),
    ),
    (
        "xliff12-ctype-without-x-",
        validate_xliff12,
        _replace(XLIFF12, 'x-footnote"/></source>', 'footnote"/></source>'),
        ("ctype", "'footnote'"),
    ),
    (
        "xliff20-unknown-element",
        validate_xliff20,
        _replace(XLIFF20, "<segment ", "<seg/><segment "),
        ("seg'", "not expected"),
    ),
    (
        "xliff20-ph-without-id",
        validate_xliff20,
        _replace(
            XLIFF20,
            '<ph id="1"\n          type="other" subType="unccd:footnote"/></source>',
            "<ph/></source>",
        ),
        ("ph", "'id' is required"),
    ),
    (
        "xliff20-subtype-without-prefix",
        validate_xliff20,
        _replace(XLIFF20, 'subType="xlf:i">degradation', 'subType="italic">degradation'),
        ("subType", "'italic'"),
    ),
    (
        "xliff20-state-on-target",
        validate_xliff20,
        _replace(XLIFF20, "<target>", '<target state="translated">'),
        ("target", "'state' is not allowed"),
    ),
    (
        "tmx-without-header",
        validate_tmx,
        re.sub(rb"<header[^>]*/>", b"", TMX),
        ("tmx", "expecting (header , body)"),
    ),
    (
        "tmx-unknown-element",
        validate_tmx,
        _replace(TMX, "<tu tuid", "<unit/><tu tuid"),
        ("No declaration for element unit",),
    ),
    (
        "tmx-missing-srclang",
        validate_tmx,
        _replace(TMX, ' srclang="en"', ""),
        ("header", "srclang"),
    ),
    (
        "tmx-tuv-without-lang",
        validate_tmx,
        _replace(TMX, '<tuv xml:lang="zh">', "<tuv>"),
        ("tuv", "xml:lang"),
    ),
]


@pytest.mark.parametrize(
    ("validate", "document", "words"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_broken_documents_are_named(
    validate: Validator, document: bytes, words: tuple[str, ...]
) -> None:
    """A broken document gets at least one message naming the element and the fault."""
    errors = validate(document)
    assert any(all(word in message for word in words) for message in errors), errors


def test_not_well_formed_is_an_error_not_an_exception() -> None:
    """A truncated document is reported as a message."""
    errors = validate_xliff20(XLIFF20[:-10])
    assert errors and errors[0].startswith("not well-formed")


def test_schemas_are_compiled_once() -> None:
    """The compiled schemas are cached."""
    assert xliff12_schema() is xliff12_schema()
    assert xliff20_schema() is xliff20_schema()
    assert tmx_dtd() is tmx_dtd()


def test_vendored_schemas_point_only_at_each_other() -> None:
    """Every xs:import/include/redefine names a file in data/schemas; the DTD names no file."""
    xs = "{http://www.w3.org/2001/XMLSchema}"
    for path in sorted(SCHEMAS.glob("*.xsd")):
        tree = etree.parse(str(path), etree.XMLParser(no_network=True, load_dtd=False))
        for element in tree.iter(f"{xs}import", f"{xs}include", f"{xs}redefine"):
            location = element.get("schemaLocation")
            assert location and (SCHEMAS / location).is_file(), (path.name, location)
    assert not [e.name for e in tmx_dtd().iterentities() if e.system_url]


def _finishes(work: Callable[[], object], seconds: float = 10.0) -> object:
    """work() run in a daemon thread: its result, or a test failure if it hangs (on a network)."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s: a network fetch?"
    assert result, "the work raised (see the thread's traceback above)"
    return result[0]


def test_a_remote_import_is_refused_not_fetched() -> None:
    """A schema importing xml.xsd by URL fails at once, naming the URL."""
    remote = _replace(
        (SCHEMAS / "xliff_core_2.0.xsd").read_bytes(),
        'schemaLocation="xml.xsd"',
        'schemaLocation="http://www.w3.org/2001/xml.xsd"',
    )

    def compile_remote() -> str:
        with pytest.raises(SchemaFetchRefused) as refused:
            compile_schema(remote, "remote.xsd")
        return str(refused.value)

    assert "http://www.w3.org/2001/xml.xsd" in str(_finishes(compile_remote))


def test_a_document_doctype_and_entities_are_not_loaded() -> None:
    """A TMX naming a remote DTD and an external entity validates without loading either."""
    hostile = _replace(
        TMX,
        "<tmx ",
        '<!DOCTYPE tmx SYSTEM "http://192.0.2.1/tmx14.dtd" '
        '[<!ENTITY secret SYSTEM "file:///etc/hostname">]>\n<tmx ',
    )
    hostile = _replace(hostile, "<seg>Land", "<seg>&secret;Land")
    assert _finishes(lambda: validate_tmx(hostile)) == []
