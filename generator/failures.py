"""Failures that stop a document from being written, as diagnostics.

Content mistakes and checker findings are diagnostics where they are found; so are the
failures around them: a template that cannot be used, an output file that exists or
cannot be written, a PDF LibreOffice could not make, a register that cannot be used.
Each has a stable code (`output.exists`, `pdf.no_office`, `template.render`…) and, where
there is one, the file it is about as its location (the output path, the template).

`line()` prints one as the command line has always printed such failures,
`file: message; hint`, one line each.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.diagnostics import ERROR, ContentLocation, Diagnostic, DocxLocation, file_location
from generator.kinds import KindError
from generator.output import OutputError
from generator.pdf import ConversionFailed, OfficeMissing, PdfError, PdfExists
from generator.regimes import RegimeError
from generator.templating.report import TemplateProblem


def failure(
    code: str, message: str, *, file: Path | str | None = None, hint: str | None = None
) -> Diagnostic:
    """An error about a file as a whole (or about no file, with `file` None)."""
    location = file_location(str(file)) if file is not None else None
    return Diagnostic(code, ERROR, message, hint or None, location)


def line(diagnostic: Diagnostic) -> str:
    """A failure as one line of the command line's text output: `file: message; hint` for
    one about a file as a whole, `file: place: severity: message…` for one at a place in it."""
    if isinstance(diagnostic.location, ContentLocation):
        return str(diagnostic)  # `file:line:col: path: message`, as content problems read
    where = diagnostic.location.file if diagnostic.location is not None else ""
    if diagnostic.place():
        return f"{where}: {diagnostic}" if where else str(diagnostic)
    text = f"{where}: {diagnostic.message}" if where else diagnostic.message
    if diagnostic.hint:
        text += f"; {diagnostic.hint}"
    return text


def in_template(problem: TemplateProblem, template: Path | str) -> TemplateProblem:
    """A template problem naming the template file it was found in."""
    location = problem.location
    if isinstance(location, DocxLocation):
        location = replace(location, file=str(template))
    elif location is None:
        location = file_location(str(template))
    return TemplateProblem(
        problem.code,
        problem.severity,
        problem.message,
        problem.hint,
        location,
        problem.excerpt,
        problem.where,
    )


def output_failure(exc: OutputError) -> Diagnostic:
    return failure(exc.code, exc.reason, file=exc.path, hint=exc.hint)


def write_failure(path: Path | str, exc: OSError) -> Diagnostic:
    """An output file the system would not write (no room, no permission…)."""
    return failure("output.write", f"không ghi được tệp: {exc.strerror or exc}", file=path)


def read_failure(path: Path | str, exc: OSError) -> Diagnostic:
    return failure("content.unreadable", f"không đọc được tệp: {exc.strerror or exc}", file=path)


def pdf_failures(exc: PdfError, *, prefix: str = "PDF: ") -> list[Diagnostic]:
    """A failed PDF step: one diagnostic per document LibreOffice could not convert (located
    at the DOCX it was given), or one for the step (LibreOffice missing, PDFs existing)."""
    if isinstance(exc, ConversionFailed):
        return [
            failure("pdf.failed", f"{prefix}LibreOffice không chuyển được sang PDF: {why}", file=p)
            for p, why in exc.failed.items()
        ]
    if isinstance(exc, OfficeMissing):
        return [failure("pdf.no_office", f"{prefix}{exc}")]
    if isinstance(exc, PdfExists):
        return [failure("output.exists", f"{prefix}{exc}")]
    return [failure("pdf.failed", f"{prefix}{exc}")]


def template_failure(code: str, message: str, template: Path | str | None) -> Diagnostic:
    """A template that cannot be used: located at the template file where it is known."""
    return failure(code, message, file=template)


def profile_failures(exc: KindError | RegimeError, file: Path | str) -> list[Diagnostic]:
    """A kind or regime profile that cannot be used: what it stopped (at `file`, the content
    that asked for it), then each of the profile's mistakes, located in the profile."""
    code = "profile.kind" if isinstance(exc, KindError) else "profile.regime"
    head = str(exc).split("\n", 1)[0] if exc.problems else str(exc)
    return [failure(code, head, file=file), *exc.problems]
