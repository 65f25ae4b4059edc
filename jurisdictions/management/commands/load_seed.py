from django.core.management import call_command
from django.core.management.base import BaseCommand

from jurisdictions.models import Jurisdiction

# The provision taxonomy, the 50 states and DC, the LA article (corrected),
# the DOJ list with its dated entries, LA's official record, federal actions,
# the states' and the listed places' own instruments, court cases, blocks
# and findings, all checked against
# ../shared/reference (see README, Data). Records are named by natural key
# (slug; a source by its URL), so loading again updates them in place.
SEED_FIXTURES = [
    "provisions",
    "sources",
    "states",
    "la_article",
    "doj_2025",
    "la_record",
    "federal_2025",
    "state_laws",
    "local_instruments",
    "cases",
    # Court blocks of provisions, instruments ending others, findings of no
    # instrument: they name records of the fixtures above.
    "force",
]


class Command(BaseCommand):
    help = (
        "Load the seed fixtures (provision taxonomy, states, LA article and "
        "official record, DOJ 2025 list, federal actions, court cases, state "
        "laws) into an empty database; do nothing when records already exist."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when the database already holds jurisdictions: "
            "seed records (matched by slug, or a source by URL) are updated "
            "to the seed's values, overwriting editors' changes to them.",
        )

    def handle(self, *args, force=False, **options):
        if Jurisdiction.objects.exists() and not force:
            self.stdout.write("Database already holds records; seed data not loaded.")
            return
        call_command("loaddata", *SEED_FIXTURES, verbosity=options["verbosity"])
