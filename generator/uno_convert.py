"""Convert documents in a running LibreOffice through UNO: the office pool's helper.

Run by a Python that has LibreOffice's `uno` module (Debian's python3-uno),
which need not be the one running vanban, so this file imports nothing of
vanban's:

    python3 uno_convert.py PIPE-NAME

It connects to the LibreOffice listening on `--accept=pipe,name=PIPE-NAME;urp;`,
prints `ready`, then reads `SOURCE<TAB>TARGET.pdf` lines on standard input and
answers each with `ok` or `error <why>` on one line.
"""

import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

CONNECT_WAIT = 30.0


def _prop(name, value):
    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


def _desktop(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    end = time.monotonic() + CONNECT_WAIT
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:  # not listening yet
            if time.monotonic() > end:
                raise
            time.sleep(0.05)
    return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def main():
    desktop = _desktop(sys.argv[1])
    print("ready", flush=True)
    for line in sys.stdin:
        source, _, target = line.rstrip("\n").partition("\t")
        try:
            doc = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(source), "_blank", 0, (_prop("Hidden", True),)
            )
            try:
                doc.storeToURL(
                    uno.systemPathToFileUrl(target), (_prop("FilterName", "writer_pdf_Export"),)
                )
            finally:
                doc.close(True)
            print("ok", flush=True)
        except Exception as exc:  # reported to the pool, which restarts the slot
            print(f"error {type(exc).__name__}: {exc}".replace("\n", " "), flush=True)


if __name__ == "__main__":
    main()
