"""Draw page 1 of every example into `docs/img/<example>.png`, for the README.

    .venv/bin/python tools/previews.py [--dpi 80] [--out-dir docs/img] [CONTENT.yaml ...]

All examples go through LibreOffice in one batch, then pdftoppm draws each
first page. Existing images are replaced.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.pdf import PdfError, convert_to_pdf  # noqa: E402
from generator.pipeline import render_content  # noqa: E402
from generator.preview import pdf_page_png  # noqa: E402
from generator.problems import ContentError  # noqa: E402

DEFAULT_DPI = 80


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "contents", nargs="*", type=Path, help="content files (default: content/examples/*.yaml)"
    )
    parser.add_argument("--dpi", type=int, default=DEFAULT_DPI)
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args(argv)
    contents = args.contents or sorted((ROOT / "content" / "examples").glob("*.yaml"))
    if not contents:
        print("Không có tệp nội dung nào.", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory(prefix="vanban-previews-") as tmp:
        docs = []
        for content in contents:
            docx = Path(tmp) / f"{content.stem}.docx"
            try:
                docx.write_bytes(render_content(content))
            except ContentError as exc:
                print(f"Lỗi: {exc}", file=sys.stderr)
                return 1
            docs.append(docx)
        try:
            pdfs = convert_to_pdf(docs, Path(tmp) / "pdf")
            for content, pdf in zip(contents, pdfs, strict=True):
                png = pdf_page_png(pdf, args.out_dir / f"{content.stem}.png", 1, args.dpi)
                print(f"Đã tạo {png.relative_to(ROOT) if png.is_relative_to(ROOT) else png}")
        except PdfError as exc:
            print(f"Lỗi: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
