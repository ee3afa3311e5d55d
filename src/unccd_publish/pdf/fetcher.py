"""A URL fetcher for WeasyPrint that serves files of the project and nothing else."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint.urls import URLFetcher


class ProjectFetcher(URLFetcher):
    """Serves ``file:`` URLs under the given folders; refuses the network and every other path.

    The folders are the project (templates, emblem) and the output folder (the HTML pages
    and the stylesheets copied beside them).
    """

    def __init__(self, *roots: Path) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.roots = tuple(root.resolve() for root in roots)
        self.refused: list[str] = []

    def allows(self, url: str) -> bool:
        parsed = urlparse(url)
        if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parsed.path)).resolve()
        return any(path.is_relative_to(root) for root in self.roots) and path.is_file()

    def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]
        if not self.allows(url):
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url}: only files of the project are used")
        return super().fetch(url, headers)
