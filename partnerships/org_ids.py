"""Organisation identifiers as org-id.guide defines them: a list code, then the organisation's
identifier in that list, like GB-LAE-LDS (Leeds City Council) or GB-CHC-1234567.

Only UK lists an agency or funder of a partnership is registered in are accepted, so a made-up
prefix (as 360Giving's data-quality checks would flag) is refused when it is typed.
"""

import re

from django.core.exceptions import ValidationError

LISTS = {
    "GB-CHC": "Charity Commission for England and Wales",
    "GB-SC": "Scottish Charity Regulator",
    "GB-NIC": "Charity Commission for Northern Ireland",
    "GB-COH": "Companies House",
    "GB-LAE": "Local authorities in England",
    "GB-LAS": "Local authorities in Scotland",
    "GB-WALEA": "Local authorities in Wales",
    "GB-GOR": "Government organisations register",
    "GB-GOV": "UK government departments",
    "GB-NHS": "NHS organisations",
    "GB-EDU": "Schools and colleges in England",
    "GB-UKPRN": "UK register of learning providers",
    "GB-MPR": "Mutuals public register",
}
PATTERN = re.compile(r"(?P<list>[A-Z]{2}-[A-Z]{2,6})-(?P<id>[A-Za-z0-9][A-Za-z0-9._-]*)")


def list_of(identifier: str) -> str | None:
    """The org-id.guide list an identifier is in, if it is a well-formed one we know."""
    match = PATTERN.fullmatch(identifier or "")
    return match["list"] if match and match["list"] in LISTS else None


def validate_org_id(value: str) -> None:
    if not list_of(value):
        raise ValidationError(
            "Enter an org-id.guide identifier: a list code such as GB-LAE (English local "
            "authorities) or GB-CHC (charities), a hyphen and the number or code in that "
            "list, like GB-LAE-LDS",
            code="org_id",
        )
