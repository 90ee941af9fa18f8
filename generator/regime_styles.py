"""A regime's sizes put into a template's styles when a document is made.

The templates carry the state's sizes (Nghị định 30). A regime profile whose `sizes:`
differ (templates/regimes/dang.regime.yaml: the type line at 15, the issuer at 14)
gets them printed here: the rendered package's styles part is the template's, with
the size of each style below set to the first size of the regime's range. So one set
of templates serves every regime, a maintainer changes a size in the profile (no
Python, no rebuilt template), and a state document is the template's, byte for byte.

`STYLES` is the one place that says which styles a size of a profile sets; the
checker checks the parts those styles print (rules with `regime_size:` in
check/rules.yaml) against the same profile.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from lxml import etree

from generator.regimes import Regime

STYLES: dict[str, tuple[str, ...]] = {
    "top_right": ("VB Tiêu đề",),
    "issuer": ("VB Cơ quan chủ quản", "VB Cơ quan ban hành"),
    "number": ("VB Số, ký hiệu",),
    "title": ("VB Tên loại",),
    "subject": ("VB Trích yếu",),
    "cv_subject": ("VB Trích yếu công văn",),
    # The body's text and what stands in it at its size: bases, headings, item titles,
    # member lines, `Kính gửi` (reference-kinds-regimes.md §1.2: labels and titles 14–15).
    "body": (
        "VB Nội dung",
        "VB Căn cứ",
        "VB Đề mục La Mã",
        "VB Khoản có tiêu đề",
        "VB Đơn vị thành viên",
        "VB Kính gửi",
    ),
}
"""For each size of a regime profile (`Sizes` in generator/regimes.py), the styles (by
their names in the templates) printed at it."""

DATE_STYLE = "VB Địa danh, ngày tháng"
"""The date line's style, printed smaller when the line would not fit at the template's
size (`nd30.date_size`)."""

CV_STYLE = "VB Trích yếu công văn"
"""The style of a công văn's summary, italic where the regime says so (`cv_subject:`)."""

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def changes(regime: Regime, date_size: float | None = None) -> tuple:
    """What a regime (and a document's date line, `date_size`) changes in the styles,
    hashable (empty: nothing, the state's)."""
    sizes = [(STYLES[k], regime.size(k, 0)) for k in sorted(regime.sizes) if k in STYLES]
    if date_size is not None:
        sizes.append(((DATE_STYLE,), date_size))
    return (tuple(sizes), regime.vv_italic)


def for_render(
    regime: Regime, date_size: float | None = None
) -> tuple[Hashable, Callable[[bytes], bytes]] | None:
    """What `render_docx` takes to print a regime's styles and a date line's size
    (`nd30.date_size`); None for the template's own."""
    key = changes(regime, date_size)
    if not key[0] and not key[1]:
        return None
    return key, lambda xml: restyle(xml, regime, date_size)


def restyle(styles_xml: bytes, regime: Regime, date_size: float | None = None) -> bytes:
    """The styles part with the regime's sizes (and the công văn summary's italic), and the
    date line's size when given."""
    sizes, italic = changes(regime, date_size)
    root = etree.fromstring(styles_xml)
    by_name = {
        style.find(_w("name")).get(_w("val")): style
        for style in root.iter(_w("style"))
        if style.find(_w("name")) is not None
    }
    for names, size in sizes:
        half_points = str(round(size * 2))
        for name in names:
            style = by_name.get(name)
            if style is None:
                continue  # a template without the part (a maintainer's own)
            rpr = _rpr(style)
            for tag in ("sz", "szCs"):
                element = rpr.find(_w(tag))
                if element is None:
                    element = _insert(rpr, tag)
                element.set(_w("val"), half_points)
    style = by_name.get(CV_STYLE)
    if italic and style is not None:
        rpr = _rpr(style)
        for tag in ("i", "iCs"):
            element = rpr.find(_w(tag))
            if element is None:
                _insert(rpr, tag)
            else:
                element.attrib.pop(_w("val"), None)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# CT_RPr's order (ECMA-376 17.3.2.28), so that Word reads the properties it is given.
_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()


def _insert(rpr: etree._Element, tag: str) -> etree._Element:
    element = etree.Element(_w(tag))
    rank = _RPR_ORDER.index(tag)
    for i, child in enumerate(rpr):
        name = etree.QName(child).localname
        if name in _RPR_ORDER and _RPR_ORDER.index(name) > rank:
            rpr.insert(i, element)
            return element
    rpr.append(element)
    return element


def _rpr(style: etree._Element) -> etree._Element:
    rpr = style.find(_w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(style, _w("rPr"))
    return rpr
