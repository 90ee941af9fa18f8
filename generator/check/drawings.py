"""Drawn shapes (DrawingML and VML) that can serve as ruled lines, and text boxes."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from generator.ooxml.names import EMU_PER_PT, length_pt, local, number, q, w
from generator.ooxml.walk import choice

LINE_SHAPE_MAX_HEIGHT = 3.0  # a drawn shape no taller than this is a line, pt
LINE_GEOMETRIES = {"line", "straightConnector1"}


def _visible(el: etree._Element) -> Iterator[etree._Element]:
    """Descendants Word shows: only the chosen branch of each mc:AlternateContent."""
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if local(child) == "AlternateContent":
            yield from _visible(choice(child))
            continue
        yield child
        yield from _visible(child)


def shapes(el: etree._Element, shapes: list[float], boxes: list[etree._Element]) -> None:
    """Record line-like drawn shapes and text boxes inside a run's drawing or VML picture."""
    frames = (q("wp", "anchor"), q("wp", "inline"))
    for node in _visible(el):
        tag = node.tag
        if tag in frames:
            _frame(node, shapes)
        elif tag == q("v", "line"):
            start = [length_pt(p) or 0.0 for p in (node.get("from") or "0,0").split(",")]
            end = [length_pt(p) or 0.0 for p in (node.get("to") or "0,0").split(",")]
            shapes.append(abs(end[0] - start[0]))
        elif tag in (q("v", "shape"), q("v", "rect")):
            _vml_shape(node, shapes)
        elif tag == w("txbxContent"):
            boxes.append(node)


def _frame(frame: etree._Element, shapes: list[float]) -> None:
    extent = frame.find(q("wp", "extent"))
    cx = number(extent.get("cx")) / EMU_PER_PT if extent is not None else 0.0
    cy = number(extent.get("cy")) / EMU_PER_PT if extent is not None else 0.0
    geoms = {g.get("prst") for g in frame.iter(q("a", "prstGeom"))}
    if geoms & LINE_GEOMETRIES or (cx > 0 and cy <= LINE_SHAPE_MAX_HEIGHT and cx > 10 * cy):
        shapes.append(cx)


def _vml_shape(shape: etree._Element, shapes: list[float]) -> None:
    style = dict(
        item.split(":", 1) for item in (shape.get("style") or "").split(";") if ":" in item
    )
    width = length_pt(style.get("width", "").strip())
    height = length_pt(style.get("height", "").strip()) or 0.0
    kind = (shape.get("type") or "") + (shape.get(q("o", "spt")) or "")
    # Shape types 20 and 32 are VML's line and straight connector.
    if width and (height <= LINE_SHAPE_MAX_HEIGHT or "t32" in kind or "t20" in kind):
        shapes.append(width)
