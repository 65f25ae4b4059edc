"""Index each list's default order within its most used facet column.

"In effect, newest first" then reads the in-effect rows in order from one
index instead of skipping every other status in the newest-first index
(0008); the leading column still serves the filter alone. Same SQL per
database as 0008 (`filtered_newest_first` in jurisdictions/triggers.py).
"""

from django.db import migrations

from jurisdictions import triggers


def create(apps, schema_editor):
    parts = triggers.filtered_newest_first(schema_editor.connection.vendor)
    triggers.create(schema_editor, parts)


def drop(apps, schema_editor):
    parts = triggers.filtered_newest_first(schema_editor.connection.vendor)
    triggers.drop(schema_editor, parts)


class Migration(migrations.Migration):
    dependencies = [("jurisdictions", "0008_newest_first_indexes")]

    operations = [migrations.RunPython(create, drop)]
