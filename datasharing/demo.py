"""Demo data for data sharing: agreements for Leeds in different states, deliveries and ISTV
returns for Leeds Hospital Emergency Department. Safe to run again (nothing is duplicated).

The prescribed datasets and ISTV code lists are reference data, loaded by migration 0002.
"""

import csv
import io
import random
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core import clock
from partnerships.models import Agency, Document, DocumentKind, Partnership

from . import periods, selectors, services
from .models import Agreement, AgreementParty, DataUse, Delivery, IstvReturn, PrescribedDataset

LEEDS = "E22000345"
POLICE = "West Yorkshire Police"
HOSPITAL = "Leeds Hospital Emergency Department"
COUNCIL = "Leeds Council"
HEALTH = "Leeds Integrated Care Board place team"
FIRE = "West Yorkshire Fire and Rescue Service"
COUNCIL_SIGNATORY = "staff.council@example.org"

COMMON = {
    "controllers": Agreement.Controllers.SEPARATE,
    "data_category": Agreement.DataCategory.DEPERSONALISED,
    "lawful_basis": Agreement.LawfulBasis.NOT_APPLICABLE,
    "necessity": "The partnership's strategic assessment and tasking need the data; it is "
    "depersonalised, so no one is identified, and only the fields listed are shared.",
    "dpia_status": Agreement.Dpia.NOT_NEEDED,
    "dpo_views": "The data protection officers agreed no DPIA is needed for depersonalised data.",
    "retention": "Kept for three years for trend analysis, then deleted by the analyst.",
    "security": "Held on the council's secure analytical server; access limited to named analysts.",
    "transfer_method": "Secure file transfer (SFTP) to the partnership's analytical team.",
    "rights_arrangements": "No personal data is shared. Requests are passed to each controller's "
    "data protection officer.",
}


def _agreement(*, title, partnership, parties, status, datasets, values, users):
    """Create one demo agreement, once: found again by its title within the partnership."""
    existing = Agreement.objects.filter(partnership=partnership, title=title).first()
    if existing is not None:
        return existing
    creator_agency, creator_role = parties[0]
    creator = users.get(creator_agency.name)
    agreement = services.agreement_create(
        user=creator, partnership=partnership, agency=creator_agency, title=title, role=creator_role
    )
    for agency, role in parties[1:]:
        services.party_add(agreement=agreement, agency=agency, role=role, user=creator)
    services.agreement_update(agreement=agreement, user=creator, values=values, datasets=datasets)
    agreement.refresh_from_db()
    if status == Agreement.Status.IN_NEGOTIATION:
        services.agreement_start_negotiation(agreement=agreement, user=creator)
    elif status in (Agreement.Status.AWAITING_SIGNATURES, Agreement.Status.ACTIVE):
        services.agreement_request_signatures(agreement=agreement, user=creator)
        for party in agreement.parties.select_related("agency"):
            signer = users.get(party.agency.name)
            if signer is None or party.agency_id not in signer.scope.signatory_agency_ids:
                continue
            if status == Agreement.Status.AWAITING_SIGNATURES and party.agency.name != POLICE:
                continue
            services.agreement_sign(agreement=agreement, party=party, user=signer)
    return agreement


def _istv_csv(*, site_code: str, start: date, end: date, rng: random.Random) -> str:
    places = [
        ("Call Lane", "pub-bar", 9),
        ("Lower Briggate", "pub-bar", 8),
        ("Briggate", "street", 7),
        ("Merrion Street", "pub-bar", 5),
        ("Leeds railway station", "transport", 4),
        ("Kirkgate Market", "shop", 2),
        ("Millennium Square", "street", 4),
        ("Headingley Otley Road", "pub-bar", 4),
        ("Elland Road stadium", "sport", 1),
        ("Harehills Lane", "street", 3),
        ("", "home", 6),
        ("", "workplace", 1),
        ("Trinity Leeds", "shop", 1),
        ("", "unknown", 1),
    ]
    methods = [
        ("body", 60),
        ("blunt", 10),
        ("glass", 8),
        ("sharp", 7),
        ("bite", 3),
        ("strangulation", 2),
        ("unknown", 6),
        ("other", 4),
    ]
    days = (end - start).days + 1
    count = rng.randint(110, 160)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "site_code",
            "arrival_datetime",
            "assault_datetime",
            "assault_method",
            "assault_method_other",
            "assault_location_type",
            "assault_location_description",
        ]
    )
    for _ in range(count):
        day = start + timedelta(days=rng.randrange(days))
        # Nights and weekends carry most of the violence.
        if day.weekday() >= 4 or rng.random() < 0.3:
            hour = rng.choice([20, 21, 22, 22, 23, 23, 23, 0, 0, 1, 1, 2, 2, 3])
        else:
            hour = rng.randrange(8, 24)
        assault = datetime(day.year, day.month, day.day, hour, rng.randrange(60))
        arrival = assault + timedelta(minutes=rng.randint(15, 150))
        if arrival.date() > end:
            arrival = datetime(end.year, end.month, end.day, 23, 59)
            assault = min(assault, arrival - timedelta(minutes=10))
        place, location_type = rng.choices(
            [(p, t) for p, t, _w in places], weights=[w for _p, _t, w in places]
        )[0]
        method = rng.choices([m for m, _w in methods], weights=[w for _m, w in methods])[0]
        other = (
            rng.choice(["Thrown drink can", "Pushed down stairs", "Hit by car door"])
            if method == "other"
            else ""
        )
        writer.writerow(
            [
                site_code,
                f"{arrival:%Y-%m-%d %H:%M}",
                f"{assault:%Y-%m-%d %H:%M}",
                method,
                other,
                location_type,
                place,
            ]
        )
    return out.getvalue()


def _council_signatory(council: Agency) -> User:
    """A demo signatory for Leeds Council, so agreements with it can be signed for real."""
    from accounts.models import Role
    from accounts.services import role_assign
    from partnerships.demo import DEMO_PASSWORD

    user = User.objects.filter(email=COUNCIL_SIGNATORY).first()
    if user is None:
        user = User.objects.create_user(
            email=COUNCIL_SIGNATORY,
            password=DEMO_PASSWORD,
            full_name="Cam Council",
            job_title="Information governance lead",
        )
    role_assign(user=user, role=Role.AGENCY_STAFF, agency=council, is_signatory=True)
    return User.objects.get(pk=user.pk)  # a fresh scope, with the role just given


@transaction.atomic
def seed() -> dict:
    partnership = Partnership.objects.filter(ons_code=LEEDS).first()
    if partnership is None:
        return {}
    agencies = {a.name: a for a in Agency.objects.filter(memberships__partnership=partnership)}
    users = {
        POLICE: User.objects.filter(email="staff@example.org").first(),
        HOSPITAL: User.objects.filter(email="staff.hospital@example.org").first(),
    }
    if not all(name in agencies for name in (POLICE, HOSPITAL, COUNCIL, HEALTH, FIRE)) or not all(
        users.values()
    ):
        return {}
    manager = User.objects.filter(email="manager@example.org").first()
    users[COUNCIL] = _council_signatory(agencies[COUNCIL])
    for name in (HEALTH, FIRE):
        users[name] = manager
    datasets = {d.code: d for d in PrescribedDataset.objects.all()}
    today = clock.today()
    last_quarter = periods.previous_period(
        periods.period_containing(today, "quarterly"), "quarterly"
    )
    two_back = periods.previous_period(last_quarter, "quarterly")
    both, provider, recipient = (
        AgreementParty.Role.BOTH,
        AgreementParty.Role.PROVIDER,
        AgreementParty.Role.RECIPIENT,
    )

    istv_agreement = _agreement(
        title="Emergency department assault data (ISTV) for violence reduction",
        partnership=partnership,
        parties=[(agencies[HOSPITAL], provider), (agencies[POLICE], recipient)],
        status=Agreement.Status.ACTIVE,
        datasets=[datasets["istv"]],
        users=users,
        values={
            **COMMON,
            "purpose": "Share anonymised information on assaults treated in the emergency "
            "department (the Cardiff Model) so police and partners can target "
            "violence hot spots and times.",
            "data_items": "Arrival date and time; assault date and time; method; location "
            "type and description (ISB 1594 minimum dataset).",
            "legal_powers": ["cda_s115", "pcsc_s16"],
            "frequency": "monthly",
            "start_date": two_back.start,
            "review_date": today + timedelta(days=45),
            "end_date": two_back.start + timedelta(days=3 * 365),
            "publish": True,
        },
    )
    crime_agreement = _agreement(
        title="Quarterly recorded crime and anti-social behaviour",
        partnership=partnership,
        parties=[(agencies[POLICE], provider), (agencies[COUNCIL], recipient)],
        status=Agreement.Status.ACTIVE,
        datasets=[datasets["police-recorded-crime"], datasets["police-asb-incidents"]],
        users=users,
        values={
            **COMMON,
            "purpose": "The SI 2007/1831 prescribed police data for the partnership's "
            "strategic assessment and tasking.",
            "data_items": "Crime sub-category, date, time and location (outward postcode "
            "or street); ASB category, date, time and location.",
            "legal_powers": ["cda_s17a", "cda_s115"],
            "frequency": "quarterly",
            "start_date": two_back.start - timedelta(days=365),
            "review_date": today + timedelta(days=200),
            "publish": True,
        },
    )
    _agreement(
        title="Hospital admissions for assault and alcohol",
        partnership=partnership,
        parties=[(agencies[HEALTH], provider), (agencies[COUNCIL], recipient)],
        status=Agreement.Status.DRAFT,
        datasets=[datasets["health-admissions-assault"], datasets["health-admissions-alcohol"]],
        users=users,
        values={
            "purpose": "Secondary summary data on admissions relating to assault and "
            "alcohol, for the serious violence needs assessment."
        },
    )
    _agreement(
        title="Deliberate fires and attacks on firefighters",
        partnership=partnership,
        parties=[
            (agencies[FIRE], provider),
            (agencies[COUNCIL], recipient),
            (agencies[POLICE], recipient),
        ],
        status=Agreement.Status.IN_NEGOTIATION,
        datasets=[
            datasets["fire-deliberate-primary"],
            datasets["fire-deliberate-secondary"],
            datasets["fire-violence-staff"],
        ],
        users=users,
        values={
            **COMMON,
            "purpose": "Fire data for the anti-social behaviour problem profile.",
            "data_items": "Time, date and location of each incident.",
            "legal_powers": ["cda_s17a"],
            "frequency": "quarterly",
            "start_date": today,
            "review_date": today + timedelta(days=365),
        },
    )
    _agreement(
        title="Youth violence referrals (personal data)",
        partnership=partnership,
        parties=[(agencies[POLICE], both), (agencies[COUNCIL], both)],
        status=Agreement.Status.AWAITING_SIGNATURES,
        datasets=[],
        users=users,
        values={
            **COMMON,
            "data_category": Agreement.DataCategory.CRIMINAL,
            "lawful_basis": Agreement.LawfulBasis.PUBLIC_TASK,
            "special_condition": "DPA 2018 schedule 1 paragraph 6 (statutory purposes) and "
            "paragraph 10 (preventing or detecting unlawful acts).",
            "dpia_status": Agreement.Dpia.DONE,
            "dpia_date": today - timedelta(days=30),
            "dpia_outcome": "Risks reduced by minimising fields and named-analyst access.",
            "purpose": "Referrals of young people at risk of serious violence to the "
            "youth violence panel.",
            "data_items": "Name, date of birth, address, relevant incidents.",
            "legal_powers": ["cda_s115"],
            "frequency": "as_needed",
            "start_date": today,
            "review_date": today + timedelta(days=180),
            "publish": False,
        },
    )

    # Deliveries of recorded crime: two quarters back on time; the last quarter is not yet due.
    police = agencies[POLICE]
    for dataset_code in ("police-recorded-crime", "police-asb-incidents"):
        dataset = datasets[dataset_code]
        if not Delivery.objects.filter(
            partnership=partnership, agency=police, dataset=dataset, period_start=two_back.start
        ).exists():
            services.delivery_record(
                user=users[POLICE],
                partnership=partnership,
                agency=police,
                dataset=dataset,
                period_start=two_back.start,
                period_end=two_back.end,
                received_on=min(today, two_back.end + timedelta(days=40)),
                record_count=random.Random(dataset_code).randint(4000, 9000),  # noqa: S311 - demo
                note="Sent by secure file transfer.",
            )

    # ISTV returns for the last three full months.
    hospital = agencies[HOSPITAL]
    rng = random.Random(20250401)  # noqa: S311 - repeatable demo data
    month = periods.previous_period(periods.period_containing(today, "monthly"), "monthly")
    for _ in range(3):
        text = _istv_csv(
            site_code=hospital.site_code or "RR801", start=month.start, end=month.end, rng=rng
        )
        if not IstvReturn.objects.filter(
            agency=hospital, period_start=month.start, period_end=month.end
        ).exists():
            istv_return = services.istv_import(
                agency=hospital,
                user=users[HOSPITAL],
                period_start=month.start,
                period_end=month.end,
                text=text,
                file_name=f"istv-{month.start:%Y-%m}.csv",
            )
            # As if uploaded ten days after the month ended (on time), not all today.
            uploaded = timezone.make_aware(
                datetime.combine(
                    month.end + timedelta(days=10), datetime.min.time().replace(hour=9)
                )
            )
            if uploaded < clock.now():
                IstvReturn.objects.filter(pk=istv_return.pk).update(uploaded_at=uploaded)
        month = periods.previous_period(month, "monthly")

    # The joint strategic assessment drew on every member's data; the strategic assessment on
    # the police's and the emergency department's.
    streams = {key: key.split(":", 1) for key, _label in selectors.partnership_streams(partnership)}
    for document in Document.objects.filter(partnership=partnership):
        if DataUse.objects.filter(document=document).exists():
            continue
        joint = document.kind == DocumentKind.JOINT_STRATEGIC_ASSESSMENT
        chosen = [
            (Agency.objects.get(pk=int(agency_id)), datasets[code])
            for agency_id, code in streams.values()
            if joint or code in ("istv", "police-recorded-crime")
        ]
        if joint or document.kind == DocumentKind.STRATEGIC_ASSESSMENT:
            services.document_data_set(
                user=manager, partnership=partnership, document=document, streams=chosen
            )
    return {"istv": istv_agreement, "crime": crime_agreement}
