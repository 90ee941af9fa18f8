"""Issuing: give documents their numbers and date from the register, write them, record them.

One run is one transaction. Every content file is read and checked first; then,
holding the register's write lock, each document takes its number (the next of
its series, or the one it names if that is free), is rendered and checked with
that number and date, and all files are written (DOCX, PDF, sidecar `.json`).
Only when every document is written are the register rows committed. If anything
fails, the transaction is rolled back and the files written are removed: no
number is consumed and nothing is left on disk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.load import validate_data
from generator.content.model import Content
from generator.content.source import Source, read_source, read_text
from generator.diagnostics import Diagnostic
from generator.failures import failure, profile_failures
from generator.kinds import KindError, get_kind
from generator.problems import ContentError, Problem
from generator.produce import (
    NotConformant,
    Unit,
    UnitsNotWritten,
    make,
    not_conformant,
    write_units,
)
from generator.regimes import RegimeError, get_regime
from generator.register import entry
from generator.register.scopes import ScopeError, scopes
from generator.register.store import Register, RegisterError, Row
from generator.render import TemplateRenderError


@dataclass(frozen=True)
class ContentText:
    """Content that is not in a file (the web page's form): its text and a name for messages."""

    name: str
    text: str
    root: Path | None = None
    """The folder files it names must lie in (`Source.root`); content from the network
    gets an empty folder of its own."""


@dataclass
class Issued:
    """One document issued: its number, its files and its register row."""

    source: str
    number: int
    code: str
    """`05/PĐTĐ-CTĐP`: số, ký hiệu as the register shows it."""
    files: list[Path]
    row: Row


@dataclass
class IssueResult:
    issued: list[Issued] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Content mistakes (a taken number among them), located in the content files."""
    errors: list[Diagnostic] = field(default_factory=list)
    """Register, template, conformance (the checker's findings among them) and output
    failures (`generator.failures`)."""

    @property
    def ok(self) -> bool:
        return not self.problems and not self.errors


class _Abort(Exception):
    """Stops the run inside the transaction so that it is rolled back."""


@dataclass
class _Plan:
    source: Source
    content: Content
    issued: dt.date
    scope: str = ""
    series: str = ""
    period: str = ""
    unit: Unit | None = None


def issue(
    contents: Sequence[Path | ContentText],
    register: str | Path,
    *,
    date: dt.date | None = None,
    out_dir: Path = Path("output"),
    pdf: bool = False,
    pdf_a: bool = False,
    today: dt.date | None = None,
) -> IssueResult:
    """Issue every content file, or none: see the module's description.

    `contents` are content files, or `ContentText` for content held in memory (the
    web page issues a finished document with one call). The date is `date`, else
    the content's own `date`, else `today` (default: the local date).
    """
    result = IssueResult()
    plans = _read(contents, date or None, today or dt.date.today(), result)
    if not result.ok:
        return result
    try:
        with Register(register) as reg, reg.transaction():
            _number(reg, plans, result)
            if result.ok:
                _render(plans, out_dir, result)
            if result.ok:
                _write(plans, pdf, pdf_a, result)
            if not result.ok:
                raise _Abort
            for plan in plans:
                assert plan.unit is not None
                row = _row(plan)
                reg.add(row)
                result.issued.append(
                    Issued(
                        plan.source.name,
                        row.number,
                        entry.number_and_code(row.number, row.code_notation),
                        list(plan.unit.written),
                        row,
                    )
                )
    except _Abort:
        result.issued.clear()
    except (RegisterError, ScopeError) as exc:
        _discard(plans)  # the commit failed after the files were written
        result.issued.clear()
        code = "register.scope" if isinstance(exc, ScopeError) else "register.failed"
        result.errors.append(failure(code, str(exc)))
    except BaseException:
        _discard(plans)
        raise
    return result


def _read(
    contents: Sequence[Path | ContentText],
    date: dt.date | None,
    today: dt.date,
    result: IssueResult,
) -> list[_Plan]:
    plans = []
    for path in contents:
        if isinstance(path, ContentText):
            source = read_text(path.text, path.name)
            source.root = path.root
        else:
            source = read_source(Path(path))
        try:
            content = validate_data(source)
        except ContentError as exc:
            result.problems += exc.problems
            continue
        plans.append(_Plan(source, content, date or content.date or today))
    return plans


def _number(reg: Register, plans: list[_Plan], result: IssueResult) -> None:
    """Give each plan its number: the one it names if free, else the next of its series."""
    used: dict[tuple[str, str, str], set[int]] = {}
    for plan in plans:
        content = plan.content
        try:
            kind = get_kind(content.kind)
            regime = get_regime(content.regime)
            scope = scopes().for_regime(regime.name)
            if scope.period == "term" and not (content.term or "").strip():
                # regimes.md `dang`: numbers run per type per term of the committee.
                result.problems.append(
                    plan.source.problem(
                        ("term",) if content.term is not None else ("regime",),
                        f"thể thức `{regime.name}` đánh số theo từng loại văn bản trong "
                        "một nhiệm kỳ, nhưng chưa có nhiệm kỳ",
                        "thêm `term: 2020-2025` (nhiệm kỳ của cấp ủy ban hành)",
                        code="register.term_missing",
                    )
                )
                continue
            plan.series, plan.period = scope.key(
                issuer=content.issuers[0].abbr,
                type_abbr=content.type_abbr or regime.type_abbrs.get(kind.name) or kind.type_abbr,
                issued=plan.issued,
                term=content.term,
            )
        except (KindError, RegimeError) as exc:
            result.errors += profile_failures(exc, plan.source.name)
            continue
        except ScopeError as exc:
            result.errors.append(failure("register.scope", str(exc), file=plan.source.name))
            continue
        plan.scope = scope.name
        key = (plan.scope, plan.series, plan.period)
        taken = used.setdefault(key, set())
        number = content.number
        if number is not None:
            row = reg.taken(*key, number)
            if row is not None or number in taken:
                where = (
                    f"đã cấp cho văn bản ngày {entry.day_first(row.issued_date)} ({row.source})"
                    if row
                    else "đã dành cho một tệp khác trong lần cấp số này"
                )
                when = ("năm " if scope.period == "year" else "nhiệm kỳ ") + plan.period
                result.problems.append(
                    plan.source.problem(
                        ("number",),
                        f"số {number:02d} của {plan.series} {when} {where}",
                        "bỏ trống `number` để lấy số kế tiếp trong sổ",
                        code="register.number_taken",
                    )
                )
                continue
        else:
            number = max([reg.last_number(*key), *taken]) + 1
        taken.add(number)
        plan.content = content.model_copy(update={"number": number, "date": plan.issued})


def _render(plans: list[_Plan], out_dir: Path, result: IssueResult) -> None:
    for plan in plans:
        name = plan.source.name
        try:
            product = make(plan.content, name=name)
        except NotConformant as exc:
            result.errors += exc.report.diagnostics()
            result.errors.append(not_conformant(exc))
            continue
        except KindError as exc:
            result.errors += profile_failures(exc, name)
            continue
        except TemplateRenderError as exc:
            result.errors.append(failure("template.render", str(exc), file=name))
            continue
        # Numbers start again each year (or term): the period keeps the names apart, and
        # where each type has its own run (a Party committee's), the type too.
        period = plan.period
        if "type" in scopes().scopes[plan.scope].series:
            period = f"{plan.series.rsplit('/', 1)[-1]}-{period}"
        stem = product.default_stem(f"{product.kind.file_name}-{{period}}", period=period)
        target = Path(out_dir) / f"{stem}.docx"

        def sidecar(made_pdf: Path | None, product=product) -> bytes:
            pages = _pages(made_pdf) if made_pdf is not None else None
            return entry.metadata_json(entry.metadata(product.content, product.kind, pages=pages))

        plan.unit = Unit(product, target, sidecar)


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def _write(plans: list[_Plan], pdf: bool, pdf_a: bool, result: IssueResult) -> None:
    units = [p.unit for p in plans if p.unit is not None]
    try:
        write_units(units, pdf=pdf, pdf_a=pdf_a)
    except UnitsNotWritten as exc:
        result.errors += exc.diagnostics


def _discard(plans: list[_Plan]) -> None:
    for plan in plans:
        if plan.unit is not None:
            for path in plan.unit.written:
                path.unlink(missing_ok=True)


def _row(plan: _Plan) -> Row:
    assert plan.unit is not None
    content, kind = plan.content, plan.unit.product.kind
    assert content.number is not None
    position, name = entry.signer(content)
    pdfs = [p for p in plan.unit.written if p.suffix == ".pdf"]
    return Row(
        scope=plan.scope,
        series=plan.series,
        period=plan.period,
        number=content.number,
        issuer=content.issuers[0].abbr,
        year=plan.issued.year,
        code_notation=entry.code_notation(content, kind),
        issued_date=plan.issued.isoformat(),
        type_name=entry.type_name(content, kind),
        subject=content.subject,
        organ_name=content.issuers[0].name,
        signer_position=position,
        signer_name=name,
        recipients=list(content.recipients),
        archive=entry.archive_units(content),
        copies=content.drafter.copies if content.drafter else None,
        pages=_pages(pdfs[0]) if pdfs else None,
        files=[p.name for p in plan.unit.written],
        source=plan.source.name,
        created_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    )
