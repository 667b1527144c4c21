"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's
live server, plus axe-core for accessibility.

No browser is ever downloaded: the tests use /usr/bin/chromium and skip (fail in CI) without it.
The live server runs in a thread of this process, so the `clock` fixture and the `settings`
fixture reach it.
"""

import functools
import os
from pathlib import Path

import pytest

from tests.conftest import need_service

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Long enough for a slow 2-core machine, short enough that a broken page fails quickly.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        need_service(f"needs Chromium at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread from here on, and
    # Django refuses database calls from a thread with a running loop unless told otherwise.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _serial_server_class():
    from django.core.servers.basehttp import WSGIServer

    class SerialWSGIServer(WSGIServer):
        # LiveServerThread passes this; its own thread already uses the shared connection.
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    return SerialWSGIServer


class BrowserServer:
    """A live server in a thread of this process that uses the test's own database connection.

    So it sees what the test writes inside the test's transaction, and each test ends with a
    rollback rather than emptying every table and loading the reference data again (seconds a
    test). Requests are answered one at a time, in the server's thread (a shared connection
    takes one user at a time), and nothing closes the shared connection after a request.
    """

    def __init__(self):
        from django.contrib.staticfiles.handlers import StaticFilesHandler
        from django.core.signals import request_finished, request_started
        from django.db import close_old_connections, connections
        from django.test.testcases import LiveServerThread

        self._signals = (request_started, request_finished)
        self._close_old_connections = close_old_connections
        for signal in self._signals:
            signal.disconnect(close_old_connections)
        shared = {conn.alias: conn for conn in connections.all()}
        for conn in shared.values():
            conn.inc_thread_sharing()
        thread = LiveServerThread("localhost", StaticFilesHandler, connections_override=shared)
        thread.server_class = _serial_server_class()
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        self.thread = thread

    @property
    def url(self) -> str:
        return f"http://{self.thread.host}:{self.thread.port}"

    def stop(self):
        self.thread.terminate()
        for conn in self.thread.connections_override.values():
            conn.dec_thread_sharing()
        for signal in self._signals:
            signal.connect(self._close_old_connections)


@pytest.fixture(scope="session")
def browser_server(django_db_setup, django_db_blocker):
    """The live server the browser visits (see BrowserServer)."""
    with django_db_blocker.unblock():
        server = BrowserServer()
    yield server
    server.stop()


@pytest.fixture
def portal_server(browser_server, settings):
    """The browser's server for this test, with its host allowed."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, browser_server.thread.host]
    return browser_server


@pytest.fixture
def browser_db(db):
    """The test's database, which the live server shares (see BrowserServer)."""


@pytest.fixture
def page(browser, portal_server, browser_db):
    """A fresh browser context (no cookies) per test, with its base URL at the live server."""
    context = browser.new_context(
        base_url=portal_server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


def _sign_in(page, email, password):
    """Signs in through the sign-in form. Does not check the result: the caller does.

    Administrators and reviewers are then asked for their second factor: this enters the code
    their authenticator app would show (computed from their device's key), setting the app up
    first if they have none, as a person would.
    """
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/accounts/second-factor/" in page.url:
        enter_second_factor_code(page, email)


def _unused_code(device):
    """A code the device has not accepted yet: a person who signed in a moment ago waits for
    their app's next code, and so does this."""
    import time

    from tests.factories import current_code

    step_now = (int(time.time()) - device.t0) // device.step + device.drift
    if device.last_t >= step_now + 1:  # both this code and the next are used: wait for a new one
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.1)
        step_now += 1
    return current_code(device, offset=1 if device.last_t >= step_now else 0)


def enter_second_factor_code(page, email):
    """On the second-factor page (verify or set-up), enter the right code for `email`."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    devices = TOTPDevice.objects.filter(user__email__iexact=email)
    device = devices.filter(confirmed=True).first() or devices.get(confirmed=False)
    page.get_by_label("Code from your authenticator app").fill(_unused_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


@pytest.fixture
def sign_in():
    """sign_in(page, email, password): signs in through the form, as a person would."""
    return _sign_in


@pytest.fixture
def log_in_as(portal_server):
    """log_in_as(page, user): a signed-in session cookie without the form (fast set-up)."""
    from django.conf import settings
    from django.test import Client

    def log_in(page, user):
        from tests.factories import login_verified

        client = Client()
        login_verified(client, user)  # and the second factor, for administrators and reviewers
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": portal_server.url,
                }
            ]
        )

    return log_in


@functools.cache
def _axe_source() -> str:
    return AXE_SCRIPT.read_text()


def axe_violations(page) -> list[dict]:
    """Runs axe-core on the page as it is now and returns its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, not added as a <script> element: the portal's
        # Content Security Policy (rightly) blocks inline scripts, and the tests keep it on.
        page.evaluate(_axe_source())
    return page.evaluate(
        """async (tags) => {
            const results = await window.axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"      {detail}")
    return "\n".join(lines)


# WCAG 1.4.10 (reflow): content fits 320 CSS pixels without scrolling sideways.
NARROWEST_WIDTH = 320


def sideways_overflow(page) -> tuple[int, list[str]]:
    """How far the page scrolls sideways, and the widest elements poking out (not counting
    those inside a region that scrolls on its own)."""
    return page.evaluate(
        """() => {
            const root = document.documentElement;
            const overflow = root.scrollWidth - root.clientWidth;
            const culprits = [];
            if (overflow > 0) {
                for (const element of document.body.querySelectorAll("*")) {
                    if (element.closest(".portal-scroll-x") && !element.matches(".portal-scroll-x")) continue;
                    const right = element.getBoundingClientRect().right;
                    if (right > root.clientWidth + 1) {
                        const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
                            + (element.className && typeof element.className === "string"
                               ? "." + element.className.trim().split(/\\s+/).join(".") : "");
                        culprits.push(`${name} (right edge ${Math.round(right)} px)`);
                    }
                }
            }
            return [overflow, culprits.slice(-8)];
        }"""
    )


def assert_fits_narrowest_screen(page):
    """At 320 px wide the page does not scroll sideways (a wide table scrolls in its region)."""
    overflow, culprits = sideways_overflow(page)
    assert overflow <= 0, (
        f"{page.url} scrolls sideways by {overflow} px at "
        f"{NARROWEST_WIDTH} px wide; too wide: {culprits}"
    )


def _assert_no_axe_violations(page):
    """axe at the page's own size, then at 320 px wide, where the page must also fit."""
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
    size = page.viewport_size
    if size is None or size["width"] <= NARROWEST_WIDTH:
        return
    page.set_viewport_size({"width": NARROWEST_WIDTH, "height": size["height"]})
    try:
        assert_fits_narrowest_screen(page)
        violations = axe_violations(page)
        assert not violations, format_violations(f"{page.url} at {NARROWEST_WIDTH} px", violations)
    finally:
        page.set_viewport_size(size)


@pytest.fixture
def assert_no_axe_violations():
    """assert_no_axe_violations(page): fails with a readable list of axe-core violations, at
    the page's size and at 320 px wide, where it also fails if the page scrolls sideways."""
    if not AXE_SCRIPT.exists():
        need_service(f"needs axe-core at {AXE_SCRIPT}: run npm ci")
    return _assert_no_axe_violations


@pytest.fixture
def demo(browser_db):
    """The demo data (partnerships.demo.seed()): 18 partnerships and the demo accounts."""
    from partnerships import demo as demo_module
    from tests.reference import ensure_reference_data

    ensure_reference_data()
    seeded = demo_module.seed()
    demo_authenticators()
    return seeded


def demo_authenticators():
    """As seed_demo does: the demo administrator and reviewers get the published demo secret."""
    from accounts.models import Role
    from accounts.second_factor import give_demo_devices
    from partnerships.demo import DEMO_ACCOUNTS

    give_demo_devices(
        emails=[
            email
            for email, _n, _t, role, _s, _g in DEMO_ACCOUNTS
            if role in (Role.ADMINISTRATOR, Role.REVIEWER)
        ]
    )
