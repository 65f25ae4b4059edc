"""Index each list's default order within its most used facet column.

"In effect, newest first" then reads the in-effect rows in order from one
index instead of skipping every other status in the newest-first index
(0008); the leading column still serves the filter alone. Same SQL per
database as 0008.
"""

from django.db import migrations

INDEXES = [
    ("ordinance_status_newest", "jurisdictions_ordinance", "status", "main_date"),
    (
        "ordinance_instrument_newest",
        "jurisdictions_ordinance",
        "instrument",
        "main_date",
    ),
    (
        "resolution_status_newest",
        "jurisdictions_schooldistrictresolution",
        "status",
        "adopted_on",
    ),
    ("statement_kind_newest", "jurisdictions_federalstatement", "kind", "made_on"),
]


def create(apps, schema_editor):
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    for name, table, column, date in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX {name} ON {table} ({column}, {date} DESC{nulls}, title)"
        )


def drop(apps, schema_editor):
    for name, *_ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("jurisdictions", "0008_newest_first_indexes")]

    operations = [migrations.RunPython(create, drop)]
