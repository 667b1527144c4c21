"""Demo good-practice entries: illustrative write-ups in the style the portal asks for. The
first four are the examples the source report gives (a night-time economy group with help points
and a "behave or be banned" scheme; a local paper's weekly page of partnership news; a
partnership brand; a joint strategic assessment shared by police and partnership). Figures are
illustrative, not real evaluations."""

from dataclasses import dataclass, field


@dataclass
class DemoEntry:
    code: str
    title: str
    themes: list
    outcome: str
    maryland: int | None
    evaluation: str
    area: str
    setup: int
    running: int
    months: int
    summary: str
    problem: str
    response: str
    effect: str
    mechanism: str
    context: str
    implementation: str
    partners: str
    status: str = "published"
    url: str = ""
    adoptions: list = field(default_factory=list)  # (code, months ago, result, explanation)


ENTRIES = [
    DemoEntry(
        "E22000245", "Night-time economy group: help points and “behave or be banned”",
        ["night-time-economy", "violence", "partnership-working"], "worked", 3, "independent",
        "urban", 45_000, 38_000, 9,
        "A monthly night-time economy group of police, licensing, door staff and the hospital "
        "put help points on the busiest streets and banned repeat troublemakers from every "
        "Pubwatch venue at once.",
        "Violence with injury in the city centre rose by a third over two years; 70% happened "
        "between 22:00 and 03:00 on Friday and Saturday nights, clustered around three streets "
        "(police recorded crime and emergency department ISTV data).",
        "A night-time economy group meeting monthly; six staffed help points on Friday and "
        "Saturday nights; a “behave or be banned” scheme where one ban applies in every Pubwatch "
        "venue for 6 to 24 months; radio link between venues and CCTV.",
        "Violence with injury in the zone fell 22% in the first year against the two-year "
        "baseline, while the rest of the city fell 4%. Assault attendances at the emergency "
        "department between 22:00 and 03:00 fell 17%.",
        "A small number of repeat offenders caused a large share of incidents; a ban across all "
        "venues removes them, and help points get vulnerable people home before harm happens.",
        "A city centre with 180 licensed premises, two universities and late-night transport.",
        "A coordinator at half time; Pubwatch chair; licensing officers; door staff training; "
        "radios funded by the business improvement district.",
        "Northumbria Police, city council licensing, Pubwatch, the business improvement "
        "district, the hospital emergency department, street pastors",
        url="https://example.org/evaluations/nte-help-points.pdf",
        adoptions=[("E22000248", 14, "worked",
                    "Ran it with our Pubwatch; bans applied across 60 venues. Assaults down "
                    "about 15% in the first year."),
                   ("E22000294", 8, "partly",
                    "Help points worked well; too few venues joined the ban scheme to make a "
                    "difference in a small town centre."),
                   ("W14000011", 5, "worked",
                    "Combined with our taxi marshals. Early figures encouraging.")],
    ),
    DemoEntry(
        "E22000262", "A weekly page of partnership news in the local paper",
        ["media-communications", "community-engagement"], "promising", 2, "internal", "urban",
        0, 6_000, 3,
        "The local paper gives the partnership a page every week: what the partnership did, "
        "what residents reported and what happened next.",
        "Residents' survey: only 12% had heard of the partnership and fear of crime was rising "
        "while recorded crime fell.",
        "An agreement with the editor for a weekly page; a rota of agencies writing it; a "
        "“you said, we did” column answering residents' reports.",
        "Awareness of the partnership rose from 12% to 31% in the next survey; the share who "
        "felt informed about local crime rose from 24% to 40%.",
        "Regular, local, specific news counters the impression that nothing is done.",
        "A city with one paid-for weekly and one free paper; older readers most reached.",
        "Two hours a week of a communications officer; photos from agencies.",
        "South Yorkshire Police, city council, fire and rescue, the local paper",
        adoptions=[("E22000134", 10, "worked",
                    "Our paper agreed a fortnightly page. Residents' survey awareness up 10 "
                    "points."),
                   ("E22000223", 4, "not_here",
                    "The local paper had no space to give; we moved to a monthly newsletter "
                    "instead.")],
    ),
    DemoEntry(
        "E22000309", "One brand for the partnership",
        ["media-communications", "partnership-working"], "new", None, "none", "mixed",
        4_500, 1_000, 6,
        "A single name and logo used on everything the partnership does, instead of each "
        "agency's own.",
        "Residents credited work to individual agencies or to nobody; partners' staff did not "
        "recognise joint projects as the partnership's.",
        "A short brand guide, a logo, templates for leaflets and social media, and a rule that "
        "joint work carries the brand first.",
        "Too early for outcome figures; the brand is on every joint campaign and the partnership "
        "web pages have had three times the visits.",
        "Recognition builds trust and makes joint work visible to residents and to partners.",
        "A town and surrounding villages with two councils involved.",
        "A designer for five days; agreement from every partner's communications team.",
        "Thames Valley Police, borough council, fire and rescue, health",
        adoptions=[("E22000089", 6, "partly",
                    "Adopted the brand idea; two partners still use their own logos.")],
    ),
    DemoEntry(
        "E22000345", "A joint strategic assessment shared by police and partnership",
        ["analysis", "data-sharing", "partnership-working"], "worked", 2, "internal", "urban",
        8_000, 15_000, 12,
        "Police and partnership write one strategic assessment together, with shared data and "
        "one set of priorities, instead of two documents.",
        "Two separate assessments with different priorities; agencies attended two sets of "
        "meetings; analysts duplicated work on the same data.",
        "One joint assessment each year; a shared data list under the partnership's "
        "information sharing agreement; one priority-setting workshop.",
        "Analyst time saved about 40 days a year; the partnership plan and the police plan now "
        "share five priorities; partners' attendance at tasking rose.",
        "Shared evidence leads to shared priorities, and shared priorities to joint tasking.",
        "A large city with a dedicated partnership analyst and a police analytical unit.",
        "A joint analytical team for the three months of the assessment; agreement at the "
        "strategic board.",
        "West Yorkshire Police, Leeds City Council, health, probation, fire and rescue",
        adoptions=[("E22000257", 18, "worked",
                    "Our first joint assessment this year. One workshop instead of three."),
                   ("E22000168", 9, "partly",
                    "Shared the data but police kept a separate document for force priorities."),
                   ("W14000015", 12, "worked",
                    "Worked with South Wales Police; the Serious Violence Duty needs "
                    "assessment now uses it too.")],
    ),
    DemoEntry(
        "E22000182", "Emergency department data sharing for violence (Cardiff Model)",
        ["data-sharing", "violence", "analysis"], "worked", 3, "independent", "urban",
        20_000, 25_000, 12,
        "The emergency department records where, when and how assaults happened, and sends it "
        "monthly, anonymised, to the partnership analyst.",
        "Police data showed only about a third of the violence treated at the hospital.",
        "ISTV data collection at reception; monthly transfer; analysis at tasking; targeted "
        "patrols and licensing action at the places identified.",
        "Assault attendances fell 26% over three years against a 9% fall in comparison cities.",
        "Seeing the violence police never hear about lets patrols and licensing reach it.",
        "A city with a major trauma centre and a busy night-time economy.",
        "A data lead at the hospital; reception staff training; an analyst day a month.",
        "Merseyside Police, hospital trust, city council, ambulance service",
        url="https://example.org/evaluations/ed-data.pdf",
        adoptions=[("E22000099", 20, "worked", "Data flowing monthly; two hotspots found that "
                    "police had not seen."),
                   ("E22000292", 7, "partly", "Data quality poor at first; now improving.")],
    ),
    DemoEntry(
        "E22000099", "Taxi marshals at the late-night rank",
        ["night-time-economy", "anti-social-behaviour"], "worked", 2, "internal", "urban",
        3_000, 22_000, 2,
        "Licensed marshals manage the queue at the main taxi rank on Friday and Saturday nights.",
        "Fights in the taxi queue made up 15% of town-centre violence at weekends.",
        "Two marshals from 23:00 to 04:00; barriers; radio link to CCTV.",
        "Incidents at the rank fell from 41 to 12 a year.",
        "Order in the queue removes the trigger for disputes.",
        "A town centre with one main late-night rank.",
        "A security contractor; barriers from the council.",
        "Greater Manchester Police, council, taxi operators",
        adoptions=[("W14000015", 12, "worked", "Same results at two ranks.")],
    ),
    DemoEntry(
        "E22000257", "Street lighting upgrade on a burglary hotspot estate",
        ["anti-social-behaviour"], "did_not_work", 3, "independent", "urban",
        120_000, 4_000, 6,
        "Brighter LED lighting on an estate with high burglary did not reduce burglary.",
        "Dwelling burglary on the estate was three times the city rate.",
        "Replaced 240 lamps with brighter LED units.",
        "Burglary fell 3%, the same as the comparison estate; residents felt safer at night.",
        "Most burglaries happened in daylight through rear doors; lighting did not reach them.",
        "A 1960s estate with rear alleys and poor door security.",
        "Highways capital budget; four months of works.",
        "Police, city council highways, housing",
        url="https://example.org/evaluations/lighting.pdf",
    ),
    DemoEntry(
        "E22000168", "Youth diversion through football at weekends",
        ["youth", "anti-social-behaviour", "community-engagement"], "promising", 2, "internal",
        "urban", 10_000, 18_000, 6,
        "Free Friday and Saturday evening football for 11 to 17 year olds in two parks.",
        "Anti-social behaviour calls about young people peaked on weekend evenings in two parks.",
        "Coached sessions from 18:00 to 21:00 with youth workers present.",
        "Youth-related ASB calls in the two parks fell 28% over a year.",
        "Structured activity at the peak time, with trusted adults.",
        "Two parks on the edge of the city centre.",
        "A football trust coach; two youth workers; floodlights.",
        "Police, city council youth service, a football club's community trust",
        adoptions=[("E22000017", 6, "worked", "Attendance of 40 a night; ASB calls down."),
                   ("E22000223", 3, "not_here", "Too few young people came in a small city "
                    "centre in winter.")],
    ),
    DemoEntry(
        "E22000089", "Domestic abuse: a one-stop shop at the library",
        ["domestic-abuse"], "promising", 1, "internal", "urban", 2_000, 12_000, 4,
        "Weekly drop-in with an independent domestic violence adviser, housing and police in "
        "the central library.",
        "Few victims sought help before a crisis; many did not want to go to a police station.",
        "A Tuesday drop-in in a private room at the library; no appointment needed.",
        "110 people seen in the first year; 40% had never reported to anyone.",
        "A neutral, ordinary place lowers the barrier to asking for help.",
        "A seaside town with high housing turnover.",
        "Room from the library; rota of agencies.",
        "Police, borough council housing, domestic abuse charity, library service",
    ),
    DemoEntry(
        "E22000017", "Partnership analyst shared between three partnerships",
        ["analysis", "partnership-working"], "worked", None, "internal", "mixed",
        0, 42_000, 6,
        "Three neighbouring partnerships jointly employ one analyst rather than none each.",
        "None of the three could afford an analyst; assessments were written without analysis.",
        "A shared post hosted by one council, time split by agreement, common data templates.",
        "All three strategic assessments now include hotspot and trend analysis.",
        "Pooling a small budget buys a skill none could buy alone.",
        "A city and two rural districts.",
        "A hosting agreement; a data sharing agreement covering all three.",
        "Three councils, the police force, the PCC",
        adoptions=[("E22000366", 11, "worked", "Shared with Nottingham; works well.")],
    ),
    DemoEntry(
        "E22000223", "Rural crime watch with farmers' WhatsApp groups",
        ["community-engagement", "partnership-working"], "promising", 1, "none", "rural",
        500, 1_000, 3,
        "Farmers and rural police officers share alerts about suspicious vehicles in a "
        "moderated group.",
        "Thefts of farm machinery and fuel rose; reports came days late.",
        "Moderated messaging groups by parish; a rural crime officer as moderator.",
        "Reports within the hour rose; two vans stopped with stolen equipment.",
        "Fast shared information across a wide area.",
        "A large rural district with scattered farms.",
        "A rural crime officer's time; group rules.",
        "Norfolk Constabulary, National Farmers Union, parish councils",
    ),
    DemoEntry(
        "E22000292", "Sexual violence awareness training for door staff",
        ["night-time-economy", "violence"], "promising", 2, "internal", "urban",
        6_000, 8_000, 6,
        "All door supervisors in the city centre trained to spot and intervene in predatory "
        "behaviour.",
        "Reports of sexual assault in and around venues rose, often after a warning sign.",
        "Half-day training with a local charity; a venue accreditation.",
        "Interventions logged by door staff rose from 5 to 60 a year.",
        "Trained staff act on the early signs.",
        "A city with a large student night-time economy.",
        "Training from the rape crisis centre; licensing condition.",
        "Sussex Police, city council licensing, rape crisis centre, Pubwatch",
    ),
    DemoEntry(
        "E22000294", "Alley gating in terraced streets",
        ["anti-social-behaviour"], "worked", 3, "independent", "urban", 60_000, 2_000, 3,
        "Lockable gates on rear alleys of terraced streets with high burglary.",
        "Rear-entry burglary in Victorian terraces.",
        "Gates on 40 alleys with residents' consent; keys held by residents.",
        "Burglary fell 37% against a comparison area with no displacement found.",
        "Removes the hidden access route.",
        "A town with Victorian terraced housing.",
        "Consultation with every household; legal orders.",
        "Police, borough council, residents",
        adoptions=[("E22000134", 9, "partly",
                    "Gated 15 alleys; burglary down on gated streets, but consent was slow.")],
    ),
    DemoEntry(
        "W14000015", "Violence Reduction Unit navigators in the emergency department",
        ["violence", "youth", "serious-violence-duty"], "promising", 2, "independent",
        "urban", 30_000, 90_000, 9,
        "Youth workers in the emergency department offer support to young people injured by "
        "violence.",
        "Young people attended with violent injuries repeatedly; no follow-up after discharge.",
        "Two navigators on evening shifts; referral to community support.",
        "Repeat attendance for violence among those supported fell 30% compared with before.",
        "A teachable moment after injury.",
        "A city hospital with a major trauma unit.",
        "Hospital honorary contracts; clinical supervision.",
        "South Wales Police, health board, Violence Prevention Unit, youth charity",
        url="https://example.org/evaluations/navigators.pdf",
        adoptions=[("E22000182", 8, "worked", "Similar figures after a year.")],
    ),
    DemoEntry(
        "W14000011", "Multi-agency problem-solving for a beach anti-social behaviour hotspot",
        ["anti-social-behaviour", "youth"], "worked", 2, "internal", "mixed",
        5_000, 10_000, 3,
        "A SARA problem-solving plan for summer disorder on the beach front.",
        "Summer weekends brought large gatherings, drinking and fights.",
        "Alcohol-free zone enforcement; youth workers; extra buses; lighting.",
        "ASB incidents down 45% over the summer against the previous two summers.",
        "Several small changes together removed the conditions for disorder.",
        "A seaside city beach front.",
        "A summer plan agreed at tasking.",
        "South Wales Police, city council, transport operator",
    ),
    DemoEntry(
        "E22000134", "Reducing deliberate secondary fires with youth outreach",
        ["youth", "anti-social-behaviour"], "worked", 2, "internal", "urban", 4_000, 9_000, 6,
        "Firefighters and youth workers visit schools and parks before bonfire season.",
        "Deliberate secondary fires peaked each October and November.",
        "School talks, park patrols, rubbish clearance before 5 November.",
        "Deliberate secondary fires fell 33% in the autumn period.",
        "Fewer fuel sources and more awareness among young people.",
        "A port city with many vacant plots.",
        "Fire service crews' time; council clearance teams.",
        "Humberside Fire and Rescue, council, police, schools",
    ),
    DemoEntry(
        "E22000248", "Prolific offender management with housing first",
        ["drugs-alcohol", "partnership-working"], "promising", 2, "internal", "urban",
        15_000, 60_000, 12,
        "Integrated offender management combined with immediate tenancy for prolific "
        "offenders.",
        "A small group of prolific offenders without stable housing committed a large share of "
        "acquisitive crime.",
        "Ten tenancies with intensive support and drug treatment.",
        "Reoffending among the cohort fell 40% in a year.",
        "Stable housing makes treatment and supervision possible.",
        "A city with a tight rental market.",
        "Housing association partner; probation and police IOM team.",
        "Northumbria Police, probation, housing association, drug treatment service",
    ),
    DemoEntry(
        "E22000366", "Community speed watch in villages",
        ["community-engagement"], "did_not_work", 2, "internal", "rural", 3_000, 500, 6,
        "Volunteers with speed guns recorded speeding vehicles in villages; speeds did not fall.",
        "Residents' top concern at every parish meeting was speeding.",
        "Trained volunteer teams; warning letters from police.",
        "Average speeds unchanged after a year; volunteers dropped out.",
        "Letters without enforcement did not change behaviour.",
        "Two-tier area with many small villages.",
        "Volunteer recruitment; police letters.",
        "Nottinghamshire Police, district council, parish councils",
    ),
    DemoEntry(
        "E22000345", "Monthly tasking with health at the table",
        ["partnership-working", "violence"], "promising", 1, "internal", "urban",
        0, 5_000, 6,
        "An emergency department manager and an ICB analyst attend the tactical tasking group.",
        "Health attended the board but nobody from health came to tasking, where data is used.",
        "Standing invitation; a data item on every agenda.",
        "Health data discussed at every meeting; two joint actions on alcohol-related assaults.",
        "Operational people bring operational data.",
        "A large city with several hospitals.",
        "Agreement of the ICB place director.",
        "West Yorkshire Police, ICB, hospital trust, council",
    ),
    DemoEntry(
        "E22000262", "Safe space for vulnerable people on nights out",
        ["night-time-economy", "violence"], "worked", 2, "internal", "urban", 8_000, 28_000, 6,
        "A staffed safe space in the city centre for people who are drunk, hurt or lost.",
        "Ambulance call-outs to intoxicated people in the city centre on weekend nights.",
        "A church hall open 22:00 to 04:00 with first-aiders and volunteers.",
        "Ambulance call-outs fell 20% and the emergency department saw 300 fewer attendances.",
        "Minor problems are treated on the spot.",
        "A city centre with a large student population.",
        "Volunteers; a paramedic at peak times.",
        "Police, ambulance service, city council, churches",
        adoptions=[("E22000168", 7, "worked",
                    "Opened a safe space in a city-centre church; ambulance call-outs down.")],
    ),
    DemoEntry(
        "E22000257", "Data sharing agreement template for all partners",
        ["data-sharing", "partnership-working"], "worked", None, "none", "urban",
        2_000, 0, 3,
        "One template agreement covering the prescribed data, signed by every responsible "
        "authority.",
        "Each agency had its own agreement format; negotiations took a year.",
        "A template based on the ICO code; one sign-off meeting.",
        "All five responsible authorities signed within three months.",
        "A common template removes argument about form.",
        "A city partnership.",
        "Information governance leads' time.",
        "Police, city council, fire, health, probation",
    ),
    DemoEntry(
        "E22000099", "Problem profile of violence using ambulance data",
        ["analysis", "violence", "data-sharing"], "new", None, "none", "urban", 0, 3_000, 3,
        "Ambulance call-out data added to the violence problem profile.",
        "Violence outside police data was invisible to the profile.",
        "Quarterly ambulance extract; mapping by analyst.",
        "Two new hotspots identified; too early for outcomes.",
        "More complete data shows more of the problem.",
        "A borough partnership.",
        "Data sharing agreement with the ambulance trust.",
        "Police, ambulance trust, council",
    ),
    DemoEntry(
        "E22000089", "School exclusions and youth offending panel",
        ["youth"], "new", None, "none", "urban", 0, 8_000, 6,
        "Schools, youth justice and police review young people at risk of exclusion together.",
        "Excluded pupils were over-represented among first-time entrants.",
        "A monthly panel; an agreed support plan for each young person.",
        "Too early to show an effect on first-time entrants.",
        "Early support before exclusion.",
        "A unitary borough with 12 secondary schools.",
        "Schools' agreement; youth justice chair.",
        "Schools, youth justice service, police",
    ),
    DemoEntry(
        "E22000309", "Shop theft reduction with business crime partnership",
        ["anti-social-behaviour", "partnership-working"], "promising", 2, "internal", "urban",
        5_000, 12_000, 4,
        "Retailers share images of prolific shop thieves and ban them from member stores.",
        "Shop theft rose 30% in the town centre.",
        "A business crime partnership with radios and an exclusion scheme.",
        "Shop theft fell 15% among member stores.",
        "Exclusion across stores removes the most prolific thieves.",
        "A town centre shopping district.",
        "A coordinator funded by members.",
        "Police, business improvement district, retailers",
    ),
    DemoEntry(
        "E22000292", "Drug-related litter clean-up with outreach",
        ["drugs-alcohol", "anti-social-behaviour"], "promising", 1, "none", "urban",
        2_000, 15_000, 3,
        "Outreach workers accompany cleansing teams to offer treatment to people using drugs in "
        "public places.",
        "Needle finds and complaints in two parks.",
        "Weekly joint walks; referral to treatment.",
        "Needle finds halved; 25 referrals to treatment.",
        "Contact with people at the place they use.",
        "Two city parks.",
        "Outreach worker time.",
        "Council cleansing, drug service, police",
    ),
    DemoEntry(
        "E22000182", "Knife amnesty bins",
        ["violence", "youth"], "did_not_work", 2, "internal", "urban", 6_000, 1_000, 1,
        "Permanent knife surrender bins did not reduce knife crime.",
        "Knife crime among young people rose.",
        "Six bins in public places.",
        "400 knives surrendered, mostly kitchen knives from older residents; knife crime "
        "unchanged.",
        "The people carrying knives did not use the bins.",
        "A city with rising youth violence.",
        "Bins from a charity; collection by police.",
        "Merseyside Police, city council",
    ),
    DemoEntry(
        "E22000168", "Interpreting for victims of hate crime",
        ["community-engagement"], "promising", 1, "internal", "urban", 0, 7_000, 3,
        "A telephone interpreting line for hate crime reporting centres.",
        "Under-reporting among recent migrants.",
        "Interpreting available at eight third-party reporting centres.",
        "Reports from people needing an interpreter doubled.",
        "Removes the language barrier to reporting.",
        "A diverse city.",
        "Interpreting contract.",
        "Police, city council, community groups",
    ),
    DemoEntry(
        "W14000015", "Alcohol treatment referral from custody",
        ["drugs-alcohol"], "worked", 3, "independent", "urban", 5_000, 40_000, 9,
        "Alcohol workers in custody offer brief intervention and referral.",
        "Repeat arrests for alcohol-related violence.",
        "Workers in custody suite seven days a week.",
        "Re-arrest within six months fell 18% against a matched group.",
        "A brief intervention at a moment of crisis.",
        "A city custody suite.",
        "Health board funding.",
        "South Wales Police, health board, alcohol service",
    ),
    DemoEntry(
        "E22000017", "Partnership newsletter for councillors",
        ["media-communications"], "new", None, "none", "mixed", 0, 1_500, 3,
        "A quarterly two-page briefing for every councillor on partnership work.",
        "Councillors did not know what the partnership did.",
        "A short briefing and an annual session.",
        "Too early; councillors' questions now cite it.",
        "Informed councillors champion the work.",
        "A unitary city council.",
        "Communications officer time.",
        "Council, police",
    ),
    DemoEntry(
        "E22000248", "Moped crime prevention with dealers",
        ["anti-social-behaviour"], "promising", 2, "internal", "urban", 1_000, 2_000, 3,
        "Dealers fit ground anchors and locks at sale.",
        "Moped theft rose sharply.",
        "Advice at point of sale; free ground anchors.",
        "Moped theft fell 25%.",
        "Harder targets.",
        "A city with many delivery riders.",
        "Dealers' agreement.",
        "Police, dealers",
    ),
    # Work in progress, for the demo accounts' pages.
    DemoEntry(
        "E22000345", "Street triage: mental health nurses with police",
        ["partnership-working"], "promising", 2, "internal", "urban", 10_000, 80_000, 6,
        "A mental health nurse travels with police to incidents involving mental distress.",
        "Many section 136 detentions ended with no admission.",
        "Nurse and officer in a car 14:00 to midnight.",
        "Section 136 detentions fell 35%.",
        "Assessment on the spot avoids detention.",
        "A large city.",
        "Mental health trust nurse; police vehicle.",
        "West Yorkshire Police, mental health trust",
        status="submitted",
    ),
    DemoEntry(
        "E22000345", "Neighbourhood walkabouts with councillors",
        ["community-engagement"], "new", None, "none", "urban", 0, 1_000, 2,
        "Monthly walkabouts where residents show officers and councillors the problems.",
        "Residents felt unheard at meetings.",
        "Walkabouts with a follow-up list.",
        "Not yet measured.",
        "Seeing the place together.",
        "Inner-city wards.",
        "Officer and councillor time.",
        "Police, council",
        status="draft",
    ),
    DemoEntry(
        "E22000099", "Licensing conditions for late-night takeaways",
        ["night-time-economy"], "promising", 1, "none", "urban", 0, 2_000, 3,
        "Conditions requiring CCTV and door staff at late-night takeaways.",
        "Disorder at takeaways after closing time.",
        "Licensing reviews and new conditions.",
        "Disorder calls fell at five premises.",
        "Visible management deters disorder.",
        "A town centre.",
        "Licensing officers' time.",
        "Police, council licensing",
        status="submitted",
    ),
]
