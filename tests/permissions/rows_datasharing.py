"""Matrix rows for data sharing: the register, agreements, coverage, deliveries, ISTV and the
public transparency register. Objects are made on demand for each test's world."""

from django.core.files.base import ContentFile

from .matrix import ROLES, Row, everyone

PUBLIC = dict.fromkeys(ROLES, 200)
# The partnership's people read; everyone else in another scope gets 404.
READ = everyone(404, admin=200, reviewer_in=200, manager_this=200, staff_this=200)
# Change: staff of a party agency and administrators; readers get 403, others 404.
CHANGE = everyone(404, admin=200, reviewer_in=403, manager_this=403, staff_this=200)
CHANGE_POST = everyone(404, admin=302, reviewer_in=403, manager_this=403, staff_this=302)
# Sign: only the party's authorised signatory; readers who cannot sign get 403.
SIGN = everyone(404, admin=403, reviewer_in=403, manager_this=403, staff_this=200)
SIGN_POST = everyone(404, admin=403, reviewer_in=403, manager_this=403, staff_this=302)
SIGNED_IN = everyone(200)


def _agreement(status="draft"):
    def build(world):
        from datasharing.models import Agreement
        from tests.datasharing.helpers import make_agreement

        existing = Agreement.objects.filter(partnership=world.partnership, status=status).first()
        agreement = existing or make_agreement(world, status=status)
        return {"pk": agreement.pk}

    return build


def _with_signed_copy(world):
    from datasharing.models import Agreement

    kwargs = _agreement()(world)
    agreement = Agreement.objects.get(pk=kwargs["pk"])
    agreement.signed_copy.save("matrix.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return kwargs


def _section(world):
    return {**_agreement()(world), "section": "about"}


def _party(status):
    def build(world):
        from datasharing.models import AgreementParty

        kwargs = _agreement(status)(world)
        party = AgreementParty.objects.get(agreement_id=kwargs["pk"], agency=world.agency)
        return {**kwargs, "party_pk": party.pk}

    return build


def _other_party(world):
    from datasharing.models import AgreementParty

    kwargs = _agreement()(world)
    party = (
        AgreementParty.objects.filter(agreement_id=kwargs["pk"])
        .exclude(agency=world.agency)
        .first()
    )
    return {**kwargs, "party_pk": party.pk}


def _transition(world):
    return {**_agreement()(world), "action": "negotiate"}


def _this(world):
    return {"code": world.partnership.ons_code}


def _pending(world):
    from datetime import date

    from datasharing.models import PendingIstvUpload

    pending = PendingIstvUpload.objects.create(
        agency=world.agency,
        uploaded_by=world.users["staff_this"],
        period_start=date(2025, 4, 1),
        period_end=date(2025, 4, 30),
        content="site_code\n",
    )
    return {"pk": pending.pk}


def _new_member(world):
    from tests.datasharing.helpers import member_agency

    return {"agency": member_agency(world.partnership, type_slug="fire").pk, "role": "provider"}


def _stream(world):
    return {
        "code": world.partnership.ons_code,
        "agency": world.agency.pk,
        "dataset": "police-recorded-crime",
    }


def _document_choice(world):
    from tests.partnerships.factories import DocumentFactory

    return {"record": f"document-{DocumentFactory(partnership=world.partnership).pk}"}


def _document(world):
    from partnerships.models import Document
    from tests.partnerships.factories import DocumentFactory

    document = Document.objects.filter(partnership=world.partnership).first()
    document = document or DocumentFactory(partnership=world.partnership)
    return {"code": world.partnership.ons_code, "pk": document.pk}


def _police_crime(world):
    return {"streams": [f"{world.agency.pk}:police-recorded-crime"]}


# A stream's notes and uses: its partnership's manager and administrators; readers get 403.
STREAM_CHANGE = everyone(404, admin=200, reviewer_in=403, manager_this=200, staff_this=403)
STREAM_CHANGE_POST = everyone(404, admin=302, reviewer_in=403, manager_this=302, staff_this=403)

ROWS = [
    Row("datasharing:agreement-list", SIGNED_IN),
    Row("datasharing:agreement-export", SIGNED_IN),
    Row("datasharing:agreement-create", everyone(403, admin=200, staff_this=200, staff_other=200)),
    Row(
        "datasharing:agreement-create",
        # staff_other's agency is not a member of this partnership: the form is shown again.
        everyone(403, admin=302, staff_this=302, staff_other=200),
        method="post",
        data=lambda world: {
            "title": "A new agreement",
            "partnership": world.partnership.pk,
            "agency": world.agency.pk,
            "role": "both",
        },
    ),
    Row("datasharing:agreement-detail", READ, kwargs=_agreement()),
    Row("datasharing:agreement-history", READ, kwargs=_agreement()),
    Row("datasharing:agreement-section", CHANGE, kwargs=_section),
    Row(
        "datasharing:agreement-section",
        CHANGE_POST,
        method="post",
        kwargs=_section,
        data=lambda world: {"title": "Renamed", "purpose": "A purpose"},
    ),
    Row("datasharing:party-add", CHANGE, kwargs=_agreement()),
    Row("datasharing:party-add", CHANGE_POST, method="post", kwargs=_agreement(), data=_new_member),
    Row("datasharing:party-remove", CHANGE_POST, method="post", kwargs=_other_party),
    Row("datasharing:agreement-sign", SIGN, kwargs=_party("awaiting_signatures")),
    Row(
        "datasharing:agreement-sign",
        SIGN_POST,
        method="post",
        kwargs=_party("awaiting_signatures"),
        data=lambda world: {"confirm": "on"},
    ),
    Row("datasharing:agreement-transition", CHANGE_POST, method="post", kwargs=_transition),
    Row("datasharing:agreement-end", CHANGE, kwargs=_agreement()),
    Row(
        "datasharing:agreement-end",
        CHANGE_POST,
        method="post",
        kwargs=_agreement(),
        data=lambda world: {"outcome": "terminated", "reason": "No longer needed"},
    ),
    Row("datasharing:agreement-review", CHANGE, kwargs=_agreement("active")),
    Row("datasharing:signed-copy-upload", CHANGE, kwargs=_agreement()),
    Row("datasharing:signed-copy-download", READ, kwargs=_with_signed_copy),
    Row("datasharing:dataset-list", SIGNED_IN),
    Row("datasharing:coverage", READ, kwargs=_this),
    Row("datasharing:coverage-export", READ, kwargs=_this),
    Row("datasharing:delivery-list", SIGNED_IN),
    Row("datasharing:delivery-export", SIGNED_IN),
    Row("datasharing:delivery-create", everyone(403, admin=200, staff_this=200, staff_other=200)),
    Row("datasharing:istv-list", everyone(403, admin=200)),
    Row("datasharing:istv-list-export", everyone(403, admin=200)),
    # No one in the matrix's world works for an emergency department (tests/datasharing does).
    Row("datasharing:istv-upload", everyone(403)),
    Row("datasharing:istv-confirm", everyone(404, staff_this=200), kwargs=_pending),
    Row("datasharing:istv-template", PUBLIC),
    Row("datasharing:istv-sample", PUBLIC),
    Row("datasharing:istv-analysis", READ, kwargs=_this),
    Row("datasharing:istv-analysis-export", READ, kwargs=_this),
    Row("transparency:register", PUBLIC),
    Row("transparency:register-export", PUBLIC),
    # What your data achieved: the list is of the user's own agencies' streams.
    Row("datasharing:stream-list", everyone(403, staff_this=200, staff_other=200)),
    Row("datasharing:stream-detail", READ, kwargs=_stream),
    Row("datasharing:stream-note-create", STREAM_CHANGE, kwargs=_stream),
    Row(
        "datasharing:stream-note-create",
        STREAM_CHANGE_POST,
        method="post",
        kwargs=_stream,
        data=lambda world: {"text": "Thank you: your data shaped the night-time plan"},
    ),
    Row("datasharing:stream-use-create", STREAM_CHANGE, kwargs=_stream),
    Row(
        "datasharing:stream-use-create",
        STREAM_CHANGE_POST,
        method="post",
        kwargs=_stream,
        data=_document_choice,
    ),
    # The data a document drew on: as a stream's uses.
    Row("datasharing:document-data", STREAM_CHANGE, kwargs=_document),
    Row(
        "datasharing:document-data",
        STREAM_CHANGE_POST,
        method="post",
        kwargs=_document,
        data=_police_crime,
    ),
]
