"""The permission matrix: every URL pattern x every role x method -> expected status.

Each app adds its rows in tests/permissions/rows_<app>.py; ALL_ROWS gathers them. A URL pattern
that is in the URLconf but in no row fails test_every_url_pattern_is_in_the_matrix.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

ROLES = (
    "anonymous",
    "admin",
    "reviewer_in",
    "reviewer_out",
    "manager_this",
    "manager_other",
    "staff_this",
    "staff_other",
)
SIGN_IN = 302  # a signed-out visitor is sent to the sign-in page

# Django's own admin is guarded by its is_staff check and has hundreds of generated URLs;
# the matrix lists its index (as "admin:index") and the admin's own tests cover the rest.
EXEMPT_NAMESPACES = ("admin",)


@dataclass(frozen=True)
class Row:
    name: str
    expect: dict
    method: str = "get"
    kwargs: Callable = field(default=lambda world: {})
    data: Callable = field(default=lambda world: {})

    def __post_init__(self):
        missing = set(ROLES) - set(self.expect)
        if missing:
            raise ValueError(f"{self.name} {self.method}: no expectation for {sorted(missing)}")

    @property
    def id(self) -> str:
        return f"{self.name}:{self.method}"


def everyone(status: int, *, anonymous: int = SIGN_IN, **overrides) -> dict:
    """All roles get `status`, except anonymous and any roles named in overrides."""
    expect = dict.fromkeys(ROLES, status)
    expect["anonymous"] = anonymous
    expect.update(overrides)
    return expect


def url_pattern_names() -> set[str]:
    """Every named URL pattern in the portal, with its namespace."""
    names: set[str] = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                namespace = pattern.namespace
                if namespace in EXEMPT_NAMESPACES:
                    names.add(f"{namespace}:index")
                    continue
                walk(pattern.url_patterns, f"{prefix}{namespace}:" if namespace else prefix)
            elif isinstance(pattern, URLPattern):
                if pattern.name:
                    names.add(prefix + pattern.name)
                else:
                    names.add(f"{prefix}<unnamed {pattern.pattern}>")

    walk(get_resolver().url_patterns, "")
    return names


def missing_from_matrix(rows) -> set[str]:
    return url_pattern_names() - {row.name for row in rows}


def all_rows():
    """Every app's rows: each tests/permissions/rows_<app>.py module's ROWS list."""
    import importlib
    import pkgutil
    from pathlib import Path

    rows = []
    for module in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if module.name.startswith("rows_"):
            rows.extend(importlib.import_module(f"{__package__}.{module.name}").ROWS)
    return rows
