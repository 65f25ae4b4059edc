"""The stored evidence stance (0017): triggers on every table the evidence
reads refresh Jurisdiction.evidence_stance for the places a write touches.

Each watched table says which of its columns the evidence reads and which
places a set of its rows touches. On PostgreSQL a statement-level trigger
per event reads the statement's rows as transition tables, so a bulk insert
of 20,000 rows refreshes each place it touches once; on SQLite a row-level
trigger refreshes the row's place. A row that does not count (an instrument
not in force, a draft finding) touches no place: it cannot change the
evidence. The refresh itself is stances.refresh_sql(): evidence_stance()
compiled, so the stored column applies the criteria of stances/criteria.py.

The SQL is compiled from the current criteria when a migration installs the
triggers: a change to the criteria, the weighed categories or what counts as
in force needs a migration that drops and recreates these triggers and
refreshes every place (as 0017 does).

A writer's own value never stands: a save of a place whose evidence_stance
differs from the stored one (an instance read before its instruments
changed), or that changes its kind or publication status, refreshes it.
"""

from dataclasses import dataclass

from django.db import connection as default_connection

from ..models import Ordinance, SchoolDistrictResolution
from ..models.base import PUBLISHED
from ..stances.criteria import IN_FORCE
from ..stances.stored import literal, refresh_if_changed_sql, refresh_sql
from .parts import ORDINANCE, PLACE, RESOLUTION, pg_function, pg_trigger, sqlite_trigger

ORDINANCE_PROVISIONS = "jurisdictions_ordinance_provisions"
RESOLUTION_PROVISIONS = "jurisdictions_schooldistrictresolution_provisions"
EVENTS = ("INSERT", "UPDATE", "DELETE")


def counts(alias, model):
    """SQL: the instrument `alias` is published and in force."""
    statuses = ", ".join(literal(str(status)) for status in IN_FORCE[model])
    return (
        f"{alias}.status IN ({statuses}) "
        f"AND {alias}.publication_status = {literal(str(PUBLISHED))}"
    )


def carried_by(rows, column):
    """SQL: the places whose instruments in force carry the provisions whose
    ids `rows`.`column` holds."""
    return (
        f"SELECT o.jurisdiction_id FROM {rows} AS r "
        f"JOIN {ORDINANCE_PROVISIONS} AS op ON op.policyprovision_id = r.{column} "
        f"JOIN {ORDINANCE} AS o ON o.id = op.ordinance_id "
        f"AND {counts('o', Ordinance)} "
        f"UNION SELECT s.district_id FROM {rows} AS r "
        f"JOIN {RESOLUTION_PROVISIONS} AS sp ON sp.policyprovision_id = r.{column} "
        f"JOIN {RESOLUTION} AS s ON s.id = sp.schooldistrictresolution_id "
        f"AND {counts('s', SchoolDistrictResolution)}"
    )


@dataclass(frozen=True)
class Watch:
    """A table whose rows the evidence reads."""

    table: str
    name: str  # short, for trigger names (PostgreSQL keeps 63 characters)
    columns: tuple  # a change to any of them may change the evidence
    places: str  # SQL: the places rows `{rows}` (alias r) touch
    events: tuple = EVENTS

    def touched(self, rows):
        return self.places.format(rows=rows)

    def trigger_name(self, event):
        return f"evidence_{self.name}_{event.lower()}"


WATCHES = (
    Watch(
        ORDINANCE,
        "ordinance",
        ("jurisdiction_id", "status", "publication_status"),
        "SELECT r.jurisdiction_id FROM {rows} AS r WHERE " + counts("r", Ordinance),
    ),
    Watch(
        ORDINANCE_PROVISIONS,
        "ordinance_provisions",
        ("ordinance_id", "policyprovision_id"),
        f"SELECT o.jurisdiction_id FROM {{rows}} AS r JOIN {ORDINANCE} AS o "
        f"ON o.id = r.ordinance_id AND {counts('o', Ordinance)}",
    ),
    Watch(
        "jurisdictions_provisionblock",
        "provisionblock",
        ("ordinance_id", "provision_id", "lifted_on"),
        f"SELECT o.jurisdiction_id FROM {{rows}} AS r JOIN {ORDINANCE} AS o "
        f"ON o.id = r.ordinance_id AND {counts('o', Ordinance)}",
    ),
    Watch(
        RESOLUTION,
        "resolution",
        ("district_id", "status", "publication_status"),
        "SELECT r.district_id FROM {rows} AS r WHERE "
        + counts("r", SchoolDistrictResolution),
    ),
    Watch(
        RESOLUTION_PROVISIONS,
        "resolution_provisions",
        ("schooldistrictresolution_id", "policyprovision_id"),
        f"SELECT s.district_id FROM {{rows}} AS r JOIN {RESOLUTION} AS s "
        f"ON s.id = r.schooldistrictresolution_id "
        f"AND {counts('s', SchoolDistrictResolution)}",
    ),
    Watch(
        "jurisdictions_finding",
        "finding",
        ("jurisdiction_id", "publication_status"),
        "SELECT r.jurisdiction_id FROM {rows} AS r "
        f"WHERE r.publication_status = {literal(str(PUBLISHED))}",
    ),
    Watch(
        "jurisdictions_policyprovision",
        "policyprovision",
        ("category",),
        carried_by("{rows}", "id"),
        events=("UPDATE",),
    ),
    # The place itself: a new one, a change of kind (a school district's
    # criterion differs) or of publication (a draft's finding counts
    # nowhere), and any value a writer put in the column.
    Watch(
        PLACE,
        "jurisdiction",
        ("kind", "publication_status", "evidence_stance"),
        "SELECT r.id FROM {rows} AS r",
        events=("INSERT", "UPDATE"),
    ),
)


def changed(watch, side):
    """PostgreSQL: the rows of an UPDATE, as they were (`side` "o") or are
    ("n"), whose watched columns changed."""
    before = ", ".join(f"o.{column}" for column in watch.columns)
    after = ", ".join(f"n.{column}" for column in watch.columns)
    return (
        f"(SELECT {side}.* FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id "
        f"WHERE ROW({before}) IS DISTINCT FROM ROW({after}))"
    )


# The transition tables each event's trigger reads.
TRANSITIONS = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}
# The refresh updates places, whose own trigger then has nothing to do.
NESTED = "IF pg_trigger_depth() > 1 THEN RETURN NULL; END IF;"


def locked(places):
    """PostgreSQL: lock the places first, in one order. A concurrent write to
    the same place then waits for this one to commit, and its refresh (a new
    statement, with a new snapshot under READ COMMITTED) sees both writes:
    without the lock, each would weigh the evidence without the other's."""
    return f"PERFORM 1 FROM {PLACE} WHERE id IN ({places}) ORDER BY id FOR UPDATE;"


def pg_parts(watch, connection):
    touched = {
        "INSERT": watch.touched("new_rows"),
        "DELETE": watch.touched("old_rows"),
        "UPDATE": " UNION ".join(
            watch.touched(changed(watch, side)) for side in ("n", "o")
        ),
    }
    branches = " ELSIF ".join(
        f"TG_OP = '{event}' THEN {locked(touched[event])} "
        f"{refresh_if_changed_sql(connection, touched[event])};"
        for event in watch.events
    )
    guard = NESTED if watch.table == PLACE else ""
    function = f"evidence_{watch.name}"
    return [
        # Replaceable: 0018 rewrote the bodies in place.
        pg_function(
            function, f"{guard} IF {branches} END IF; RETURN NULL;", replace=True
        ),
        *(
            pg_trigger(
                watch.trigger_name(event),
                watch.table,
                f"AFTER {event} ON {watch.table} REFERENCING {TRANSITIONS[event]} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
            )
            for event in watch.events
        ),
    ]


def sqlite_parts(watch, connection):
    def row(alias):
        columns = ("id", *watch.columns)
        return "(SELECT {})".format(", ".join(f"{alias}.{c} AS {c}" for c in columns))

    parts = []
    for event in watch.events:
        when = ""
        if event == "INSERT":
            places = watch.touched(row("NEW"))
        elif event == "DELETE":
            places = watch.touched(row("OLD"))
        else:
            places = f"{watch.touched(row('NEW'))} UNION {watch.touched(row('OLD'))}"
            when = "WHEN " + " OR ".join(
                f"OLD.{column} IS NOT NEW.{column}" for column in watch.columns
            )
        on = f"UPDATE OF {', '.join(watch.columns)}" if event == "UPDATE" else event
        parts.append(
            sqlite_trigger(
                watch.trigger_name(event),
                f"AFTER {on} ON {watch.table} FOR EACH ROW {when} "
                f"BEGIN {refresh_sql(connection, places)}; END",
            )
        )
    return parts


def evidence(vendor, connection=None):
    """The evidence triggers on `vendor`, their SQL compiled for `connection`
    (the default one when not given)."""
    connection = connection or default_connection
    build = {"postgresql": pg_parts, "sqlite": sqlite_parts}.get(vendor)
    if build is None:
        return []
    return [part for watch in WATCHES for part in build(watch, connection)]
