"""The page-1 footer's pictures: the job number's Code 39 barcode and the document's QR code,
both as vector SVG to be set inline in the page."""

from __future__ import annotations

import io
import re

from markupsafe import Markup

PROLOGUE = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", re.S)
BACKGROUND = re.compile(r'<rect width="100%" height="100%"[^>]*/>')


def barcode_svg(digits: str, title: str) -> Markup:
    """Code 39 of ``digits`` between its start and stop characters, without a check character
    (UN job numbers carry none), 8 mm high."""
    import barcode
    from barcode.writer import SVGWriter

    code = barcode.get("code39", digits, writer=SVGWriter(), options={"add_checksum": False})
    buffer = io.BytesIO()
    code.write(buffer, options={"module_width": 0.25, "module_height": 8, "quiet_zone": 0,
                                "write_text": False, "margin_top": 0, "margin_bottom": 0})
    svg = BACKGROUND.sub("", PROLOGUE.sub("", buffer.getvalue().decode()))
    svg = re.sub(r'\s+id="[^"]*"', "", re.sub(r">\s+<", "><", svg)).strip()
    return _titled(svg, title, "barcode")


def qr_svg(url: str, title: str) -> Markup:
    """A QR code of ``url``, medium error correction, drawn one unit a module."""
    import segno

    svg = segno.make(url, error="m").svg_inline(scale=1, border=0, omitsize=True)
    return _titled(svg, title, "qr-code")


def _titled(svg: str, title: str, css_class: str) -> Markup:
    """``svg`` with a class, ``role="img"`` and a title: its text alternative in the HTML
    and in the tagged PDF."""
    head, _, rest = svg.partition(">")
    head = re.sub(r'\s(class|role|aria-label)="[^"]*"', "", head)
    return Markup('%s class="%s" role="img" aria-label="%s"><title>%s</title>%s') % (
        Markup(head), css_class, title, title, Markup(rest))

