"""The demo communications for Leeds: a brand, channels with a standing slot, two press
officers, stories at each stage (one from the night-time economy entry), coverage of every
tone, weekly briefings and a Christmas campaign; seeding twice adds nothing."""

import pytest

from communications import demo
from communications.models import (
    Brand,
    CalendarItem,
    Channel,
    Coverage,
    ItemKind,
    PublicityBudget,
    Stage,
    Story,
    StoryApproval,
    Tone,
)
from goodpractice import demo as goodpractice_demo
from partnerships import demo as partnership_demo

pytestmark = pytest.mark.django_db


def _counts():
    models = (Brand, Channel, Story, StoryApproval, Coverage, CalendarItem, PublicityBudget)
    return [model.objects.count() for model in models]


def test_demo_communications():
    partnership_demo.seed()
    goodpractice_demo.seed()
    made = demo.seed()
    officers = made["press_officers"]
    assert {user.email for user in officers.values()} == {
        "press.police@example.org",
        "press.council@example.org",
    }
    for agency_name, user in officers.items():
        (assignment,) = user.role_assignments.all()
        assert assignment.agency.name == agency_name
        assert user.scope.press_officer_agency_ids == {assignment.agency_id}
        assert not user.scope.signatory_agency_ids
    leeds = Brand.objects.get().partnership
    assert leeds.ons_code == "E22000345"
    assert Channel.objects.exclude(standing_slot="").exists()
    stages = set(Story.objects.values_list("stage", flat=True))
    assert {Stage.IDEA, Stage.AWAITING_APPROVAL, Stage.COVERED} <= stages
    from_entry = Story.objects.get(entry__isnull=False)
    assert from_entry.entry.title.startswith("Night-time economy group")
    assert from_entry.approvals.filter(approved_at__isnull=False).count() == 2
    waiting = Story.objects.get(stage=Stage.AWAITING_APPROVAL)
    assert waiting.approvals.filter(approved_at__isnull=True).get().agency.name == "Leeds Council"
    assert set(Coverage.objects.values_list("tone", flat=True)) == set(Tone.values)
    assert Coverage.objects.filter(story__isnull=True, tone=Tone.NEGATIVE).exists()
    kinds = set(CalendarItem.objects.values_list("kind", flat=True))
    assert kinds == set(ItemKind.values)
    assert CalendarItem.objects.filter(title="Night Time Extravaganza").exists()
    assert PublicityBudget.objects.filter(action__isnull=False).exists()
    assert leeds.actions.filter(publicity_budget__isnull=True).exists()  # the prompt has work
    counts = _counts()
    demo.seed()
    assert _counts() == counts
