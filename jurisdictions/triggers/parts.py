"""The shared machinery of the trigger package: the app's table names, `Part`
(one trigger, trigger function or raw index with its CREATE and DROP SQL), the
builders that make parts per engine, and `create`, `drop` and `recreate`, which
the migrations call to install and remove them.
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


def functions_of(parts):
    return [part for part in parts if part.kind == "function"]


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
