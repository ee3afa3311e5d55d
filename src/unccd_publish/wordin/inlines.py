"""pandoc's inlines as the source format's Markdown: emphasis, links to https addresses,
footnote calls (their notes gathered for the end of the file); what the format has no mark
for is kept as its text, with a warning."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from unccd_publish.interchange.segments import escape
from unccd_publish.wordin.pandoc import Inline, Other, flatten, stringify

URL = re.compile(r"https://[^\s<>\"]+?(?=[.,;:!?)\]]*(?:\s|$))")
FORMATS = {"Underline": "underlining", "Strikeout": "strikethrough",
           "SmallCaps": "small capitals", "Superscript": "superscript",
           "Subscript": "subscript"}
Warn = Callable[[str], None]


@dataclass
class Notes:
    """The footnotes of the document, labelled fn1, fn2 … in the order of their calls."""

    definitions: list[tuple[str, list[str]]] = field(default_factory=list)

    def add(self, paragraphs: list[str]) -> str:
        label = f"fn{len(self.definitions) + 1}"
        self.definitions.append((label, paragraphs))
        return label


@dataclass
class InlineWriter:
    """Writes the inlines of one paragraph; ``warn`` reports at that paragraph."""

    notes: Notes
    warn: Warn

    def markdown(self, inlines: list[Inline]) -> str:
        return "".join(self._one(inline) for inline in inlines)

    def _one(self, inline: Inline) -> str:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            return _linked(content)
        if kind == "Space":
            return " "
        if kind == "SoftBreak":
            return "\n"
        if kind == "LineBreak":
            return "\\\n"
        if kind in ("Emph", "Strong"):
            return _marked("*" if kind == "Emph" else "**", self.markdown(content))
        if kind == "Note":
            return f"[^{self.notes.add(self._note(content))}]"
        if kind == "Link":
            return self._link(content)
        if kind == "Superscript" and self._repeated_call(content):
            return f"[^fn{stringify(content).strip()}]"
        if kind in FORMATS:
            self.warn(f"{FORMATS[kind]} is not kept ({_short(stringify(content))})")
            return self.markdown(content)
        if kind == "Quoted":
            marks = ("“", "”") if content[0]["t"] == "DoubleQuote" else ("‘", "’")
            return marks[0] + self.markdown(content[1]) + marks[1]
        if kind in ("Span", "Cite"):
            return self.markdown(content[1])
        if kind == "Code":
            return f"`{content[1]}`"
        if kind == "Image":
            return self.markdown(content[1])
        if kind in ("Math", "RawInline"):
            return escape(content[1])
        self.warn(f"pandoc's {kind} is kept as its text")
        return escape(stringify([inline]))

    def _note(self, blocks: list[dict]) -> list[str]:
        paragraphs = []
        for block in blocks:
            if block["t"] in ("Para", "Plain"):
                text = self.markdown(block["c"]).strip()
                if text:
                    paragraphs.append(text)
                continue
            self.warn(f"a footnote holds a {block['t']}, kept as text")
            paragraphs += [escape(item.text) for item in flatten([block])
                           if isinstance(item, Other) and item.text.strip()]
        return paragraphs

    def _link(self, content: list) -> str:
        words = self.markdown(content[1])
        url = content[2][0]
        if url.startswith("https://"):
            return f"[{words}]({url})"
        if url.startswith("#"):
            self.warn(f"a link within the document ({_short(stringify(content[1]))}) is kept "
                      "as its words; write [](#label) to make it a reference")
        else:
            self.warn(f"a link to {url} is kept as its words: the format links to https:// "
                      "addresses only")
        return words

    def _repeated_call(self, content: list[Inline]) -> bool:
        """A footnote's number raised a second time: Word writes a second call so."""
        text = stringify(content).strip()
        return text.isdigit() and 0 < int(text) <= len(self.notes.definitions)


def _marked(mark: str, inner: str) -> str:
    """Emphasis around ``inner``, its spaces outside the marks (else they would not close)."""
    core = inner.strip()
    if not core:
        return inner
    start = inner[:len(inner) - len(inner.lstrip())]
    end = inner[len(inner.rstrip()):]
    return f"{start}{mark}{core}{mark}{end}"


def _linked(text: str) -> str:
    """A word of text, an https address in it as a link to itself."""
    found = URL.search(text)
    if found is None:
        return escape(text)
    url = found[0]
    return (escape(text[:found.start()]) + f"[{escape(url)}]({url})"
            + escape(text[found.end():]))


def _short(words: str, limit: int = 40) -> str:
    words = " ".join(words.split())
    return f"“{words if len(words) <= limit else words[:limit - 1] + '…'}”"
