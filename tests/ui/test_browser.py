"""End to end in a real browser: Playwright drives Debian's headless Chromium against the Gradio app."""

from __future__ import annotations

import re
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from muse.settings import Settings
from ui.gradio_app import build_app, launch

from .conftest import free_port, wait_until_up

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (run `make browser-deps` as root)"),
]
DOCS_SHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"


@pytest.fixture(params=["fake", "real"])
def served(request: pytest.FixtureRequest, settings: Settings) -> tuple[str, Settings, object]:
    """(name, settings, service): the deterministic fake, and the agent's real service when it exists."""
    if request.param == "fake":
        return "fake", settings, request.getfixturevalue("fake")
    return "real", request.getfixturevalue("real_settings"), request.getfixturevalue("real_service")


@pytest.fixture
def ui_url(served: tuple[str, Settings, object]) -> Iterator[str]:
    _, settings, service = served
    app = build_app(service, browser_secret="test-secret")  # type: ignore[arg-type]
    port = free_port()
    launch(app, settings, port=port, block=False)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_until_up(url)
        yield url
    finally:
        app.close()


@pytest.fixture
def page(ui_url: str):  # noqa: ANN201 - Playwright's Page
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=20_000)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 980})
            page.set_default_timeout(20_000)
            page.goto(ui_url)
            yield page
        finally:
            browser.close()


def send(page, text: str) -> None:  # noqa: ANN001
    page.locator("#muse-input textarea").fill(text)
    page.locator("#muse-send").click()


def test_chat_rate_and_profile_in_chromium(page, served, artifacts: Path) -> None:  # noqa: ANN001
    from playwright.sync_api import expect

    user_field = page.locator("#muse-user input, #muse-user textarea").first
    expect(user_field).to_have_value(re.compile(r"^web-\w+$"))
    user_id = user_field.input_value()

    send(page, "Mind-bending sci-fi thrillers, no horror")
    expect(page.locator("#muse-chat")).to_contain_text(re.compile("sci-fi", re.IGNORECASE))
    first_image = page.locator("#card-0 img")
    expect(first_image).to_be_visible()
    assert page.locator("#card-0 img").get_attribute("src")
    expect(page.locator("#card-2 img")).to_be_visible()  # was "pending": filled in by the timer poll
    expect(page.locator("#muse-profile-text")).to_contain_text("Sci-Fi")
    liked_title = page.locator("#card-0-text strong").inner_text().split(". ", 1)[1]

    page.locator("#card-0-up").click()
    expect(page.locator("#card-0-status")).to_contain_text("noted")
    expect(page.locator("#muse-profile-text")).to_contain_text(f"Likes: {liked_title}")

    send(page, "More like that, please")
    expect(page.locator("#muse-chat")).to_contain_text("More like that, please")
    expect(page.locator("#card-0-text strong")).not_to_contain_text(liked_title)  # a liked item is not re-recommended
    expect(page.locator("#muse-profile-text")).to_contain_text("From your ratings")

    page.locator("#muse-trace").get_by_text("Trace").click()
    expect(page.locator("#muse-trace")).to_contain_text("Total:")
    expect(page.locator("#card-2 img")).to_be_visible()
    page.wait_for_timeout(300)
    shot = artifacts / f"browser-chat-{served[0]}.png"
    page.screenshot(path=str(shot), full_page=True)
    if served[0] == "real" and os.environ.get("MUSE_UPDATE_SCREENSHOT") == "1":  # refresh the README's picture
        shutil.copyfile(shot, DOCS_SHOT)

    page.reload()  # the user id lives in the browser: the profile comes back
    expect(user_field).to_have_value(user_id)
    expect(page.locator("#muse-profile-text")).to_contain_text(f"Likes: {liked_title}")
