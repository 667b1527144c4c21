"""Writes for good practice: one function per use case, keyword-only arguments.

The workflow: draft → submitted → changes requested (→ submitted again …) or published →
archived. Only drafts and entries with changes requested can be edited. Publication needs every
mandatory criterion of the published checklist ticked by the reviewer. The reviewer's decision
and comments reach the author as a notification; a submission reaches the region's reviewers.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from accounts.services import notify
from core import clock

from . import selectors
from .models import (
    EDITABLE_STATUSES,
    Adoption,
    CriterionCheck,
    Decision,
    Entry,
    EntryDataSource,
    Evaluation,
    ReviewDecision,
    Status,
)

# The fields a writer fills in; what the services accept.
ENTRY_FIELDS = (
    "title",
    "summary",
    "problem",
    "response",
    "effect",
    "mechanism",
    "context",
    "area_type",
    "implementation",
    "partners_involved",
    "setup_cost",
    "running_cost",
    "bed_in_months",
    "outcome",
    "maryland_level",
    "evaluation",
    "evaluation_url",
    "contact_name",
    "contact_email",
)
SEARCHED_FIELDS = (
    "problem",
    "response",
    "effect",
    "mechanism",
    "context",
    "implementation",
    "partners_involved",
)

# What must be filled in before an entry can be submitted, with the message if it is not.
REQUIRED_FOR_SUBMISSION = [
    ("summary", "Enter a summary"),
    ("themes", "Choose at least one theme"),
    ("problem", "Describe the problem and its analysis"),
    ("response", "Describe the response"),
    ("effect", "Describe the effect: what changed, with figures"),
    ("context", "Describe the context: where and for whom"),
    ("area_type", "Choose the type of area"),
    ("implementation", "Describe the implementation: what it took"),
    ("setup_cost", "Enter the set-up cost in pounds (0 if none)"),
    ("running_cost", "Enter the running cost a year in pounds (0 if none)"),
    ("outcome", "Choose the outcome"),
    ("contact_name", "Enter the contact’s name"),
    ("contact_email", "Enter the contact’s email address"),
]


def _refresh_derived(entry: Entry) -> None:
    """The first-year cost and the search document, from the entry's own fields."""
    if entry.setup_cost is None and entry.running_cost is None:
        entry.first_year_cost = None
    else:
        entry.first_year_cost = (entry.setup_cost or 0) + (entry.running_cost or 0)
    parts = [getattr(entry, name) for name in SEARCHED_FIELDS]
    parts.append(entry.partnership.name)
    if entry.pk:
        parts.extend(theme.name for theme in entry.themes.all())
    entry.search_document = "\n".join(part for part in parts if part)


def _save(entry: Entry, *, user) -> Entry:
    entry.updated_at = clock.now()
    entry._history_user = user
    _refresh_derived(entry)
    entry.full_clean(exclude=["evaluation_report"])
    entry.save()
    return entry


def _set_themes(entry: Entry, themes) -> None:
    if themes is not None:
        entry.themes.set(themes)
        # The theme names are part of the search document.
        _refresh_derived(entry)
        Entry.objects.filter(pk=entry.pk).update(search_document=entry.search_document)


def _attach_report(entry: Entry, report) -> None:
    if report is None:
        return
    if report is False:  # cleared
        if entry.evaluation_report:
            entry.evaluation_report.delete(save=False)
        entry.evaluation_report = ""
        entry.evaluation_report_name = ""
        return
    entry.evaluation_report.save("report.pdf", report, save=False)
    entry.evaluation_report_name = (getattr(report, "name", "") or "report.pdf")[-200:]


@transaction.atomic
def entry_create(*, user, partnership, themes=None, report=None, **fields) -> Entry:
    """A new draft for a partnership."""
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown entry fields: {sorted(unknown)}")
    entry = Entry(partnership=partnership, author=user, status=Status.DRAFT, **fields)
    if entry.evaluation is None:
        entry.evaluation = Evaluation.NONE
    _attach_report(entry, report)
    _save(entry, user=user)
    _set_themes(entry, themes)
    return entry


@transaction.atomic
def entry_update(*, entry: Entry, user, themes=None, report=None, **fields) -> Entry:
    """Change a draft, or an entry whose reviewer asked for changes."""
    entry = (
        Entry.objects.select_for_update(of=("self",)).select_related("partnership").get(pk=entry.pk)
    )
    if entry.status not in EDITABLE_STATUSES:
        raise ValidationError(
            f"This entry is {entry.get_status_display().lower()}, so it cannot be changed"
        )
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown entry fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(entry, name, value)
    _attach_report(entry, report)
    _save(entry, user=user)
    _set_themes(entry, themes)
    return entry


def submission_problems(entry: Entry) -> dict[str, str]:
    """What is missing before the entry can be submitted: field name → message."""
    problems = {}
    for name, message in REQUIRED_FOR_SUBMISSION:
        if name == "themes":
            if not entry.themes.exists():
                problems[name] = message
            continue
        value = getattr(entry, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems[name] = message
    if (
        entry.evaluation in (Evaluation.INTERNAL, Evaluation.INDEPENDENT)
        and not entry.evaluation_url
        and not entry.evaluation_report
    ):
        problems["evaluation_url"] = "Give a link to the evaluation report, or attach it"
    return problems


@transaction.atomic
def entry_submit(*, entry: Entry, user) -> Entry:
    """Send a complete draft (or a revised entry) to the region's reviewers."""
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("partnership__region")
        .get(pk=entry.pk)
    )
    if entry.status not in EDITABLE_STATUSES:
        raise ValidationError(
            f"This entry is {entry.get_status_display().lower()}, so it cannot be submitted"
        )
    problems = submission_problems(entry)
    if problems:
        raise ValidationError({name: [message] for name, message in problems.items()})
    entry.status = Status.SUBMITTED
    entry.submitted_at = clock.now()
    _save(entry, user=user)
    url = reverse("goodpractice:entry-review", kwargs={"pk": entry.pk})
    stamp = entry.submitted_at.strftime("%Y%m%d%H%M%S%f")
    for reviewer in selectors.reviewers_of(entry):
        notify(
            user=reviewer,
            subject=f"Good practice to review: {entry.title}",
            body=(
                f"{entry.partnership.name} submitted “{entry.title}” for publication. "
                "Check it against the published criteria and publish it or ask for "
                "changes."
            ),
            idempotency_key=f"goodpractice-submitted-{entry.pk}-{stamp}-{reviewer.pk}",
            url=url,
        )
    return entry


@transaction.atomic
def entry_review(*, entry: Entry, user, met_criteria, decision: str, comments: str = "") -> Entry:
    """Record the reviewer's ticks against the checklist and their decision.

    `met_criteria`: the criteria (or their ids) the entry meets. Publishing needs every
    mandatory active criterion met; asking for changes needs comments. The author is notified
    either way, with the comments.
    """
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("partnership", "author")
        .get(pk=entry.pk)
    )
    if entry.status != Status.SUBMITTED:
        raise ValidationError(
            "Only a submitted entry can be reviewed; this one is "
            f"{entry.get_status_display().lower()}"
        )
    if decision not in Decision.values:
        raise ValidationError({"decision": ["Choose whether to publish or ask for changes"]})
    comments = (comments or "").strip()
    met_ids = {getattr(c, "pk", c) for c in met_criteria}
    criteria = selectors.active_criteria()
    unmet_mandatory = [c for c in criteria if c.is_mandatory and c.pk not in met_ids]
    if decision == Decision.PUBLISH and unmet_mandatory:
        raise ValidationError(
            {
                "criteria": [
                    "Every mandatory criterion must be met before publication. Not met: "
                    + "; ".join(c.text for c in unmet_mandatory)
                ]
            }
        )
    if decision == Decision.REQUEST_CHANGES and not comments:
        raise ValidationError({"comments": ["Tell the author what to change"]})
    now = clock.now()
    existing = {
        check.criterion_id: check
        for check in CriterionCheck.objects.filter(entry=entry, criterion__in=criteria)
    }
    for criterion in criteria:
        check = existing.get(criterion.pk)
        if check is None:
            check = CriterionCheck.objects.create(
                entry=entry,
                criterion=criterion,
                is_met=criterion.pk in met_ids,
                checked_by=user,
                checked_at=now,
            )
        else:
            check.is_met = criterion.pk in met_ids
            check.checked_by = user
            check.checked_at = now
            check._history_user = user
            check.save()
    record = ReviewDecision(
        entry=entry, reviewer=user, decision=decision, comments=comments, created_at=now
    )
    record._history_user = user
    record.save()
    if decision == Decision.PUBLISH:
        entry.status = Status.PUBLISHED
        entry.published_at = now
        subject = f"Published: {entry.title}"
        body = f"Your good-practice entry “{entry.title}” has been published."
    else:
        entry.status = Status.CHANGES_REQUESTED
        subject = f"Changes requested: {entry.title}"
        body = (
            f"The reviewer asked for changes to your good-practice entry “{entry.title}” "
            "before it can be published."
        )
    if comments:
        body += f"\n\nThe reviewer’s comments:\n{comments}"
    _save(entry, user=user)
    for recipient in _authors_of(entry):
        notify(
            user=recipient,
            subject=subject,
            body=body,
            idempotency_key=f"goodpractice-decision-{record.pk}-{recipient.pk}",
            url=entry.get_absolute_url(),
        )
    return entry


def _authors_of(entry: Entry) -> list:
    """Who hears about decisions: the author, or if they have gone, the partnership's managers."""
    if entry.author is not None and entry.author.is_active:
        return [entry.author]
    from accounts.models import Role, RoleAssignment

    return [
        a.user
        for a in RoleAssignment.objects.filter(
            role=Role.MANAGER,
            partnership_id=entry.partnership_id,
            user__is_active=True,
        ).select_related("user")
    ]


@transaction.atomic
def entry_archive(*, entry: Entry, user) -> Entry:
    """Take a published entry out of search (it stays readable by its partnership and region)."""
    entry = (
        Entry.objects.select_for_update(of=("self",)).select_related("partnership").get(pk=entry.pk)
    )
    if entry.status != Status.PUBLISHED:
        raise ValidationError("Only a published entry can be archived")
    entry.status = Status.ARCHIVED
    entry.archived_at = clock.now()
    _save(entry, user=user)
    return entry


@transaction.atomic
def adoption_record(
    *, entry: Entry, partnership, user, started_on: date, result: str, explanation: str
) -> Adoption:
    """A partnership tried a published entry: when, and what happened there."""
    entry = Entry.objects.select_related("author").get(pk=entry.pk)
    if entry.status != Status.PUBLISHED:
        raise ValidationError("Adoptions can only be recorded for published entries")
    if partnership.pk == entry.partnership_id:
        raise ValidationError(
            {"partnership": ["Choose another partnership: this entry is your partnership’s own"]}
        )
    if started_on > clock.today():
        raise ValidationError({"started_on": ["The start date must be today or in the past"]})
    adoption = Adoption(
        entry=entry,
        partnership=partnership,
        recorded_by=user,
        started_on=started_on,
        result=result,
        explanation=explanation.strip(),
    )
    adoption._history_user = user
    adoption.full_clean()
    adoption.save()
    for recipient in _authors_of(entry):
        if recipient.pk == getattr(user, "pk", None):
            continue
        notify(
            user=recipient,
            subject=f"{partnership.name} tried “{entry.title}”",
            body=(
                f"{partnership.name} recorded that it tried your good-practice entry: "
                f"{adoption.get_result_display().lower()}."
            ),
            idempotency_key=f"goodpractice-adoption-{adoption.pk}-{recipient.pk}",
            url=entry.get_absolute_url(),
        )
    return adoption


@transaction.atomic
def entry_data_set(*, user, entry: Entry, keys: list[str], streams: list[tuple[str, str]]):
    """Record exactly these streams ("agency:code" keys among the partnership's `streams`) as
    the data the entry drew on; the others are removed, with their history."""
    labels = dict(streams)
    unknown = [key for key in keys if key not in labels]
    if unknown:
        raise ValidationError("Choose data from the list")
    wanted = {tuple(key.split(":", 1)): labels[key] for key in keys}
    for source in entry.data_sources.all():
        key = (str(source.agency_id), source.dataset_code)
        if key in wanted:
            del wanted[key]
        else:
            source._history_user = user
            source.delete()
    for (agency_id, code), label in wanted.items():
        source = EntryDataSource(
            entry=entry,
            agency_id=int(agency_id),
            dataset_code=code,
            label=label,
            recorded_by=user,
            created_at=clock.now(),
        )
        source._history_user = user
        source.save()
    return entry.data_sources.count()
