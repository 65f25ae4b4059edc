"""A counter per table beside the data version's, bumped by the same triggers,
so an edit moves only the lists that read the table it changed
(counting.list_version). On PostgreSQL the shared trigger function is
replaced; on SQLite, whose triggers name their table, they are recreated.

On PostgreSQL the evidence triggers' functions (0017) are replaced too: they
now update places only when a stance changes, since an UPDATE statement
bumps the places' counter even when it changes no row. Going back keeps
them: they were right before this migration too.
"""

from django.db import migrations, models

from jurisdictions import triggers


def counters(per_table):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        parts = triggers.data_version(vendor, triggers.watched_tables(apps), per_table)
        if vendor == "postgresql":
            # CREATE OR REPLACE the function alone: its triggers stay.
            functions = parts
            if per_table:
                functions += triggers.evidence(vendor, schema_editor.connection)
            triggers.create(schema_editor, triggers.functions_of(functions))
        else:
            triggers.recreate(schema_editor, parts)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("jurisdictions", "0017_evidence_stance"),
    ]

    operations = [
        migrations.CreateModel(
            name="TableVersion",
            fields=[
                (
                    "name",
                    models.CharField(max_length=100, primary_key=True, serialize=False),
                ),
                ("version", models.BigIntegerField(default=0)),
                ("changed_at", models.DateTimeField()),
            ],
        ),
        migrations.RunPython(counters(per_table=True), counters(per_table=False)),
    ]
