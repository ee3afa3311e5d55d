"""unccd-publish: bilingual UNCCD documents in the official UN layout, as HTML and PDF."""

__version__ = "0.1.0"
