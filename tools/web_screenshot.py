"""Screenshot of the web page for the README: `docs/img/web-page.png`.

    .venv/bin/python tools/web_screenshot.py [--out docs/img/web-page.png]

Serves the app on a free port, opens the page in Debian's headless Chromium,
opens the example launch notice, waits for the printed page, and saves the
window reduced to 256 colours (a small file that still reads well).
"""

from __future__ import annotations

import argparse
import io
import socket
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import uvicorn  # noqa: E402
from PIL import Image  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

from generator.web import create_app  # noqa: E402

EXAMPLE = ROOT / "content" / "examples" / "phat-dong-cuc-ctdp-2024.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "web-page.png")
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--window-size=1280,900", "--hide-scrollbars"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(f"http://127.0.0.1:{port}/")
        time.sleep(1)
        driver.find_element("css selector", '[data-testid="open"]').send_keys(str(EXAMPLE))
        deadline = time.monotonic() + 60
        while "Năm 2024" not in (
            driver.find_element("css selector", '[data-testid="field-subject"]').get_attribute(
                "value"
            )
            or ""
        ):
            time.sleep(0.2)
        while time.monotonic() < deadline:
            if "đã cập nhật" in driver.find_element("id", "status").text:
                break
            time.sleep(0.2)
        shot = driver.get_screenshot_as_png()
    finally:
        driver.quit()
        server.should_exit = True
    image = Image.open(io.BytesIO(shot)).convert("RGB").quantize(256)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    image.save(args.out, optimize=True)
    print(f"{args.out}: {args.out.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
