"""Hostile content files: each ends in a located refusal (or a correct document), bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.docxread import all_text, open_docx

from .harness import assert_refused, leftovers, vanban

GOOD = """\
kind: phat_dong
issuers:
  - parent: Bộ Công Thương
    name: Cục Công Thương địa phương
    abbr: CTĐP
number: 5
place: Hà Nội
date: 2024-01-12
subject: Năm 2024
contents:
  - Động viên cán bộ công chức hoàn thành tốt nhiệm vụ chuyên môn.
signatories:
  - authority: KT. Cục trưởng
    title: Phó Cục trưởng
    name: Đương Quốc Trịnh
recipients: [Công đoàn Bộ (để b/c), Các đơn vị thuộc Cục]
archive: [VP]
"""


def alias_bomb(levels: int = 12) -> str:
    """Each level a list of ten aliases of the one before: 10**levels values, in ~1 KB."""
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]")
    return GOOD + "extra:\n" + "".join(f"  {line}\n" for line in lines)


CASES = {
    # name: (file text, needles the refusal must contain)
    "alias-bomb": (alias_bomb(), ["yaml_nodes", "VANBAN_LIMIT_YAML_NODES", ":"]),
    "deep-mapping": (
        GOOD
        + "extra:\n"
        + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(150))
        + "  " * 151
        + "x: 1\n",
        ["depth", "tầng"],
    ),
    "deep-flow-lists": (GOOD + "extra: " + "[" * 300 + "]" * 300 + "\n", ["depth"]),
    "huge-integer": (
        GOOD.replace("number: 5", "number: " + "9" * 5000),
        ["number_digits", ":6:9:"],
    ),
    "python-tag": (
        GOOD + "extra: !!python/object/apply:os.system [echo pwned]\n",
        ["thẻ YAML", ":18:8:"],
    ),
    "omap-tag": (GOOD + "extra: !!omap [a: 1, b: 2]\n", ["thẻ YAML", "omap"]),
    "custom-tag": (
        GOOD.replace("subject: Năm 2024", "subject: !vi Năm 2024"),
        ["thẻ YAML", ":9:10:"],
    ),
    "long-paragraph": (
        GOOD.replace("chuyên môn.", "chuyên môn " + "rất " * 40_000 + "."),
        ["text_chars", ":11:"],
    ),
    "bidi-override": (
        GOOD.replace("Đương Quốc Trịnh", "Đương \u202eQuốc Trịnh"),
        [":15:11:", "U+202E", "đảo thứ tự"],
    ),
    "zero-width": (GOOD.replace("Năm 2024", "Năm\u200b 2024"), [":9:10:", "U+200B", "vô hình"]),
    "soft-hyphen": (GOOD.replace("Hà Nội", "Hà\u00adNội"), [":7:8:", "U+00AD"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_content_is_refused_with_its_place(case: str, tmp_path: Path) -> None:
    text, needles = CASES[case]
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    for command in (["validate", path], ["render", path, "--out-dir", tmp_path / "out"]):
        run = vanban(*command, cwd=tmp_path)
        assert_refused(run, "x.yaml", *needles)
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_a_file_too_big_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(GOOD + "# " + "x" * 3_000_000 + "\n", encoding="utf-8")
    assert_refused(
        vanban("validate", path, cwd=tmp_path), "content_bytes", "VANBAN_LIMIT_CONTENT_BYTES"
    )
    # The limit is a setting: raised, the same file is read.
    run = vanban("validate", path, cwd=tmp_path, env={"VANBAN_LIMIT_CONTENT_BYTES": "5000000"})
    assert run.code == 0, run.text


def test_aliases_within_the_limit_are_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(alias_bomb(3), encoding="utf-8")  # 100 values
    run = vanban("validate", path, cwd=tmp_path)
    assert run.code == 0, run.text


def test_a_json_surrogate_pair_is_the_character_it_stands_for(tmp_path: Path) -> None:
    import json

    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(GOOD)
    data["date"] = "2024-01-12"
    data["contents"] = ["Thi đua \\ud83d\\ude00 vui vẻ."]
    text = json.dumps(data, ensure_ascii=False).replace("\\\\ud83d\\\\ude00", "\\ud83d\\ude00")
    assert "\\ud83d\\ude00" in text
    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "x.docx"
    run = vanban("render", path, "-o", out, "--no-check", cwd=tmp_path)
    assert run.code == 0, run.text
    assert "Thi đua \U0001f600 vui vẻ" in all_text(open_docx(out))
    lone = tmp_path / "lone.json"
    lone.write_text(text.replace("\\ude00", ""), encoding="utf-8")
    assert_refused(vanban("validate", lone, cwd=tmp_path), "U+D83D")
    assert leftovers(tmp_path) == []


def test_content_sent_as_text_is_bounded_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """The web page hands content over as text: the same limits apply, in this process."""
    from generator.content.load import load_content_text
    from generator.problems import ContentError

    monkeypatch.setenv("VANBAN_LIMIT_CONTENT_BYTES", "2000")
    with pytest.raises(ContentError) as caught:
        load_content_text(GOOD + "# " + "x" * 3000 + "\n", "web")
    assert "VANBAN_LIMIT_CONTENT_BYTES" in str(caught.value)
    with pytest.raises(ContentError) as caught:
        load_content_text(alias_bomb(), "web")
    assert "yaml_nodes" in str(caught.value)
    assert load_content_text(GOOD, "web").number == 5
