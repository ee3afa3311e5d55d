"""Word (.docx) export for conference services: each document and language in the UN
Geneva Word layout, with UNOG paragraph styles, paragraph numbers typed as text and a tab,
real Word footnotes, and the page-1 masthead and footer (see docs/word.md)."""
