"""The data-version triggers (0005, 0011): any write to a watched table bumps
the single counter row in jurisdictions_dataversion.
"""

from .parts import pg_function, pg_trigger, sqlite_trigger


# Migration 0005: any write to a watched table bumps the data version.
def watched_tables(apps):
    """Every table of the app except the history tables and the counter's own."""
    config = apps.get_app_config("jurisdictions")
    return sorted(
        model._meta.db_table
        for model in config.get_models(include_auto_created=True)
        if not model.__name__.startswith("Historical")
        and model._meta.db_table != "jurisdictions_dataversion"
        and not model._meta.db_table.startswith("jurisdictions_historical")
    )


# An upsert, so the counter survives a flush of every table (as tests do).
SQLITE_BUMP = (
    "INSERT INTO jurisdictions_dataversion (id, version, changed_at) "
    "VALUES (1, 1, strftime('%Y-%m-%d %H:%M:%f', 'now')) "
    "ON CONFLICT (id) DO UPDATE SET version = version + 1, "
    "changed_at = excluded.changed_at;"
)
PG_BUMP = """INSERT INTO jurisdictions_dataversion (id, version, changed_at)
            VALUES (1, 1, now())
            ON CONFLICT (id) DO UPDATE SET
                version = jurisdictions_dataversion.version + 1,
                changed_at = excluded.changed_at;
            RETURN NULL;"""


def data_version(vendor, tables):
    if vendor == "postgresql":
        # Statement-level: a bulk insert of 200,000 rows bumps once.
        return [
            pg_function("jurisdictions_bump_data_version", PG_BUMP, replace=True),
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
                f"AFTER {event} ON {table} BEGIN {SQLITE_BUMP} END",
            )
            for table in tables
            for event in ("INSERT", "UPDATE", "DELETE")
        ]
    return []
