"""The form in a real browser: Debian's chromium, headless, driven through chromedriver (Selenium).

One `casebot serve` and one browser serve the whole module. The customer's path starts where theirs
does, at the link in a question mail caught by the SMTP sink. Screenshots of the form in both
languages, on a desktop and a phone-sized window, go to `$CASEBOT_SCREENSHOTS` (default
`build/screenshots`, which git ignores); axe-core (bundled in the selenium-axe-python package, so no
network is needed) checks each page in the browser.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.harness import CasebotProcess, Setup, SmtpSink, cli, cli_json, mail, send, wait_until

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402 - after the import check above
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from selenium_axe_python import Axe  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SCREENSHOTS = Path(
    os.environ.get("CASEBOT_SCREENSHOTS") or Path(__file__).parents[3] / "build" / "screenshots"
)
DESKTOP = (1280, 900)
PHONE = (390, 844)  # a phone's CSS pixels (iPhone 12 to 15)

BUG_NB = (
    "Hei,\n\nNår jeg lagrer et avvik i Chrome 131 får jeg feilmeldingen «Noe gikk galt». "
    "Det gjelder alle brukere.\n\nMvh\nKari Nordmann\n"
)
BUG_EN = (
    "Hello,\n\nSaving a deviation in Firefox 128 fails with 'Something went wrong'. It affects all users.\n\n"
    "Kind regards,\nJohn Smith\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    """Headless Debian chromium with a fresh profile and nothing that reaches out to the network."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver are missing; .ci/run installs them")
        pytest.skip("Debian's chromium and chromium-driver are not installed (apt-get install them)")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="casebot-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=en-US",  # the date input's typing order (month, day, year) depends on it
        f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_window_size(*DESKTOP)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Setup, SmtpSink]]:
    """`casebot serve` with the web form at its own address, and the SMTP sink its mail goes to."""
    sink = SmtpSink().start()
    root = tmp_path_factory.mktemp("web")
    setup = Setup(root=root, store_url=f"sqlite:///{root / 'data' / 'casebot.db'}", sink_port=sink.port)
    setup.sections["web"] = {"base_url": f"http://127.0.0.1:{setup.http_port}"}
    process = CasebotProcess(setup).start()
    try:
        yield setup, sink
    finally:
        process.stop()
        sink.stop()


def question_link(
    setup: Setup, sink: SmtpSink, sender: str, body: str, subject: str = "Avvik lagres ikke", **kwargs: Any
) -> tuple[int, str]:
    """Mail casebot as a customer; returns the new case's id and the form link in its question mail."""
    send(setup.smtp_port, mail(sender, subject, body, **kwargs))
    question = sink.wait_for(sender)[0].get_content()
    found = re.search(r"http://127\.0\.0\.1:\d+/c/[A-Za-z0-9_-]+", question)
    assert found, question
    rows = wait_until(lambda: [c for c in cli_json(setup, "cases", "list") if c["reporter"] == sender])
    return rows[0]["id"], found.group(0)


def status_of(url: str) -> int:
    """The HTTP status of a GET (the browser does not show it)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def heading(driver: WebDriver) -> str:
    return str(driver.find_element(By.TAG_NAME, "h1").text)


def value(driver: WebDriver, name: str) -> str:
    return str(driver.find_element(By.NAME, name).get_attribute("value"))


def checked(driver: WebDriver, name: str) -> str | None:
    for radio in driver.find_elements(By.CSS_SELECTOR, f'input[name="{name}"]'):
        if radio.is_selected():
            return str(radio.get_attribute("value"))
    return None


def choose(driver: WebDriver, name: str, answer: str) -> None:
    """Pick a yes/no button the way a person does: by clicking its label."""
    driver.find_element(By.CSS_SELECTOR, f'label[for="f-{name}-{answer}"]').click()


def submit(driver: WebDriver) -> None:
    before = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, 'button[type="submit"]').click()
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.TAG_NAME, "html") != before)


def serious_findings(driver: WebDriver) -> list[str]:
    """axe-core's serious and critical findings on the page shown now."""
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def screenshot(driver: WebDriver, name: str, size: tuple[int, int]) -> Path:
    """The whole page at a window width, as a PNG under `SCREENSHOTS`."""
    driver.set_window_size(*size)
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    driver.set_window_size(size[0], max(size[1], height + 140))  # + the window's own frame
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert driver.save_screenshot(str(path))
    driver.set_window_size(*DESKTOP)
    return path


def test_a_customer_answers_the_question_mail_in_the_form(
    browser: WebDriver, site: tuple[Setup, SmtpSink], tmp_path: Path
) -> None:
    """From the question mail's link: the known values are filled in, the missing ones are answered
    (by mouse and keyboard), a file is attached, and after sending the case is open with the values and
    the file, and the usual confirmation arrives by email."""
    setup, sink = site
    case_id, link = question_link(setup, sink, "kari@acme.no", BUG_NB, name="Kari Nordmann")
    browser.get(link)
    assert heading(browser) == f"Sak #{case_id}"
    assert value(browser, "subject") == "Avvik lagres ikke" and value(browser, "browser") == "Chrome 131"
    assert value(browser, "type") == "bug" and checked(browser, "scope") == "all"
    needed = browser.find_elements(By.CSS_SELECTOR, ".needed")
    assert len(needed) == 4 and all(n.text == "Mangler" for n in needed)
    observed = date.today() - timedelta(days=2)
    browser.find_element(By.ID, "f-observed_on").send_keys(observed.strftime("%m%d%Y"))
    choose(browser, "recurring", "yes")
    choose(browser, "personal_data", "no")
    choose(browser, "login_allowed", "no")
    # Keyboard: the yes/no buttons are one radio group, so the arrow keys move the answer.
    browser.switch_to.active_element.send_keys(Keys.ARROW_LEFT)
    assert checked(browser, "login_allowed") == "yes"
    screenshot_file = tmp_path / "skjermbilde.png"
    screenshot_file.write_bytes(PNG)
    browser.find_element(By.ID, "f-attachments").send_keys(str(screenshot_file))
    submit(browser)
    assert heading(browser) == "Takk" and f"/c/{link.rpartition('/')[2]}/sent" in browser.current_url
    assert f"sak #{case_id}" in browser.find_element(By.TAG_NAME, "main").text
    case = wait_until(lambda: (c := cli_json(setup, "cases", "show", str(case_id)))["status"] == "open" and c)
    assert case["observed_on"] == observed.isoformat() and case["recurring"] is True
    assert case["login_allowed"] is True and case["personal_data"] is False and case["missing"] == []
    assert [(a["filename"], a["size"]) for a in case["attachments"]] == [("skjermbilde.png", len(PNG))]
    assert [m["channel"] for m in case["messages"] if m["direction"] == "in"] == ["email", "web"]
    assert case["login_grant"]["status"] == "active"
    confirmation = sink.wait_for("kari@acme.no", 2)[1].get_content()
    assert "komplett" in confirmation and "skjermbilde.png" in confirmation


def test_the_form_in_both_languages_on_desktop_and_phone_passes_axe(
    browser: WebDriver, site: tuple[Setup, SmtpSink]
) -> None:
    """The form, with and without errors, and the thanks page in nb and en have no serious or critical
    axe-core finding; screenshots of each language on a desktop and a phone-sized window are written."""
    setup, sink = site
    case_id, link = question_link(
        setup, sink, "john@globex.com", BUG_EN, subject="Deviation cannot be saved", name="John Smith"
    )
    shots = []
    for lang, switch in (("nb", "English"), ("en", "Norsk bokmål")):
        browser.get(f"{link}?lang={lang}")
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
        assert browser.find_element(By.CSS_SELECTOR, "nav a").text == switch
        assert serious_findings(browser) == []
        shots += [
            screenshot(browser, f"form-{lang}-desktop", DESKTOP),
            screenshot(browser, f"form-{lang}-phone", PHONE),
        ]
        # Nothing is wider than a phone's screen: no sideways scrolling.
        browser.set_window_size(*PHONE)
        assert browser.execute_script("return document.documentElement.scrollWidth") <= PHONE[0]
        browser.set_window_size(*DESKTOP)
    browser.find_element(By.ID, "f-subject").clear()
    browser.find_element(By.ID, "f-app_version").send_keys("five")
    submit(browser)
    assert browser.find_element(By.ID, "e-subject").text == "Please write a subject."
    assert value(browser, "app_version") == "five"
    assert serious_findings(browser) == []
    shots.append(screenshot(browser, "form-en-errors-phone", PHONE))
    browser.find_element(By.ID, "f-subject").send_keys("Saving deviations fails")
    browser.find_element(By.ID, "f-app_version").clear()
    submit(browser)
    assert heading(browser) == "Thank you"
    assert serious_findings(browser) == []
    assert all(path.stat().st_size > 10_000 for path in shots)
    print("\n".join(str(path) for path in shots))  # shown with -s: where the screenshots are
    wait_until(lambda: cli_json(setup, "cases", "show", str(case_id))["subject"] == "Saving deviations fails")


def test_a_wrong_token_a_sixth_file_a_missing_csrf_token_and_a_closed_case_get_their_answers(
    browser: WebDriver, site: tuple[Setup, SmtpSink], tmp_path: Path
) -> None:
    """A wrong token shows 'this link does not work' (404); a sixth file (the mail brought one) is
    refused beside the attachments with what was typed kept; a form without its CSRF token is refused
    (403); a closed case's link says it is closed and how to reopen it (410). None changes the case."""
    setup, sink = site
    base = f"http://127.0.0.1:{setup.http_port}"
    wrong = f"{base}/c/{secrets.token_urlsafe(24)}"
    browser.get(wrong)
    assert heading(browser) in ("This link does not work", "Lenken virker ikke")
    assert status_of(wrong) == 404
    case_id, link = question_link(
        setup,
        sink,
        "ola@acme.no",
        BUG_NB,
        name="Ola Nordmann",
        attachments=[("feil.png", "image/png", PNG)],
    )
    browser.get(link)
    assert "feil.png" in browser.find_element(By.ID, "s-files").find_element(By.XPATH, "..").text
    files = []
    for n in range(5):
        files.append(tmp_path / f"bilde{n}.png")
        files[-1].write_bytes(PNG)
    browser.find_element(By.ID, "f-record_id").send_keys("AV-1042")
    browser.find_element(By.ID, "f-attachments").send_keys("\n".join(str(f) for f in files))
    submit(browser)
    assert browser.find_element(By.ID, "e-attachments").text == "Legg ved høyst 5 filer."
    assert browser.find_element(By.ID, "f-attachments").get_attribute("aria-invalid") == "true"
    assert value(browser, "record_id") == "AV-1042"
    browser.execute_script('document.querySelector("input[name=csrf_token]").remove()')
    submit(browser)
    assert heading(browser) == "Skjemaet kunne ikke tas imot"
    case = cli_json(setup, "cases", "show", str(case_id))
    assert [a["filename"] for a in case["attachments"]] == ["feil.png"] and case["record_id"] is None
    assert [m["channel"] for m in case["messages"] if m["direction"] == "in"] == ["email"]
    cli(setup, "cases", "close", str(case_id))
    browser.get(link)
    assert heading(browser) == f"Sak #{case_id} er lukket"
    assert "svarer du på en av e-postene våre" in browser.find_element(By.TAG_NAME, "main").text
    assert browser.find_elements(By.TAG_NAME, "form") == []
    assert status_of(link) == 410
