"""Refuse, in the database, a jurisdiction website that is not an http(s) URL.

Sources and ordinances already have this CHECK constraint. On SQLite adding a
CHECK rebuilds the table, which the triggers of migrations 0002, 0004 and 0005
do not survive (the resolution trigger names this table), so there two
triggers enforce the same rule; the migration state holds the constraint
either way.
"""

from django.db import migrations, models

CONSTRAINT = models.CheckConstraint(
    condition=models.Q(("website", ""), ("website__regex", "^https?://"), _connector="OR"),
    name="jurisdiction_website_http",
)

# GLOB is case-sensitive, like the regex; LIKE would take "HTTP://".
SQLITE_TRIGGER = """
    CREATE TRIGGER jurisdiction_website_http_{name}
    BEFORE {event} ON jurisdictions_jurisdiction
    FOR EACH ROW
    WHEN NOT (
        NEW.website = '' OR NEW.website GLOB 'http://*' OR NEW.website GLOB 'https://*'
    )
    BEGIN
        SELECT RAISE(ABORT, 'CHECK constraint failed: jurisdiction_website_http');
    END
"""
SQLITE_EVENTS = {"insert": "INSERT", "update": "UPDATE OF website"}


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name, event in SQLITE_EVENTS.items():
            schema_editor.execute(SQLITE_TRIGGER.format(name=name, event=event))
    else:
        schema_editor.add_constraint(apps.get_model("jurisdictions", "Jurisdiction"), CONSTRAINT)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for name in SQLITE_EVENTS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS jurisdiction_website_http_{name}")
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
