"""Party documents in the register (regimes.md `dang`, numbering; HD 36-HD/VPTW 1.3): numbers
run per document type per term of the committee, not per calendar year, read from the
content's `regime` and `term`; the register writes them as the document prints them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.register.issue import issue
from generator.register.store import Register

from .conftest import EXAMPLES, content_file
from .test_issue import printed_lines

PARTY_PLAN = EXAMPLES / "ke-hoach-huyen-uy-dinh-hoa-2024.yaml"


def codes(register: str) -> list[str]:
    with Register(register) as reg:
        return [f"{r.series} {r.period} {r.number:02d} {r.code_notation}" for r in reg.rows()]


def test_party_numbers_run_per_type_per_term(register: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    plans = [content_file(tmp_path, PARTY_PLAN, number=None) for _ in range(2)]
    notice = content_file(tmp_path, PARTY_PLAN, number=None, kind="ke_hoach", type_abbr="TB")
    next_term = content_file(tmp_path, PARTY_PLAN, number=None, term="2025-2030")
    # The term, not the calendar year: a plan of January 2025 goes on from December 2024.
    first = issue(plans[:1], register, date=dt.date(2024, 12, 30), out_dir=out)
    assert first.ok, (first.problems, first.errors)
    assert [d.code for d in first.issued] == ["01-KH/HU"]
    result = issue([plans[1], notice], register, date=dt.date(2025, 1, 3), out_dir=out)
    assert result.ok, (result.problems, result.errors)
    assert [d.code for d in result.issued] == ["02-KH/HU", "01-TB/HU"]
    assert issue([next_term], register, date=dt.date(2025, 10, 1), out_dir=out).ok
    assert sorted(codes(register)) == [
        "HU/KH 2020-2025 01 KH/HU",
        "HU/KH 2020-2025 02 KH/HU",
        "HU/KH 2025-2030 01 KH/HU",
        "HU/TB 2020-2025 01 TB/HU",
    ]
    written = sorted(out.glob("*.docx"))
    assert any("Số 02-KH/HU" in printed_lines(p) for p in written)


def test_a_party_document_without_a_term_is_a_located_error(
    sqlite_register: str, tmp_path: Path
) -> None:
    path = content_file(tmp_path, PARTY_PLAN, number=None, term=None)
    result = issue([path], sqlite_register, date=dt.date(2024, 3, 2), out_dir=tmp_path / "out")
    assert not result.ok and not result.issued
    [problem] = result.problems
    assert problem.path == "regime" and problem.line == 10
    assert "nhiệm kỳ" in problem.message and "term: 2020-2025" in (problem.hint or "")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
