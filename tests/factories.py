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


def authenticator(user):
    """The user's confirmed authenticator app (a real django-otp TOTP device), made if need be."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return device


def current_code(device, *, offset: int = 0) -> str:
    """The code the device's authenticator app shows now (offset: steps later)."""
    import time

    from django_otp.oath import hotp

    step = (int(time.time()) - device.t0) // device.step + device.drift + offset
    return f"{hotp(device.bin_key, step, digits=device.digits):0{device.digits}d}"


def login_verified(client, user):
    """Sign a test client in as `user`, as the sign-in form and (for administrators and regional
    reviewers, who must use one) the second factor would: the session is verified with the
    user's real authenticator device, exactly as django_otp.login() records it."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from accounts.second_factor import is_required

    client.force_login(user, backend="accounts.backends.EmailPasswordBackend")
    if is_required(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = authenticator(user).persistent_id
        session.save()
    return client
