"""The HTML leaderboard in real headless Chromium: it renders, sorting works, hostile
model text stays inert and visible as text, and no request leaves the page."""
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from benchmark.compare import compare_runs
from reports.html import write_comparison, write_html
from tests.conftest import REPO
from tests.runkit import HOSTILE, hostile_outputs, make_run

pytestmark = pytest.mark.browser
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--window-size=1400,1800")
METRICS = ("bleu4", "rougeL", "fmr", "usr", "failure_rate")


def artifacts() -> Path:
    out = Path(os.environ.get("RXBENCH_ARTIFACTS", REPO / "out" / "artifacts"))
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="module")
def driver():
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        if os.environ.get("CI"):
            pytest.fail("CI is set but /usr/bin/chromium or /usr/bin/chromedriver is missing (make browser installs them)")
        pytest.skip("Debian chromium / chromium-driver not installed (run `make browser`)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="rxbench-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    d = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    yield d
    d.quit()
    shutil.rmtree(profile, ignore_errors=True)


def load(driver, path: Path) -> list[str]:
    """Open a file; return the URLs of every request the page made (CDP network log)."""
    driver.get_log("performance")  # drop what earlier pages logged
    driver.get_log("browser")
    driver.get(path.as_uri())
    driver.execute_script("return document.readyState")
    urls = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    return urls


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    d = tmp_path_factory.mktemp("browser")
    base = make_run(d / "template", metrics=METRICS)
    hostile = make_run(d / "hostile", generator="file:" + str(hostile_outputs(d / "h.jsonl")), metrics=METRICS)
    flaky = make_run(d / "flaky", generator="unit-flaky", metrics=METRICS)
    board = write_html([base, hostile, flaky], d / "report", max_samples=10)
    _, cmp = write_comparison(compare_runs(base, hostile, n_boot=200), d / "compare")
    control = d / "control.html"  # positive controls: unescaped markup runs and an external image is requested
    control.write_text(f"<!DOCTYPE html><title>control</title><body>{HOSTILE[1]}<img src='http://127.0.0.1:9/x.png'></body>")
    return {"board": board, "compare": cmp, "control": control}


def test_detectors_work_on_an_unsafe_control_page(driver, pages):
    urls = load(driver, pages["control"])
    assert "http://127.0.0.1:9/x.png" in urls
    assert driver.execute_script("return window.__pwned") == 2 and driver.title == "pwned"


def test_leaderboard_renders_inert_and_offline(driver, pages):
    page = pages["board"]
    urls = load(driver, page)
    assert urls == [page.as_uri()]
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert driver.execute_script("return window.__pwned") is None and driver.title == "rxbench leaderboard"
    assert driver.execute_script("return document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert driver.execute_script("return document.scripts.length") == 1
    assert driver.execute_script("return document.querySelectorAll('svg').length") >= 3  # one plot per area at least
    severe = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []  # e.g. a CSP violation of our own script would show here
    driver.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")
    cells = driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('.text'), function (c) { return c.innerText; })")
    assert HOSTILE[0] in cells and HOSTILE[1] in cells and HOSTILE[2] in cells  # shown as text, verbatim
    assert driver.execute_script("return window.__pwned") is None
    shots = artifacts()
    target = driver.find_element("xpath", "//*[contains(@class, 'text')][contains(., 'window.__pwned = 1')]/ancestor::details[1]")
    driver.execute_script("arguments[0].scrollIntoView()", target)
    target.screenshot(str(shots / "leaderboard-drilldown.png"))
    driver.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = false; }); window.scrollTo(0, 0)")
    driver.save_screenshot(str(shots / "leaderboard.png"))
    assert (shots / "leaderboard.png").stat().st_size > 10_000


def column(driver, table: str, col: int, attr: str | None = "data-sort") -> list:
    script = ("var t = arguments[0], i = arguments[1], a = arguments[2];"
              " return Array.prototype.map.call(document.querySelectorAll('#' + t + ' tbody tr'), function (r) {"
              " var c = r.cells[i]; return a ? c.getAttribute(a) : c.textContent.trim(); })")
    return driver.execute_script(script, table, col, attr)


def test_sorting_by_numbers_and_by_text(driver, pages):
    load(driver, pages["board"])
    header = driver.find_elements("css selector", "#overview-table thead th")
    assert [h.text.split("\n")[0] for h in header[:4]] == ["generator", "suite", "n", "failed"]
    header[3].click()
    failed = [float(v) for v in column(driver, "overview-table", 3)]
    assert failed == sorted(failed) and failed[-1] == 8.0 and header[3].get_attribute("aria-sort") == "ascending"
    header[3].click()
    assert [float(v) for v in column(driver, "overview-table", 3)] == sorted(failed, reverse=True)
    assert header[3].get_attribute("aria-sort") == "descending"
    header[0].click()
    labels = column(driver, "overview-table", 0, None)
    assert labels == sorted(labels, key=str.lower) and labels[0] == "file:h"


def test_comparison_page_is_inert_and_offline(driver, pages):
    page = pages["compare"]
    assert load(driver, page) == [page.as_uri()]
    assert driver.execute_script("return window.__pwned") is None and driver.title == "rxbench comparison"
    driver.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")
    assert HOSTILE[1] in driver.execute_script("return document.body.innerText")  # candidate text, side by side
    driver.save_screenshot(str(artifacts() / "compare.png"))


def test_drilldown_column_picker_shows_and_hides_scores(driver, pages):
    load(driver, pages["board"])
    driver.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")
    visible = "return Array.prototype.filter.call(document.querySelectorAll('#samples-1 .chip[data-metric=\"' + arguments[0] + '\"]'), function (c) { return c.offsetParent !== null; }).length"
    shown = driver.execute_script(visible, "bleu4")
    # 10 samples x 3 generators, minus unit-flaky's failures on tiny-000 and tiny-005 (no score); rougeL is behind the picker
    assert shown == 28 and driver.execute_script(visible, "rougeL") == 0
    box = driver.find_element("css selector", "fieldset.picker[data-table='samples-1'] input[value='rougeL']")
    box.click()
    assert driver.execute_script(visible, "rougeL") == shown
    box.click()
    assert driver.execute_script(visible, "rougeL") == 0
    target = driver.find_element("css selector", "#suite-1")
    driver.execute_script("arguments[0].scrollIntoView()", target)
    driver.save_screenshot(str(artifacts() / "leaderboard-samples.png"))


def test_chinese_run_renders_han_glyphs(driver, tmp_path):
    """A Chinese suite's leaderboard shows real Han glyphs: two different characters drawn with the page's
    font give different bitmaps (with no CJK font both would be the same missing-glyph box)."""
    run = make_run(tmp_path / "zh", suites=("zh-travel",), split="test", limit=6, metrics=METRICS)
    page = write_html([run], tmp_path / "report", max_samples=6)
    assert load(driver, page) == [page.as_uri()]
    driver.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")
    assert "根据您的偏好，推荐" in driver.execute_script("return document.body.innerText")
    script = ("var f = getComputedStyle(document.querySelector('td.gen div.text')).font;"
              " function draw(ch) { var c = document.createElement('canvas'); c.width = c.height = 40;"
              " var x = c.getContext('2d'); x.font = f; x.fillText(ch, 2, 30); return c.toDataURL(); }"
              " return [draw('推'), draw('荐')];")
    a, b = driver.execute_script(script)
    assert a != b, "Han characters render as identical boxes: install fonts-noto-cjk (make browser)"
    target = driver.find_element("xpath", "//div[contains(@class, 'text')][contains(., '推荐')]/ancestor::details[1]")
    driver.execute_script("arguments[0].scrollIntoView()", target)
    target.screenshot(str(artifacts() / "leaderboard-zh.png"))
