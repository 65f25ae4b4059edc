"""Ordinances carry their jurisdiction's state, kept by database triggers.

"California, in effect, newest first" walked the in-effect ordinances newest
first and looked up each one's jurisdiction until 50 were in California (370
lookups, 2-3 ms a page at 200,000 ordinances). With the state on the row, an
index on (state, status, newest first) holds exactly the page's rows.

Triggers, not save(), keep it: bulk inserts, fixtures, imports and raw SQL
write ordinances too. An ordinance takes its jurisdiction's state when it is
written; a jurisdiction whose state changes passes it to its ordinances. The
column is nullable so that SQLite adds it in place: rebuilding the table would
drop its other triggers (see 0005). A later migration that rebuilds this table
on SQLite must install these triggers again. The SQL of the triggers and
indexes, per engine, is `ordinance_state` in jurisdictions/triggers.py.
"""

from django.db import migrations, models

from jurisdictions import triggers


def install(apps, schema_editor):
    """Fill every ordinance's state, then install the triggers and indexes."""
    schema_editor.execute(triggers.FILL_STATE)
    parts = triggers.ordinance_state(schema_editor.connection.vendor)
    triggers.create(schema_editor, parts)


def remove(apps, schema_editor):
    parts = triggers.ordinance_state(schema_editor.connection.vendor)
    triggers.drop(schema_editor, parts)


class Migration(migrations.Migration):
    dependencies = [("jurisdictions", "0009_filtered_newest_first_indexes")]

    operations = [
        migrations.AddField(
            model_name="ordinance",
            name="state",
            field=models.CharField(
                editable=False,
                help_text="The jurisdiction's state, kept by database triggers.",
                max_length=2,
                null=True,
            ),
        ),
        migrations.RunPython(install, remove),
    ]
