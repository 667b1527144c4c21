"""django-zeal watches every request the suite makes: loading related records one at a time
(an N+1) raises, so the test that made the request fails."""

import pytest
from django.conf import settings
from zeal import zeal_context
from zeal.errors import NPlusOneError

from partnerships.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


def test_every_request_in_the_suite_is_watched():
    assert settings.MIDDLEWARE[0] == "zeal.middleware.zeal_middleware"
    assert settings.ZEAL_RAISE is True


def test_loading_each_members_agency_one_by_one_is_refused(world):
    for n in range(3):
        factories.MembershipFactory(
            partnership=world.partnership, agency=factories.AgencyFactory(name=f"Agency {n}")
        )
    with pytest.raises(NPlusOneError), zeal_context():
        [m.agency.name for m in Membership.objects.filter(partnership=world.partnership)]
    with zeal_context():  # the same, with the agencies joined in, is fine
        [
            m.agency.name
            for m in Membership.objects.filter(partnership=world.partnership).select_related(
                "agency"
            )
        ]
