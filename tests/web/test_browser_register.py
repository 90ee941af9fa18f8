"""Cấp số from the page, in a real browser, on a server started with a register."""

from __future__ import annotations

import urllib.request

import pytest

from generator.web import Settings, create_app

from ..docxread import all_text, open_docx
from .conftest import serving
from .test_browser import browser, by_testid, loaded_preview, open_section, type_into, wait  # noqa: F401

ISSUE_DAY = "2025-03-08"


@pytest.fixture(scope="module")
def register_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("register")
    app = create_app(
        Settings(
            register=str(folder / "so-van-ban-di.sqlite"),
            out_dir=folder / "issued",
            office_workers=1,
        )
    )
    with serving(app) as address:
        yield address
    app.state.pool.close()


def issue_from_dialog(driver, day: str) -> None:
    from selenium.webdriver.common.keys import Keys

    # Reached and pressed with the keyboard, like every control of the page.
    by_testid(driver, "issue").send_keys(Keys.ENTER)
    dialog = by_testid(driver, "issue-dialog")
    wait(lambda: dialog.get_attribute("open") is not None, what="the Cấp số dialog")
    driver.execute_script("arguments[0].value = arguments[1]", by_testid(driver, "issue-date"), day)
    by_testid(driver, "issue-confirm").send_keys(Keys.ENTER)


def test_a_clerk_issues_a_number(browser, register_server):  # noqa: F811
    driver = browser
    driver.get(register_server + "/")
    before = loaded_preview(driver)
    type_into(by_testid(driver, "field-subject"), "Năm 2025 cấp số")
    loaded_preview(driver, after=before[0])

    issue_from_dialog(driver, ISSUE_DAY)
    code = wait(
        lambda: driver.find_elements("css selector", '[data-testid="issued-code"]'),
        what="the number issued",
    )[0].text
    assert code == "01/PĐTĐ-CTĐP"
    assert by_testid(driver, "issued-date").text == "08/03/2025"
    # The form now carries the number and the date it was issued with.
    assert by_testid(driver, "field-number").get_attribute("value") == "1"

    # The register table shows it.
    open_section(driver, "register-details")
    row = wait(
        lambda: driver.find_elements(
            "css selector", f'[data-testid="register-row"][data-code="{code}"]'
        ),
        what="the row in the register",
    )[0]
    assert "08/03/2025" in row.text and "thi đua năm 2025 cấp số" in row.text

    # The DOCX downloaded prints the number and the date.
    by_testid(driver, "issued-docx").click()
    docx = wait(lambda: next(iter(driver.downloads.glob("*-01-2025.docx")), None), what="the DOCX")
    text = wait(
        lambda: docx.stat().st_size and all_text(open_docx(docx.read_bytes())),
        what="a complete download",
    )
    assert "Số: 01/PĐTĐ-CTĐP" in text and "ngày 08 tháng 3 năm 2025" in text
    assert "Năm 2025 cấp số" in text

    # Pressing Cấp số again on the same document is refused at its number: none consumed.
    issue_from_dialog(driver, ISSUE_DAY)
    problems = wait(lambda: by_testid(driver, "problems").text, what="the refusal")
    assert "number" in problems and "đã cấp" in problems
    assert "Chưa cấp số" in by_testid(driver, "issue-result").text
    rows = driver.find_elements("css selector", '[data-testid="register-row"]')
    assert len(rows) == 1

    # The register's export, filtered by year.
    type_into(by_testid(driver, "register-year"), "2025")
    by_testid(driver, "register-show").click()
    link = by_testid(driver, "register-export-xlsx")
    wait(lambda: "year=2025" in link.get_attribute("href"), what="the filtered export link")
    with urllib.request.urlopen(link.get_attribute("href")) as answer:
        assert answer.read().startswith(b"PK")


def test_a_page_without_a_register_says_how_to_enable_it(browser, live_server):  # noqa: F811
    driver = browser
    driver.get(live_server + "/")
    open_section(driver, "register-details")
    off = wait(lambda: by_testid(driver, "register-off").text, what="the note")
    assert "--register" in off
    assert not by_testid(driver, "issue").is_displayed()
