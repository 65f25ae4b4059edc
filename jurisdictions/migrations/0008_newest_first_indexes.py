"""Index each list's default order: newest first, undated last, then title.

A list's first page then reads 50 index entries instead of sorting every row.
Django's Index cannot say NULLS LAST portably (SQLite refuses it in an index),
so the SQL is per database: SQLite already sorts NULLs last when descending.
"""

from django.db import migrations

INDEXES = [
    ("ordinance_newest_first", "jurisdictions_ordinance", "main_date"),
    ("resolution_newest_first", "jurisdictions_schooldistrictresolution", "adopted_on"),
    ("statement_newest_first", "jurisdictions_federalstatement", "made_on"),
]


def create(apps, schema_editor):
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX {name} ON {table} ({column} DESC{nulls}, title)"
        )


def drop(apps, schema_editor):
    for name, _, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("jurisdictions", "0007_jurisdiction_website_http")]

    operations = [migrations.RunPython(create, drop)]
