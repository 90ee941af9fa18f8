"""`vanban batch --pdf`: PDFs beside the documents a batch wrote, stoppable between documents.

The documents are converted a few at a time (as many as LibreOffice runs side by side);
Ctrl-C or SIGTERM only sets a flag (`generator.batch.stop`), looked at between two such
groups, so a stopped PDF step leaves whole PDFs only, and the manifest then names the
PDFs made. A document LibreOffice could not convert is a diagnostic of its row.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.batch.folder import entries
from generator.batch.manifest import write_manifest
from generator.batch.runner import BatchReport
from generator.batch.stop import Interrupted, StopFlag
from generator.diagnostics import Diagnostic
from generator.failures import pdf_failures
from generator.pdf import ConversionFailed, OfficeMissing, PdfError, convert_to_pdf, default_jobs
from generator.problems import Problem


@dataclass
class PdfResult:
    made: dict[int, Path] = field(default_factory=dict)
    """The PDF of each row that has one, by the row's line in the data file."""
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def batch_pdfs(report: BatchReport, *, force: bool = False, group: int | None = None) -> PdfResult:
    """Convert every document `report` wrote; the manifest then names each row's PDF.

    Raises `Interrupted` (its `manifest` naming the PDFs made) when asked to stop.
    """
    result = PdfResult()
    rows = report.written
    size = max(1, group or default_jobs())
    with StopFlag() as stop:
        try:
            for start in range(0, len(rows), size):
                stop.check()
                chunk = rows[start : start + size]
                if not _convert(report, chunk, force, result):
                    break
        except Interrupted as exc:
            raise Interrupted(exc.signum, _record(report, result)) from exc
    _record(report, result)
    return result


def _convert(report: BatchReport, rows: list, force: bool, result: PdfResult) -> bool:
    """One group; False when LibreOffice cannot run at all (the rest would fail alike)."""
    docs = [report.out_dir / r.file for r in rows]
    try:
        made = convert_to_pdf(docs, force=force)
    except PdfError as exc:
        if isinstance(exc, ConversionFailed):
            done = {p.resolve() for p in exc.done}
            for row, doc in zip(rows, docs, strict=True):
                pdf = doc.with_suffix(".pdf")
                if pdf.resolve() in done:
                    result.made[row.line] = pdf
            failed = {Path(p).resolve(): why for p, why in exc.failed.items()}
            for row, doc in zip(rows, docs, strict=True):
                why = failed.get(doc.resolve())
                if why is not None:
                    result.problems.append(
                        Problem(
                            report.data_name,
                            row.line,
                            None,
                            "",
                            f"{doc.name}: LibreOffice không chuyển được sang PDF: {why}",
                            code="pdf.failed",
                        )
                    )
            return True
        result.problems += pdf_failures(exc)
        return not isinstance(exc, OfficeMissing)
    for row, pdf in zip(rows, made, strict=True):
        result.made[row.line] = pdf
    return True


def _record(report: BatchReport, result: PdfResult) -> Path | None:
    """Name each row's PDF in the manifest (when the batch wrote one)."""
    if report.manifest is None:
        return None
    names = {line: pdf.name for line, pdf in result.made.items()}
    return write_manifest(
        report.manifest,
        [replace(e, pdf=names.get(e.row, "")) for e in entries(report.results, report.data_name)],
    )
