"""Factories for the partnership records added in issue #3 (tests/factories.py holds the
foundation's). One factory per model, sensible defaults."""

import datetime
import io

import factory
from factory.django import DjangoModelFactory

from partnerships.models import (
    Action,
    ActionStatus,
    Attendance,
    Contact,
    Document,
    DocumentKind,
    Group,
    GroupKind,
    Level,
    Meeting,
    Priority,
)
from tests.factories import AgencyFactory, MembershipFactory, PartnershipFactory


def _image_bytes(image_format: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (29, 112, 184)).save(buffer, format=image_format)
    return buffer.getvalue()


# A small but real PNG and JPEG, and a minimal PDF, for upload tests.
PNG_BYTES = _image_bytes("PNG")
JPEG_BYTES = _image_bytes("JPEG")
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    membership = factory.SubFactory(MembershipFactory)
    level = Level.STRATEGIC
    name = factory.Sequence(lambda n: f"Contact Person {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    deputy_name = factory.Sequence(lambda n: f"Deputy Person {n}")
    deputy_email = factory.Sequence(lambda n: f"deputy{n}@example.org")
    confirmed_on = factory.LazyFunction(datetime.date.today)


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = Group

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    kind = GroupKind.STRATEGIC_BOARD


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    held_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=7))


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    membership = factory.SubFactory(MembershipFactory)
    attended = True


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    partnership = factory.SubFactory(PartnershipFactory)
    kind = DocumentKind.STRATEGIC_ASSESSMENT
    title = factory.Sequence(lambda n: f"Strategic assessment {n}")
    published_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    review_due_on = factory.LazyFunction(
        lambda: datetime.date.today() + datetime.timedelta(days=300)
    )


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Priority {n}")
    problem_statement = "Assaults in the town centre at night."


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(AgencyFactory)
    due_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    status = ActionStatus.NOT_STARTED
