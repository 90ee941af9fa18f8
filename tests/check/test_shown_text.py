"""What the checker quotes is the text as written, not the form it compares in."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import check_docx
from generator.content.load import load_content
from generator.produce import make


@pytest.mark.parametrize("written", ["ĐOÀN MẠNH TRƯỜNG", "NGUYỄN THỊ THỦY", "HOÀNG  VĂN   HUY"])
def test_a_faulty_name_is_quoted_as_printed(kit, written):
    good = kit.build()
    kit.set_text(good.para("signature_name"), written)
    report = good.check()
    (finding,) = [f for f in report.findings if f.rule == "nd30.signature.name.case"]
    # Blanks are shown as one space; the letters and their tone marks exactly as written.
    assert finding.excerpt == " ".join(written.split())
    assert finding.excerpt in report.format_text()


def test_a_name_printed_on_two_lines_is_quoted_on_one():
    example = Path(__file__).parents[2] / "content/examples/ke-hoach-huyen-uy-dinh-hoa-2024.yaml"
    product = make(load_content(example))
    # The Party's parent body printed at its own size, checked as a state document: the
    # size faults quote the parent's name, which the layout broke over two lines.
    report = check_docx(product.docx, regime="nha_nuoc")
    (finding,) = [f for f in report.findings if f.rule == "nd30.parent.size"]
    assert finding.excerpt == "ĐẢNG BỘ TỈNH THÁI NGUYÊN"
    assert "«ĐẢNG BỘ TỈNH THÁI NGUYÊN»" in report.format_text()
