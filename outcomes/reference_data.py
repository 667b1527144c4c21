"""The outcome indicators the portal starts with (../shared/DOMAIN.md "Outcome indicators").

Loaded by a data migration; administrators edit them afterwards in the admin. Each is
(code, name, unit, lower is better, source, how it is counted, ONS column, order).
"""

ONS = (
    "Office for National Statistics, “Recorded crime data by Community Safety Partnership "
    "area”, quarterly, counts by financial-year quarter"
)
RATE = "divided by the partnership’s ONS mid-year population estimate for the year, times 1,000"

INDICATORS = [
    (
        "violence-against-the-person",
        "Violence against the person per 1,000 residents",
        "per_1000",
        True,
        "recorded_crime",
        f"Offences of violence against the person recorded by the police ({ONS}), {RATE}. "
        "Includes homicide, death or serious injury by unlawful driving, violence with and "
        "without injury, and stalking and harassment.",
        "Violence against the person",
        10,
    ),
    (
        "violence-with-injury",
        "Violence with injury per 1,000 residents",
        "per_1000",
        True,
        "recorded_crime",
        f"Offences of violence with injury recorded by the police ({ONS}), {RATE}.",
        "Violence with injury",
        20,
    ),
    (
        "violence-without-injury",
        "Violence without injury per 1,000 residents",
        "per_1000",
        True,
        "recorded_crime",
        f"Offences of violence without injury (common assault among them) recorded by the "
        f"police ({ONS}), {RATE}.",
        "Violence without injury",
        22,
    ),
    (
        "stalking-and-harassment",
        "Stalking and harassment per 1,000 residents",
        "per_1000",
        True,
        "recorded_crime",
        f"Offences of stalking and harassment, including malicious communications, recorded by "
        f"the police ({ONS}), {RATE}.",
        "Stalking and harassment",
        24,
    ),
    (
        "sexual-offences",
        "Sexual offences per 1,000 residents",
        "per_1000",
        True,
        "recorded_crime",
        f"Sexual offences, rape among them, recorded by the police ({ONS}), {RATE}.",
        "Sexual offences",
        26,
    ),
    (
        "robbery",
        "Robbery per 1,000 residents",
        "per_1000",
        True,
        "recorded_crime",
        f"Robbery offences (of personal property and of business property) recorded by the "
        f"police ({ONS}), {RATE}.",
        "Robbery",
        30,
    ),
    (
        "possession-of-weapons",
        "Possession of weapons offences per 1,000 residents",
        "per_1000",
        True,
        "recorded_crime",
        f"Offences of possessing a knife, firearm or other weapon recorded by the police "
        f"({ONS}), {RATE}. Most follow a stop and search, so they also reflect police activity.",
        "Possession of weapons offences",
        35,
    ),
    (
        "ed-assault-attendances",
        "Assault attendances at the emergency department per 1,000 residents",
        "per_1000",
        True,
        "istv",
        "Assaults in the ISTV returns of the emergency departments that are members of the "
        "partnership, counted by the month of the assault, " + RATE + ". Worked out by the "
        "portal every night and after each ISTV upload.",
        "",
        40,
    ),
    (
        "night-time-economy-assaults",
        "Night-time-economy assaults per 1,000 residents",
        "per_1000",
        True,
        "istv",
        "Assaults in the same ISTV returns that happened on a Friday or Saturday night "
        "(Friday or Saturday 21:00 to 03:00 the next morning, UK time) at a licensed-premises "
        "location type (pub, bar or club), counted by the month of the assault, " + RATE + ".",
        "",
        50,
    ),
    (
        "feel-unsafe-after-dark",
        "Residents who feel unsafe walking alone after dark",
        "percent",
        True,
        "survey",
        "The share of respondents to a local survey who say they feel fairly or very unsafe "
        "walking alone in their area after dark (the Crime Survey for England and Wales asks "
        "the same question). Entered by the partnership with its source, period and sample size.",
        "",
        60,
    ),
]

# The ISTV location types that count as licensed premises for night-time-economy assaults.
LICENSED_PREMISES_LOCATION_TYPES = ("pub-bar",)
