"""Every kind of bad input gets path:line, a code, a non-zero exit, and no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from unccd_publish.diagnostics import Diagnostics
from unccd_publish.reading.source import read_text

from conftest import EN_MD, MiniProject, codes


def test_the_mini_project_is_clean(mini: MiniProject) -> None:
    project, diagnostics = mini.read()
    assert codes(diagnostics) == []
    assert [p.number for p in project.documents[0].versions["en"].numbered_paragraphs()] == [1, 2]


def test_malformed_yaml(mini: MiniProject) -> None:
    mini.write("doc/document.yaml", "symbol: A/1\ndistribution: [General\ndate: 2024-01-01\n")
    _, diagnostics = mini.read()
    assert ("document.yaml", 3, "yaml.syntax") in codes(diagnostics)


def test_missing_metadata_field(mini: MiniProject) -> None:
    text = (mini.doc / "document.yaml").read_text().replace("agenda_item: \"6\"\n", "")
    mini.write("doc/document.yaml", text)
    _, diagnostics = mini.read()
    assert codes(diagnostics) == [("document.yaml", 1, "meta.missing")]
    assert "agenda_item" in diagnostics.items[0].message


def test_unknown_metadata_field(mini: MiniProject) -> None:
    mini.write("doc/document.yaml", (mini.doc / "document.yaml").read_text() + "colour: blue\n")
    _, diagnostics = mini.read()
    assert codes(diagnostics) == [("document.yaml", 10, "meta.unknown")]
    assert "colour" in diagnostics.items[0].message


def test_invalid_metadata_value(mini: MiniProject) -> None:
    text = (mini.doc / "document.yaml").read_text().replace("General", "Secret")
    mini.write("doc/document.yaml", text)
    _, diagnostics = mini.read()
    assert codes(diagnostics) == [("document.yaml", 2, "meta.invalid")]


def test_unknown_session_in_bilingual_data(mini: MiniProject) -> None:
    text = (mini.doc / "document.yaml").read_text().replace("session: cop16", "session: cop99")
    mini.write("doc/document.yaml", text)
    _, diagnostics = mini.read()
    assert codes(diagnostics) == [("document.yaml", 8, "meta.invalid")]


def test_unknown_language_listed(mini: MiniProject) -> None:
    text = (mini.doc / "document.yaml").read_text().replace("[en]", "[en, xx]")
    mini.write("doc/document.yaml", text)
    mini.write("doc/xx.md", EN_MD)
    _, diagnostics = mini.read()
    assert ("document.yaml", 5, "lang.unknown") in codes(diagnostics)


def test_language_file_of_no_language(mini: MiniProject) -> None:
    mini.write("doc/fr.md", EN_MD)
    _, diagnostics = mini.read()
    assert codes(diagnostics) == [("fr.md", 1, "lang.unknown")]


def test_duplicate_label(mini: MiniProject) -> None:
    mini.write("doc/en.md", EN_MD.replace("1. First", "{#same}\n1. First").replace(
        "2. Second", "{#same}\n2. Second"))
    _, diagnostics = mini.read()
    assert codes(diagnostics) == [("en.md", 16, "label.duplicate")]


def test_unresolved_label(mini: MiniProject) -> None:
    mini.write("doc/en.md", EN_MD.replace("2. Second paragraph.",
                                          "2. See [](#firts).\n\n{#first}\n3. Third."))
    _, diagnostics = mini.read()
    assert codes(diagnostics) == [("en.md", 14, "label.unresolved")]
    assert "did you mean 'first'" in diagnostics.items[0].message


def test_footnote_called_but_not_defined(mini: MiniProject) -> None:
    mini.write("doc/en.md", EN_MD.replace("Second paragraph.", "Second paragraph.[^nowhere]"))
    _, diagnostics = mini.read()
    assert codes(diagnostics) == [("en.md", 14, "footnote.undefined")]


def test_footnote_defined_but_never_called(mini: MiniProject) -> None:
    mini.write("doc/en.md", EN_MD + "\n[^lonely]: A note nobody calls.\n")
    _, diagnostics = mini.read()
    assert codes(diagnostics) == [("en.md", 16, "footnote.unused")]


def test_typed_number_disagrees(mini: MiniProject) -> None:
    mini.write("doc/en.md", EN_MD.replace("2. Second", "3. Second").replace(
        "# Introduction", "# II. Introduction"))
    _, diagnostics = mini.read()
    assert codes(diagnostics) == [("en.md", 10, "number.mismatch"),
                                  ("en.md", 14, "number.mismatch")]
    assert all(d.severity == "warning" for d in diagnostics.items)


def test_reference_text_with_wrong_number(mini: MiniProject) -> None:
    mini.write("doc/en.md", EN_MD.replace("1. First paragraph.", "{#one}\n1. First.").replace(
        "Second paragraph.", "See [paragraph 4 above](#one)."))
    _, diagnostics = mini.read()
    assert codes(diagnostics) == [("en.md", 15, "number.mismatch")]


def test_file_that_is_not_utf8(mini: MiniProject) -> None:
    mini.write("doc/en.md", EN_MD.encode("utf-8") + "\n3. Caf\u00e9\n".encode("latin-1"))
    _, diagnostics = mini.read()
    assert codes(diagnostics) == [("en.md", 16, "source.encoding")]


def test_empty_file(mini: MiniProject) -> None:
    mini.write("doc/en.md", "\n  \n")
    _, diagnostics = mini.read()
    assert codes(diagnostics) == [("en.md", 1, "source.empty")]


def test_alias_expansion_is_bounded(mini: MiniProject) -> None:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [{', '.join(['*' + previous] * 9)}]")
    mini.write("doc/document.yaml", "\n".join(bomb) + "\n")
    _, diagnostics = mini.read()
    assert [c for _, _, c in codes(diagnostics)] == ["yaml.aliases"]


def test_yaml_tags_are_not_executed(mini: MiniProject) -> None:
    mini.write("doc/document.yaml", "symbol: !!python/object/apply:os.system ['true']\n")
    _, diagnostics = mini.read()
    assert [c for _, _, c in codes(diagnostics)] == ["yaml.syntax"]


def test_raw_html_is_text_and_the_editor_is_told(mini: MiniProject) -> None:
    mini.write("doc/en.md", EN_MD.replace("First paragraph.", "<script>alert(1)</script>"))
    project, diagnostics = mini.read()
    assert codes(diagnostics) == [("en.md", 12, "syntax.html")]
    assert diagnostics.items[0].severity == "warning"
    first = project.documents[0].versions["en"].numbered_paragraphs()[0]
    assert first.blocks[0].inlines[0].text == "<script>alert(1)</script>"


def test_all_problems_of_a_run_reported_together_without_traceback(mini: MiniProject) -> None:
    mini.write("doc/en.md", EN_MD.replace("First paragraph.", "See [](#missing).[^nope]")
               + "\n[^unused]: Never called.\n")
    mini.write("other/document.yaml", "symbol: [unclosed\n")
    mini.write("other/en.md", EN_MD)
    result = mini.run("build", "html")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert lines == [
        "content/doc/en.md:12: error: footnote '[^nope]' is called but never defined; "
        "add a line '[^nope]: …' [footnote.undefined]",
        "content/doc/en.md:12: error: reference to unknown label 'missing' [label.unresolved]",
        "content/doc/en.md:16: error: footnote '[^unused]' is defined but never called; "
        "call it in the text or remove it [footnote.unused]",
        "content/other/document.yaml:2: error: malformed YAML: while parsing a flow sequence "
        "expected ',' or ']', but got '<stream end>' [yaml.syntax]",
    ]
    assert not (mini.root / "build" / "html" / "doc" / "en.html").exists()


def test_configuration_problems_are_warnings_with_their_line(mini: MiniProject) -> None:
    mini.write("config.yaml", "title: Documents\ncolour: blue\nsuppress: ref.direction\n")
    project, diagnostics = mini.read()
    assert codes(diagnostics) == [("config.yaml", 2, "config.unknown"),
                                  ("config.yaml", 3, "config.invalid")]
    assert all(d.severity == "warning" for d in diagnostics.items)
    assert project.config.title == "Documents" and project.config.suppress == []


@pytest.mark.parametrize("char", "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
def test_every_reordering_character_is_reported_at_its_line(tmp_path: Path, char: str) -> None:
    source = tmp_path / "en.md"
    source.write_text("First line.\nSecond " + char + "line.\n", encoding="utf-8")
    diagnostics = Diagnostics()
    assert read_text(source, diagnostics) is not None  # a warning: the text is still read
    assert [(d.location.line, d.code) for d in diagnostics.items] == [(2, "source.bidi")]
    assert f"U+{ord(char):04X}" in diagnostics.items[0].message
