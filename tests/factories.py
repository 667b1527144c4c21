"""One factory per model, with sensible defaults."""

import factory
from factory.django import DjangoModelFactory

from accounts.models import Notification, Role, RoleAssignment, User
from partnerships.models import Agency, AgencyType, Membership, Partnership, Region

PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def region(code="E12000003"):
    """Regions are reference data loaded by a migration."""
    return Region.objects.get(code=code)


def agency_type(slug="police"):
    """Agency types are reference data loaded by a migration."""
    return AgencyType.objects.get(slug=slug)


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Partnership {n}")
    ons_code = factory.Sequence(lambda n: f"E22{n + 900000:06d}")
    region = factory.LazyFunction(region)


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency {n}")
    agency_type = factory.LazyFunction(agency_type)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    partnership = factory.SubFactory(PartnershipFactory)
    agency = factory.SubFactory(AgencyFactory)


class RoleAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.ADMINISTRATOR


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    idempotency_key = factory.Sequence(lambda n: f"test-notice-{n}")
    subject = "Something happened"
    body = "Details of what happened."
