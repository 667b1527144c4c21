"""The coverage log: logging coverage, the story it came from, filters, balance and export."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communications.models import Channel, Coverage, Stage, Story, Tone

pytestmark = pytest.mark.django_db


def _url(world, name, **kwargs):
    return reverse(f"communications:{name}", kwargs={"code": world.partnership.ons_code, **kwargs})


def _story(world, partnership=None, stage=Stage.ISSUED, title="Violence falls in the centre"):
    return Story.objects.create(
        partnership=partnership or world.partnership,
        title=title,
        stage=stage,
        owner=world.users["manager_this"],
    )


def _channel(partnership, name="Leedsford Evening Post", **values):
    return Channel.objects.create(
        partnership=partnership, name=name, kind="local_paper", frequency="daily", **values
    )


def _coverage(world, n=0, **values):
    values.setdefault("outlet_name", "Northern Daily")
    return Coverage.objects.create(
        partnership=values.pop("partnership", world.partnership),
        headline=values.pop("headline", f"Piece {n}"),
        published_on=values.pop("published_on", date(2026, 11, 1 + n % 28)),
        tone=values.pop("tone", Tone.POSITIVE),
        **values,
    )


def _post(**values):
    data = {
        "headline": "Night-time violence down a fifth",
        "channel": "",
        "outlet_name": "",
        "published_on_0": "20",
        "published_on_1": "11",
        "published_on_2": "2026",
        "url": "https://news.example.org/violence-down",
        "reach": "12,500",
        "tone": "positive",
        "partnership_quoted": "on",
        "story": "",
    }
    data.update(values)
    return data


def test_coverage_of_an_issued_story_marks_it_covered(world, client_for):
    story = _story(world)
    channel = _channel(world.partnership)
    response = client_for("manager_this").post(
        _url(world, "coverage-create"), _post(channel=channel.pk, story=story.pk)
    )
    assert response.status_code == 302
    piece = Coverage.objects.get()
    assert (piece.outlet, piece.reach, piece.partnership_quoted) == (channel.name, 12_500, True)
    assert piece.recorded_by == world.users["manager_this"]
    story.refresh_from_db()
    assert story.stage == Stage.COVERED


def test_coverage_of_a_story_not_yet_issued_leaves_its_stage(world, client_for):
    story = _story(world, stage=Stage.APPROVED)
    client_for("manager_this").post(
        _url(world, "coverage-create"), _post(outlet_name="Radio North", story=story.pk)
    )
    story.refresh_from_db()
    assert story.stage == Stage.APPROVED


def test_unsolicited_bad_news_is_logged_with_a_typed_outlet(world, client_for):
    response = client_for("manager_this").post(
        _url(world, "coverage-create"),
        _post(headline="Town centre ‘no-go zone’", outlet_name="Daily Shout", tone="negative"),
    )
    assert response.status_code == 302
    piece = Coverage.objects.get()
    assert (piece.story, piece.outlet, piece.tone) == (None, "Daily Shout", "negative")


def test_an_outlet_is_needed(world, client_for):
    response = client_for("manager_this").post(_url(world, "coverage-create"), _post())
    assert response.context["form"].errors["outlet_name"] == [
        "Select the outlet, or enter its name if it is not a channel"
    ]


def test_an_empty_form_says_what_to_enter(world, client_for):
    response = client_for("manager_this").post(_url(world, "coverage-create"), {})
    errors = response.context["form"].errors
    assert errors["headline"] == ["Enter the headline"]
    assert errors["published_on"] == ["Enter the date"]
    assert errors["tone"] == ["Select the tone"]
    assert "---------" not in response.content.decode()


def test_another_partnerships_story_or_channel_is_refused(world, client_for):
    story = _story(world, partnership=world.other_partnership)
    channel = _channel(world.other_partnership)
    response = client_for("manager_this").post(
        _url(world, "coverage-create"), _post(channel=channel.pk, story=story.pk)
    )
    errors = response.context["form"].errors
    assert errors["channel"] == ["Select one of the partnership’s channels"]
    assert errors["story"] == ["Select one of the partnership’s stories"]
    assert not Coverage.objects.exists()


@pytest.mark.parametrize(
    "values",
    [
        {"published_on_0": "31", "published_on_1": "2"},
        {"reach": "-4"},
        {"url": "not a link at all"},
        {"tone": "glowing"},
        {"story": "99999999999999999999999"},
        {"headline": "x" * 300},
    ],
)
def test_bad_input_is_an_error_not_a_500(world, client_for, values):
    response = client_for("manager_this").post(
        _url(world, "coverage-create"), _post(outlet_name="Radio North", **values)
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Coverage.objects.exists()


def test_coverage_is_changed(world, client_for):
    retired = _channel(world.partnership, is_active=False)
    piece = _coverage(world, channel=retired, outlet_name="")
    client = client_for("manager_this")
    form = client.get(_url(world, "coverage-edit", pk=piece.pk))
    # A channel no longer used is still offered to coverage already logged against it.
    assert retired in form.context["form"].fields["channel"].queryset
    response = client.post(
        _url(world, "coverage-edit", pk=piece.pk),
        _post(channel=retired.pk, headline="Corrected headline", tone="neutral"),
    )
    assert response.status_code == 302
    piece.refresh_from_db()
    assert (piece.headline, piece.tone) == ("Corrected headline", "neutral")


def test_the_balance_counts_tones_and_quotes_for_the_filtered_period(world, client_for):
    _coverage(world, 0, tone=Tone.POSITIVE, partnership_quoted=True)
    _coverage(world, 1, tone=Tone.POSITIVE)
    _coverage(world, 2, tone=Tone.NEUTRAL, partnership_quoted=True)
    _coverage(world, 3, tone=Tone.NEGATIVE)
    _coverage(world, 4, tone=Tone.NEGATIVE, published_on=date(2026, 6, 1))
    _coverage(world, 5, partnership=world.other_partnership)
    client = client_for("staff_this")
    balance = client.get(_url(world, "coverage")).context["balance"]
    assert (balance.positive, balance.neutral, balance.negative, balance.total) == (2, 1, 2, 5)
    november = client.get(_url(world, "coverage") + "?since=2026-11-01&until=2026-11-30")
    balance = november.context["balance"]
    assert (balance.positive, balance.neutral, balance.negative) == (2, 1, 1)
    assert (balance.positive_share, balance.quoted_share) == (50, 50)
    page = november.content.decode()
    assert "2 (50%)" in page and "50% of 4 pieces" in page
    negative = client.get(_url(world, "coverage") + "?tone=negative").context["balance"]
    assert (negative.total, negative.negative) == (2, 2)


def test_bad_filters_show_errors_and_filter_nothing(world, client_for):
    _coverage(world)
    response = client_for("staff_this").get(
        _url(world, "coverage") + "?since=2026-12-01&until=2026-11-01&tone=glowing"
    )
    assert response.status_code == 200
    errors = response.context["filter_form"].errors
    assert errors["until"] == ["The last date must be the same as or after the first date"]
    assert "tone" in errors
    assert response.context["balance"].total == 1
    assert "Error:" in response.content.decode()


def test_the_export_is_the_filtered_coverage_as_safe_csv(world, client_for):
    story = _story(world)
    _coverage(world, 0, headline="=HYPERLINK(1)", story=story, reach=900)
    _coverage(world, 1, tone=Tone.NEGATIVE, headline="Bad news")
    response = client_for("reviewer_in").get(_url(world, "coverage-export") + "?tone=positive")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Date", "Outlet", "Headline"]
    assert rows[1:] == [
        [
            "2026-11-01",
            "Northern Daily",
            "'=HYPERLINK(1)",
            "",
            "900",
            "Positive",
            "No",
            story.title,
        ]
    ]


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("name", ["coverage", "coverage-export"])
def test_the_log_runs_the_same_queries_at_1_and_20_pieces(world, client_for, name):
    channel = _channel(world.partnership)
    story = _story(world)
    client = client_for("manager_this")
    _coverage(world, 0, channel=channel, story=story)
    one = _queries(client, _url(world, name))
    for n in range(1, 20):
        _coverage(world, n, channel=channel if n % 2 else None, story=story if n % 3 else None)
    assert _queries(client, _url(world, name)) == one
    # Session, user, roles, the partnership; the page adds the balance, count, ids, rows.
    assert one == {"coverage": 8, "coverage-export": 6}[name], one
