"""One `NotDocx` for every file that is not a readable DOCX, said the same way by
`vanban check` and `vanban template check`."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.check import NotADocx, check_docx
from generator.cli import main
from generator.ooxml import NotDocx, open_docx
from generator.templating import check_template
from generator.templating.parts import read_parts
from tests.hostile import packages


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _without_document() -> bytes:
    return packages.rebuild(
        packages.template_bytes(), lambda name, data: None if name == "word/document.xml" else data
    )


CASES = {
    # name: (bytes, environment, words the message must have)
    "text-file": (lambda: "không phải Word".encode(), {}, ("ZIP",)),
    "zip-of-other-things": (lambda: _zip({"hello.txt": b"x"}), {}, ()),
    "no-main-document": (_without_document, {}, ("word/document.xml",)),
    "encrypted-member": (packages.encrypted_member, {}, ("mã hóa", "word/styles.xml")),
    "over-the-size-limit": (
        lambda: packages.bomb(size=3_000_000),
        {"VANBAN_LIMIT_ZIP_MEMBER_BYTES": "1000000"},
        ("zip_member_bytes", "VANBAN_LIMIT_ZIP_MEMBER_BYTES"),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_both_commands_refuse_with_one_message_and_exit_2(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build, env, words = CASES[case]
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    path = tmp_path / "van-ban.docx"
    path.write_bytes(build())

    with pytest.raises(NotDocx) as raised:
        open_docx(path)
    message = str(raised.value)
    assert message.startswith("không phải tệp DOCX đọc được: "), message
    for word in words:
        assert word in message

    checked = CliRunner().invoke(main, ["check", str(path)])
    linted = CliRunner().invoke(main, ["template", "check", str(path), "--kind", "phat_dong"])
    assert (checked.exit_code, linted.exit_code) == (2, 2), (checked.output, linted.output)
    assert checked.stderr == linted.stderr == f"{path}: {message}\n"
    assert "Traceback" not in checked.output + linted.output


def test_the_libraries_raise_the_one_error(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"not a zip")
    for read in (check_docx, check_template, read_parts):
        with pytest.raises(NotDocx):
            read(path)
    assert NotADocx is NotDocx


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(NotDocx, match="không tìm thấy tệp"):
        open_docx(tmp_path / "khong-co.docx")


def test_bytes_open_like_a_path() -> None:
    package = open_docx(packages.template_bytes())
    assert [p.kind for p in package.parts()][0] == "body"
    assert {p.name for p in package.parts()} >= {"word/document.xml", "word/header1.xml"}
