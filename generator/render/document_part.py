"""The document part around a rendered body: its head and tail kept once, the body's repeated
sections folded, as python-docx would save it."""

from __future__ import annotations

import copy
import re

from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import qn
from lxml import etree

from generator.render.well_formed import W


def fold_last_section(tree: etree._Element) -> None:
    """A template ends each repeated section (an annex) with a paragraph that holds only the
    section's properties; after the last one the body's own properties would make an empty
    trailing section (a blank page). The last such paragraph's properties become the body's."""
    body = tree if tree.tag == W + "body" else tree.find(W + "body")
    if body is None or len(body) < 2 or body[-1].tag != W + "sectPr":
        return
    last = body[-2]
    inner = last.find(f"{W}pPr/{W}sectPr")
    if last.tag != W + "p" or inner is None or last.find(f".//{W}r") is not None:
        return
    body.replace(body[-1], inner)
    body.remove(last)


_BODY_START = re.compile(rb"(<w:body)((?:\s+xmlns(?::[\w.-]+)?=\"[^\"]*\")*)")
_DECLARATION = re.compile(rb"\s+xmlns(?::[\w.-]+)?=\"[^\"]*\"")


def _around_body(root: etree._Element) -> tuple[bytes, bytes, set[bytes]]:
    """The document part before and after its body, and the namespace declarations in scope there."""
    skeleton = copy.deepcopy(root)
    body = skeleton.find(qn("w:body"))
    marker = etree.SubElement(skeleton, qn("w:body"))
    skeleton.replace(body, marker)
    xml = serialize_part_xml(skeleton)
    head, found, tail = xml.partition(b"<w:body/>")
    if not found or b"<w:body/>" in tail:
        raise ValueError("document part without exactly one w:body")
    declared = {
        b' xmlns%s="%s"' % ((b":" + p.encode()) if p else b"", uri.encode())
        for p, uri in root.nsmap.items()
    }
    return head, tail, declared


class DocumentFrame:
    """The document part of a template but for its body, ready to take any rendered body."""

    def __init__(self, root: etree._Element):
        self.head, self.tail, self.declared = _around_body(root)

    def wrap(self, xml: bytes) -> bytes:
        """The document part around a rendered body, as python-docx would save it.

        docxtpl puts the body into the document tree (`map_tree`) and serializes
        the whole tree; there lxml drops the body's namespace declarations that
        the document element already makes. Dropping them from the body alone
        and putting it between the part's head and tail gives the same XML at a
        fraction of the cost.
        """
        start = _BODY_START.match(xml)
        if start is not None and start.group(2):
            kept = [d for d in _DECLARATION.findall(start.group(2)) if d not in self.declared]
            xml = start.group(1) + b"".join(kept) + xml[start.end(2) :]
        return self.head + xml + self.tail
