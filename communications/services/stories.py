"""The stories pipeline: start a story (from a source or not), draft it, send it to the named
agencies, each agency's press officer approves it, then it is issued. Each step is one
transaction and refuses a step the story's stage does not allow, in words people can act on."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import Role, RoleAssignment
from accounts.services import notify
from core import clock
from core.templatetags.govuk_time import govuk_time
from partnerships.models import Agency, Membership, MembershipStatus

from ..models import Stage, Story, StoryApproval

EDITABLE = (Stage.IDEA, Stage.DRAFTED)


# Starting a story from something that went well --------------------------------------------


def story_draft_from(source, *, partnership=None) -> dict:
    """The headline and facts a story starts with when it comes from a good-practice entry, a
    completed action, or an outcome indicator (whose change is the partnership's: pass it)."""
    from goodpractice.models import Entry
    from outcomes.models import Indicator
    from partnerships.models import Action

    if isinstance(source, Entry):
        lines = [f"Good practice: {source.title}"]
        if source.summary:
            lines.append(f"Summary: {source.summary}")
        if source.effect:
            lines.append(f"What changed: {source.effect}")
        if source.partners_involved:
            lines.append(f"Partners involved: {source.partners_involved}")
        return {"title": source.title, "facts": "\n\n".join(lines)}
    if isinstance(source, Action):
        lines = [f"Completed action: {source.title}"]
        if source.priority_id:
            lines.append(f"Priority: {source.priority.title}")
        lines.append(f"Owner agency: {source.owner.name}")
        lines.append(f"Due date: {source.due_on:%-d %B %Y}")
        return {"title": f"{source.title}: done", "facts": "\n".join(lines)}
    if isinstance(source, Indicator):
        return _indicator_draft(source, partnership=partnership)
    raise TypeError(f"A story cannot start from {type(source).__name__}")


def _number(value: float, indicator) -> str:
    return f"{value:.1f}%" if not indicator.is_rate else f"{value:.2f} per 1,000 residents"


def _indicator_draft(indicator, *, partnership) -> dict:
    from outcomes.selectors import partnership_outcomes

    view = next(
        (v for v in partnership_outcomes(partnership=partnership) if v.indicator == indicator),
        None,
    )
    lines = [f"Outcome: {indicator.name}"]
    title = f"{indicator.name} in {partnership.name}"
    if view is not None and view.latest is not None and view.previous is not None:
        window = view.window.label if view.window else "the latest 12 months"
        lines.append(f"Latest 12 months ({window}): {_number(view.latest, indicator)}")
        lines.append(f"Previous 12 months: {_number(view.previous, indicator)}")
        lines.append(f"Change: {view.trend.label}")
        if view.trend.improving and view.trend.change is not None:
            word = "down" if view.trend.direction == "down" else "up"
            title = f"{indicator.name} {word} {abs(view.trend.change):.0f}% in {partnership.name}"
    else:
        lines.append("There are not yet enough figures to compare 12 months with the 12 before.")
    return {"title": title[:200], "facts": "\n".join(lines)}


# Creating and drafting ----------------------------------------------------------------------


def _check_sources(partnership, *, channel, entry, action) -> None:
    if channel is not None and channel.partnership_id != partnership.pk:
        raise ValidationError({"channel": "Select one of the partnership’s channels"})
    if entry is not None and entry.partnership_id != partnership.pk:
        from goodpractice.models import Status

        # Another partnership's entry only once it is published: news of adopting it.
        if entry.status != Status.PUBLISHED:
            raise ValidationError("The good-practice entry is not this partnership’s")
    if action is not None and action.partnership_id != partnership.pk:
        raise ValidationError("The action is not in this partnership’s plan")


@transaction.atomic
def story_create(
    *,
    partnership,
    owner,
    title: str,
    facts: str = "",
    body: str = "",
    channel=None,
    planned_on: date | None = None,
    entry=None,
    action=None,
    indicator=None,
) -> Story:
    """A new story: an idea, or drafted if its draft is written already."""
    if not title.strip():
        raise ValidationError({"title": "Enter the headline"})
    _check_sources(partnership, channel=channel, entry=entry, action=action)
    return Story.objects.create(
        partnership=partnership,
        owner=owner,
        title=title.strip(),
        facts=facts,
        body=body,
        channel=channel,
        planned_on=planned_on,
        entry=entry,
        action=action,
        indicator=indicator,
        stage=Stage.DRAFTED if body.strip() else Stage.IDEA,
    )


def _locked(story: Story) -> Story:
    """The story read again under a row lock, so two people's steps happen one after the other."""
    return Story.objects.select_for_update().get(pk=story.pk)


@transaction.atomic
def story_update(
    *,
    story: Story,
    title: str,
    facts: str = "",
    body: str = "",
    channel=None,
    planned_on: date | None = None,
) -> Story:
    """Change an idea or a draft. Once the draft is written the story is drafted."""
    story = _locked(story)
    if story.stage not in EDITABLE:
        raise ValidationError(
            "This story can no longer be changed: return it to draft first"
            if story.stage in (Stage.AWAITING_APPROVAL, Stage.APPROVED)
            else "This story has been issued and can no longer be changed"
        )
    if not title.strip():
        raise ValidationError({"title": "Enter the headline"})
    _check_sources(story.partnership, channel=channel, entry=None, action=None)
    story.title, story.facts, story.body = title.strip(), facts, body
    story.channel, story.planned_on = channel, planned_on
    story.stage = Stage.DRAFTED if body.strip() else Stage.IDEA
    story.save()
    return story


# Approval -----------------------------------------------------------------------------------


def member_agencies(partnership):
    """The agencies that may be asked to approve: the partnership's members that have not left."""
    members = Membership.objects.filter(partnership=partnership).exclude(
        status=MembershipStatus.LEFT
    )
    return Agency.objects.filter(pk__in=members.values("agency_id")).order_by("name")


def press_officers(agency_ids) -> list:
    """The active press officers of the agencies, as users, each once."""
    assignments = (
        RoleAssignment.objects.filter(
            role=Role.AGENCY_STAFF,
            agency_id__in=list(agency_ids),
            is_press_officer=True,
            user__is_active=True,
        )
        .select_related("user", "agency")
        .order_by("user_id", "agency_id")
    )
    return list(assignments)


def managers_of(partnership) -> list:
    assignments = RoleAssignment.objects.filter(
        role=Role.MANAGER, partnership=partnership, user__is_active=True
    ).select_related("user")
    return list({a.user_id: a.user for a in assignments.order_by("user_id")}.values())


@transaction.atomic
def story_send_for_approval(*, story: Story, agencies) -> Story:
    """Ask each named member agency to approve the drafted story; their press officers are
    told, once each."""
    story = _locked(story)
    if story.stage != Stage.DRAFTED:
        raise ValidationError(
            "Write the draft before you send the story for approval"
            if story.stage == Stage.IDEA
            else "This story has already been sent for approval"
        )
    agencies = list(agencies)
    if not agencies:
        raise ValidationError({"agencies": "Select at least one agency that must approve it"})
    members = set(member_agencies(story.partnership).values_list("pk", flat=True))
    if any(agency.pk not in members for agency in agencies):
        raise ValidationError({"agencies": "Select only agencies that are members"})
    story.approvals.all().delete()
    approvals = StoryApproval.objects.bulk_create(
        [StoryApproval(story=story, agency=agency) for agency in agencies]
    )
    story.stage = Stage.AWAITING_APPROVAL
    story.sent_for_approval_at = clock.now()
    story.save(update_fields=["stage", "sent_for_approval_at"])
    by_agency = {approval.agency_id: approval for approval in approvals}
    for assignment in press_officers(by_agency):
        approval = by_agency[assignment.agency_id]
        notify(
            user=assignment.user,
            subject=f"Approve a story for {assignment.agency}: {story.title}"[:200],
            body=(
                f"{story.partnership} asks {assignment.agency} to approve the story "
                f"“{story.title}” before it is issued."
            ),
            idempotency_key=f"communications:story-approval:{approval.pk}:user-{assignment.user_id}",
            url=story.get_absolute_url(),
        )
    return story


@transaction.atomic
def story_approve(*, approval: StoryApproval, user) -> StoryApproval:
    """The agency's press officer approves. When every agency has, the story is approved and
    its owner is told."""
    story = _locked(approval.story)
    approval = StoryApproval.objects.select_for_update().get(pk=approval.pk)
    if approval.agency_id not in user.scope.press_officer_agency_ids:
        raise ValidationError(f"Only a press officer of {approval.agency} can approve for it")
    if story.stage != Stage.AWAITING_APPROVAL:
        raise ValidationError("This story is not awaiting approval")
    if approval.is_approved:
        raise ValidationError(f"{approval.agency} has already approved this story")
    approval.approved_by, approval.approved_at = user, clock.now()
    approval.save(update_fields=["approved_by", "approved_at"])
    if not story.approvals.filter(approved_at__isnull=True).exists():
        story.stage = Stage.APPROVED
        story.save(update_fields=["stage"])
        notify(
            user=story.owner,
            subject=f"Story approved: {story.title}"[:200],
            body=f"Every agency asked has approved “{story.title}”. It can now be issued.",
            idempotency_key=(
                f"communications:story-approved:{story.pk}:{story.sent_for_approval_at.isoformat()}"
            ),
            url=story.get_absolute_url(),
        )
    approval.story = story
    return approval


@transaction.atomic
def story_return_to_draft(*, story: Story) -> Story:
    """Take a story awaiting approval (or approved) back to its draft; the approvals asked for
    and given are cleared, so it must be sent again."""
    story = _locked(story)
    if story.stage not in (Stage.AWAITING_APPROVAL, Stage.APPROVED):
        raise ValidationError("Only a story sent for approval can be returned to draft")
    story.approvals.all().delete()
    story.stage = Stage.DRAFTED
    story.sent_for_approval_at = None
    story.save(update_fields=["stage", "sent_for_approval_at"])
    return story


@transaction.atomic
def story_issue(*, story: Story, issued_on: date) -> Story:
    """Record that the approved story went out."""
    story = _locked(story)
    if story.stage != Stage.APPROVED:
        raise ValidationError("A story can be issued only once every agency has approved it")
    if issued_on is None:
        raise ValidationError({"issued_on": "Enter the date the story was issued"})
    story.stage = Stage.ISSUED
    story.issued_on = issued_on
    story.save(update_fields=["stage", "issued_on"])
    return story


# Reminders ----------------------------------------------------------------------------------

APPROVAL_WAIT_WORKING_DAYS = 3


def approval_reminders_send(*, today: date) -> int:
    """Tell each agency's press officers about approvals waiting more than 3 working days,
    once per approval and person. Returns how many notices were sent."""
    from ..selectors_stories import working_days_between

    waiting = (
        StoryApproval.objects.filter(
            approved_at__isnull=True,
            story__stage=Stage.AWAITING_APPROVAL,
            story__sent_for_approval_at__isnull=False,
        )
        .select_related("agency", "story__partnership")
        .order_by("pk")
    )
    overdue = [
        approval
        for approval in waiting
        if working_days_between(timezone.localdate(approval.story.sent_for_approval_at), today)
        > APPROVAL_WAIT_WORKING_DAYS
    ]
    officers = press_officers({approval.agency_id for approval in overdue})
    sent = 0
    for approval in overdue:
        story = approval.story
        for assignment in officers:
            if assignment.agency_id != approval.agency_id:
                continue
            _, created = notify(
                user=assignment.user,
                subject=f"Still waiting for approval from {approval.agency}: {story.title}"[:200],
                body=(
                    f"{story.partnership} sent “{story.title}” to {approval.agency} for approval "
                    f"on {timezone.localdate(story.sent_for_approval_at):%-d %B %Y}, more than "
                    f"{APPROVAL_WAIT_WORKING_DAYS} working days ago."
                ),
                idempotency_key=(
                    f"communications:approval-waiting:{approval.pk}:user-{assignment.user_id}"
                ),
                url=story.get_absolute_url(),
            )
            sent += created
    return sent


def briefing_reminders_send(*, today: date) -> int:
    """Tell the partnership's managers about each media briefing due from today to Sunday,
    once per briefing and person. Returns how many notices were sent."""
    from datetime import timedelta

    from ..models import CalendarItem, ItemKind

    sunday = today + timedelta(days=6 - today.weekday())
    items = (
        CalendarItem.objects.filter(kind=ItemKind.BRIEFING, starts_on__range=(today, sunday))
        .select_related("partnership")
        .order_by("pk")
    )
    sent = 0
    for item in items:
        when = f"{item.starts_on:%A %-d %B %Y}"
        if item.start_time:
            when += f" at {govuk_time(item.start_time)}"
        try:
            url = reverse("communications:calendar", kwargs={"code": item.partnership.ons_code})
        except NoReverseMatch:  # the calendar page is another part's; the notice stands alone
            url = ""
        for user in managers_of(item.partnership):
            _, created = notify(
                user=user,
                subject=f"Media briefing this week: {item.title}"[:200],
                body=(
                    f"{item.partnership} has a media briefing, “{item.title}”, on {when}"
                    + (f", at {item.location}" if item.location else "")
                    + "."
                ),
                idempotency_key=(
                    f"communications:briefing:{item.pk}:{item.starts_on.isoformat()}:user-{user.pk}"
                ),
                url=url,
            )
            sent += created
    return sent
