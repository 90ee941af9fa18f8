"""The one reading of DOCX packages that the checker and the template linter share.

    package = open_docx("mau.docx")          # NotDocx when it cannot be read
    for part in package.parts():             # body, headers, footers
        for placed in paragraphs(part.root, part.kind, part.name):
            placed.element, placed.location  # a `w:p` and where it is

`names` holds namespaces and units, `rels` the relationships between parts,
`package` opens a file safely, `walk` gives paragraphs with their `Location`.
Nothing here knows about format rules or Jinja tags: `generator.check` and
`generator.templating` build on it, never the other way.
"""

from __future__ import annotations

from generator.ooxml.package import NotDocx, Package, PartXml, open_docx
from generator.ooxml.walk import Location, Placed, paragraphs

__all__ = ["Location", "NotDocx", "Package", "PartXml", "Placed", "open_docx", "paragraphs"]
