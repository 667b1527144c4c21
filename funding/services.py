"""Writes for funding: one function per use case, keyword-only arguments."""

import time
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification, User
from accounts.services import notify
from core import clock
from core.templatetags.govuk_time import govuk_time
from partnerships.org_ids import validate_org_id

from . import selectors
from .models import (
    BID_TRANSITIONS,
    Bid,
    BidStatus,
    Frequency,
    Funder,
    FundingPreferences,
    Opportunity,
    ReminderKind,
    ReminderSent,
    SavedSearch,
    Watch,
    months_between,
    new_calendar_token,
)

OPPORTUNITY_FIELDS = (
    "funder",
    "title",
    "programme",
    "description",
    "is_national",
    "min_award",
    "max_award",
    "total_pot",
    "opens_at",
    "closes_at",
    "decision_on",
    "period_start",
    "period_end",
    "ring_fenced",
    "capital_revenue",
    "conditions",
    "match_funding_required",
    "url",
    "published_at",
)
OPPORTUNITY_M2M = ("themes", "applicant_types", "regions", "partnerships")


# Funders and opportunities -------------------------------------------------------------------


def funder_create(*, name: str, identifier: str, url: str = "") -> Funder:
    identifier = identifier.strip()
    try:
        validate_org_id(identifier)
    except ValidationError as error:
        raise ValidationError({"identifier": error.messages}) from error
    return Funder.objects.create(name=name.strip(), identifier=identifier, url=url)


def opportunity_location_errors(*, user, is_national: bool, regions, partnerships) -> dict:
    """Where an opportunity may be offered, by who is publishing it. Empty when allowed."""
    errors = {}
    regions = list(regions or [])
    partnerships = list(partnerships or [])
    if not (is_national or regions or partnerships):
        errors["is_national"] = (
            "Say where the opportunity is open: nationally, in regions or to specific partnerships"
        )
    if user.scope.is_admin:
        return errors
    allowed = user.scope.region_ids
    if is_national:
        errors["is_national"] = "Only administrators can publish national opportunities"
    outside = [r for r in regions if r.pk not in allowed]
    if outside:
        errors["regions"] = "You can only publish for your own regions: remove " + ", ".join(
            str(r) for r in outside
        )
    outside = [p for p in partnerships if p.region_id not in allowed]
    if outside:
        errors["partnerships"] = (
            "You can only publish for partnerships in your regions: "
            "remove " + ", ".join(str(p) for p in outside)
        )
    return errors


def opportunity_date_errors(
    *, opens_at, closes_at, min_award, max_award, period_start, period_end
) -> dict:
    errors = {}
    if opens_at and closes_at and closes_at <= opens_at:
        errors["closes_at"] = "The closing date must be after the opening date"
    if min_award is not None and max_award is not None and min_award > max_award:
        errors["max_award"] = "The maximum award must be at least the minimum award"
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = "The end of the funding period must be after its start"
    return errors


def _check_opportunity(*, user, fields: dict, m2m: dict) -> None:
    errors = opportunity_location_errors(
        user=user,
        is_national=fields.get("is_national", False),
        regions=m2m.get("regions"),
        partnerships=m2m.get("partnerships"),
    )
    errors.update(
        opportunity_date_errors(
            **{
                k: fields.get(k)
                for k in (
                    "opens_at",
                    "closes_at",
                    "min_award",
                    "max_award",
                    "period_start",
                    "period_end",
                )
            }
        )
    )
    if errors:
        raise ValidationError(errors)


def _split(values: dict) -> tuple[dict, dict]:
    unknown = set(values) - set(OPPORTUNITY_FIELDS) - set(OPPORTUNITY_M2M)
    if unknown:
        raise TypeError(f"unknown opportunity fields: {sorted(unknown)}")
    fields = {k: v for k, v in values.items() if k in OPPORTUNITY_FIELDS}
    m2m = {k: list(v) for k, v in values.items() if k in OPPORTUNITY_M2M}
    return fields, m2m


@transaction.atomic
def opportunity_create(*, user, **values) -> Opportunity:
    """Publish an opportunity. Reviewers publish for their regions, administrators anywhere."""
    if not user.has_perm("funding.add_opportunity"):
        raise PermissionDenied
    fields, m2m = _split(values)
    _check_opportunity(user=user, fields=fields, m2m=m2m)
    if fields.get("published_at") is None:
        fields["published_at"] = clock.now()
    opportunity = Opportunity(created_by=user, created_at=clock.now(), **fields)
    opportunity.period_months = months_between(opportunity.period_start, opportunity.period_end)
    opportunity.save()
    for name, items in m2m.items():
        getattr(opportunity, name).set(items)
    from .tasks import send_saved_search_digests

    send_saved_search_digests.delay_on_commit(Frequency.IMMEDIATELY)
    return opportunity


@transaction.atomic
def opportunity_update(*, opportunity: Opportunity, user, **values) -> Opportunity:
    if not user.has_perm("funding.change_opportunity", opportunity):
        raise PermissionDenied
    fields, m2m = _split(values)
    current = {name: getattr(opportunity, name) for name in OPPORTUNITY_FIELDS}
    current.update(fields)
    current_m2m = {
        "regions": list(opportunity.regions.all()),
        "partnerships": list(opportunity.partnerships.all()),
    }
    current_m2m.update(m2m)
    _check_opportunity(user=user, fields=current, m2m=current_m2m)
    for name, value in fields.items():
        setattr(opportunity, name, value)
    opportunity.period_months = months_between(opportunity.period_start, opportunity.period_end)
    opportunity.save()
    for name, items in m2m.items():
        getattr(opportunity, name).set(items)
    opportunity._location_region_ids = None
    return opportunity


# Watching ------------------------------------------------------------------------------------


def watch_add(*, user, opportunity: Opportunity) -> bool:
    """Watch an opportunity. Returns False if the user already watched it."""
    try:
        with transaction.atomic():
            Watch.objects.create(user=user, opportunity=opportunity, created_at=clock.now())
    except IntegrityError:
        return False
    return True


def watch_remove(*, user, opportunity: Opportunity) -> bool:
    watch = Watch.objects.filter(user=user, opportunity=opportunity).first()
    if watch is None:
        return False
    watch.delete()
    return True


# Saved searches ------------------------------------------------------------------------------


def saved_search_create(*, user, name: str, query: str, frequency: str) -> SavedSearch:
    """Save a finder search. New matches are counted from now on."""
    return SavedSearch.objects.create(
        user=user,
        name=name.strip(),
        query=query[:2000],
        frequency=frequency,
        created_at=clock.now(),
        last_sent_at=clock.now(),
    )


def saved_search_update(*, saved_search: SavedSearch, name: str, frequency: str) -> SavedSearch:
    saved_search.name = name.strip()
    saved_search.frequency = frequency
    saved_search.save(update_fields=["name", "frequency"])
    return saved_search


def saved_search_delete(*, saved_search: SavedSearch) -> None:
    saved_search.delete()


def saved_searches_send(*, frequency: str) -> int:
    """Queue one digest task for each saved search of this frequency (after commit)."""
    from .tasks import send_saved_search_digest

    ids = list(
        SavedSearch.objects.filter(frequency=frequency, user__is_active=True).values_list(
            "id", flat=True
        )
    )
    for saved_search_id in ids:
        send_saved_search_digest.delay_on_commit(saved_search_id)
    return len(ids)


DIGEST_LIMIT = 50


def saved_search_send_digest(*, saved_search_id: int, now: datetime | None = None) -> bool:
    """Email one saved search's new matches since its last digest. Nothing new, nothing sent.

    The row lock and the idempotency key (the window's start) make a digest go once, however
    many times this runs.
    """
    now = now or clock.now()
    with transaction.atomic():
        search = (
            SavedSearch.objects.select_for_update()
            .select_related("user")
            .filter(pk=saved_search_id)
            .first()
        )
        if search is None or not search.user.is_active:
            return False
        since = search.last_sent_at
        matches = list(
            selectors.saved_search_matches(search=search, since=since, until=now)[
                : DIGEST_LIMIT + 1
            ]
        )
        if not matches:
            return False
        count = len(matches)
        shown = matches[:DIGEST_LIMIT]
        noun = "opportunity" if count == 1 else "opportunities"
        more = "50 or more" if count > DIGEST_LIMIT else str(count)
        lines = [f"{more} new funding {noun} match your saved search “{search.name}”:", ""]
        for opportunity in shown:
            closes = timezone.localtime(opportunity.closes_at)
            lines.append(
                f"- {opportunity.title} ({opportunity.funder}), closes "
                f"{closes:%-d %B %Y} at {govuk_time(closes)}: {_link(opportunity.get_absolute_url())}"
            )
        notify(
            user=search.user,
            subject=f"{more} new funding {noun}: {search.name}",
            body="\n".join(lines),
            idempotency_key=f"funding-digest:{search.pk}:{since.isoformat()}",
            url=search.get_absolute_url(),
        )
        search.last_sent_at = now
        search.save(update_fields=["last_sent_at"])
    return True


def _link(path: str) -> str:
    base = getattr(settings, "PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    return f"{base}{path}"


# Preferences and the calendar feed -----------------------------------------------------------


def preferences_update(*, user, offsets: list[int], email_reminders: bool) -> FundingPreferences:
    prefs, _ = FundingPreferences.objects.get_or_create(user=user)
    prefs.reminder_offsets = ",".join(str(d) for d in sorted(set(offsets), reverse=True))
    prefs.email_reminders = email_reminders
    prefs.save(update_fields=["reminder_offsets", "email_reminders"])
    return prefs


def calendar_token_reset(*, user) -> str:
    """Create the user's private feed address, or replace it (the old one stops working)."""
    prefs, _ = FundingPreferences.objects.get_or_create(user=user)
    prefs.calendar_token = new_calendar_token()
    prefs.save(update_fields=["calendar_token"])
    return prefs.calendar_token


def calendar_token_revoke(*, user) -> None:
    FundingPreferences.objects.filter(user=user).update(calendar_token=None)


# Bids ----------------------------------------------------------------------------------------


def _check_bid_links(*, partnership, lead_officer, priority) -> None:
    errors = {}
    if priority is not None and priority.partnership_id != partnership.pk:
        errors["priority"] = "Choose one of this partnership’s priorities"
    if (
        lead_officer is not None
        and not selectors.lead_officer_choices(partnership=partnership)
        .filter(pk=lead_officer.pk)
        .exists()
    ):
        errors["lead_officer"] = "Choose someone who works in this partnership"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def bid_create(
    *,
    user,
    partnership,
    opportunity: Opportunity,
    lead_officer=None,
    amount_requested: int | None = None,
    staff_days=0,
    priority=None,
    notes: str = "",
) -> Bid:
    if not user.has_perm("funding.add_bid", partnership):
        raise PermissionDenied
    _check_bid_links(partnership=partnership, lead_officer=lead_officer, priority=priority)
    if Bid.objects.filter(partnership=partnership, opportunity=opportunity).exists():
        raise ValidationError(
            {"opportunity": "This partnership already has a bid for this opportunity"}
        )
    return Bid.objects.create(
        partnership=partnership,
        opportunity=opportunity,
        lead_officer=lead_officer,
        amount_requested=amount_requested,
        staff_days=staff_days,
        priority=priority,
        notes=notes,
        created_at=clock.now(),
    )


# An awarded bid always has money: 360Giving counts a grant of £0 as an error (ZeroAmount).
AWARD_NEEDED = "Enter the amount awarded, in whole pounds, more than £0"


@transaction.atomic
def bid_update(
    *,
    bid: Bid,
    user,
    lead_officer=None,
    amount_requested: int | None = None,
    amount_awarded: int | None = None,
    staff_days=0,
    priority=None,
    notes: str = "",
) -> Bid:
    if not user.has_perm("funding.change_bid", bid):
        raise PermissionDenied
    _check_bid_links(partnership=bid.partnership, lead_officer=lead_officer, priority=priority)
    if amount_awarded is not None and bid.status != BidStatus.AWARDED:
        raise ValidationError({"amount_awarded": "Only an awarded bid has an amount awarded"})
    if bid.status == BidStatus.AWARDED and not (amount_awarded and amount_awarded > 0):
        raise ValidationError({"amount_awarded": AWARD_NEEDED})
    bid.lead_officer = lead_officer
    bid.amount_requested = amount_requested
    bid.amount_awarded = amount_awarded if bid.status == BidStatus.AWARDED else None
    bid.staff_days = staff_days
    bid.priority = priority
    bid.notes = notes
    bid.save()
    return bid


@transaction.atomic
def bid_change_status(*, bid: Bid, user, status: str, amount_awarded: int | None = None) -> Bid:
    """Move a bid on: considering → preparing → submitted → awarded / unsuccessful, or
    withdrawn at any point before a decision."""
    if not user.has_perm("funding.change_bid", bid):
        raise PermissionDenied
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    if status not in BID_TRANSITIONS[BidStatus(bid.status)]:
        raise ValidationError(
            {
                "status": f"A bid that is {bid.get_status_display().lower()} "
                f"cannot become {BidStatus(status).label.lower()}"
            }
        )
    if status == BidStatus.AWARDED and not (amount_awarded and amount_awarded > 0):
        raise ValidationError({"amount_awarded": AWARD_NEEDED})
    today = clock.today()
    bid.status = status
    if status == BidStatus.SUBMITTED:
        bid.submitted_on = today
    if status in (BidStatus.AWARDED, BidStatus.UNSUCCESSFUL):
        bid.decided_on = today
    bid.amount_awarded = amount_awarded if status == BidStatus.AWARDED else None
    bid.save()
    return bid


# Deadline reminders ---------------------------------------------------------------------------

REMINDER_BATCH_SIZE = 200


def reminders_enqueue_due(*, now: datetime | None = None) -> int:
    """The daily sweep: queue the due reminders, in batches, after the transaction commits.

    Each reminder is sent at most once, so running the sweep twice, or in two workers at once,
    queues duplicates that send nothing; a batch whose worker died is covered by the next
    sweep, which queues whatever is still unsent. Reminders whose email was lost (a worker died after the
    reminder was recorded) have their email queued again; that task sends at most once.
    """
    from accounts.tasks import send_notification_email

    from .tasks import send_deadline_reminder_batch

    now = now or clock.now()
    due = selectors.due_reminders(now=now)
    # Queued in batches: one broker message per REMINDER_BATCH_SIZE reminders, not one each
    # (92,000 single messages took minutes to publish; see docs/performance.md).
    for start in range(0, len(due), REMINDER_BATCH_SIZE):
        send_deadline_reminder_batch.delay_on_commit(
            [
                [reminder.opportunity_id, reminder.user_id, reminder.offset_days]
                for reminder in due[start : start + REMINDER_BATCH_SIZE]
            ]
        )
    for notification_id in selectors.reminders_waiting_for_email(now=now).values_list(
        "notification_id", flat=True
    ):
        send_notification_email.delay_on_commit(notification_id)
    return len(due)


def reminder_send(
    *, opportunity_id: int, user_id: int, offset_days: int, now: datetime | None = None
) -> bool:
    """Send one deadline reminder, exactly once. Returns whether this call sent it.

    The ReminderSent row is inserted first, under its unique constraint, in the same
    transaction as the in-app notification; the email is queued only after that commits. A
    second call (another worker, a rerun) hits the constraint and sends nothing; a worker that
    dies before the commit leaves nothing behind, so the next sweep sends it.
    """
    now = now or clock.now()
    opportunity = Opportunity.objects.select_related("funder").filter(pk=opportunity_id).first()
    user = User.objects.filter(pk=user_id).first()
    if opportunity is None or user is None:
        return False
    kind = selectors.reminder_still_due(
        opportunity=opportunity, user=user, offset_days=offset_days, now=now
    )
    if kind is None:
        return False
    try:
        with transaction.atomic():
            record = ReminderSent.objects.create(
                opportunity=opportunity,
                user=user,
                offset_days=offset_days,
                kind=kind,
                sent_at=now,
            )
            delay = float(getattr(settings, "FUNDING_REMINDER_TEST_DELAY", 0) or 0)
            if delay:
                time.sleep(delay)  # tests only: a window in which to kill the worker
            record.notification = _reminder_notice(
                opportunity=opportunity, user=user, offset_days=offset_days, kind=kind, now=now
            )
            record.save(update_fields=["notification"])
    except IntegrityError:
        return False
    return True


def _reminder_notice(*, opportunity, user, offset_days, kind, now) -> Notification:
    closes = timezone.localtime(opportunity.closes_at)
    left = selectors.days_left(opportunity.closes_at, timezone.localdate(now))
    when = {0: "today", 1: "tomorrow"}.get(left, f"in {left} days")
    url = opportunity.get_absolute_url()
    reason = "You are watching this opportunity."
    if kind == ReminderKind.BID:
        bid = (
            Bid.objects.filter(opportunity=opportunity, lead_officer=user)
            .select_related("partnership")
            .order_by("id")
            .first()
        )
        if bid is not None:
            url = reverse("funding:bid-detail", kwargs={"pk": bid.pk})
            reason = (
                f"You lead {bid.partnership}’s bid, which is {bid.get_status_display().lower()}."
            )
    subject = f"Closes {when}: {opportunity.title}"
    body = (
        f"{opportunity.title} ({opportunity.funder}) closes {when}, on "
        f"{closes:%-d %B %Y} at {govuk_time(closes)}.\n\n{reason}\n\nThis is your {offset_days}-day "
        "reminder. Change when you get reminders in your funding settings."
    )
    key = f"funding-reminder:{opportunity.pk}:{user.pk}:{offset_days}"
    prefs = FundingPreferences.objects.filter(user=user).first()
    notification, _ = notify(
        user=user,
        subject=subject,
        body=body,
        idempotency_key=key,
        url=url,
        email=prefs is None or prefs.email_reminders,
    )
    return notification
