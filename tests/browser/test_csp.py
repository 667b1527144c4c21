"""The Content Security Policy holds in a real browser: every page each role reaches loads with
no inline script, inline event handler or style attribute that the policy blocks.

Chromium reports each blocked thing twice, as a `securitypolicyviolation` event in the page and
as a console error; both are collected and must stay empty.
"""

from urllib.parse import urlparse

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile || location.href}:${event.lineNumber}`
  );
});
"""
# Links not to follow: downloads (exports, feeds), signing out, and the Django admin's own pages
# beyond its index (visited separately).
SKIP = (
    ".csv",
    ".json",
    ".ics",
    "/download",
    "/export",
    "/sign-out",
    "/django-admin/",
    "/media/",
    "/api/v1/",
    "/api/schema/",
)
LINKS_PER_PAGE = 4


class Watcher:
    def __init__(self, page):
        self.page = page
        self.console = []
        page.add_init_script(LISTEN)
        page.on("console", self._on_console)

    def _on_console(self, message):
        if "Content Security Policy" in message.text:
            self.console.append(f"{self.page.url}: {message.text}")

    def visit(self, path) -> list[str]:
        response = self.page.goto(path)
        assert response is not None and response.status < 500, (
            f"{path}: {response and response.status}"
        )
        self.page.wait_for_load_state("load")
        found = self.page.evaluate("() => window.__cspViolations || []")
        return [f"{path}: {line}" for line in found]


def _view_name(path):
    try:
        return resolve(urlparse(path).path).view_name
    except Resolver404:
        return None


def _internal_links(page):
    hrefs = page.eval_on_selector_all(
        "main a[href], .govuk-service-navigation a[href]",
        "els => els.map(e => e.getAttribute('href'))",
    )
    links = []
    for href in hrefs:
        if not href or not href.startswith("/") or href.startswith("//"):
            continue
        if any(part in href for part in SKIP):
            continue
        links.append(href.split("#")[0])
    return links


def crawl(watcher, start_paths) -> tuple[list[str], set[str]]:
    """Visits the start pages, then up to LINKS_PER_PAGE links from each to views not yet
    seen (one page per view). Returns the violations and the views visited."""
    violations, seen_views, queue = [], set(), list(start_paths)
    for depth in range(2):
        next_queue = []
        for path in queue:
            view = _view_name(path)
            if view is None or view in seen_views:
                continue
            seen_views.add(view)
            violations += watcher.visit(path)
            if depth == 0:
                followed = 0
                for link in _internal_links(watcher.page):
                    if followed >= LINKS_PER_PAGE:
                        break
                    if _view_name(link) not in seen_views:
                        next_queue.append(link)
                        followed += 1
        queue = next_queue
    return violations, seen_views


def _nav_paths(page):
    page.goto("/")
    return ["/"] + page.eval_on_selector_all(
        ".govuk-service-navigation__list a[href]", "els => els.map(e => e.getAttribute('href'))"
    )


DEMO_ROLES = [
    "admin@example.org",
    "reviewer@example.org",
    "manager@example.org",
    "staff.hospital@example.org",
]


@pytest.mark.parametrize("email", DEMO_ROLES)
def test_pages_of_each_role_break_no_content_security_policy(page, demo, log_in_as, email):
    from accounts.models import User

    log_in_as(page, User.objects.get(email=email))
    watcher = Watcher(page)
    extra = ["/api/docs/", "/accounts/settings/", "/accounts/settings/api-tokens/"]
    if email.startswith("admin"):
        user = User.objects.get(email=email)
        extra += [
            "/django-admin/",
            "/audit-log/",
            "/django-admin/accounts/user/",
            f"/django-admin/accounts/user/{user.pk}/change/",
            "/django-admin/audit/auditevent/",
        ]
    violations, views = crawl(watcher, _nav_paths(page) + extra)
    assert len(views) >= 8, f"too few pages reached: {sorted(views)}"
    assert not violations and not watcher.console, "\n".join(violations + watcher.console)


def test_every_response_carries_the_policy(page, demo, log_in_as):
    from accounts.models import User

    log_in_as(page, User.objects.get(email="manager@example.org"))
    response = page.goto("/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_signed_out_pages_and_the_second_factor_set_up_break_no_policy(page, demo, sign_in):
    """The sign-in, password reset and public pages; then a reviewer without an authenticator
    app sets one up from the QR code page (an SVG data: image) and reaches the dashboard."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from partnerships.demo import DEMO_PASSWORD

    watcher = Watcher(page)
    violations = []
    for path in [
        "/accounts/sign-in/",
        "/accounts/password-reset/",
        "/accessibility/",
        "/cookies/",
        "/transparency/",
    ]:
        violations += watcher.visit(path)

    TOTPDevice.objects.filter(user__email="reviewer.northwest@example.org").delete()
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill("reviewer.northwest@example.org")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    qr = page.get_by_role("img", name="QR code to add")
    expect(qr).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth > 100", qr.element_handle())
    violations += [f"{page.url}: {line}" for line in page.evaluate("() => window.__cspViolations")]
    from tests.browser.conftest import enter_second_factor_code

    enter_second_factor_code(page, "reviewer.northwest@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your dashboard")
    violations += [f"{page.url}: {line}" for line in page.evaluate("() => window.__cspViolations")]
    assert not violations and not watcher.console, "\n".join(violations + watcher.console)
