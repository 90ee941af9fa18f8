"""PNG previews of DOCX pages: PDF through LibreOffice (`generator.pdf`), then poppler.

`pdftoppm` draws the page and `pdfinfo` counts the pages; both come with
poppler-utils. Messages of the exceptions are meant for users (Vietnamese).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from PIL import Image

from generator.pdf import DEFAULT_TIMEOUT, PdfError, convert_to_pdf

POPPLER_HINT = "apt-get install --no-install-recommends poppler-utils"
DEFAULT_DPI = 96
_TOOL_TIMEOUT = 120


class ToolMissing(PdfError):
    """A poppler program (pdftoppm, pdfinfo) is not installed."""

    def __init__(self, tool: str) -> None:
        self.tool = tool
        super().__init__(
            f"Không tìm thấy chương trình {tool} (gói poppler-utils) để tạo ảnh xem trước."
            f" Cài đặt bằng lệnh: {POPPLER_HINT} (thêm sudo nếu không chạy với quyền root)."
        )


class PageOutOfRange(PdfError, ValueError):
    """The page asked for is not in the document."""

    def __init__(self, page: int, pages: int) -> None:
        self.page, self.pages = page, pages
        super().__init__(f"Không có trang {page}: văn bản chỉ có {pages} trang.")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise ToolMissing(name)
    return found


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            cmd, capture_output=True, text=True, timeout=_TOOL_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        raise PdfError(f"{Path(cmd[0]).name} chạy quá {_TOOL_TIMEOUT} giây, đã dừng.") from None


def page_count(pdf_path: str | os.PathLike[str]) -> int:
    """Number of pages of a PDF (`pdfinfo`)."""
    done = _run([_tool("pdfinfo"), str(pdf_path)])
    found = re.search(r"^Pages:\s+(\d+)", done.stdout, re.MULTILINE)
    if done.returncode != 0 or not found:
        raise PdfError(f"Không đọc được tệp PDF {pdf_path}: {done.stderr.strip()}")
    return int(found.group(1))


def pdf_page_png(
    pdf_path: str | os.PathLike[str],
    png_path: str | os.PathLike[str],
    page: int = 1,
    dpi: int = DEFAULT_DPI,
) -> Path:
    """Draw one page of a PDF into `png_path` (replaced atomically if it exists)."""
    if page < 1:
        raise PageOutOfRange(page, page_count(pdf_path))
    pages = page_count(pdf_path)
    if page > pages:
        raise PageOutOfRange(page, pages)
    return _draw(pdf_path, png_path, page, dpi)


def _draw(
    pdf_path: str | os.PathLike[str], png_path: str | os.PathLike[str], page: int, dpi: int
) -> Path:
    """Draw a page known to exist."""
    pdftoppm = _tool("pdftoppm")
    target = Path(png_path).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    # pdftoppm adds `.png` to the name it is given; draw beside the target, then rename.
    stem = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}")
    drawn = stem.with_name(stem.name + ".png")
    try:
        cmd = [pdftoppm, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page)]
        done = _run([*cmd, "-singlefile", str(pdf_path), str(stem)])
        if done.returncode != 0 or not drawn.is_file():
            raise PdfError(f"pdftoppm không vẽ được trang {page}: {done.stderr.strip()}")
        os.replace(drawn, target)
    finally:
        drawn.unlink(missing_ok=True)
    return target


def preview_png(
    docx_path: str | os.PathLike[str],
    png_path: str | os.PathLike[str],
    page: int = 1,
    dpi: int = DEFAULT_DPI,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> Path:
    """Draw page `page` of a DOCX into `png_path`, through a temporary PDF.

    Raises `OfficeMissing`, `ToolMissing`, `PageOutOfRange`, `PdfError`.
    """
    _tool("pdftoppm")  # fail before the slow part when poppler is missing
    with tempfile.TemporaryDirectory(prefix="vanban-preview-") as tmp:
        (pdf,) = convert_to_pdf([docx_path], tmp, jobs=1, timeout=timeout)
        return pdf_page_png(pdf, png_path, page, dpi)


def page_png(
    pdf: bytes, page: int = 1, dpi: int = DEFAULT_DPI, pages: int | None = None
) -> tuple[bytes, int]:
    """One page of a PDF given as bytes, as PNG bytes, and the PDF's number of pages
    (counted unless `pages` is given).

    Raises `ToolMissing`, `PageOutOfRange`, `PdfError`.
    """
    with tempfile.TemporaryDirectory(prefix="vanban-preview-") as tmp:
        source = Path(tmp) / "van-ban.pdf"
        source.write_bytes(pdf)
        pages = pages or page_count(source)
        if not 1 <= page <= pages:
            raise PageOutOfRange(page, pages)
        # pdftoppm draws a page in a few hundredths of a second but takes ten times as long
        # to compress it as PNG; Pillow's faster compression level does it in a tenth.
        stem = Path(tmp) / "trang"
        cmd = [_tool("pdftoppm"), "-r", str(dpi), "-f", str(page), "-l", str(page)]
        done = _run([*cmd, "-singlefile", str(source), str(stem)])
        drawn = stem.with_suffix(".ppm")
        if done.returncode != 0 or not drawn.is_file():
            raise PdfError(f"pdftoppm không vẽ được trang {page}: {done.stderr.strip()}")
        out = io.BytesIO()
        with Image.open(drawn) as image:
            image.save(out, "PNG", compress_level=3)
        return out.getvalue(), pages
