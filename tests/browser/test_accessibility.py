"""Every page of the portal passes axe-core (WCAG 2.2 AA rules), empty and, for forms, with errors.

Adding pages: write a list of `Page(...)` rows for the app (name, role, URL builder, and for a
form an `error=` action that submits it badly) and add it to `PAGES` at the bottom. The role is
one of the `world` fixture's users (tests/conftest.py ROLE_NAMES), or "anonymous".
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Page:
    name: str
    role: str
    url: Callable  # url(world) -> path
    error: Callable | None = None  # error(page): puts a form page into its error state
    setup: Callable | None = None  # setup(world): data the page needs beyond the world
    status: int = 200


def at(url_name, kwargs=None):
    """A URL builder: reverse(url_name), with kwargs computed from the world if a callable."""

    def build(world):
        computed = kwargs(world) if callable(kwargs) else kwargs
        return reverse(url_name, kwargs=computed)

    return build


def submit_empty(button_name):
    """An error action: press the form's button without filling anything in."""

    def act(page):
        page.get_by_role("button", name=button_name, exact=True).click()
        page.wait_for_load_state()

    return act


def _password_reset_link(world):
    user = world.users["staff_this"]
    return reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def _invitation_link(world):
    from accounts.tokens import invitation_token

    user = world.users["staff_this"]
    return reverse(
        "accounts:invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_token.make_token(user),
        },
    )


def _one_notification(world):
    from accounts.services import notify

    notify(
        user=world.users["manager_this"],
        subject="A data sharing agreement needs signing",
        body="Leedsford Police has been asked to sign.",
        idempotency_key="a11y-1",
        url=reverse("home"),
    )


def _staff_pk(world):
    return {"pk": world.users["staff_this"].pk}


def _this_partnership(world):
    return {"code": world.partnership.ons_code}


def _region_in(world):
    return {"code": world.region_in.code}


FOUNDATION_PAGES = [
    # Signed out
    Page("sign-in", "anonymous", at("accounts:sign-in"), error=submit_empty("Sign in")),
    Page(
        "password-reset",
        "anonymous",
        at("accounts:password-reset"),
        error=submit_empty("Send reset link"),
    ),
    Page("password-reset-sent", "anonymous", at("accounts:password-reset-sent")),
    Page(
        "password-reset-confirm-invalid-link",
        "anonymous",
        at("accounts:password-reset-confirm", {"uidb64": "MQ", "token": "not-a-token"}),
    ),
    Page(
        "password-reset-confirm",
        "anonymous",
        _password_reset_link,
        error=submit_empty("Save new password"),
    ),
    Page("password-reset-complete", "anonymous", at("accounts:password-reset-complete")),
    Page(
        "invitation-invalid-link",
        "anonymous",
        at("accounts:invitation", {"uidb64": "MQ", "token": "not-a-token"}),
    ),
    Page("invitation", "anonymous", _invitation_link, error=submit_empty("Save new password")),
    Page("invitation-complete", "anonymous", at("accounts:invitation-complete")),
    Page("accessibility", "anonymous", at("pages:accessibility")),
    Page("cookies", "anonymous", at("pages:cookies")),
    # Errors
    Page("403", "manager_this", at("accounts:user-list"), status=403),
    Page("404", "manager_this", lambda world: "/no-such-page/", status=404),
    # Home, one per role
    Page("home-admin", "admin", at("home")),
    Page("home-reviewer", "reviewer_in", at("home")),
    Page("home-manager", "manager_this", at("home")),
    Page("home-staff", "staff_this", at("home")),
    # Anyone signed in. The settings form (a checkbox and a set of radios per kind of notice)
    # cannot be answered wrongly from the page: it has no error state.
    Page("notifications-empty", "manager_this", at("accounts:notifications")),
    Page(
        "notifications-one", "manager_this", at("accounts:notifications"), setup=_one_notification
    ),
    Page("home-manager-with-notification", "manager_this", at("home"), setup=_one_notification),
    Page("settings", "manager_this", at("accounts:settings")),
    # Users and roles (administrators)
    Page("user-list", "admin", at("accounts:user-list")),
    Page("user-create", "admin", at("accounts:user-create"), error=submit_empty("Create user")),
    Page("user-detail", "admin", at("accounts:user-detail", _staff_pk)),
    Page("user-history", "admin", at("accounts:user-history", _staff_pk)),
    Page("role-add", "admin", at("accounts:role-add", _staff_pk), error=submit_empty("Add role")),
    # Partnerships
    Page("region-list", "reviewer_in", at("partnerships:region-list")),
    Page("region-detail", "reviewer_in", at("partnerships:region-detail", _region_in)),
    Page(
        "partnership-detail",
        "manager_this",
        at("partnerships:partnership-detail", _this_partnership),
    ),
    Page(
        "partnership-history",
        "manager_this",
        at("partnerships:partnership-history", _this_partnership),
    ),
]

# Later apps: add their lists here.
PAGES = FOUNDATION_PAGES


def axe_cases(pages):
    """Each page as a test case, and again in its error state where it has one."""
    for case in pages:
        yield pytest.param(case, False, id=case.name)
        if case.error is not None:
            yield pytest.param(case, True, id=f"{case.name}-error")


def test_page_names_are_unique():
    names = [case.name for case in PAGES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("case", "with_errors"), list(axe_cases(PAGES)))
def test_page_has_no_axe_violations(
    page, world, log_in_as, assert_no_axe_violations, case, with_errors
):
    if case.setup is not None:
        case.setup(world)
    user = world.user(case.role)
    if user is not None:
        log_in_as(page, user)

    path = case.url(world)
    response = page.goto(path)
    assert response.status == case.status, f"{path} answered {response.status}"
    if case.status == 200:
        # Not sent somewhere else (the sign-in page, say) by mistake.
        assert page.url.split("?")[0].endswith(path) or case.name in (
            "password-reset-confirm",
            "invitation",
        )

    if with_errors:
        case.error(page)
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert page.title().startswith("Error:"), page.title()

    assert_no_axe_violations(page)


def test_the_axe_check_catches_a_violation(page, assert_no_axe_violations):
    """The check itself works: a page with an unlabelled input and an image without alt fails."""
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main><h1>x</h1>'
        '<img src="x.png"><input type="text"></main></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        assert_no_axe_violations(page)
    assert "image-alt" in str(failure.value)
    assert "label" in str(failure.value)
