from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from simple_history.utils import get_history_manager_for_model

from jurisdictions.changelog.saves import link_history, write_rows
from jurisdictions.models import Jurisdiction

# The history note of the rows the seed leaves.
SEED_NOTE = "Seed data"

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
        with transaction.atomic():
            since = timezone.now()
            call_command("loaddata", *SEED_FIXTURES, verbosity=options["verbosity"])
            history_as_loaded(since, update=force)


def history_as_loaded(since, update):
    """Give every record one history row holding what the seed left in it.

    loaddata writes no history row for a record it saves (a raw save), but
    one for each of its many-to-many fields it sets, taken before the fields
    it fills in last (an ordinance's `based_on`, naming a record further on):
    the public log of changes (changelog) would read the next edit as
    changing those too. The rows this load wrote go, and each record gets one
    row as it stands, with its many-to-many fields, as a save would write
    (changelog.saves)."""
    for model in apps.get_app_config("jurisdictions").get_models():
        if not hasattr(model._meta, "simple_history_manager_attribute"):
            continue
        history = get_history_manager_for_model(model)
        # The links' rows first, in one statement each: deleting the rows
        # they hang on would have Django collect them one by one.
        for field in history.model._history_m2m_fields:
            link_history(history.model, field).objects.filter(
                history__history_date__gte=since
            ).delete()
        history.filter(history_date__gte=since).delete()
        write_rows(model, model._base_manager.all(), update=update, note=SEED_NOTE)
