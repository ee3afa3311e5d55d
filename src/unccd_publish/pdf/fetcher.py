"""A URL fetcher for WeasyPrint that serves files of the project and nothing else."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint.urls import URLFetcher


class ProjectFetcher(URLFetcher):
    """Serves ``file:`` URLs under ``root``; refuses the network and every other path."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.root = root.resolve()
        self.refused: list[str] = []

    def allows(self, url: str) -> bool:
        parsed = urlparse(url)
        if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parsed.path)).resolve()
        return path.is_relative_to(self.root) and path.is_file()

    def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]
        if not self.allows(url):
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url}: only files of the project are used")
        return super().fetch(url, headers)
