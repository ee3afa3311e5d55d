"""Word (.docx) import: ``unccd-publish import docx FILE --folder NAME`` writes a document
folder (``document.yaml`` and the language's Markdown) from a Word file in the UN layout.

The file is checked (:mod:`.container`), every body paragraph is marked so that the three
readers can be lined up (:mod:`.marking`, python-docx), pandoc reads the text
(:mod:`.pandoc`, its JSON AST), docx2python gives the numbers Word shows (:mod:`.numbers`),
page 1 becomes the metadata (:mod:`.pageone`) and the rest the body (:mod:`.structure`,
:mod:`.markdown`). See docs/word.md, "From Word".
"""
