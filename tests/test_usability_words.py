"""Issue 17's words and layout helpers: GOV.UK times, scrolling table regions, and every
template using them."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template, TemplateSyntaxError

from core.templatetags.govuk_time import govuk_datetime, govuk_time

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("hour", "minute", "text"),
    [
        (23, 18, "11:18pm"),
        (9, 0, "9am"),
        (9, 5, "9:05am"),
        (0, 0, "midnight"),
        (12, 0, "midday"),
        (12, 30, "12:30pm"),
        (0, 30, "12:30am"),
    ],
)
def test_times_are_written_the_govuk_way(hour, minute, text):
    assert govuk_time(datetime.time(hour, minute)) == text


def test_an_aware_time_is_shown_in_uk_time():
    summer = datetime.datetime(2026, 7, 1, 22, 18, tzinfo=datetime.UTC)  # 11:18pm BST
    assert govuk_datetime(summer) == "1 July 2026, 11:18pm"
    assert govuk_datetime(summer, "j M Y") == "1 Jul 2026, 11:18pm"
    assert govuk_datetime(None) == ""


def test_the_filters_are_built_in():
    when = datetime.datetime(2026, 12, 2, 23, 18, tzinfo=LONDON)
    html = Template("{{ when|govuk_time }} {{ when|govuk_datetime:'j M Y' }}").render(
        Context({"when": when})
    )
    assert html == "11:18pm 2 Dec 2026, 11:18pm"


def _templates():
    return sorted(TEMPLATES.rglob("*.html"))


def test_no_template_formats_times_with_djangos_am_pm_or_a_24_hour_clock():
    """Django's "a" gives "p.m."; times go through govuk_time (the audit log keeps seconds)."""
    offenders = []
    for path in _templates():
        for match in re.finditer(r'\|date:"([^"]*)"', path.read_text()):
            fmt = match.group(1)
            if re.search(r"[aAPgGhH]", fmt) and path.name != "event_list.html":
                offenders.append(f"{path.relative_to(TEMPLATES)}: {fmt}")
    assert offenders == []


def test_every_table_scrolls_inside_its_own_region():
    """WCAG 1.4.10: each table is wrapped in {% scroll_region %}, so a wide one scrolls within
    a focusable, labelled region instead of widening the page."""
    unwrapped = []
    for path in _templates():
        text = path.read_text()
        for match in re.finditer(r"<table\b", text):
            before = text[max(0, match.start() - 80) : match.start()]
            if "{% scroll_region" not in before:
                unwrapped.append(f"{path.relative_to(TEMPLATES)} at {match.start()}")
    assert unwrapped == []


def test_a_region_is_labelled_by_its_tables_caption():
    html = Template(
        "{% scroll_region %}<table><caption class='c'>Contacts</caption></table>"
        "{% endscroll_region %}"
    ).render(Context())
    region = re.match(
        r'<div class="portal-scroll-x" tabindex="0" role="region" '
        r'aria-labelledby="([^"]+)">',
        html,
    )
    assert region, html
    assert f"<caption id=\"{region.group(1)}\" class='c'>Contacts</caption>" in html


def test_a_table_renders_the_same_each_time_and_twice_on_a_page_gets_two_ids():
    """Cached fragments are compared with a fresh render, so the id must not count renders."""
    table = "{% scroll_region %}<table><caption>Contacts</caption></table>{% endscroll_region %}"
    assert Template(table).render(Context()) == Template(table).render(Context())
    twice = Template("{% for i in '12' %}" + table + "{% endfor %}").render(Context())
    ids = re.findall(r'aria-labelledby="([^"]+)"', twice)
    assert len(set(ids)) == 2, twice


def test_a_caption_keeps_its_own_id_and_a_label_can_be_given():
    html = Template(
        '{% scroll_region %}<table><caption id="mine">X</caption></table>{% endscroll_region %}'
    ).render(Context())
    assert 'aria-labelledby="mine"' in html and html.count('id="mine"') == 1
    html = Template("{% scroll_region label %}<table></table>{% endscroll_region %}").render(
        Context({"label": "Ratings & reasons"})
    )
    assert 'aria-label="Ratings &amp; reasons"' in html


def test_a_region_without_a_caption_or_a_label_is_refused():
    with pytest.raises(TemplateSyntaxError):
        Template("{% scroll_region %}<table></table>{% endscroll_region %}").render(Context())
