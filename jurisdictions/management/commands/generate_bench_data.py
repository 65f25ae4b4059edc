"""Fill a database with realistic synthetic records for benchmarks.

Deterministic (a fixed seed), bulk inserts, no history rows: the data is
synthetic and only exists to measure the site at national scale.

`--jurisdictions` is the total to reach (the reference states and counties,
which the command loads first, count towards it); every other count is how
many records to add. The command makes exactly what it is asked for or fails
with a CommandError saying what it could not make, and then writes nothing.
"""

import datetime
import random

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from jurisdictions.choices import (
    Instrument,
    JurisdictionKind,
    OrdinanceStatus,
    PublicationStatus,
    ResolutionStatus,
    Stance,
    StatementKind,
)
from jurisdictions.models import (
    FederalStatement,
    Jurisdiction,
    Ordinance,
    Person,
    PolicyProvision,
    SchoolDistrictResolution,
    Source,
)

PUBLISHED = PublicationStatus.PUBLISHED
# PostgreSQL takes at most 65,535 parameters in one statement, and with
# server-side binding (settings.py) every inserted cell is one parameter.
MAX_PARAMETERS = 65535


def batch_size(model):
    """Rows per INSERT, as many as the parameter limit allows."""
    return MAX_PARAMETERS // len(model._meta.concrete_fields)


# Rough shares of the US population, so big states hold more records.
STATE_WEIGHTS = {
    "CA": 118, "TX": 90, "FL": 66, "NY": 59, "PA": 39, "IL": 38, "OH": 35,
    "GA": 33, "NC": 32, "MI": 30, "NJ": 28, "VA": 26, "WA": 23, "AZ": 22,
    "TN": 21, "MA": 21, "IN": 20, "MD": 19, "MO": 19, "WI": 18, "CO": 17,
    "MN": 17, "SC": 16, "AL": 15, "LA": 14, "KY": 14, "OR": 13, "OK": 12,
    "CT": 11, "UT": 10, "IA": 10, "NV": 10, "AR": 9, "MS": 9, "KS": 9,
    "NM": 6, "NE": 6, "ID": 6, "WV": 5, "HI": 4, "NH": 4, "ME": 4, "MT": 3,
    "RI": 3, "DE": 3, "SD": 3, "ND": 2, "AK": 2, "DC": 2, "VT": 2, "WY": 2,
}  # fmt: skip
STATUS_WEIGHTS = {
    OrdinanceStatus.IN_EFFECT: 40,
    OrdinanceStatus.PASSED: 18,
    OrdinanceStatus.PROPOSED: 15,
    OrdinanceStatus.AWAITING_SIGNATURE: 4,
    OrdinanceStatus.VETOED: 5,
    OrdinanceStatus.REPEALED: 6,
    OrdinanceStatus.ENJOINED: 3,
    OrdinanceStatus.UNKNOWN: 9,
}
INSTRUMENT_WEIGHTS = {
    Instrument.ORDINANCE: 45,
    Instrument.RESOLUTION: 25,
    Instrument.EXECUTIVE_ORDER: 12,
    Instrument.POLICY: 13,
    Instrument.STATE_LAW: 5,
}
STANCE_WEIGHTS = {
    Stance.SANCTUARY: 12,
    Stance.LIMITED: 18,
    Stance.COOPERATIVE: 30,
    Stance.ANTI_SANCTUARY: 10,
    Stance.UNKNOWN: 30,
}
PREFIXES = (
    "Spring Oak River Cedar Maple Fair Green Lake Mill Pine Stone Clear Elm Ash "
    "Willow North South East West New Port Glen Red Silver"
).split()
SUFFIXES = (
    "field ville ton wood dale brook view port ford haven ridge mont burg".split()
)
TOPICS = [
    "immigrant protection", "welcoming city", "trust act", "civil detainers",
    "data privacy", "due process", "community safety", "language access",
    "public charge", "legal defense fund", "family unity", "safe schools",
]  # fmt: skip
PUBLISHERS = [
    "Daily Courier", "Public Radio", "City Clerk", "County Register",
    "State Gazette", "Associated Wire", "Metro Tribune", "School Board",
]  # fmt: skip


def weighted(rng, weights, k):
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


def date_between(rng, start, end):
    return start + datetime.timedelta(days=rng.randrange((end - start).days))


class Command(BaseCommand):
    help = "Fill the database with synthetic published records for `make bench`."

    def add_arguments(self, parser):
        parser.add_argument("--jurisdictions", type=int, default=50000)
        parser.add_argument("--ordinances", type=int, default=200000)
        parser.add_argument("--resolutions", type=int, default=20000)
        parser.add_argument("--statements", type=int, default=20000)
        parser.add_argument("--sources", type=int, default=20000)
        parser.add_argument("--seed", type=int, default=2025)

    @transaction.atomic
    def handle(self, *args, **opts):
        counts = ("jurisdictions", "ordinances", "resolutions", "statements", "sources")
        for name in counts:
            if opts[name] < 0:
                raise CommandError(f"--{name} must be 0 or more, not {opts[name]}.")
        self.rng = random.Random(opts["seed"])
        self.now = timezone.now()
        if not PolicyProvision.objects.exists():
            call_command("loaddata", "provisions", verbosity=0)
        call_command("load_reference_jurisdictions", verbosity=0)
        self.check_possible(opts)
        self.provision_ids = list(PolicyProvision.objects.values_list("pk", flat=True))
        self.source_ids = self.make_sources(opts["sources"])
        made = {"sources": len(self.source_ids)}
        self.make_jurisdictions(opts["jurisdictions"], opts["resolutions"] > 0)
        made["jurisdictions"] = Jurisdiction.objects.count()
        made["ordinances"] = len(self.make_ordinances(opts["ordinances"]))
        made["resolutions"] = len(self.make_resolutions(opts["resolutions"]))
        made["statements"] = len(self.make_statements(opts["statements"]))
        short = [
            f"{made[name]} {name} of the {opts[name]} asked for"
            for name in counts
            if made[name] != opts[name]
        ]
        if short:
            # Raising rolls back everything made: no half-filled bench database.
            raise CommandError(f"Made {'; '.join(short)}; nothing was written.")
        if opts["verbosity"]:
            self.stdout.write(
                "Bench data: "
                + ", ".join(
                    f"{model._meta.verbose_name_plural} {model.objects.count()}"
                    for model in (
                        Jurisdiction,
                        Ordinance,
                        SchoolDistrictResolution,
                        FederalStatement,
                    )
                )  # fmt: skip
            )

    def check_possible(self, opts):
        """Refuse, before writing, what the counts asked for cannot give."""
        existing = Jurisdiction.objects.count()
        total = opts["jurisdictions"]
        if total < existing:
            raise CommandError(
                f"--jurisdictions is a total, and {existing} jurisdictions exist "
                f"already (the reference states and counties included): cannot "
                f"make a total of {total}. Ask for {existing} or more."
            )
        if (
            opts["resolutions"]
            and total == existing
            and not Jurisdiction.objects.school_districts().exists()
        ):
            raise CommandError(
                f"Cannot make {opts['resolutions']} resolutions: no school district "
                f"exists to adopt them, and --jurisdictions {total} is already met "
                f"by the {existing} jurisdictions present, so none can be added. "
                f"Ask for {existing + 1} or more jurisdictions."
            )
        makes_records = (
            total > existing
            or opts["ordinances"]
            or opts["resolutions"]
            or opts["statements"]
        )
        if makes_records and not opts["sources"]:
            raise CommandError(
                "Every generated record cites a generated source: "
                "--sources must be 1 or more."
            )

    def numbered_from(self, model, field, prefix):
        """Number new rows after an earlier run's, keeping names unique."""
        return model.objects.filter(**{f"{field}__startswith": prefix}).count()

    def curated(self):
        return {
            "publication_status": PUBLISHED,
            "published_at": self.now,
            "last_verified_on": self.now.date(),
        }

    def link_sources(self, model, ids):
        through = model.sources.through
        column = f"{model._meta.model_name}_id"
        rows = [
            through(**{column: pk, "source_id": source})
            for pk in ids
            for source in self.sample(self.source_ids, self.rng.choice((1, 1, 2)))
        ]
        through.objects.bulk_create(rows, batch_size=batch_size(through))

    def sample(self, population, k):
        """At most `k` distinct items: all of them when there are fewer."""
        return self.rng.sample(population, min(k, len(population)))

    def new_ids(self, model, start_pk):
        return list(
            model.objects.filter(pk__gt=start_pk)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    def last_pk(self, model):
        return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def make_sources(self, count):
        start = self.last_pk(Source)
        first = self.numbered_from(Source, "url", "https://example.org/bench/source-")
        rng = self.rng
        Source.objects.bulk_create(
            [
                Source(
                    title=f"{rng.choice(TOPICS).capitalize()} report no. {n}",
                    publisher=rng.choice(PUBLISHERS),
                    url=f"https://example.org/bench/source-{n}",
                    published_on=date_between(
                        rng, datetime.date(2005, 1, 1), datetime.date(2026, 1, 1)
                    ),
                )
                for n in range(first, first + count)
            ],
            batch_size=batch_size(Source),
        )
        return self.new_ids(Source, start)

    def make_jurisdictions(self, total, need_district):
        """Add jurisdictions up to `total`, a school district among them if
        `need_district` and there is none yet."""
        rng = self.rng
        existing = Jurisdiction.objects.count()
        states = dict(
            Jurisdiction.objects.filter(kind=JurisdictionKind.STATE).values_list(
                "state", "pk"
            )
        )
        counties = {}
        for pk, state in Jurisdiction.objects.filter(
            kind=JurisdictionKind.COUNTY
        ).values_list("pk", "state"):
            counties.setdefault(state, []).append(pk)
        kinds = {
            JurisdictionKind.CITY: 62,
            JurisdictionKind.SCHOOL_DISTRICT: 30,
            JurisdictionKind.OTHER: 8,
        }
        start = self.last_pk(Jurisdiction)
        first = self.numbered_from(Jurisdiction, "slug", "bench-")
        need_district = (
            need_district and not Jurisdiction.objects.school_districts().exists()
        )
        new = []
        last = first + total - existing - 1
        for n in range(first, last + 1):
            state = weighted(rng, STATE_WEIGHTS, 1)[0]
            kind = weighted(rng, kinds, 1)[0]
            if kind == JurisdictionKind.SCHOOL_DISTRICT:
                need_district = False
            elif n == last and need_district:
                # The draw made none: resolutions need a district to adopt them.
                kind = JurisdictionKind.SCHOOL_DISTRICT
            name = f"{rng.choice(PREFIXES)}{rng.choice(SUFFIXES)}"
            if kind == JurisdictionKind.SCHOOL_DISTRICT:
                name += " Unified School District"
            elif kind == JurisdictionKind.OTHER:
                name += " Sheriff's Department"
            stance = weighted(rng, STANCE_WEIGHTS, 1)[0]
            new.append(
                Jurisdiction(
                    name=name,
                    slug=slugify(f"bench {n} {name} {state}")[:120],
                    kind=kind,
                    state=state,
                    parent_id=rng.choice(counties.get(state) or [states.get(state)]),
                    population=int(rng.lognormvariate(9.5, 1.4)),
                    summary=f"A {kind.label.lower()} in {state}.",
                    stance=stance,
                    stance_note=f"Synthetic stance: {stance.label.lower()}.",
                    **self.curated(),
                )
            )
        Jurisdiction.objects.bulk_create(new, batch_size=batch_size(Jurisdiction))
        self.link_sources(Jurisdiction, self.new_ids(Jurisdiction, start))

    def make_ordinances(self, count):
        rng = self.rng
        ids_by_state = {}
        for pk, state, name in Jurisdiction.objects.exclude(
            kind=JurisdictionKind.SCHOOL_DISTRICT
        ).values_list("pk", "state", "name"):
            ids_by_state.setdefault(state, []).append((pk, name))
        states = [s for s in STATE_WEIGHTS if s in ids_by_state]
        weights = [STATE_WEIGHTS[s] for s in states]
        if count and not states:
            raise CommandError(
                f"Cannot make {count} ordinances: no jurisdiction other than a "
                f"school district exists in a state to pass them."
            )
        start = self.last_pk(Ordinance)
        first = self.numbered_from(Ordinance, "slug", "bench-ordinance-")
        size = batch_size(Ordinance)
        for offset in range(first, first + count, size):
            batch = []
            for n in range(offset, min(offset + size, first + count)):
                state = rng.choices(states, weights=weights)[0]
                jurisdiction_id, place = rng.choice(ids_by_state[state])
                status = weighted(rng, STATUS_WEIGHTS, 1)[0]
                instrument = weighted(rng, INSTRUMENT_WEIGHTS, 1)[0]
                topic = rng.choice(TOPICS)
                introduced = date_between(
                    rng, datetime.date(2000, 1, 1), datetime.date(2026, 6, 1)
                )
                passed = effective = None
                if status not in (OrdinanceStatus.PROPOSED, OrdinanceStatus.UNKNOWN):
                    passed = introduced + datetime.timedelta(days=rng.randrange(7, 180))
                    if status in (OrdinanceStatus.IN_EFFECT, OrdinanceStatus.REPEALED):
                        effective = passed + datetime.timedelta(
                            days=rng.randrange(0, 90)
                        )
                if status == OrdinanceStatus.UNKNOWN and rng.random() < 0.5:
                    introduced = None
                batch.append(
                    Ordinance(
                        jurisdiction_id=jurisdiction_id,
                        title=f"{place} {topic} {instrument.label.lower()}",
                        slug=f"bench-ordinance-{n}",
                        number=f"{(introduced or datetime.date(2000, 1, 1)).year}-{n}",
                        instrument=instrument,
                        status=status,
                        introduced_on=introduced,
                        passed_on=passed,
                        effective_on=effective,
                        summary=f"Sets {place}'s policy on {topic}; "
                        f"{status.label.lower()}.",
                        text_url=f"https://example.org/bench/ordinance-{n}",
                        **self.curated(),
                    )
                )
            Ordinance.objects.bulk_create(batch, batch_size=size)
        ids = self.new_ids(Ordinance, start)
        self.link_provisions(Ordinance, ids)
        self.link_sources(Ordinance, ids)
        return ids

    def link_provisions(self, model, ids):
        through = model.provisions.through
        column = f"{model._meta.model_name}_id"
        rows = [
            through(**{column: pk, "policyprovision_id": provision})
            for pk in ids
            for provision in self.sample(
                self.provision_ids, self.rng.choice((1, 1, 2, 2, 3, 4))
            )
        ]
        through.objects.bulk_create(rows, batch_size=batch_size(through))

    def make_resolutions(self, count):
        rng = self.rng
        districts = list(
            Jurisdiction.objects.school_districts().values_list("pk", "name")
        )
        if count and not districts:
            # check_possible and make_jurisdictions see that one exists.
            raise CommandError(
                f"Cannot make {count} resolutions: no school district exists."
            )
        statuses = {
            ResolutionStatus.ADOPTED: 75,
            ResolutionStatus.PROPOSED: 15,
            ResolutionStatus.RESCINDED: 10,
        }
        groups = ["undocumented_students", "immigrant_families", "lgbtq_students"]
        start = self.last_pk(SchoolDistrictResolution)
        first = self.numbered_from(
            SchoolDistrictResolution, "slug", "bench-resolution-"
        )
        SchoolDistrictResolution.objects.bulk_create(
            [
                SchoolDistrictResolution(
                    district_id=(district := rng.choice(districts))[0],
                    title=f"{district[1]} {rng.choice(TOPICS)} resolution",
                    slug=f"bench-resolution-{n}",
                    number=f"Res-{n:03d}",
                    adopted_on=date_between(
                        rng, datetime.date(2016, 11, 9), datetime.date(2026, 6, 1)
                    ),
                    status=weighted(rng, statuses, 1)[0],
                    is_emergency=rng.random() < 0.2,
                    protected_groups=rng.sample(groups, rng.randrange(1, 4)),
                    summary=f"Resolution no. {n} of {district[1]}.",
                    **self.curated(),
                )
                for n in range(first, first + count)
            ],
            batch_size=batch_size(SchoolDistrictResolution),
        )
        ids = self.new_ids(SchoolDistrictResolution, start)
        self.link_provisions(SchoolDistrictResolution, ids)
        self.link_sources(SchoolDistrictResolution, ids)
        return ids

    def make_statements(self, count):
        if not count:
            return []
        rng = self.rng
        start_person = self.last_pk(Person)
        first = self.numbered_from(Person, "slug", "bench-official-")
        Person.objects.bulk_create(
            [
                Person(
                    name=f"Official {n}",
                    slug=f"bench-official-{n}",
                    title=rng.choice(
                        [
                            "Attorney General",
                            "DHS Secretary",
                            "ICE Director",
                            "Border czar",
                            "Press Secretary",
                        ]  # fmt: skip
                    ),
                    is_federal=True,
                    **self.curated(),
                )
                for n in range(first, first + 200)
            ],
            batch_size=batch_size(Person),
        )
        speakers = self.new_ids(Person, start_person)
        self.link_sources(Person, speakers)
        targets = list(
            Jurisdiction.objects.exclude(kind=JurisdictionKind.SCHOOL_DISTRICT)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        kinds = {
            StatementKind.STATEMENT: 35,
            StatementKind.THREAT: 20,
            StatementKind.POLICY_ANNOUNCEMENT: 15,
            StatementKind.DESIGNATION: 5,
            StatementKind.LAWSUIT: 10,
            StatementKind.FUNDING_ACTION: 15,
        }
        start = self.last_pk(FederalStatement)
        first = self.numbered_from(FederalStatement, "slug", "bench-statement-")
        FederalStatement.objects.bulk_create(
            [
                FederalStatement(
                    slug=f"bench-statement-{n}",
                    title=f"Federal {(kind := weighted(rng, kinds, 1)[0]).label} "
                    f"on {rng.choice(TOPICS)}",
                    speaker_id=rng.choice(speakers),
                    speaker_role="Federal official",
                    made_on=date_between(
                        rng, datetime.date(2017, 1, 20), datetime.date(2026, 11, 1)
                    ),
                    venue=rng.choice(["Press conference", "Interview", "Letter"]),
                    kind=kind,
                    quote="We will enforce the law.",
                    summary=f"Synthetic statement no. {n}.",
                    **self.curated(),
                )
                for n in range(first, first + count)
            ],
            batch_size=batch_size(FederalStatement),
        )
        ids = self.new_ids(FederalStatement, start)
        through = FederalStatement.targets.through
        through.objects.bulk_create(
            [
                through(federalstatement_id=pk, jurisdiction_id=target)
                for pk in ids
                for target in self.sample(targets, rng.randrange(0, 4))
            ],
            batch_size=batch_size(through),
        )
        self.link_sources(FederalStatement, ids)
        return ids
