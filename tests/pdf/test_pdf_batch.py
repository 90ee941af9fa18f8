"""The batch machinery of `generator.pdf`, against a stand-in for LibreOffice.

The stand-in (`fake_soffice.py`) reads what to do from each input file, so runs
that hang, crash half-way or cannot load a file can be produced on demand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pdf import (
    INSTALL_HINT,
    SOFFICE_ENV,
    ConversionFailed,
    OfficeMissing,
    PdfExists,
    convert_to_pdf,
    find_soffice,
    pdf_complete,
)


def docs(folder: Path, *actions: str, prefix: str = "d") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, action in enumerate(actions):
        path = folder / f"{prefix}{i:02d}.docx"
        path.write_text(action, encoding="utf-8")
        paths.append(path)
    return paths


def source_of(pdf: Path) -> str:
    """The input the stand-in wrote this PDF for (kept in its second line)."""
    return pdf.read_bytes().split(b"\n")[1][2:].decode("utf-8")


def test_batch_runs_at_most_jobs_instances_each_with_its_own_profile(fake_soffice, tmp_path):
    inputs = docs(tmp_path / "in", *["ok"] * 10)
    pdfs = convert_to_pdf(inputs, tmp_path / "out", jobs=3)

    assert pdfs == [tmp_path / "out" / f"d{i:02d}.pdf" for i in range(10)]
    assert all(pdf_complete(p) for p in pdfs)
    assert [source_of(p) for p in pdfs] == [str(p) for p in inputs]
    calls = fake_soffice.calls()
    assert len(calls) == 3
    assert sorted(f for c in calls for f in c["files"]) == sorted(str(p) for p in inputs)
    assert len({c["profile"] for c in calls}) == 3
    # The profiles and the staging directory are temporary.
    assert not any(Path(c["profile"].removeprefix("file://")).exists() for c in calls)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [p.name for p in pdfs]


def test_one_run_for_everything_when_jobs_is_one(fake_soffice, tmp_path):
    inputs = docs(tmp_path, *["ok"] * 7)
    convert_to_pdf(inputs, jobs=1)
    (call,) = fake_soffice.calls()
    assert call["files"] == [str(p) for p in inputs]  # the caller's order is kept


def test_never_more_runs_than_documents(fake_soffice, tmp_path):
    (single,) = docs(tmp_path, "ok")
    assert convert_to_pdf([single], jobs=8) == [tmp_path / "d00.pdf"]
    assert len(fake_soffice.calls()) == 1


def test_pdf_goes_beside_its_docx_without_out_dir(fake_soffice, tmp_path):
    a = docs(tmp_path / "a", "ok", prefix="x")[0]
    b = docs(tmp_path / "b", "ok", prefix="x")[0]  # same name, other folder
    pdfs = convert_to_pdf([a, b], jobs=1)
    assert pdfs == [tmp_path / "a" / "x00.pdf", tmp_path / "b" / "x00.pdf"]
    assert [source_of(p) for p in pdfs] == [str(a), str(b)]
    # Two files of one name never share a run: they would write the same PDF there.
    assert all(len(call["files"]) == 1 for call in fake_soffice.calls())


def test_two_inputs_for_one_output_is_refused(fake_soffice, tmp_path):
    a = docs(tmp_path / "a", "ok")[0]
    b = docs(tmp_path / "b", "ok")[0]
    with pytest.raises(ValueError, match="d00.pdf"):
        convert_to_pdf([a, b], tmp_path / "out")
    assert fake_soffice.calls() == []


def test_the_same_input_twice_is_converted_once(fake_soffice, tmp_path):
    (a,) = docs(tmp_path, "ok")
    assert convert_to_pdf([a, a]) == [tmp_path / "d00.pdf"] * 2
    assert fake_soffice.calls()[0]["files"] == [str(a)]


def test_existing_pdf_is_kept_without_force(fake_soffice, tmp_path):
    inputs = docs(tmp_path, "ok", "ok")
    old = tmp_path / "d01.pdf"
    old.write_bytes(b"old")
    with pytest.raises(PdfExists) as caught:
        convert_to_pdf(inputs)
    assert caught.value.paths == [old]
    assert "--force" in str(caught.value)
    assert old.read_bytes() == b"old"
    assert not (tmp_path / "d00.pdf").exists()  # nothing is converted at all
    assert fake_soffice.calls() == []

    convert_to_pdf(inputs, force=True)
    assert pdf_complete(old)


def test_a_hung_run_is_killed_and_the_rest_retried(fake_soffice, tmp_path):
    inputs = docs(tmp_path, "ok", "hang", "ok", "ok")
    with pytest.raises(ConversionFailed) as caught:
        convert_to_pdf(inputs, jobs=1, timeout=0.5, retries=1)

    error = caught.value
    assert list(error.failed) == [inputs[1]]
    assert "treo" in error.failed[inputs[1]]
    assert str(inputs[1]) in str(error)
    assert error.done == [tmp_path / "d00.pdf", tmp_path / "d02.pdf", tmp_path / "d03.pdf"]
    assert all(pdf_complete(p) for p in error.done)
    assert not (tmp_path / "d01.pdf").exists()
    calls = [c["files"] for c in fake_soffice.calls()]
    # The hung document is retried alone, the others it held up in their own run.
    assert calls[0] == [str(p) for p in inputs]
    assert sorted(calls[1:]) == sorted([[str(inputs[1])], [str(inputs[2]), str(inputs[3])]])


def test_a_document_that_hangs_once_is_converted_on_retry(fake_soffice, tmp_path):
    inputs = docs(tmp_path, "ok", "hang-once", "ok")
    pdfs = convert_to_pdf(inputs, jobs=1, timeout=0.5)
    assert all(pdf_complete(p) for p in pdfs)
    assert len(fake_soffice.calls()) == 3  # the batch, the culprit alone, the one after it


def test_a_slow_run_that_keeps_finishing_documents_is_not_hung(fake_soffice, tmp_path):
    # Each document takes 0.3 s, the run 1.2 s: longer than the timeout, but never idle.
    inputs = docs(tmp_path, *["slow 0.3"] * 4)
    convert_to_pdf(inputs, jobs=1, timeout=0.8)
    assert len(fake_soffice.calls()) == 1


def test_a_half_written_pdf_is_not_taken(fake_soffice, tmp_path):
    inputs = docs(tmp_path, "ok", "crash-once", "ok")
    pdfs = convert_to_pdf(inputs, jobs=1)
    assert all(pdf_complete(p) for p in pdfs)
    assert [source_of(p) for p in pdfs] == [str(p) for p in inputs]

    (crash,) = docs(tmp_path / "again", "crash")
    with pytest.raises(ConversionFailed) as caught:
        convert_to_pdf([crash], retries=1)
    assert "mã lỗi" in caught.value.failed[crash]
    assert list((tmp_path / "again").glob("*.pdf")) == []
    assert list((tmp_path / "again").glob(".*")) == []  # no temporary file left behind


def test_a_document_that_cannot_be_loaded_is_reported(fake_soffice, tmp_path):
    inputs = docs(tmp_path, "ok", "bad", "ok")
    with pytest.raises(ConversionFailed) as caught:
        convert_to_pdf(inputs, jobs=2, retries=1)
    assert list(caught.value.failed) == [inputs[1]]
    assert "could not be loaded" in caught.value.failed[inputs[1]]
    assert len(caught.value.done) == 2


def test_missing_input_is_reported_before_anything_runs(fake_soffice, tmp_path):
    with pytest.raises(FileNotFoundError, match="khong-co.docx"):
        convert_to_pdf([tmp_path / "khong-co.docx"])
    assert fake_soffice.calls() == []


def test_an_empty_batch_needs_no_office(monkeypatch):
    monkeypatch.setenv("PATH", "")
    assert convert_to_pdf([]) == []


def test_missing_office_says_how_to_install_it(tmp_path, monkeypatch):
    (docx,) = docs(tmp_path, "ok")
    monkeypatch.delenv(SOFFICE_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr("generator.pdf._MAC_SOFFICE", str(tmp_path / "none"))
    assert find_soffice() is None
    with pytest.raises(OfficeMissing) as caught:
        convert_to_pdf([docx])
    assert INSTALL_HINT in str(caught.value)
    assert "apt-get install --no-install-recommends libreoffice-writer-nogui" in INSTALL_HINT
    assert docx.read_text(encoding="utf-8") == "ok"  # the DOCX is kept as it was


def test_a_wrong_override_is_named(tmp_path, monkeypatch):
    (docx,) = docs(tmp_path, "ok")
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "no-such-soffice"))
    with pytest.raises(OfficeMissing, match=SOFFICE_ENV):
        convert_to_pdf([docx])


def test_pdf_complete_needs_header_and_end(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"x" * 5000 + b"\n%%EOF\n")
    assert pdf_complete(path)
    path.write_bytes(b"%PDF-1.4\n" + b"x" * 5000)
    assert not pdf_complete(path)
    path.write_bytes(b"<html>%%EOF")
    assert not pdf_complete(path)
    assert not pdf_complete(tmp_path / "missing.pdf")


def test_paths_come_back_the_way_they_were_given(fake_soffice, tmp_path, monkeypatch):
    docs(tmp_path / "in", "ok")
    monkeypatch.chdir(tmp_path)
    assert convert_to_pdf(["in/d00.docx"], "out") == [Path("out/d00.pdf")]
    assert convert_to_pdf(["in/d00.docx"]) == [Path("in/d00.pdf")]
    assert pdf_complete(tmp_path / "out" / "d00.pdf")


def test_an_office_program_that_cannot_start_is_reported(tmp_path, monkeypatch):
    (docx,) = docs(tmp_path, "ok")
    broken = tmp_path / "soffice"
    broken.write_bytes(b"\x7fELF not really")
    broken.chmod(0o755)
    monkeypatch.setenv(SOFFICE_ENV, str(broken))
    with pytest.raises(OfficeMissing) as caught:
        convert_to_pdf([docx])
    assert str(broken) in str(caught.value)
    assert INSTALL_HINT in str(caught.value)
