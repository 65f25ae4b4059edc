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
on SQLite must install these triggers again.
"""

from django.db import migrations, models

ORDINANCE = "jurisdictions_ordinance"
PLACE = "jurisdictions_jurisdiction"
PLACE_STATE = f"(SELECT state FROM {PLACE} WHERE id = NEW.jurisdiction_id)"

INDEXES = [
    ("ordinance_state_status_newest", "state, status"),
    ("ordinance_state_newest", "state"),
]


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    execute = schema_editor.execute
    execute(
        f"UPDATE {ORDINANCE} SET state = "
        f"(SELECT state FROM {PLACE} WHERE {PLACE}.id = {ORDINANCE}.jurisdiction_id)"
    )
    if vendor == "postgresql":
        execute(
            f"""
            CREATE OR REPLACE FUNCTION jurisdictions_ordinance_state()
            RETURNS trigger AS $$
            BEGIN
                NEW.state := {PLACE_STATE};
                RETURN NEW;
            END
            $$ LANGUAGE plpgsql
            """
        )
        execute(
            f"CREATE TRIGGER {ORDINANCE}_state BEFORE INSERT OR UPDATE OF "
            f"jurisdiction_id, state ON {ORDINANCE} FOR EACH ROW "
            f"EXECUTE FUNCTION jurisdictions_ordinance_state()"
        )
        execute(
            f"""
            CREATE OR REPLACE FUNCTION jurisdictions_place_state()
            RETURNS trigger AS $$
            BEGIN
                UPDATE {ORDINANCE} SET state = NEW.state
                WHERE jurisdiction_id = NEW.id;
                RETURN NULL;
            END
            $$ LANGUAGE plpgsql
            """
        )
        execute(
            f"CREATE TRIGGER {PLACE}_ordinance_state AFTER UPDATE OF state ON {PLACE} "
            f"FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) "
            f"EXECUTE FUNCTION jurisdictions_place_state()"
        )
    elif vendor == "sqlite":
        # SQLite triggers cannot set NEW's columns: update the row after.
        fill = f"UPDATE {ORDINANCE} SET state = {PLACE_STATE} WHERE id = NEW.id;"
        execute(
            f"CREATE TRIGGER {ORDINANCE}_state_insert AFTER INSERT ON {ORDINANCE} "
            f"BEGIN {fill} END"
        )
        execute(
            f"CREATE TRIGGER {ORDINANCE}_state_update AFTER UPDATE OF "
            f"jurisdiction_id, state ON {ORDINANCE} BEGIN {fill} END"
        )
        execute(
            f"CREATE TRIGGER {PLACE}_ordinance_state AFTER UPDATE OF state ON {PLACE} "
            f"WHEN OLD.state IS NOT NEW.state BEGIN "
            f"UPDATE {ORDINANCE} SET state = NEW.state WHERE jurisdiction_id = NEW.id; "
            f"END"
        )
    nulls = " NULLS LAST" if vendor == "postgresql" else ""
    for name, columns in INDEXES:
        execute(
            f"CREATE INDEX {name} ON {ORDINANCE} "
            f"({columns}, main_date DESC{nulls}, title)"
        )


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    execute = schema_editor.execute
    for name, _ in INDEXES:
        execute(f"DROP INDEX IF EXISTS {name}")
    if vendor == "postgresql":
        execute(f"DROP TRIGGER IF EXISTS {ORDINANCE}_state ON {ORDINANCE}")
        execute(f"DROP TRIGGER IF EXISTS {PLACE}_ordinance_state ON {PLACE}")
        execute("DROP FUNCTION IF EXISTS jurisdictions_ordinance_state()")
        execute("DROP FUNCTION IF EXISTS jurisdictions_place_state()")
    elif vendor == "sqlite":
        for trigger in (
            f"{ORDINANCE}_state_insert",
            f"{ORDINANCE}_state_update",
            f"{PLACE}_ordinance_state",
        ):
            execute(f"DROP TRIGGER IF EXISTS {trigger}")


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
