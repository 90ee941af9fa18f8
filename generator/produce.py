"""The one way a document reaches the disk: render, check the bytes, write, convert.

`make()` gives a document's bytes and its conformance report without writing
anything (the web page sends them); `produce()` takes content files to files on
disk. The command line, the batch and the web page call these and present the
outcome, so they cannot disagree about what is written.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.check import NotADocx, Report, check_docx
from generator.content.load import load_content
from generator.content.model import Content
from generator.diagnostics import Diagnostic
from generator.failures import (
    failure,
    in_template,
    line,
    output_failure,
    pdf_failures,
    profile_failures,
    read_failure,
    template_failure,
    write_failure,
)
from generator.kinds import KindError
from generator.ooxml.package import NotDocx
from generator.output import FORCE_HINT, OutputError, write_atomic
from generator.pdf import ConversionFailed, PdfError, convert_to_pdf, pdf_complete
from generator.pipeline import Rendered, render_model
from generator.problems import ContentError, Problem
from generator.regimes import get_regime
from generator.render import TemplateRenderError
from generator.templating.lint import check_template

NO_CHECK_HINT = "sửa nội dung hoặc mẫu; nếu vẫn muốn ghi văn bản này, dùng --no-check"


class NotConformant(Exception):
    """The rendered document fails the conformance check: it is not written."""

    def __init__(self, report: Report):
        self.report = report
        self.reason = (
            f"văn bản tạo ra không đạt thể thức ({len(report.errors)} lỗi) "
            f"nên không được ghi ({NO_CHECK_HINT})"
        )
        super().__init__(f"{report.file}: {self.reason}")


def not_conformant(exc: NotConformant) -> Diagnostic:
    """What stopped the document, beside the findings (`Report.diagnostics`) that say why."""
    return failure("render.not_conformant", exc.reason, file=exc.report.file)


@dataclass(frozen=True)
class Product(Rendered):
    """A rendered document and, when it was checked, its conformance report."""

    report: Report | None = None


def make(
    content: Content, template: Path | None = None, *, check: bool = True, name: str = "<văn bản>"
) -> Product:
    """Render `content` and check the bytes; raise `NotConformant` when the check fails.

    Raises `KindError` and `TemplateRenderError` for a template that cannot be used.
    """
    rendered = render_model(content, template)
    report = None
    if check:
        try:
            regime = get_regime(content.regime).name  # the content says whose format it is
            report = check_docx(rendered.docx, name=name, regime=regime)
        except NotADocx as exc:  # the template produced something Word cannot open
            raise TemplateRenderError(f"văn bản tạo ra không mở được: {exc}") from exc
        if not report.ok:
            raise NotConformant(report)
    return Product(rendered.content, rendered.kind, rendered.docx, report)


@dataclass
class Outcome:
    """What became of one content file: where it went, or everything that stopped it."""

    source: Path
    target: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    """Mistakes in the content, located in the content file."""
    errors: list[Diagnostic] = field(default_factory=list)
    """Template, conformance, output and PDF failures (`generator.failures`)."""
    notes: list[str] = field(default_factory=list)
    """Lines worth showing that stop nothing (a custom template's warnings)."""
    report: Report | None = None
    """The conformance report of the rendered bytes (also when it failed)."""
    written: list[Path] = field(default_factory=list)
    product: Product | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and not self.errors


def template_verdict(template: Path, kind: str) -> tuple[list[Diagnostic], list[str]]:
    """`vanban template check` on a custom template: (errors, notes to show).

    A template with errors is not used: a document made from it could not be trusted.
    """
    try:
        result = check_template(template, kind)
    except NotDocx as exc:
        return [template_failure("template.not_a_docx", str(exc), template)], []
    if not result.errors:
        return [], [f"{template}: {problem}" for problem in result.problems]
    errors: list[Diagnostic] = [in_template(problem, template) for problem in result.problems]
    errors.append(
        template_failure(
            "template.unusable",
            f"mẫu có {len(result.errors)} lỗi, không dùng để tạo văn bản loại `{kind}` "
            f"(xem `vanban template check {template} --kind {kind}`)",
            template,
        )
    )
    return errors, []


def produce(
    contents: Sequence[Path],
    *,
    out_file: Path | None = None,
    out_dir: Path = Path("output"),
    force: bool = False,
    template: Path | None = None,
    check: bool = True,
    pdf: bool = False,
) -> list[Outcome]:
    """Render content files and write what is right: content → checks → render → check the
    bytes → write atomically → PDF.

    Every file is read, validated, rendered and checked before anything is written;
    a file with any problem is not written, the others are. `out_file` (one content
    file only) names the output: a `.pdf` name writes the PDF alone. Existing files
    are kept unless `force`.
    """
    if out_file is not None and len(contents) > 1:
        raise ValueError("out_file takes one content file")
    outcomes = [Outcome(Path(p)) for p in contents]
    verdicts: dict[str, tuple[list[Diagnostic], list[str]]] = {}
    planned: dict[Path, Path] = {}
    for outcome in outcomes:
        _prepare(outcome, template, verdicts, check)
        if outcome.product is None:
            continue
        target = out_file or Path(out_dir) / f"{outcome.product.default_stem()}.docx"
        if target in planned:
            outcome.errors.append(
                failure(
                    "output.duplicate",
                    f"trùng tên tệp ra {target} với {planned[target]}",
                    file=outcome.source,
                )
            )
            continue
        planned[target] = outcome.source
        outcome.target = target
    ready = [o for o in outcomes if o.ok and o.product is not None and o.target is not None]
    pdf_only = [o for o in ready if o.target is not None and o.target.suffix.lower() == ".pdf"]
    docx_out = [o for o in ready if o not in pdf_only]
    for outcome in docx_out:
        assert outcome.target is not None and outcome.product is not None
        if pdf and not force and outcome.target.with_suffix(".pdf").exists():
            outcome.errors.append(
                failure(
                    "output.exists",
                    "tệp đã có",
                    file=outcome.target.with_suffix(".pdf"),
                    hint=FORCE_HINT,
                )
            )
            continue
        _write(outcome, outcome.target, outcome.product.docx, force)
    if pdf:
        _pdfs_beside([o for o in docx_out if o.ok and o.written], force)
    for outcome in pdf_only:
        _pdf_alone(outcome, force)
    return outcomes


def _prepare(
    outcome: Outcome,
    template: Path | None,
    verdicts: dict[str, tuple[list[Diagnostic], list[str]]],
    check: bool,
) -> None:
    try:
        content = load_content(outcome.source)
    except ContentError as exc:
        outcome.problems = list(exc.problems)
        return
    except OSError as exc:
        outcome.errors.append(read_failure(outcome.source, exc))
        return
    if template is not None:
        # Checked once per kind; its lines are shown with the first file that uses it.
        first = content.kind not in verdicts
        if first:
            verdicts[content.kind] = template_verdict(template, content.kind)
        errors, notes = verdicts[content.kind]
        if first:
            outcome.notes += notes
        if errors:
            outcome.errors += (
                errors
                if first
                else [
                    template_failure("template.unusable", f"mẫu {template} có lỗi", outcome.source)
                ]
            )
            return
    try:
        outcome.product = make(content, template, check=check, name=str(outcome.source))
        outcome.report = outcome.product.report
    except NotConformant as exc:
        outcome.report = exc.report
        outcome.errors.append(not_conformant(exc))
    except KindError as exc:
        outcome.errors += profile_failures(exc, outcome.source)
    except TemplateRenderError as exc:
        outcome.errors.append(template_failure("template.render", str(exc), outcome.source))


def _write(outcome: Outcome, target: Path, data: bytes, force: bool) -> bool:
    try:
        outcome.written.append(write_atomic(target, data, force=force))
    except OutputError as exc:
        outcome.errors.append(output_failure(exc))
        return False
    except OSError as exc:
        outcome.errors.append(write_failure(target, exc))
        return False
    return True


def _pdfs_beside(outcomes: list[Outcome], force: bool) -> None:
    """PDFs beside the written documents, in as few LibreOffice runs as there are cores."""
    if not outcomes:
        return
    try:
        pdfs = convert_to_pdf([o.written[0] for o in outcomes], force=force)
    except PdfError as exc:
        # A document LibreOffice could not convert is that document's failure.
        by_docx = {o.written[0].resolve(): o for o in outcomes}
        for diagnostic in pdf_failures(exc):
            where = diagnostic.location.file if diagnostic.location is not None else ""
            owner = by_docx.get(Path(where).resolve(), outcomes[0]) if where else outcomes[0]
            owner.errors.append(diagnostic)
        if isinstance(exc, ConversionFailed):
            for outcome, made in _converted(outcomes, exc.done):
                outcome.written.append(made)
        return
    for outcome, made in zip(outcomes, pdfs, strict=True):
        outcome.written.append(made)


def _converted(outcomes: list[Outcome], done: Sequence[Path]) -> list[tuple[Outcome, Path]]:
    """The PDFs a failed conversion did make, each with the outcome of its DOCX."""
    by_pdf = {o.written[0].with_suffix(".pdf").resolve(): o for o in outcomes}
    return [(by_pdf[p.resolve()], p) for p in done if p.resolve() in by_pdf]


def _pdf_alone(outcome: Outcome, force: bool) -> None:
    """Write only the PDF: the DOCX is converted in a scratch folder, then moved into place."""
    assert outcome.target is not None and outcome.product is not None
    target = outcome.target
    if target.exists() and not force:
        outcome.errors.append(failure("output.exists", "tệp đã có", file=target, hint=FORCE_HINT))
        return
    with tempfile.TemporaryDirectory(prefix="vanban-") as scratch:
        docx = Path(scratch) / f"{target.stem}.docx"
        docx.write_bytes(outcome.product.docx)
        try:
            (made,) = convert_to_pdf([docx])
        except PdfError as exc:
            outcome.errors += pdf_failures(exc)
            return
        if not pdf_complete(made):
            outcome.errors.append(
                failure(
                    "pdf.failed",
                    "PDF: LibreOffice không tạo được tệp PDF hoàn chỉnh",
                    file=target,
                )
            )
            return
        _write(outcome, target, made.read_bytes(), force)


@dataclass
class Unit:
    """One issued document's files: the DOCX at `target`, its PDF, its sidecar `<name>.json`."""

    product: Product
    target: Path
    sidecar: Callable[[Path | None], bytes] | None = None
    """The sidecar's bytes, given the PDF made beside the DOCX (None without one)."""
    written: list[Path] = field(default_factory=list)


class UnitsNotWritten(Exception):
    """Some file of some unit could not be written; none of the units' files were kept."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(line(d) for d in diagnostics))


def write_units(units: Sequence[Unit], *, pdf: bool = False, pdf_a: bool = False) -> None:
    """Write every unit's DOCX, PDF (with `pdf` or `pdf_a`: PDF/A-2b) and sidecar: all or none.

    Nothing existing is overwritten: every target is checked before anything is
    written. On any failure (a file that exists, a write error, a failed PDF, an
    interruption) every file written here is removed and `UnitsNotWritten` raised.
    PDFs are made in one LibreOffice batch for all units.
    """
    made: list[Path] = []
    try:
        _refuse_existing(units, pdf or pdf_a)
        for unit in units:
            unit.written.append(write_atomic(unit.target, unit.product.docx))
            made.append(unit.target)
        pdfs: list[Path | None] = [None] * len(units)
        if pdf or pdf_a:
            try:
                converted = convert_to_pdf([u.target for u in units], pdf_a=pdf_a)
            except PdfError as exc:
                if isinstance(exc, ConversionFailed):
                    made += exc.done
                raise
            made += converted
            pdfs = list(converted)
            for unit, made_pdf in zip(units, converted, strict=True):
                unit.written.append(made_pdf)
        for unit, made_pdf in zip(units, pdfs, strict=True):
            if unit.sidecar is not None:
                target = unit.target.with_suffix(".json")
                unit.written.append(write_atomic(target, unit.sidecar(made_pdf)))
                made.append(target)
    except BaseException as exc:
        for path in made:
            path.unlink(missing_ok=True)
        for unit in units:
            unit.written.clear()
        if isinstance(exc, OutputError):
            raise UnitsNotWritten([output_failure(exc)]) from exc
        if isinstance(exc, PdfError):
            raise UnitsNotWritten(pdf_failures(exc, prefix="")) from exc
        if isinstance(exc, OSError):
            raise UnitsNotWritten([write_failure(exc.filename or "", exc)]) from exc
        raise


def _refuse_existing(units: Sequence[Unit], pdf: bool) -> None:
    seen: set[Path] = set()
    for unit in units:
        paths = [unit.target, unit.target.with_suffix(".json")]
        if pdf:
            paths.append(unit.target.with_suffix(".pdf"))
        for path in paths:
            if path.exists():
                raise OutputError(path, "tệp đã có; không ghi đè văn bản đã cấp số")
            if path in seen:
                raise OutputError(path, "hai văn bản cùng tên tệp", code="output.duplicate")
            seen.add(path)
