"""Reading facts back out of built HTML pages (ids, links, classes, text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


@dataclass
class PageFacts:
    path: Path
    elements: list[Element] = field(default_factory=list)
    text: str = ""

    @property
    def ids(self) -> set[str]:
        return {e.attrs["id"] for e in self.elements if "id" in e.attrs}

    def by_class(self, name: str) -> list[Element]:
        return [e for e in self.elements if name in e.classes]

    def links(self) -> list[str]:
        return [e.attrs["href"] for e in self.elements if e.tag == "a" and "href" in e.attrs]

    def first(self, tag: str) -> Element:
        return next(e for e in self.elements if e.tag == tag)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in ("br", "hr", "img", "meta", "link", "input"):
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for element in self.open:
            element.text += data


def read_page(path: Path) -> PageFacts:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return PageFacts(path, parser.elements, "".join(parser.text))
