"""Matrix rows for the REST API (/api/v1/), its schema and docs, and the API token pages.

API requests here are signed in through the session, like the pages; a signed-out request gets
401 (never a redirect). Records outside the user's scope are not found (404), as on the pages.
"""

from .matrix import ROLES, Row, everyone

UNAUTHENTICATED = 401
SIGNED_IN = everyone(200, anonymous=UNAUTHENTICATED)
# Records of the world's partnership: its manager, its agencies' staff, its region's reviewers.
THIS_PARTNERSHIP = everyone(
    404, anonymous=UNAUTHENTICATED, admin=200, reviewer_in=200, manager_this=200, staff_this=200
)


def _membership(world):
    return {"pk": world.partnership.memberships.get(agency=world.agency).pk}


def _contact(world):
    from partnerships.models import Contact

    membership = world.partnership.memberships.get(agency=world.agency)
    contact, _ = Contact.objects.get_or_create(
        membership=membership, level="strategic", name="Matrix Contact"
    )
    return {"pk": contact.pk}


def _agreement(world):
    from datasharing.models import Agreement
    from tests.datasharing.helpers import make_agreement

    agreement = Agreement.objects.filter(partnership=world.partnership).first() or make_agreement(
        world, status="draft"
    )
    return {"pk": agreement.pk}


def _dataset():
    from datasharing.models import PrescribedDataset

    return PrescribedDataset.objects.filter(is_active=True).order_by("id").first()


def _delivery(world):
    from datetime import date

    from datasharing.models import Delivery

    delivery = Delivery.objects.filter(partnership=world.partnership).first()
    if delivery is None:
        delivery = Delivery.objects.create(
            partnership=world.partnership,
            agency=world.agency,
            dataset=_dataset(),
            period_start=date(2025, 4, 1),
            period_end=date(2025, 4, 30),
            received_on=date(2025, 5, 2),
            record_count=10,
            recorded_by=world.users["staff_this"],
        )
    return {"pk": delivery.pk}


def _new_delivery(world):
    return {
        "partnership": world.partnership.pk,
        "agency": world.agency.pk,
        "dataset": _dataset().pk,
        "period_start": "2025-04-01",
        "period_end": "2025-04-30",
        "received_on": "2025-05-02",
        "record_count": 12,
    }


def _opportunity_pk(world):
    from .rows_funding import _opportunity

    return {"pk": _opportunity(world).pk}


def _bid_pk(world):
    from .rows_funding import _bid

    return {"pk": _bid(world).pk}


def _new_bid(world):
    from .rows_funding import _opportunity

    return {
        "partnership": world.partnership.pk,
        "opportunity": _opportunity(world).pk,
        "amount_requested": 5000,
        "staff_days": "2.5",
    }


def _ed_agency(world):
    """An emergency department that is a member of the world's partnership."""
    from tests.datasharing.helpers import member_agency

    return member_agency(
        world.partnership,
        type_slug="emergency-department",
        name="Matrix Infirmary ED",
        site_code="RX101",
    )


def _istv_return(world):
    from datetime import date

    from datasharing.models import IstvReturn

    istv_return, _ = IstvReturn.objects.get_or_create(
        agency=_ed_agency(world),
        period_start=date(2025, 4, 1),
        period_end=date(2025, 4, 30),
        defaults={"site_code": "RX101", "row_count": 0},
    )
    return {"pk": istv_return.pk}


def _section(world):
    return {"pk": _agreement(world)["pk"], "section": "about"}


def _entry(world):
    """A draft good-practice entry of the world's partnership."""
    from goodpractice import services
    from goodpractice.models import Entry

    entry = Entry.objects.filter(partnership=world.partnership).first()
    if entry is None:
        entry = services.entry_create(
            user=world.users["manager_this"], partnership=world.partnership, title="Matrix entry"
        )
    return {"pk": entry.pk}


def _new_entry(world):
    return {"partnership": world.partnership.pk, "title": "A new approach"}


def _new_membership(world):
    from tests.datasharing.helpers import member_agency

    newcomer = member_agency(world.other_partnership, name="Matrix newcomer")
    return {"partnership": world.partnership.pk, "agency": newcomer.pk, "strategic": True}


def _new_contact(world):
    return {
        "membership": _membership(world)["pk"],
        "level": "tactical",
        "name": "Matrix Newcomer",
        "email": "newcomer@example.org",
    }


def _new_agreement(world):
    return {
        "partnership": world.partnership.pk,
        "agency": world.agency.pk,
        "title": "Shared ASB data",
        "role": "both",
    }


def _new_party(world):
    from tests.datasharing.helpers import member_agency

    return {"agency": member_agency(world.partnership, name="Matrix party").pk, "role": "recipient"}


def _second_party(world):
    """A party of the agreement other than the world's agency (make_agreement adds one)."""
    from datasharing.models import Agreement

    agreement = Agreement.objects.get(pk=_agreement(world)["pk"])
    party = agreement.parties.exclude(agency=world.agency).first()
    return {"pk": agreement.pk, "agency": party.agency_id}


def _this_partnership(world):
    return {"pk": world.partnership.pk}


def _token_of_staff_this(world):
    from accounts.api_tokens import token_create

    token, _ = token_create(user=world.users["staff_this"], name="Matrix token")
    return {"pk": token.pk}


ROWS = [
    # Token pages: each user manages their own tokens; administrators may revoke anyone's.
    Row("accounts:api-tokens", everyone(200)),
    Row("accounts:api-token-create", everyone(200)),
    # The secret is shown once, on the page that answers the POST.
    Row(
        "accounts:api-token-create",
        everyone(200),
        method="post",
        data=lambda world: {"name": "My script"},
    ),
    Row(
        "accounts:api-token-revoke",
        everyone(404, admin=302, staff_this=302),
        method="post",
        kwargs=_token_of_staff_this,
    ),
    # The schema is public; the documentation page is for people signed in.
    Row("api-schema", dict.fromkeys(ROLES, 200)),
    Row("api-docs", everyone(200)),
    Row("api:api-root", SIGNED_IN),
    Row("api:partnership-list", SIGNED_IN),
    Row(
        "api:partnership-detail",
        THIS_PARTNERSHIP,
        kwargs=lambda world: {"pk": world.partnership.pk},
    ),
    Row("api:membership-list", SIGNED_IN),
    Row("api:membership-detail", THIS_PARTNERSHIP, kwargs=_membership),
    Row("api:contact-list", SIGNED_IN),
    Row("api:contact-detail", THIS_PARTNERSHIP, kwargs=_contact),
    Row("api:agreement-list", SIGNED_IN),
    Row("api:agreement-detail", THIS_PARTNERSHIP, kwargs=_agreement),
    Row("api:dataset-list", SIGNED_IN),
    Row("api:dataset-detail", SIGNED_IN, kwargs=lambda world: {"pk": _dataset().pk}),
    Row("api:delivery-list", SIGNED_IN),
    Row("api:delivery-detail", THIS_PARTNERSHIP, kwargs=_delivery),
    # Agency staff record deliveries for their own agency in partnerships they can see; a
    # partnership outside their scope does not exist to them (400 naming the field).
    Row(
        "api:delivery-list",
        everyone(403, anonymous=UNAUTHENTICATED, admin=201, staff_this=201, staff_other=400),
        method="post",
        data=_new_delivery,
    ),
    Row("api:opportunity-list", SIGNED_IN),
    Row("api:opportunity-detail", SIGNED_IN, kwargs=_opportunity_pk),
    Row("api:bid-list", SIGNED_IN),
    Row("api:bid-detail", THIS_PARTNERSHIP, kwargs=_bid_pk),
    Row(
        "api:bid-list",
        everyone(
            400,
            anonymous=UNAUTHENTICATED,
            admin=201,
            manager_this=201,
            reviewer_in=403,
            staff_this=403,
        ),
        method="post",
        data=_new_bid,
    ),
    # Partnership records are written by the partnership's manager (and administrators); a
    # partnership outside the writer's scope does not exist to them (400 naming the field).
    Row(
        "api:membership-list",
        everyone(
            400,
            anonymous=UNAUTHENTICATED,
            admin=201,
            manager_this=201,
            reviewer_in=403,
            staff_this=403,
        ),
        method="post",
        data=_new_membership,
    ),
    Row(
        "api:contact-list",
        everyone(
            400,
            anonymous=UNAUTHENTICATED,
            admin=201,
            manager_this=201,
            reviewer_in=403,
            staff_this=403,
        ),
        method="post",
        data=_new_contact,
    ),
    # Staff of a member agency start agreements; the manager and reviewers only read them.
    Row(
        "api:agreement-list",
        everyone(403, anonymous=UNAUTHENTICATED, admin=201, staff_this=201, staff_other=400),
        method="post",
        data=_new_agreement,
    ),
    # A section saved with nothing in it: party staff and administrators reach the section's
    # checks (400); readers are refused; others do not find the agreement.
    Row(
        "api:agreement-section",
        {
            **THIS_PARTNERSHIP,
            "admin": 400,
            "staff_this": 400,
            "manager_this": 403,
            "reviewer_in": 403,
        },
        method="put",
        kwargs=_section,
        data=lambda world: "",
    ),
    # Parties and transitions, by party staff and administrators, as on the agreement pages.
    Row(
        "api:agreement-party-add",
        {
            **THIS_PARTNERSHIP,
            "admin": 200,
            "staff_this": 200,
            "manager_this": 403,
            "reviewer_in": 403,
        },
        method="post",
        kwargs=_agreement,
        data=_new_party,
    ),
    Row(
        "api:agreement-party-remove",
        {
            **THIS_PARTNERSHIP,
            "admin": 200,
            "staff_this": 200,
            "manager_this": 403,
            "reviewer_in": 403,
        },
        method="delete",
        kwargs=_second_party,
    ),
    Row(
        "api:agreement-negotiate",
        {
            **THIS_PARTNERSHIP,
            "admin": 200,
            "staff_this": 200,
            "manager_this": 403,
            "reviewer_in": 403,
        },
        method="post",
        kwargs=_agreement,
    ),
    Row(
        "api:agreement-request-signatures",
        {
            **THIS_PARTNERSHIP,
            "admin": 200,
            "staff_this": 200,
            "manager_this": 403,
            "reviewer_in": 403,
        },
        method="post",
        kwargs=_agreement,
    ),
    # ISTV returns: emergency department staff only (the world has none), administrators read.
    Row("api:istv-return-list", everyone(403, anonymous=UNAUTHENTICATED, admin=200)),
    Row("api:istv-return-list", everyone(403, anonymous=UNAUTHENTICATED), method="post"),
    Row(
        "api:istv-return-detail",
        everyone(403, anonymous=UNAUTHENTICATED, admin=200),
        kwargs=_istv_return,
    ),
    # Good practice: drafts are read by the partnership's writers, its region's reviewers and
    # administrators; its writers change and submit them (an empty draft cannot be submitted).
    Row("api:entry-list", SIGNED_IN),
    Row(
        "api:entry-list",
        everyone(
            400,
            anonymous=UNAUTHENTICATED,
            admin=201,
            manager_this=201,
            staff_this=201,
            reviewer_in=403,
            reviewer_out=403,
        ),
        method="post",
        data=_new_entry,
    ),
    Row("api:entry-detail", THIS_PARTNERSHIP, kwargs=_entry),
    Row(
        "api:entry-submit",
        {
            **THIS_PARTNERSHIP,
            "admin": 400,
            "manager_this": 400,
            "staff_this": 400,
            "reviewer_in": 403,
        },
        method="post",
        kwargs=_entry,
    ),
    # Review status: reviewers and administrators; for one partnership, its region's reviewers.
    Row(
        "api:review-status-list",
        everyone(403, anonymous=UNAUTHENTICATED, admin=200, reviewer_in=200, reviewer_out=200),
    ),
    Row(
        "api:review-status-detail",
        {**THIS_PARTNERSHIP, "manager_this": 403, "staff_this": 403},
        kwargs=_this_partnership,
    ),
]


# One record of each type in the world's partnership (the schema tests use these).
RECORD_MAKERS = [
    _membership,
    _contact,
    _agreement,
    _delivery,
    _opportunity_pk,
    _bid_pk,
    _istv_return,
    _entry,
]

ROWS.append(
    # Any other address under /api/v1/ is the API's JSON 404, for everyone.
    Row("api:not-found", dict.fromkeys(ROLES, 404), kwargs=lambda world: {"rest": "nothing/here/"}),
)
