"""The page cache (core/cache.py), and which partnerships a saved or deleted record touches
(core/changes.py)."""

import pytest
from django.core.cache import cache

from core import cache as page_cache
from core import changes
from core.cache import PREFIX
from datasharing.models import PrescribedDataset
from partnerships.models import AgencyType, Contact
from tests import factories

pytestmark = pytest.mark.django_db


class Counter:
    """compute() for remember: counts how often the work was done."""

    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return f"worked out {self.calls}"


def token(name):
    return cache.get(PREFIX + name)


def test_work_is_cached_until_a_named_version_moves_on():
    work = Counter()
    names = [1, 2]
    assert page_cache.remember(("page", 1), names, work) == "worked out 1"
    assert page_cache.remember(("page", 1), names, work) == "worked out 1"
    assert page_cache.remember(("page", 2), names, work) == "worked out 2"  # other parts
    page_cache.bump([page_cache.partnership(3)])  # not named: still cached
    assert page_cache.remember(("page", 1), names, work) == "worked out 1"
    page_cache.bump([page_cache.partnership(2)])
    assert page_cache.remember(("page", 1), names, work) == "worked out 3"


def test_a_change_to_reference_data_ends_everything_cached():
    work = Counter()
    page_cache.remember(("page",), [1], work)
    changes.changed(None)
    page_cache.remember(("page",), [1], work)
    assert work.calls == 2


def test_an_evicted_token_is_replaced_by_a_new_one_never_an_old_one():
    name = page_cache.partnership(7)
    first = page_cache.tokens([name])
    cache.delete(PREFIX + name)
    assert page_cache.tokens([name]) != first


def test_nothing_is_cached_when_the_cache_is_off(settings):
    settings.PAGE_CACHE_SECONDS = 0
    work = Counter()
    page_cache.remember(("page",), [], work)
    page_cache.remember(("page",), [], work)
    assert work.calls == 2


def test_the_work_is_done_when_the_cache_cannot_be_reached(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    settings.PAGE_CACHE_SECONDS = 600
    work = Counter()
    assert page_cache.remember(("page",), [1], work) == "worked out 1"
    page_cache.bump([page_cache.partnership(1)])  # logged, not raised
    assert page_cache.remember(("page",), [1], work) == "worked out 2"


def test_a_change_replaces_the_token_again_when_it_commits(django_capture_on_commit_callbacks):
    name = page_cache.partnership(9)
    before = page_cache.tokens([name])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page_cache.bump([name])
        during = token(name)
    assert len(callbacks) == 1
    assert before != during != token(name)


@pytest.fixture
def heard():
    """What core.changes tells its listeners."""
    told = []
    changes.listen(told.append)
    yield told
    changes._listeners.remove(told.append)


def test_records_tell_the_partnerships_they_belong_to(world, heard):
    membership = world.partnership.memberships.get()
    heard.clear()
    Contact.objects.create(membership=membership, level="strategic", name="Sam Okafor")
    assert heard == [[world.partnership.pk]]
    heard.clear()
    world.agency.name = "Leedsford and District Police"
    world.agency.save()
    assert heard == [[world.partnership.pk]]
    factories.MembershipFactory(partnership=world.other_partnership, agency=world.agency)
    heard.clear()
    world.agency.save()
    assert heard == [sorted([world.partnership.pk, world.other_partnership.pk])]


def test_reference_data_tells_everyone(world, heard):
    heard.clear()
    agency_type = AgencyType.objects.first()
    agency_type.save()
    assert heard == [None]
    heard.clear()
    PrescribedDataset.objects.first().owner_agency_types.add(agency_type)
    assert heard == [None]


def test_an_agency_in_no_partnership_tells_no_one(world, heard):
    agency = factories.AgencyFactory(name="Not yet a member")
    heard.clear()
    agency.save()
    assert heard == []


def test_an_agency_tells_the_partnerships_whose_agreements_name_it_even_after_it_left(world, heard):
    from datasharing.models import Agreement, AgreementParty

    agreement = Agreement.objects.create(
        partnership=world.other_partnership, reference="DSA-1", title="Shared with a former member"
    )
    AgreementParty.objects.create(agreement=agreement, agency=world.agency, role="recipient")
    heard.clear()
    world.agency.save()
    assert heard == [sorted([world.partnership.pk, world.other_partnership.pk])]


def test_cached_pages_still_answer_when_the_cache_is_down(world, client_for, settings):
    from django.urls import reverse

    managers, admins = client_for("manager_this"), client_for("admin")  # signed in first
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    settings.PAGE_CACHE_SECONDS = 600
    settings.REVIEW_NATIONAL_SUMMARY_SECONDS = 300
    code = world.partnership.ons_code
    for path in (
        reverse("home"),
        reverse("funding:finder"),
        reverse("funding:timetable"),
        reverse("goodpractice:search") + "?q=youth",
        reverse("datasharing:coverage", kwargs={"code": code}),
        reverse("datasharing:agreement-list"),
        reverse("datasharing:delivery-list"),
    ):
        assert managers.get(path).status_code == 200, path
    for path in (reverse("home"), reverse("reviews:dashboard")):
        assert admins.get(path).status_code == 200, path


def test_meetings_regions_and_action_owners_tell_their_partnerships(world, heard):
    import datetime

    from partnerships import services as partnership_services

    membership = world.partnership.memberships.get()
    group = partnership_services.group_create(
        partnership=world.partnership, name="Violence board", kind="strategic_board"
    )
    heard.clear()
    partnership_services.meeting_record(
        group=group, held_on=datetime.date(2025, 5, 1), expected=[membership], attended=[membership]
    )
    assert heard == [[world.partnership.pk]]  # the meeting, whose save counts for attendances
    heard.clear()
    world.region_in.name = "Yorkshire and the Humber region"
    world.region_in.save()
    assert heard == [[world.partnership.pk]]
    # An agency owning an action of a partnership it has since left is still named there.
    partnership_services.action_create(
        partnership=world.partnership,
        values={
            "title": "Refresh the assessment",
            "owner": world.agency,
            "due_on": datetime.date(2025, 9, 1),
        },
    )
    membership.delete()
    heard.clear()
    world.agency.save()
    assert heard == [[world.partnership.pk]]


def test_the_template_tag_caches_its_body_under_what_it_names(world, rf):
    from django.template import Context, Template

    template = Template(
        '{% load page_cache %}{% cache_fragment "tag-test" depends_on=pk '
        'shared="everyone" vary=page %}n={{ n }}{% endcache_fragment %}'
    )
    request = rf.get("/")
    request.user = world.users["manager_this"]

    def render(n, page=1):
        return template.render(Context({"request": request, "pk": 5, "n": n, "page": page}))

    assert render(1) == "n=1"
    assert render(2) == "n=1"  # cached
    assert render(3, page=2) == "n=3"  # another `vary`
    page_cache.bump([page_cache.partnership(5)])
    assert render(4) == "n=4"


def test_fragments_are_cached_for_the_reader_they_are_shared_with(world, rf):
    manager, other = world.users["manager_this"], world.users["manager_other"]

    def show(user, shared):
        request = rf.get("/")
        request.user = user
        return page_cache.fragment(request, "who", lambda: user.email, depends_on=[], shared=shared)

    assert show(manager, page_cache.PER_USER) == manager.email
    assert show(other, page_cache.PER_USER) == other.email
    assert show(manager, page_cache.PER_SCOPE) == manager.email
    assert show(other, page_cache.PER_SCOPE) == other.email  # another partnership managed
    assert show(manager, page_cache.EVERYONE) == manager.email
    assert show(other, page_cache.EVERYONE) == manager.email  # what EVERYONE means


def test_the_leak_check_names_a_fragment_given_to_the_wrong_reader(world, rf, cache_check):
    manager, other = world.users["manager_this"], world.users["manager_other"]

    def show(user):
        request = rf.get("/")
        request.user = user
        return page_cache.fragment(
            request, "who", lambda: user.email, depends_on=[], shared=page_cache.EVERYONE
        )

    show(manager)
    show(manager)  # its own reader again: not worked out again
    with pytest.raises(page_cache.UnderKeyedError, match="'who'"):
        show(other)
