"""Work derived from records, kept in the cache until those records change.

Each body of data the portal derives pages from has a *generation*: a random token kept in the
cache under its name, replaced by a new one whenever a record in it is saved or deleted. Names:

- ``partnership:<id>``: a partnership and everything recorded for it (memberships, contacts,
  agreements and their parties and datasets, deliveries, ISTV returns of its member emergency
  departments, documents, actions, bids); core.changes says which records count.
- ``national``: reference data every partnership reads (agency types, prescribed datasets),
  and anything loaded in bulk; every derived value depends on it.
- others as the apps define them, such as ``funding`` for the funding catalogue.

`derived(parts, names, compute)` returns `compute()`, kept under a key made of `parts` and the
current tokens of `names`. A change anywhere in those names gives a new token and so a new key;
a stale value is never read again and expires. Tokens are random rather than counters, so a
token evicted from the cache is replaced by a new one, never by one that was used before.

Tokens are read *before* the work is done, and replaced both at once and again when the
transaction commits, so work that read uncommitted or superseded records is kept only under a
token that is already out of date.

Keeping is off where settings.DERIVED_CACHE_SECONDS is 0 (the test settings, except in the
tests of the keeping itself), and the work is simply done when the cache cannot be reached.
"""

import hashlib
import logging
import secrets
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

PREFIX = "generation:"

# What the cache backends raise when their server is down (redis-py's errors are
# ConnectionError subclasses of its own RedisError; sockets raise OSError).
try:
    from redis.exceptions import RedisError as _RedisError

    CACHE_ERRORS: tuple[type[BaseException], ...] = (_RedisError, OSError)
except ImportError:  # pragma: no cover - redis is a dependency
    CACHE_ERRORS = (OSError,)


def partnership(pk: int) -> str:
    return f"partnership:{pk}"


def _new_token() -> str:
    return secrets.token_hex(6)


def seconds() -> int:
    return int(getattr(settings, "DERIVED_CACHE_SECONDS", 0))


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
        # The cache is down: nothing can be read from it either until it returns, and its
        # keys may be gone. Kept work expires within DERIVED_CACHE_SECONDS in any case.
        logger.warning("Could not replace generations %s: cache unreachable", keys)


def bump(names: Iterable[str]) -> None:
    """Records in `names` changed: give each a new token, now and when the change commits."""
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


def derived(parts: Iterable, names: Iterable[str], compute: Callable, *,
            timeout: int | None = None):
    """`compute()`, kept under `parts` and the tokens of `names` (see the module docstring).

    `parts` must hold everything else the result depends on: whose view it is (user or scope),
    the day when it counts from today, the query's filters. `compute` must return something
    that pickles, such as HTML or plain data.
    """
    timeout = seconds() if timeout is None else timeout
    if not timeout:
        return compute()
    try:
        current = tokens(["national", *names])
    except CACHE_ERRORS:
        logger.warning("Cache unreachable: working out %s afresh", parts)
        return compute()
    digest = hashlib.sha256(repr((tuple(parts), current)).encode()).hexdigest()
    key = f"derived:{digest}"
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
    return value
