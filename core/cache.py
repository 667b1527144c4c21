"""The page cache: fragments of pages kept until what they show changes.

Each body of records has a *version*: a random token in the cache under its name, replaced
whenever a record in it is saved or deleted (core.changes and the apps' rules say which):

- a partnership's id (an int): the partnership and everything recorded for it;
- ``national``: reference data every partnership reads, and anything loaded in bulk; every
  cached fragment depends on it;
- names the apps define, such as ``funding`` (the catalogue) or ``goodpractice``;
- `TODAY`: not a version but the date, for fragments that count from today.

`fragment(request, name, compute, depends_on=..., shared=...)` is the one entry point for
views (and `{% cache_fragment %}` the one template tag): the caller names what the fragment
depends on and who may share it, and this module adds who is asking to the key:

- `PER_USER` (the default): the user's id and scope;
- `PER_SCOPE`: the user's scope (their role flags and the ids their roles reach), for fragments
  that differ only by what the user may see and do;
- `EVERYONE`: nothing about the user; `vary` must then hold all that differs between readers.

Tokens are random, so a token evicted from the cache is never replaced by one used before. They
are read before the work is done and replaced both at once and when the transaction commits, so
work that read uncommitted records is kept only under a token already out of date. Nothing is
kept where settings.PAGE_CACHE_SECONDS is 0, and the work is simply done when the cache is down.
"""

import datetime
import hashlib
import logging
import secrets
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.safestring import SafeString, mark_safe

from . import clock

logger = logging.getLogger(__name__)

PREFIX = "version:"
PER_USER, PER_SCOPE, EVERYONE = "per user", "per scope", "everyone"
TODAY = "today"

# What the cache backends raise when their server is down (redis-py's errors are
# ConnectionError subclasses of its own RedisError; sockets raise OSError).
try:
    from redis.exceptions import RedisError as _RedisError

    CACHE_ERRORS: tuple[type[BaseException], ...] = (_RedisError, OSError)
except ImportError:  # pragma: no cover - redis is a dependency
    CACHE_ERRORS = (OSError,)


def partnership(pk: int) -> str:
    """A partnership's version name."""
    return f"partnership:{pk}"


def seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def _new_token() -> str:
    return secrets.token_hex(6)


def _version_names(depends_on: Iterable) -> tuple[list[str], list]:
    """Version names, and the other key parts (the date for TODAY), from `depends_on`."""
    names, parts = ["national"], []
    for item in depends_on:
        if item == TODAY:
            parts.append(clock.today())
        elif isinstance(item, int) and not isinstance(item, bool):
            names.append(partnership(item))
        elif isinstance(item, str):
            names.append(item)
        else:
            raise TypeError(
                f"A fragment depends on partnership ids, version names or TODAY, not {item!r}"
            )
    return names, parts


def tokens(names: Iterable[str]) -> str:
    """The current tokens of `names`, joined in the order given (one cache round trip)."""
    keys = [PREFIX + name for name in names]
    found = cache.get_many(keys)
    missing = {key: _new_token() for key in keys if key not in found}
    if missing:
        cache.set_many(missing, None)
        found.update(missing)
    return ".".join(found[key] for key in keys)


def _replace(keys: list[str]) -> None:
    try:
        cache.set_many({key: _new_token() for key in keys}, None)
    except CACHE_ERRORS:
        # Nothing can be read from the cache either until it returns; what it keeps expires
        # within PAGE_CACHE_SECONDS in any case.
        logger.warning("Could not replace versions %s: cache unreachable", keys)


def bump(names: Iterable[str]) -> None:
    """Records in `names` changed: give each a new version, now and when the change commits."""
    keys = [PREFIX + name for name in names]
    if not keys:
        return
    _replace(keys)
    transaction.on_commit(lambda: _replace(keys))


def bump_partnerships(partnership_ids: Iterable[int] | None) -> None:
    """core.changes listener: None means every partnership (reference data changed)."""
    if partnership_ids is None:
        bump(["national"])
    else:
        bump([partnership(pk) for pk in set(partnership_ids)])


_versioned: dict[type, list[Callable]] = {}


def _on_versioned_change(sender, instance=None, action="post_", **kwargs):
    if action.startswith("post_"):  # post_save, post_delete, and m2m_changed's post_*
        bump(sorted({name for rule in _versioned[sender] for name in rule(instance)}))


def versioned(*models, version: str | Callable) -> None:
    """Declare that saving or deleting any of `models` (or changing a many-to-many table)
    replaces the named version, or the versions `version(instance)` names. For versions other
    than a partnership's, which core.changes rules decide."""
    rule = version if callable(version) else (lambda instance, name=version: [name])
    for model in models:
        rules = _versioned.setdefault(model, [])
        if getattr(version, "__name__", version) in {getattr(r, "version", None) for r in rules}:
            continue
        rule.version = getattr(version, "__name__", version)
        rules.append(rule)
        uid = f"cache-version-{model._meta.label}"
        if model._meta.auto_created:
            m2m_changed.connect(_on_versioned_change, sender=model, dispatch_uid=uid + "-m2m")
        else:
            post_save.connect(_on_versioned_change, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(_on_versioned_change, sender=model, dispatch_uid=uid + "-delete")


def versioned_models() -> set[type]:
    """Every model (and many-to-many table) declared with `versioned`."""
    return set(_versioned)


def scope_of(user) -> tuple:
    """The role flags and ids a user's roles reach: all that their permissions depend on."""
    if not user.is_authenticated:
        return ("anonymous",)
    scope = user.scope
    return (
        user.is_active,
        user.is_superuser,
        scope.is_admin,
        *(
            tuple(sorted(ids))
            for ids in (
                scope.region_ids,
                scope.managed_partnership_ids,
                scope.agency_ids,
                scope.signatory_agency_ids,
                scope.press_officer_agency_ids,
            )
        ),
    )


def reader(user, shared: str) -> tuple:
    """The part of a key that says who may share the fragment."""
    if shared == PER_USER:
        return ("user", user.pk, *scope_of(user))
    if shared == PER_SCOPE:
        return ("scope", *scope_of(user))
    if shared == EVERYONE:
        return ()
    raise ValueError(f"shared must be PER_USER, PER_SCOPE or EVERYONE, not {shared!r}")


def remember(
    parts: Iterable,
    depends_on: Iterable,
    compute: Callable,
    *,
    timeout: int | None = None,
    check_as: tuple | None = None,
):
    """`compute()`, kept under `parts` and the versions in `depends_on`; for values that are
    the same for everyone (views use `fragment`). `compute` must return something that pickles.
    """
    timeout = seconds() if timeout is None else timeout
    if not timeout:
        return compute()
    names, dated = _version_names(depends_on)
    try:
        current = tokens(names)
    except CACHE_ERRORS:
        logger.warning("Cache unreachable: working out %s afresh", parts)
        return compute()
    digest = hashlib.sha256(repr((tuple(parts), *dated, current)).encode()).hexdigest()
    key = f"page:{digest}"
    try:
        value = cache.get(key)
    except CACHE_ERRORS:
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except CACHE_ERRORS:
            pass
        if checking():
            _checked_readers.setdefault(key, set()).add(check_as)
    elif checking():
        _check(key, value, compute, check_as, parts)
    return value


def fragment(
    request,
    name: str,
    compute: Callable,
    *,
    depends_on: Iterable,
    shared: str = PER_USER,
    vary: Iterable = (),
    timeout: int | None = None,
):
    """`compute()` for this request, kept until a version in `depends_on` changes (or the day
    does, with TODAY). `vary` holds what else the result depends on (the query string, the
    page); `shared` says who may be given the same copy (see the module docstring)."""
    user = request.user
    parts = (name, *reader(user, shared), *vary)
    value = remember(
        parts, depends_on, compute, timeout=timeout, check_as=(user.pk, *scope_of(user))
    )
    return mark_safe(value) if isinstance(value, str) else value  # noqa: S308 - our templates'


# Leak check (tests) ------------------------------------------------------------------------
# With settings.PAGE_CACHE_CHECK on, the first time a reader other than the ones already seen
# is given a kept copy, the work is done again for them and must give the same value: a copy
# given to the wrong reader (a fragment keyed too broadly) then raises UnderKeyed.

_checked_readers: dict[str, set] = {}


class UnderKeyedError(AssertionError):
    """A kept fragment differs from the one this reader should see."""


def checking() -> bool:
    return bool(getattr(settings, "PAGE_CACHE_CHECK", False))


def forget_checks() -> None:
    _checked_readers.clear()


def _comparable(value):
    """`value` without the times it was worked out at, which differ on every run."""
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items() if not isinstance(v, datetime.datetime)}
    if isinstance(value, list | tuple):
        return [_comparable(v) for v in value]
    if isinstance(value, SafeString):
        return str(value)
    return value


def _check(key: str, value, compute: Callable, check_as, parts) -> None:
    seen = _checked_readers.setdefault(key, set())
    if check_as in seen:
        return
    seen.add(check_as)
    fresh = compute()
    if _comparable(fresh) != _comparable(value):
        raise UnderKeyedError(
            f"The cached fragment {parts[0]!r} shown to {check_as} was worked "
            f"out for another reader and differs: its key lacks something "
            f"(shared too widely, or `vary` misses a part)"
        )
