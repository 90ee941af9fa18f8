"""What the checker quotes is the text as written, not the form it compares in."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("written", ["ĐOÀN MẠNH TRƯỜNG", "NGUYỄN THỊ THỦY", "HOÀNG  VĂN   HUY"])
def test_a_faulty_name_is_quoted_as_printed(kit, written):
    good = kit.build()
    kit.set_text(good.para("signature_name"), written)
    report = good.check()
    (finding,) = [f for f in report.findings if f.rule == "nd30.signature.name.case"]
    # Blanks are shown as one space; the letters and their tone marks exactly as written.
    assert finding.excerpt == " ".join(written.split())
    assert finding.excerpt in report.format_text()
