"""The national landscape: an instrument's main date falls back to its
signing date (a state law or executive order often has no recorded vote),
fixtures name records by natural key, and a source URL is recorded once.

A generated column cannot be altered, only dropped and added again. Dropping
it takes the raw indexes of 0008-0010 with it on both engines, and on SQLite
the table rebuild also loses the triggers: `strip` removes them first and
`restore` puts them back (both ways), as in 0011.
"""

import importlib

import django.db.models.functions.comparison
from django.db import migrations, models


def earlier(name):
    return importlib.import_module(f"jurisdictions.migrations.{name}")


RAW_INDEXES = [
    ("0008_newest_first_indexes", "drop", "create"),
    ("0009_filtered_newest_first_indexes", "drop", "create"),
    ("0010_ordinance_state", "remove", "install"),
]


def strip(apps, schema_editor):
    """Drop what depends on main_date (and, on SQLite, every trigger)."""
    if schema_editor.connection.vendor == "sqlite":
        earlier("0011_record_as_it_stands").strip(apps, schema_editor)
        return
    for name, drop, _ in RAW_INDEXES:
        getattr(earlier(name), drop)(apps, schema_editor)


def restore(apps, schema_editor):
    earlier("0011_record_as_it_stands").reinstall(apps, schema_editor)
    if schema_editor.connection.vendor == "sqlite":
        return
    for name, drop, create in RAW_INDEXES:
        getattr(earlier(name), drop)(apps, schema_editor)
        getattr(earlier(name), create)(apps, schema_editor)


def main_date():
    return models.GeneratedField(
        db_persist=True,
        expression=django.db.models.functions.comparison.Coalesce(
            "passed_on", "signed_on", "introduced_on"
        ),
        help_text="Passed on, else signed on (a law or order with no recorded "
        "vote), else introduced on: lists filter and sort by it.",
        output_field=models.DateField(),
    )


# Reversed, RemoveField brings the field back with its old expression.
REPLACE_MAIN_DATE = [
    operation
    for model in ("ordinance", "historicalordinance")
    for operation in (
        migrations.RemoveField(model_name=model, name="main_date"),
        migrations.AddField(model_name=model, name="main_date", field=main_date()),
    )
]


MAIN_DATE_INDEX = models.Index(
    fields=["main_date"], name="jurisdictio_main_da_b903a9_idx"
)


class Migration(migrations.Migration):
    dependencies = [("jurisdictions", "0011_record_as_it_stands")]

    operations = [
        migrations.RunPython(strip, restore),
        migrations.RemoveIndex(model_name="ordinance", name=MAIN_DATE_INDEX.name),
        *REPLACE_MAIN_DATE,
        migrations.AddIndex(model_name="ordinance", index=MAIN_DATE_INDEX),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.UniqueConstraint(
                condition=models.Q(("url", ""), _negated=True),
                fields=("url",),
                name="source_url_unique",
                violation_error_message="A source with this URL already exists.",
            ),
        ),
        migrations.RunPython(restore, strip),
    ]
