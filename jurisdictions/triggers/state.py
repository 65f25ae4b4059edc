"""An ordinance's denormalized `state` (0010): the triggers that copy it from
its jurisdiction, the SQL that fills it, and the indexes that read it.
"""

from .ordering import newest_first_index
from .parts import ORDINANCE, PLACE, pg_function, pg_trigger, sqlite_trigger

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
