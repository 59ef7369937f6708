"""The HTML page in a real browser: headless Chromium from the system packages, driven by selenium.

The page is opened from disk (file://). If Chromium or its driver is missing or
cannot start, the tests fail with the reason: `make test` installs both.
Set SAVE_SCREENSHOTS=1 to write docs/timeline-light.png and docs/timeline-dark.png.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from test_html import story

from timeline.cli import cli
from timeline.model import Timeline
from timeline.pipeline import BuildOptions, build
from timeline.render.html import page

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1100,1400")
DOCS = Path(__file__).resolve().parent.parent / "docs"


def start_chromium(profile: str) -> webdriver.Chrome:
    """Headless Chromium with network and console logging; an explicit driver path, so nothing is downloaded."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).is_file()]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found: install the Debian packages chromium and chromium-driver "
                    "(`make test` does)", pytrace=False)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    try:
        return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except WebDriverException as exc:
        pytest.fail(f"headless Chromium did not start: {exc.msg}", pytrace=False)


@pytest.fixture(scope="module")
def browser():
    with tempfile.TemporaryDirectory(prefix="timeline-chromium-") as profile:
        driver = start_chromium(profile)
        yield driver
        driver.quit()


def write_page(directory: Path, timeline: Timeline) -> str:
    path = directory / "timeline.html"
    path.write_text(page(timeline), encoding="utf-8")
    return path.as_uri()


@pytest.fixture(scope="module")
def page_url(tmp_path_factory) -> str:
    return write_page(tmp_path_factory.mktemp("page"), story())


@pytest.fixture
def opened(browser, page_url):
    """The page freshly loaded without a fragment (about:blank first, so a fragment change reloads)."""
    browser.get("about:blank")
    browser.get(page_url)
    return browser


def shown(driver) -> list[str]:
    return [e.get_attribute("id") for e in driver.find_elements(By.CSS_SELECTOR, "li.entry") if e.is_displayed()]


def visible_headings(driver) -> list[str]:
    return [h.get_attribute("textContent") for h in driver.find_elements(By.CSS_SELECTOR, "main h2, main h3")
            if h.is_displayed()]


def count(driver) -> str:
    return driver.find_element(By.ID, "count").text


def chip(driver, name: str):
    return driver.find_element(By.CSS_SELECTOR, f'#actor-chips button[data-actor="{name}"]')


def fragment(driver) -> str:
    return driver.execute_script("return location.hash")


def test_every_entry_is_rendered_and_the_filters_appear(opened):
    assert shown(opened) == [f"e{i}" for i in range(1, 9)]
    assert count(opened) == "Showing all 8 entries"
    assert opened.find_element(By.ID, "filters").is_displayed()
    chips = [(b.get_attribute("data-actor"), b.text, b.get_attribute("aria-pressed"))
             for b in opened.find_elements(By.CSS_SELECTOR, "#actor-chips button")]
    assert chips == [("Riverton Council", "Riverton Council 4", "false"),
                     ("Friends of Riverton Library", "Friends of Riverton Library 2", "false"),
                     ("Maya Lin", "Maya Lin 2", "false"), ("Sam Okoro", "Sam Okoro 1", "false")]


def test_no_console_errors_so_the_policy_admits_the_inline_style_and_script(browser, opened):
    severe = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    assert opened.execute_script("return getComputedStyle(document.body).maxWidth") == "896px"


def test_clicking_actor_chips_keeps_only_their_entries(opened):
    chip(opened, "Maya Lin").click()
    assert shown(opened) == ["e3", "e8"]
    assert count(opened) == "Showing 2 of 8 entries"
    assert chip(opened, "Maya Lin").get_attribute("aria-pressed") == "true"
    assert visible_headings(opened) == ["2024", "January 2024", "Undated"]
    assert len([ol for ol in opened.find_elements(By.CSS_SELECTOR, "ol.entries") if ol.is_displayed()]) == 2
    assert fragment(opened) == "#actor=Maya+Lin"
    chip(opened, "Sam Okoro").click()
    assert shown(opened) == ["e3", "e6", "e8"]
    chip(opened, "Maya Lin").click()
    assert shown(opened) == ["e6"]
    assert fragment(opened) == "#actor=Sam+Okoro"


def test_an_actor_named_in_an_entry_filters_like_its_chip(opened):
    opened.find_element(By.CSS_SELECTOR, '#e6 .actors button[data-actor="Sam Okoro"]').click()
    assert shown(opened) == ["e6"]
    assert chip(opened, "Sam Okoro").get_attribute("aria-pressed") == "true"
    tag = opened.find_element(By.CSS_SELECTOR, '#e6 .actors button[data-actor="Riverton Council"]')
    tag.click()
    assert shown(opened) == ["e1", "e2", "e5", "e6"]
    assert tag.get_attribute("aria-pressed") == "true"
    chip(opened, "Riverton Council").click()
    assert tag.get_attribute("aria-pressed") == "false" and shown(opened) == ["e6"]


def test_chips_work_from_the_keyboard(opened):
    button = chip(opened, "Friends of Riverton Library")
    button.send_keys(Keys.SPACE)
    assert shown(opened) == ["e3", "e4"]
    assert opened.switch_to.active_element == button
    assert opened.execute_script(
        "const b = document.activeElement; return b.matches(':focus-visible') && getComputedStyle(b).outlineStyle"
    ) == "solid"
    button.send_keys(Keys.ENTER)
    assert count(opened) == "Showing all 8 entries"


def test_search_matches_entries_and_their_sources(opened):
    search = opened.find_element(By.ID, "q")
    search.send_keys("signatures")
    assert shown(opened) == ["e4"]
    search.clear()
    search.send_keys("OKORO numbers")
    assert shown(opened) == ["e6"]
    search.clear()
    search.send_keys("first proposed")  # only in a source sentence
    assert shown(opened) == ["e2"]
    search.send_keys(" nowhere")
    assert shown(opened) == [] and count(opened) == "Showing 0 of 8 entries"
    assert opened.find_element(By.ID, "no-match").is_displayed()
    assert visible_headings(opened) == []


def test_a_period_overlapping_the_date_range_counts(opened):
    opened.find_element(By.ID, "from").send_keys("2024-01-20")
    # January (month), the week of 5 February, 20 February and March; not 15 January, 2023 or undated.
    assert shown(opened) == ["e2", "e4", "e5", "e6"]
    opened.find_element(By.ID, "to").send_keys("2024-02")
    assert shown(opened) == ["e2", "e4", "e5"]
    assert fragment(opened) == "#from=2024-01-20&to=2024-02"
    to = opened.find_element(By.ID, "to")
    to.send_keys("-3")  # "2024-02-3" is no date: ignored and marked invalid
    assert to.get_attribute("aria-invalid") == "true"
    assert shown(opened) == ["e2", "e4", "e5", "e6"]


def test_kind_toggles(opened):
    events = opened.find_element(By.CSS_SELECTOR, 'button[data-kind="event"]')
    assert events.text == "Events 5"
    events.click()
    assert events.get_attribute("aria-pressed") == "false"
    assert shown(opened) == ["e3", "e6", "e8"]
    assert fragment(opened) == "#kind=quote"
    opened.find_element(By.ID, "clear").click()
    assert shown(opened) == [f"e{i}" for i in range(1, 9)] and fragment(opened) == ""


def test_the_fragment_restores_a_shared_view(browser, page_url):
    browser.get("about:blank")
    browser.get(page_url + "#actor=Riverton+Council&kind=quote&q=add+up")
    assert shown(browser) == ["e6"]
    assert chip(browser, "Riverton Council").get_attribute("aria-pressed") == "true"
    assert browser.find_element(By.CSS_SELECTOR, 'button[data-kind="event"]').get_attribute("aria-pressed") == "false"
    assert browser.find_element(By.ID, "q").get_attribute("value") == "add up"
    browser.get(page_url + "#from=2023&to=2023")
    assert shown(browser) == ["e1"]
    assert browser.find_element(By.ID, "from").get_attribute("value") == "2023"


def test_hostile_document_text_stays_text(opened):
    assert opened.execute_script("return window.__pwned") is None
    assert opened.title == "Timeline"
    hostile = opened.find_element(By.CSS_SELECTOR, "#e7 .claim").text
    assert hostile.startswith("<script>window.__pwned = true; document.title = 'pwned'</script> </script><img src=x")
    assert opened.find_elements(By.CSS_SELECTOR, "main img, main script") == []
    opened.find_element(By.CSS_SELECTOR, "#e8 summary").click()
    assert opened.find_element(By.CSS_SELECTOR, "#e8 .source-refs cite").text.startswith("<script>document.title")
    assert opened.find_elements(By.CSS_SELECTOR, "#e8 a") == []


def test_a_hostile_article_through_the_cli_stays_text(browser, tmp_path):
    article = tmp_path / "hostile.md"
    article.write_text(
        "---\ntitle: \"<script>window.__pwned = 1; document.title = 'pwned'</script>\"\n"
        "published: 2024-05-03\nurl: \"javascript:window.__pwned = 2\"\n---\n"
        "The council met on 2 May 2024 </script><script>window.__pwned = 3</script> to vote.\n"
        "[Read more](javascript:window.__pwned=4) <img src=x onerror=\"window.__pwned = 5\">\n",
        encoding="utf-8")
    out = tmp_path / "hostile.html"
    result = CliRunner().invoke(cli, ["build", str(article), "-o", str(out)])
    assert (result.exit_code, result.stderr) == (0, "")
    browser.get(out.as_uri())
    assert browser.execute_script("return window.__pwned") is None
    assert browser.title == "Timeline"
    assert browser.find_element(By.CSS_SELECTOR, "footer cite").text == (
        "<script>window.__pwned = 1; document.title = 'pwned'</script>")
    assert browser.find_elements(By.CSS_SELECTOR, "a[href^='javascript'], main script, img") == []


def test_details_open_to_the_sources(opened):
    refs = opened.find_element(By.CSS_SELECTOR, "#e2 .source-refs")
    assert not refs.is_displayed()
    opened.find_element(By.CSS_SELECTOR, "#e2 summary").click()
    assert refs.is_displayed()
    assert [li.text.splitlines()[0] for li in refs.find_elements(By.TAG_NAME, "li")] == [
        "Council closes library 10 February 2024", "Residents protest closure 5 March 2024"]


def test_print_hides_the_filters_and_shows_every_source(browser, opened):
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not opened.find_element(By.ID, "filters").is_displayed()
        heights = opened.execute_script(
            "return Array.from(document.querySelectorAll('.source-refs'), e => e.getBoundingClientRect().height)")
        assert len(heights) == 8 and min(heights) > 0
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_no_network_request_is_attempted(browser, page_url):
    browser.get_log("performance")  # drop what earlier tests logged
    browser.get("about:blank")
    browser.get(page_url + "#q=library")
    chip(browser, "Maya Lin").click()
    browser.find_element(By.CSS_SELECTOR, "#e3 summary").click()
    messages = [json.loads(e["message"])["message"] for e in browser.get_log("performance")]
    urls = [m["params"]["request"]["url"] for m in messages if m["method"] == "Network.requestWillBeSent"]
    assert page_url in [u.split("#")[0] for u in urls]
    assert [u for u in urls if not u.startswith(("file://", "data:"))] == []


def showcase() -> Timeline:
    """What the README screenshots show: the bundled sample articles once they give entries, else the story."""
    sample = build([], BuildOptions(cache=False)).timeline
    if sample.entries:
        return sample
    full = story()
    return Timeline(full.sources[:2], [e for e in full.entries if e.date])


@pytest.fixture(scope="module")
def showcase_url(tmp_path_factory) -> str:
    return write_page(tmp_path_factory.mktemp("showcase"), showcase())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_light_and_dark_themes(browser, showcase_url, scheme):
    """Each theme applies; with SAVE_SCREENSHOTS=1 its screenshot goes to docs/."""
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                            {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    try:
        browser.get("about:blank")
        browser.get(showcase_url)
        background = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
        assert background == {"light": "rgb(247, 245, 240)", "dark": "rgb(20, 23, 28)"}[scheme]
        # Show a filtered view: the first quote's speaker selected, that quote's sources open.
        speaker = browser.find_element(By.CSS_SELECTOR, "li.entry.quote figcaption").get_attribute("textContent")
        chip(browser, speaker).click()
        assert chip(browser, speaker).get_attribute("aria-pressed") == "true"
        browser.find_element(By.CSS_SELECTOR, "li.entry.quote summary").click()
        browser.set_window_size(1100, 1800)
        png = browser.get_screenshot_as_png()
        assert png.startswith(b"\x89PNG")
        if os.environ.get("SAVE_SCREENSHOTS") == "1":
            DOCS.mkdir(exist_ok=True)
            (DOCS / f"timeline-{scheme}.png").write_bytes(png)
    finally:
        browser.set_window_size(1100, 1400)
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
