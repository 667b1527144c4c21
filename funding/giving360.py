"""Awarded bids in the 360Giving Data Standard (1.4): JSON package and flat CSV.

A partnership is not a legal body, so a bid's recipient is its council (the member local
authority with an org-id.guide identifier, unitary first, then district, then county), naming
the partnership as the department; a partnership with no such council is identified under the
portal's own 360Giving prefix. The beneficiary location is the partnership's area with its ONS
geography type (CSP for English E22 codes, CDRP for Welsh W14). Grant identifiers start with
the installation's registered prefix (settings.GIVING360_PREFIX).
"""

from django.conf import settings
from django.utils import timezone

from partnerships.models import Membership

VERSION = "1.4"
COUNCIL_TYPES = ("la-unitary", "la-district", "la-county")  # the order a recipient is chosen

CSV_COLUMNS = [
    ("Identifier", "id"),
    ("Title", "title"),
    ("Description", "description"),
    ("Currency", "currency"),
    ("Amount Awarded", "amountAwarded"),
    ("Amount Applied For", "amountAppliedFor"),
    ("Award Date", "awardDate"),
    ("Recipient Org:Identifier", ("recipientOrganization", "id")),
    ("Recipient Org:Name", ("recipientOrganization", "name")),
    ("Recipient Org:Department", ("recipientOrganization", "department")),
    ("Funding Org:Identifier", ("fundingOrganization", "id")),
    ("Funding Org:Name", ("fundingOrganization", "name")),
    ("Grant Programme:Title", ("grantProgramme", "title")),
    ("Planned Dates:Start Date", ("plannedDates", "startDate")),
    ("Planned Dates:End Date", ("plannedDates", "endDate")),
    ("Planned Dates:Duration (months)", ("plannedDates", "duration")),
    ("Beneficiary Location:Name", ("beneficiaryLocation", "name")),
    ("Beneficiary Location:Geographic Code", ("beneficiaryLocation", "geoCode")),
    ("Beneficiary Location:Geographic Code Type", ("beneficiaryLocation", "geoCodeType")),
    ("From An Open Call?", "fromOpenCall"),
    ("Last Modified", "dateModified"),
    ("Data Source", "dataSource"),
]


def geo_code_type(ons_code: str) -> str:
    return "CDRP" if ons_code.startswith("W14") else "CSP"


def councils(bids) -> dict[int, tuple[str, str]]:
    """Each partnership's recipient council: partnership id -> (org id, name). One query."""
    rank = {slug: index for index, slug in enumerate(COUNCIL_TYPES)}
    rows = (
        Membership.objects.filter(
            partnership_id__in={bid.partnership_id for bid in bids},
            agency__agency_type__slug__in=COUNCIL_TYPES,
        )
        .exclude(agency__org_id="")
        .values_list(
            "partnership_id", "agency__agency_type__slug", "agency__org_id", "agency__name"
        )
    )
    chosen = {}
    for partnership_id, _slug, org_id, name in sorted(rows, key=lambda r: (rank[r[1]], r[3])):
        chosen.setdefault(partnership_id, (org_id, name))
    return chosen


def recipient(partnership, council: tuple[str, str] | None) -> dict:
    if council is None:
        return {
            "id": f"{settings.GIVING360_PREFIX}-{partnership.ons_code}",
            "name": partnership.name,
        }
    org_id, name = council
    return {
        "id": org_id,
        "name": name,
        "department": f"{partnership.name} Community Safety Partnership",
    }


def grant(bid, *, council=None, source_url: str = "") -> dict:
    opportunity = bid.opportunity
    partnership = bid.partnership
    award_date = bid.decided_on or timezone.localdate(opportunity.closes_at)
    modified = getattr(bid, "last_modified", None) or bid.created_at
    record = {
        "id": f"{settings.GIVING360_PREFIX}-{bid.pk}",
        "title": opportunity.title,
        "description": opportunity.description,
        "currency": "GBP",
        "amountAwarded": bid.amount_awarded,
        "awardDate": award_date.isoformat(),
        "recipientOrganization": [recipient(partnership, council)],
        "fundingOrganization": [
            {
                "id": opportunity.funder.identifier,
                "name": opportunity.funder.name,
            }
        ],
        "beneficiaryLocation": [
            {
                "name": partnership.name,
                "geoCode": partnership.ons_code,
                "geoCodeType": geo_code_type(partnership.ons_code),
            }
        ],
        "fromOpenCall": "Yes",
        "dateModified": timezone.localtime(modified).isoformat(timespec="seconds"),
    }
    if source_url:
        record["dataSource"] = source_url
    if bid.amount_requested is not None:
        record["amountAppliedFor"] = bid.amount_requested
    if opportunity.programme:
        record["grantProgramme"] = [{"title": opportunity.programme}]
    if opportunity.period_start and opportunity.period_end:
        dates = {
            "startDate": opportunity.period_start.isoformat(),
            "endDate": opportunity.period_end.isoformat(),
        }
        if opportunity.period_months:
            dates["duration"] = opportunity.period_months
        record["plannedDates"] = [dates]
    return record


def grants(bids, *, source_url: str = "") -> list[dict]:
    bids = list(bids)
    chosen = councils(bids)
    return [
        grant(bid, council=chosen.get(bid.partnership_id), source_url=source_url) for bid in bids
    ]


def package(bids, *, source_url: str = "", site_url: str = "") -> dict:
    """The 360Giving data package with its metadata (who publishes it, the licence)."""
    records = grants(bids, source_url=source_url)
    now = timezone.localtime().isoformat(timespec="seconds")
    publisher = {"name": settings.GIVING360_PUBLISHER_NAME}
    if settings.GIVING360_PUBLISHER_ID:
        publisher["identifier"] = settings.GIVING360_PUBLISHER_ID
    if site_url:
        publisher["website"] = site_url
    metadata = {
        "version": VERSION,
        "title": f"{settings.GIVING360_PUBLISHER_NAME}: awarded bids",
        "description": "Grants awarded to community safety partnerships' bids, as recorded "
        "by the partnerships in the portal.",
        "identifier": f"{settings.GIVING360_PREFIX}-awarded-bids",
        "issued": now,
        "modified": max((r["dateModified"] for r in records), default=now),
        "publisher": publisher,
        "license": settings.GIVING360_LICENSE,
    }
    if source_url:
        metadata["downloadURL"] = source_url
    return {**metadata, "grants": records}


def _cell(record: dict, path):
    if isinstance(path, str):
        return record.get(path, "")
    outer, inner = path
    items = record.get(outer) or [{}]
    return items[0].get(inner, "")


def csv_rows(bids, *, source_url: str = ""):
    """The flat CSV's rows (header first), for core.csv to write."""
    yield [title for title, _ in CSV_COLUMNS]
    for record in grants(bids, source_url=source_url):
        yield [_cell(record, path) for _, path in CSV_COLUMNS]
