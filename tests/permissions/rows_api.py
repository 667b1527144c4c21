"""Matrix rows for the REST API (/api/v1/), its schema and docs, and the API token pages.

API requests here are signed in through the session, like the pages; a signed-out request gets
401 (never a redirect). Records outside the user's scope are not found (404), as on the pages.
"""

from .matrix import ROLES, Row, everyone

UNAUTHENTICATED = 401
SIGNED_IN = everyone(200, anonymous=UNAUTHENTICATED)
# Records of the world's partnership: its manager, its agencies' staff, its region's reviewers.
THIS_PARTNERSHIP = everyone(404, anonymous=UNAUTHENTICATED, admin=200, reviewer_in=200,
                            manager_this=200, staff_this=200)


def _membership(world):
    return {"pk": world.partnership.memberships.get(agency=world.agency).pk}


def _contact(world):
    from partnerships.models import Contact

    membership = world.partnership.memberships.get(agency=world.agency)
    contact, _ = Contact.objects.get_or_create(
        membership=membership, level="strategic", name="Matrix Contact")
    return {"pk": contact.pk}


def _agreement(world):
    from datasharing.models import Agreement
    from tests.datasharing.helpers import make_agreement

    agreement = (Agreement.objects.filter(partnership=world.partnership).first()
                 or make_agreement(world, status="draft"))
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
            partnership=world.partnership, agency=world.agency, dataset=_dataset(),
            period_start=date(2025, 4, 1), period_end=date(2025, 4, 30),
            received_on=date(2025, 5, 2), record_count=10,
            recorded_by=world.users["staff_this"])
    return {"pk": delivery.pk}


def _new_delivery(world):
    return {"partnership": world.partnership.pk, "agency": world.agency.pk,
            "dataset": _dataset().pk, "period_start": "2025-04-01",
            "period_end": "2025-04-30", "received_on": "2025-05-02", "record_count": 12}


def _opportunity_pk(world):
    from .rows_funding import _opportunity

    return {"pk": _opportunity(world).pk}


def _bid_pk(world):
    from .rows_funding import _bid

    return {"pk": _bid(world).pk}


def _new_bid(world):
    from .rows_funding import _opportunity

    return {"partnership": world.partnership.pk, "opportunity": _opportunity(world).pk,
            "amount_requested": 5000, "staff_days": "2.5"}


def _token_of_staff_this(world):
    from accounts.api_tokens import token_create

    token, _ = token_create(user=world.users["staff_this"], name="Matrix token")
    return {"pk": token.pk}


ROWS = [
    # Token pages: each user manages their own tokens; administrators may revoke anyone's.
    Row("accounts:api-tokens", everyone(200)),
    Row("accounts:api-token-create", everyone(200)),
    # The secret is shown once, on the page that answers the POST.
    Row("accounts:api-token-create", everyone(200), method="post",
        data=lambda world: {"name": "My script"}),
    Row("accounts:api-token-revoke", everyone(404, admin=302, staff_this=302), method="post",
        kwargs=_token_of_staff_this),
    # The schema is public; the documentation page is for people signed in.
    Row("api-schema", dict.fromkeys(ROLES, 200)),
    Row("api-docs", everyone(200)),
    Row("api:api-root", SIGNED_IN),
    Row("api:partnership-list", SIGNED_IN),
    Row("api:partnership-detail", THIS_PARTNERSHIP,
        kwargs=lambda world: {"pk": world.partnership.pk}),
    Row("api:membership-list", SIGNED_IN),
    Row("api:membership-detail", THIS_PARTNERSHIP, kwargs=_membership),
    Row("api:contact-list", SIGNED_IN),
    Row("api:contact-detail", THIS_PARTNERSHIP, kwargs=_contact),
    Row("api:agreement-list", SIGNED_IN),
    Row("api:agreement-detail", THIS_PARTNERSHIP, kwargs=_agreement),
    Row("api:delivery-list", SIGNED_IN),
    Row("api:delivery-detail", THIS_PARTNERSHIP, kwargs=_delivery),
    # Agency staff record deliveries for their own agency in partnerships they can see; a
    # partnership outside their scope does not exist to them (400 naming the field).
    Row("api:delivery-list",
        everyone(403, anonymous=UNAUTHENTICATED, admin=201, staff_this=201, staff_other=400),
        method="post", data=_new_delivery),
    Row("api:opportunity-list", SIGNED_IN),
    Row("api:opportunity-detail", SIGNED_IN, kwargs=_opportunity_pk),
    Row("api:bid-list", SIGNED_IN),
    Row("api:bid-detail", THIS_PARTNERSHIP, kwargs=_bid_pk),
    Row("api:bid-list",
        everyone(400, anonymous=UNAUTHENTICATED, admin=201, manager_this=201, reviewer_in=403,
                 staff_this=403),
        method="post", data=_new_bid),
]


# One record of each type in the world's partnership (the schema tests use these).
RECORD_MAKERS = [_membership, _contact, _agreement, _delivery, _opportunity_pk, _bid_pk]
