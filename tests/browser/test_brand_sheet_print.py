"""The brand sheet as printed: one A4 page, with the portal's header, navigation and buttons
left out and the brand's colours kept."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .test_accessibility_communications_records import with_brand

pytestmark = pytest.mark.browser


def test_the_brand_sheet_prints_on_one_page_without_the_portal_around_it(page, world, log_in_as):
    with_brand(world)
    log_in_as(page, world.users["staff_this"])
    page.goto(reverse("communications:brand-sheet", kwargs={"code": world.partnership.ons_code}))
    page.emulate_media(media="print")
    expect(page.get_by_text("Safer Leedsford").first).to_be_visible()
    expect(page.get_by_text("The city centre is safe at night")).to_be_visible()
    assert page.locator(".govuk-footer, .cdrp-no-print").count() >= 2
    for hidden in ("header", ".govuk-footer", ".govuk-back-link", ".cdrp-no-print"):
        for element in page.locator(hidden).all():
            expect(element).to_be_hidden()
    pdf = page.pdf(format="A4", print_background=True)
    pages = re.search(rb"/Type\s*/Pages\b.*?/Count\s+(\d+)", pdf, re.S)
    assert pages is not None and int(pages.group(1)) == 1
