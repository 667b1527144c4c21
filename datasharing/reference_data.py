"""Reference data every installation starts with: the prescribed datasets (Crime and Disorder
(Prescribed Information) Regulations 2007, SI 2007/1831, schedule; and the ISTV minimum dataset,
NHS ISB 1594) and the ISTV code lists. See ../shared/DOMAIN.md "Data sharing".

The national code lists for ISTV assault method and location type were not found, so the lists
below are locally defined (marked so) and administrators can edit them.
"""

SI = (
    "Crime and Disorder Act 1998 s.17A and the Crime and Disorder (Prescribed Information) "
    "Regulations 2007 (SI 2007/1831), schedule: {}. Depersonalised information only; each "
    "quarter's data (quarters from 1 July 2007) is due by the end of the following quarter."
)
ISTV_BASIS = (
    "NHS information standard ISB/DAPB 1594, Information Sharing to Tackle Violence (the Cardiff "
    "Model): mandatory for Type 01 emergency departments. Anonymised, no patient identifiers; "
    "shared under Crime and Disorder Act 1998 s.115 and, for the Serious Violence Duty, Police, "
    "Crime, Sentencing and Courts Act 2022 s.16. At least monthly."
)
LA_TYPES = ("la-unitary", "la-county", "la-district")

# (code, name, owner agency type slugs, description, legal basis, source, frequency, health)
PRESCRIBED_DATASETS = [
    (
        "police-asb-incidents",
        "Anti-social behaviour, transport and public safety incidents",
        ("police",),
        "Category, time, date and location of each anti-social behaviour incident, transport "
        "incident and public safety or welfare incident.",
        SI.format("police"),
        "si_2007_1831",
        "quarterly",
        False,
    ),
    (
        "police-recorded-crime",
        "Recorded crime by sub-category",
        ("police",),
        "Sub-category, time, date and location of each recorded crime in: burglary, criminal "
        "damage, drug offences, fraud and forgery, robbery, sexual offences, theft and handling, "
        "violence against the person, other offences.",
        SI.format("police"),
        "si_2007_1831",
        "quarterly",
        False,
    ),
    (
        "fire-deliberate-primary",
        "Deliberate primary fires (not vehicles)",
        ("fire",),
        "Time, date and location of each deliberate primary fire, excluding vehicles.",
        SI.format("fire and rescue"),
        "si_2007_1831",
        "quarterly",
        False,
    ),
    (
        "fire-deliberate-vehicle",
        "Deliberate primary fires in vehicles",
        ("fire",),
        "Time, date and location of each deliberate primary fire in a vehicle.",
        SI.format("fire and rescue"),
        "si_2007_1831",
        "quarterly",
        False,
    ),
    (
        "fire-deliberate-secondary",
        "Deliberate secondary fires (not vehicles)",
        ("fire",),
        "Time, date and location of each deliberate secondary fire, excluding deliberate "
        "secondary fires in vehicles.",
        SI.format("fire and rescue"),
        "si_2007_1831",
        "quarterly",
        False,
    ),
    (
        "fire-violence-staff",
        "Violence against fire service employees",
        ("fire",),
        "Time, date and location of each incident of violence against fire service employees.",
        SI.format("fire and rescue"),
        "si_2007_1831",
        "quarterly",
        False,
    ),
    (
        "fire-dwelling-no-alarm",
        "Dwelling fires with no smoke alarm fitted",
        ("fire",),
        "Time, date and location of each dwelling fire where no smoke alarm was fitted.",
        SI.format("fire and rescue"),
        "si_2007_1831",
        "quarterly",
        False,
    ),
    (
        "la-asb",
        "Anti-social behaviour (local authority)",
        LA_TYPES,
        "Secondary summary data on anti-social behaviour.",
        SI.format("local authority"),
        "si_2007_1831",
        "quarterly",
        False,
    ),
    (
        "la-environmental-crime",
        "Environmental crime",
        LA_TYPES,
        "Secondary summary data on environmental crime.",
        SI.format("local authority"),
        "si_2007_1831",
        "quarterly",
        False,
    ),
    (
        "la-racial-incidents",
        "Racial incidents",
        LA_TYPES,
        "Secondary summary data on racial incidents.",
        SI.format("local authority"),
        "si_2007_1831",
        "quarterly",
        False,
    ),
    (
        "la-school-exclusions",
        "School exclusions",
        LA_TYPES,
        "Secondary summary data on school exclusions.",
        SI.format("local authority"),
        "si_2007_1831",
        "quarterly",
        False,
    ),
    (
        "la-road-traffic-collisions",
        "Road traffic collisions",
        LA_TYPES,
        "Secondary summary data on road traffic collisions.",
        SI.format("local authority"),
        "si_2007_1831",
        "quarterly",
        False,
    ),
    (
        "health-admissions-assault",
        "Hospital admissions relating to assault",
        ("health-commissioner",),
        "Secondary summary data on hospital admissions relating to assault.",
        SI.format("health"),
        "si_2007_1831",
        "quarterly",
        True,
    ),
    (
        "health-admissions-alcohol",
        "Hospital admissions relating to alcohol",
        ("health-commissioner",),
        "Secondary summary data on hospital admissions relating to alcohol or where alcohol is a "
        "factor.",
        SI.format("health"),
        "si_2007_1831",
        "quarterly",
        True,
    ),
    (
        "health-admissions-domestic-abuse",
        "Hospital admissions relating to domestic abuse",
        ("health-commissioner",),
        "Secondary summary data on hospital admissions relating to domestic abuse.",
        SI.format("health"),
        "si_2007_1831",
        "quarterly",
        True,
    ),
    (
        "health-admissions-drug-disorders",
        "Hospital admissions for mental and behavioural disorders due to drug use",
        ("health-commissioner",),
        "Secondary summary data on hospital admissions for mental and behavioural disorders due to "
        "drug use.",
        SI.format("health"),
        "si_2007_1831",
        "quarterly",
        True,
    ),
    (
        "ambulance-callouts",
        "Ambulance call-outs to crime, disorder and anti-social behaviour",
        ("ambulance",),
        "Secondary summary data on ambulance call-outs to crime, disorder and anti-social "
        "behaviour incidents.",
        SI.format("ambulance"),
        "si_2007_1831",
        "quarterly",
        True,
    ),
    (
        "istv",
        "ISTV: assaults treated in the emergency department",
        ("emergency-department",),
        "Per assault: arrival date and time at A&E, assault date and time, assault method (and "
        "other description), assault location type and description; with the reporting period and "
        "the site code of treatment.",
        ISTV_BASIS,
        "istv",
        "monthly",
        True,
    ),
]

# (code, label, needs a description in words)
ISTV_METHODS = [
    ("body", "Hit, kicked or punched (body parts)", False),
    ("blunt", "Blunt object (for example a bat or bottle used as a club)", False),
    ("sharp", "Knife or other sharp object", False),
    ("glass", "Glass or bottle (broken)", False),
    ("firearm", "Firearm", False),
    ("bite", "Bitten", False),
    ("strangulation", "Strangulation or suffocation", False),
    ("unknown", "Not known", False),
    ("other", "Other method", True),
]
ISTV_LOCATION_TYPES = [
    ("street", "Street, road or public open space", False),
    ("pub-bar", "Pub, bar or club", False),
    ("home", "Home (private dwelling)", False),
    ("workplace", "Workplace", False),
    ("school", "School or college", False),
    ("transport", "Public transport or station", False),
    ("shop", "Shop or shopping centre", False),
    ("sport", "Sports or leisure venue", False),
    ("prison", "Prison or custody", False),
    ("unknown", "Not known", False),
    ("other", "Other place", True),
]
