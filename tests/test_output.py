"""Atomic writes: a file written in pieces is the same as one written whole, and a writer
that fails half-way leaves the earlier file as it was, with nothing beside it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from unccd_publish.output import write_atomic


def test_pieces_make_the_same_file(tmp_path: Path) -> None:
    write_atomic(tmp_path / "whole.html", "<p>维持土地</p>\n" * 3)
    write_atomic(tmp_path / "pieces.html", iter(["<p>维持土地</p>\n"] * 3))
    assert (tmp_path / "pieces.html").read_bytes() == (tmp_path / "whole.html").read_bytes()


def test_a_stream_that_fails_half_way_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    target.write_text("the good page of the last build", encoding="utf-8")

    def pieces() -> Iterator[str]:
        yield "<html>" * 10_000
        raise RuntimeError("the template failed")

    with pytest.raises(RuntimeError):
        write_atomic(target, pieces())
    assert target.read_text(encoding="utf-8") == "the good page of the last build"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


def test_a_written_file_has_the_permissions_of_any_new_file(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "page.html", "<p>x</p>")
        write_atomic(tmp_path / "page.html", b"<p>y</p>", sync=False)  # over an earlier one
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "page.html").stat().st_mode) == 0o644
    assert (tmp_path / "page.html").read_bytes() == b"<p>y</p>"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
