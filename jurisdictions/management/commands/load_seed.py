from django.core.management import call_command
from django.core.management.base import BaseCommand

from jurisdictions.models import Jurisdiction

# The provision taxonomy, the LA article (corrected), the DOJ list with its
# dated entries, LA's official record, federal actions and court cases, all
# checked against ../shared/reference (see README, Data).
SEED_FIXTURES = [
    "provisions",
    "sources",
    "la_article",
    "doj_2025",
    "la_record",
    "federal_2025",
    "cases",
]


class Command(BaseCommand):
    help = (
        "Load the seed fixtures (provision taxonomy, LA article and official "
        "record, DOJ 2025 list, federal actions, court cases) "
        "into an empty database; do nothing when records already exist."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when the database already holds jurisdictions "
            "(overwrites seed rows that editors may have changed).",
        )

    def handle(self, *args, force=False, **options):
        if Jurisdiction.objects.exists() and not force:
            self.stdout.write("Database already holds records; seed data not loaded.")
            return
        call_command("loaddata", *SEED_FIXTURES, verbosity=options["verbosity"])
