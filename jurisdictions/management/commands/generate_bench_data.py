"""Fill a database with realistic synthetic records for benchmarks.

Deterministic (a fixed seed), bulk inserts, no history rows: the data is
synthetic and only exists to measure the site at national scale.

`--jurisdictions` is the total to reach (the reference states and counties,
which the command loads first, count towards it); every other count is how
many records to add. The command makes exactly what it is asked for or fails
with a CommandError saying what it could not make, and then writes nothing.
"""

import random
from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from jurisdictions.management.benchdata.records import BenchRecordsMixin
from jurisdictions.models import (
    FederalStatement,
    Jurisdiction,
    Ordinance,
    PolicyProvision,
    SchoolDistrictResolution,
)
from jurisdictions.stances import refresh_sql
from jurisdictions.triggers import PLACE, WATCHES, evidence, triggers_of


@contextmanager
def evidence_refreshed_once():
    """Refresh the stored evidence stances once, after the load, instead of
    after each of its statements (PostgreSQL) or rows (SQLite).

    On PostgreSQL, inside the load's transaction no new row has statistics,
    and the triggers' refreshes, planned as if every table were tiny, made
    the load three times as long; on SQLite, whose triggers run for every
    row, they were four fifths of it. The triggers are disabled (SQLite has
    no DISABLE: dropped and created again) for the load; on error the
    transaction's rollback undoes that too."""
    if connection.vendor not in ("postgresql", "sqlite"):
        yield
        return
    evidence_triggers = [
        (watch.table, watch.trigger_name(event))
        for watch in WATCHES
        for event in watch.events
    ]
    sqlite = triggers_of(evidence("sqlite")) if connection.vendor == "sqlite" else []
    # A table with deferred foreign-key checks pending cannot be altered.
    connection.check_constraints()
    with connection.cursor() as cursor:
        for part in sqlite:
            cursor.execute(part.drop)
        for table, name in evidence_triggers if not sqlite else ():
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
    yield
    connection.check_constraints()
    with connection.cursor() as cursor:
        for part in sqlite:
            cursor.execute(part.create)
        for table, name in evidence_triggers if not sqlite else ():
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {name}")
        for table in sorted({table for table, _ in evidence_triggers}):
            cursor.execute(f"ANALYZE {table}")
        cursor.execute(refresh_sql(connection, f"SELECT id FROM {PLACE}"))


class Command(BenchRecordsMixin, BaseCommand):
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
        with evidence_refreshed_once():
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
