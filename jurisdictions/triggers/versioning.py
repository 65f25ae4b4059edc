"""The data-version triggers (0005, 0011, 0018): any write to a watched table
bumps the single counter row in jurisdictions_dataversion and, since 0018,
that table's own row in jurisdictions_tableversion, so a list whose tables an
edit did not touch keeps its counts (counting.list_version).
"""

from .parts import pg_function, pg_trigger, sqlite_trigger

COUNTERS = ("jurisdictions_dataversion", "jurisdictions_tableversion")
# Readers' suggested corrections (issue 30): no public page reads them, and a
# new one must not empty every cached page.
CORRECTIONS = "jurisdictions_correction"


# Migration 0005: any write to a watched table bumps the data version.
def watched_tables(apps):
    """Every table of the app except the history tables and the counter's own."""
    config = apps.get_app_config("jurisdictions")
    return sorted(
        model._meta.db_table
        for model in config.get_models(include_auto_created=True)
        if not model.__name__.startswith("Historical")
        and model._meta.db_table not in COUNTERS
        and model._meta.db_table != CORRECTIONS
        and not model._meta.db_table.startswith("jurisdictions_historical")
    )


def per_table(apps):
    """Whether the schema in `apps` counts writes per table (0018 on)."""
    config = apps.get_app_config("jurisdictions")
    return any(model.__name__ == "TableVersion" for model in config.get_models())


# An upsert, so the counter survives a flush of every table (as tests do).
SQLITE_BUMP = (
    "INSERT INTO jurisdictions_dataversion (id, version, changed_at) "
    "VALUES (1, 1, strftime('%Y-%m-%d %H:%M:%f', 'now')) "
    "ON CONFLICT (id) DO UPDATE SET version = version + 1, "
    "changed_at = excluded.changed_at;"
)
# Since 0018, the table's own counter too. SQLite's triggers are one per table,
# so each names its table; PostgreSQL's shared function reads TG_TABLE_NAME.
SQLITE_TABLE_BUMP = (
    "INSERT INTO jurisdictions_tableversion (name, version, changed_at) "
    "VALUES ('{table}', 1, strftime('%Y-%m-%d %H:%M:%f', 'now')) "
    "ON CONFLICT (name) DO UPDATE SET version = version + 1, "
    "changed_at = excluded.changed_at;"
)
PG_BUMP = """INSERT INTO jurisdictions_dataversion (id, version, changed_at)
            VALUES (1, 1, now())
            ON CONFLICT (id) DO UPDATE SET
                version = jurisdictions_dataversion.version + 1,
                changed_at = excluded.changed_at;
            RETURN NULL;"""
PG_TABLE_BUMP = """INSERT INTO jurisdictions_tableversion (name, version, changed_at)
            VALUES (TG_TABLE_NAME, 1, now())
            ON CONFLICT (name) DO UPDATE SET
                version = jurisdictions_tableversion.version + 1,
                changed_at = excluded.changed_at;
            """


def data_version(vendor, tables, per_table=True):
    """The triggers (and PostgreSQL's function) bumping the counters; before
    0018, `per_table` False: the global counter alone."""
    if vendor == "postgresql":
        body = PG_TABLE_BUMP + PG_BUMP if per_table else PG_BUMP
        # Statement-level: a bulk insert of 200,000 rows bumps once.
        return [
            pg_function("jurisdictions_bump_data_version", body, replace=True),
            *(
                pg_trigger(
                    f"{table}_data_version",
                    table,
                    f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                    f"FOR EACH STATEMENT "
                    f"EXECUTE FUNCTION jurisdictions_bump_data_version()",
                )
                for table in tables
            ),
        ]
    if vendor == "sqlite":
        return [
            sqlite_trigger(
                f"{table}_data_version_{event.lower()}",
                f"AFTER {event} ON {table} BEGIN {SQLITE_BUMP}"
                f"{SQLITE_TABLE_BUMP.format(table=table) if per_table else ''} END",
            )
            for table in tables
            for event in ("INSERT", "UPDATE", "DELETE")
        ]
    return []
