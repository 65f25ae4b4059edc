"""Refuse, in the database, a resolution whose district is not a school district.

A CHECK constraint cannot look at another table, so triggers on both tables
enforce it: one on the resolution, one on the jurisdiction's kind. Their SQL,
per engine, is `school_district` in jurisdictions/triggers.py.
"""

from django.db import migrations

from jurisdictions import triggers


def run(direction):
    """0 installs the triggers, 1 removes them (0011 calls both)."""

    def apply(apps, schema_editor):
        parts = triggers.school_district(schema_editor.connection.vendor)
        (triggers.create, triggers.drop)[direction](schema_editor, parts)

    return apply


class Migration(migrations.Migration):
    dependencies = [("jurisdictions", "0001_initial")]

    operations = [migrations.RunPython(run(0), run(1))]
