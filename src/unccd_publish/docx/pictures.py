"""The page-1 footer's pictures as PNG, which Word shows everywhere: the job number's Code 39
barcode and the QR code of the document's address (the same codes as the HTML's SVG)."""

from __future__ import annotations

import io


def barcode_png(digits: str) -> bytes:
    """Code 39 of ``digits`` without a check character, as the HTML draws it."""
    import barcode
    from barcode.writer import ImageWriter

    code = barcode.get("code39", digits, writer=ImageWriter(), options={"add_checksum": False})
    buffer = io.BytesIO()
    code.write(buffer, options={"module_width": 0.25, "module_height": 8, "quiet_zone": 0,
                                "write_text": False, "margin_top": 0, "margin_bottom": 0,
                                "dpi": 300, "format": "PNG"})
    return buffer.getvalue()


def qr_png(url: str) -> bytes:
    """A QR code of ``url``, medium error correction."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=0)
    return buffer.getvalue()
