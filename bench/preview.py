"""Benchmark: the web page's live preview, through the API, first and warm.

    .venv/bin/python bench/preview.py [-n 8] [--pause 0.8] [--workers N]

A fresh app (as `vanban serve` starts it) is asked for the preview of the
example launch notice: `first` is the first answer, LibreOffice just started.
Then `n` edits (the subject changes each time, so nothing is cached) are sent
one after another with `--pause` seconds between them, as a clerk types and
stops; `warm` is their median. The baseline in the same run is the way
`vanban preview` draws a page: one LibreOffice start per preview (median of
three). Prints seconds, the ratio, and the target (warm < 1 s on two cores).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from generator.pipeline import render_content  # noqa: E402
from generator.preview import preview_png  # noqa: E402
from generator.web import Settings, create_app  # noqa: E402

EXAMPLE = ROOT / "content" / "examples" / "phat-dong-cuc-ctdp-2024.yaml"
YAML = {"Content-Type": "application/yaml"}
TARGET_WARM = 1.0


def timed_preview(client: TestClient, text: str) -> float:
    started = time.perf_counter()
    answer = client.post("/api/preview?page=1", content=text.encode(), headers=YAML)
    elapsed = time.perf_counter() - started
    if answer.status_code != 200:
        raise SystemExit(f"preview failed: {answer.status_code} {answer.text[:200]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=8, help="edits timed warm")
    parser.add_argument("--pause", type=float, default=0.8, help="seconds between edits")
    parser.add_argument("--workers", type=int, default=None, help="warm LibreOffice instances")
    args = parser.parse_args()
    text = EXAMPLE.read_text("utf-8")

    app = create_app(Settings(office_workers=args.workers))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:  # starts the pool
        first = timed_preview(client, text)
        warm = []
        for n in range(args.n):
            time.sleep(args.pause)
            edited = text.replace("subject: Năm 2024", f"subject: Năm {2030 + n}")
            warm.append(timed_preview(client, edited))

    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / "a.docx"
        docx.write_bytes(render_content(EXAMPLE))
        cold = []
        for _ in range(3):
            started = time.perf_counter()
            preview_png(docx, Path(tmp) / "a.png", 1, 80)
            cold.append(time.perf_counter() - started)

    median = statistics.median(warm)
    baseline = statistics.median(cold)
    print(f"workers: {app.state.pool.size}, edits: {args.n}, pause: {args.pause} s")
    print(f"first preview (LibreOffice just started): {first:.2f} s")
    print(
        f"warm preview, median of {args.n} edits:    {median:.2f} s "
        f"(min {min(warm):.2f}, max {max(warm):.2f})"
    )
    print(f"baseline, one LibreOffice start per preview (vanban preview): {baseline:.2f} s")
    print(
        f"warm / baseline: {baseline / median:.1f}x faster; target warm < {TARGET_WARM:.1f} s: "
        f"{'met' if median < TARGET_WARM else 'NOT met'}"
    )
    return 0 if median < TARGET_WARM else 1


if __name__ == "__main__":
    raise SystemExit(main())
