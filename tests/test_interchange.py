"""The translators' round trip: export XLIFF 1.2, XLIFF 2.0 and PO, import them back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from schemas import validate_xliff12, validate_xliff20
from unccd_publish.cli import main

from conftest import CONTENT, REPO

DOCUMENTS = ("cop17-strategic-framework", "iccd-cop16-cst-10")
EXPORTS = {  # the command's arguments → the folder and suffix of the files
    ("xliff",): ("xliff", ".xlf"),
    ("xliff", "--xliff", "2.0"): ("xliff2", ".xlf"),
    ("po",): ("po", ".po"),
}
NS12 = "{urn:oasis:names:tc:xliff:document:1.2}"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    (tmp_path / "templates").symlink_to(REPO / "templates")
    return tmp_path


def cli(root: Path, *args: str) -> int:
    return main(["--content", str(root / "content"), "--out", str(root / "build"), *args])


def exported(root: Path, args: tuple[str, ...], document: str) -> Path:
    folder, suffix = EXPORTS[args]
    return root / "build" / folder / f"{document}_zh{suffix}"


@pytest.mark.parametrize("args", list(EXPORTS))
def test_export_then_import_gives_back_every_byte(root: Path, args: tuple[str, ...],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(root, "export", *args, "-q") == 0
    for document in DOCUMENTS:
        path = exported(root, args, document)
        data = path.read_bytes()
        if args[0] == "xliff":
            validate = validate_xliff20 if "2.0" in args else validate_xliff12
            assert validate(data) == []
        assert cli(root, "import", args[0], str(path)) == 0, capsys.readouterr().err
        assert ((root / "content" / document / "zh.md").read_bytes()
                == (CONTENT / document / "zh.md").read_bytes())


@pytest.mark.parametrize("args", list(EXPORTS))
def test_a_new_translation_is_made_from_the_export(root: Path, args: tuple[str, ...],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Exported with no translation (no targets), every target filled with the Chinese
    version's texts, imported: the new zh.md builds the same pages, and checks clean."""
    assert cli(root, "export", *args, "-q") == 0  # with targets: what the filled file holds
    filled = {d: exported(root, args, d).read_bytes() for d in DOCUMENTS}
    assert cli(root, "build", "html", "-q") == 0
    pages = {d: (root / "build/html" / d / "zh.html").read_bytes() for d in DOCUMENTS}
    pdf = args == ("xliff",)  # and the PDF of one document, once
    if pdf:
        assert cli(root, "build", "pdf", DOCUMENTS[0], "-q") == 0
        issued = {p.name: p.read_bytes() for p in (root / "build/pdf").glob("*_C.pdf")}
    for document in DOCUMENTS:
        (root / "content" / document / "zh.md").unlink()
    assert cli(root, "export", *args, "-q") == 0
    for document in DOCUMENTS:
        empty = exported(root, args, document).read_bytes()
        if args[0] == "po":
            assert b'msgstr "\\u' not in empty and empty.count(b'msgstr ""') > 100
        else:
            assert b"<target" not in empty
        exported(root, args, document).write_bytes(filled[document])
        assert cli(root, "import", args[0], str(exported(root, args, document))) == 0, (
            capsys.readouterr().err)
    assert cli(root, "build", "html", "-q") == 0
    for document in DOCUMENTS:
        assert (root / "build/html" / document / "zh.html").read_bytes() == pages[document]
    if pdf:
        shutil.rmtree(root / "build/pdf")
        assert cli(root, "build", "pdf", DOCUMENTS[0], "-q") == 0
        assert {p.name: p.read_bytes() for p in (root / "build/pdf").glob("*_C.pdf")} == issued


def spoil(root: Path, document: str, edit: str) -> tuple[Path, bytes]:
    """An XLIFF 1.2 export of ``document`` spoiled by ``edit``; the zh.md it would change."""
    assert cli(root, "export", "xliff", "-q") == 0
    path = exported(root, ("xliff",), document)
    tree = etree.parse(str(path))
    units = {u.get("id"): u for u in tree.iter(f"{NS12}trans-unit")}
    if edit == "lost-code":  # the footnote call taken out of a translation
        unit = next(u for u in units.values()
                    if u.find(f"{NS12}target/{NS12}x[@ctype='x-footnote']") is not None)
        call = unit.find(f"{NS12}target/{NS12}x[@ctype='x-footnote']")
        call.getparent().remove(call)
        unit.find(f"{NS12}target").text = "译文已改。"
    elif edit == "unknown-id":
        units["title"].set("id", "no-such-unit")
        units["title"].find(f"{NS12}target").text = "新标题"
    elif edit == "foreign-code":  # a code the source has not, with nothing to say what it is
        target = units["title"].find(f"{NS12}target")
        etree.SubElement(target, f"{NS12}g", id="99", ctype="x-unknown").text = "标题"
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    zh = root / "content" / document / "zh.md"
    return path, zh.read_bytes()


@pytest.mark.parametrize(("edit", "code"), [("lost-code", "xliff.code"),
                                            ("unknown-id", "xliff.unknown-id"),
                                            ("foreign-code", "xliff.code")])
def test_a_spoiled_file_is_reported_and_changes_nothing(
        root: Path, edit: str, code: str, capsys: pytest.CaptureFixture[str]) -> None:
    path, before = spoil(root, "cop17-strategic-framework", edit)
    capsys.readouterr()
    assert cli(root, "import", "xliff", str(path)) == 1
    err = capsys.readouterr().err
    assert "error: " in err and f"[{code}]" in err
    assert f"{path.name}:" in err  # with the file's line
    assert (root / "content/cop17-strategic-framework/zh.md").read_bytes() == before


def test_a_truncated_file_is_reported_and_changes_nothing(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, before = spoil(root, "iccd-cop16-cst-10", "")
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    assert cli(root, "import", "xliff", str(path)) == 1
    assert "[xliff.malformed]" in capsys.readouterr().err
    assert (root / "content/iccd-cop16-cst-10/zh.md").read_bytes() == before


def test_a_unit_of_a_changed_original_is_not_applied(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = root / "content/cop17-strategic-framework"
    assert cli(root, "export", "xliff", "-q") == 0
    path = exported(root, ("xliff",), "cop17-strategic-framework")
    tree = etree.parse(str(path))
    for unit in tree.iter(f"{NS12}trans-unit"):
        target = unit.find(f"{NS12}target")
        if unit.get("id") in ("title", "para-2:paragraph1"):
            target.text = "已改：" + (target.text or "")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    en = (document / "en.md").read_text(encoding="utf-8")
    (document / "en.md").write_text(en.replace("2. In the same decision,",
                                               "2. In that same decision,"), encoding="utf-8")
    capsys.readouterr()
    cli(root, "import", "xliff", str(path))
    err = capsys.readouterr().err
    assert "[xliff.stale]" in err and "para-2:paragraph1" in err
    zh = (document / "zh.md").read_text(encoding="utf-8")
    assert "title: \"已改：" in zh  # the unit whose source is unchanged is applied
    assert "2. 已改：" not in zh


def _code_ids(rich: list[object]) -> list[str]:
    """The ids of the inline codes in translate-toolkit's rich text, in order."""
    found: list[str] = []

    def walk(node: object) -> None:
        for sub in getattr(node, "sub", []):
            if isinstance(sub, str):
                continue
            if getattr(sub, "id", None) is not None:
                found.append(str(sub.id))
            walk(sub)
    for elem in rich:
        walk(elem)
    return found


def test_a_cat_tool_reads_every_unit_with_its_codes(root: Path) -> None:
    """translate-toolkit stands in for a CAT tool: it reads every unit of every export, and
    the inline codes of XLIFF where the sources have them."""
    from translate.storage import po, xliff, xliff2

    from unccd_publish.diagnostics import Diagnostics
    from unccd_publish.interchange.segments import code_map, segments
    from unccd_publish.reading import read_project

    project = read_project(root / "content", Diagnostics())
    for args in EXPORTS:
        assert cli(root, "export", *args, "-q") == 0
    for docset in project.documents:
        expected = segments(docset.versions["en"])
        name = docset.meta.slug
        store12 = xliff.xlifffile.parsefile(str(exported(root, ("xliff",), name)))
        store20 = xliff2.Xliff2File.parsefile(str(exported(root, ("xliff", "--xliff", "2.0"),
                                                           name)))
        store_po = po.pofile.parsefile(str(exported(root, ("po",), name)))
        for store in (store12, store20, store_po):
            assert len([u for u in store.units if not u.isheader()]) == len(expected)
        units12 = [u for u in store12.units if not u.isheader()]
        units20 = [u for u in store20.units if not u.isheader()]
        with_codes = 0
        for segment, unit12, unit20 in zip(expected, units12, units20, strict=True):
            assert unit20.getid() == segment.id
            ids = list(code_map(segment.pieces))
            with_codes += bool(ids)
            assert _code_ids(unit12.rich_source) == ids, segment.id
            assert _code_ids(unit20.rich_source) == ids, segment.id
            assert unit12.target  # the Chinese version's text, for a CAT tool to show
        assert with_codes >= 5


def test_tmx_has_a_unit_per_corresponding_block(root: Path) -> None:
    from schemas import validate_tmx
    from unccd_publish.diagnostics import Diagnostics
    from unccd_publish.interchange.segments import segments
    from unccd_publish.reading import read_project

    assert cli(root, "export", "tmx", "-q") == 0
    project = read_project(root / "content", Diagnostics())
    for docset in project.documents:
        data = (root / "build/tmx" / f"{docset.meta.slug}.tmx").read_bytes()
        assert validate_tmx(data) == []
        units = etree.fromstring(data).findall("body/tu")
        assert len(units) == len(segments(docset.versions["en"]))  # the versions correspond
        assert all(len(u.findall("tuv/seg")) == 2 for u in units)

    # a translation that lost paragraph 3: nothing is paired from where the two part
    zh = root / "content/cop17-strategic-framework/zh.md"
    text = zh.read_text(encoding="utf-8")
    start = text.index("\n3. ")
    zh.write_text(text[:start] + text[text.index("\n4. ", start):].replace("\n4. ", "\n3. ", 1),
                  encoding="utf-8")
    assert cli(root, "export", "tmx", "-q") == 0
    tree = etree.parse(str(root / "build/tmx/cop17-strategic-framework.tmx"))
    ids = {u.get("tuid").split(":", 1)[1] for u in tree.iter("tu")}
    assert "para-3:paragraph1" not in ids and "para-14:paragraph1" not in ids
    assert any(i.startswith("annex-1") for i in ids)  # where they correspond again


def test_a_unit_a_cat_tool_edited_is_written_back_and_nothing_else(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """translate-toolkit, standing in for a CAT tool, edits one target and saves the file."""
    from translate.storage import xliff

    assert cli(root, "export", "xliff", "-q") == 0
    path = exported(root, ("xliff",), "cop17-strategic-framework")
    store = xliff.xlifffile.parsefile(str(path))
    unit = next(u for u in store.units if u.getid().endswith("para-5:paragraph1"))
    unit.target = "（已修订）" + unit.target
    store.savefile(str(path))
    zh = root / "content/cop17-strategic-framework/zh.md"
    before = zh.read_text(encoding="utf-8").split("\n")
    assert cli(root, "import", "xliff", str(path)) == 0, capsys.readouterr().err
    after = zh.read_text(encoding="utf-8").split("\n")
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][1] == changed[0][0].replace("5. ", "5. （已修订）", 1)


def test_target_chooses_the_translation_language(root: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from unccd_publish.build import BuildOptions, run_build

    assert cli(root, "export", "po", "--target", "zh", "-q") == 0
    assert sorted(p.name for p in (root / "build/po").iterdir()) == [
        f"{d}_zh.po" for d in DOCUMENTS]
    capsys.readouterr()
    assert cli(root, "export", "po", "--target", "fr") == 2
    assert "[cli.target]" in capsys.readouterr().err
    # a language the documents are not translated into: nothing of theirs is written
    report = run_build(BuildOptions(root / "content", root / "other", formats=("xliff",),
                                    pdf=False, jobs=1, translations=("xx",)))
    assert report.written == [] and not report.diagnostics.errors


@pytest.mark.parametrize("args", [("xliff",), ("po",)])
def test_real_un_sentences_go_through_the_round_trip(tmp_path: Path, args: tuple[str, ...],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """1,000 sentence pairs of the UN Parallel Corpus (tests/data/unpc), as documents: every
    export imports back to the same bytes, and a translation made anew from the export
    builds the same pages: nobody here wrote these texts, their quotes, brackets,
    asterisks and symbols."""
    from parallel import read_pairs, write_corpus

    root = tmp_path
    content = write_corpus(read_pairs("devset")[:1000], root / "content", CONTENT).content
    shutil.copy(CONTENT / "config.yaml", content / "config.yaml")
    (root / "templates").symlink_to(REPO / "templates")
    folders = sorted(p.parent.name for p in content.glob("*/document.yaml"))
    originals = {f: (content / f / "zh.md").read_bytes() for f in folders}
    assert cli(root, "export", *args, "-q") == 0
    folder_name, suffix = EXPORTS[args]
    files = sorted((root / "build" / folder_name).glob(f"*{suffix}"))
    assert len(files) == len(folders) >= 10
    # (the check that follows an import may have findings: exit status 1)
    assert cli(root, "import", args[0], *map(str, files)) in (0, 1)
    assert {f: (content / f / "zh.md").read_bytes() for f in folders} == originals
    assert cli(root, "build", "html", "-q") in (0, 1)
    pages = {f: (root / "build/html" / f / "zh.html").read_bytes() for f in folders}
    for folder in folders:
        (content / folder / "zh.md").unlink()
    capsys.readouterr()
    assert cli(root, "import", args[0], *map(str, files)) in (0, 1)
    assert ": error:" not in capsys.readouterr().err  # no problem of the import itself
    assert cli(root, "build", "html", "-q") in (0, 1)
    assert {f: (root / "build/html" / f / "zh.html").read_bytes() for f in folders} == pages
