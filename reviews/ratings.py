"""The red/amber/green rules of the regional review, in one place.

Each dimension has its thresholds as module constants and one function turning a partnership's
facts into (rating, explanation, facts). The rules page is generated from DIMENSIONS below, so
what the page says is what the code does. `rate_partnerships` gathers the facts for many
partnerships in a fixed number of queries, reusing the other apps' selectors and row logic.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q

from partnerships.models import AnalyticalCapacity
from partnerships.selectors import is_strategic_only

RED, AMBER, GREEN = "red", "amber", "green"
RATING_LABELS = {RED: "Red", AMBER: "Amber", GREEN: "Green"}
RATING_ORDER = {RED: 0, AMBER: 1, GREEN: 2}  # worst first when sorting
TAG_CLASSES = {RED: "govuk-tag--red", AMBER: "govuk-tag--yellow", GREEN: "govuk-tag--green"}

# Thresholds ---------------------------------------------------------------------------------
# Statutory members: how many expected responsible-authority types may be missing.
STATUTORY_AMBER_MAX_MISSING = 1  # 0 missing: green; 1: amber; 2 or more: red
# Engagement depth: responsible authorities engaged at strategic level only.
DEPTH_AMBER_MAX_STRATEGIC_ONLY = 2  # 0: green (if health goes deeper); 1-2: amber; 3+: red
HEALTH_SLUG = "health-commissioner"
# Prescribed data: share of expected dataset rows with no agreement in force or late data,
# and share of due deliveries received on time.
COVERAGE_GREEN_MAX_GAP_PERCENT = 10
COVERAGE_AMBER_MAX_GAP_PERCENT = 40
ON_TIME_GREEN_MIN_PERCENT = 80
ON_TIME_AMBER_MIN_PERCENT = 50
# ISTV: an emergency department's data flows if a return covers a period ending this recently.
ISTV_RECENT_DAYS = 92
# ISTV data quality: the most a department's latest return may leave "not known" (location
# type, method or arrival time, each as a share of its assaults) and still count as complete.
ISTV_NOT_KNOWN_MAX_PERCENT = 20
ED_SLUG = "emergency-department"
# Documents: how many documents may be past their review date.
DOCUMENTS_AMBER_MAX_OVERDUE = 1  # 0: green; 1: amber; 2 or more: red
# Action plan: share of actions not done and past their due date.
ACTIONS_GREEN_MAX_OVERDUE_PERCENT = 10
ACTIONS_AMBER_MAX_OVERDUE_PERCENT = 25
# Single-person dependencies (a membership or level resting on one person).
DEPENDENCIES_AMBER_MAX = 2  # 0: green; 1-2: amber; 3 or more: red
# Funding: an award decided within this many days counts as recent.
FUNDING_RECENT_DAYS = 365
# Outcomes: each indicator's place against its most similar group (outside mean ± 1 SD is
# "significantly" worse or better, outcomes.selectors) and its 12-month trend.
WORSE, WITHIN, BETTER = "worse", "within", "better"
IMPROVING, WORSENING, STEADY = "improving", "worsening", "steady"


@dataclass
class Result:
    rating: str
    explanation: str
    facts: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return RATING_LABELS[self.rating]

    @property
    def tag_class(self) -> str:
        return TAG_CLASSES[self.rating]

    @property
    def reason(self) -> str:
        """The explanation without its leading "Red: ", for beside a tag that already says it
        (screen readers would otherwise read "Red Red")."""
        prefix = f"{self.label}: "
        if self.explanation.startswith(prefix):
            return self.explanation[len(prefix) :]
        return self.explanation


def _names(items) -> str:
    return ", ".join(items)


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


# One function per dimension --------------------------------------------------------------


def rate_statutory(*, expected: list[str], present: list[str]) -> Result:
    """expected: names of the responsible-authority types this partnership should have;
    present: those of them with an active member."""
    missing = [name for name in expected if name not in set(present)]
    facts = {"expected": len(expected), "present": len(expected) - len(missing), "missing": missing}
    if not missing:
        return Result(
            GREEN, f"Green: all {len(expected)} responsible authorities are members", facts
        )
    rating = AMBER if len(missing) <= STATUTORY_AMBER_MAX_MISSING else RED
    return Result(
        rating,
        f"{RATING_LABELS[rating]}: {len(missing)} of {len(expected)} "
        f"responsible authorities are not members: {_names(missing)}",
        facts,
    )


def rate_depth(*, levels: dict[str, set[str]], health_name: str = "") -> Result:
    """levels: for each responsible authority present, the levels it is engaged at
    ("strategic", "tactical", "operational"). health_name: the health authority's name if it
    is a member."""
    strategic_only = [name for name, lv in levels.items() if is_strategic_only(lv)]
    total = len(levels)
    health_levels = levels.get(health_name, set()) if health_name else set()
    health_deep = bool(health_levels & {"tactical", "operational"})
    facts = {
        "responsible_authorities": total,
        "strategic_only": strategic_only,
        "health_beyond_strategic": health_deep,
    }
    if not total:
        return Result(RED, "Red: no responsible authority is a member", facts)
    if len(strategic_only) > DEPTH_AMBER_MAX_STRATEGIC_ONLY:
        rating = RED
    elif strategic_only or not health_deep:
        rating = AMBER
    else:
        rating = GREEN
    if strategic_only:
        text = (
            f"{RATING_LABELS[rating]}: {len(strategic_only)} of {total} responsible "
            f"authorities engaged only at strategic level: {_names(strategic_only)}"
        )
    else:
        text = f"{RATING_LABELS[rating]}: every responsible authority works beyond the board"
    if health_name:
        text += (
            f". Health: {health_name} is engaged at tactical or operational level"
            if health_deep
            else f". Health: {health_name} is not engaged at tactical or operational level"
        )
    else:
        text += ". No health authority is a member"
    return Result(rating, text, facts)


def rate_coverage(*, expected: int, gaps: int, due: int, on_time: int) -> Result:
    """expected: prescribed-dataset rows the members should share; gaps: rows with no agreement
    in force or with late data; due: rows whose latest delivery is due; on_time: of those,
    received on time."""
    gap_percent = _percent(gaps, expected)
    on_time_percent = _percent(on_time, due) if due else 100
    facts = {
        "expected": expected,
        "gaps": gaps,
        "gap_percent": gap_percent,
        "due": due,
        "on_time": on_time,
        "on_time_percent": on_time_percent,
    }
    if not expected:
        return Result(AMBER, "Amber: no member agency holds a prescribed dataset", facts)
    if (
        gap_percent <= COVERAGE_GREEN_MAX_GAP_PERCENT
        and on_time_percent >= ON_TIME_GREEN_MIN_PERCENT
    ):
        rating = GREEN
    elif (
        gap_percent <= COVERAGE_AMBER_MAX_GAP_PERCENT
        and on_time_percent >= ON_TIME_AMBER_MIN_PERCENT
    ):
        rating = AMBER
    else:
        rating = RED
    datasets = f"{gaps} of {expected} prescribed dataset{'s' if expected != 1 else ''}"
    have = "has" if gaps == 1 else "have"
    if due:
        text = (
            f"{RATING_LABELS[rating]}: {datasets} {have} no agreement in force or late data "
            f"({gap_percent}%); {on_time} of {due} due deliveries on time ({on_time_percent}%)"
        )
    else:  # nothing can be late before a delivery falls due: every gap lacks an agreement
        text = (
            f"{RATING_LABELS[rating]}: {datasets} {have} no agreement in force "
            f"({gap_percent}%); no delivery has fallen due yet"
        )
    return Result(rating, text, facts)


def rate_istv(*, departments: list[str], flowing: list[str], incomplete: list[str] = ()) -> Result:
    """departments: emergency departments that are active members; flowing: those with an ISTV
    return for a period ending in the last ISTV_RECENT_DAYS days; incomplete: those whose
    latest return leaves more than ISTV_NOT_KNOWN_MAX_PERCENT of a field not known."""
    silent = [name for name in departments if name not in set(flowing)]
    incomplete = [name for name in departments if name in set(incomplete)]
    facts = {
        "departments": len(departments),
        "flowing": len(flowing),
        "silent": silent,
        "incomplete": incomplete,
    }
    if not departments:
        return Result(RED, "Red: no emergency department is a member, so no A&E data flows", facts)
    if not silent and incomplete:
        return Result(
            AMBER,
            f"Amber: ISTV data flows from all {len(departments)} emergency "
            f"department{'s' if len(departments) != 1 else ''}, but the latest "
            f"return of {_names(incomplete)} leaves more than "
            f"{ISTV_NOT_KNOWN_MAX_PERCENT}% of a field not known",
            facts,
        )
    if not silent:
        return Result(
            GREEN,
            f"Green: ISTV data flows from all {len(departments)} emergency "
            f"department{'s' if len(departments) != 1 else ''}",
            facts,
        )
    rating = RED if not flowing else AMBER
    return Result(
        rating,
        f"{RATING_LABELS[rating]}: no ISTV return in the last "
        f"{ISTV_RECENT_DAYS} days from {len(silent)} of {len(departments)} "
        f"emergency departments: {_names(silent)}",
        facts,
    )


def rate_documents(*, total: int, overdue: list[str]) -> Result:
    facts = {"documents": total, "overdue": overdue}
    if not total:
        return Result(RED, "Red: the document register is empty", facts)
    if not overdue:
        return Result(GREEN, f"Green: none of {total} documents is past its review date", facts)
    rating = AMBER if len(overdue) <= DOCUMENTS_AMBER_MAX_OVERDUE else RED
    return Result(
        rating,
        f"{RATING_LABELS[rating]}: {len(overdue)} of {total} documents past "
        f"their review date: {_names(overdue)}",
        facts,
    )


def rate_actions(*, total: int, overdue: int) -> Result:
    percent = _percent(overdue, total)
    facts = {"actions": total, "overdue": overdue, "overdue_percent": percent}
    if not total:
        return Result(AMBER, "Amber: the action plan has no actions", facts)
    if percent <= ACTIONS_GREEN_MAX_OVERDUE_PERCENT:
        rating = GREEN
    elif percent <= ACTIONS_AMBER_MAX_OVERDUE_PERCENT:
        rating = AMBER
    else:
        rating = RED
    return Result(
        rating, f"{RATING_LABELS[rating]}: {overdue} of {total} actions overdue ({percent}%)", facts
    )


def rate_dependencies(*, single_points: list[str], written_in: list[str] = ()) -> Result:
    """single_points: "Agency (level)" for each membership or level resting on one person
    whose partnership work is written into neither the contact's job description nor the
    agency's commissioning contracts; written_in: those whose work is, which are named but not
    counted (a successor inherits the work; report ch. 2.3.2)."""
    n = len(single_points)
    written_in = list(written_in)
    facts = {"single_points": single_points, "written_in": written_in}
    also = ""
    if written_in:
        also = (
            f"; {len(written_in)} more rest{'s' if len(written_in) == 1 else ''} on one "
            f"person but the work is written into job descriptions or contracts: "
            f"{_names(written_in)}"
        )
    if not n:
        return Result(
            GREEN,
            "Green: no membership or level rests on a single person"
            + (" without the work written into job descriptions or contracts" if written_in else "")
            + also,
            facts,
        )
    rating = AMBER if n <= DEPENDENCIES_AMBER_MAX else RED
    return Result(
        rating,
        f"{RATING_LABELS[rating]}: {n} single-person "
        f"dependenc{'y' if n == 1 else 'ies'}: {_names(single_points)}" + also,
        facts,
    )


def rate_analysis(*, capacity: str, analysts: int) -> Result:
    label = AnalyticalCapacity(capacity).label
    facts = {"capacity": capacity, "analysts": analysts}
    if capacity == AnalyticalCapacity.DEDICATED:
        return Result(
            GREEN,
            f"Green: {label.lower()} ({analysts} analyst{'s' if analysts != 1 else ''})",
            facts,
        )
    if capacity in (AnalyticalCapacity.SHARED_POLICE, AnalyticalCapacity.SHARED_COUNCIL):
        return Result(AMBER, f"Amber: {label.lower()}, no analyst of its own", facts)
    return Result(RED, "Red: no analyst", facts)


def rate_funding(*, open_bids: int, recent_awards: int) -> Result:
    facts = {"open_bids": open_bids, "recent_awards": recent_awards}
    if recent_awards:
        return Result(
            GREEN,
            f"Green: {recent_awards} award{'s' if recent_awards != 1 else ''} "
            f"in the last {FUNDING_RECENT_DAYS} days; {open_bids} open bids",
            facts,
        )
    if open_bids:
        return Result(
            AMBER,
            f"Amber: {open_bids} open bid{'s' if open_bids != 1 else ''}, no "
            f"award in the last {FUNDING_RECENT_DAYS} days",
            facts,
        )
    return Result(
        RED, f"Red: no open bids and no award in the last {FUNDING_RECENT_DAYS} days", facts
    )


def outcome_verdict(*, position: str | None, trend: str | None) -> str:
    """One indicator's rating from its place against the group and its trend."""
    if position == WORSE:
        return AMBER if trend == IMPROVING else RED
    if position == WITHIN and trend == WORSENING:
        return AMBER
    return GREEN


def rate_outcomes(*, indicators: list[dict]) -> Result:
    """indicators: {"name", "position" (WORSE, WITHIN, BETTER or None), "trend" (IMPROVING,
    WORSENING, STEADY or None)} per active indicator."""
    verdicts = {RED: [], AMBER: []}
    for ind in indicators:
        verdict = outcome_verdict(position=ind["position"], trend=ind["trend"])
        if verdict in verdicts:
            verdicts[verdict].append(ind["name"])
    facts = {"indicators": indicators}
    if verdicts[RED]:
        return Result(
            RED,
            f"Red: significantly worse than the most similar group and not improving: "
            f"{_names(verdicts[RED])}",
            facts,
        )
    if verdicts[AMBER]:
        return Result(
            AMBER,
            "Amber: significantly worse but improving, or within the normal range but "
            f"getting worse: {_names(verdicts[AMBER])}",
            facts,
        )
    if not any(ind["position"] for ind in indicators):
        return Result(AMBER, "Amber: no indicator has figures to compare with the group", facts)
    return Result(
        GREEN, "Green: no indicator is significantly worse than the group or getting worse", facts
    )


def rate_communications(*, facts) -> Result:
    """facts: communications.selectors.ReviewFacts (brand, plan, stories issued and coverage
    balance in the last quarter); the thresholds live beside it."""
    from communications.selectors import REVIEW_MIN_STORIES_ISSUED

    balance = facts.balance
    data = {
        "brand": facts.brand,
        "plan": facts.plan,
        "stories_issued": facts.stories_issued,
        "positive": balance.positive,
        "negative": balance.negative,
    }
    missing = [
        label
        for label, met in zip(
            (
                "no brand",
                "no current communications plan",
                "no story issued in the last quarter",
                "no more positive than negative coverage in the last quarter",
            ),
            facts.met,
            strict=True,
        )
        if not met
    ]
    if not facts.brand and facts.stories_issued < REVIEW_MIN_STORIES_ISSUED:
        return Result(RED, "Red: no brand and no story issued in the last quarter", data)
    if missing:
        return Result(AMBER, f"Amber: {_names(missing)}", data)
    stories = f"{facts.stories_issued} stor{'ies' if facts.stories_issued != 1 else 'y'}"
    return Result(
        GREEN,
        f"Green: a brand, a current plan, {stories} issued and coverage "
        f"{balance.positive} positive to {balance.negative} negative in the last quarter",
        data,
    )


# The dimensions, with their rules in plain English ------------------------------------------


@dataclass(frozen=True)
class Dimension:
    key: str
    title: str
    short: str
    summary: str  # "{n} of {total} {partnerships} {have} ..." about the red ones
    rules: tuple[str, str, str]  # green, amber, red

    @property
    def title_in_sentence(self) -> str:
        """The title inside a sentence: lower case, but "ISTV (A&E)" stays as it is."""
        first, _, rest = self.title.partition(" ")
        return self.title if first.isupper() else f"{first.lower()} {rest}".strip()

    def summary_text(self, *, red: int, total: int) -> str:
        """The summary sentence about the partnerships rated red, in good grammar."""
        if not red:
            return f"No partnership is rated red on {self.title_in_sentence}"
        return self.summary.format(
            n=red,
            total=total,
            partnerships="partnership" if total == 1 else "partnerships",
            have="has" if red == 1 else "have",
            are="is" if red == 1 else "are",
        )


DIMENSIONS = [
    Dimension(
        "statutory",
        "Statutory members present",
        "Statutory",
        "{n} of {total} {partnerships} {are} missing two or more responsible authorities",
        (
            "Every responsible authority the partnership should have (by its local "
            "government structure) is an active member.",
            f"Up to {STATUTORY_AMBER_MAX_MISSING} responsible authority is missing.",
            f"{STATUTORY_AMBER_MAX_MISSING + 1} or more responsible authorities are missing.",
        ),
    ),
    Dimension(
        "depth",
        "Engagement depth of responsible authorities",
        "Depth",
        "{n} of {total} {partnerships} {have} most responsible authorities only at the board",
        (
            "No responsible authority is engaged at strategic level only, and health is "
            "engaged at tactical or operational level.",
            f"1 to {DEPTH_AMBER_MAX_STRATEGIC_ONLY} responsible authorities are engaged at "
            "strategic level only, or health is not a member or not engaged at tactical or "
            "operational level.",
            f"{DEPTH_AMBER_MAX_STRATEGIC_ONLY + 1} or more responsible authorities are "
            "engaged at strategic level only, or none is a member.",
        ),
    ),
    Dimension(
        "coverage",
        "Prescribed data coverage and on-time delivery",
        "Data sharing",
        "{n} of {total} {partnerships} {have} large gaps or late prescribed data",
        (
            f"At most {COVERAGE_GREEN_MAX_GAP_PERCENT}% of the prescribed datasets members "
            f"hold lack an agreement in force or are late, and at least "
            f"{ON_TIME_GREEN_MIN_PERCENT}% of due deliveries arrived on time.",
            f"At most {COVERAGE_AMBER_MAX_GAP_PERCENT}% lack an agreement or are late, and "
            f"at least {ON_TIME_AMBER_MIN_PERCENT}% of due deliveries arrived on time; or "
            "no member holds a prescribed dataset.",
            f"More than {COVERAGE_AMBER_MAX_GAP_PERCENT}% lack an agreement or are late, or "
            f"fewer than {ON_TIME_AMBER_MIN_PERCENT}% of due deliveries arrived on time.",
        ),
    ),
    Dimension(
        "istv",
        "ISTV (A&E) data flowing",
        "A&E data",
        "{n} of {total} {partnerships} {have} no A&E data flowing",
        (
            f"Every member emergency department sent an ISTV return for a period ending "
            f"in the last {ISTV_RECENT_DAYS} days, and no department's latest return "
            f"leaves more than {ISTV_NOT_KNOWN_MAX_PERCENT}% of its assaults with the "
            "location type, the method or the arrival time not known.",
            "Some, but not all, member emergency departments did; or all did, but a "
            f"latest return leaves more than {ISTV_NOT_KNOWN_MAX_PERCENT}% of a field "
            "not known.",
            "No member emergency department did, or none is a member.",
        ),
    ),
    Dimension(
        "documents",
        "Documents current",
        "Documents",
        "{n} of {total} {partnerships} {have} several documents past review",
        (
            "No document in the register is past its review date.",
            f"Up to {DOCUMENTS_AMBER_MAX_OVERDUE} document is past its review date.",
            f"{DOCUMENTS_AMBER_MAX_OVERDUE + 1} or more documents are past their review "
            "date, or the register is empty.",
        ),
    ),
    Dimension(
        "actions",
        "Action plan overdue share",
        "Actions",
        "{n} of {total} {partnerships} {have} over a quarter of actions overdue",
        (
            f"At most {ACTIONS_GREEN_MAX_OVERDUE_PERCENT}% of actions are overdue (not done "
            "and past their due date).",
            f"Up to {ACTIONS_AMBER_MAX_OVERDUE_PERCENT}% are overdue, or the plan has no actions.",
            f"More than {ACTIONS_AMBER_MAX_OVERDUE_PERCENT}% are overdue.",
        ),
    ),
    Dimension(
        "dependencies",
        "Single-person dependencies",
        "People",
        "{n} of {total} {partnerships} {are} heavily reliant on single people",
        (
            "No active membership or engaged level rests on one person (a deputy counts as "
            "a second person). One whose partnership work is written into the contact’s "
            "job description or the agency’s commissioning contracts is listed but not "
            "counted: a successor inherits the work.",
            f"1 to {DEPENDENCIES_AMBER_MAX} do.",
            f"{DEPENDENCIES_AMBER_MAX + 1} or more do.",
        ),
    ),
    Dimension(
        "analysis",
        "Analytical capacity",
        "Analysts",
        "{n} of {total} {partnerships} {have} no analyst",
        (
            "A dedicated partnership analyst.",
            "A shared police or council analyst.",
            "No analyst.",
        ),
    ),
    Dimension(
        "funding",
        "Funding activity",
        "Funding",
        "{n} of {total} {partnerships} {have} no open bids and no recent award",
        (
            f"An award decided in the last {FUNDING_RECENT_DAYS} days.",
            "Open bids (considering, preparing or submitted) but no recent award.",
            "Neither.",
        ),
    ),
    Dimension(
        "outcomes",
        "Outcomes against the most similar group",
        "Outcomes",
        "{n} of {total} {partnerships} {are} significantly worse than their group and not "
        "improving",
        (
            "No indicator is significantly worse than the most similar group (beyond its "
            "mean plus or minus one standard deviation, on the side that is worse), and "
            "none within the normal range is getting worse over 12 months.",
            "An indicator is significantly worse but improving (by 5% or more over the "
            "latest 12 months against the 12 before), or within the normal range but "
            "getting worse by 5% or more; or no indicator has figures to compare.",
            "An indicator is significantly worse than the group and not improving (getting "
            "worse, about the same, or without a trend).",
        ),
    ),
    Dimension(
        "communications",
        "Communications",
        "Comms",
        "{n} of {total} {partnerships} {have} no brand and issued no story in the last quarter",
        (
            "All four: a brand; a current communications plan in the document register (its "
            "review date and the end of the period it covers, where given, not past); at "
            "least one story issued in the last 3 months; and more positive than negative "
            "coverage in the last 3 months.",
            "Some but not all of those four.",
            "No brand, and no story issued in the last 3 months.",
        ),
    ),
]
DIMENSION_KEYS = [d.key for d in DIMENSIONS]
DIMENSIONS_BY_KEY = {d.key: d for d in DIMENSIONS}


# Many partnerships, a fixed number of queries --------------------------------------------


@dataclass
class PartnershipRatings:
    partnership: object
    results: dict[str, Result]

    def cells(self) -> list[tuple[Dimension, Result]]:
        return [(d, self.results[d.key]) for d in DIMENSIONS]


def rate_partnerships(partnerships, *, today: date) -> list[PartnershipRatings]:
    """Ratings on every dimension for each partnership, in the same number of queries
    whether there is one partnership or hundreds."""
    from funding.models import Bid, BidStatus
    from partnerships.models import Action, ActionStatus, AgencyType, Document, Membership
    from partnerships.selectors import dependency_flags, engagement_grid

    partnerships = list(partnerships)
    ids = [p.pk for p in partnerships]
    if not ids:
        return []
    ra_types = list(
        AgencyType.objects.filter(is_responsible_authority=True).order_by("order", "name")
    )
    memberships = list(
        Membership.objects.filter(partnership_id__in=ids)
        .select_related("agency__agency_type")
        .prefetch_related("contacts")
        .order_by("agency__agency_type__order", "agency__name")
    )
    by_partnership = defaultdict(list)
    for membership in memberships:
        by_partnership[membership.partnership_id].append(membership)

    documents = defaultdict(lambda: [0, []])
    for pid, title, review_due in Document.objects.filter(partnership_id__in=ids).values_list(
        "partnership_id", "title", "review_due_on"
    ):
        documents[pid][0] += 1
        if review_due is not None and review_due < today:
            documents[pid][1].append(title)

    action_counts = {
        row["partnership_id"]: row
        for row in Action.objects.filter(partnership_id__in=ids)
        .values("partnership_id")
        .annotate(
            total=Count("id"),
            overdue=Count("id", filter=Q(due_on__lt=today) & ~Q(status=ActionStatus.DONE)),
        )
        .order_by()
    }

    coverage = coverage_counts(by_partnership, today=today)
    istv_latest = _istv_latest(memberships)

    undecided = (BidStatus.CONSIDERING, BidStatus.PREPARING, BidStatus.SUBMITTED)
    since = today - timedelta(days=FUNDING_RECENT_DAYS)
    bids = {
        row["partnership_id"]: row
        for row in Bid.objects.filter(partnership_id__in=ids)
        .values("partnership_id")
        .annotate(
            open=Count("id", filter=Q(status__in=undecided)),
            awards=Count(
                "id",
                filter=Q(status=BidStatus.AWARDED)
                & (Q(decided_on__gte=since) | Q(decided_on__isnull=True)),
            ),
        )
        .order_by()
    }

    outcomes = outcome_facts(partnerships)
    communications = communication_facts(ids, today=today)

    recent = today - timedelta(days=ISTV_RECENT_DAYS)
    result = []
    for partnership in partnerships:
        members = by_partnership.get(partnership.pk, [])
        grid = engagement_grid(partnership=partnership, memberships=members, types=ra_types)
        present_rows = [row for row in grid if row.present]
        levels = {
            row.agency_type.name: {lv for lv, on in row.levels.items() if on}
            for row in present_rows
        }
        health = next(
            (row.agency_type.name for row in present_rows if row.agency_type.slug == HEALTH_SLUG),
            "",
        )
        departments = [
            m.agency.name for m in members if m.is_active and m.agency.agency_type.slug == ED_SLUG
        ]
        flowing = [
            m.agency.name
            for m in members
            if m.is_active
            and m.agency.agency_type.slug == ED_SLUG
            and istv_latest.get(m.agency_id)
            and istv_latest[m.agency_id][0] >= recent
        ]
        incomplete = [
            m.agency.name
            for m in members
            if m.agency_id in istv_latest and istv_latest[m.agency_id][1]
        ]
        flags = [f for f in dependency_flags(members) if f.kind == "single"]
        singles = [
            f"{f.membership.agency.name} ({f.where.lower()})" for f in flags if not f.written_in
        ]
        written_in = [
            f"{f.membership.agency.name} ({f.where.lower()})" for f in flags if f.written_in
        ]
        doc_total, doc_overdue = documents.get(partnership.pk, (0, []))
        actions = action_counts.get(partnership.pk, {"total": 0, "overdue": 0})
        bid_row = bids.get(partnership.pk, {"open": 0, "awards": 0})
        cov = coverage.get(partnership.pk, {})
        results = {
            "statutory": rate_statutory(
                expected=[row.agency_type.name for row in grid],
                present=[row.agency_type.name for row in present_rows],
            ),
            "depth": rate_depth(levels=levels, health_name=health),
            "coverage": rate_coverage(
                expected=cov.get("expected", 0),
                gaps=cov.get("gaps", 0),
                due=cov.get("due", 0),
                on_time=cov.get("on_time", 0),
            ),
            "istv": rate_istv(departments=departments, flowing=flowing, incomplete=incomplete),
            "documents": rate_documents(total=doc_total, overdue=doc_overdue),
            "actions": rate_actions(total=actions["total"], overdue=actions["overdue"]),
            "dependencies": rate_dependencies(single_points=singles, written_in=written_in),
            "analysis": rate_analysis(
                capacity=partnership.analytical_capacity, analysts=partnership.analyst_count
            ),
            "funding": rate_funding(open_bids=bid_row["open"], recent_awards=bid_row["awards"]),
            "outcomes": rate_outcomes(indicators=outcomes.get(partnership.pk, [])),
            "communications": rate_communications(facts=communications[partnership.pk]),
        }
        result.append(PartnershipRatings(partnership, results))
    return result


def communication_facts(ids, *, today: date) -> dict:
    """Each partnership's communications facts (four queries)."""
    from communications.selectors import review_facts

    return review_facts(ids, today=today)


def outcome_facts(partnerships) -> dict[int, list[dict]]:
    """Each partnership's indicators as rate_outcomes reads them (constant queries)."""
    from outcomes.selectors import HIGHER, LOWER, outcome_views
    from outcomes.selectors import WITHIN as BAND_WITHIN

    facts = {}
    for pk, views in outcome_views(partnerships).items():
        rows = []
        for view in views:
            worse, better = (HIGHER, LOWER) if view.indicator.lower_is_better else (LOWER, HIGHER)
            position = {worse: WORSE, better: BETTER, BAND_WITHIN: WITHIN}.get(view.band.band)
            improving = view.trend.improving
            trend = (
                None
                if view.trend.direction is None
                else STEADY
                if improving is None
                else IMPROVING
                if improving
                else WORSENING
            )
            rows.append({"name": view.indicator.name, "position": position, "trend": trend})
        facts[pk] = rows
    return facts


def _istv_latest(memberships) -> dict[int, tuple[date, bool]]:
    """Each member emergency department's latest return: (its period end, whether it leaves
    more than ISTV_NOT_KNOWN_MAX_PERCENT of a field not known). One query."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    from datasharing.models import IstvReturn

    agency_ids = {m.agency_id for m in memberships if m.agency.agency_type.slug == ED_SLUG}
    if not agency_ids:
        return {}
    latest = (
        IstvReturn.objects.filter(agency_id__in=agency_ids)
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("agency_id")],
                order_by=[F("period_end").desc(), F("id").desc()],
            )
        )
        .filter(position=1)
        .order_by()
        .values_list(
            "agency_id",
            "period_end",
            "row_count",
            "location_not_known",
            "method_not_known",
            "time_not_known",
        )
    )
    return {
        agency_id: (end, _percent(max(location, method, time), rows) > ISTV_NOT_KNOWN_MAX_PERCENT)
        for agency_id, end, rows, location, method, time in latest
    }


def coverage_counts(by_partnership: dict, *, today: date) -> dict[int, dict]:
    """The data-sharing coverage matrix of many partnerships at once, counted.

    The same rows as datasharing.selectors.coverage_rows (whose per-row rule,
    `_coverage_row`, decides each status), loaded for all partnerships in a fixed number of
    queries; deliveries are summarised in the database (datasharing.selectors.delivery_facts).
    """
    from datasharing.models import PrescribedDataset
    from datasharing.selectors import (
        CoverageStatus,
        _coverage_row,
        covering_agreements,
        delivery_facts,
    )

    ids = list(by_partnership)
    if not ids:
        return {}
    datasets = list(
        PrescribedDataset.objects.filter(is_active=True).prefetch_related("owner_agency_types")
    )
    covering = covering_agreements(partnership_ids=ids)
    istv = next((d for d in datasets if d.code == "istv"), None)
    facts = delivery_facts(
        members_by_partnership={
            pid: [m.agency_id for m in members] for pid, members in by_partnership.items()
        },
        istv_dataset=istv,
        today=today,
    )
    due_statuses = (CoverageStatus.ON_TIME, CoverageStatus.LATE, CoverageStatus.OVERDUE)
    counts = {}
    for pid, members in by_partnership.items():
        by_type = defaultdict(list)
        for m in members:
            by_type[m.agency.agency_type_id].append(m.agency)
        tally = {"expected": 0, "gaps": 0, "due": 0, "on_time": 0}
        for dataset in datasets:
            for agency_type in dataset.owner_agency_types.all():
                for agency in by_type.get(agency_type.pk, []):
                    row = _coverage_row(
                        dataset,
                        agency,
                        covering.get((pid, dataset.pk, agency.pk)),
                        facts.get((pid, dataset.pk, agency.pk), []),
                        today,
                    )
                    tally["expected"] += 1
                    tally["gaps"] += row.is_gap
                    tally["due"] += row.status in due_statuses
                    tally["on_time"] += row.status == CoverageStatus.ON_TIME
        counts[pid] = tally
    return counts
