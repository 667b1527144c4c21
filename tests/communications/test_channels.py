"""Channels: the list, adding, changing and marking one not in use."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communications.models import Channel, ChannelKind, Frequency

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Leedsford Evening Post",
    "kind": "local_paper",
    "frequency": "daily",
    "standing_slot": "Weekly community safety page, Thursdays",
    "reach": "42,000",
    "contact_name": "Sam Reporter",
    "contact_email": "news@example.org",
    "contact_phone": "0113 496 0000",
    "note": "",
}


def _url(world, name, **kwargs):
    return reverse(f"communications:{name}", kwargs={"code": world.partnership.ons_code, **kwargs})


def _channel(partnership, name="Radio Leedsford", **values):
    return Channel.objects.create(
        partnership=partnership,
        name=name,
        kind=values.pop("kind", ChannelKind.RADIO),
        frequency=values.pop("frequency", Frequency.WEEKLY),
        **values,
    )


def test_a_manager_adds_a_channel(world, client_for):
    client = client_for("manager_this")
    form = client.get(_url(world, "channel-create")).content.decode()
    assert "---------" not in form
    assert 'type="radio"' in form and "Residents’ meeting" in form
    response = client.post(_url(world, "channel-create"), GOOD)
    assert response.status_code == 302
    channel = Channel.objects.get()
    assert (channel.reach, channel.has_standing_slot, channel.is_active) == (42_000, True, True)
    page = client.get(_url(world, "channels")).content.decode()
    assert "Leedsford Evening Post" in page and "42,000" in page
    assert "Weekly community safety page, Thursdays" in page
    assert "mailto:news@example.org" in page


def test_an_empty_form_says_what_to_enter(world, client_for):
    response = client_for("manager_this").post(_url(world, "channel-create"), {})
    errors = response.context["form"].errors
    assert errors["name"] == ["Enter the name"]
    assert errors["kind"] == ["Select what kind of channel it is"]
    assert errors["frequency"] == ["Select how often it publishes"]
    assert not Channel.objects.exists()


def test_bad_values_are_errors_not_500s(world, client_for):
    response = client_for("manager_this").post(
        _url(world, "channel-create"),
        {**GOOD, "kind": "pigeon", "frequency": "hourly", "reach": "lots", "contact_email": "x"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"kind", "frequency", "reach", "contact_email"}
    assert errors["reach"] == ["The audience must be a whole number, like 12,000"]


def test_the_same_name_twice_is_refused(world, client_for):
    _channel(world.partnership, name="Leedsford Evening Post")
    response = client_for("manager_this").post(
        _url(world, "channel-create"), {**GOOD, "name": "leedsford evening post"}
    )
    assert response.context["form"].errors["name"] == [
        "The partnership already has a channel with this name"
    ]
    # Another partnership may use the name.
    _channel(world.other_partnership, name="Leedsford Evening Post")


def test_a_channel_is_marked_not_in_use(world, client_for):
    channel = _channel(world.partnership)
    client = client_for("manager_this")
    response = client.post(
        _url(world, "channel-edit", pk=channel.pk),
        {**GOOD, "name": "Radio Leedsford", "kind": "radio", "is_active": "no"},
    )
    assert response.status_code == 302
    channel.refresh_from_db()
    assert not channel.is_active
    assert "Not in use" in client.get(_url(world, "channels")).content.decode()


def test_a_channel_of_another_partnership_is_not_found(world, client_for):
    other = _channel(world.other_partnership)
    response = client_for("manager_this").get(_url(world, "channel-edit", pk=other.pk))
    assert response.status_code == 404


def test_staff_read_channels_but_may_not_change_them(world, client_for):
    channel = _channel(world.partnership)
    client = client_for("staff_this")
    page = client.get(_url(world, "channels")).content.decode()
    assert "Radio Leedsford" in page and "Add a channel" not in page
    assert client.get(_url(world, "channel-edit", pk=channel.pk)).status_code == 403


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_list_runs_the_same_queries_at_1_and_20_channels(world, client_for):
    client = client_for("manager_this")
    _channel(world.partnership, name="Channel 0")
    one = _queries(client, _url(world, "channels"))
    for n in range(1, 20):
        _channel(world.partnership, name=f"Channel {n}", is_active=n % 2 == 0)
    assert _queries(client, _url(world, "channels")) == one
    # Session, user, roles, the partnership, the channels.
    assert one == 5, one
