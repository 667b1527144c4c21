"""Which partnerships a saved or deleted record touches, told to whoever keeps work derived
from those records (the page cache, reviews' stored ratings).

Each app declares the rules for its own models in its AppConfig.ready() with `touches`: a rule
takes the saved or deleted instance and returns the ids of the partnerships it touches, or None
when the record is reference data every partnership reads (`everyone`). Apps also say where an
agency's partnerships are recorded (`agency_source`), so a rule for an agency's record can ask
for all of them without knowing the other apps.

Write paths save or delete these records one at a time, so the signals see them; bulk loaders
(demo, scale) call `changed(None)` afterwards.
"""

from collections.abc import Callable, Iterable

from django.db.models.signals import m2m_changed, post_delete, post_save

Listener = Callable[[list[int] | None], None]
Rule = Callable[[object], Iterable[int] | None]

_listeners: list[Listener] = []
_rules: dict[type, Rule] = {}
_agency_sources: list[tuple[Callable, bool]] = []


def listen(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def changed(partnership_ids: Iterable[int] | None) -> None:
    """Tell every listener these partnerships' records (None: every partnership's) changed."""
    ids = None if partnership_ids is None else sorted({pk for pk in partnership_ids if pk})
    if ids == []:
        return
    for listener in _listeners:
        listener(ids)


def everyone(instance) -> None:
    """The rule for reference data: it counts for every partnership."""
    return None


def own_partnership(instance) -> list[int]:
    """The rule for records with a partnership of their own."""
    return [instance.partnership_id]


def _on_save_or_delete(sender, instance, **kwargs):
    changed(_rules[sender](instance))


def touches(*models, rule: Rule) -> None:
    """Declare that saving or deleting any of `models` touches `rule(instance)`."""
    for model in models:
        _rules[model] = rule
        uid = f"changes-{model._meta.label}"
        post_save.connect(_on_save_or_delete, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_on_save_or_delete, sender=model, dispatch_uid=uid + "-delete")


def touches_m2m(through, rule: Callable) -> None:
    """Declare what a many-to-many change touches: `rule(instance, reverse)`, after the change."""

    def receiver(sender, instance, action, reverse, **kwargs):
        if action.startswith("post_"):
            changed(rule(instance, reverse))

    _rules[through] = rule
    m2m_changed.connect(
        receiver, sender=through, weak=False, dispatch_uid=f"changes-{through._meta.label}-m2m"
    )


def ruled_models() -> set[type]:
    """Every model (and many-to-many table) with a declared rule."""
    return set(_rules)


def agency_source(source: Callable, *, owners: bool = False) -> None:
    """Declare where agencies' partnerships are recorded: `source(agency_ids)` returns a
    queryset of partnership ids (values_list, flat). With `owners` it counts only when asked
    for (the partnerships whose actions an agency owns)."""
    if (source, owners) not in _agency_sources:
        _agency_sources.append((source, owners))


def agency_partnerships(agency_ids: Iterable[int], *, owners: bool = False) -> set[int]:
    """The partnerships the agencies are recorded in (one query): members, parties to an
    agreement and, with `owners`, owners of an action. An agency that has left a partnership
    is still named on its agreements and actions."""
    agency_ids = list(agency_ids)
    parts = [
        source(agency_ids).order_by()
        for source, for_owners in _agency_sources
        if owners or not for_owners
    ]
    if not agency_ids or not parts:
        return set()
    # Unordered parts: SQLite allows no ORDER BY (the models' default) inside a UNION.
    first, *rest = parts
    return set(first.union(*rest)) if rest else set(first)
