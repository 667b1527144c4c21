"""Reads for data sharing, always scoped by the requesting user."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncMonth
from django.utils import timezone

from core import evidence
from partnerships.models import Agency, Membership
from partnerships.selectors import visible_partnership_ids

from . import overdue, periods
from .models import (
    SCHEDULED_FREQUENCIES,
    Agreement,
    AgreementParty,
    DataUse,
    Delivery,
    IstvAssault,
    IstvReturn,
    PrescribedDataset,
    SignOff,
    StreamNote,
)

Status = Agreement.Status

# Agreements ---------------------------------------------------------------------------------


def agreement_list(
    *, user, status: str = "", partnership_id: int | None = None, query: str = ""
) -> QuerySet[Agreement]:
    qs = Agreement.objects.select_related("partnership").prefetch_related(
        Prefetch("parties", queryset=AgreementParty.objects.select_related("agency"))
    )
    ids = visible_partnership_ids(user)
    if ids is not None:
        qs = qs.filter(partnership_id__in=ids)
    if status:
        qs = qs.filter(status=status)
    if partnership_id:
        qs = qs.filter(partnership_id=partnership_id)
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(reference__icontains=query))
    return qs.order_by("-updated_at", "-id")


def agreement_register(
    *, user, status: str = "", partnership_id: int | None = None, query: str = ""
) -> QuerySet[Agreement]:
    """The register's rows: `agreement_list` with only the columns the register shows and no
    parties (see `party_names`)."""
    return (
        agreement_list(user=user, status=status, partnership_id=partnership_id, query=query)
        .prefetch_related(None)
        .only(
            "id",
            "reference",
            "title",
            "status",
            "review_date",
            "updated_at",
            "partnership__id",
            "partnership__name",
        )
    )


def party_names(*, agreement_ids: list[int]) -> dict[int, list[str]]:
    """The names of each agreement's parties' agencies, in the parties' order (by name)."""
    names: dict[int, list[str]] = defaultdict(list)
    for agreement_id, name in (
        AgreementParty.objects.filter(agreement_id__in=agreement_ids)
        .order_by("agency__name", "id")
        .values_list("agreement_id", "agency__name")
    ):
        names[agreement_id].append(name)
    return names


def agreement_detail_queryset() -> QuerySet[Agreement]:
    return Agreement.objects.select_related("partnership__region", "superseded_by")


def parties_with_sign_offs(agreement: Agreement) -> list[AgreementParty]:
    """The parties, each with `.current_sign_off` (for the current terms) or None."""
    parties = list(
        agreement.parties.select_related("agency__agency_type").prefetch_related(
            Prefetch("sign_offs", queryset=SignOff.objects.select_related("signed_by"))
        )
    )
    for party in parties:
        party.current_sign_off = next(
            (s for s in party.sign_offs.all() if s.terms_version == agreement.terms_version), None
        )
    return parties


def sign_off_record(agreement: Agreement) -> QuerySet[SignOff]:
    return agreement.sign_offs.select_related("party__agency", "signed_by").order_by(
        "-terms_version", "signed_at"
    )


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    complete: bool


SECTION_TITLES = [
    ("about", "Title and purpose"),
    ("parties", "Parties and controllers"),
    ("data", "Data to be shared"),
    ("legal", "Lawful basis and legal powers"),
    ("dpia", "Data protection impact assessment"),
    ("handling", "Retention, security and individuals’ rights"),
    ("dates", "Frequency and dates"),
    ("publication", "Transparency register"),
]


def agreement_sections(agreement: Agreement, parties: list | None = None) -> list[Section]:
    """The task list: each section and whether it is complete."""
    a = agreement
    if parties is None:
        parties = list(a.parties.all())
    done = {
        "about": bool(a.title and a.purpose),
        "parties": (
            len(parties) >= 2
            and bool(a.controllers)
            and any(p.role in ("provider", "both") for p in parties)
            and any(p.role in ("recipient", "both") for p in parties)
        ),
        "data": bool(a.data_category and a.data_items)
        and (not a.needs_special_condition or bool(a.special_condition)),
        "legal": bool(a.lawful_basis and a.legal_powers and a.necessity)
        and ("other" not in a.legal_powers or bool(a.legal_power_other)),
        "dpia": bool(a.dpia_status)
        and (a.dpia_status != "done" or bool(a.dpia_date and a.dpia_outcome))
        and (a.dpia_status != "planned" or bool(a.dpia_date)),
        "handling": bool(
            a.retention and a.security and a.transfer_method and a.rights_arrangements
        ),
        "dates": bool(a.frequency and a.start_date and a.review_date),
        "publication": a.publish is not None,
    }
    return [Section(slug, title, done[slug]) for slug, title in SECTION_TITLES]


def agreements_awaiting_signature(*, user) -> list[tuple[Agreement, AgreementParty]]:
    """Agreements whose current terms wait for the signature of an agency the user signs for."""
    agency_ids = user.scope.signatory_agency_ids
    if not agency_ids:
        return []
    parties = (
        AgreementParty.objects.filter(
            agency_id__in=agency_ids, agreement__status=Status.AWAITING_SIGNATURES
        )
        .annotate(
            signed=Exists(
                SignOff.objects.filter(
                    party=OuterRef("pk"), terms_version=OuterRef("agreement__terms_version")
                )
            )
        )
        .filter(signed=False)
        .select_related("agreement", "agency")
        .only("agreement__title", "agreement__reference", "agency__name")  # what the panel shows
        .order_by("agreement__updated_at")
    )
    return [(party.agreement, party) for party in parties[:20]]


def partnerships_for_agreement_creation(*, user) -> QuerySet:
    """Partnerships in which the user's agencies are members (all, for administrators)."""
    from partnerships.models import Partnership

    if user.scope.is_admin:
        return Partnership.objects.order_by("name")
    return (
        Partnership.objects.filter(memberships__agency_id__in=user.scope.agency_ids)
        .distinct()
        .order_by("name")
    )


def member_agencies(*, partnership) -> QuerySet[Agency]:
    return (
        Agency.objects.filter(memberships__partnership=partnership)
        .select_related("agency_type")
        .order_by("name")
    )


def transparency_register() -> QuerySet[Agreement]:
    """Agreements the parties chose to publish, once they have been signed."""
    return (
        Agreement.objects.filter(publish=True, status__in=Agreement.PUBLISHABLE)
        .select_related("partnership")
        .prefetch_related(
            Prefetch("parties", queryset=AgreementParty.objects.select_related("agency"))
        )
        .order_by("partnership__name", "title", "id")
    )


# Coverage matrix --------------------------------------------------------------------------


class CoverageStatus:
    NO_AGREEMENT = "no_agreement"
    NOT_IN_FORCE = "not_in_force"
    NO_SCHEDULE = "no_schedule"
    NOT_YET_DUE = "not_yet_due"
    ON_TIME = "on_time"
    LATE = "late"  # delivered, but after the due date
    OVERDUE = "overdue"  # not delivered, and the due date has passed

    LABELS = {
        NO_AGREEMENT: ("No agreement", "govuk-tag--red"),
        NOT_IN_FORCE: ("Agreement not in force", "govuk-tag--orange"),
        NO_SCHEDULE: ("No schedule", "govuk-tag--grey"),
        NOT_YET_DUE: ("Not yet due", "govuk-tag--blue"),
        ON_TIME: ("On time", "govuk-tag--green"),
        LATE: ("Late", "govuk-tag--red"),
        OVERDUE: ("Late", "govuk-tag--red"),
    }


@dataclass
class DeliveryFact:
    """A delivery, or an ISTV return counted as one."""

    period_start: date
    period_end: date
    received_on: date
    record_count: int


@dataclass
class CoverageRow:
    dataset: PrescribedDataset
    agency: Agency
    agreement: Agreement | None
    frequency: str
    last_delivery: DeliveryFact | None
    status: str
    detail: str
    due_period: periods.Period | None = None
    due_date: date | None = None
    lateness: periods.Lateness | None = None  # of the first delivery covering due_period

    @property
    def status_label(self) -> str:
        return CoverageStatus.LABELS[self.status][0]

    @property
    def tag_class(self) -> str:
        return CoverageStatus.LABELS[self.status][1]

    @property
    def is_gap(self) -> bool:
        return self.status in (
            CoverageStatus.NO_AGREEMENT,
            CoverageStatus.NOT_IN_FORCE,
            CoverageStatus.LATE,
            CoverageStatus.OVERDUE,
        )


DELIVERY_FACT_FIELDS = ("period_start", "period_end", "received_on", "record_count")

STATUS_RANK = {
    Status.ACTIVE: 0,
    Status.REVIEW_DUE: 1,
    Status.AWAITING_SIGNATURES: 2,
    Status.IN_NEGOTIATION: 3,
    Status.DRAFT: 4,
}


def coverage_rows(*, partnership, today: date, exact: bool = True) -> list[CoverageRow]:
    """For each prescribed dataset a member agency should share: the agreement covering it, its
    last delivery and whether deliveries are on time. Health rows first. At most eight queries.

    With exact=False (counts and statuses only, as on the home page) each row's last delivery
    is a summary fact, not the real delivery: see delivery_facts."""
    return coverage_rows_for(partnerships=[partnership], today=today, exact=exact)[partnership.pk]


def _member_streams(ids: list[int], agency_ids: set[int] | None = None):
    """(the active datasets, each (partnership id, dataset, agency) stream a member agency's
    type should share, each partnership's member agency ids), in three queries."""
    members = Membership.objects.filter(partnership_id__in=ids)
    if agency_ids is not None:
        members = members.filter(agency_id__in=agency_ids)
    # Only what the rows show of each agency: its name (and its type, to match datasets).
    members = list(
        members.select_related("agency").only(
            "partnership_id", "agency__name", "agency__agency_type_id"
        )
    )
    agencies_by_type = {pid: defaultdict(list) for pid in ids}
    members_by_partnership = {pid: [] for pid in ids}
    for membership in members:
        pid = membership.partnership_id
        agencies_by_type[pid][membership.agency.agency_type_id].append(membership.agency)
        members_by_partnership[pid].append(membership.agency_id)
    datasets = list(PrescribedDataset.objects.filter(is_active=True))
    owner_types = defaultdict(list)
    for dataset_id, type_id in (
        PrescribedDataset.owner_agency_types.through.objects.filter(
            prescribeddataset__is_active=True
        )
        .order_by("agencytype__order", "agencytype__name")
        .values_list("prescribeddataset_id", "agencytype_id")
    ):
        owner_types[dataset_id].append(type_id)
    streams = [
        (pid, dataset, agency)
        for pid in ids
        for dataset in datasets
        for type_id in owner_types[dataset.pk]
        for agency in agencies_by_type[pid].get(type_id, [])
    ]
    return datasets, streams, members_by_partnership


def _matrix_order(dataset, agency) -> tuple:
    """Health data first, then the datasets' order, then the agencies by name."""
    return (not dataset.is_health, dataset.order, dataset.name, agency.name)


def coverage_rows_for(
    *, partnerships, today: date, exact: bool = True, agency_ids: set[int] | None = None
) -> dict[int, list]:
    """coverage_rows of several partnerships, keyed by partnership id, in the same number of
    queries as for one. With agency_ids, only the rows of those agencies (an agency's staff
    need their own streams, not every member's)."""
    ids = [partnership.pk for partnership in partnerships]
    if not ids:
        return {}
    datasets, streams, members_by_partnership = _member_streams(ids, agency_ids)
    covering = covering_agreements(
        partnership_ids=ids,
        agency_ids=agency_ids,
        streams={(pid, dataset.pk, agency.pk) for pid, dataset, agency in streams},
    )
    istv_dataset = next((d for d in datasets if d.code == "istv"), None)
    facts = delivery_facts(
        members_by_partnership=members_by_partnership,
        istv_dataset=istv_dataset,
        today=today,
        exact=exact,
    )
    result = {pid: [] for pid in ids}
    for pid, dataset, agency in streams:
        key = (pid, dataset.pk, agency.pk)
        result[pid].append(
            _coverage_row(dataset, agency, covering.get(key), facts.get(key, []), today)
        )
    for rows in result.values():
        rows.sort(key=lambda r: _matrix_order(r.dataset, r.agency))
    return result


# The agreement fields the coverage rule and the matrix read, in the model's field order
# (Model.from_db takes them so).
COVERING_AGREEMENT_FIELDS = [
    field.attname
    for field in Agreement._meta.concrete_fields
    if field.attname
    in {"id", "reference", "title", "partnership_id", "status", "frequency", "start_date"}
]


def covering_agreements(
    *, partnership_ids: list[int], agency_ids: set[int] | None = None, streams: set | None = None
) -> dict[tuple, Agreement]:
    """The best agreement (in force before awaiting signatures before in negotiation before
    draft; among equals the most recently updated, the register's order) under which each
    agency provides each dataset, keyed (partnership id, dataset id, agency id). With
    agency_ids, only for those providing agencies; with streams, only for those keys (the
    streams shown: an agency's agreements often name datasets its type does not hold).

    One query: the database ranks the (agreement, dataset, providing party) rows and keeps
    the best of each key, with the agreement's fields the coverage rule and the matrix use;
    only the chosen agreements become objects, with only those fields.
    """
    from django.db.models import Case, F, IntegerField, Value, When, Window
    from django.db.models.functions import RowNumber

    if not partnership_ids:
        return {}
    rank = Case(
        *[
            When(agreement__status=status, then=Value(order))
            for status, order in STATUS_RANK.items()
        ],
        output_field=IntegerField(),
    )
    keys = [F("agreement__partnership_id"), F("agreement__datasets"), F("agency_id")]
    best = (
        AgreementParty.objects.filter(
            agreement__partnership_id__in=partnership_ids,
            agreement__status__in=list(STATUS_RANK),
            role__in=[AgreementParty.Role.PROVIDER, AgreementParty.Role.BOTH],
        )
        .filter(**({} if agency_ids is None else {"agency_id__in": agency_ids}))
        .order_by()  # the parties' default order (by agency name) would join agencies to sort
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=keys,
                order_by=[rank.asc(), F("agreement__updated_at").desc(), F("agreement_id").desc()],
            )
        )
        .filter(position=1)
        .values_list(
            "agreement__datasets",
            "agency_id",
            *(f"agreement__{name}" for name in COVERING_AGREEMENT_FIELDS),
        )
    )
    agreements, chosen = {}, {}
    for dataset_id, agency_id, *values in best:
        fields = dict(zip(COVERING_AGREEMENT_FIELDS, values, strict=True))
        key = (fields["partnership_id"], dataset_id, agency_id)
        # An agreement naming no dataset comes back once with no dataset (an outer join):
        # skipped here rather than filtered in SQL, which would turn the index lookups into a
        # table scan.
        if dataset_id is None or (streams is not None and key not in streams):
            continue
        if fields["id"] not in agreements:
            agreements[fields["id"]] = Agreement.from_db(
                best.db,
                COVERING_AGREEMENT_FIELDS,
                [fields[name] for name in COVERING_AGREEMENT_FIELDS],
            )
        chosen[key] = agreements[fields["id"]]
    return chosen


def delivery_facts(
    *, members_by_partnership: dict, istv_dataset, today: date, exact: bool = False
) -> dict[tuple, list]:
    """The deliveries that decide each stream's coverage status, keyed (partnership id,
    dataset id, agency id); ISTV returns count as deliveries of the ISTV dataset from their
    emergency department. A fixed number of queries, whatever the number of partnerships.

    Only deliveries whose period ends on or after the oldest latest-due period (of any
    schedule) can cover a due period, so nothing older is read. With exact=False the database
    reduces each stream to one summary fact per schedule: the earliest receipt among the
    deliveries covering that schedule's latest due period, which is all `_coverage_row` needs
    to decide the status (at national scale this reads thousands of rows, not half a million).
    With exact=True (one partnership's coverage page) the recent deliveries themselves are
    returned, plus each older stream's real last delivery, for display.
    """
    from django.db.models import F, Min, Window
    from django.db.models.functions import RowNumber

    partnership_ids = list(members_by_partnership)
    if not partnership_ids:
        return {}
    due_ends = {
        frequency: periods.latest_due_period(today, frequency).end
        for frequency in sorted(SCHEDULED_FREQUENCIES)
    }
    cutoff = min(due_ends.values())
    facts = defaultdict(list)
    agency_partnerships = defaultdict(set)
    for pid, agency_ids in members_by_partnership.items():
        for agency_id in agency_ids:
            agency_partnerships[agency_id].add(pid)
    recent = Delivery.objects.filter(partnership_id__in=partnership_ids, period_end__gte=cutoff)
    recent_returns = IstvReturn.objects.filter(
        agency_id__in=list(agency_partnerships), period_end__gte=cutoff
    )
    if exact:
        # Facts, not model objects: only what the rule and the matrix read of each delivery.
        fields = ("partnership_id", "dataset_id", "agency_id", *DELIVERY_FACT_FIELDS)
        for pid, dataset_id, agency_id, *fact in recent.order_by("received_on", "id").values_list(
            *fields
        ):
            facts[(pid, dataset_id, agency_id)].append(DeliveryFact(*fact))
        older = (
            Delivery.objects.filter(partnership_id__in=partnership_ids, period_end__lt=cutoff)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("partnership_id"), F("dataset_id"), F("agency_id")],
                    order_by=[F("period_end").desc(), F("received_on").desc(), F("id").desc()],
                )
            )
            .filter(rank=1)
            .values_list(*fields)
        )
        for pid, dataset_id, agency_id, *fact in older:
            key = (pid, dataset_id, agency_id)
            if key not in facts:
                facts[key].append(DeliveryFact(*fact))
        if istv_dataset is not None:
            fields = ("agency_id", "period_start", "period_end", "uploaded_at", "row_count")
            returns = list(recent_returns.order_by("uploaded_at", "id").values_list(*fields))
            seen = {r[0] for r in returns}
            returns += [
                r
                for r in IstvReturn.objects.filter(
                    agency_id__in=list(agency_partnerships), period_end__lt=cutoff
                )
                .annotate(
                    rank=Window(
                        RowNumber(),
                        partition_by=[F("agency_id")],
                        order_by=[F("period_end").desc(), F("id").desc()],
                    )
                )
                .filter(rank=1)
                .values_list(*fields)
                if r[0] not in seen
            ]
            for agency_id, period_start, period_end, uploaded_at, row_count in returns:
                fact = DeliveryFact(
                    period_start, period_end, timezone.localdate(uploaded_at), row_count
                )
                for pid in agency_partnerships[agency_id]:
                    facts[(pid, istv_dataset.pk, agency_id)].append(fact)
        return facts

    earliest = {
        frequency: Min("received_on", filter=Q(period_end__gte=end))
        for frequency, end in due_ends.items()
    }
    for row in (
        recent.values("partnership_id", "dataset_id", "agency_id").annotate(**earliest).order_by()
    ):
        key = (row["partnership_id"], row["dataset_id"], row["agency_id"])
        facts[key] = [
            DeliveryFact(None, due_ends[frequency], row[frequency], 0)
            for frequency in due_ends
            if row[frequency] is not None
        ]
    if istv_dataset is not None:
        earliest = {
            frequency: Min("uploaded_at", filter=Q(period_end__gte=end))
            for frequency, end in due_ends.items()
        }
        for row in recent_returns.values("agency_id").annotate(**earliest).order_by():
            found = [
                DeliveryFact(None, due_ends[frequency], timezone.localdate(row[frequency]), 0)
                for frequency in due_ends
                if row[frequency] is not None
            ]
            for pid in agency_partnerships[row["agency_id"]]:
                facts[(pid, istv_dataset.pk, row["agency_id"])] = found
    return facts


def _coverage_row(dataset, agency, agreement, deliveries, today) -> CoverageRow:
    last = max(deliveries, key=lambda d: (d.period_end, d.received_on), default=None)
    frequency = periods.schedule(
        dataset_frequency=dataset.expected_frequency,
        agreement_frequency=agreement.frequency if agreement else None,
    )
    row = CoverageRow(dataset, agency, agreement, frequency, last, "", "")
    if agreement is None:
        row.status = CoverageStatus.NO_AGREEMENT
        row.detail = f"No agreement covers this data from {agency}"
        return row
    if agreement.status not in Agreement.IN_FORCE:
        row.status = CoverageStatus.NOT_IN_FORCE
        row.detail = f"{agreement.reference} is {agreement.get_status_display().lower()}"
        return row
    if frequency not in SCHEDULED_FREQUENCIES:
        row.status = CoverageStatus.NO_SCHEDULE
        row.detail = "The agreement sets no regular schedule"
        return row
    period = periods.latest_due_period(today, frequency)
    start = agreement.start_date or today
    first = periods.period_containing(start, frequency)
    if period.end < first.end:
        row.status = CoverageStatus.NOT_YET_DUE
        row.detail = (
            f"First due: data for {first.label} by {periods.due_date(first, frequency):%-d %b %Y}"
        )
        return row
    due = periods.due_date(period, frequency)
    row.due_period, row.due_date = period, due
    covered = [d for d in deliveries if d.period_end >= period.end]
    if not covered:
        row.status = CoverageStatus.OVERDUE
        row.detail = f"No data for {period.label}: it was due by {due:%-d %b %Y}"
        return row
    first_received = min(covered, key=lambda d: d.received_on)
    row.lateness = periods.lateness(period, frequency, first_received.received_on)
    if row.lateness.on_time:
        row.status = CoverageStatus.ON_TIME
        row.detail = f"Data for {period.label} received {first_received.received_on:%-d %b %Y}"
    else:
        row.status = CoverageStatus.LATE
        row.detail = (
            f"Data for {period.label} received {first_received.received_on:%-d %b %Y}, "
            f"{row.lateness.label} (it was due by {due:%-d %b %Y})"
        )
    return row


# Deliveries -------------------------------------------------------------------------------


def delivery_list(*, user, partnership_id: int | None = None) -> QuerySet[Delivery]:
    qs = Delivery.objects.select_related("partnership", "agency", "dataset", "agreement")
    ids = visible_partnership_ids(user)
    if ids is not None:
        qs = qs.filter(partnership_id__in=ids)
    if partnership_id:
        qs = qs.filter(partnership_id=partnership_id)
    return qs.order_by("-received_on", "-id")


def delivery_lateness(delivery: Delivery) -> periods.Lateness | None:
    """The period a delivery counts for, its due date and days late, by the matrix's rule.
    Reads the delivery's dataset and agreement (select them with it)."""
    agreement = delivery.agreement
    return periods.delivery_lateness(
        period_end=delivery.period_end,
        received_on=delivery.received_on,
        dataset_frequency=delivery.dataset.expected_frequency,
        agreement_frequency=agreement.frequency if agreement else None,
    )


def delivery_choices(*, user) -> tuple[QuerySet, QuerySet]:
    """(memberships the user may record deliveries for, datasets) for the delivery form."""
    memberships = Membership.objects.select_related("partnership", "agency").order_by(
        "partnership__name", "agency__name"
    )
    if not user.scope.is_admin:
        memberships = memberships.filter(agency_id__in=user.scope.agency_ids)
    provided = {
        "agreements__status__in": Agreement.IN_FORCE,
        "agreements__parties__role__in": PROVIDING,
    }
    if not user.scope.is_admin:
        provided["agreements__parties__agency_id__in"] = user.scope.agency_ids
    # One filter() call, so that the role and the agency are those of the same party.
    datasets = PrescribedDataset.objects.filter(is_active=True, **provided).distinct()
    return memberships, datasets.order_by("name")


PROVIDING = (AgreementParty.Role.PROVIDER, AgreementParty.Role.BOTH)


def provides_under_agreement(*, agency, partnership, dataset) -> bool:
    """Whether `agency` provides `dataset` to `partnership` under an agreement in force: only
    then may a delivery of it be recorded from the page (issue 17, item 10)."""
    return AgreementParty.objects.filter(
        agency=agency,
        role__in=PROVIDING,
        agreement__partnership=partnership,
        agreement__status__in=Agreement.IN_FORCE,
        agreement__datasets=dataset,
    ).exists()


# ISTV -------------------------------------------------------------------------------------


def istv_return_list(*, user) -> QuerySet[IstvReturn]:
    qs = IstvReturn.objects.select_related("agency", "uploaded_by")
    if not user.scope.is_admin:
        qs = qs.filter(agency_id__in=user.scope.agency_ids)
    return qs.order_by("-period_start", "agency__name")


def istv_sites(*, partnership) -> list[Agency]:
    return list(
        Agency.objects.filter(
            memberships__partnership=partnership, agency_type__slug="emergency-department"
        ).order_by("name")
    )


ISTV_TREND_RETURNS = 12  # the latest returns of each department the quality trend shows


def istv_quality_trend(*, site_ids: list[int]) -> list[tuple[Agency, list[IstvReturn]]]:
    """Each department's latest returns, newest first, with their "not known" counts: how
    complete its data has been over time. One query."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    returns = (
        IstvReturn.objects.filter(agency_id__in=site_ids)
        .select_related("agency")
        .only(
            "agency__name",
            "period_start",
            "period_end",
            "row_count",
            "location_not_known",
            "method_not_known",
            "time_not_known",
        )
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("agency_id")],
                order_by=[F("period_start").desc(), F("id").desc()],
            )
        )
        .filter(position__lte=ISTV_TREND_RETURNS)
        .order_by("agency__name", "agency_id", "-period_start")
    )
    trend = {}
    for istv_return in returns:
        trend.setdefault(istv_return.agency_id, (istv_return.agency, []))[1].append(istv_return)
    return list(trend.values())


@dataclass
class Bar:
    label: str
    count: int
    percent: int


def _bars(pairs) -> list[Bar]:
    pairs = list(pairs)
    top = max((count for _label, count in pairs), default=0)
    return [Bar(label, count, round(100 * count / top) if top else 0) for label, count in pairs]


DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def istv_analysis(
    *, site_ids: list[int], date_from: date | None = None, date_to: date | None = None
) -> dict:
    """Counts of assaults by location, hour of the week, month and method. On PostgreSQL one
    scan of the sites' assaults counts them all (GROUPING SETS); elsewhere one aggregate query
    each. No rows are loaded."""
    start = timezone.make_aware(datetime.combine(date_from, time.min)) if date_from else None
    end = timezone.make_aware(datetime.combine(date_to, time.max)) if date_to else None
    if connection.vendor == "postgresql":
        return _istv_results(*_istv_counts_in_one_scan(site_ids, start, end))
    return _istv_results(*_istv_counts_by_query(site_ids, start, end))


# GROUPING(location type, place, method, month, day, hour) of each grouping set: a bit is set
# for each column the set does not group by.
_ISTV_SETS = {63: "total", 31: "location_type", 47: "place", 55: "method", 59: "month", 60: "hour"}

_ISTV_ONE_SCAN = """
SELECT GROUPING(location_type, place, method, month, day, hour), location_type, place, method,
       month, day, hour, COUNT(*)
FROM (
    SELECT lt.label AS location_type, a.location_description AS place, m.label AS method,
           DATE_TRUNC('month', a.local) AS month, EXTRACT(ISODOW FROM a.local)::int AS day,
           EXTRACT(HOUR FROM a.local)::int AS hour
    FROM (
        SELECT location_type_id, method_id, location_description,
               assault_datetime AT TIME ZONE %(zone)s AS local
        FROM datasharing_istvassault
        WHERE agency_id = ANY(%(sites)s) {dates}
        OFFSET 0
    ) a
    JOIN datasharing_istvlocationtype lt ON lt.id = a.location_type_id
    JOIN datasharing_istvmethod m ON m.id = a.method_id
    OFFSET 0
) s
GROUP BY GROUPING SETS ((), (location_type), (place), (method), (month), (day, hour))
ORDER BY 1, month, 8 DESC, location_type, place, method
"""  # OFFSET 0 converts each time once, not once per grouping set


def _istv_counts_in_one_scan(site_ids, start, end):
    dates = ""
    if start:
        dates += " AND assault_datetime >= %(start)s"
    if end:
        dates += " AND assault_datetime <= %(end)s"
    params = {
        "zone": timezone.get_current_timezone_name(),
        "sites": list(site_ids),
        "start": start,
        "end": end,
    }
    found = {kind: [] for kind in _ISTV_SETS.values()}
    with connection.cursor() as cursor:
        cursor.execute(_ISTV_ONE_SCAN.format(dates=dates), params)
        for sets, location_type, place, method, month, day, hour, n in cursor.fetchall():
            kind = _ISTV_SETS[sets]
            found[kind].append(
                {
                    "total": n,
                    "location_type": (location_type, n),
                    "place": (place, n),
                    "method": (method, n),
                    "month": (month, n),
                    "hour": (day, hour, n),
                }[kind]
            )
    places = [pair for pair in found["place"] if pair[0] != ""][:10]
    return (
        found["total"][0],
        found["location_type"],
        places,
        found["method"],
        found["month"],
        found["hour"],
    )


def _istv_counts_by_query(site_ids, start, end):
    qs = IstvAssault.objects.filter(agency_id__in=site_ids)
    if start:
        qs = qs.filter(assault_datetime__gte=start)
    if end:
        qs = qs.filter(assault_datetime__lte=end)
    return (
        qs.count(),
        qs.values_list("location_type__label")
        .annotate(n=Count("id"))
        .order_by("-n", "location_type__label"),
        qs.exclude(location_description="")
        .values_list("location_description")
        .annotate(n=Count("id"))
        .order_by("-n", "location_description")[:10],
        qs.values_list("method__label").annotate(n=Count("id")).order_by("-n", "method__label"),
        qs.annotate(month=TruncMonth("assault_datetime"))
        .values_list("month")
        .annotate(n=Count("id"))
        .order_by("month"),
        qs.annotate(day=ExtractIsoWeekDay("assault_datetime"), hour=ExtractHour("assault_datetime"))
        .values_list("day", "hour")
        .annotate(n=Count("id"))
        .order_by(),
    )


def _istv_results(total, by_location_type, top_places, by_method, by_month, by_hour) -> dict:
    grid = [[0] * 24 for _ in range(7)]
    for day, hour, n in by_hour:
        grid[day - 1][hour] = n
    peak = max((n for day in grid for n in day), default=0)
    heat = [
        {
            "day": DAYS[i],
            "cells": [{"hour": h, "count": n, "level": _level(n, peak)} for h, n in enumerate(day)],
            "total": sum(day),
        }
        for i, day in enumerate(grid)
    ]
    return {
        "total": total,
        "by_location_type": _bars(by_location_type),
        "top_places": _bars(top_places),
        "by_method": _bars(by_method),
        "by_month": _bars((f"{month:%B %Y}", n) for month, n in by_month),
        "heat": heat,
        "peak": peak,
    }


def _level(count: int, peak: int) -> int:
    if not count or not peak:
        return 0
    return min(5, 1 + (4 * count) // peak)


# Home panel -------------------------------------------------------------------------------


def attention_for(*, user, today: date) -> dict:
    """What needs the user's attention: signatures, reviews due, overdue deliveries."""
    scope = user.scope
    agreements = Agreement.objects.filter(
        Q(partnership_id__in=scope.managed_partnership_ids)
        | Q(
            pk__in=AgreementParty.objects.filter(agency_id__in=scope.agency_ids).values(
                "agreement_id"
            )
        )
    )  # a subquery, not a join: no duplicate rows to remove with DISTINCT
    reviews = list(
        agreements.filter(status__in=Agreement.IN_FORCE)
        .filter(Q(status=Status.REVIEW_DUE) | Q(review_date__lte=today + timedelta(days=60)))
        .only("title", "status", "review_date")  # what the panel shows
        .order_by("review_date")[:10]
    )
    overdue_rows = []
    from partnerships.models import Partnership

    partnership_ids = set(scope.managed_partnership_ids)
    partnership_ids.update(
        Membership.objects.filter(agency_id__in=scope.agency_ids)
        .order_by()  # the default order (by agency name) would join agencies to sort
        .values_list("partnership_id", flat=True)
    )
    shown = list(
        Partnership.objects.filter(pk__in=partnership_ids)
        .only("name", "ons_code")
        .order_by("name")[:5]
    )
    # Managers see every member's streams; agency staff elsewhere see only their agency's.
    streams = overdue.overdue_streams(shown, today=today)
    agency_ids = set(scope.agency_ids)
    for partnership in shown:
        managed = partnership.pk in scope.managed_partnership_ids
        overdue_rows.extend(
            (partnership, stream)
            for stream in streams[partnership.pk]
            if managed or stream.agency_id in agency_ids
        )
    return {
        "to_sign": agreements_awaiting_signature(user=user),
        "reviews": reviews,
        "overdue": overdue_rows[:10],
    }


# What the data achieved -------------------------------------------------------------------

ISTV_CODE = "istv"
STREAM_DELIVERIES = 20  # the latest deliveries (or ISTV returns) a stream's page lists


def streams_of(*, user, today: date) -> list[tuple]:
    """(partnership, coverage rows) for each partnership of the agencies the user works for:
    the data streams they provide, with their status, in the matrix's fixed queries."""
    from partnerships.models import Partnership

    agency_ids = set(user.scope.agency_ids)
    partnerships = list(
        Partnership.objects.filter(memberships__agency_id__in=agency_ids)
        .distinct()
        .order_by("name")
    )
    rows = coverage_rows_for(
        partnerships=partnerships, today=today, exact=False, agency_ids=agency_ids
    )
    return [(p, rows[p.pk]) for p in partnerships if rows[p.pk]]


def stream_dataset(*, partnership, agency, code: str) -> PrescribedDataset | None:
    """The dataset, if the agency is a member of the partnership and its type provides it."""
    if not Membership.objects.filter(partnership=partnership, agency=agency).exists():
        return None
    return PrescribedDataset.objects.filter(
        code=code, is_active=True, owner_agency_types=agency.agency_type_id
    ).first()


@dataclass
class StreamDetail:
    deliveries: list
    istv_returns: list
    actions: list
    documents: list
    notes: list
    istv: dict | None
    entries: list[tuple[str, str]]  # (title, url) of good-practice entries, core.evidence


def stream_detail(*, partnership, agency, dataset, today: date) -> StreamDetail:
    """Everything a stream's page shows: its latest deliveries with their lateness (ISTV
    returns, for the ISTV dataset), the actions and documents that use it, the partnership's
    notes and, for ISTV, the assaults counted from it over the last year. Fixed queries."""
    is_istv = dataset.code == ISTV_CODE
    deliveries = list(
        Delivery.objects.filter(partnership=partnership, agency=agency, dataset=dataset)
        .select_related("dataset", "agreement")
        .order_by("-period_end", "-received_on", "-id")[:STREAM_DELIVERIES]
    )
    for delivery in deliveries:
        delivery.lateness = delivery_lateness(delivery)
    returns = (
        list(
            IstvReturn.objects.filter(agency=agency).order_by("-period_start", "-id")[
                :STREAM_DELIVERIES
            ]
        )
        if is_istv
        else []
    )
    for istv_return in returns:
        istv_return.lateness = periods.delivery_lateness(
            period_end=istv_return.period_end,
            received_on=timezone.localdate(istv_return.uploaded_at),
            dataset_frequency=dataset.expected_frequency,
        )
    uses = list(
        DataUse.objects.filter(partnership=partnership, agency=agency, dataset=dataset)
        .select_related("action__owner", "document")
        .order_by("-created_at", "-id")
    )
    notes = list(
        StreamNote.objects.filter(
            partnership=partnership, agency=agency, dataset=dataset
        ).select_related("written_by")
    )
    istv = None
    if is_istv:
        istv = istv_analysis(
            site_ids=[agency.pk], date_from=today - timedelta(days=365), date_to=today
        )
    return StreamDetail(
        deliveries=deliveries,
        istv_returns=returns,
        actions=[use.action for use in uses if use.action_id],
        documents=[use.document for use in uses if use.document_id],
        notes=notes,
        istv=istv,
        entries=evidence.stream_citations(partnership.pk, agency.pk, dataset.code),
    )


@dataclass
class StreamSummary:
    agency_id: int
    line: str


def stream_summaries(*, agency_ids: set[int], start: date, end: date) -> list[StreamSummary]:
    """One line per stream of these agencies with something to tell for start..end: its
    deliveries (and how many were late), the actions and documents newly recorded as using
    it, and the partnership's notes. Fixed queries, for the quarterly digest."""
    if not agency_ids:
        return []
    counts = defaultdict(lambda: {"deliveries": 0, "late": 0, "uses": 0, "notes": 0})
    names = {}
    for d in Delivery.objects.filter(
        agency_id__in=agency_ids, received_on__gte=start, received_on__lte=end
    ).select_related("partnership", "agency", "dataset", "agreement"):
        key = (d.partnership_id, d.agency_id, d.dataset_id)
        names[key] = (d.partnership.name, d.agency.name, d.dataset.name)
        counts[key]["deliveries"] += 1
        late = delivery_lateness(d)
        counts[key]["late"] += bool(late and not late.on_time)
    window = Q(created_at__date__gte=start, created_at__date__lte=end)
    for model, name in ((DataUse, "uses"), (StreamNote, "notes")):
        for row in model.objects.filter(window, agency_id__in=agency_ids).select_related(
            "partnership", "agency", "dataset"
        ):
            key = (row.partnership_id, row.agency_id, row.dataset_id)
            names[key] = (row.partnership.name, row.agency.name, row.dataset.name)
            counts[key][name] += 1
    summaries = []
    for key in sorted(counts, key=lambda k: names[k]):
        partnership, agency, dataset = names[key]
        c = counts[key]
        parts = (
            [
                f"{c['deliveries']} deliver{'y' if c['deliveries'] == 1 else 'ies'}"
                f" ({c['late']} late)"
            ]
            if c["deliveries"]
            else []
        )
        if c["uses"]:
            parts.append(
                f"used by {c['uses']} new action{'s' if c['uses'] != 1 else ''} or "
                "document" + ("s" if c["uses"] != 1 else "")
            )
        if c["notes"]:
            parts.append(f"{c['notes']} note{'s' if c['notes'] != 1 else ''} from the partnership")
        summaries.append(
            StreamSummary(
                key[1], f"- {dataset} from {agency} to {partnership}: " + ", ".join(parts)
            )
        )
    return summaries


def ed_agencies(user):
    """The emergency departments whose ISTV returns this user may upload."""
    qs = Agency.objects.filter(agency_type__slug="emergency-department").order_by("name")
    return qs.filter(pk__in=user.scope.agency_ids)


def data_drawn_on(document_ids: list[int]) -> dict[int, list[str]]:
    """core.evidence lookup: the streams each document is recorded as using, by name."""
    found: dict[int, list[str]] = {}
    uses = (
        DataUse.objects.filter(document_id__in=document_ids)
        .order_by("agency__name", "dataset__name", "id")
        .values_list("document_id", "dataset__name", "agency__name")
    )
    for document_id, dataset, agency in uses:
        found.setdefault(document_id, []).append(f"{dataset} from {agency}")
    return found


def partnership_streams(partnership) -> list[tuple[str, str]]:
    """core.evidence lookup: (key, label) of every stream a record of the partnership may draw
    on, each dataset a member agency provides, in the coverage matrix's order."""
    _datasets, streams, _members = _member_streams([partnership.pk])
    streams.sort(key=lambda stream: _matrix_order(stream[1], stream[2]))
    return [
        (f"{agency.pk}:{dataset.code}", f"{dataset.name} from {agency.name}")
        for _pid, dataset, agency in streams
    ]


def document_stream_keys(*, document) -> list[str]:
    return [
        f"{agency_id}:{code}"
        for agency_id, code in DataUse.objects.filter(document=document).values_list(
            "agency_id", "dataset__code"
        )
    ]
