"""Awarded bids in the 360Giving Data Standard (1.4): JSON package and flat CSV.

Recipients are the partnerships, identified by their ONS code; the beneficiary location is the
partnership's area with its ONS geography type (CSP for English E22 codes, CDRP for Welsh W14).
"""

import csv
import io

from django.utils import timezone

IDENTIFIER_PREFIX = "360G-cdrpportal"

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
]


def geo_code_type(ons_code: str) -> str:
    return "CDRP" if ons_code.startswith("W14") else "CSP"


def grant(bid) -> dict:
    opportunity = bid.opportunity
    partnership = bid.partnership
    award_date = bid.decided_on or timezone.localdate(opportunity.closes_at)
    record = {
        "id": f"{IDENTIFIER_PREFIX}-{bid.pk}",
        "title": opportunity.title,
        "description": opportunity.description,
        "currency": "GBP",
        "amountAwarded": bid.amount_awarded,
        "awardDate": award_date.isoformat(),
        "recipientOrganization": [{
            "id": f"{IDENTIFIER_PREFIX}-{partnership.ons_code}",
            "name": partnership.name,
        }],
        "fundingOrganization": [{
            "id": opportunity.funder.identifier,
            "name": opportunity.funder.name,
        }],
        "beneficiaryLocation": [{
            "name": partnership.name,
            "geoCode": partnership.ons_code,
            "geoCodeType": geo_code_type(partnership.ons_code),
        }],
        "fromOpenCall": "Yes",
    }
    if bid.amount_requested is not None:
        record["amountAppliedFor"] = bid.amount_requested
    if opportunity.programme:
        record["grantProgramme"] = [{"title": opportunity.programme}]
    if opportunity.period_start and opportunity.period_end:
        dates = {"startDate": opportunity.period_start.isoformat(),
                 "endDate": opportunity.period_end.isoformat()}
        if opportunity.period_months:
            dates["duration"] = opportunity.period_months
        record["plannedDates"] = [dates]
    return record


def package(bids) -> dict:
    return {"grants": [grant(bid) for bid in bids]}


def _cell(record: dict, path):
    if isinstance(path, str):
        return record.get(path, "")
    outer, inner = path
    items = record.get(outer) or [{}]
    return items[0].get(inner, "")


def as_csv(bids) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title for title, _ in CSV_COLUMNS])
    for bid in bids:
        record = grant(bid)
        writer.writerow([_cell(record, path) for _, path in CSV_COLUMNS])
    return out.getvalue()
