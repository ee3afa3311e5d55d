"""Bad input, as an editor or an attacker writes it, applied to a copy of content/ after a
good build: every case is answered with ``path:line: error|warning: … [code]`` at the
defect, exit 1 on errors, no traceback, the other document still built, and the broken
document's previous HTML and PDF kept byte for byte."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import CONTENT, REPO

BROKEN = "iccd-cop16-cst-10"  # the document each case spoils
OTHER = "cop17-strategic-framework"  # the document no case touches


@dataclass(frozen=True)
class Case:
    id: str
    file: str  # relative to content/
    change: Callable[[bytes], bytes]
    code: str
    marker: str | None = None  # the defect's line: where this text is after the change
    line: int | None = None  # … or this line
    severity: str = "error"
    spoils_all: bool = False  # a shared file: no document can be built


def replace(old: str, new: str) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        text = data.decode("utf-8")
        assert old in text, old
        return text.replace(old, new, 1).encode("utf-8")
    return change


def append(extra: str) -> Callable[[bytes], bytes]:
    return lambda data: data + extra.encode("utf-8")


def write(text: str | bytes) -> Callable[[bytes], bytes]:
    return lambda _: text if isinstance(text, bytes) else text.encode("utf-8")


def insert_bytes(after: str, extra: bytes) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        at = data.index(after.encode("utf-8")) + len(after.encode("utf-8"))
        return data[:at] + extra + data[at:]
    return change


EN, ZH, META = f"{BROKEN}/en.md", f"{BROKEN}/zh.md", f"{BROKEN}/document.yaml"
PARA = "2. *Encourages* Parties to integrate"
ZH_PARA = "2. 鼓励缔约方将可持续土地利用制度的集体规划"

CASES = [
    # -- document.yaml: syntax, keys, types at any depth, impossible values
    Case("meta-syntax", META, replace("distribution: General", "distribution: [General"),
         "yaml.syntax", marker="date:"),
    Case("meta-missing-key", META, replace('agenda_item: "6"\n', ""), "meta.missing", line=1),
    Case("meta-unknown-key", META, append("colour: blue\n"), "meta.unknown", marker="colour"),
    Case("meta-wrong-type", META, replace("distribution: General", "distribution: [General]"),
         "meta.invalid", marker="distribution"),
    Case("meta-impossible-date", META, replace("date: 2024-09-20", "date: 2024-02-30"),
         "yaml.date", marker="date:"),
    Case("meta-date-month-13", META, replace("date: 2024-09-20", "date: 2024-13-01"),
         "yaml.date", marker="date:"),
    Case("meta-date-as-number", META, replace("date: 2024-09-20", "date: 20240920"),
         "meta.invalid", marker="date:"),
    Case("meta-languages-not-a-list", META, replace("languages: [en, zh]", "languages: en"),
         "meta.invalid", marker="languages"),
    Case("meta-deep-wrong-type", META, append("job_numbers:\n  en: [1, 2]\n"), "meta.invalid",
         marker="  en:"),
    Case("meta-job-number-form", META, replace("number: GE.24-17046", "number: GE-24-17046"),
         "meta.invalid", marker="  en:"),
    Case("meta-job-number-letter", META, replace("number: GE.24-17046", "number: GE.24-17046 (C)"),
         "meta.job", marker="  en:"),
    Case("meta-unknown-session", META, replace("session: cop16", "session: cop99"),
         "meta.invalid", marker="session:"),
    Case("meta-unknown-body", META, replace("body: cop", "body: xyz"), "meta.invalid",
         marker="body:"),
    Case("meta-original-not-listed", META, replace("original: en", "original: fr"),
         "meta.invalid", marker="original:"),
    Case("meta-infinite-number", META, replace('agenda_item: "6"', "agenda_item: .inf"),
         "meta.invalid", marker="agenda_item"),
    Case("meta-bad-int-tag", META, replace('agenda_item: "6"', "agenda_item: !!int six"),
         "yaml.value", marker="agenda_item"),
    Case("meta-python-tag", META, replace("symbol: ICCD/COP(16)/CST/10",
                                          "symbol: !!python/object/apply:os.system ['true']"),
         "yaml.syntax", marker="symbol"),
    Case("meta-alias-bomb", META, write("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + chr(ord(c) - 1)] * 9)}]\n" for c in "bcdefghij")),
        "yaml.aliases", line=1),
    Case("meta-deep-nesting", META, write("a: " + "[" * 3000 + "]" * 3000 + "\n"),
         "yaml.depth", line=1),
    Case("meta-empty", META, write(""), "source.empty", line=1),
    # -- front matter of a language file
    Case("front-syntax", EN, replace("title: Draft decisions", "title: [Draft decisions"),
         "yaml.syntax", marker="agenda_title"),
    Case("front-missing-title", EN, replace("title: Draft decisions for consideration by the "
                                            "Committee on Science and Technology at its "
                                            "sixteenth session\n", ""),
         "meta.missing", line=1),
    Case("front-unknown-key", EN, replace("---\n\n", "colour: blue\n---\n\n"), "meta.unknown",
         marker="colour"),
    Case("front-wrong-type", EN, replace("title: Draft decisions", "title:\n  - a: 1\n"
                                         "    b: Draft decisions"),
         "meta.invalid", marker="title:"),
    Case("front-impossible-date", EN, replace("---\n\n", "subtitle: 2024-02-30\n---\n\n"),
         "yaml.date", marker="subtitle"),
    Case("front-none", EN, lambda d: d[d.index(b"\n---\n", 4) + 5:], "meta.missing", line=1),
    # -- the shared YAML files
    Case("bodies-syntax", "bodies.yaml", replace("bodies:", "bodies: ["), "yaml.syntax",
         line=None, marker="bodies:", spoils_all=True),
    Case("bodies-impossible-date", "bodies.yaml", replace("start: 2024-12-03",
                                                           "start: 2024-12-33"),
         "yaml.date", marker="2024-12-33", spoils_all=True),
    Case("bodies-wrong-type", "bodies.yaml", replace("number: 16", "number: sixteen"),
         "meta.invalid", marker="number: sixteen", spoils_all=True),
    Case("config-unknown-key", "config.yaml", append("colour: blue\n"), "config.unknown",
         marker="colour", severity="warning"),
    Case("config-wrong-type", "config.yaml", append("limits: {pages: many}\n"),
         "config.invalid", marker="limits", severity="warning"),
    Case("config-impossible-date", "config.yaml", append("title: 2024-02-30\n"), "yaml.date",
         marker="title: 2024-02-30", severity="error"),
    # -- encodings and characters
    Case("nul", EN, insert_bytes(PARA, b"\x00"), "source.control", marker=PARA),
    Case("escape-code", EN, insert_bytes(PARA, b"\x1b[31m"), "source.control", marker=PARA),
    Case("invalid-utf8", EN, insert_bytes(PARA, b"\xff\xfe"), "source.encoding", marker=PARA),
    Case("utf16", EN, lambda d: d.decode("utf-8").encode("utf-16"), "source.encoding", line=1),
    Case("bidi-override", EN, insert_bytes(PARA, "\u202e".encode()), "source.bidi",
         marker=PARA, severity="warning"),
    Case("empty", EN, write(""), "source.empty", line=1),
    Case("whitespace-only", EN, write(" \n\t\n  \n"), "source.empty", line=1),
    Case("huge", EN, append("\n" + ("A long paragraph of nothing in particular. " * 60 + "\n\n")
                            * 1000), "limit.size", line=1),
    Case("deep-list", EN, append("\n" + "- " * 3000 + "item\n"), "limit.nesting",
         marker="- - - - "),
    Case("deep-quote", EN, append("\n" + ">" * 3000 + " quoted\n"), "limit.nesting",
         marker=">>>>>"),
    Case("deep-emphasis", EN, append("\n" + "*" * 3000 + "x" + "*" * 3000 + "\n"),
         "limit.nesting", marker="******"),
    Case("deep-emphasis-spaced", EN, append("\n" + "*a " * 800 + "x" + " a*" * 800 + "\n"),
         "limit.nesting", marker="*a *a"),
    # -- containers
    Case("container-unclosed", EN, replace("\n:::\n\n::::: decision", "\n\n::::: decision"),
         "syntax.decision", line=10),  # the decision is then inside the summary
    Case("container-unclosed-at-end", EN, append("\n::: table A table left open\n- - a\n"),
         "syntax.container", marker="::: table A table left open"),
    Case("container-mismatched", EN, replace("Decision 18/COP.13.\n\n:::::\n",
                                             "Decision 18/COP.13.\n\n:::\n"),
         "syntax.container", marker="Decision 18/COP.13.\n\n:::\n"),
    Case("container-unknown", EN, replace("::: summary", "::: synopsis"), "syntax.container",
         marker="::: synopsis"),
    Case("container-misplaced", EN, append("\n::: summary\nA second summary.\n:::\n"),
         "syntax.summary", marker="A second summary"),
    Case("decision-in-a-note", f"{OTHER}/en.md",
         append("\n::::: decision A decision\n1. *Decides* nothing;\n:::::\n"),
         "syntax.decision", marker="::::: decision A decision"),
    # -- footnotes
    Case("footnote-missing", EN, replace(PARA, PARA + "[^nowhere]"), "footnote.undefined",
         marker="[^nowhere]"),
    Case("footnote-unused", EN, append("\n[^lonely]: Nobody calls this note.\n"),
         "footnote.unused", marker="[^lonely]"),
    Case("footnote-duplicated", EN, append("\n[^ldn-framework]: A second note of the label.\n"),
         "footnote.duplicate", marker="A second note"),
    Case("footnote-self", EN, lambda d: replace(PARA, PARA + "[^loop]")(d)
         + b"\n[^loop]: See [^loop].\n", "footnote.self", marker="[^loop]: See"),
    # -- labels
    Case("label-dangling", EN, replace(PARA, PARA + " (see [](#nowhere))"), "label.unresolved",
         marker="#nowhere"),
    Case("label-duplicated", EN, replace("2. *Requests* the Executive Secretary:",
                                         "{#d5-intersessional-agenda}\n2. *Requests* the "
                                         "Executive Secretary:"),
         "label.duplicate", marker="{#d5-intersessional-agenda}\n2. *Requests*"),
    Case("label-other-document-missing", EN, replace(PARA, PARA + f" ([]({OTHER}#nowhere))"),
         "label.unresolved", marker="#nowhere"),
    # -- numbering
    Case("typed-number-wrong", EN, replace(PARA, PARA.replace("2.", "5.")), "number.mismatch",
         marker=PARA[3:], severity="warning"),
    Case("subparagraph-order", EN, replace("   (b) Practising", "   (c) Practising"),
         "number.mismatch", marker="(c) Practising", severity="warning"),
    Case("heading-jump", f"{OTHER}/en.md", replace("\n# Introduction\n",
                                                   "\n# Introduction\n\n### A sub-section\n"),
         "syntax.heading", marker="### A sub-section"),
    Case("text-after-the-annex", f"{OTHER}/en.md", append("\n16. A paragraph after the annex.\n"),
         "syntax.annex", marker="16. A paragraph after"),
    # -- what an attacker writes
    Case("xss-title", EN, replace("title: Draft decisions", "title: <script>alert(1)</script> "
                                  "Draft decisions"), "syntax.html", marker="title:",
         severity="warning"),
    Case("xss-paragraph", EN, replace(PARA, PARA + " <img src=x onerror=alert(1)>"),
         "syntax.html", marker="onerror", severity="warning"),
    Case("xss-attribute", EN, replace(PARA, '{onclick="alert(1)"}\n' + PARA), "attr.unknown",
         marker="onclick", severity="warning"),
    Case("javascript-link", EN, replace(PARA, PARA + " [x](javascript:alert(1))"),
         "link.unsafe", marker="javascript:", severity="warning"),
    Case("data-link", EN, replace(PARA, PARA + " [x](data:text/html,<script>alert(1)</script>)"),
         "link.unsafe", marker="data:", severity="warning"),
    Case("file-link", EN, replace(PARA, PARA + " [x](file:///etc/passwd)"), "link.unsafe",
         marker="file:", severity="warning"),
    Case("relative-link", EN, replace(PARA, PARA + " [x](../../secret.txt)"),
         "link.unsupported", marker="secret.txt"),
    Case("file-image", EN, replace(PARA, PARA + " ![x](file:///etc/passwd)"),
         "link.unsafe", marker="file:", severity="warning"),
    Case("parent-image", EN, replace(PARA, PARA + " ![x](../../../etc/passwd)"),
         "syntax.unsupported", marker="etc/passwd"),
    Case("http-image", EN, replace(PARA, PARA + " ![x](http://example.com/x.png)"),
         "syntax.unsupported", marker="example.com"),
    Case("zh-nul", ZH, insert_bytes(ZH_PARA, b"\x00"), "source.control", marker=ZH_PARA),
]


def _digests(build: Path, folder: str, symbol_file: str) -> dict[str, str]:
    found = {}
    for path in [*(build / "html" / folder).glob("*.html"),
                 *(build / "pdf").glob(f"{symbol_file}_*.pdf")]:
        found[str(path.relative_to(build))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """content/ and its HTML and PDF, built once: each case spoils a copy."""
    root = tmp_path_factory.mktemp("good")
    shutil.copytree(CONTENT, root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    done = _run(root, "build", "all", "-j", "1")
    assert done.returncode == 0, done.stderr
    return root


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "unccd_publish", *args], cwd=root,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(REPO / "src")})


def _copy(built: Path, target: Path) -> Path:
    shutil.copytree(built, target, symlinks=True)
    return target


DIAGNOSTIC = re.compile(r"^(?P<path>\S+):(?P<line>\d+): (?P<severity>error|warning): "
                        r".+ \[(?P<code>[a-z]+\.[a-z0-9-]+)\]$")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_answered(built: Path, tmp_path: Path, case: Case) -> None:
    root = _copy(built, tmp_path / "project")
    build = root / "build"
    before = _digests(build, BROKEN, "ICCD_COP(16)_CST_10")
    other_before = _digests(build, OTHER, "unassigned")
    path = root / "content" / case.file
    path.write_bytes(case.change(path.read_bytes()))
    done = _run(root, "build", "all", "-j", "1")
    assert "Traceback" not in done.stderr, done.stderr
    found = [m.groupdict() for m in map(DIAGNOSTIC.match, done.stderr.splitlines()) if m]
    hits = [d for d in found if d["code"] == case.code]
    assert hits, f"no [{case.code}] in:\n{done.stderr}"
    expected = _line(path, case)
    assert any(d["path"] == f"content/{case.file}" and abs(int(d["line"]) - expected) <= 2
               and d["severity"] == case.severity for d in hits), (expected, done.stderr)
    if case.severity == "error":
        assert done.returncode == 1, done.stderr
        if case.file.startswith(BROKEN):
            assert _digests(build, BROKEN, "ICCD_COP(16)_CST_10") == before  # kept as it was
    else:
        assert done.returncode == 0, done.stderr
    if not case.spoils_all and not case.file.startswith(OTHER):
        after = _digests(build, OTHER, "unassigned")
        assert after.keys() == other_before.keys()  # the other document is still built


def _line(path: Path, case: Case) -> int:
    if case.line is not None:
        return case.line
    assert case.marker is not None
    data = path.read_bytes().decode("utf-8", "replace")
    before = data[:data.index(case.marker)]
    return before.count("\n") + 1


# -- the file system


def test_a_symlink_out_of_content_is_not_followed(built: Path, tmp_path: Path) -> None:
    root = _copy(built, tmp_path / "project")
    secret = tmp_path / "secret.md"
    secret.write_text((root / "content" / BROKEN / "en.md").read_text("utf-8"), "utf-8")
    (root / "content" / BROKEN / "en.md").unlink()
    (root / "content" / BROKEN / "en.md").symlink_to(secret)
    done = _run(root, "build", "html")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert re.search(rf"content/{BROKEN}/en\.md:1: error: .* \[source\.outside\]", done.stderr)


def test_two_documents_with_one_symbol(built: Path, tmp_path: Path) -> None:
    root = _copy(built, tmp_path / "project")
    shutil.copytree(root / "content" / BROKEN, root / "content" / "a-copy")
    done = _run(root, "build", "html")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert re.search(r"content/a-copy/document\.yaml:1: error: .* \[meta\.duplicate\]",
                     done.stderr), done.stderr


@pytest.mark.parametrize("name", ["a folder with spaces", "a..b", "-dash", "中文"])
def test_folder_names_that_are_no_slug(built: Path, tmp_path: Path, name: str) -> None:
    root = _copy(built, tmp_path / "project")
    shutil.copytree(root / "content" / OTHER, root / "content" / name)
    done = _run(root, "build", "html")
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert re.search(rf"content/{re.escape(name)}/document\.yaml:1: error: .* "
                     r"\[meta\.folder\]", done.stderr), done.stderr


def test_an_output_that_cannot_be_written(built: Path, tmp_path: Path) -> None:
    """The page's folder is a file (as a read-only folder would refuse it, even to root)."""
    root = _copy(built, tmp_path / "project")
    (root / "content" / BROKEN / "en.md").write_text(
        (root / "content" / BROKEN / "en.md").read_text("utf-8") + "\nMore.\n", "utf-8")
    shutil.rmtree(root / "build" / "html" / BROKEN)
    (root / "build" / "html" / BROKEN).write_text("in the way", "utf-8")
    done = _run(root, "build", "html")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "[output.io]" in done.stderr
    assert (root / "build" / "html" / OTHER / "en.html").exists()


def test_an_output_folder_that_is_a_file(built: Path, tmp_path: Path) -> None:
    root = _copy(built, tmp_path / "project")
    (root / "out").write_text("not a folder", "utf-8")
    done = _run(root, "--out", "out", "build", "html")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "[output.io]" in done.stderr
    assert (root / "out").read_text("utf-8") == "not a folder"


def test_a_missing_templates_folder(built: Path, tmp_path: Path) -> None:
    root = _copy(built, tmp_path / "project")
    shutil.rmtree(root / "templates")
    for command in (("build", "html"), ("check",)):
        done = _run(root, *command)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert "templates:1: error: no templates here" in done.stderr
        assert "[cli.templates]" in done.stderr


def test_a_template_missing_from_the_templates_folder(built: Path, tmp_path: Path) -> None:
    root = _copy(built, tmp_path / "project")
    (root / "templates" / "static" / "check.css").unlink()
    done = _run(root, "check")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "templates/ has no static/check.css" in done.stderr


def test_documents_that_cite_each_other_build(built: Path, tmp_path: Path) -> None:
    """A cycle of references across documents is no problem: each page links to the other."""
    root = _copy(built, tmp_path / "project")
    for folder, other, label in ((BROKEN, OTHER, "para-request-consultations"),
                                 (OTHER, BROKEN, "d5-intersessional-agenda")):
        for lang in ("en", "zh"):
            path = root / "content" / folder / f"{lang}.md"
            path.write_text(path.read_text("utf-8").replace(
                "::: summary\n", f"::: summary\nSee []({other}#{label}).\n\n", 1), "utf-8")
    done = _run(root, "build", "html")
    assert done.returncode == 0, done.stderr
    assert f'href="../{OTHER}/en.html#' in (root / "build" / "html" / BROKEN / "en.html"
                                             ).read_text("utf-8")
    assert f'href="../{BROKEN}/en.html#' in (root / "build" / "html" / OTHER / "en.html"
                                              ).read_text("utf-8")


@pytest.mark.parametrize(("text", "code", "line"), [
    ("terms:\n  - en: [Strategic Framework\n", "yaml.syntax", 3),
    ("terms:\n  - en: Strategic Framework\n    zh: 战略框架\n    colour: blue\n",
     "glossary.invalid", 2),
    ("terms: 2024-02-30\n", "yaml.date", 1),
    (b"terms:\n  - en: \xff\n", "source.encoding", 2),
])
def test_a_broken_glossary_is_answered_by_the_check(built: Path, tmp_path: Path,
                                                    text: str | bytes, code: str,
                                                    line: int) -> None:
    root = _copy(built, tmp_path / "project")
    path = root / "content" / "glossary.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    done = _run(root, "check")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    found = [m.groupdict() for m in map(DIAGNOSTIC.match, done.stderr.splitlines()) if m]
    assert any(d["code"] == code and d["path"] == "content/glossary.yaml"
               and abs(int(d["line"]) - line) <= 2 for d in found), done.stderr
