"""``unccd-publish serve``: a local preview that rebuilds on change and reloads the page.

The server listens on 127.0.0.1 only. It serves ``build/html``; into every HTML page it
serves it adds a small script that asks ``/__status`` once a second and reloads the page
when a new build has finished, or shows the build's errors (``path:line``) over the page.
A failed build keeps the last good pages and the server keeps running.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

RELOAD_SCRIPT = """
<script>
(function () {
  var seen = null;
  function show(errors) {
    var box = document.getElementById("__build_errors");
    if (!errors.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "__build_errors";
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:45%;overflow:auto;" +
        "margin:0;padding:1em;background:#fff0f0;color:#900;border-top:3px solid #c00;" +
        "font:12px monospace;white-space:pre-wrap;z-index:9999";
      document.body.appendChild(box);
    }
    box.textContent = errors.join("\\n");
  }
  function poll() {
    fetch("/__status", {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen !== null && s.build !== seen && s.ok) { location.reload(); return; }
        seen = s.build; show(s.problems);
      }).catch(function () {}).finally(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>
"""


@dataclass
class Status:
    """The result of the latest build, shared between the watcher and the server."""

    build: int = 0
    ok: bool = True
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def update(self, ok: bool, problems: list[str]) -> None:
        with self.lock:
            self.build += 1
            self.ok = ok
            self.problems = problems

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"build": self.build, "ok": self.ok,
                               "problems": self.problems}).encode()


class _Handler(SimpleHTTPRequestHandler):
    status: Status

    def __init__(self, *args, status: Status, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.status = status
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        return

    def do_GET(self) -> None:
        if self.path.split("?")[0] == "/__status":
            body = self.status.as_json()
            self._send(body, "application/json")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            html = path.read_text(encoding="utf-8")
            html = html.replace("</body>", RELOAD_SCRIPT + "</body>", 1)
            self._send(html.encode("utf-8"), "text/html; charset=utf-8")
            return
        super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def make_server(root: Path, status: Status, port: int = 8000) -> ThreadingHTTPServer:
    handler = partial(_Handler, directory=str(root), status=status)
    return ThreadingHTTPServer(("127.0.0.1", port), handler)


def watch_and_rebuild(paths: list[Path], rebuild: Callable[[], tuple[bool, list[str]]],
                      status: Status, stop: threading.Event) -> None:
    """Rebuild whenever a file under ``paths`` changes, until ``stop`` is set."""
    for _changes in watch(*paths, stop_event=stop, debounce=200, step=50):
        ok, problems = rebuild()
        status.update(ok, problems)
