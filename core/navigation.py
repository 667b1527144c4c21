"""The header navigation, by role. Apps add entries through NAVIGATION below."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    text: str
    url_name: str
    visible: Callable = lambda user: True
    active_prefixes: tuple[str, ...] = ()


NAVIGATION: list[NavItem] = [
    NavItem("Home", "home"),
    NavItem(
        "Regions",
        "partnerships:region-list",
        visible=lambda user: user.scope.is_admin or user.scope.is_reviewer,
        active_prefixes=("partnerships:region-",),
    ),
    NavItem(
        "Users",
        "accounts:user-list",
        visible=lambda user: user.scope.is_admin,
        active_prefixes=("accounts:user-", "accounts:role-"),
    ),
    NavItem("Notifications", "accounts:notifications"),
    NavItem("Settings", "accounts:settings"),
]


def register_nav(item: NavItem, *, before: str = "Notifications") -> None:
    """Apps add their header links in AppConfig.ready(), placed before `before`."""
    if any(existing.url_name == item.url_name for existing in NAVIGATION):
        return
    position = next(
        (i for i, existing in enumerate(NAVIGATION) if existing.text == before), len(NAVIGATION)
    )
    NAVIGATION.insert(position, item)


# Checks that hide the navigation from a signed-in user (accounts adds one: a user who still
# owes a second factor has nothing to navigate to yet).
NAVIGATION_GATES: list[Callable] = []


def register_navigation_gate(gate: Callable) -> None:
    if gate not in NAVIGATION_GATES:
        NAVIGATION_GATES.append(gate)


def navigation_for(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    if any(gate(user) for gate in NAVIGATION_GATES):
        return []
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else ""
    items = []
    for item in NAVIGATION:
        if not item.visible(user):
            continue
        href = reverse(item.url_name)
        active = current == item.url_name or current.startswith(item.active_prefixes)
        items.append({"text": item.text, "href": href, "active": active})
    return items


@dataclass(frozen=True)
class SettingsLink:
    text: str
    url_name: str
    description: str = ""


# Further settings pages that apps own, listed on the user's settings page.
SETTINGS_LINKS: list[SettingsLink] = []


def register_settings_link(link: SettingsLink) -> None:
    if all(existing.url_name != link.url_name for existing in SETTINGS_LINKS):
        SETTINGS_LINKS.append(link)


def settings_links() -> list[dict]:
    return [
        {"text": link.text, "href": reverse(link.url_name), "description": link.description}
        for link in SETTINGS_LINKS
    ]
