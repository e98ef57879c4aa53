"""Fixtures for the browser journeys.

The browser is Debian's Chromium (/usr/bin/chromium), never a downloaded one. Each test gets a
fresh browser context (cookies, storage), so journeys do not share a session.
"""

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse database
# access from the test body (factories, assertions on the database) while it is running.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

CHROMIUM = os.environ.get("OPENSEND_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 15_000

_axe = Axe()


def axe_report(violations: list[dict]) -> str:
    """Say what is wrong and where, so that the failure message says what to fix."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v.get('help')} <{v.get('helpUrl', '')}>")
        for node in v.get("nodes", []):
            target = ", ".join(str(t) for t in node.get("target", []))
            html = re.sub(r"\s+", " ", node.get("html", ""))[:200]
            lines.append(f"    at {target}: {html}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
    return "\n".join(lines)


def axe_violations(page: Page) -> list[dict]:
    results = _axe.run(page)
    return list(results.response["violations"])


def assert_accessible(page: Page) -> None:
    """Fail if axe-core finds any violation on the page as it is now."""
    violations = axe_violations(page)
    assert not violations, (
        f"axe found {len(violations)} violation(s) on {page.url}:\n{axe_report(violations)}"
    )


def screenshot(page: Page, journey: str, step: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{journey}-{step}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@dataclass
class Journey:
    """Screenshots and axe checks for every page of one journey.

    `check` records violations rather than stopping, so one run lists every inaccessible page of
    the journey; `finish` (called by the fixture after the test body) fails if there were any.
    """

    name: str
    problems: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    # For a context without JavaScript, axe (which is JavaScript) cannot run in the page itself:
    # the page's HTML, without its scripts, is served to this JavaScript-enabled page instead.
    mirror: Page | None = None

    def check(self, page: Page, step: str) -> None:
        page.wait_for_load_state("load")
        screenshot(page, self.name, step)
        self.pages.append(step)
        violations = axe_violations(page if self.mirror is None else self._mirrored(page))
        if violations:
            where = f"[{self.name}-{step}] {page.url}"
            self.problems.append(f"{where} has {len(violations)} axe violation(s):\n{axe_report(violations)}")

    def _mirrored(self, page: Page) -> Page:
        assert self.mirror is not None
        html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.DOTALL | re.IGNORECASE)
        url = page.url.split("#")[0]
        self.mirror.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=html))
        self.mirror.goto(url)
        self.mirror.unroute(url)
        return self.mirror

    def finish(self) -> None:
        if self.problems:
            pytest.fail("Accessibility violations:\n" + "\n\n".join(self.problems), pytrace=False)


def pytest_configure(config: pytest.Config) -> None:
    # pytest-xdist registers this marker; with `-p no:xdist` and --strict-markers it must exist too.
    config.addinivalue_line("markers", "xdist_group(name): run these tests on the same xdist worker")


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"No Chromium at {CHROMIUM}: apt-get install chromium (never `playwright install`)")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


def _new_context(browser: Browser, **kwargs: object) -> BrowserContext:
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", **kwargs)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = _new_context(browser, viewport=DESKTOP)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    ctx = _new_context(browser, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield ctx.new_page()
    ctx.close()


@pytest.fixture
def no_js_page(browser: Browser) -> Iterator[Page]:
    ctx = _new_context(browser, viewport=DESKTOP, java_script_enabled=False)
    yield ctx.new_page()
    ctx.close()


@pytest.fixture
def js_page(browser: Browser) -> Iterator[Page]:
    """A JavaScript-enabled page of its own, for running axe on what a no-JavaScript page shows."""
    ctx = _new_context(browser, viewport=DESKTOP)
    yield ctx.new_page()
    ctx.close()


@pytest.fixture
def journey(request: pytest.FixtureRequest) -> Journey:
    """Call `journey.check(page, step)` on every page, and `journey.finish()` at the end of the test."""
    return Journey(request.node.name.removeprefix("test_").replace("_", "-"))
