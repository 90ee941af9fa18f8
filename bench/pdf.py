"""Benchmark: PDF of many documents, vanban's batch against one LibreOffice start per document.

    .venv/bin/python bench/pdf.py [-n 50] [--jobs N] [--docx FILE] [--naive K]

One DOCX (the first example, rendered; else a real fixture) is copied under
`n` names; both ways convert the same copies in the same run, and the seconds
per document (the batch: median of three rounds), the ratio and the target
(>= 12x, < 60 ms a document on 2 cores) are printed. `--naive K` times only
the first K one-per-document starts.

Then every example is rendered, converted in one batch, and the words
pdftotext finds are compared with the words of the DOCX: each word must come
out whole (no `đ ầu t ư`) and in NFC. The exit status is 1 if any is not.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.pdf import convert_to_pdf, default_jobs, require_soffice  # noqa: E402

EXAMPLES = sorted((ROOT / "content" / "examples").glob("*.yaml"))
REAL = ROOT.parent / "shared" / "fixtures" / "real" / "nd30-2020-decree.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XHTML = "{http://www.w3.org/1999/xhtml}"
TARGET_RATIO = 12.0
TARGET_PER_DOC = 0.060


def source_docx(tmp: Path, given: Path | None) -> Path:
    if given:
        return given
    if EXAMPLES:
        from generator.pipeline import render_content

        path = tmp / f"{EXAMPLES[0].stem}.docx"
        path.write_bytes(render_content(EXAMPLES[0]))
        return path
    if REAL.is_file():
        return REAL
    sys.exit("no document to convert: give --docx FILE")


def one_start_per_document(soffice: str, docs: list[Path], out: Path, profile: Path) -> None:
    """The usual way: `soffice --convert-to pdf` once for each file (profile kept warm)."""
    for doc in docs:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(doc),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=300,
            check=True,
        )


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# --- every word whole ---------------------------------------------------------------------

EDGE = re.compile(r"^\W+|\W+$")


def words(text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for raw in text.split():
        word = EDGE.sub("", raw)
        if any(ch.isalpha() for ch in word):
            found[word.casefold()] += 1
    return found


def docx_words(docx: Path) -> Counter[str]:
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    lines = []
    for para in root.iter(f"{W}p"):
        parts = [
            (el.text or "") if el.tag == f"{W}t" else " "
            for el in para.iter(f"{W}t", f"{W}tab", f"{W}br")
            if next(el.iterancestors(f"{W}p"), None) == para
        ]
        lines.append("".join(parts))
    return words("\n".join(lines))


def pdf_words(pdf: Path) -> tuple[Counter[str], str]:
    # Word boxes, not plain pdftotext: its reading-order pass can glue one-letter words.
    xml = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True, huge_tree=True))
    text = " ".join(w.text or "" for w in root.iter(f"{XHTML}word"))
    return words(text), text


def check_examples(tmp: Path) -> bool:
    if not EXAMPLES:
        print("words: no examples to check")
        return True
    if not shutil.which("pdftotext"):
        sys.exit("pdftotext is missing: apt-get install --no-install-recommends poppler-utils")
    from generator.pipeline import render_content

    src = tmp / "examples"
    src.mkdir()
    docs = []
    for example in EXAMPLES:
        docs.append(src / f"{example.stem}.docx")
        docs[-1].write_bytes(render_content(example))
    ok = True
    for docx, pdf in zip(docs, convert_to_pdf(docs, tmp / "examples-pdf"), strict=True):
        want = docx_words(docx)
        got, text = pdf_words(pdf)
        problems = []
        if text != unicodedata.normalize("NFC", text):
            problems.append("text not NFC")
        if want - got:
            problems.append(f"missing or split: {dict(want - got)}")
        if got - want:
            problems.append(f"pieces: {dict(got - want)}")
        print(
            f"words: {docx.stem}: {sum(want.values())} words, "
            + ("; ".join(problems) if problems else "all whole")
        )
        ok = ok and not problems
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=50, help="documents in the batch")
    parser.add_argument("--jobs", type=int, default=None, help="LibreOffice runs (default: cores)")
    parser.add_argument("--docx", type=Path, help="the document to copy (default: an example)")
    parser.add_argument(
        "--naive", type=int, default=None, help="time only this many one-per-document starts"
    )
    args = parser.parse_args()
    soffice = require_soffice()
    jobs = args.jobs or default_jobs()

    with tempfile.TemporaryDirectory(prefix="vanban-bench-") as scratch:
        tmp = Path(scratch)
        source = source_docx(tmp, args.docx)
        copies = tmp / "docs"
        copies.mkdir()
        docs = [
            Path(shutil.copy(source, copies / f"van-ban-{i:03d}.docx"))
            for i in range(1, args.n + 1)
        ]
        naive_docs = docs[: args.naive or len(docs)]
        profile = tmp / "profile"
        # Create the single-start profile first so the naive way is not charged for it.
        one_start_per_document(soffice, docs[:1], tmp / "warm", profile)

        # The batch takes seconds, so other work on the machine weighs on it: median of 3.
        rounds = sorted(
            timed(lambda n=n: convert_to_pdf(docs, tmp / f"out-batch-{n}", jobs=jobs))
            for n in range(3)
        )
        batch = rounds[1]
        naive = timed(
            lambda: one_start_per_document(soffice, naive_docs, tmp / "out-naive", profile)
        )
        per_batch, per_naive = batch / len(docs), naive / len(naive_docs)
        ratio = per_naive / per_batch
        print(
            f"document: {source.name} ({source.stat().st_size} bytes), {len(docs)} copies,"
            f" {os.cpu_count()} cores, jobs={jobs}"
        )
        print(f"vanban batch:          {per_batch * 1000:7.1f} ms/document  ({batch:.2f} s)")
        print(
            f"one start per document:{per_naive * 1000:7.1f} ms/document  ({naive:.2f} s"
            f" for {len(naive_docs)})"
        )
        met = ratio >= TARGET_RATIO and per_batch < TARGET_PER_DOC
        print(
            f"ratio: {ratio:.1f}x faster (target >= {TARGET_RATIO:.0f}x and"
            f" < {TARGET_PER_DOC * 1000:.0f} ms/document on 2 cores: {'met' if met else 'NOT met'})"
        )

        return 0 if check_examples(tmp) else 1


if __name__ == "__main__":
    sys.exit(main())
