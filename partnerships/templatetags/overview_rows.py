"""The overview's longest parts, written in Python: a partnership with a real plan has a
hundred actions, thirty documents and thirty dependencies, and the template language spent
half the page's time on them one variable and one address at a time. Each writes what the
template loop it replaced wrote (tests/partnerships/test_overview_rows.py)."""

from html import escape

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.safestring import mark_safe

from core.addresses import address_maker

register = template.Library()

MARKER = 987654321  # in no partnership's address
OVERDUE = ' <strong class="govuk-tag govuk-tag--red">Overdue</strong>'


def _day(value, missing: str) -> str:
    return (date_filter(value, "j F Y") or missing) if value else missing


def _written_into(membership) -> str:
    if membership.in_job_description and membership.in_commissioning_contracts:
        return "The job description and commissioning contracts"
    if membership.in_job_description:
        return "The job description"
    if membership.in_commissioning_contracts:
        return "Commissioning contracts"
    return "Neither the job description nor contracts"


@register.simple_tag
def dependency_rows(flags, partnership, can_change) -> str:
    """The rows of the single points of failure table."""
    code = partnership.ons_code
    member = address_maker("partnerships:member-detail", "pk", MARKER, code=code)
    edit = address_maker("partnerships:contact-edit", "pk", MARKER, code=code)
    add = address_maker("partnerships:contact-add", "pk", MARKER, code=code)
    rows = []
    for flag in flags:
        m = flag.membership
        agency, where, person = escape(m.agency.name), escape(flag.where), escape(flag.person)
        about = f"{agency} ({escape(flag.where.lower())})"
        if flag.kind == "single":
            rests_on = (
                '<strong class="govuk-tag govuk-tag--orange">Single point of failure</strong> '
                + person
            )
        else:
            rests_on = '<strong class="govuk-tag govuk-tag--red">No named contact</strong>'
        if flag.contact and can_change:
            contact = (
                f'<a class="govuk-link" href="{escape(edit(flag.contact.pk))}">Add a deputy'
                f'<span class="govuk-visually-hidden"> for {person}, {about}</span></a>'
            )
        elif can_change:
            level = f"?level={escape(flag.level)}" if flag.level else ""
            contact = (
                f'<a class="govuk-link" href="{escape(add(m.pk))}{level}">Add a contact'
                f'<span class="govuk-visually-hidden"> for {about}</span></a>'
            )
        else:
            contact = (
                f'<a class="govuk-link" href="{escape(member(m.pk))}#contacts">'
                f"{person if flag.contact else 'Contacts'}"
                f'<span class="govuk-visually-hidden">, {about}</span></a>'
            )
        rows.append(
            '\n    <tr class="govuk-table__row">\n'
            f'      <td class="govuk-table__cell"><a class="govuk-link" href="{escape(member(m.pk))}">'
            f"{agency}</a></td>\n"
            f'      <td class="govuk-table__cell">{where}</td>\n'
            f'      <td class="govuk-table__cell">{rests_on}</td>\n'
            f'      <td class="govuk-table__cell">{contact}</td>\n'
            f'      <td class="govuk-table__cell">{_written_into(m)}</td>\n'
            "    </tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value escaped, the rest our markup


@register.simple_tag
def document_rows(documents, partnership, today) -> str:
    """The rows of the document register on the overview."""
    if not documents:
        return mark_safe(
            '\n    <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="4">'
            "No documents are registered yet.</td></tr>\n  "
        )
    address = address_maker("partnerships:document-detail", "pk", MARKER, code=partnership.ons_code)
    rows = []
    for d in documents:
        joint = '<br><span class="govuk-body-s">Joint with the police</span>'
        overdue = OVERDUE if d.review_due_on and d.review_due_on < today else ""
        rows.append(
            '\n    <tr class="govuk-table__row">\n'
            f'      <td class="govuk-table__cell"><a class="govuk-link" href="{escape(address(d.pk))}">'
            f"{escape(d.title)}</a>{joint if d.is_joint_with_police else ''}</td>\n"
            f'      <td class="govuk-table__cell">{escape(d.get_kind_display())}</td>\n'
            f'      <td class="govuk-table__cell">{_day(d.published_on, "Not published")}</td>\n'
            f'      <td class="govuk-table__cell">{_day(d.review_due_on, "Not set")}{overdue}</td>\n'
            "    </tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value escaped, the rest our markup


def _list_row(key: str, items: str, none: str) -> str:
    return (
        '      <div class="govuk-summary-list__row">\n'
        f'        <dt class="govuk-summary-list__key">{key}</dt>\n'
        '        <dd class="govuk-summary-list__value">\n'
        f"          {items or none}\n"
        "        </dd>\n"
        "      </div>\n"
    )


@register.simple_tag
def evidence_cards(chains, partnership) -> str:
    """Each priority's card: its actions, its indicators and the documents it comes from."""
    if not chains:
        return mark_safe('\n<p class="govuk-body">No priorities are recorded yet.</p>\n')
    address = address_maker("partnerships:document-detail", "pk", MARKER, code=partnership.ons_code)
    cards = []
    for chain in chains:
        actions = "".join(
            f"\n            <li>{escape(a.title)} ({escape(a.owner.name)}, "
            f"{escape(a.get_status_display().lower())}){OVERDUE if a.overdue else ''}</li>\n"
            "          "
            for a in chain.actions
        )
        indicators = "".join(f"<li>{escape(i)}</li>" for i in chain.indicators)
        documents = []
        for document, data in chain.documents:
            url = escape(
                address(document.pk)
                if document.partnership_id == partnership.pk
                else document.get_absolute_url()
            )
            line = (
                f'\n            <li><a class="govuk-link" href="{url}">{escape(document.title)}</a>'
            )
            if data:
                sources = "".join(f"<li>{escape(source)}</li>" for source in data)
                line += (
                    f", drawing on {len(data)} source{'' if len(data) == 1 else 's'} of data:\n"
                    f'              <ul class="govuk-list govuk-list--bullet govuk-body-s">'
                    f"{sources}</ul>"
                )
            else:
                line += ", with no data recorded as behind it"
            documents.append(line + "</li>\n          ")
        cards.append(
            '\n<div class="govuk-summary-card">\n'
            '  <div class="govuk-summary-card__title-wrapper"><h3 class="govuk-summary-card__title">'
            f"{escape(chain.priority.title)}</h3></div>\n"
            '  <div class="govuk-summary-card__content">\n'
            '    <dl class="govuk-summary-list">\n'
            + _list_row(
                "Actions",
                f'<ul class="govuk-list">{actions}</ul>' if actions else "",
                "No actions answer this priority yet.",
            )
            + _list_row(
                "Indicators",
                f'<ul class="govuk-list">{indicators}</ul>' if indicators else "",
                "No indicator measures this priority yet.",
            )
            + _list_row(
                "Comes from",
                f'<ul class="govuk-list">{"".join(documents)}</ul>' if documents else "",
                "No document is cited as its source.",
            )
            + "    </dl>\n  </div>\n</div>\n"
        )
    return mark_safe("".join(cards))  # noqa: S308 - every value escaped, the rest our markup
