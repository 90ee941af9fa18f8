"""`vanban pdf` and `vanban preview`: office output through LibreOffice.

Exit codes: 0 done, 1 failure (conversion, missing program, content mistakes),
2 usage mistakes. User mistakes are reported in Vietnamese, without tracebacks.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import NoReturn

import click

from generator.pdf import PdfError, convert_to_pdf
from generator.preview import DEFAULT_DPI, preview_png

CONTENT_SUFFIXES = (".yaml", ".yml", ".json")
DOCX_SUFFIXES = (".docx",)


def _fail(message: str) -> NoReturn:
    click.echo(f"Lỗi: {message}", err=True)
    raise click.exceptions.Exit(1)


def _check_inputs(paths: tuple[Path, ...], allowed: tuple[str, ...], hint: str) -> None:
    for path in paths:
        if not path.is_file():
            raise click.UsageError(f"không tìm thấy tệp {path}")
        if path.suffix.lower() not in allowed:
            raise click.UsageError(f"{path}: {hint}")


@click.command("pdf")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Thư mục ghi tệp PDF (mặc định: cạnh từng tệp DOCX).",
)
@click.option("--force", is_flag=True, help="Ghi đè tệp PDF đã có.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Số tiến trình LibreOffice chạy song song (mặc định: số nhân CPU).",
)
def pdf_command(
    files: tuple[Path, ...], out_dir: Path | None, force: bool, jobs: int | None
) -> None:
    """Chuyển các tệp DOCX sang PDF bằng LibreOffice (một lần chạy cho cả loạt)."""
    _check_inputs(
        files,
        DOCX_SUFFIXES,
        "chỉ nhận tệp .docx (với tệp nội dung .yaml/.json hãy dùng `vanban render --pdf`)",
    )
    try:
        pdfs = convert_to_pdf(files, out_dir, jobs=jobs, force=force)
    except ValueError as exc:  # two inputs would make the same PDF
        raise click.UsageError(str(exc)) from None
    except (PdfError, OSError) as exc:
        _fail(str(exc))
    for docx, pdf in dict(zip(files, pdfs, strict=True)).items():
        click.echo(f"{docx} → {pdf}")


@click.command("preview")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Tệp ảnh PNG cần ghi (mặc định: <tên tệp>.png trong thư mục hiện tại).",
)
@click.option(
    "--page", type=click.IntRange(min=1), default=1, show_default=True, help="Trang cần xem."
)
@click.option(
    "--dpi",
    type=click.IntRange(min=20, max=600),
    default=DEFAULT_DPI,
    show_default=True,
    help="Độ phân giải của ảnh.",
)
def preview_command(source: Path, output: Path | None, page: int, dpi: int) -> None:
    """Vẽ một trang của văn bản (tệp nội dung .yaml/.json hoặc .docx) ra ảnh PNG."""
    _check_inputs(
        (source,),
        CONTENT_SUFFIXES + DOCX_SUFFIXES,
        "chỉ nhận tệp nội dung .yaml/.json hoặc tệp .docx",
    )
    if output is None:
        suffix = "" if page == 1 else f"-trang{page}"
        output = Path(f"{source.stem}{suffix}.png")
    elif output.suffix.lower() != ".png":
        raise click.UsageError(f"tệp ảnh phải có đuôi .png: {output}")

    with tempfile.TemporaryDirectory(prefix="vanban-preview-") as tmp:
        docx = source
        if source.suffix.lower() in CONTENT_SUFFIXES:
            docx = Path(tmp) / f"{source.stem}.docx"
            docx.write_bytes(_render(source))
        try:
            preview_png(docx, output, page, dpi)
        except (PdfError, OSError) as exc:
            _fail(str(exc))
    click.echo(f"{source} → {output}")


def _render(source: Path) -> bytes:
    """The DOCX of a content file; content mistakes end the command with their list."""
    # Imported here: the renderer (docxtpl, jinja2) is only needed for content files.
    from generator.kinds import KindError
    from generator.pipeline import render_content
    from generator.problems import ContentError
    from generator.render import TemplateRenderError

    try:
        return render_content(source)
    except ContentError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        _fail(f"{source}: nội dung có {len(exc.problems)} lỗi, chưa tạo ảnh xem trước.")
    except (KindError, TemplateRenderError) as exc:
        _fail(f"mẫu văn bản có lỗi: {exc}")
    except OSError as exc:
        _fail(f"không đọc được {source}: {exc.strerror or exc}")
