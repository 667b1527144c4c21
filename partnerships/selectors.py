"""Reads for partnerships, always scoped by the requesting user (or by a partnership the view
has already checked the user may read)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from core import clock, evidence

from .models import (
    LEVELS,
    Action,
    ActionStatus,
    Agency,
    AgencyType,
    Contact,
    Document,
    Group,
    Level,
    Meeting,
    Membership,
    MembershipStatus,
    Partnership,
    Priority,
    Region,
)

CONTACT_CONFIRMATION_DAYS = 365  # a contact not confirmed for 12 months is flagged
ATTENDANCE_WINDOW_DAYS = 365  # attendance rates cover the last 12 months
LOCAL_AUTHORITY_TYPES = {"la-unitary", "la-county", "la-district"}


def visible_partnership_ids(user) -> frozenset[int] | None:
    """Ids of the partnerships a user may read; None means all of them (administrators).

    Computed once per user object (that is, once per request).
    """
    cached = getattr(user, "_visible_partnership_ids", False)
    if cached is not False:
        return cached
    scope = user.scope
    if scope.is_admin:
        result = None
    else:
        ids = set(scope.managed_partnership_ids)
        if scope.region_ids:
            ids.update(
                Partnership.objects.filter(region_id__in=scope.region_ids).values_list(
                    "id", flat=True
                )
            )
        if scope.agency_ids:
            ids.update(
                Membership.objects.filter(agency_id__in=scope.agency_ids).values_list(
                    "partnership_id", flat=True
                )
            )
        result = frozenset(ids)
    user._visible_partnership_ids = result
    return result


def partnership_list(*, user) -> QuerySet[Partnership]:
    qs = Partnership.objects.select_related("region")
    ids = visible_partnership_ids(user)
    return qs if ids is None else qs.filter(id__in=ids)


def region_list(*, user) -> QuerySet[Region]:
    qs = Region.objects.annotate(partnership_count=Count("partnerships"))
    if user.scope.is_admin:
        return qs
    return qs.filter(id__in=user.scope.region_ids)


def agencies_of_user(*, user) -> QuerySet[Agency]:
    return Agency.objects.filter(id__in=user.scope.agency_ids).select_related("agency_type")


def worked_partnership_ids(*, user) -> set[int]:
    """The partnerships a user works in (manages, or whose member agency employs them)."""
    scope = user.scope
    ids = set(scope.managed_partnership_ids)
    if scope.agency_ids:
        ids.update(
            Membership.objects.filter(agency_id__in=scope.agency_ids).values_list(
                "partnership_id", flat=True
            )
        )
    return ids


# Dates -------------------------------------------------------------------------------------


def attendance_since(today: date) -> date:
    return today - timedelta(days=ATTENDANCE_WINDOW_DAYS)


def confirmation_cutoff(today: date) -> date:
    return today - timedelta(days=CONTACT_CONFIRMATION_DAYS)


def contact_is_unconfirmed(contact: Contact, today: date) -> bool:
    return contact.confirmed_on is None or contact.confirmed_on < confirmation_cutoff(today)


# Members -----------------------------------------------------------------------------------


def partnership_members(
    *, partnership: Partnership, today: date | None = None
) -> QuerySet[Membership]:
    """The partnership's members with their agency, contacts and 12-month attendance."""
    today = today or clock.today()
    since = attendance_since(today)
    in_window = Q(attendances__meeting__held_on__gt=since, attendances__meeting__held_on__lte=today)
    return (
        partnership.memberships.select_related("agency__agency_type")
        .prefetch_related(Prefetch("contacts", queryset=Contact.objects.order_by("level", "name")))
        .annotate(
            meetings_expected=Count("attendances", filter=in_window),
            meetings_attended=Count(
                "attendances", filter=in_window & Q(attendances__attended=True)
            ),
        )
        .order_by("agency__agency_type__order", "agency__name")
    )


def attendance_rate(membership: Membership) -> int | None:
    """Percentage of expected meetings attended in the last 12 months, or None if none."""
    expected = getattr(membership, "meetings_expected", 0)
    if not expected:
        return None
    return round(100 * membership.meetings_attended / expected)


def member_choices(*, partnership: Partnership, active_only: bool = True) -> QuerySet[Membership]:
    qs = partnership.memberships.select_related("agency")
    if active_only:
        qs = qs.filter(status=MembershipStatus.ACTIVE)
    return qs.order_by("agency__name")


def member_agencies(*, partnership: Partnership) -> QuerySet[Agency]:
    return Agency.objects.filter(memberships__partnership=partnership).order_by("name")


def agencies_not_in(*, partnership: Partnership) -> QuerySet[Agency]:
    return (
        Agency.objects.exclude(memberships__partnership=partnership)
        .select_related("agency_type")
        .order_by("name")
    )


@dataclass
class GridRow:
    agency_type: AgencyType
    members: list[Membership]
    levels: dict[str, bool]

    @property
    def present(self) -> bool:
        return bool(self.members)

    @property
    def is_depth_gap(self) -> bool:
        """The report's finding: at the board, but not where the data is held."""
        return is_strategic_only({level for level, on in self.levels.items() if on})

    @property
    def level_cells(self) -> list[tuple[str, bool]]:
        return [(Level(level).label, on) for level, on in self.levels.items()]

    @property
    def missing_levels(self) -> list[str]:
        return [Level(level).label.lower() for level, on in self.levels.items() if not on]


def is_strategic_only(levels) -> bool:
    """Engaged at strategic level and at no other: the one rule behind the overview's summary,
    its table and the regional review's engagement-depth rating."""
    return set(levels) == {Level.STRATEGIC}


def expected_responsible_authority_types(
    *, partnership: Partnership, types: list[AgencyType]
) -> list[AgencyType]:
    """The responsible-authority types this partnership should have as members: local
    authorities by its structure (unitary, or county and district)."""
    wanted_la = {"la-county", "la-district"} if partnership.is_two_tier else {"la-unitary"}
    return [t for t in types if t.slug not in LOCAL_AUTHORITY_TYPES or t.slug in wanted_la]


def engagement_grid(
    *, partnership: Partnership, memberships: list[Membership], types: list[AgencyType]
) -> list[GridRow]:
    """For every responsible-authority type: its active members and the levels they cover."""
    by_type = defaultdict(list)
    for membership in memberships:
        if membership.is_active:
            by_type[membership.agency.agency_type_id].append(membership)
    rows = []
    for agency_type in expected_responsible_authority_types(partnership=partnership, types=types):
        members = by_type.get(agency_type.pk, [])
        levels = {level: any(m.engaged_at(level) for m in members) for level in LEVELS}
        rows.append(GridRow(agency_type, members, levels))
    return rows


@dataclass
class DependencyFlag:
    membership: Membership
    level: str | None  # None: the whole membership
    person: str = ""
    kind: str = "single"  # "single": rests on one person; "none": no named contact
    person_key: str = ""  # who the person is (email, or name): one person may be several flags
    contact: Contact | None = None  # the contact record to fix it in

    @property
    def where(self) -> str:
        if self.level is None:
            return "Whole membership"
        return f"{Level(self.level).label} level"

    @property
    def written_in(self) -> bool:
        """The work is written into a job description or commissioning contracts, so a
        successor inherits it: the review does not count such a dependency against the
        partnership."""
        return self.membership.work_is_written_in


def dependency_flags(memberships: list[Membership]) -> list[DependencyFlag]:
    """Every active membership or engaged level that rests on one person, or on no one.

    Uses the memberships' prefetched contacts. A person is known by email address, or by name
    when no email is given; a contact's deputy counts as a second person.
    """
    flags = []
    for membership in memberships:
        if not membership.is_active:
            continue
        contacts = list(membership.contacts.all())
        everyone: dict[str, str] = {}
        for level in LEVELS:
            at_level = [c for c in contacts if c.level == level]
            people: dict[str, str] = {}
            for contact in at_level:
                people.update(_people_of(contact))
            everyone.update(people)
            if len(people) == 1:
                ((key, name),) = people.items()
                flags.append(
                    DependencyFlag(membership, level, name, person_key=key, contact=at_level[0])
                )
            elif not people and membership.engaged_at(level):
                flags.append(DependencyFlag(membership, level, kind="none"))
        levels_used = {c.level for c in contacts} | set(membership.engaged_levels)
        if len(everyone) == 1 and len(levels_used) > 1:
            ((key, name),) = everyone.items()
            flags.append(
                DependencyFlag(
                    membership,
                    None,
                    name,
                    person_key=key,
                    contact=contacts[0] if contacts else None,
                )
            )
    return flags


def single_people(flags: list[DependencyFlag]) -> set[tuple[int, str]]:
    """The people something rests on alone, once each however many places they hold up:
    (partnership id, person key)."""
    return {(f.membership.partnership_id, f.person_key) for f in flags if f.kind == "single"}


def _people_of(contact: Contact) -> dict[str, str]:
    people = {}
    for name, email in ((contact.name, contact.email), (contact.deputy_name, contact.deputy_email)):
        key = email.strip().lower() or " ".join(name.lower().split())
        if key:
            people[key] = name
    return people


def contact_list(*, partnership: Partnership) -> QuerySet[Contact]:
    return (
        Contact.objects.filter(membership__partnership=partnership)
        .select_related("membership__agency", "membership__partnership")
        .order_by("membership__agency__name", "level", "name")
    )


# Groups, meetings ----------------------------------------------------------------------------


def group_list(*, partnership: Partnership, today: date | None = None) -> QuerySet[Group]:
    today = today or clock.today()
    return (
        partnership.groups.select_related("chair")
        .annotate(
            meeting_count=Count(
                "meetings",
                filter=Q(
                    meetings__held_on__gt=attendance_since(today), meetings__held_on__lte=today
                ),
            ),
            last_meeting=Max("meetings__held_on", filter=Q(meetings__held_on__lte=today)),
        )
        .order_by("name")
    )


def group_meetings(*, group: Group) -> QuerySet[Meeting]:
    return group.meetings.annotate(
        expected_count=Count("attendances"),
        attended_count=Count("attendances", filter=Q(attendances__attended=True)),
    ).order_by("-held_on", "-id")


def meeting_attendance(*, meeting: Meeting):
    return meeting.attendances.select_related("membership__agency").order_by(
        "membership__agency__name"
    )


def meeting_actions_arising(*, meeting: Meeting):
    return meeting.actions_arising.select_related("owner").order_by("due_on", "id")


def overdue_actions_from_earlier_meetings(*, meeting: Meeting, today):
    """Actions arising from the group's earlier meetings that are overdue: shown on its next
    meetings until they are done."""
    return (
        Action.objects.filter(
            arising_from__group_id=meeting.group_id,
            arising_from__held_on__lt=meeting.held_on,
            due_on__lt=today,
        )
        .exclude(status=ActionStatus.DONE)
        .select_related("owner", "arising_from")
        .order_by("due_on", "id")
    )


# Documents ---------------------------------------------------------------------------------


def document_list(*, partnership: Partnership) -> QuerySet[Document]:
    return partnership.documents.order_by("kind", "-published_on", "-id")


# Priorities and actions ------------------------------------------------------------------


def priority_list(*, partnership: Partnership) -> QuerySet[Priority]:
    return (
        partnership.priorities.annotate(action_count=Count("actions"))
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=Document.objects.select_related("partnership").order_by("title", "id"),
            )
        )
        .order_by("title")
    )


def action_list(*, partnership: Partnership) -> QuerySet[Action]:
    return partnership.actions.select_related("owner", "priority").order_by("due_on", "id")


@dataclass
class ActionProgress:
    counts: dict[str, int]
    overdue: list[Action]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done_percent(self) -> int:
        return round(100 * self.counts.get(ActionStatus.DONE, 0) / self.total) if self.total else 0

    def rows(self):
        return [(label, self.counts.get(value, 0)) for value, label in ActionStatus.choices]


def action_progress(
    *, partnership: Partnership, today: date, actions: list[Action] | None = None
) -> ActionProgress:
    """How many actions there are in each status, and those overdue, oldest first. Given the
    partnership's `actions` (ordered by due date and id), it reads nothing more."""
    if actions is None:
        actions = list(partnership.actions.select_related("owner").order_by("due_on", "id"))
    return ActionProgress(
        dict(Counter(action.status for action in actions)),
        [action for action in actions if action.is_overdue(today)],
    )


@dataclass
class EvidenceChain:
    """One priority, the actions that answer it, the indicators that measure it and the
    documents it comes from, each with the data it drew on."""

    priority: Priority
    actions: list[Action]
    indicators: list[str]
    documents: list[tuple[Document, list[str]]]


def evidence_chains(
    *,
    partnership: Partnership,
    today: date,
    actions: list[Action] | None = None,
    documents: list[Document] | None = None,
) -> list[EvidenceChain]:
    """Every priority's chain, in three queries and one per app that adds to it. Given the
    partnership's `actions` (ordered by due date and id) and `documents`, in two and one per
    app."""
    if actions is None:
        actions = list(partnership.actions.select_related("owner").order_by("due_on", "id"))
    if documents is None:
        documents = list(partnership.documents.all())
    priorities = list(partnership.priorities.order_by("title", "id"))
    by_priority = defaultdict(list)
    for action in actions:
        action.overdue = action.is_overdue(today)
        by_priority[action.priority_id].append(action)
    documents_by_id = {document.pk: document for document in documents}
    cited = list(
        Priority.documents.through.objects.filter(priority__partnership=partnership)
        .order_by("document__title", "document_id")
        .values_list("priority_id", "document_id")
    )
    elsewhere = {pk for _priority, pk in cited if pk not in documents_by_id}
    if elsewhere:  # a document of another partnership: read it with its own
        for document in Document.objects.filter(pk__in=elsewhere).select_related("partnership"):
            documents_by_id[document.pk] = document
    cites = defaultdict(list)
    for priority_id, document_id in cited:
        cites[priority_id].append(documents_by_id[document_id])
    drawn_on = evidence.data_drawn_on(document_id for _priority, document_id in cited)
    measures = evidence.indicators(priority.pk for priority in priorities)
    return [
        EvidenceChain(
            priority=priority,
            actions=by_priority[priority.pk],
            indicators=measures.get(priority.pk, []),
            documents=[(d, drawn_on.get(d.pk, [])) for d in cites[priority.pk]],
        )
        for priority in priorities
    ]


# The overview ------------------------------------------------------------------------------


@dataclass
class Overview:
    partnership: Partnership
    today: date
    memberships: list[Membership]
    grid: list[GridRow]
    flags: list[DependencyFlag]
    unconfirmed: list[Contact]
    groups: list[Group]
    documents: list[Document]
    progress: ActionProgress
    chains: list[EvidenceChain] = field(default_factory=list)

    @property
    def depth_gaps(self) -> list[GridRow]:
        return [row for row in self.grid if row.present and row.is_depth_gap]

    @property
    def absent(self) -> list[GridRow]:
        return [row for row in self.grid if not row.present]

    @property
    def overdue_documents(self) -> list[Document]:
        return [d for d in self.documents if d.is_review_overdue(self.today)]

    @property
    def single_points(self) -> list[DependencyFlag]:
        return [f for f in self.flags if f.kind == "single"]

    @property
    def single_point_people(self) -> int:
        """How many people are single points of failure (one person may be several rows)."""
        return len(single_people(self.flags))

    @property
    def no_contact(self) -> list[DependencyFlag]:
        return [f for f in self.flags if f.kind == "none"]


def partnership_overview(*, partnership: Partnership, today: date | None = None) -> Overview:
    """Everything the overview page shows, in a fixed number of queries whatever the size."""
    today = today or clock.today()
    memberships = list(partnership_members(partnership=partnership, today=today))
    for membership in memberships:
        membership.attendance_rate = attendance_rate(membership)
    types = list(AgencyType.objects.filter(is_responsible_authority=True).order_by("order", "name"))
    cutoff = confirmation_cutoff(today)
    unconfirmed = [
        contact
        for membership in memberships
        for contact in membership.contacts.all()
        if contact.confirmed_on is None or contact.confirmed_on < cutoff
    ]
    actions = list(partnership.actions.select_related("owner").order_by("due_on", "id"))
    documents = list(document_list(partnership=partnership))
    return Overview(
        partnership=partnership,
        today=today,
        memberships=memberships,
        grid=engagement_grid(partnership=partnership, memberships=memberships, types=types),
        flags=dependency_flags(memberships),
        unconfirmed=unconfirmed,
        groups=list(group_list(partnership=partnership, today=today)),
        documents=documents,
        progress=action_progress(partnership=partnership, today=today, actions=actions),
        chains=evidence_chains(
            partnership=partnership, today=today, actions=actions, documents=documents
        ),
    )


# The dashboard -----------------------------------------------------------------------------


@dataclass
class Attention:
    partnership: Partnership
    overdue_reviews: int = 0
    overdue_actions: int = 0
    single_points: int = 0
    unconfirmed_contacts: int = 0

    @property
    def total(self) -> int:
        return (
            self.overdue_reviews
            + self.overdue_actions
            + self.single_points
            + self.unconfirmed_contacts
        )


def _per_partnership(rows: QuerySet) -> Coalesce:
    """How many of `rows` belong to each partnership of the outer query (a subquery)."""
    counted = rows.filter(partnership=OuterRef("pk")).order_by().values("partnership")
    return Coalesce(Subquery(counted.annotate(n=Count("id")).values("n")), 0)


def attention_for(*, user, today: date | None = None) -> list[Attention]:
    """What needs attention in each partnership the user works in: the overdue counts in one
    query, single points of failure and unconfirmed contacts in two more."""
    today = today or clock.today()
    ids = worked_partnership_ids(user=user)
    if not ids:
        return []
    result = {
        p.pk: Attention(p, overdue_reviews=p.overdue_reviews, overdue_actions=p.overdue_actions)
        for p in Partnership.objects.filter(id__in=ids)
        .only("name", "ons_code")
        .annotate(
            overdue_reviews=_per_partnership(Document.objects.filter(review_due_on__lt=today)),
            overdue_actions=_per_partnership(
                Action.objects.filter(due_on__lt=today).exclude(status=ActionStatus.DONE)
            ),
        )
        .order_by("name")
    }
    memberships = list(
        Membership.objects.filter(
            partnership_id__in=ids, status=MembershipStatus.ACTIVE
        ).prefetch_related("contacts")
    )
    single = Counter(pid for pid, _person in single_people(dependency_flags(memberships)))
    cutoff = confirmation_cutoff(today)
    for membership in memberships:
        result[membership.partnership_id].single_points = single[membership.partnership_id]
        result[membership.partnership_id].unconfirmed_contacts += sum(
            1
            for c in membership.contacts.all()
            if c.confirmed_on is None or c.confirmed_on < cutoff
        )
    return list(result.values())
