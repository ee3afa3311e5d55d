"""The command line takes options and positional words in any order, on every command."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from unccd_publish import cli

from conftest import CONTENT, REPO

# Each case: the same arguments in several orders, and what they must parse to.
ORDERS: dict[str, tuple[list[list[str]], dict[str, object]]] = {
    "build -E": (
        [["build", "html", "-E", "DOC"], ["build", "-E", "html", "DOC"],
         ["build", "html", "DOC", "-E"], ["build", "html", "--fresh", "DOC"]],
        {"command": "build", "documents": ["html", "DOC"], "fresh": True, "jobs": "auto"},
    ),
    "build -j": (
        [["build", "html", "-j", "1", "DOC"], ["build", "-j", "1", "html", "DOC"],
         ["build", "html", "DOC", "-j", "1"], ["build", "html", "DOC", "--jobs=1"]],
        {"command": "build", "documents": ["html", "DOC"], "jobs": "1", "fresh": False},
    ),
    "build many": (
        [["build", "-j", "1", "pdf", "DOC", "-W"], ["build", "pdf", "-W", "DOC", "-j", "1"],
         ["build", "-W", "-j", "1", "pdf", "DOC"], ["build", "pdf", "-j", "1", "-W", "DOC"]],
        {"command": "build", "documents": ["pdf", "DOC"], "jobs": "1",
         "warnings_as_errors": True},
    ),
    "build all": (
        [["build", "--no-keep-going", "all", "-q", "A", "--shard", "1/2", "B"],
         ["build", "all", "A", "B", "--no-keep-going", "-q", "--shard", "1/2"],
         ["build", "--shard", "1/2", "-q", "--no-keep-going", "all", "A", "B"]],
        {"command": "build", "documents": ["all", "A", "B"], "keep_going": False,
         "quiet": True, "shard": "1/2"},
    ),
    "check -j": (
        [["check", "-j", "1", "DOC"], ["check", "DOC", "-j", "1"], ["check", "--jobs", "1", "DOC"]],
        {"command": "check", "documents": ["DOC"], "jobs": "1", "format": "text"},
    ),
    "check many": (
        [["check", "DOC", "--format", "json", "-E"], ["check", "--format", "json", "DOC", "-E"],
         ["check", "-E", "--format", "json", "DOC"], ["check", "-E", "DOC", "--format=json"]],
        {"command": "check", "documents": ["DOC"], "format": "json", "fresh": True},
    ),
    "check two": (
        [["check", "A", "-v", "B", "-W"], ["check", "-W", "A", "B", "-v"],
         ["check", "A", "B", "-W", "-v"]],
        {"command": "check", "documents": ["A", "B"], "verbose": True,
         "warnings_as_errors": True},
    ),
    "export": (
        [["export", "xliff", "--xliff", "2.0", "DOC"], ["export", "--xliff", "2.0", "xliff", "DOC"],
         ["export", "xliff", "DOC", "--xliff", "2.0"], ["export", "-j", "1", "xliff", "DOC",
                                                      "--xliff=2.0", "-j", "auto"]],
        {"command": "export", "kind": "xliff", "documents": ["DOC"], "xliff": "2.0"},
    ),
    "export po": (
        [["export", "po", "A", "-E", "B"], ["export", "-E", "po", "A", "B"],
         ["export", "po", "A", "B", "--fresh"]],
        {"command": "export", "kind": "po", "documents": ["A", "B"], "fresh": True},
    ),
    "import": (
        [["import", "xliff", "F.xlf", "-W", "G.xlf"], ["import", "-W", "xliff", "F.xlf", "G.xlf"],
         ["import", "xliff", "F.xlf", "G.xlf", "-W"]],
        {"command": "import", "kind": "xliff", "files": [Path("F.xlf"), Path("G.xlf")],
         "warnings_as_errors": True},
    ),
    "serve": (
        [["serve", "--port", "8001"], ["serve", "--port=8001"]],
        {"command": "serve", "port": 8001},
    ),
    "new": (
        [["new", "FOLDER", "--session", "cop17", "--agenda-item", "2"],
         ["new", "--session", "cop17", "FOLDER", "--agenda-item", "2"],
         ["new", "--session", "cop17", "--agenda-item", "2", "FOLDER"]],
        {"command": "new", "folder": "FOLDER", "session": "cop17", "agenda_item": "2"},
    ),
    "clean": (
        [["--out", "OUT", "clean"], ["clean", "--out", "OUT"]],
        {"command": "clean", "out": Path("OUT"), "cache": None},
    ),
    "folders": (
        [["--content", "C", "--out", "O", "--cache", "K", "build", "html", "DOC"],
         ["build", "--content", "C", "html", "--out", "O", "DOC", "--cache", "K"],
         ["--out", "O", "build", "html", "DOC", "--cache", "K", "--content", "C"],
         ["--out", "ignored", "build", "--out", "O", "html", "DOC", "--content", "C",
          "--cache", "K"]],
        {"command": "build", "documents": ["html", "DOC"], "content": Path("C"),
         "out": Path("O"), "cache": Path("K")},
    ),
}


def parse(argv: list[str]) -> argparse.Namespace:
    return cli.build_parser().parse_args(argv)


def commands() -> dict[str, argparse.ArgumentParser]:
    """Every command's parser, by name."""
    parser = cli.build_parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


@pytest.mark.parametrize("case", ORDERS)
def test_every_order_parses_the_same(case: str) -> None:
    orders, expected = ORDERS[case]
    parsed = [parse(argv) for argv in orders]
    assert all(vars(p) == vars(parsed[0]) for p in parsed), [vars(p) for p in parsed]
    for name, value in expected.items():
        assert getattr(parsed[0], name) == value, name


def test_the_folders_default_when_given_nowhere_and_keep_what_was_said_before() -> None:
    plain = parse(["build", "html"])
    assert (plain.content, plain.out, plain.cache) == (Path("content"), Path("build"), None)
    before = parse(["--content", "C", "check", "-E"])
    assert (before.content, before.out, before.cache) == (Path("C"), Path("build"), None)


def test_every_command_parses_in_any_order_and_takes_the_folders() -> None:
    assert set(commands()) == {"build", "check", "export", "import", "serve", "new", "clean"}
    for name, parser in commands().items():
        assert isinstance(parser, cli.CommandParser), name
        assert "--content" not in parser.format_help(), name
    assert parse(["serve", "--out", "O"]).out == Path("O")
    assert parse(["new", "F", "--cache", "K", "--session", "s", "--agenda-item", "1"]).cache \
        == Path("K")


@pytest.mark.parametrize("argv", [["build", "html", "DOC"], ["check", "DOC"], ["serve"],
                                  ["new", "FOLDER"], ["clean"]])
def test_help_anywhere_prints_the_command_help(argv: list[str],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    helps = []
    for at in (1, len(argv)):
        with pytest.raises(SystemExit) as exit_:
            parse([*argv[:at], "--help", *argv[at:]])
        assert exit_.value.code == 0
        helps.append(capsys.readouterr().out)
    assert helps[0] == helps[1] == commands()[argv[0]].format_help()
    assert helps[0].startswith(f"usage: unccd-publish {argv[0]} [-h]")


@pytest.mark.parametrize(("argv", "message"), [
    (["build", "html", "-E", "DOC", "-j"], "argument -j/--jobs: expected one argument"),
    (["build", "html", "-q", "DOC", "-v"], "argument -v/--verbose: not allowed with argument"),
    (["check", "DOC", "--format", "xml", "-E"], "argument --format: invalid choice: 'xml'"),
    (["new", "FOLDER", "--agenda-item", "2"], "the following arguments are required: --session"),
    (["new", "--session", "s", "--agenda-item", "2"],
     "the following arguments are required: folder"),
    (["serve", "--port", "x"], "argument --port: invalid int value: 'x'"),
    (["build", "html", "--out"], "argument --out: expected one argument"),
])
def test_errors_print_the_command_usage_and_exit_2(argv: list[str], message: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == cli.EXIT_USAGE
    err = capsys.readouterr().err
    usage = commands()[argv[0]].format_usage()
    assert err.startswith(usage) and f"unccd-publish {argv[0]}: error: {message}" in err, err


def test_build_html_E_builds_one_document_of_the_content(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    (tmp_path / "templates").symlink_to(REPO / "templates")
    monkeypatch.chdir(tmp_path)
    html = tmp_path / "build" / "html"
    assert cli.main(["build", "html", "-E", "iccd-cop16-cst-10", "-j", "1", "-q"]) == cli.EXIT_OK
    assert (html / "iccd-cop16-cst-10" / "en.html").is_file()
    assert (html / "iccd-cop16-cst-10" / "zh.html").is_file()
    assert not (html / "cop17-strategic-framework").exists()
    capsys.readouterr()
    assert cli.main(["build", "-E", "html", "iccd-cop16-cst-10", "-j", "1"]) == cli.EXIT_OK
    assert capsys.readouterr().err.startswith("wrote 2 HTML page(s)")
