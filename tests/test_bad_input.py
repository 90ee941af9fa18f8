"""Every bad-input case of the content spec: exit code, a located message, nothing written."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

GOOD = """\
kind: phat_dong
issuers:
  - parent: Bộ Công Thương
    name: Cục Công Thương địa phương
    abbr: CTĐP
number: 31
place: Hà Nội
date: 2024-01-12
subject: Năm 2024
contents:
  - Nội dung thứ nhất.
signatories:
  - authority: KT. Cục trưởng
    title: Phó Cục trưởng
    name: Đương Quốc Trịnh
recipients:
  - Công đoàn Bộ (để b/c)
  - Các đơn vị thuộc Cục
archive: [VP]
"""

COVENANT = """\
kind: giao_uoc
issuers:
  - name: Khối thi đua số V
    abbr: KTĐV
place: Hà Nội
date: 2024-01-26
members:
  - name: Cục Công nghiệp
    signatory: {title: Cục trưởng, name: Nguyễn Văn A}
recipients:
  - Các đơn vị trong Khối
"""


def run(tmp_path: Path, text: str, *args: str):
    content = tmp_path / "noi-dung.yaml"
    content.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(content), "--out-dir", str(out), *args])
    written = sorted(out.rglob("*")) if out.exists() else []
    return result, written


def test_good_file_renders(tmp_path):
    result, written = run(tmp_path, GOOD)
    assert result.exit_code == 0, result.output
    assert [p.name for p in written] == ["phat_dong-ctdp-31.docx"]


CASES = [
    # (name, change, expected line, path, words in the message, hint words)
    (
        "unknown field",
        lambda t: t.replace("signatories:", "signatorys:"),
        12,
        "signatorys",
        "không có",
        "signatories",
    ),
    (
        "missing required field",
        lambda t: t.replace("place: Hà Nội\n", ""),
        None,
        "place",
        "thiếu",
        None,
    ),
    (
        "date that does not exist",
        lambda t: t.replace("2024-01-12", "2024-02-30"),
        8,
        "date",
        "không tồn tại",
        "29 ngày",
    ),
    (
        "number out of range",
        lambda t: t.replace("number: 31", "number: 10000"),
        6,
        "number",
        "9999",
        None,
    ),
    ("number zero", lambda t: t.replace("number: 31", "number: 0"), 6, "number", "9999", None),
    (
        "authority K.T.",
        lambda t: t.replace("KT. Cục trưởng", "K.T. Cục trưởng"),
        13,
        "signatories[0].authority",
        "K.T.",
        "KT. Cục trưởng",
    ),
    (
        "authority without dot",
        lambda t: t.replace("KT. Cục trưởng", "KT Cục trưởng"),
        13,
        "signatories[0].authority",
        "KT",
        "KT. Cục trưởng",
    ),
    (
        "TM. after another prefix",
        lambda t: t.replace(
            "authority: KT. Cục trưởng", "authority: [KT. Chủ tịch, TM. Ủy ban nhân dân]"
        ),
        13,
        "signatories[0].authority[1]",
        "TM.",
        None,
    ),
    (
        "empty recipient",
        lambda t: t.replace("  - Các đơn vị thuộc Cục", '  - ""'),
        18,
        "recipients[1]",
        "trống",
        None,
    ),
    (
        "blank recipient",
        lambda t: t.replace("  - Các đơn vị thuộc Cục", '  - "   "'),
        18,
        "recipients[1]",
        "trống",
        None,
    ),
    (
        "control character",
        lambda t: t.replace("Năm 2024", '"Năm\\a2024"'),
        9,
        "subject",
        "U+0007",
        None,
    ),
    (
        "unknown kind",
        lambda t: t.replace("kind: phat_dong", "kind: phat_dongg"),
        1,
        "kind",
        "phat_dongg",
        "phat_dong",
    ),
    (
        "typo in a nested field",
        lambda t: t.replace("    name: Đương", "    nam: Đương"),
        15,
        "signatories[0].nam",
        "không có",
        "name",
    ),
    (
        "typo in an item",
        lambda t: t.replace(
            "  - Nội dung thứ nhất.", "  - text: Chỉ tiêu\n    bullet: true\n    items: [a]"
        ),
        12,
        "contents[0].bullet",
        "không có",
        "bullets",
    ),
    (
        "slash in an abbreviation",
        lambda t: t.replace("abbr: CTĐP", "abbr: CT/ĐP"),
        5,
        "issuers[0].abbr",
        "`/`",
        None,
    ),
    ("no date and no year", lambda t: t.replace("date: 2024-01-12\n", ""), None, "", "year", None),
    (
        # YAML reads `- Lưu: VT, NC.` as a mapping; the clerk meant a line of text.
        "archive line typed as a recipient",
        lambda t: t.replace("  - Các đơn vị thuộc Cục", "  - Lưu: VT, NC."),
        18,
        "recipients[1]",
        "`Lưu: VT, NC.`",
        "archive:",
    ),
    (
        "colon inside an item",
        lambda t: t.replace("  - Nội dung thứ nhất.", "  - Tổng kinh phí: 1.500.000 đồng."),
        11,
        "contents[0]",
        "`Tổng kinh phí: 1.500.000 đồng.`",
        '`"Tổng kinh phí: 1.500.000 đồng."`',
    ),
]


@pytest.mark.parametrize(
    ("name", "change", "line", "path", "words", "hint"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_input_is_located_and_writes_nothing(tmp_path, name, change, line, path, words, hint):
    result, written = run(tmp_path, change(GOOD))
    assert result.exit_code == 1, result.output
    assert written == []
    messages = [m for m in result.output.splitlines() if "noi-dung.yaml" in m]
    assert messages, result.output
    found = [m for m in messages if words in m and (not path or f": {path}: " in m)]
    assert found, messages
    message = found[0]
    assert re.search(r"noi-dung\.yaml:\d+:\d+: ", message), message
    if line is not None:
        assert f"noi-dung.yaml:{line}:" in message, message
    if hint:
        assert "gợi ý:" in message and hint in message.split("gợi ý:")[1], message


def test_covenant_with_no_members(tmp_path):
    text = COVENANT.replace(
        "members:\n  - name: Cục Công nghiệp\n    signatory: {title: Cục trưởng, name: Nguyễn Văn A}\n",
        "members: []\n",
    )
    result, written = run(tmp_path, text)
    assert result.exit_code == 1 and written == []
    assert "noi-dung.yaml:7:1: members: " in result.output
    assert "giao_uoc" in result.output


def test_covenant_missing_members_entirely(tmp_path):
    text = COVENANT.split("members:")[0] + "recipients:\n  - Các đơn vị trong Khối\n"
    result, written = run(tmp_path, text)
    assert result.exit_code == 1 and written == []
    assert "members" in result.output


def test_every_mistake_is_reported_in_one_run(tmp_path):
    text = (
        GOOD.replace("2024-01-12", "2024-02-30")
        .replace("number: 31", "number: 10000")
        .replace("signatories:", "signatorys:")
        .replace("  - Các đơn vị thuộc Cục", '  - ""')
    )
    result, written = run(tmp_path, text)
    assert result.exit_code == 1 and written == []
    for path in (": date: ", ": number: ", ": signatorys: ", ": recipients[1]: "):
        assert path in result.output, result.output
    # the misspelt `signatorys` leaves the notice without its required signatories
    assert "signatories" in result.output


def test_decomposed_text_is_normalised_not_rejected(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Đương Quốc Trịnh")
    result, written = run(tmp_path, GOOD.replace("Đương Quốc Trịnh", decomposed))
    assert result.exit_code == 0, result.output
    from tests.docxread import all_text, open_docx

    text = all_text(open_docx(written[0]))
    assert "Đương Quốc Trịnh" in text and decomposed not in text


def test_issuer_as_a_single_mapping(tmp_path):
    text = GOOD.replace(
        "issuers:\n  - parent: Bộ Công Thương\n    name",
        "issuer:\n    parent: Bộ Công Thương\n    name",
    )
    text = text.replace("\n    abbr: CTĐP", "\n    abbr: CTĐP")
    result, written = run(tmp_path, text)
    assert result.exit_code == 0, result.output


def test_raw_control_character_is_located_and_other_files_still_checked(tmp_path):
    bad = tmp_path / "bell.yaml"
    bad.write_bytes(b'kind: phat_dong\nplace: "H\x07a"\n')
    good = tmp_path / "good.yaml"
    good.write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad), str(good)])
    assert result.exit_code == 1
    assert "bell.yaml:2:10: " in result.output and "U+0007" in result.output
    assert "good.yaml: hợp lệ" in result.output


def test_syntax_error_is_located(tmp_path):
    result, written = run(tmp_path, GOOD.replace("place: Hà Nội", "place: [Hà Nội"))
    assert result.exit_code == 1 and written == []
    assert re.search(r"noi-dung\.yaml:\d+:\d+: .*YAML", result.output)


def test_json_content_is_accepted_and_located(tmp_path):
    content = tmp_path / "nd.json"
    content.write_text(
        '{\n "kind": "phat_dong",\n "issuers": [{"name": "Cục A", "abbr": "CA"}],\n'
        ' "place": "Hà Nội",\n "date": "2024-13-01",\n "signatories": [],\n'
        ' "recipients": ["X"]\n}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["validate", str(content)])
    assert result.exit_code == 1
    assert "nd.json:5:" in result.output and ": date: " in result.output
    assert "nd.json:6:" in result.output and "signatories" in result.output


def test_existing_file_is_not_overwritten_without_force(tmp_path):
    result, written = run(tmp_path, GOOD)
    assert result.exit_code == 0
    target = written[0]
    target.write_bytes(b"keep me")
    result, _ = run(tmp_path, GOOD)
    assert result.exit_code == 1
    assert target.read_bytes() == b"keep me"
    result, _ = run(tmp_path, GOOD, "--force")
    assert result.exit_code == 0 and target.read_bytes()[:2] == b"PK"


def test_an_existing_file_is_a_located_diagnostic_in_json(tmp_path):
    result, written = run(tmp_path, GOOD)
    assert result.exit_code == 0
    result, _ = run(tmp_path, GOOD, "--json")
    assert result.exit_code == 1
    (diagnostic,) = json.loads(result.stdout)["diagnostics"]
    assert diagnostic["code"] == "output.exists"
    assert diagnostic["location"]["file"] == str(written[0])
    assert diagnostic["hint"] == "dùng --force để ghi đè"


def test_usage_error_exit_code(tmp_path):
    result = CliRunner().invoke(main, ["render"])
    assert result.exit_code == 2
    content = tmp_path / "a.yaml"
    content.write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["render", str(content), str(content), "-o", str(tmp_path / "x.docx")]
    )
    assert result.exit_code == 2


def test_no_traceback_for_a_missing_file(tmp_path):
    result = CliRunner().invoke(main, ["render", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
