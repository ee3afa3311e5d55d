"""The command line: help on every subcommand, new, clean, serve."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import EN_MD, MiniProject, run_cli


@pytest.mark.parametrize("command", ["build", "check", "serve", "new", "clean"])
def test_every_subcommand_has_help(command: str, tmp_path: Path) -> None:
    result = run_cli(command, "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: unccd-publish {command}")


def test_new_scaffolds_a_document_that_builds_cleanly(mini: MiniProject) -> None:
    result = mini.run("new", "cop17-budget", "--session", "cop17", "--agenda-item", "7",
                      "--title-en", "Programme and budget", "--title-zh", "方案和预算")
    assert result.returncode == 0, result.stderr
    folder = mini.content / "cop17-budget"
    assert sorted(p.name for p in folder.iterdir()) == ["document.yaml", "en.md", "zh.md"]
    build = mini.run("build", "html", "cop17-budget")
    assert build.returncode == 0, build.stderr
    assert "warning" not in build.stderr and "error" not in build.stderr
    zh = (mini.root / "build" / "html" / "cop17-budget" / "zh.html").read_text()
    assert "方案和预算" in zh and "第十七届会议" in zh


def test_new_refuses_to_overwrite(mini: MiniProject) -> None:
    result = mini.run("new", "doc", "--session", "cop17", "--agenda-item", "7")
    assert result.returncode == 1
    assert "exists already" in result.stderr and "Traceback" not in result.stderr


def test_build_selects_documents_by_symbol_or_folder(mini: MiniProject) -> None:
    mini.write("other/document.yaml", (mini.doc / "document.yaml").read_text().replace(
        "CST/99", "CST/98"))
    mini.write("other/en.md", EN_MD)
    by_symbol = mini.run("build", "html", "ICCD/COP(16)/CST/98")
    assert by_symbol.returncode == 0, by_symbol.stderr
    assert (mini.root / "build" / "html" / "other" / "en.html").exists()
    assert not (mini.root / "build" / "html" / "doc" / "en.html").exists()
    unknown = mini.run("build", "html", "nothing-like-it")
    assert unknown.returncode == 1 and "[cli.select]" in unknown.stderr


def test_warnings_fail_the_build_with_W(mini: MiniProject) -> None:
    mini.write("doc/en.md", EN_MD.replace("2. Second", "5. Second"))
    assert mini.run("build", "html").returncode == 0
    result = mini.run("build", "html", "-W")
    assert result.returncode == 1
    assert "[number.mismatch]" in result.stderr


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize("jobs", ["0", "two", "-1"])
def test_a_bad_job_count_is_a_usage_error(mini: MiniProject, command: str, jobs: str) -> None:
    result = mini.run(command, f"--jobs={jobs}")
    assert result.returncode == 2
    assert f"error: -j takes a number or 'auto', not '{jobs}' [cli.jobs]" in result.stderr
    assert "Traceback" not in result.stderr


def test_clean_removes_the_output(mini: MiniProject) -> None:
    assert mini.run("build", "html").returncode == 0
    assert (mini.root / "build").exists()
    assert mini.run("clean").returncode == 0
    assert not (mini.root / "build").exists()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 20.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def test_serve_rebuilds_on_change_and_shows_errors(mini: MiniProject) -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "unccd_publish", "serve", "--port",
                               str(port)], cwd=mini.root, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: "A test note" in get(f"{base}/doc/en.html"))
        page = get(f"{base}/doc/en.html")
        assert "/__status" in page  # the reload script is served with the page
        build = json.loads(get(f"{base}/__status"))["build"]

        mini.write("doc/en.md", EN_MD.replace("A test note", "A changed note"))
        assert wait_for(lambda: json.loads(get(f"{base}/__status"))["build"] > build)
        assert "A changed note" in get(f"{base}/doc/en.html")

        mini.write("doc/en.md", EN_MD.replace("First paragraph.", "See [](#nowhere)."))
        assert wait_for(lambda: not json.loads(get(f"{base}/__status"))["ok"])
        status = json.loads(get(f"{base}/__status"))
        assert status["problems"] == [
            "content/doc/en.md:12: error: reference to unknown label 'nowhere' "
            "[label.unresolved]"]
        # the server keeps running and keeps the last good page
        assert "A changed note" in get(f"{base}/doc/en.html")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_process_exits_with_the_status_of_the_command(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """…its objects frozen first, which the collector would walk at exit for nothing."""
    import gc

    from unccd_publish import cli

    frozen: list[bool] = []
    monkeypatch.setattr(cli, "main", lambda: cli.EXIT_PROBLEMS)
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    with pytest.raises(SystemExit) as exit_:
        cli.run()
    assert exit_.value.code == cli.EXIT_PROBLEMS
    assert frozen == [True]
