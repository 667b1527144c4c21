"""Search: words, filters, visibility, and the ranking that puts areas like mine first when
relevance is close (and only then). Runs on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection
from django.http import QueryDict

from goodpractice import selectors, services
from goodpractice.models import Entry, Status
from partnerships.models import Partnership
from tests import factories as base_factories

from .factories import draft, published

pytestmark = pytest.mark.django_db

needs_groups = pytest.mark.skipif(
    not selectors.has_similar_groups(), reason="partnerships have no most-similar-group label yet"
)


def search(user, q="", **filters):
    data = QueryDict(mutable=True)
    if q:
        data["q"] = q
    for name, values in filters.items():
        data.setlist(name, values if isinstance(values, list) else [values])
    filterset, queryset = selectors.entry_search(user=user, query=q, filters=data)
    return filterset, list(queryset)


def titles(results):
    return [entry.title for entry in results]


def test_only_published_entries_are_found(world):
    published(partnership=world.partnership, title="Help points in the city centre")
    draft(partnership=world.partnership, title="Help points draft")
    _, results = search(world.users["manager_this"], "help points")
    assert titles(results) == ["Help points in the city centre"]


def test_words_are_searched_in_every_sara_and_emmie_field(world):
    published(
        partnership=world.partnership,
        title="Pubwatch bans",
        mechanism="Deterrence through exclusion from licensed premises",
    )
    published(partnership=world.partnership, title="Something else", mechanism="Better lighting")
    _, results = search(world.users["manager_this"], "deterrence")
    assert titles(results) == ["Pubwatch bans"]
    _, results = search(world.users["manager_this"], "pubwatch deterrence")
    assert titles(results) == ["Pubwatch bans"]


def test_a_title_match_ranks_above_a_body_match(world):
    published(
        partnership=world.other_partnership,
        title="Newsletter",
        implementation="A weekly newspaper page",
    )
    published(
        partnership=world.other_partnership,
        title="Weekly newspaper page",
        summary="Partnership news in the local paper every week",
    )
    _, results = search(world.users["admin"], "newspaper")
    assert titles(results) == ["Weekly newspaper page", "Newsletter"]


def _two_partnerships_in_groups(world, *, same_group: bool):
    """The manager's partnership in a group; another partnership in another region, in the same
    group or not."""
    Partnership.objects.filter(pk=world.partnership.pk).update(
        most_similar_group="Family 7: cities"
    )
    far = base_factories.PartnershipFactory(
        name="Farcity",
        region=world.region_out,
        most_similar_group="Family 7: cities" if same_group else "Family 2: shires",
    )
    return far


@needs_groups
def test_similar_area_first_when_relevance_is_close(world):
    far = _two_partnerships_in_groups(world, same_group=True)
    # Same relevance: the entry from the other region but the same group comes first; plain
    # newest-first would put the unrelated partnership's entry (published later) first.
    published(
        partnership=far,
        title="Street pastors in Farcity",
        summary="Volunteers on the streets at night",
    )
    published(
        partnership=world.other_partnership,
        title="Street pastors in Boltham",
        summary="Volunteers on the streets at night",
    )
    _, results = search(world.users["manager_this"], "street pastors")
    assert titles(results) == ["Street pastors in Farcity", "Street pastors in Boltham"]
    assert any(
        "similar area" in reason
        for reason in selectors.explain_rank(
            results[0], user=world.users["manager_this"], has_query=True
        )
    )
    # Without words the same order holds (every entry is equally relevant).
    _, results = search(world.users["manager_this"])
    assert titles(results)[0] == "Street pastors in Farcity"


@needs_groups
def test_a_much_better_match_beats_a_similar_area(world):
    far = _two_partnerships_in_groups(world, same_group=True)
    published(partnership=far, title="Lighting review", implementation="Mentions pastors once")
    published(
        partnership=world.other_partnership,
        title="Street pastors",
        summary="Street pastors: volunteers, pastors and churches on the streets",
    )
    _, results = search(world.users["manager_this"], "pastors")
    assert titles(results) == ["Street pastors", "Lighting review"]


def test_own_region_ranks_above_elsewhere_when_close(world):
    neighbour = base_factories.PartnershipFactory(name="Neighbourton", region=world.region_in)
    published(partnership=neighbour, title="Taxi marshals in Neighbourton")
    published(partnership=world.other_partnership, title="Taxi marshals in Boltham")
    _, results = search(world.users["manager_this"], "taxi marshals")
    assert titles(results) == ["Taxi marshals in Neighbourton", "Taxi marshals in Boltham"]
    reasons = selectors.explain_rank(results[0], user=world.users["manager_this"], has_query=True)
    assert "From your region (Yorkshire and The Humber)" in reasons
    # Someone in the other region sees the opposite order.
    _, results = search(world.users["manager_other"], "taxi marshals")
    assert titles(results) == ["Taxi marshals in Boltham", "Taxi marshals in Neighbourton"]


def test_filters(world):
    a = published(
        partnership=world.partnership,
        title="Cheap urban win",
        outcome="worked",
        area_type="urban",
        setup_cost=1_000,
        running_cost=2_000,
        maryland_level=3,
        evaluation="independent",
        theme_slugs=["analysis"],
    )
    b = published(
        partnership=world.other_partnership,
        title="Costly rural flop",
        outcome="did_not_work",
        area_type="rural",
        setup_cost=200_000,
        running_cost=100_000,
        maryland_level=None,
        evaluation="none",
        evaluation_url="",
        theme_slugs=["media-communications"],
    )
    user = world.users["staff_other"]
    assert titles(search(user, outcome="did_not_work")[1]) == [b.title]
    assert titles(search(user, theme="analysis")[1]) == [a.title]
    assert titles(search(user, area_type="rural")[1]) == [b.title]
    assert titles(search(user, cost="under-10k")[1]) == [a.title]
    assert titles(search(user, cost="250k-plus")[1]) == [b.title]
    assert set(titles(search(user, cost=["under-10k", "250k-plus"])[1])) == {a.title, b.title}
    assert titles(search(user, maryland="3")[1]) == [a.title]
    assert titles(search(user, maryland="none")[1]) == [b.title]
    assert titles(search(user, evaluation="independent")[1]) == [a.title]
    assert titles(search(user, region=world.region_out.code)[1]) == [b.title]
    filterset, results = search(user, region="E99999999", outcome="glorious")
    assert results == [] and filterset.form.errors


def test_did_not_work_entries_are_found_and_labelled(world):
    published(partnership=world.partnership, title="Alley gates", outcome="did_not_work")
    _, results = search(world.users["reviewer_out"], "alley gates")
    assert results[0].did_not_work


def test_search_survives_odd_input(world):
    """Odd words find what they should, too long or NUL-holding words are refused with an
    error, and nothing is harmed."""
    entry = published(partnership=world.partnership, title="CCTV review")
    found, none = [entry.title], []
    postgres = connection.vendor == "postgresql"
    expected = {
        '"': (found, {}),  # no words left: every published entry
        "-": (found, {}),
        "'; drop table": (none, {}),
        "<script>": (none, {}),
        "x" * 500: (none, {"q": ["Search words must be 200 characters or fewer"]}),
        "nul\x00byte": (none, {"q": ["Null characters are not allowed."]}),
        # PostgreSQL's web-search parser drops the operators and the stop word "the"; elsewhere
        # each word is a substring to find.
        "cctv & | ! :*": (found if postgres else none, {}),
    }
    for q, (results, errors) in expected.items():
        filterset, matches = search(world.users["manager_this"], q)
        assert (titles(matches), filterset.form.errors) == (results, errors), q
    _, matches = search(world.users["manager_this"], "the")
    assert (titles(matches) == none) if postgres else (titles(matches) in (none, found))
    assert Entry.objects.filter(pk=entry.pk, status=Status.PUBLISHED).exists()


def test_archived_entries_leave_search(world):
    entry = published(partnership=world.partnership, title="Bins")
    services.entry_archive(entry=entry, user=world.users["admin"])
    assert search(world.users["admin"], "bins")[1] == []
    assert Entry.objects.get(pk=entry.pk).status == Status.ARCHIVED


@needs_groups
def test_browsing_without_words_pages_by_boost_then_newest(world):
    """Without words, a page is read level by level (similar area, region, elsewhere) from the
    newest-first index; every slice matches the fully sorted results."""
    from datetime import timedelta

    from core import clock

    from .factories import bulk_published

    far = _two_partnerships_in_groups(world, same_group=True)
    neighbour = base_factories.PartnershipFactory(
        name="Neighbourton", region=world.region_in, most_similar_group="Family 9: coast"
    )
    # world.partnership is in the manager's group and region, so it ranks with the group.
    for partnership, label in (
        (far, "Group"),
        (neighbour, "Region"),
        (world.other_partnership, "Else"),
        (world.partnership, "Own"),
    ):
        bulk_published(partnership=partnership, count=9, title=label)
    now = clock.now()
    for n, entry in enumerate(Entry.objects.order_by("id")):
        # Some publication times are shared, so the id breaks ties.
        Entry.objects.filter(pk=entry.pk).update(published_at=now - timedelta(days=n % 5))
    user = world.users["manager_this"]
    _, queryset = selectors.entry_search(user=user, query="", filters={})
    everything = list(queryset)
    levels = {"Group": 0, "Own": 0, "Region": 1, "Else": 2}
    expected = sorted(
        everything, key=lambda e: (levels[e.title.split()[0]], -e.published_at.timestamp(), -e.pk)
    )
    assert [e.pk for e in everything] == [e.pk for e in expected]
    assert [e.boost for e in everything[:18]] == [selectors.SIMILAR_GROUP_BOOST] * 18
    for start, stop in ((0, 20), (15, 25), (17, 19), (20, 40), (30, 50), (0, 1), (35, 36)):
        _, queryset = selectors.entry_search(user=user, query="", filters={})
        page = queryset[start:stop]
        assert [e.pk for e in page] == [e.pk for e in expected[start:stop]], (start, stop)
        assert all(e.adoption_count == 0 and e.boost and e.score == e.boost for e in page)
    # Someone with no area of their own (an administrator) sees the newest first.
    _, queryset = selectors.entry_search(user=world.users["admin"], query="", filters={})
    newest = sorted(everything, key=lambda e: (-e.published_at.timestamp(), -e.pk))
    assert [e.pk for e in queryset[10:30]] == [e.pk for e in newest[10:30]]
    # Filters still apply to every level.
    _, queryset = selectors.entry_search(
        user=user, query="", filters=QueryDict(f"region={world.region_out.code}")
    )
    assert {e.title.split()[0] for e in queryset[0:20]} == {"Group", "Else"}


def test_a_page_of_ranked_results_matches_the_full_order(world):
    """With words, a page is read as the ranked ids, then those entries by id: the same
    entries in the same order as the whole ranked list, with the reasons for their rank."""
    neighbour = base_factories.PartnershipFactory(name="Neighbourton", region=world.region_in)
    for n in range(6):
        published(
            partnership=neighbour if n % 2 else world.other_partnership,
            title=f"Street lighting {n}" if n % 3 else f"Lighting {n}",
            summary="Brighter streets" if n % 3 else "Street lighting upgrades",
        )
    user = world.users["manager_this"]
    _, queryset = selectors.entry_search(user=user, query="street lighting", filters={})
    everything = list(queryset)
    assert len(everything) == 6
    with selectors.search_plans():
        _, queryset = selectors.entry_search(user=user, query="street lighting", filters={})
        assert queryset.count() == 6
        for start, stop in ((0, 20), (1, 4), (4, 6)):
            page = queryset[start:stop]
            assert [e.pk for e in page] == [e.pk for e in everything[start:stop]]
            assert [e.score for e in page] == [e.score for e in everything[start:stop]]
    reasons = selectors.explain_rank(page[0], user=user, has_query=True)
    assert reasons and "search" in reasons[0]
