"""Full-text search on PostgreSQL: the search-vector triggers and GIN indexes
(0004, 0011), the triggers that re-index rows when a name they include
changes, and the trigram index for near spellings of place names (0014).
"""

from .parts import CASE, ORDINANCE, PLACE, RESOLUTION, index, pg_function, pg_trigger


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
