"""Writes for data sharing: one function per use case, keyword-only arguments.

Every change to an agreement is saved through these functions, so its history records who did
what; a change to the terms of an agreement that has been sent for signature voids the
sign-offs and returns it to "awaiting signatures".
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from accounts.services import notify
from core import clock
from partnerships.models import Membership

from . import istv
from .models import (
    NOT_KNOWN_CODE,
    Agreement,
    AgreementParty,
    DataUse,
    Delivery,
    IstvAssault,
    IstvLocationType,
    IstvMethod,
    IstvReturn,
    PendingIstvUpload,
    ReminderSent,
    SignOff,
    StreamDigestSent,
    StreamNote,
)

Status = Agreement.Status
REMINDER_OFFSETS = (60, 30, 7)
SIGNED_COPY_MAX_BYTES = 10 * 1024 * 1024


class ServiceError(ValidationError):
    """A rule of the service refused the change. Carries a message for the person."""


def _save(agreement: Agreement, user, *, fields: list[str] | None = None) -> None:
    agreement._history_user = user
    agreement.updated_at = clock.now()
    if fields is not None:
        fields = sorted(set(fields) | {"updated_at"})
    agreement.save(update_fields=fields)


def _terms_changed(agreement: Agreement, user) -> None:
    """The terms changed: if they had been sent for signature, the parties must sign again."""
    if agreement.status in (Status.AWAITING_SIGNATURES, Status.ACTIVE, Status.REVIEW_DUE):
        agreement.terms_version += 1
        agreement.status = Status.AWAITING_SIGNATURES


def _require_editable(agreement: Agreement) -> None:
    if not agreement.is_editable:
        raise ServiceError(
            f"This agreement has {agreement.get_status_display().lower()}: it cannot be changed"
        )


# Agreements ---------------------------------------------------------------------------------


@transaction.atomic
def agreement_create(
    *, user, partnership, agency, title: str, role: str = AgreementParty.Role.BOTH
) -> Agreement:
    """Start a draft agreement in a partnership; the creator's agency becomes its first party."""
    if not Membership.objects.filter(partnership=partnership, agency=agency).exists():
        raise ServiceError(f"{agency} is not a member of {partnership}")
    agreement = Agreement(partnership=partnership, title=title.strip(), created_by=user)
    agreement._history_user = user
    agreement.save()
    agreement.reference = f"DSA-{partnership.ons_code}-{agreement.pk:05d}"
    _save(agreement, user, fields=["reference"])
    party = AgreementParty(agreement=agreement, agency=agency, role=role)
    party._history_user = user
    party.save()
    return agreement


@transaction.atomic
def agreement_update(*, agreement: Agreement, user, values: dict, datasets=None) -> Agreement:
    """Save one task-list section: the fields in `values` and, if given, the datasets."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    _require_editable(agreement)
    changed_terms = False
    for name, value in values.items():
        if getattr(agreement, name) != value:
            setattr(agreement, name, value)
            changed_terms |= name in Agreement.TERM_FIELDS
    if datasets is not None:
        new_ids = {dataset.pk for dataset in datasets}
        if new_ids != set(agreement.datasets.values_list("pk", flat=True)):
            agreement.datasets.set(datasets)
            changed_terms = True
    if changed_terms:
        _terms_changed(agreement, user)
    _save(agreement, user)
    return agreement


@transaction.atomic
def party_add(*, agreement: Agreement, agency, role: str, user) -> AgreementParty:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    _require_editable(agreement)
    if not Membership.objects.filter(partnership=agreement.partnership_id, agency=agency).exists():
        raise ServiceError(f"{agency} is not a member of {agreement.partnership}")
    if agreement.parties.filter(agency=agency).exists():
        raise ServiceError(f"{agency} is already a party to this agreement")
    party = AgreementParty(agreement=agreement, agency=agency, role=role)
    party._history_user = user
    party.save()
    _terms_changed(agreement, user)
    _save(agreement, user)
    return party


@transaction.atomic
def party_remove(*, party: AgreementParty, user) -> None:
    agreement = Agreement.objects.select_for_update().get(pk=party.agreement_id)
    _require_editable(agreement)
    if agreement.parties.count() <= 1:
        raise ServiceError(
            "An agreement needs at least one party: add another before removing this one"
        )
    if party.sign_offs.exists():
        # Keep who signed what: sign-offs of earlier versions stay on record with their party.
        raise ServiceError(
            f"{party.agency} has signed a version of this agreement, so it stays "
            "on record: end the agreement and start a new one instead"
        )
    party._history_user = user
    party.delete()
    _terms_changed(agreement, user)
    _save(agreement, user)


def sections_complete(agreement: Agreement) -> bool:
    from .selectors import agreement_sections

    return all(section.complete for section in agreement_sections(agreement))


@transaction.atomic
def agreement_start_negotiation(*, agreement: Agreement, user) -> Agreement:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != Status.DRAFT:
        raise ServiceError("Only a draft can be opened for negotiation")
    agreement.status = Status.IN_NEGOTIATION
    _save(agreement, user, fields=["status"])
    return agreement


@transaction.atomic
def agreement_request_signatures(*, agreement: Agreement, user) -> Agreement:
    """Send the agreement to the parties' signatories. Every section must be complete."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status not in (Status.DRAFT, Status.IN_NEGOTIATION):
        raise ServiceError("Only a draft or an agreement in negotiation can be sent for signature")
    if not sections_complete(agreement):
        raise ServiceError("Complete every section before sending the agreement for signature")
    agreement.status = Status.AWAITING_SIGNATURES
    _save(agreement, user, fields=["status"])
    _notify_signatories(agreement)
    return agreement


def _notify_signatories(agreement: Agreement) -> None:
    signed = set(
        agreement.sign_offs.filter(terms_version=agreement.terms_version).values_list(
            "party_id", flat=True
        )
    )
    agency_ids = [p.agency_id for p in agreement.parties.all() if p.pk not in signed]
    signatories = RoleAssignment.objects.filter(
        role=Role.AGENCY_STAFF, is_signatory=True, agency_id__in=agency_ids
    ).select_related("user", "agency")
    url = agreement.get_absolute_url()
    for assignment in signatories:
        notify(
            user=assignment.user,
            subject=f"Sign the data sharing agreement {agreement.reference}",
            body=(
                f"“{agreement.title}” is ready for {assignment.agency}’s signature. Read the "
                "agreement and sign it if you agree to its terms."
            ),
            idempotency_key=(
                f"datasharing:sign:{agreement.pk}:v{agreement.terms_version}:"
                f"{assignment.agency_id}:{assignment.user_id}"
            ),
            url=url,
        )


@transaction.atomic
def agreement_sign(*, agreement: Agreement, party: AgreementParty, user) -> SignOff:
    """An authorised signatory of a party signs the current terms. When every party has signed
    them, the agreement becomes active."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if party.agreement_id != agreement.pk:
        raise ServiceError("That party is not a party to this agreement")
    if agreement.status != Status.AWAITING_SIGNATURES:
        raise ServiceError("This agreement is not awaiting signatures")
    if party.agency_id not in user.scope.signatory_agency_ids:
        raise ServiceError(f"You are not an authorised signatory of {party.agency}")
    if SignOff.objects.filter(party=party, terms_version=agreement.terms_version).exists():
        raise ServiceError(f"{party.agency} has already signed this version of the agreement")
    sign_off = SignOff(
        agreement=agreement,
        party=party,
        terms_version=agreement.terms_version,
        signed_by=user,
        signed_at=clock.now(),
    )
    sign_off._history_user = user
    try:
        with transaction.atomic():
            sign_off.save()
    except IntegrityError as error:
        raise ServiceError(
            f"{party.agency} has already signed this version of the agreement"
        ) from error
    unsigned = agreement.parties.exclude(sign_offs__terms_version=agreement.terms_version).exists()
    if not unsigned:
        agreement.status = Status.ACTIVE
        if agreement.review_date and agreement.review_date <= clock.today():
            agreement.status = Status.REVIEW_DUE
    _save(agreement, user, fields=["status"])
    return sign_off


@transaction.atomic
def agreement_end(
    *, agreement: Agreement, user, outcome: str, reason: str, superseded_by: Agreement | None = None
) -> Agreement:
    """Terminate an agreement, or mark it superseded by another."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    _require_editable(agreement)
    if outcome not in (Status.TERMINATED, Status.SUPERSEDED):
        raise ServiceError("Choose whether the agreement was terminated or superseded")
    if outcome == Status.SUPERSEDED:
        if superseded_by is None:
            raise ServiceError("Choose the agreement that replaces this one")
        if (
            superseded_by.pk == agreement.pk
            or superseded_by.partnership_id != agreement.partnership_id
        ):
            raise ServiceError("Choose another agreement of the same partnership")
    agreement.status = outcome
    agreement.end_reason = reason.strip()
    agreement.superseded_by = superseded_by if outcome == Status.SUPERSEDED else None
    _save(agreement, user, fields=["status", "end_reason", "superseded_by"])
    return agreement


@transaction.atomic
def agreement_record_review(*, agreement: Agreement, user, next_review_date: date) -> Agreement:
    """The parties reviewed an agreement in force and kept its terms: set the next review."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status not in Agreement.IN_FORCE:
        raise ServiceError("Only an agreement in force can be reviewed")
    if next_review_date <= clock.today():
        raise ServiceError("The next review date must be in the future")
    if agreement.end_date and next_review_date > agreement.end_date:
        raise ServiceError("The next review date must be on or before the end date")
    agreement.review_date = next_review_date
    agreement.status = Status.ACTIVE
    _save(agreement, user, fields=["review_date", "status"])
    return agreement


def check_signed_copy(upload) -> None:
    """A signed copy must be a real PDF of at most 10 MB, with a harmless name."""
    from core.uploads import check_file_name

    check_file_name(upload)
    name = (upload.name or "").lower()
    if not name.endswith(".pdf"):
        raise ServiceError("The selected file must be a PDF")
    if upload.size == 0:
        raise ServiceError("The selected file is empty")
    if upload.size > SIGNED_COPY_MAX_BYTES:
        raise ServiceError("The selected file must be smaller than 10 MB")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ServiceError(
            "The selected file is not a real PDF: its content does not match its type"
        )


@transaction.atomic
def agreement_attach_signed_copy(*, agreement: Agreement, user, upload) -> Agreement:
    from django.utils.crypto import get_random_string
    from django.utils.text import get_valid_filename

    check_signed_copy(upload)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    _require_editable(agreement)
    old = agreement.signed_copy.name if agreement.signed_copy else ""
    stored = f"{agreement.pk}-{get_random_string(24)}.pdf"
    agreement.signed_copy.save(stored, upload, save=False)
    try:
        original = get_valid_filename((upload.name or "signed-copy.pdf").split("/")[-1])[-150:]
    except Exception:  # Django refuses names like ".."
        original = "signed-copy.pdf"
    agreement.signed_copy_name = original
    _save(agreement, user, fields=["signed_copy", "signed_copy_name"])
    if old:
        transaction.on_commit(lambda: agreement.signed_copy.storage.delete(old))
    return agreement


# Daily sweep: statuses and reminders ------------------------------------------------------


def agreements_update_statuses(*, today: date) -> dict:
    """Agreements reach their review date ("review due") or their end date ("expired")."""
    expired = list(Agreement.objects.filter(status__in=Agreement.IN_FORCE, end_date__lt=today))
    for agreement in expired:
        agreement.status = Status.EXPIRED
        _save(agreement, None, fields=["status"])
    due = list(Agreement.objects.filter(status=Status.ACTIVE, review_date__lte=today))
    for agreement in due:
        agreement.status = Status.REVIEW_DUE
        _save(agreement, None, fields=["status"])
    return {"expired": len(expired), "review_due": len(due)}


def _offset_due(days_left: int) -> int | None:
    """The notice to send for a date `days_left` away: the nearest offset not yet passed.

    60 days before, then 30, then 7. A day missed by the sweep is caught up the next day, but
    a notice is never sent for an offset already overtaken by a nearer one.
    """
    if days_left < 0:
        return None
    applicable = [offset for offset in REMINDER_OFFSETS if days_left <= offset]
    return min(applicable) if applicable else None


@dataclass(frozen=True)
class Notice:
    key: str
    kind: str
    agreement: Agreement
    user: object
    due_date: date
    days_before: int | None
    subject: str
    body: str


def _send_once(notice: Notice) -> bool:
    """Record the notice, then send it; if it was already recorded, send nothing."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                key=notice.key,
                kind=notice.kind,
                agreement=notice.agreement,
                user=notice.user,
                due_date=notice.due_date,
                days_before=notice.days_before,
                sent_at=clock.now(),
            )
            notify(
                user=notice.user,
                subject=notice.subject,
                body=notice.body,
                idempotency_key=f"datasharing:{notice.key}",
                url=notice.agreement.get_absolute_url(),
            )
    except IntegrityError:
        return False
    return True


def _recipients(agreement: Agreement, *, agency_ids=None) -> list:
    """The parties' staff (or those of the given agencies) and the partnership's managers."""
    if agency_ids is None:
        agency_ids = [party.agency_id for party in agreement.parties.all()]
    assignments = RoleAssignment.objects.filter(
        role=Role.AGENCY_STAFF, agency_id__in=agency_ids, user__is_active=True
    ) | RoleAssignment.objects.filter(
        role=Role.MANAGER, partnership_id=agreement.partnership_id, user__is_active=True
    )
    users = {}
    for assignment in assignments.select_related("user").order_by("user_id"):
        users[assignment.user_id] = assignment.user
    return list(users.values())


def reminders_send_due(*, today: date) -> int:
    """Send every reminder due today, each exactly once. Returns how many were sent."""
    sent = 0
    horizon = today + timedelta(days=max(REMINDER_OFFSETS))
    candidates = Agreement.objects.filter(status__in=Agreement.IN_FORCE).filter(
        review_date__range=(today, horizon)
    ) | Agreement.objects.filter(status__in=Agreement.IN_FORCE, end_date__range=(today, horizon))
    for agreement in candidates.distinct().prefetch_related("parties").order_by("pk"):
        for kind, when, words in (
            (ReminderSent.Kind.REVIEW, agreement.review_date, "is due for review"),
            (ReminderSent.Kind.END, agreement.end_date, "ends"),
        ):
            if when is None:
                continue
            offset = _offset_due((when - today).days)
            if offset is None:
                continue
            for user in _recipients(agreement):
                sent += _send_once(
                    Notice(
                        key=f"{kind}:{agreement.pk}:{when.isoformat()}:{offset}:user-{user.pk}",
                        kind=kind,
                        agreement=agreement,
                        user=user,
                        due_date=when,
                        days_before=offset,
                        subject=f"{agreement.reference} {words} on {when:%-d %B %Y}",
                        body=(
                            f"The data sharing agreement “{agreement.title}” {words} on "
                            f"{when:%-d %B %Y}, in {(when - today).days} days."
                        ),
                    )
                )
    sent += _overdue_reminders(today=today)
    return sent


def _overdue_reminders(*, today: date) -> int:
    from .selectors import CoverageStatus, coverage_rows

    sent = 0
    partnership_ids = (
        Agreement.objects.filter(status__in=Agreement.IN_FORCE)
        .values_list("partnership_id", flat=True)
        .distinct()
        .order_by("partnership_id")
    )
    from partnerships.models import Partnership

    for partnership in Partnership.objects.filter(pk__in=list(partnership_ids)).order_by("pk"):
        for row in coverage_rows(partnership=partnership, today=today):
            if row.status != CoverageStatus.OVERDUE:
                continue
            for user in _recipients(row.agreement, agency_ids=[row.agency.pk]):
                sent += _send_once(
                    Notice(
                        key=(
                            f"overdue:{row.agreement.pk}:{row.dataset.pk}:{row.agency.pk}:"
                            f"{row.due_period.end.isoformat()}:user-{user.pk}"
                        ),
                        kind=ReminderSent.Kind.OVERDUE,
                        agreement=row.agreement,
                        user=user,
                        due_date=row.due_date,
                        days_before=None,
                        subject=f"Overdue: {row.dataset.name} from {row.agency}",
                        body=(
                            f"{row.agency} has not delivered “{row.dataset.name}” for "
                            f"{row.due_period.label} to {partnership}. It was due by "
                            f"{row.due_date:%-d %B %Y} under {row.agreement.reference}."
                        ),
                    )
                )
    return sent


# Deliveries -------------------------------------------------------------------------------


@transaction.atomic
def delivery_record(
    *,
    user,
    partnership,
    agency,
    dataset,
    period_start: date,
    period_end: date,
    received_on: date,
    record_count: int,
    note: str = "",
) -> Delivery:
    if agency.pk not in user.scope.agency_ids and not user.scope.is_admin:
        raise ServiceError(f"You do not work for {agency}")
    if not Membership.objects.filter(partnership=partnership, agency=agency).exists():
        raise ServiceError(f"{agency} is not a member of {partnership}")
    if period_end < period_start:
        raise ServiceError("The end of the period must be on or after its start")
    if received_on > clock.today():
        raise ServiceError("The date received cannot be in the future")
    agreement = (
        Agreement.objects.filter(
            partnership=partnership,
            datasets=dataset,
            parties__agency=agency,
            status__in=Agreement.IN_FORCE,
        )
        .order_by("-updated_at")
        .first()
    )
    delivery = Delivery(
        partnership=partnership,
        agency=agency,
        dataset=dataset,
        agreement=agreement,
        period_start=period_start,
        period_end=period_end,
        received_on=received_on,
        record_count=record_count,
        note=note.strip(),
        recorded_by=user,
    )
    delivery._history_user = user
    delivery.save()
    return delivery


# ISTV returns -----------------------------------------------------------------------------


def istv_code_maps() -> tuple[dict, dict]:
    """Lower-case code (and label) -> code object, for the active method and location lists."""
    methods, locations = {}, {}
    for target, model in ((methods, IstvMethod), (locations, IstvLocationType)):
        for item in model.objects.filter(is_active=True):
            target[item.code.lower()] = item
            target.setdefault(item.label.lower(), item)
    return methods, locations


def istv_not_known_counts(rows) -> dict[str, int]:
    """How many checked rows leave the location type, the method or the arrival time not known."""
    unknown_method = set(
        IstvMethod.objects.filter(code=NOT_KNOWN_CODE).values_list("pk", flat=True)
    )
    unknown_location = set(
        IstvLocationType.objects.filter(code=NOT_KNOWN_CODE).values_list("pk", flat=True)
    )
    counts = {"location": 0, "method": 0, "time": 0}
    for row in rows:
        counts["location"] += row.location_type_id in unknown_location
        counts["method"] += row.method_id in unknown_method
        counts["time"] += row.arrival_datetime is None
    return counts


def istv_check(*, agency, period_start: date, period_end: date, text: str) -> istv.Result:
    methods, locations = istv_code_maps()
    return istv.check(
        text=text,
        period_start=period_start,
        period_end=period_end,
        expected_site_code=agency.site_code,
        methods=methods,
        location_types=locations,
    )


@transaction.atomic
def istv_import(
    *,
    agency,
    user,
    period_start: date,
    period_end: date,
    text: str,
    file_name: str = "",
    replace: bool = False,
) -> IstvReturn:
    """Import a whole ISTV return, or nothing. An existing return for the same period is
    replaced only when `replace` is true (the uploader confirmed it)."""
    if period_end < period_start:
        raise ServiceError("The reporting period must end on or after its start")
    result = istv_check(agency=agency, period_start=period_start, period_end=period_end, text=text)
    if not result.ok:
        raise ServiceError([str(problem) for problem in result.problems[:50]])
    existing = (
        IstvReturn.objects.select_for_update()
        .filter(agency=agency, period_start=period_start, period_end=period_end)
        .first()
    )
    if existing is not None and not replace:
        raise ServiceError("A return for this period already exists: confirm to replace it")
    if existing is not None:
        existing.assaults.all().delete()
        istv_return = existing
    else:
        istv_return = IstvReturn(agency=agency, period_start=period_start, period_end=period_end)
    istv_return.site_code = result.site_code or agency.site_code
    istv_return.row_count = len(result.rows)
    not_known = istv_not_known_counts(result.rows)
    istv_return.location_not_known = not_known["location"]
    istv_return.method_not_known = not_known["method"]
    istv_return.time_not_known = not_known["time"]
    istv_return.file_name = file_name[:200]
    istv_return.uploaded_by = user
    istv_return.uploaded_at = clock.now()
    istv_return._history_user = user
    istv_return.save()
    IstvAssault.objects.bulk_create(
        (
            IstvAssault(
                istv_return=istv_return,
                agency=agency,
                row_number=row.row_number,
                arrival_datetime=row.arrival_datetime,
                assault_datetime=row.assault_datetime,
                method_id=row.method_id,
                method_other=row.method_other,
                location_type_id=row.location_type_id,
                location_description=row.location_description,
            )
            for row in result.rows
        ),
        batch_size=2000,
    )
    return istv_return


@transaction.atomic
def istv_pending_create(
    *, agency, user, period_start: date, period_end: date, text: str, file_name: str = ""
) -> PendingIstvUpload:
    """Keep a checked file while its uploader confirms it replaces the existing return."""
    PendingIstvUpload.objects.filter(created_at__lt=clock.now() - timedelta(days=1)).delete()
    PendingIstvUpload.objects.filter(agency=agency, uploaded_by=user).delete()
    return PendingIstvUpload.objects.create(
        agency=agency,
        uploaded_by=user,
        period_start=period_start,
        period_end=period_end,
        content=text,
        file_name=file_name[:200],
    )


@transaction.atomic
def istv_pending_confirm(*, pending: PendingIstvUpload, user) -> IstvReturn:
    istv_return = istv_import(
        agency=pending.agency,
        user=user,
        period_start=pending.period_start,
        period_end=pending.period_end,
        text=pending.content,
        file_name=pending.file_name,
        replace=True,
    )
    pending.delete()
    return istv_return


# What the data achieved -------------------------------------------------------------------


def data_use_add(*, user, partnership, agency, dataset, action=None, document=None) -> DataUse:
    """Record that one of the partnership's actions or documents uses data from a stream."""
    record = action if action is not None else document
    if record is None or (action is not None and document is not None):
        raise ServiceError("Choose an action or a document")
    if record.partnership_id != partnership.pk:
        raise ServiceError(f"{record} is not one of {partnership}'s records")
    if DataUse.objects.filter(
        agency=agency, dataset=dataset, action=action, document=document
    ).exists():
        raise ServiceError(f"“{record}” is already recorded as using this data")
    use = DataUse(
        partnership=partnership,
        agency=agency,
        dataset=dataset,
        action=action,
        document=document,
        recorded_by=user,
        created_at=clock.now(),
    )
    use._history_user = user
    use.save()
    return use


@transaction.atomic
def document_data_set(*, user, partnership, document, streams: list[tuple]) -> int:
    """Record exactly these (agency, dataset) streams as the data a document drew on; uses
    no longer listed are removed (with their history). Returns how many are recorded."""
    if document.partnership_id != partnership.pk:
        raise ServiceError(f"{document} is not one of {partnership}'s records")
    wanted = {(agency.pk, dataset.pk): (agency, dataset) for agency, dataset in streams}
    for use in DataUse.objects.filter(document=document):
        if (use.agency_id, use.dataset_id) not in wanted:
            use._history_user = user
            use.delete()
        else:
            del wanted[(use.agency_id, use.dataset_id)]
    for agency, dataset in wanted.values():
        data_use_add(
            user=user, partnership=partnership, agency=agency, dataset=dataset, document=document
        )
    return DataUse.objects.filter(document=document).count()


def stream_note_add(*, user, partnership, agency, dataset, text: str) -> StreamNote:
    """The partnership's thanks or note to the agency about the data it provides."""
    text = text.strip()
    if not text:
        raise ServiceError("Enter the note")
    note = StreamNote(
        partnership=partnership,
        agency=agency,
        dataset=dataset,
        text=text,
        written_by=user,
        created_at=clock.now(),
    )
    note._history_user = user
    note.save()
    return note


def stream_digests_send(*, today: date) -> int:
    """Email each providing agency's staff what their data achieved in the quarter before the
    one `today` is in, once each: the StreamDigestSent row is inserted in the notice's
    transaction, so a second run (or a concurrent one) sends nothing."""
    from . import periods, selectors

    quarter = periods.previous_period(periods.period_containing(today, "quarterly"), "quarterly")
    assignments = (
        RoleAssignment.objects.filter(role=Role.AGENCY_STAFF, user__is_active=True)
        .exclude(agency_id=None)
        .select_related("user")
        .order_by("user_id")
    )
    agencies_of = defaultdict(set)
    users = {}
    for assignment in assignments:
        agencies_of[assignment.user_id].add(assignment.agency_id)
        users[assignment.user_id] = assignment.user
    summaries = selectors.stream_summaries(
        agency_ids=set().union(*agencies_of.values()) if agencies_of else set(),
        start=quarter.start,
        end=quarter.end,
    )
    sent = 0
    for user_id, agency_ids in agencies_of.items():
        lines = [summary.line for summary in summaries if summary.agency_id in agency_ids]
        if not lines:
            continue
        user = users[user_id]
        try:
            with transaction.atomic():
                StreamDigestSent.objects.create(
                    user=user, quarter_start=quarter.start, sent_at=clock.now()
                )
                notify(
                    user=user,
                    subject=f"What your data achieved: {quarter.label}",
                    body="In " + quarter.label + ":\n\n" + "\n".join(lines),
                    idempotency_key=f"datasharing:stream-digest:{quarter.start}:{user_id}",
                    url=reverse("datasharing:stream-list"),
                )
        except IntegrityError:
            continue
        sent += 1
    return sent
