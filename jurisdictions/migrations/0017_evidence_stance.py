"""The stored evidence stance: Jurisdiction.evidence_stance, the stance a
place's own instruments in force suggest, kept current by database triggers
on every table the evidence reads (jurisdictions/triggers/evidence.py), so
the editors' queue and the "differs" filter compare two columns instead of
weighing every instrument in force.

Adding the column rebuilds the table on SQLite, which loses its triggers:
`strip` removes them first and `restore` puts them back, as in 0016. The
column is filled for every place before the triggers are installed.

A later migration that rebuilds a table on SQLite calls `strip` and
`restore` here: the evidence triggers name the jurisdiction table, so they
must go before a rebuild and come back after it, like the others.
"""

import importlib

from django.db import migrations, models

from jurisdictions import triggers
from jurisdictions.stances import refresh_sql


def earlier(name):
    return importlib.import_module(f"jurisdictions.migrations.{name}")


def evidence_triggers(schema_editor):
    connection = schema_editor.connection
    return triggers.evidence(connection.vendor, connection)


def strip(apps, schema_editor):
    """On SQLite, drop every trigger a table rebuild breaks."""
    if schema_editor.connection.vendor == "sqlite":
        triggers.drop(schema_editor, evidence_triggers(schema_editor))
    earlier("0011_record_as_it_stands").strip(apps, schema_editor)


def restore(apps, schema_editor):
    earlier("0011_record_as_it_stands").reinstall(apps, schema_editor)
    triggers.recreate(schema_editor, evidence_triggers(schema_editor))


def fill(schema_editor):
    """Store every place's evidence stance (an empty table has none)."""
    connection, table = schema_editor.connection, triggers.PLACE
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")
        if cursor.fetchone() is None:
            return
    schema_editor.execute(
        refresh_sql(connection, f"SELECT id FROM {table}"), params=None
    )


def install(apps, schema_editor):
    earlier("0011_record_as_it_stands").reinstall(apps, schema_editor)
    fill(schema_editor)
    triggers.create(schema_editor, evidence_triggers(schema_editor))


def uninstall(apps, schema_editor):
    triggers.drop(schema_editor, evidence_triggers(schema_editor))
    earlier("0011_record_as_it_stands").strip(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("jurisdictions", "0016_record_of_force")]

    operations = [
        migrations.RunPython(
            earlier("0011_record_as_it_stands").strip,
            earlier("0011_record_as_it_stands").reinstall,
        ),
        migrations.AddField(
            model_name="jurisdiction",
            name="evidence_stance",
            field=models.CharField(
                choices=[
                    ("sanctuary", "Sanctuary"),
                    ("limited", "Limited cooperation"),
                    ("cooperative", "Cooperative"),
                    ("anti_sanctuary", "Anti-sanctuary"),
                    ("none_found", "No law found"),
                    ("unknown", "Unknown"),
                ],
                default="unknown",
                editable=False,
                help_text="The stance the place's own instruments in force "
                "suggest, by the stance criteria; database triggers keep it on "
                "every write the evidence depends on "
                "(jurisdictions/triggers/evidence.py).",
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="jurisdiction",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "evidence_stance__in",
                        [
                            "sanctuary",
                            "limited",
                            "cooperative",
                            "anti_sanctuary",
                            "none_found",
                            "unknown",
                        ],
                    )
                ),
                name="jurisdiction_evidence_stance_valid",
            ),
        ),
        migrations.RunPython(install, uninstall),
    ]
