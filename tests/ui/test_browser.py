"""``nutri-tui serve`` in a real browser: headless Chromium, driven by Selenium, reads the page's terminal.

The page's terminal has xterm.js's screen-reader mode on, so what the app shows is also text in the page
(``.xterm-accessibility-tree``): what a screen reader reads is what this test reads. Skips only when Chromium
or its driver cannot be found or started (``.ci/run`` installs Debian's ``chromium`` and ``chromium-driver``
when it can).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.serving import served, stop, without_token

SCREEN_TEXT = "const tree = document.querySelector('.xterm-accessibility-tree'); return tree ? tree.innerText : '';"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if chromium is None or chromedriver is None:
        pytest.skip("the browser test needs chromium and chromedriver (apt-get install chromium chromium-driver)")
    from selenium import webdriver  # in the test extra: its absence is a broken install, not a reason to skip
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument("--window-size=1280,900")
    try:
        driver = webdriver.Chrome(options=options, service=Service(chromedriver))
    except WebDriverException as error:
        pytest.skip(f"chromium could not be started: {error.msg}")
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(check: Callable[[], object], what: str, timeout: float = 20) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := check():
            return found
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_an_assessment_starts_in_the_browser(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    def screen() -> str:  # rows joined, so a sentence wrapped across rows is still found
        return " ".join((browser.execute_script(SCREEN_TEXT) or "").split())

    def keys(*typed: str) -> None:
        ActionChains(browser).send_keys(*typed).perform()

    with served(tmp_path) as (address, process):
        browser.get(without_token(address))
        assert "403" in browser.find_element(By.TAG_NAME, "body").text

        browser.get(address)
        wait_for(lambda: "Welcome to nutri-tui" in screen(), "the welcome screen")
        browser.find_element(By.CSS_SELECTOR, "#terminal").click()

        keys("n")
        wait_for(lambda: "Step 1 of 7" in screen(), "the first step")
        keys("47")
        wait_for(lambda: "Age in years (leave blank to not say) 47" in screen(), "the age typed")

        ActionChains(browser).key_down(Keys.CONTROL).send_keys("q").key_up(Keys.CONTROL).perform()
        closed = "return document.body.classList.contains('-closed')"
        asking = "changed answers on this step that are not saved yet"  # the age is not saved until Next
        wait_for(lambda: asking in screen(), "the question before quitting")
        keys("y")
        wait_for(lambda: browser.execute_script(closed), "the page to say the session ended")

        code, out, err = stop(process)
    assert code == 130 and err == "", err
    assert "Traceback" not in out
