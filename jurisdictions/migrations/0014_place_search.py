"""Place search: each jurisdiction's name as search compares it (`name_key`),
indexed for exact and prefix matches, and on PostgreSQL a trigram index for
near spellings (pg_trgm, a trusted extension left installed when reversed).

Adding a NOT NULL column rebuilds the table on SQLite, which drops its
triggers: `strip` and `restore` take them out and put them back, as in 0012.
"""

import importlib

from django.db import migrations, models

from jurisdictions import triggers
from jurisdictions.models.places import name_key


def earlier():
    return importlib.import_module("jurisdictions.migrations.0011_record_as_it_stands")


def strip(apps, schema_editor):
    earlier().strip(apps, schema_editor)


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        earlier().reinstall(apps, schema_editor)


def fill_keys(apps, schema_editor):
    Jurisdiction = apps.get_model("jurisdictions", "Jurisdiction")
    rows = Jurisdiction.objects.using(schema_editor.connection.alias).only("name")
    batch = []
    for row in rows.iterator(chunk_size=2000):
        row.name_key = name_key(row.name)
        batch.append(row)
    Jurisdiction.objects.bulk_update(batch, ["name_key"], batch_size=2000)


def add_trigram(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    triggers.create(
        schema_editor, triggers.place_name_trigram(schema_editor.connection.vendor)
    )


def drop_trigram(apps, schema_editor):
    triggers.drop(
        schema_editor, triggers.place_name_trigram(schema_editor.connection.vendor)
    )


class Migration(migrations.Migration):
    dependencies = [("jurisdictions", "0013_source_order_tie_break")]

    operations = [
        migrations.RunPython(strip, restore),
        migrations.AddField(
            model_name="jurisdiction",
            name="name_key",
            field=models.CharField(
                default="",
                editable=False,
                help_text="The name as place search compares it (name_key()), "
                "kept on save.",
                max_length=200,
            ),
        ),
        migrations.AddIndex(
            model_name="jurisdiction",
            index=models.Index(
                fields=["name_key"],
                name="jurisdiction_name_key",
                opclasses=["varchar_pattern_ops"],
            ),
        ),
        migrations.RunPython(restore, strip),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.RunPython(add_trigram, drop_trigram),
    ]
