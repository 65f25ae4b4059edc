"""Builders that bulk-insert synthetic bench records, links included.

A mixin for the `generate_bench_data` command, whose `handle` sets the
`rng`, `now`, `provision_ids` and `source_ids` these builders draw on.
"""

import datetime

from django.core.management.base import CommandError
from django.utils.text import slugify

from jurisdictions.choices import (
    JurisdictionKind,
    OrdinanceStatus,
    PublicationStatus,
    ResolutionStatus,
    StatementKind,
)
from jurisdictions.management.benchdata.draws import (
    INSTRUMENT_WEIGHTS,
    PREFIXES,
    PUBLISHERS,
    STANCE_WEIGHTS,
    STATE_WEIGHTS,
    STATUS_WEIGHTS,
    SUFFIXES,
    TOPICS,
    date_between,
    weighted,
)
from jurisdictions.models import (
    FederalStatement,
    Jurisdiction,
    Ordinance,
    Person,
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


class BenchRecordsMixin:
    """Makes and links the synthetic records of one bench run."""

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
