"""Matrix rows for stories: the partnership's list, starting a story, its page and each step,
a press officer's approval, the approvals queue and the CSV export."""

from .matrix import Row, everyone

READ = everyone(404, admin=200, reviewer_in=200, manager_this=200, staff_this=200)
READ_POST = everyone(404, admin=405, reviewer_in=405, manager_this=405, staff_this=405)
RECORD = everyone(404, admin=200, manager_this=200, reviewer_in=403, staff_this=403)
RECORD_POST = everyone(404, admin=302, manager_this=302, reviewer_in=403, staff_this=403)
# A form sent empty comes back with its errors (200) to those allowed to send it.
RECORD_POST_EMPTY = everyone(404, admin=200, manager_this=200, reviewer_in=403, staff_this=403)
# Approve: only the agency's press officer (staff_this, made one for the row); readers 403.
APPROVE_POST = everyone(404, admin=403, reviewer_in=403, manager_this=403, staff_this=302)
# A step's GET: the step is checked before the method, so readers who may not take it get 403.
STEP_GET = everyone(404, admin=405, manager_this=405, reviewer_in=403, staff_this=403)
SIGNED_IN = everyone(200)


def _this(world):
    return {"code": world.partnership.ons_code}


def _story(stage):
    def build(world):
        from tests.communications.stories_helpers import story

        return {"pk": story(world, stage=stage).pk}

    return build


def _approval(world):
    """A story awaiting the police's approval, with staff_this as the police's press officer."""
    from accounts.models import RoleAssignment

    kwargs = _story("awaiting_approval")(world)
    RoleAssignment.objects.filter(user=world.user("staff_this")).update(is_press_officer=True)
    from communications.models import StoryApproval

    approval = StoryApproval.objects.get(story_id=kwargs["pk"], agency=world.agency)
    return {**kwargs, "approval_pk": approval.pk}


def _agencies(world):
    return {"agencies": [world.agency.pk]}


def _issued_on(world):
    return {"issued_on_0": "2", "issued_on_1": "12", "issued_on_2": "2026"}


ROWS = [
    Row("communications:stories", READ, kwargs=_this),
    Row("communications:stories-export", READ, kwargs=_this),
    Row("communications:story-create", RECORD, kwargs=_this),
    Row("communications:story-create", RECORD_POST_EMPTY, method="post", kwargs=_this),
    Row(
        "communications:story-create",
        RECORD_POST,
        method="post",
        kwargs=_this,
        data=lambda world: {"title": "Safer nights"},
    ),
    Row("communications:story", READ, kwargs=_story("awaiting_approval")),
    Row("communications:story-edit", RECORD, kwargs=_story("drafted")),
    Row("communications:story-edit", RECORD_POST_EMPTY, method="post", kwargs=_story("drafted")),
    Row("communications:story-send", RECORD, kwargs=_story("drafted")),
    Row("communications:story-send", RECORD_POST_EMPTY, method="post", kwargs=_story("drafted")),
    Row(
        "communications:story-send",
        RECORD_POST,
        method="post",
        kwargs=_story("drafted"),
        data=_agencies,
    ),
    Row("communications:story-approve", READ_POST, kwargs=_approval),
    Row("communications:story-approve", APPROVE_POST, method="post", kwargs=_approval),
    Row("communications:story-return", STEP_GET, kwargs=_story("awaiting_approval")),
    Row(
        "communications:story-return",
        RECORD_POST,
        method="post",
        kwargs=_story("awaiting_approval"),
    ),
    Row("communications:story-issue", RECORD, kwargs=_story("approved")),
    Row(
        "communications:story-issue",
        RECORD_POST,
        method="post",
        kwargs=_story("approved"),
        data=_issued_on,
    ),
    Row("communications:approvals", SIGNED_IN),
]
