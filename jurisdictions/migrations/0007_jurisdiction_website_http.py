"""Refuse, in the database, a jurisdiction website that is not an http(s) URL.

Sources and ordinances already have this CHECK constraint. On SQLite adding a
CHECK rebuilds the table, which the triggers of migrations 0002, 0004 and 0005
do not survive (the resolution trigger names this table), so there two
triggers enforce the same rule; the migration state holds the constraint
either way. The triggers' SQL is `website` in jurisdictions/triggers.py.
"""

from django.db import migrations, models

from jurisdictions import triggers

CONSTRAINT = models.CheckConstraint(
    condition=models.Q(("website", ""), ("website__regex", "^https?://"), _connector="OR"),
    name="jurisdiction_website_http",
)


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        triggers.create(schema_editor, triggers.website("sqlite"))
    else:
        schema_editor.add_constraint(apps.get_model("jurisdictions", "Jurisdiction"), CONSTRAINT)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        triggers.drop(schema_editor, triggers.website("sqlite"))
    else:
        schema_editor.remove_constraint(
            apps.get_model("jurisdictions", "Jurisdiction"), CONSTRAINT
        )


class Migration(migrations.Migration):

    dependencies = [
        ('jurisdictions', '0006_public_list_sorting'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddConstraint(model_name='jurisdiction', constraint=CONSTRAINT),
            ],
            database_operations=[migrations.RunPython(add, remove)],
        ),
    ]
