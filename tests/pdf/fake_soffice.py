"""A stand-in for `soffice --convert-to pdf`, to test the batch machinery without LibreOffice.

Each input is a text file whose content says what to do with it:
`ok` (write a one-page PDF), `hang`, `crash` (write half a PDF and die),
`bad` (report it cannot be loaded and go on). `hang-once`/`crash-once` do so
only the first time (a marker file beside the input remembers it).
Every invocation is appended as one JSON line to `$FAKE_SOFFICE_LOG`.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def minimal_pdf(note: str) -> bytes:
    """A valid one-page A4 PDF (poppler reads it); `note` is kept in a comment."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n% " + note.encode("utf-8") + b"\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def main(argv: list[str]) -> int:
    profile = next(a.split("=", 1)[1] for a in argv if a.startswith("-env:UserInstallation="))
    outdir = Path(argv[argv.index("--outdir") + 1])
    files = argv[argv.index("--outdir") + 2 :]
    log = os.environ.get("FAKE_SOFFICE_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps({"pid": os.getpid(), "profile": profile, "files": files}) + "\n")
    for name in files:
        src = Path(name)
        # A real DOCX (a zip) is simply converted.
        action = src.read_bytes()[:100].decode("utf-8", errors="replace").strip()
        marker = src.with_name(src.name + ".seen")
        if action.endswith("-once"):
            if marker.exists():
                action = "ok"
            else:
                marker.write_text("seen")
                action = action.removesuffix("-once")
        target = outdir / (src.stem + ".pdf")
        if action == "hang":
            time.sleep(3600)
        elif action == "crash":
            target.write_bytes(minimal_pdf(str(src))[:40])
            os._exit(134)
        elif action == "bad":
            print("Error: source file could not be loaded", flush=True)
            continue
        elif action.startswith("slow "):
            time.sleep(float(action.split()[1]))
        target.write_bytes(minimal_pdf(str(src)))
        print(f"convert {src} -> {target} using filter : writer_pdf_Export", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
