"""The provisions' names and descriptions in Spanish, for the Spanish pages.

Adding a NOT NULL column rebuilds the table on SQLite, which drops its
triggers: `strip` and `restore` take them out and put them back, as in 0014.
"""

import importlib

from django.db import migrations, models


def earlier():
    return importlib.import_module("jurisdictions.migrations.0014_place_search")


def strip(apps, schema_editor):
    earlier().strip(apps, schema_editor)


def restore(apps, schema_editor):
    earlier().restore(apps, schema_editor)


def spanish_fields():
    return [
        (
            "description_es",
            models.TextField(
                blank=True,
                help_text="Shown on the Spanish pages; the English description "
                "when empty.",
                verbose_name="description (Spanish)",
            ),
        ),
        (
            "name_es",
            models.CharField(
                blank=True,
                help_text="Shown on the Spanish pages; the English name when empty.",
                max_length=200,
                verbose_name="name (Spanish)",
            ),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [("jurisdictions", "0014_place_search")]

    operations = [
        migrations.RunPython(strip, restore),
        *(
            migrations.AddField(model_name=model, name=name, field=field)
            for model in ("historicalpolicyprovision", "policyprovision")
            for name, field in spanish_fields()
        ),
        migrations.RunPython(restore, strip),
    ]
