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

The package is split by what it holds: `parts` (the `Part` machinery and table
names), `checks` (school-district and website rules), `fulltext` (search
vectors and indexes), `versioning` (the data-version counter), `ordering`
(newest-first indexes), `state` (an ordinance's state) and `evidence` (a
place's stored evidence stance, compiled by stances/stored.py). This module
re-exports all of it, which the migrations import as `triggers`, and lists
what the current schema must hold.
"""

from .checks import DISTRICT_MESSAGE, WEBSITE_MESSAGE, school_district, website
from .evidence import WATCHES, evidence
from .fulltext import (
    PERSON_NAME,
    PLACE_NAME,
    RENAMES,
    SEARCHED,
    place_name_trigram,
    search,
    search_renames,
    vector,
)
from .ordering import filtered_newest_first, newest_first, newest_first_index
from .parts import (
    CASE,
    ORDINANCE,
    PLACE,
    RESOLUTION,
    Part,
    create,
    drop,
    functions_of,
    index,
    pg_function,
    pg_trigger,
    recreate,
    sqlite_trigger,
    triggers_of,
)
from .state import FILL_STATE, PLACE_STATE, ordinance_state
from .versioning import (
    PG_BUMP,
    SQLITE_BUMP,
    data_version,
    per_table,
    watched_tables,
)

__all__ = [
    "CASE",
    "DISTRICT_MESSAGE",
    "FILL_STATE",
    "ORDINANCE",
    "PERSON_NAME",
    "PG_BUMP",
    "PLACE",
    "PLACE_NAME",
    "PLACE_STATE",
    "RENAMES",
    "RESOLUTION",
    "SEARCHED",
    "SQLITE_BUMP",
    "WATCHES",
    "WEBSITE_MESSAGE",
    "Part",
    "create",
    "current",
    "data_version",
    "drop",
    "evidence",
    "expected_indexes",
    "expected_triggers",
    "filtered_newest_first",
    "index",
    "newest_first",
    "newest_first_index",
    "ordinance_state",
    "per_table",
    "pg_function",
    "pg_trigger",
    "place_name_trigram",
    "recreate",
    "school_district",
    "search",
    "search_renames",
    "sqlite_trigger",
    "functions_of",
    "triggers_of",
    "vector",
    "watched_tables",
    "website",
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
        *evidence(vendor),
    ]


def expected_triggers(vendor):
    """The names of the triggers the current schema must have on `vendor`."""
    return {part.name for part in triggers_of(current(vendor))}


def expected_indexes(vendor):
    """The names of the raw indexes (not declared on models) it must have."""
    return {part.name for part in current(vendor) if part.kind == "index"}
