"""Generate a national-scale dataset in PostgreSQL for the benchmark (`make bench`).

Every size is an option, so a small run is quick:

    manage.py seed_scale                         # the national sizes below
    manage.py seed_scale --scale 0.01            # every size times 0.01
    manage.py seed_scale --istv-assaults 50000   # one size changed

Rows go in by bulk insert; the two largest tables (deliveries and ISTV assaults) by PostgreSQL
COPY. Distributions follow the portal's real shape: partnerships of very different sizes, most
agreements active, deliveries mostly on time, ISTV returns monthly per emergency department
with more assaults on Friday and Saturday nights, funding pots mostly small with short notice,
and every partnership with a plan, standing groups that meet, and documents and actions that
use the data its agencies deliver.

It writes into an empty database only (one that has been migrated but holds no partnerships),
refuses to run without DEBUG unless told, runs ANALYZE so plans reflect the data, and ends by
working out every partnership's kept review ratings as the nightly job does (bulk inserts send
no signals, so nothing else would). It also
creates the benchmark's sign-in accounts, one per role, named `bench.<role>@scale.example`
(see BENCH_ACCOUNTS); the benchmark signs them in by creating sessions directly.
"""

import csv
import io
import random
import time
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from core import changes, clock
from goodpractice.synthetic import WORDS
from reviews.models import StoredRatings
from reviews.stored import refresh_all

NATIONAL_SIZES = {
    "partnerships": 315,
    "agencies": 3_000,
    "users": 10_000,
    "agreements": 20_000,
    "deliveries": 500_000,
    "istv_assaults": 1_000_000,
    "opportunities": 20_000,
    "bids": 50_000,
    "watches": 200_000,
    "goodpractice_entries": 100_000,
    "outcome_months": 36,
    "stories": 30_000,
    "coverage": 60_000,
    "calendar_items": 10_000,
    # Plans, meetings and documents: totals spread over the partnerships by population, each
    # with at least a small plan (see _plans).
    "documents": 4_400,
    "priorities": 1_600,
    "actions": 15_000,
    "meetings": 25_000,
    "follow_up_actions": 2_500,
    "data_uses": 30_000,
    "stream_notes": 6_000,
}
# The benchmark's accounts: role -> email. Scopes are given in _bench_accounts.
BENCH_ACCOUNTS = {
    "admin": "bench.admin@scale.example",
    "reviewer": "bench.reviewer@scale.example",
    "manager": "bench.manager@scale.example",
    "staff": "bench.staff@scale.example",
    "hospital": "bench.hospital@scale.example",
}
# Unusable for signing in with a password: the benchmark creates its sessions directly.
UNUSABLE_PASSWORD = "!seed-scale"  # noqa: S105 - "!" marks it unusable
PLACES = (
    "Ashford Barnham Caldwick Dunmore Elsworth Fairhaven Glenmoor Harrowby Ingleby Jarrow "
    "Kingsmere Longford Marsden Northwold Oakham Penrith Queensbury Redcliffe Stanmoor Thornbury "
    "Upton Varley Westbury Yarwood"
).split()

# The plans step's words: (title, problem statement) of the priorities, the actions under them
# and the follow-up actions reviewers ask for. "{place}" is the partnership's place.
PRIORITIES = [
    (
        "Violence in the night-time economy",
        "Assaults with injury in {place} town centre on Friday and Saturday nights, mostly "
        "among 18 to 30 year olds, under-recorded by the police compared with the emergency "
        "department.",
    ),
    (
        "Repeat domestic abuse",
        "A third of high-risk domestic abuse victims are referred again within 12 months.",
    ),
    (
        "Serious youth violence",
        "Knife-enabled offences by under-25s have risen for three years, most in four wards.",
    ),
    (
        "Anti-social behaviour in {place} town centre",
        "Reports of rowdy behaviour near the bus station double in the school holidays.",
    ),
    (
        "Drug-related harm and county lines",
        "Young people from {place} are being exploited to sell drugs in neighbouring towns.",
    ),
    (
        "Burglary and vehicle crime",
        "One home in ten burgled is burgled again within a year, most in rented streets.",
    ),
    (
        "Deliberate fires",
        "Deliberate secondary fires cluster on three estates in the spring and autumn.",
    ),
    (
        "Reducing reoffending",
        "Half of the adults released from short sentences reoffend within a year.",
    ),
    (
        "Violence against women and girls",
        "Women say they feel unsafe in the town centre after dark and on the towpath.",
    ),
    (
        "Hate crime",
        "Racially aggravated offences are under-reported: few reach the police.",
    ),
    (
        "Alcohol-related harm",
        "Alcohol-related hospital admissions are a quarter above the national rate.",
    ),
    (
        "Road safety",
        "Collisions injuring cyclists have risen on the ring road since it was widened.",
    ),
    (
        "Retail crime",
        "Shop theft with threats to staff has risen in the two main shopping streets.",
    ),
    (
        "Modern slavery",
        "Car washes and nail bars are not visited by any agency more than once a year.",
    ),
]
ACTIONS = [
    "Agree monthly sharing of emergency department assault data",
    "Extend the street marshal scheme to a second night",
    "Review MARAC referral thresholds",
    "Train front-line housing staff to recognise coercive control",
    "Fund a detached youth work team in the two hotspot wards",
    "Map county lines activity with the police and the youth offending team",
    "Improve the lighting on the canal towpath",
    "Run a problem-solving workshop on shop theft",
    "Commission a domestic abuse perpetrator programme",
    "Target-harden homes burgled twice in a year",
    "Review the licensing conditions of the late-night venues",
    "Evaluate the knife crime lessons in secondary schools",
    "Agree a data sharing agreement for the ambulance call-out data",
    "Report the emergency department's assault data to the board",
    "Name a deputy for the probation board seat",
    "Clear fly-tipping from the estates before the bonfire season",
    "Publish the safer night-time economy charter",
    "Hold a week of action on vehicle crime in the station car parks",
]
FOLLOW_UPS = [
    "Invite the emergency department's data lead to tactical tasking",
    "Agree a data sharing agreement for the ambulance call-out data",
    "Confirm a named probation deputy for the board",
    "Publish the refreshed strategic assessment",
    "Refresh the serious violence strategic needs assessment",
    "Bring the health commissioner back to the tactical group",
    "Set dates for the board's meetings for the coming year",
    "Record the outcome of the street marshal pilot in the good-practice library",
]
STREAM_NOTES = [
    "Thank you: your data showed where the late-night assaults happen.",
    "Thank you for sending this on time every quarter.",
    "This quarter's figures fed the problem profile the board agreed.",
    "Could you add the ward to each record from next quarter?",
    "Thank you: the figures made the case for the street marshals' second night.",
    "The last two deliveries were late: can we agree a date that works for you?",
]


class Command(BaseCommand):
    help = "Generate a national-scale dataset (PostgreSQL) for the benchmark; sizes are options."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiply every national size by this (default 1)",
        )
        for name, size in NATIONAL_SIZES.items():
            parser.add_argument(
                f"--{name.replace('_', '-')}",
                type=int,
                dest=name,
                help=f"Number of {name.replace('_', ' ')} (national: {size:,})",
            )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run although DEBUG is off (a scratch database only)",
        )
        parser.add_argument(
            "--check-seeded",
            action="store_true",
            help="Only report whether the benchmark accounts exist (exit 1 if not)",
        )

    def handle(self, *args, scale, seed, allow_without_debug, check_seeded, **options):
        if check_seeded:
            found = User.objects.filter(email__in=BENCH_ACCOUNTS.values()).count()
            if found < len(BENCH_ACCOUNTS):
                raise CommandError("Not seeded: the benchmark accounts are missing")
            self.stdout.write("Seeded")
            return
        if connection.vendor != "postgresql":
            raise CommandError("seed_scale needs PostgreSQL: set DATABASE_URL")
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "Refused: DEBUG is off. Use a scratch database and --allow-without-debug."
            )
        from partnerships.models import Partnership

        if Partnership.objects.exists():
            raise CommandError(
                "The database already holds partnerships; seed_scale fills an "
                "empty, migrated database (drop and re-create it first)."
            )
        sizes = {
            name: options.get(name)
            if options.get(name) is not None
            else max(1, round(size * scale))
            for name, size in NATIONAL_SIZES.items()
        }
        sizes["partnerships"] = max(sizes["partnerships"], 10)
        if options.get("outcome_months") is None:
            sizes["outcome_months"] = NATIONAL_SIZES["outcome_months"]
        self.rng = random.Random(seed)  # noqa: S311 - repeatable data, not secrets
        self.now = clock.now()
        self.today = timezone.localdate(self.now)
        started = time.perf_counter()
        steps = [
            ("partnerships and agencies", self._partnerships),
            ("users and roles", self._users),
            ("agreements", self._agreements),
            ("deliveries", self._deliveries),
            ("ISTV returns and assaults", self._istv),
            ("funding opportunities, bids and watches", self._funding),
            ("good-practice entries", self._goodpractice),
            ("outcome figures", self._outcomes),
            ("communications", self._communications),
            ("plans, meetings and documents", self._plans),
        ]
        for label, step in steps:
            step_started = time.perf_counter()
            with transaction.atomic():
                counts = step(sizes)
            self.stdout.write(f"{label}: {counts} ({time.perf_counter() - step_started:.1f} s)")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        changes.changed(None)  # nothing derived from what was here before may be read again
        # Bulk inserts send no signals, so no kept ratings exist yet: work them all out as the
        # nightly job does, so the first dashboards read them as they would after a night.
        step_started = time.perf_counter()
        rated = refresh_all(today=self.today)
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {StoredRatings._meta.db_table}")
        self.stdout.write(
            f"kept review ratings: {rated:,} partnerships "
            f"({time.perf_counter() - step_started:.1f} s)"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"National dataset ready in {time.perf_counter() - started:.0f} s. "
                f"Benchmark accounts: {', '.join(BENCH_ACCOUNTS.values())}"
            )
        )

    # Helpers ----------------------------------------------------------------------------------

    def _copy(self, model, columns: list[str], rows) -> int:
        """COPY rows (tuples in `columns` order) into the model's table; returns the count."""
        table = model._meta.db_table
        count = 0
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        with connection.cursor() as cursor:
            raw = cursor.cursor if hasattr(cursor, "cursor") else cursor
            for row in rows:
                writer.writerow(["\\N" if value is None else value for value in row])
                count += 1
                if count % 100_000 == 0:
                    buffer.seek(0)
                    raw.copy_expert(
                        f"COPY {table} ({', '.join(columns)}) FROM STDIN "
                        "WITH (FORMAT csv, NULL '\\N')",
                        buffer,
                    )
                    buffer = io.StringIO()
                    writer = csv.writer(buffer)
            buffer.seek(0)
            raw.copy_expert(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')",
                buffer,
            )
        return count

    def _bulk(self, model, objects, batch_size=5_000):
        return model.objects.bulk_create(objects, batch_size=batch_size)

    def _by_population(self):
        """A partnership chosen in proportion to its population: the largest area has about
        twenty times the records of the smallest, as in England and Wales."""
        if not hasattr(self, "_population_weights"):
            total = 0
            self._population_weights = []
            for partnership in self.partnerships:
                total += partnership.population
                self._population_weights.append(total)
        return self.rng.choices(self.partnerships, cum_weights=self._population_weights)[0]

    @staticmethod
    def _split(total: int, weights: list[float], minimum: int = 0) -> list[int]:
        """`total` shared out in proportion to `weights` (largest remainder), each share at
        least `minimum`: the shares add up to `total` unless the minimums come to more."""
        counts = [minimum] * len(weights)
        rest = total - minimum * len(weights)
        whole = sum(weights)
        if rest <= 0 or not whole:
            return counts
        shares = [rest * weight / whole for weight in weights]
        floors = [int(share) for share in shares]
        by_remainder = sorted(
            range(len(weights)), key=lambda i: shares[i] - floors[i], reverse=True
        )
        for i in by_remainder[: rest - sum(floors)]:
            floors[i] += 1
        return [count + extra for count, extra in zip(counts, floors, strict=True)]

    def _per_partnership(self, total: int, minimum: int) -> dict[int, int]:
        """`total` records shared over the partnerships by population, at least `minimum`
        each, so the largest area has the most and every area a plan."""
        counts = self._split(total, [p.population for p in self.partnerships], minimum)
        return {p.pk: count for p, count in zip(self.partnerships, counts, strict=True)}

    # Steps ------------------------------------------------------------------------------------

    def _partnerships(self, sizes):
        from partnerships.models import (
            Agency,
            AgencyType,
            AnalyticalCapacity,
            Membership,
            Partnership,
            Region,
        )

        rng = self.rng
        regions = list(Region.objects.order_by("code"))
        if not regions:
            raise CommandError("No regions: run manage.py migrate first")
        types = {t.slug: t for t in AgencyType.objects.all()}
        partnerships = []
        for n in range(sizes["partnerships"]):
            region = regions[n % len(regions)]
            prefix = "W15" if region.code.startswith("W") else "E22"
            place = f"{PLACES[n % len(PLACES)]}{'' if n < len(PLACES) else f' {n // len(PLACES)}'}"
            partnerships.append(
                Partnership(
                    name=f"{place} Community Safety Partnership",
                    ons_code=f"{prefix}{n:06d}",
                    region=region,
                    police_force_area=f"{region.name} Police Area {n % 4 + 1}",
                    most_similar_group=f"Group {n % 15 + 1}",
                    # The first is the largest (the benchmark's manager works there).
                    population=1_100_000 if n == 0 else rng.randint(55_000, 800_000),
                    analytical_capacity=rng.choice(AnalyticalCapacity.values),
                    analyst_count=rng.randint(0, 6),
                )
            )
        partnerships = self._bulk(Partnership, partnerships)
        self.partnerships = partnerships

        # One police force per four partnerships, the rest spread over the other types; one
        # emergency department per two partnerships.
        agency_specs = []
        per_type = [
            ("police", len(partnerships) // 4 + 1),
            ("emergency-department", len(partnerships) // 2 + 1),
            ("health-commissioner", len(partnerships) // 3 + 1),
            ("fire", len(partnerships) // 6 + 1),
            ("probation", len(partnerships) // 8 + 1),
        ]
        remaining = max(0, sizes["agencies"] - sum(count for _, count in per_type))
        others = [
            "la-unitary",
            "la-district",
            "yot",
            "education",
            "drug-alcohol",
            "voluntary",
            "housing",
            "ambulance",
            "licensed-trade",
        ]
        per_type += [(slug, remaining // len(others)) for slug in others]
        for slug, count in per_type:
            for n in range(count):
                site = f"RX{n:04d}" if slug == "emergency-department" else ""
                agency_specs.append(
                    Agency(
                        name=f"{types[slug].name} {n + 1}", agency_type=types[slug], site_code=site
                    )
                )
        # Each type's first agency leads, so a small scale's cut keeps one of every type.
        agency_specs.sort(key=lambda agency: not agency.name.endswith(" 1"))
        agencies = self._bulk(Agency, agency_specs[: max(sizes["agencies"], len(per_type))])
        self.agencies_by_type = {}
        for agency in agencies:
            self.agencies_by_type.setdefault(agency.agency_type_id, []).append(agency)
        by_slug = {slug: self.agencies_by_type.get(types[slug].pk, []) for slug in types}
        self.emergency_departments = by_slug["emergency-department"]

        memberships = []
        self.members = {}
        for n, partnership in enumerate(partnerships):
            chosen = [
                by_slug["police"][n // 4 % len(by_slug["police"])],
                by_slug["emergency-department"][n // 2 % len(self.emergency_departments)],
                by_slug["health-commissioner"][n // 3 % len(by_slug["health-commissioner"])],
                by_slug["fire"][n // 6 % len(by_slug["fire"])],
                by_slug["probation"][n // 8 % len(by_slug["probation"])],
            ]
            pool = [a for slug in others for a in by_slug[slug]]
            chosen += rng.sample(pool, min(len(pool), rng.randint(4, 12)))
            seen = set()
            for agency in chosen:
                if agency.pk in seen:
                    continue
                seen.add(agency.pk)
                strategic = True
                # Health engaged at strategic level only, in a third of partnerships: the
                # report's finding, visible on the review dashboard.
                deeper = not (
                    agency.agency_type_id == types["health-commissioner"].pk and rng.random() < 0.33
                )
                memberships.append(
                    Membership(
                        partnership=partnership,
                        agency=agency,
                        strategic=strategic,
                        tactical=deeper and rng.random() < 0.8,
                        operational=deeper and rng.random() < 0.6,
                        joined_on=self.today - timedelta(days=rng.randint(100, 5_000)),
                    )
                )
            self.members[partnership.pk] = [a for a in chosen if a.pk in seen]
        self.memberships = {}
        for membership in self._bulk(Membership, memberships):
            self.memberships.setdefault(membership.partnership_id, []).append(membership)
        return (
            f"{len(partnerships):,} partnerships, {len(agencies):,} agencies, "
            f"{len(memberships):,} memberships"
        )

    def _users(self, sizes):
        rng = self.rng
        partnerships = self.partnerships
        users, assignments = [], []
        count = sizes["users"]
        agencies = [a for group in self.agencies_by_type.values() for a in group]
        for n in range(count):
            users.append(
                User(
                    email=f"user{n:05d}@scale.example",
                    full_name=f"Scale User {n}",
                    password=UNUSABLE_PASSWORD,
                    email_notifications=rng.random() < 0.9,
                )
            )
        for role, email in BENCH_ACCOUNTS.items():
            users.append(
                User(email=email, full_name=f"Benchmark {role}", password=UNUSABLE_PASSWORD)
            )
        users = self._bulk(User, users)
        self.users = users[:count]
        bench = {u.email: u for u in users[count:]}
        # Two managers per partnership, three reviewers per region, a few administrators,
        # everyone else agency staff (a fifth of them signatories).
        regions = sorted({p.region_id for p in partnerships})
        cursor = 0
        self.managers = {}
        for partnership in partnerships:
            for _ in range(2):
                if cursor >= count:
                    break
                assignments.append(
                    RoleAssignment(
                        user=self.users[cursor], role=Role.MANAGER, partnership=partnership
                    )
                )
                self.managers.setdefault(partnership.pk, []).append(self.users[cursor])
                cursor += 1
        self.reviewers = {}
        for region_id in regions:
            for _ in range(3):
                if cursor >= count:
                    break
                assignments.append(
                    RoleAssignment(user=self.users[cursor], role=Role.REVIEWER, region_id=region_id)
                )
                self.reviewers.setdefault(region_id, []).append(self.users[cursor])
                cursor += 1
        for _ in range(5):
            if cursor >= count:
                break
            assignments.append(RoleAssignment(user=self.users[cursor], role=Role.ADMINISTRATOR))
            cursor += 1
        self.staff_by_agency = {}
        for user in self.users[cursor:]:
            agency = rng.choice(agencies)
            assignments.append(
                RoleAssignment(
                    user=user,
                    role=Role.AGENCY_STAFF,
                    agency=agency,
                    is_signatory=rng.random() < 0.2,
                )
            )
            self.staff_by_agency.setdefault(agency.pk, []).append(user)
        # The benchmark's accounts: the largest partnership's manager and its police staff, a
        # reviewer of its region, an administrator and a hospital data lead.
        big = partnerships[0]
        police, hospital = self.members[big.pk][0], self.members[big.pk][1]
        assignments += [
            RoleAssignment(user=bench[BENCH_ACCOUNTS["admin"]], role=Role.ADMINISTRATOR),
            RoleAssignment(
                user=bench[BENCH_ACCOUNTS["reviewer"]], role=Role.REVIEWER, region_id=big.region_id
            ),
            RoleAssignment(
                user=bench[BENCH_ACCOUNTS["manager"]], role=Role.MANAGER, partnership=big
            ),
            RoleAssignment(
                user=bench[BENCH_ACCOUNTS["staff"]],
                role=Role.AGENCY_STAFF,
                agency=police,
                is_signatory=True,
                is_press_officer=True,
            ),
            RoleAssignment(
                user=bench[BENCH_ACCOUNTS["hospital"]],
                role=Role.AGENCY_STAFF,
                agency=hospital,
                is_signatory=True,
            ),
        ]
        self.bench = bench
        self._bulk(RoleAssignment, assignments)
        return f"{len(users):,} users, {len(assignments):,} role assignments"

    def _agreements(self, sizes):
        from datasharing.models import Agreement, AgreementParty, PrescribedDataset

        rng = self.rng
        statuses = (
            [Agreement.Status.ACTIVE] * 12
            + [Agreement.Status.REVIEW_DUE] * 2
            + [
                Agreement.Status.DRAFT,
                Agreement.Status.IN_NEGOTIATION,
                Agreement.Status.AWAITING_SIGNATURES,
                Agreement.Status.EXPIRED,
                Agreement.Status.TERMINATED,
            ]
        )
        datasets = list(PrescribedDataset.objects.all())
        agreements = []
        for n in range(sizes["agreements"]):
            partnership = self._by_population()
            start = self.today - timedelta(days=rng.randint(30, 1_500))
            agreements.append(
                Agreement(
                    reference=f"SC-{n:06d}",
                    partnership=partnership,
                    title=f"Sharing {rng.choice(WORDS)} and {rng.choice(WORDS)} data ({n})",
                    status=rng.choice(statuses),
                    purpose="To reduce crime and disorder.",
                    controllers=Agreement.Controllers.SEPARATE,
                    data_category=rng.choice(Agreement.DataCategory.values),
                    lawful_basis=Agreement.LawfulBasis.PUBLIC_TASK,
                    legal_powers=[Agreement.LegalPower.CDA_S115],
                    frequency=rng.choice(["monthly", "quarterly"]),
                    start_date=start,
                    end_date=start + timedelta(days=3 * 365),
                    review_date=start + timedelta(days=rng.randint(300, 800)),
                    publish=rng.random() < 0.5,
                    created_at=self.now,
                    updated_at=self.now,
                )
            )
        agreements = self._bulk(Agreement, agreements)
        parties, links = [], []
        through = Agreement.datasets.through
        for agreement in agreements:
            members = self.members[agreement.partnership_id]
            for index, agency in enumerate(
                rng.sample(members, min(len(members), rng.randint(2, 4)))
            ):
                role = AgreementParty.Role.PROVIDER if index else AgreementParty.Role.RECIPIENT
                parties.append(AgreementParty(agreement=agreement, agency=agency, role=role))
            for dataset in rng.sample(datasets, rng.randint(1, 3)):
                links.append(through(agreement_id=agreement.pk, prescribeddataset_id=dataset.pk))
        self._bulk(AgreementParty, parties)
        self._bulk(through, links)
        self.agreements_by_partnership = {}
        for agreement in agreements:
            self.agreements_by_partnership.setdefault(agreement.partnership_id, []).append(
                agreement.pk
            )
        return f"{len(agreements):,} agreements, {len(parties):,} parties"

    def _deliveries(self, sizes):
        from datasharing.models import Delivery, PrescribedDataset

        rng = self.rng
        datasets = list(PrescribedDataset.objects.prefetch_related("owner_agency_types"))
        owners = {d.pk: {t.pk for t in d.owner_agency_types.all()} for d in datasets}
        # (partnership, agency, dataset) streams: each member agency delivers the prescribed
        # datasets its type owns, quarterly, going back as far as the count allows.
        streams = []
        for partnership in self.partnerships:
            for agency in self.members[partnership.pk]:
                for dataset in datasets:
                    if agency.agency_type_id in owners[dataset.pk]:
                        streams.append((partnership.pk, agency.pk, dataset.pk))
        # The streams that really delivered, in each partnership's member order: the data
        # its plans and documents can be recorded as using (_plans).
        self.delivered = {}
        if not streams:
            return "no delivery streams"
        total = sizes["deliveries"]
        now = self.now.isoformat()

        def rows():
            made = 0
            quarter = 0
            while made < total:
                end = self.today - timedelta(days=91 * quarter + rng.randint(0, 10))
                start = end - timedelta(days=90)
                for partnership_id, agency_id, dataset_id in streams:
                    if made >= total:
                        return
                    if quarter == 0 and rng.random() < 0.25:
                        continue  # a quarter of this quarter's deliveries are late or missing
                    late = rng.random() < 0.15
                    received = end + timedelta(days=rng.randint(1, 60 if late else 20))
                    agreements = self.agreements_by_partnership.get(partnership_id)
                    self.delivered.setdefault(partnership_id, set()).add((agency_id, dataset_id))
                    yield (
                        partnership_id,
                        agency_id,
                        dataset_id,
                        rng.choice(agreements) if agreements else None,
                        start.isoformat(),
                        end.isoformat(),
                        min(received, self.today).isoformat(),
                        rng.randint(10, 50_000),
                        "",
                        None,
                        now,
                    )
                    made += 1
                quarter += 1

        columns = [
            "partnership_id",
            "agency_id",
            "dataset_id",
            "agreement_id",
            "period_start",
            "period_end",
            "received_on",
            "record_count",
            "note",
            "recorded_by_id",
            "created_at",
        ]
        count = self._copy(Delivery, columns, rows())
        delivered, self.delivered = self.delivered, {}
        for partnership_id, agency_id, dataset_id in streams:
            if (agency_id, dataset_id) in delivered.get(partnership_id, ()):
                self.delivered.setdefault(partnership_id, []).append((agency_id, dataset_id))
        return f"{count:,} deliveries over {len(streams):,} streams"

    def _istv(self, sizes):
        from datasharing.models import IstvAssault, IstvLocationType, IstvMethod, IstvReturn

        rng = self.rng
        departments = self.emergency_departments
        total = sizes["istv_assaults"]
        months = 24
        per_return = max(1, -(-total // max(1, len(departments) * months)))  # rounded up
        returns = []
        for agency in departments:
            for month in range(months):
                first = (self.today.replace(day=1) - timedelta(days=31 * (month + 1))).replace(
                    day=1
                )
                last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                returns.append(
                    IstvReturn(
                        agency=agency,
                        site_code=agency.site_code,
                        period_start=first,
                        period_end=last,
                        row_count=per_return,
                        file_name=f"istv-{first}.csv",
                        uploaded_at=self.now,
                    )
                )
        returns = self._bulk(IstvReturn, returns)
        methods = list(IstvMethod.objects.values_list("pk", "code"))
        locations = list(IstvLocationType.objects.values_list("pk", "code"))
        method_weights = [
            30 if code == "body" else 8 if code in ("blunt", "sharp", "glass") else 2
            for _, code in methods
        ]
        location_weights = [
            30 if code in ("street", "pub-bar") else 15 if code == "home" else 3
            for _, code in locations
        ]
        tz = timezone.get_current_timezone()

        def rows():
            made = 0
            for istv_return in returns:
                days = (istv_return.period_end - istv_return.period_start).days + 1
                for number in range(1, per_return + 1):
                    if made >= total:
                        return
                    day = istv_return.period_start + timedelta(days=rng.randrange(days))
                    # Most assaults late on Friday and Saturday nights.
                    if rng.random() < 0.5:
                        while day.weekday() not in (4, 5):
                            day = day + timedelta(days=1)
                        if day > istv_return.period_end:
                            day = istv_return.period_end
                        hour = rng.choice([21, 22, 23, 0, 1, 2])
                    else:
                        hour = rng.randrange(24)
                    when = datetime(
                        day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=tz
                    )
                    method_id, method_code = rng.choices(methods, method_weights)[0]
                    location_id, location_code = rng.choices(locations, location_weights)[0]
                    yield (
                        istv_return.pk,
                        istv_return.agency_id,
                        number,
                        (when + timedelta(minutes=rng.randint(20, 300))).isoformat(),
                        when.isoformat(),
                        method_id,
                        "Unlisted weapon" if method_code == "other" else "",
                        location_id,
                        f"{rng.choice(PLACES)} town centre" if location_code != "home" else "",
                    )
                    made += 1

        columns = [
            "istv_return_id",
            "agency_id",
            "row_number",
            "arrival_datetime",
            "assault_datetime",
            "method_id",
            "method_other",
            "location_type_id",
            "location_description",
        ]
        count = self._copy(IstvAssault, columns, rows())
        return f"{len(returns):,} returns, {count:,} assaults"

    def _funding(self, sizes):
        from funding.models import (
            ApplicantType,
            Bid,
            BidStatus,
            Funder,
            Opportunity,
            Theme,
            Watch,
        )
        from partnerships.models import Region

        rng = self.rng
        funders = [
            Funder.objects.get_or_create(
                identifier=f"GB-SCALE-{n:03d}",
                defaults={"name": f"{rng.choice(PLACES)} Community Fund {n}"},
            )[0]
            for n in range(60)
        ]
        themes = list(Theme.objects.all())
        applicant_types = list(ApplicantType.objects.all())
        regions = list(Region.objects.all())
        opportunities = []
        for n in range(sizes["opportunities"]):
            # Over two years either side of today; most pots small, most notice short.
            opens = self.now + timedelta(days=rng.randint(-540, 300))
            notice = rng.choice([10, 14, 21, 28, 28, 42, 56, 90])
            maximum = rng.choice([2_000, 5_000, 8_000, 10_000, 25_000, 50_000, 250_000])
            opportunities.append(
                Opportunity(
                    funder=rng.choice(funders),
                    title=f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} fund {n}",
                    programme=f"Programme {n % 40}",
                    description=f"Grants for {rng.choice(WORDS)} and {rng.choice(WORDS)} projects.",
                    is_national=rng.random() < 0.4,
                    min_award=maximum // 10,
                    max_award=maximum,
                    total_pot=maximum * rng.randint(5, 40),
                    opens_at=opens,
                    closes_at=opens + timedelta(days=notice),
                    period_months=rng.choice([6, 12, 24]),
                    ring_fenced=rng.random() < 0.3,
                    match_funding_required=rng.random() < 0.2,
                    published_at=opens - timedelta(days=rng.randint(0, 5)),
                    created_at=opens,
                )
            )
        opportunities = self._bulk(Opportunity, opportunities)
        theme_links, applicant_links, region_links = [], [], []
        theme_through = Opportunity.themes.through
        applicant_through = Opportunity.applicant_types.through
        region_through = Opportunity.regions.through
        for opportunity in opportunities:
            for theme in rng.sample(themes, rng.randint(1, 3)):
                theme_links.append(theme_through(opportunity_id=opportunity.pk, theme_id=theme.pk))
            for kind in rng.sample(applicant_types, min(len(applicant_types), rng.randint(1, 3))):
                applicant_links.append(
                    applicant_through(opportunity_id=opportunity.pk, applicanttype_id=kind.pk)
                )
            if not opportunity.is_national:
                region_links.append(
                    region_through(opportunity_id=opportunity.pk, region_id=rng.choice(regions).pk)
                )
        self._bulk(theme_through, theme_links)
        self._bulk(applicant_through, applicant_links)
        self._bulk(region_through, region_links)

        bids, seen = [], set()
        statuses = list(BidStatus.values)
        attempts = 0
        while len(bids) < sizes["bids"] and attempts < sizes["bids"] * 3:
            attempts += 1
            partnership = self._by_population()
            opportunity = rng.choice(opportunities)
            if (partnership.pk, opportunity.pk) in seen:
                continue
            seen.add((partnership.pk, opportunity.pk))
            status = rng.choice(statuses)
            requested = rng.randint(1, max(2, opportunity.max_award))
            lead = rng.choice(self.managers.get(partnership.pk) or [None])
            bids.append(
                Bid(
                    partnership=partnership,
                    opportunity=opportunity,
                    lead_officer=lead,
                    status=status,
                    amount_requested=requested,
                    amount_awarded=requested if status == BidStatus.AWARDED else None,
                    staff_days=rng.randint(1, 15),
                    submitted_on=self.today
                    if status in ("submitted", "awarded", "unsuccessful")
                    else None,
                    decided_on=self.today if status in ("awarded", "unsuccessful") else None,
                    created_at=self.now,
                )
            )
        self._bulk(Bid, bids)

        # Watches concentrate on opportunities open now, so the daily sweep has real work.
        open_now = [
            o for o in opportunities if o.opens_at <= self.now < o.closes_at
        ] or opportunities
        watches, seen = [], set()
        attempts = 0
        bench_manager = self.bench[BENCH_ACCOUNTS["manager"]]
        for opportunity in open_now[:20]:
            seen.add((bench_manager.pk, opportunity.pk))
            watches.append(Watch(user=bench_manager, opportunity=opportunity, created_at=self.now))
        while len(watches) < sizes["watches"] and attempts < sizes["watches"] * 3:
            attempts += 1
            user = rng.choice(self.users)
            opportunity = rng.choice(open_now) if rng.random() < 0.7 else rng.choice(opportunities)
            if (user.pk, opportunity.pk) in seen:
                continue
            seen.add((user.pk, opportunity.pk))
            watches.append(Watch(user=user, opportunity=opportunity, created_at=self.now))
        self._bulk(Watch, watches, batch_size=10_000)
        return (
            f"{len(opportunities):,} opportunities ({len(open_now):,} open now), "
            f"{len(bids):,} bids, {len(watches):,} watches"
        )

    def _goodpractice(self, sizes):
        from goodpractice.synthetic import add_entries

        made = add_entries(
            count=sizes["goodpractice_entries"],
            rng=self.rng,
            now=self.now,
            choose_partnership=self._by_population,
            published_share=0.85,
        )
        return f"{made:,} entries"

    def _outcomes(self, sizes):
        """Monthly figures of every active indicator for every partnership (COPY, no history)."""
        from outcomes.models import Figure, Indicator, PeriodType, Unit

        indicators = list(Indicator.objects.filter(is_active=True).order_by("order", "pk"))
        months = sizes["outcome_months"]
        first = self.today.replace(day=1)
        starts = []
        for back in range(months, 0, -1):
            year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
            starts.append(first.replace(year=year, month=month + 1))
        recorded_at = self.now.isoformat()

        def rows():
            for partnership in self.partnerships:
                for indicator in indicators:
                    survey = indicator.unit == Unit.PERCENT
                    base = self.rng.uniform(20, 80) if survey else self.rng.uniform(5, 400)
                    for start in starts:
                        value = max(0.0, base * self.rng.uniform(0.85, 1.15))
                        yield (
                            partnership.pk,
                            indicator.pk,
                            PeriodType.MONTH,
                            start.isoformat(),
                            f"{min(value, 100.0) if survey else value:.2f}",
                            self.rng.randint(200, 900) if survey else None,
                            "",
                            recorded_at,
                        )

        made = self._copy(
            Figure,
            [
                "partnership_id",
                "indicator_id",
                "period_type",
                "period_start",
                "value",
                "sample_size",
                "source_note",
                "recorded_at",
            ],
            rows(),
        )
        return f"{made:,} figures ({len(indicators)} indicators, {months} months)"

    def _communications(self, sizes):
        """Brands for most partnerships, five channels each, stories at every stage with their
        approvals, coverage of every tone over two years and a forward calendar."""
        from communications.models import (
            Brand,
            CalendarItem,
            Channel,
            ChannelKind,
            Coverage,
            Frequency,
            ItemKind,
            Stage,
            Story,
            StoryApproval,
            Tone,
        )

        rng = self.rng
        fallback = self.bench[BENCH_ACCOUNTS["manager"]]
        brands = [
            Brand(partnership=p, public_name=f"Safer {p.name}", strapline="Safer together")
            for p in self.partnerships
            if rng.random() < 0.7
        ]
        self._bulk(Brand, brands)
        kinds = list(ChannelKind.values)
        channels = self._bulk(
            Channel,
            [
                Channel(
                    partnership=p,
                    name=f"{rng.choice(PLACES)} {kind.replace('_', ' ')} {n}",
                    kind=kind,
                    frequency=rng.choice(Frequency.values),
                    standing_slot="Weekly page" if n == 0 else "",
                    reach=rng.randint(500, 90_000),
                )
                for p in self.partnerships
                for n, kind in enumerate(rng.sample(kinds, 5))
            ],
        )
        by_partnership = {}
        for channel in channels:
            by_partnership.setdefault(channel.partnership_id, []).append(channel)
        stages = list(Stage.values)
        stories = []
        for _ in range(sizes["stories"]):
            partnership = self._by_population()
            stage = rng.choice(stages)
            created = self.now - timedelta(days=rng.randint(0, 720))
            sent = stage not in (Stage.IDEA, Stage.DRAFTED)
            issued = stage in (Stage.ISSUED, Stage.COVERED)
            stories.append(
                Story(
                    partnership=partnership,
                    title=" ".join(rng.choices(WORDS, k=rng.randint(4, 9))).capitalize(),
                    facts=" ".join(rng.choices(WORDS, k=30)),
                    stage=stage,
                    owner=rng.choice(self.managers.get(partnership.pk, [fallback])),
                    channel=rng.choice(by_partnership[partnership.pk]),
                    planned_on=(created + timedelta(days=14)).date(),
                    sent_for_approval_at=created + timedelta(days=3) if sent else None,
                    issued_on=(created + timedelta(days=10)).date() if issued else None,
                    created_at=created,
                )
            )
        stories = self._bulk(Story, stories)
        approvals = []
        for story in stories:
            if story.sent_for_approval_at is None:
                continue
            members = self.members[story.partnership_id]
            for agency in rng.sample(members, min(2, len(members))):
                done = story.stage != Stage.AWAITING_APPROVAL or rng.random() < 0.5
                approvals.append(
                    StoryApproval(
                        story=story,
                        agency=agency,
                        approved_by=fallback if done else None,
                        approved_at=story.sent_for_approval_at + timedelta(days=1)
                        if done
                        else None,
                    )
                )
        self._bulk(StoryApproval, approvals)
        covered = [s for s in stories if s.stage == Stage.COVERED]
        coverage = []
        for _ in range(sizes["coverage"]):
            story = rng.choice(covered) if covered and rng.random() < 0.5 else None
            partnership_id = story.partnership_id if story else self._by_population().pk
            coverage.append(
                Coverage(
                    partnership_id=partnership_id,
                    story=story,
                    channel=rng.choice(by_partnership[partnership_id]),
                    published_on=self.today - timedelta(days=rng.randint(0, 720)),
                    headline=" ".join(rng.choices(WORDS, k=rng.randint(5, 10))).capitalize(),
                    tone=rng.choices(Tone.values, weights=(5, 3, 2))[0],
                    partnership_quoted=rng.random() < 0.4,
                    reach=rng.randint(500, 90_000),
                )
            )
        self._bulk(Coverage, coverage)
        items = [
            CalendarItem(
                partnership=self._by_population(),
                kind=rng.choice(ItemKind.values),
                title=" ".join(rng.choices(WORDS, k=4)).capitalize(),
                starts_on=self.today + timedelta(days=rng.randint(-180, 180)),
            )
            for _ in range(sizes["calendar_items"])
        ]
        self._bulk(CalendarItem, items)
        return (
            f"{len(brands):,} brands, {len(channels):,} channels, {len(stories):,} stories, "
            f"{len(approvals):,} approvals, {len(coverage):,} coverage, {len(items):,} calendar"
        )

    def _plans(self, sizes):
        """Every partnership's plan: documents in its register, priorities with actions under
        them, four standing groups with their meetings (agendas, minutes, attendance, actions
        arising), its reviewers' follow-up actions with their trails, and documents and
        actions recorded as using the streams that really delivered, with notes to them."""
        from datasharing.models import DataUse, StreamNote
        from partnerships.models import (
            GROUP_LEVEL,
            Action,
            Attendance,
            Document,
            DocumentKind,
            Group,
            GroupKind,
            Meeting,
            Priority,
        )
        from reviews.models import FollowUpAction, FollowUpEntry, FollowUpEntryKind

        rng = self.rng
        fallback = self.bench[BENCH_ACCOUNTS["manager"]]
        places = {
            p.pk: p.name.removesuffix(" Community Safety Partnership") for p in self.partnerships
        }
        managers = {p.pk: self.managers.get(p.pk) or [fallback] for p in self.partnerships}

        documents = []
        wanted = self._per_partnership(sizes["documents"], 4)
        for partnership in self.partnerships:
            specs = self._document_specs(partnership, places[partnership.pk])
            documents += [next(specs) for _ in range(wanted[partnership.pk])]
        documents = self._bulk(Document, documents)
        docs = {}
        for document in documents:
            docs.setdefault(document.partnership_id, []).append(document)

        priorities = []
        wanted = self._per_partnership(sizes["priorities"], 2)
        for partnership in self.partnerships:
            count = wanted[partnership.pk]
            order = rng.sample(range(len(PRIORITIES)), len(PRIORITIES))
            for n in range(count):
                title, problem = PRIORITIES[order[n % len(order)]]
                phase = n // len(order)
                priorities.append(
                    Priority(
                        partnership=partnership,
                        title=title.format(place=places[partnership.pk])
                        + (f": phase {phase + 1}" if phase else ""),
                        problem_statement=problem.format(place=places[partnership.pk]),
                    )
                )
        priorities = self._bulk(Priority, priorities)
        plans = {}
        for priority in priorities:
            plans.setdefault(priority.partnership_id, []).append(priority)
        # Each priority comes from the latest strategic assessment, some from a problem
        # profile or needs assessment too.
        through = Priority.documents.through
        sources = []
        for priority in priorities:
            register = docs[priority.partnership_id]
            chosen = [register[0]] + [d for d in register[2:4] if rng.random() < 0.4]
            sources += [through(priority_id=priority.pk, document_id=d.pk) for d in chosen]
        self._bulk(through, sources)

        groups = []
        for partnership in self.partnerships:
            members = self.members[partnership.pk]
            place = places[partnership.pk]
            fourth = rng.choice(
                [
                    (GroupKind.NIGHT_TIME_ECONOMY, "Town centre night-time economy group"),
                    (GroupKind.IOM, "Integrated offender management panel"),
                    (GroupKind.SUB_GROUP, "Serious violence sub-group"),
                ]
            )
            for kind, name, chair, description in (
                (
                    GroupKind.STRATEGIC_BOARD,
                    f"{place} Community Safety Partnership Board",
                    rng.choice(members),
                    "Sets the partnership’s priorities and plan.",
                ),
                (
                    GroupKind.TASKING,
                    "Tasking and coordination group",
                    members[0],
                    "Monthly: allocates resources to hotspots.",
                ),
                (
                    GroupKind.MARAC,
                    f"{place} MARAC",
                    members[0],
                    "High-risk domestic abuse cases. The portal records attendance only.",
                ),
                (*fourth, rng.choice(members), ""),
            ):
                groups.append(
                    Group(
                        partnership=partnership,
                        name=name,
                        kind=kind,
                        chair=chair,
                        description=description,
                    )
                )
        groups = self._bulk(Group, groups)
        by_group = {}
        for group in groups:
            by_group.setdefault(group.partnership_id, []).append(group)

        # Board quarterly, tasking and MARAC monthly, the fourth every two months; each
        # group's next meeting may still be to come (an agenda, no minutes yet).
        every = [91, 30, 30, 61]
        meetings = []
        wanted = self._per_partnership(sizes["meetings"], 4)
        for partnership in self.partnerships:
            counts = self._split(wanted[partnership.pk], [1 / days for days in every], 1)
            topics = [p.title for p in plans[partnership.pk]]
            plan = next(
                (d for d in docs[partnership.pk] if d.kind == DocumentKind.PARTNERSHIP_PLAN), None
            )
            for group, count, days in zip(by_group[partnership.pk], counts, every, strict=True):
                offset = rng.randint(-days + 1, days // 3)
                for n in range(count):
                    held_on = self.today + timedelta(days=offset - days * n)
                    topic = rng.choice(topics)
                    held = held_on <= self.today
                    board = group.kind == GroupKind.STRATEGIC_BOARD
                    meetings.append(
                        Meeting(
                            group=group,
                            held_on=held_on,
                            agenda="Apologies\nMinutes and actions of the last meeting\n"
                            f"{topic}\nAny other business",
                            minutes=f"The group discussed {topic[0].lower()}{topic[1:]} and "
                            "agreed the actions in the action plan."
                            if held and rng.random() < 0.9
                            else "",
                            notes="Attendance only: no case details are recorded."
                            if group.kind == GroupKind.MARAC
                            else "Decisions and actions recorded in the action plan."
                            if held
                            else "",
                            minutes_document=plan
                            if held and board and rng.random() < 0.2
                            else None,
                        )
                    )
        meetings = self._bulk(Meeting, meetings)
        group_of = {group.pk: group for group in groups}
        past = {}  # partnership -> group -> its meetings held, newest first
        for meeting in meetings:
            if meeting.held_on <= self.today:
                group = group_of[meeting.group_id]
                past.setdefault(group.partnership_id, {}).setdefault(group.pk, []).append(meeting)

        def attendance_rows():
            for meeting in meetings:
                if meeting.held_on > self.today:
                    continue
                group = group_of[meeting.group_id]
                level = GROUP_LEVEL.get(group.kind)
                for membership in self.memberships[group.partnership_id]:
                    if membership.engaged_at(level):
                        yield (meeting.pk, membership.pk, "t" if rng.random() < 0.85 else "f")

        attendances = self._copy(
            Attendance, ["meeting_id", "membership_id", "attended"], attendance_rows()
        )

        actions = []
        wanted_actions = self._per_partnership(sizes["actions"], 4)
        for partnership in self.partnerships:
            count = wanted_actions[partnership.pk]
            held = past.get(partnership.pk, {})
            # Each group's latest meeting has an action arising, then earlier ones at random.
            arising = [meetings_held[0] for meetings_held in held.values()]
            earlier = [m for meetings_held in held.values() for m in meetings_held[1:]]
            wanted = round(count * 0.3) if held else 0
            while len(arising) < wanted and earlier:
                arising.append(earlier.pop(rng.randrange(len(earlier))))
            arising = arising[:wanted]
            agencies = self.members[partnership.pk]
            own = plans[partnership.pk]
            for n in range(count):
                meeting = arising[n] if n < len(arising) else None
                if meeting is not None:
                    priority = rng.choice(own) if rng.random() < 0.5 else None
                    start = meeting.held_on
                    due = start + timedelta(days=rng.randint(14, 150))
                else:
                    priority = own[n % len(own)]
                    start = self.today - timedelta(days=rng.randint(0, 600))
                    due = start + timedelta(days=rng.randint(30, 400))
                status = self._action_status(start, due)
                actions.append(
                    Action(
                        partnership=partnership,
                        priority=priority,
                        title=rng.choice(ACTIONS),
                        owner=agencies[0] if n == len(arising) else rng.choice(agencies),
                        start_on=start,
                        due_on=due,
                        status=status,
                        note={
                            "blocked": "Waiting for the data-sharing agreement to be signed.",
                            "done": "Done and reported to the board.",
                        }.get(status, ""),
                        arising_from=meeting,
                    )
                )
        actions = self._bulk(Action, actions)
        plan_actions = {}
        for action in actions:
            plan_actions.setdefault(action.partnership_id, []).append(action)

        follow_ups = []
        wanted = self._per_partnership(sizes["follow_up_actions"], 1)
        for partnership in self.partnerships:
            count = wanted[partnership.pk]
            reviewers = self.reviewers.get(partnership.region_id) or [
                self.bench[BENCH_ACCOUNTS["reviewer"]]
            ]
            for n in range(count):
                created = self.now - timedelta(days=rng.randint(10, 540))
                agency = rng.choice(self.members[partnership.pk]) if rng.random() < 0.7 else None
                follow_ups.append(
                    FollowUpAction(
                        partnership=partnership,
                        title=rng.choice(FOLLOW_UPS),
                        owner_agency=agency,
                        owner_text=""
                        if agency and rng.random() < 0.5
                        else rng.choice(["Partnership manager", "Partnership analyst"]),
                        due_on=timezone.localdate(created) + timedelta(days=rng.randint(30, 180)),
                        # The first is open, so every partnership has one to update.
                        status="open"
                        if n == 0
                        else rng.choices(
                            ["open", "done", "accepted", "cancelled"], weights=(11, 3, 4, 2)
                        )[0],
                        created_by=rng.choice(reviewers),
                        created_at=created,
                    )
                )
        follow_ups = self._bulk(FollowUpAction, follow_ups)
        entries = []
        for action in follow_ups:
            created = action.created_at
            manager = rng.choice(managers[action.partnership_id])
            marked = created + (self.now - created) * rng.uniform(0.2, 0.8)
            if action.status == "open" and rng.random() < 0.5:
                entries.append(
                    FollowUpEntry(
                        action=action,
                        kind=FollowUpEntryKind.PROGRESS,
                        status="open",
                        note="Started: a meeting is booked with the agency's lead.",
                        author=manager,
                        created_at=marked,
                    )
                )
            if action.status in ("done", "accepted"):
                entries.append(
                    FollowUpEntry(
                        action=action,
                        kind=FollowUpEntryKind.PROGRESS,
                        status="done",
                        note="Done: the evidence is in the document register.",
                        evidence_document=rng.choice(docs[action.partnership_id])
                        if rng.random() < 0.5
                        else None,
                        author=manager,
                        created_at=marked,
                    )
                )
            if action.status == "accepted":
                entries.append(
                    FollowUpEntry(
                        action=action,
                        kind=FollowUpEntryKind.ACCEPTED,
                        status="accepted",
                        note="Accepted: the evidence shows it is done.",
                        author=action.created_by,
                        created_at=marked + (self.now - marked) / 2,
                    )
                )
        self._bulk(FollowUpEntry, entries)

        uses, notes = [], []
        wanted_uses = self._per_partnership(sizes["data_uses"], 2)
        wanted_notes = self._per_partnership(sizes["stream_notes"], 1)
        drawn_on = {
            DocumentKind.STRATEGIC_ASSESSMENT,
            DocumentKind.JOINT_STRATEGIC_ASSESSMENT,
            DocumentKind.VIOLENCE_PROBLEM_PROFILE,
            DocumentKind.SV_NEEDS_ASSESSMENT,
        }
        for partnership in self.partnerships:
            streams = self.delivered.get(partnership.pk)
            if not streams:
                continue
            register = [d for d in docs[partnership.pk] if d.kind in drawn_on]
            own = plan_actions[partnership.pk]
            # The first stream (the police's first) feeds the latest strategic assessment
            # and the plan's first action; the assessment draws on the next few too.
            first = next(a for a in own if a.arising_from_id is None)
            chosen = [("document", register[0], streams[0]), ("action", first, streams[0])]
            chosen += [("document", register[0], s) for s in streams[1:4]]
            wanted = wanted_uses[partnership.pk]
            seen = {(kind, record.pk, stream) for kind, record, stream in chosen}
            attempts = 0
            while len(chosen) < wanted and attempts < wanted * 5:
                attempts += 1
                kind = "document" if rng.random() < 0.4 else "action"
                record = rng.choice(register if kind == "document" else own)
                stream = rng.choice(streams)
                if (kind, record.pk, stream) not in seen:
                    seen.add((kind, record.pk, stream))
                    chosen.append((kind, record, stream))
            for kind, record, (agency_id, dataset_id) in chosen[:wanted]:
                uses.append(
                    DataUse(
                        partnership=partnership,
                        agency_id=agency_id,
                        dataset_id=dataset_id,
                        **{kind: record},
                        recorded_by=rng.choice(managers[partnership.pk]),
                        created_at=self.now - timedelta(days=rng.randint(0, 400)),
                    )
                )
            for n in range(wanted_notes[partnership.pk]):
                agency_id, dataset_id = streams[0] if n == 0 else rng.choice(streams)
                notes.append(
                    StreamNote(
                        partnership=partnership,
                        agency_id=agency_id,
                        dataset_id=dataset_id,
                        text=rng.choice(STREAM_NOTES),
                        written_by=rng.choice(managers[partnership.pk]),
                        created_at=self.now - timedelta(days=rng.randint(0, 400)),
                    )
                )
        self._bulk(DataUse, uses)
        self._bulk(StreamNote, notes)
        return (
            f"{len(documents):,} documents, {len(priorities):,} priorities, "
            f"{len(actions):,} actions, {len(groups):,} groups, {len(meetings):,} meetings, "
            f"{attendances:,} attendances, {len(follow_ups):,} follow-up actions, "
            f"{len(entries):,} follow-up entries, {len(uses):,} data uses, "
            f"{len(notes):,} stream notes"
        )

    def _action_status(self, start, due) -> str:
        """Most actions past their due date done (the older, the likelier), the rest overdue;
        those under way mostly in progress; those not yet started not started."""
        if due < self.today:
            age = (self.today - due).days
            overdue = 35 if age < 90 else 15 if age < 365 else 4
            weights = (overdue * 0.2, overdue * 0.55, 100 - overdue, overdue * 0.25)
        elif start <= self.today:
            weights = (20, 60, 15, 5)
        else:
            return "not_started"
        # not started, in progress, done, blocked
        return self.rng.choices(["not_started", "in_progress", "done", "blocked"], weights)[0]

    def _document_specs(self, partnership, place):
        """The partnership's register, newest of each kind first, then older editions."""
        from partnerships.models import Document
        from partnerships.models import DocumentKind as K

        rng, today, y = self.rng, self.today, self.today.year

        def month_start(y, m):
            return date(y, m, 1)

        def month_end(y, m):
            return (date(y, m, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)

        def document(kind, title, start, end, age, *, joint=False, current=True):
            published = today - timedelta(days=age)
            return Document(
                partnership=partnership,
                kind=kind,
                title=title,
                period_start=start,
                period_end=end,
                published_on=published,
                # A year after publication: some current editions are overdue a refresh.
                review_due_on=published + timedelta(days=365) if current else None,
                is_joint_with_police=joint,
            )

        # (kind, title, period start, period end, published between these many days ago)
        editions = [
            (
                K.STRATEGIC_ASSESSMENT,
                f"Strategic assessment {y - 1}",
                (y - 2, 4),
                (y - 1, 3),
                60,
                420,
            ),
            (
                K.PARTNERSHIP_PLAN,
                f"Partnership plan {y - 1} to {y + 2}",
                (y - 1, 4),
                (y + 2, 3),
                100,
                400,
            ),
            (
                K.VIOLENCE_PROBLEM_PROFILE,
                f"Violence problem profile: {place} town centre",
                (y - 2, 1),
                (y - 2, 12),
                100,
                500,
            ),
            (
                K.SV_NEEDS_ASSESSMENT,
                f"Serious violence strategic needs assessment {y - 1}",
                (y - 2, 1),
                (y - 2, 12),
                200,
                500,
            ),
            (K.SV_STRATEGY, "Serious violence strategy", (y - 1, 1), (y + 1, 12), 150, 600),
            (K.VIOLENCE_ACTION_PLAN, "Violence action plan", (y - 1, 4), (y, 3), 100, 400),
            (
                K.JOINT_STRATEGIC_ASSESSMENT,
                f"Joint strategic assessment with {partnership.police_force_area}",
                (y - 1, 1),
                (y - 1, 12),
                60,
                300,
            ),
            (K.COMMUNICATIONS_PLAN, f"Communications plan {y}", (y, 1), (y, 12), 20, 300),
        ]
        if partnership.ons_code.startswith("W"):
            editions.append(
                (
                    K.COMMUNITY_SAFETY_AGREEMENT,
                    "Community safety agreement",
                    (y - 1, 4),
                    (y + 2, 3),
                    100,
                    400,
                )
            )
        for kind, title, begins, ends, newest, oldest in editions:
            yield document(
                kind,
                title,
                month_start(*begins),
                month_end(*ends),
                rng.randint(newest, oldest),
                joint=kind == K.JOINT_STRATEGIC_ASSESSMENT,
            )
        # Then older editions, a year further back each time: the assessment, a problem
        # profile on one of the priorities, and every third year the plan.
        back = 1
        while True:
            topic = PRIORITIES[back % len(PRIORITIES)][0].format(place=place)
            older = [
                (
                    K.STRATEGIC_ASSESSMENT,
                    f"Strategic assessment {y - 1 - back}",
                    (y - 2 - back, 4),
                    (y - 1 - back, 3),
                ),
                (
                    K.VIOLENCE_PROBLEM_PROFILE,
                    f"Problem profile: {topic[0].lower()}{topic[1:]} ({y - 1 - back})",
                    (y - 2 - back, 1),
                    (y - 2 - back, 12),
                ),
            ]
            if back % 3 == 0:
                older.append(
                    (
                        K.PARTNERSHIP_PLAN,
                        f"Partnership plan {y - 1 - back} to {y + 2 - back}",
                        (y - 1 - back, 4),
                        (y + 2 - back, 3),
                    )
                )
            for kind, title, begins, ends in older:
                yield document(
                    kind,
                    title,
                    month_start(*begins),
                    month_end(*ends),
                    365 * back + rng.randint(60, 300),
                    current=False,
                )
            back += 1
