"""Every database trigger of the app, per engine, with the trigger functions
and raw indexes installed alongside them.

The migrations install and remove these through `create` and `drop`; nothing
else writes trigger SQL. `expected_triggers(vendor)` names every trigger the
current schema must have (tests/test_migrations.py checks the database against
it): on SQLite a table rebuild silently drops a table's triggers and raw
indexes, so a migration that rebuilds a table must drop and reinstall them (see
migrations 0011 and 0012).

Earlier migrations replay this SQL when a database is built from scratch, so a
change here can only name columns that exist when those migrations run, and
needs a new migration that drops and recreates what changed.
"""

from dataclasses import dataclass

ORDINANCE = "jurisdictions_ordinance"
PLACE = "jurisdictions_jurisdiction"
RESOLUTION = "jurisdictions_schooldistrictresolution"
CASE = "jurisdictions_case"


@dataclass(frozen=True)
class Part:
    """One database object: a trigger, a trigger function or a raw index."""

    kind: str  # "trigger", "function" or "index"
    name: str
    create: str
    drop: str


def create(schema_editor, parts):
    for part in parts:
        schema_editor.execute(part.create, params=None)


def drop(schema_editor, parts):
    """Drop in reverse order: triggers before the functions they call."""
    for part in reversed(parts):
        schema_editor.execute(part.drop, params=None)


def recreate(schema_editor, parts):
    drop(schema_editor, parts)
    create(schema_editor, parts)


def triggers_of(parts):
    return [part for part in parts if part.kind == "trigger"]


def pg_function(name, body, replace=False):
    verb = "CREATE OR REPLACE" if replace else "CREATE"
    return Part(
        "function",
        name,
        f"""
        {verb} FUNCTION {name}() RETURNS trigger AS $$
        BEGIN
            {body}
        END
        $$ LANGUAGE plpgsql
        """,
        f"DROP FUNCTION IF EXISTS {name}()",
    )


def pg_trigger(name, table, definition):
    return Part(
        "trigger",
        name,
        f"CREATE TRIGGER {name} {definition}",
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
    )


def sqlite_trigger(name, definition):
    return Part(
        "trigger",
        name,
        f"CREATE TRIGGER {name} {definition}",
        f"DROP TRIGGER IF EXISTS {name}",
    )


def index(name, definition):
    return Part(
        "index",
        name,
        f"CREATE INDEX {name} {definition}",
        f"DROP INDEX IF EXISTS {name}",
    )


# Migration 0002: a resolution's district must be a school district. A CHECK
# constraint cannot look at another table, so triggers on both tables do.
DISTRICT_MESSAGE = "resolution district must be a jurisdiction of kind school_district"


def school_district(vendor):
    if vendor == "sqlite":
        return [
            *(
                sqlite_trigger(
                    f"resolution_district_kind_{event.lower()}",
                    f"""
                    BEFORE {event} ON {RESOLUTION}
                    FOR EACH ROW
                    WHEN (SELECT kind FROM {PLACE} WHERE id = NEW.district_id)
                         IS NOT 'school_district'
                    BEGIN
                        SELECT RAISE(ABORT, '{DISTRICT_MESSAGE}');
                    END
                    """,
                )
                for event in ("INSERT", "UPDATE")
            ),
            sqlite_trigger(
                "jurisdiction_kind_keeps_resolutions",
                f"""
                BEFORE UPDATE OF kind ON {PLACE}
                FOR EACH ROW
                WHEN NEW.kind IS NOT 'school_district' AND EXISTS (
                    SELECT 1 FROM {RESOLUTION} WHERE district_id = NEW.id
                )
                BEGIN
                    SELECT RAISE(ABORT, '{DISTRICT_MESSAGE}');
                END
                """,
            ),
        ]
    if vendor == "postgresql":
        refuse = (
            f"RAISE EXCEPTION '{DISTRICT_MESSAGE}' USING ERRCODE = 'check_violation';"
        )
        return [
            pg_function(
                "resolution_district_kind",
                f"""IF (SELECT kind FROM {PLACE} WHERE id = NEW.district_id)
               IS DISTINCT FROM 'school_district' THEN
                {refuse}
            END IF;
            RETURN NEW;""",
            ),
            pg_trigger(
                "resolution_district_kind",
                RESOLUTION,
                f"BEFORE INSERT OR UPDATE OF district_id ON {RESOLUTION} "
                f"FOR EACH ROW EXECUTE FUNCTION resolution_district_kind()",
            ),
            pg_function(
                "jurisdiction_kind_keeps_resolutions",
                f"""IF NEW.kind IS DISTINCT FROM 'school_district' AND EXISTS (
                SELECT 1 FROM {RESOLUTION} WHERE district_id = NEW.id
            ) THEN
                {refuse}
            END IF;
            RETURN NEW;""",
            ),
            pg_trigger(
                "jurisdiction_kind_keeps_resolutions",
                PLACE,
                f"BEFORE UPDATE OF kind ON {PLACE} "
                f"FOR EACH ROW EXECUTE FUNCTION jurisdiction_kind_keeps_resolutions()",
            ),
        ]
    return []


# Migrations 0004 and 0011: full-text search vectors, PostgreSQL only (SQLite
# searches the same fields without one). Keep each table's weighted text in
# step with `search_fields` on its FilterSet in jurisdictions/filters.py.
def vector(weighted):
    return " || ".join(
        f"setweight(to_tsvector('english', concat_ws(' ', {', '.join(parts)})), '{w}')"
        for w, parts in weighted
    )


PLACE_NAME = f"(SELECT name FROM {PLACE} WHERE id = NEW.{{}})"
PERSON_NAME = "(SELECT name FROM jurisdictions_person WHERE id = NEW.speaker_id)"
SEARCHED = {
    PLACE: vector([("A", ["NEW.name"]), ("B", ["NEW.summary", "NEW.stance_note"])]),
    ORDINANCE: vector(
        [
            ("A", ["NEW.title", "NEW.number"]),
            ("B", ["NEW.summary", PLACE_NAME.format("jurisdiction_id")]),
        ]
    ),
    RESOLUTION: vector(
        [
            ("A", ["NEW.title", "NEW.number"]),
            ("B", ["NEW.summary", PLACE_NAME.format("district_id")]),
        ]
    ),
    "jurisdictions_federalstatement": vector(
        [
            ("A", ["NEW.title", PERSON_NAME]),
            ("B", ["NEW.quote", "NEW.summary", "NEW.speaker_role"]),
        ]
    ),
    CASE: vector(
        [
            ("A", ["NEW.title", "NEW.docket"]),
            (
                "B",
                [
                    "NEW.summary",
                    "NEW.outcome",
                    "NEW.court",
                    "NEW.judge",
                    "NEW.plaintiff_parties",
                    "NEW.defendant_parties",
                ],
            ),
        ]
    ),
}
# A renamed jurisdiction or person re-indexes the rows whose text includes it.
RENAMES = [
    (PLACE, ORDINANCE, "jurisdiction_id"),
    (PLACE, RESOLUTION, "district_id"),
    ("jurisdictions_person", "jurisdictions_federalstatement", "speaker_id"),
]


def search(vendor, tables):
    """Each table's search-vector trigger and its GIN index."""
    if vendor != "postgresql":
        return []
    parts = []
    for table in tables:
        parts += [
            pg_function(
                f"{table}_search",
                f"NEW.search_vector := {SEARCHED[table]};\n            RETURN NEW;",
            ),
            pg_trigger(
                f"{table}_search",
                table,
                f"BEFORE INSERT OR UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_search()",
            ),
            index(f"{table}_search_gin", f"ON {table} USING gin (search_vector)"),
        ]
    return parts


def search_renames(vendor):
    if vendor != "postgresql":
        return []
    parts = []
    for source, target, column in RENAMES:
        name = f"{target}_{column}_renamed"
        parts += [
            pg_function(
                name,
                f"UPDATE {target} SET search_vector = NULL WHERE {column} = NEW.id;"
                "\n            RETURN NULL;",
            ),
            pg_trigger(
                name,
                source,
                f"AFTER UPDATE OF name ON {source} "
                f"FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) "
                f"EXECUTE FUNCTION {name}()",
            ),
        ]
    return parts


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


# Migration 0007: a jurisdiction's website is an http(s) URL. PostgreSQL holds
# this as a CHECK constraint; on SQLite adding one rebuilds the table, so two
# triggers enforce it. GLOB is case-sensitive, like the regex; LIKE would
# take "HTTP://".
WEBSITE_MESSAGE = "CHECK constraint failed: jurisdiction_website_http"


def website(vendor):
    if vendor != "sqlite":
        return []
    return [
        sqlite_trigger(
            f"jurisdiction_website_http_{name}",
            f"""
            BEFORE {event} ON {PLACE}
            FOR EACH ROW
            WHEN NOT (
                NEW.website = '' OR NEW.website GLOB 'http://*'
                OR NEW.website GLOB 'https://*'
            )
            BEGIN
                SELECT RAISE(ABORT, '{WEBSITE_MESSAGE}');
            END
            """,
        )
        for name, event in (("insert", "INSERT"), ("update", "UPDATE OF website"))
    ]


# Migrations 0008-0010: each list's default order, newest first, undated last,
# then title. Django's Index cannot say NULLS LAST portably (SQLite refuses it
# in an index, and already sorts NULLs last when descending).
def newest_first_index(vendor, name, table, columns, date):
    nulls = " NULLS LAST" if vendor == "postgresql" else ""
    return index(name, f"ON {table} ({columns}{date} DESC{nulls}, title)")


def newest_first(vendor):
    """Migration 0008: each list's default order."""
    return [
        newest_first_index(vendor, name, table, "", date)
        for name, table, date in (
            ("ordinance_newest_first", ORDINANCE, "main_date"),
            ("resolution_newest_first", RESOLUTION, "adopted_on"),
            ("statement_newest_first", "jurisdictions_federalstatement", "made_on"),
        )
    ]


def filtered_newest_first(vendor):
    """Migration 0009: the default order within the most used facet column."""
    return [
        newest_first_index(vendor, name, table, f"{column}, ", date)
        for name, table, column, date in (
            ("ordinance_status_newest", ORDINANCE, "status", "main_date"),
            ("ordinance_instrument_newest", ORDINANCE, "instrument", "main_date"),
            ("resolution_status_newest", RESOLUTION, "status", "adopted_on"),
            (
                "statement_kind_newest",
                "jurisdictions_federalstatement",
                "kind",
                "made_on",
            ),
        )
    ]


# Migration 0010: an ordinance carries its jurisdiction's state.
PLACE_STATE = f"(SELECT state FROM {PLACE} WHERE id = NEW.jurisdiction_id)"
FILL_STATE = (
    f"UPDATE {ORDINANCE} SET state = "
    f"(SELECT state FROM {PLACE} WHERE {PLACE}.id = {ORDINANCE}.jurisdiction_id)"
)


def ordinance_state(vendor):
    """The triggers that keep `state`, and the indexes that read it."""
    if vendor == "postgresql":
        parts = [
            pg_function(
                "jurisdictions_ordinance_state",
                f"NEW.state := {PLACE_STATE};\n            RETURN NEW;",
                replace=True,
            ),
            pg_trigger(
                f"{ORDINANCE}_state",
                ORDINANCE,
                f"BEFORE INSERT OR UPDATE OF jurisdiction_id, state ON {ORDINANCE} "
                f"FOR EACH ROW EXECUTE FUNCTION jurisdictions_ordinance_state()",
            ),
            pg_function(
                "jurisdictions_place_state",
                f"UPDATE {ORDINANCE} SET state = NEW.state\n"
                "            WHERE jurisdiction_id = NEW.id;\n"
                "            RETURN NULL;",
                replace=True,
            ),
            pg_trigger(
                f"{PLACE}_ordinance_state",
                PLACE,
                f"AFTER UPDATE OF state ON {PLACE} "
                f"FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) "
                f"EXECUTE FUNCTION jurisdictions_place_state()",
            ),
        ]
    elif vendor == "sqlite":
        # SQLite triggers cannot set NEW's columns: update the row after.
        fill = f"UPDATE {ORDINANCE} SET state = {PLACE_STATE} WHERE id = NEW.id;"
        parts = [
            sqlite_trigger(
                f"{ORDINANCE}_state_insert",
                f"AFTER INSERT ON {ORDINANCE} BEGIN {fill} END",
            ),
            sqlite_trigger(
                f"{ORDINANCE}_state_update",
                f"AFTER UPDATE OF jurisdiction_id, state ON {ORDINANCE} "
                f"BEGIN {fill} END",
            ),
            sqlite_trigger(
                f"{PLACE}_ordinance_state",
                f"AFTER UPDATE OF state ON {PLACE} "
                f"WHEN OLD.state IS NOT NEW.state BEGIN "
                f"UPDATE {ORDINANCE} SET state = NEW.state "
                f"WHERE jurisdiction_id = NEW.id; END",
            ),
        ]
    else:
        parts = []
    return parts + [
        newest_first_index(vendor, name, ORDINANCE, f"{columns}, ", "main_date")
        for name, columns in (
            ("ordinance_state_status_newest", "state, status"),
            ("ordinance_state_newest", "state"),
        )
    ]


def place_name_trigram(vendor):
    """Migration 0014: near spellings for place search (PostgreSQL only)."""
    if vendor != "postgresql":
        return []
    return [
        index(
            "jurisdiction_name_key_trgm",
            f"ON {PLACE} USING gin (name_key gin_trgm_ops)",
        )
    ]


def current(vendor, apps=None):
    """Every part the latest migration leaves in place."""
    if apps is None:
        from django.apps import apps
    return [
        *school_district(vendor),
        *search(vendor, SEARCHED),
        *search_renames(vendor),
        *data_version(vendor, watched_tables(apps)),
        *website(vendor),
        *newest_first(vendor),
        *filtered_newest_first(vendor),
        *ordinance_state(vendor),
        *place_name_trigram(vendor),
    ]


def expected_triggers(vendor):
    """The names of the triggers the current schema must have on `vendor`."""
    return {part.name for part in triggers_of(current(vendor))}


def expected_indexes(vendor):
    """The names of the raw indexes (not declared on models) it must have."""
    return {part.name for part in current(vendor) if part.kind == "index"}
