"""Filling GOV.UK date inputs in the browser: a fieldset named by its legend, with Day, Month
and Year boxes."""


def fill_date(page, legend: str, text: str) -> None:
    """fill_date(page, "Start date", "01/01/2025"), as a person types into the three boxes."""
    day, month, year = text.split("/")
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)
