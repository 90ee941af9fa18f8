"""The page in a real browser: Debian's Chromium, headless, driven by Selenium."""

from __future__ import annotations

import hashlib
import io
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from generator import nd30

from ..docxread import all_text, open_docx
from .conftest import EXAMPLES, need

CHROMIUM = ("chromium", "chromium-browser", "google-chrome")
DRIVER = "chromedriver"
LAUNCH = EXAMPLES / "phat-dong-cuc-ctdp-2024.yaml"


@pytest.fixture(scope="module")
def browser(tmp_path_factory, office):
    binary = next((shutil.which(b) for b in CHROMIUM if shutil.which(b)), None)
    driver_path = shutil.which(DRIVER) or (
        "/usr/lib/chromium/chromedriver"
        if Path("/usr/lib/chromium/chromedriver").exists()
        else None
    )
    if not binary or not driver_path:
        need("Chromium and its driver", "apt-get install chromium chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    options = Options()
    options.binary_location = binary
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--lang=vi",
    ):
        options.add_argument(arg)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
        },
    )
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.downloads = downloads
    yield driver
    driver.quit()


def wait(condition, timeout: float = 90.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def by_testid(driver, name: str):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, f'[data-testid="{name}"]')


def open_section(driver, details_id: str) -> None:
    """Open a folded section by its summary, as a user does, and wait until it is open.

    A click that lands while the page is still laying out can miss; it is tried again then.
    """
    is_open = f"return document.getElementById('{details_id}').open"
    for _ in range(3):
        driver.find_element("css selector", f"#{details_id} summary").click()
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            if driver.execute_script(is_open):
                return
            time.sleep(0.1)
    pytest.fail(f"#{details_id} did not open")


def preview_state(driver) -> tuple[str, str]:
    """The preview's version and a hash of its pixels as the browser drew them."""
    version = by_testid(driver, "preview").get_attribute("data-version") or ""
    pixels = driver.execute_script("""
        const img = document.querySelector('[data-testid="preview"]');
        if (!img.complete || !img.naturalWidth) return '';
        const c = document.createElement('canvas');
        c.width = img.naturalWidth; c.height = img.naturalHeight;
        c.getContext('2d').drawImage(img, 0, 0);
        return c.toDataURL('image/png');""")
    return version, hashlib.sha256(pixels.encode()).hexdigest() if pixels else ""


def loaded_preview(driver, after: str = "") -> tuple[str, str]:
    return wait(
        lambda: (lambda s: s if s[0] and s[0] != after and s[1] else None)(preview_state(driver)),
        what="the preview",
    )


def choose_kind(driver, name: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(by_testid(driver, "kind")).select_by_value(name)


def type_into(element, text: str) -> None:
    from selenium.webdriver.common.keys import Keys

    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(Keys.DELETE)
    element.send_keys(text)


def test_a_clerk_makes_a_document(browser, live_server):
    driver = browser
    driver.get(live_server + "/")
    first = loaded_preview(driver)

    # Another kind: its own form, from its starter (members for a covenant).
    choose_kind(driver, "giao_uoc")
    wait(
        lambda: driver.find_elements("css selector", '[data-field="members"]'), what="covenant form"
    )
    covenant = loaded_preview(driver, after=first[0])
    assert covenant[1] != first[1]
    choose_kind(driver, "phat_dong")
    wait(
        lambda: not driver.find_elements("css selector", '[data-field="members"]'),
        what="launch notice form",
    )
    before = loaded_preview(driver, after=covenant[0])

    # Edit the subject: the printed page changes.
    type_into(by_testid(driver, "field-subject"), "Năm 2031 đổi mới")
    after = loaded_preview(driver, after=before[0])
    assert after[1] != before[1]

    # A bad edit: the problem is listed, located, and shown beside its field.
    type_into(by_testid(driver, "field-place"), " ")
    problems = wait(lambda: by_testid(driver, "problems").text, what="problems")
    assert "place" in problems and "dòng" in problems and "cột" in problems
    beside = driver.find_element(
        "css selector", '[data-field="place"] [data-testid="field-problem"]'
    )
    assert beside.text
    assert by_testid(driver, "field-place").get_attribute("aria-invalid") == "true"
    type_into(by_testid(driver, "field-place"), "Hà Nội")
    wait(lambda: not by_testid(driver, "problems").text.strip(), what="problems cleared")

    # Download the DOCX and open it.
    by_testid(driver, "download-docx").click()
    docx = wait(lambda: next(iter(driver.downloads.glob("*.docx")), None), what="the download")
    text = wait(
        lambda: docx.stat().st_size and all_text(open_docx(docx.read_bytes())),
        what="a complete download",
    )
    assert "Năm 2031 đổi mới" in text and "Hà Nội, ngày" in text


def test_a_signer_name_mistake_is_shown_beside_its_own_field(browser, live_server):
    """The page shows the diagnostics the API gives (`vanban validate --json`'s), each next to
    the field its location's path names, down to a field inside a list."""
    driver = browser
    driver.get(live_server + "/")
    loaded_preview(driver)
    written = "nguyễn văn an"
    type_into(by_testid(driver, "field-signatories[0].name"), written)
    selector = '[data-field="signatories[0].name"] > .field-problems [data-testid="field-problem"]'
    beside = wait(lambda: driver.find_elements("css selector", selector), what="field problem")
    message, hint = nd30.person_name_problem(written)
    assert [b.text for b in beside] == [f"{message} (gợi ý: {hint})"]
    assert beside[0].get_attribute("data-code") == "content.person_name"
    # Only that field: the one next to it (the title) has nothing to say.
    title = '[data-field="signatories[0].title"] [data-testid="field-problem"]'
    assert not driver.find_elements("css selector", title)
    assert "signatories[0].name" in by_testid(driver, "problems").text


def test_page_turns_and_keyboard(browser, live_server):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver = browser
    driver.get(live_server + "/")
    starter = loaded_preview(driver)
    # Open a content file of several pages, as written for the command line.
    by_testid(driver, "open").send_keys(str(LAUNCH))
    first = loaded_preview(driver, after=starter[0])
    assert by_testid(driver, "field-subject").get_attribute("value") == "Năm 2024"
    assert by_testid(driver, "page-label").text.startswith("Trang 1/")
    by_testid(driver, "page-next").send_keys(Keys.ENTER)
    second = loaded_preview(driver, after=first[0])
    assert second[1] != first[1]
    assert by_testid(driver, "page-label").text.startswith("Trang 2/")
    # The controls are reached with the Tab key alone.
    driver.execute_script("document.querySelector('.skip').focus()")
    reached = set()
    for _ in range(80):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        reached.add(driver.switch_to.active_element.get_attribute("data-testid"))
    assert {"kind", "open", "save", "download-docx", "download-pdf", "field-subject"} <= reached
    # Nothing is loaded from elsewhere: the page works offline.
    sources = driver.execute_script(
        "return [...document.querySelectorAll('script[src],link[href]')].map(e => e.src || e.href)"
    )
    assert sources and all(s.startswith(live_server + "/") for s in sources)


def test_batch_from_the_page(browser, live_server):
    import urllib.request

    driver = browser
    driver.get(live_server + "/")
    open_section(driver, "batch-details")
    batch = EXAMPLES / "batch"
    by_testid(driver, "batch-master").send_keys(str(batch / "phat-dong-master.yaml"))
    by_testid(driver, "batch-data").send_keys(str(batch / "units.xlsx"))
    by_testid(driver, "batch-name").send_keys("{kind}-{place}-{number}")
    by_testid(driver, "batch-pdf").click()
    by_testid(driver, "batch-start").click()
    link = wait(
        lambda: (lambda a: a if a.get_attribute("hidden") is None else None)(
            by_testid(driver, "batch-result")
        ),
        what="the batch to finish",
    )
    progress = by_testid(driver, "batch-progress")
    assert progress.get_attribute("value") == progress.get_attribute("max") != "0"
    assert "Xong" in by_testid(driver, "batch-status").text
    with urllib.request.urlopen(link.get_attribute("href")) as answer:
        assert answer.headers["Content-Type"] == "application/zip"
        names = zipfile.ZipFile(io.BytesIO(answer.read())).namelist()
    # The box ticked: each document with its PDF.
    documents = sorted(n.removesuffix(".docx") for n in names if n.endswith(".docx"))
    assert documents and documents == sorted(
        n.removesuffix(".pdf") for n in names if n.endswith(".pdf")
    )


def test_the_preview_holds_a_page_s_place_before_it_arrives(browser, live_server):
    # Sections below the preview must not move when the page image loads, or a click aimed
    # at them while it loads lands elsewhere.
    driver = browser
    driver.get(live_server + "/")
    loaded_preview(driver)
    width, height = driver.execute_script("""
        const img = document.querySelector('[data-testid="preview"]');
        img.removeAttribute('src');
        const box = img.getBoundingClientRect();
        return [box.width, box.height];""")
    assert width > 300
    assert height / width == pytest.approx(297 / 210, rel=0.02)


def test_the_regime_is_chosen_from_the_profiles(browser, live_server):
    from selenium.webdriver.support.ui import Select

    from generator.regimes import available_regimes

    driver = browser
    driver.get(live_server + "/")
    first = loaded_preview(driver)
    choose_kind(driver, "ke_hoach")
    before = loaded_preview(driver, after=first[0])
    # An optional field: added from the list of fields, it shows the default regime.
    Select(by_testid(driver, "add-field-root")).select_by_value("regime")
    regime = Select(
        wait(
            lambda: driver.find_elements("css selector", '[data-testid="field-regime"]'),
            what="the regime field",
        )[0]
    )
    # Each regime found in templates/regimes/, shown by its profile's label, the state's first.
    labels = {name: r.label for name, r in available_regimes().items()}
    assert [o.text for o in regime.options][0] == labels["nha_nuoc"]
    assert sorted(o.text for o in regime.options) == sorted(labels.values())
    assert regime.first_selected_option.text == labels["nha_nuoc"]
    regime.select_by_visible_text(labels["dang"])
    wait(
        lambda: (lambda s: s[1] and s[1] != before[1])(preview_state(driver)),
        what="the Party document's preview",
    )
    for old in driver.downloads.glob("*.docx"):
        old.unlink()
    by_testid(driver, "download-docx").click()
    docx = wait(lambda: next(iter(driver.downloads.glob("*.docx")), None), what="the download")
    text = wait(
        lambda: docx.stat().st_size and all_text(open_docx(docx.read_bytes())),
        what="a complete download",
    )
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "CỘNG HÒA XÃ HỘI" not in text
