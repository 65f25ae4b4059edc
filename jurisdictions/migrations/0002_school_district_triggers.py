"""Refuse, in the database, a resolution whose district is not a school district.

A CHECK constraint cannot look at another table, so triggers on both tables
enforce it: one on the resolution, one on the jurisdiction's kind.
"""

from django.db import migrations

MESSAGE = "resolution district must be a jurisdiction of kind school_district"

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER resolution_district_kind_{event.lower()}
    BEFORE {event} ON jurisdictions_schooldistrictresolution
    FOR EACH ROW
    WHEN (SELECT kind FROM jurisdictions_jurisdiction WHERE id = NEW.district_id)
         IS NOT 'school_district'
    BEGIN
        SELECT RAISE(ABORT, '{MESSAGE}');
    END
    """
    for event in ("INSERT", "UPDATE")
] + [
    f"""
    CREATE TRIGGER jurisdiction_kind_keeps_resolutions
    BEFORE UPDATE OF kind ON jurisdictions_jurisdiction
    FOR EACH ROW
    WHEN NEW.kind IS NOT 'school_district' AND EXISTS (
        SELECT 1 FROM jurisdictions_schooldistrictresolution WHERE district_id = NEW.id
    )
    BEGIN
        SELECT RAISE(ABORT, '{MESSAGE}');
    END
    """
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS resolution_district_kind_insert",
    "DROP TRIGGER IF EXISTS resolution_district_kind_update",
    "DROP TRIGGER IF EXISTS jurisdiction_kind_keeps_resolutions",
]

POSTGRES_FORWARD = [
    f"""
    CREATE FUNCTION resolution_district_kind() RETURNS trigger AS $$
    BEGIN
        IF (SELECT kind FROM jurisdictions_jurisdiction WHERE id = NEW.district_id)
           IS DISTINCT FROM 'school_district' THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER resolution_district_kind
    BEFORE INSERT OR UPDATE OF district_id ON jurisdictions_schooldistrictresolution
    FOR EACH ROW EXECUTE FUNCTION resolution_district_kind()
    """,
    f"""
    CREATE FUNCTION jurisdiction_kind_keeps_resolutions() RETURNS trigger AS $$
    BEGIN
        IF NEW.kind IS DISTINCT FROM 'school_district' AND EXISTS (
            SELECT 1 FROM jurisdictions_schooldistrictresolution
            WHERE district_id = NEW.id
        ) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER jurisdiction_kind_keeps_resolutions
    BEFORE UPDATE OF kind ON jurisdictions_jurisdiction
    FOR EACH ROW EXECUTE FUNCTION jurisdiction_kind_keeps_resolutions()
    """,
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS resolution_district_kind "
    "ON jurisdictions_schooldistrictresolution",
    "DROP FUNCTION IF EXISTS resolution_district_kind()",
    "DROP TRIGGER IF EXISTS jurisdiction_kind_keeps_resolutions "
    "ON jurisdictions_jurisdiction",
    "DROP FUNCTION IF EXISTS jurisdiction_kind_keeps_resolutions()",
]

STATEMENTS = {
    "sqlite": (SQLITE_FORWARD, SQLITE_REVERSE),
    "postgresql": (POSTGRES_FORWARD, POSTGRES_REVERSE),
}


def run(direction):
    def apply(apps, schema_editor):
        for sql in STATEMENTS.get(schema_editor.connection.vendor, ([], []))[direction]:
            schema_editor.execute(sql, params=None)

    return apply


class Migration(migrations.Migration):
    dependencies = [("jurisdictions", "0001_initial")]

    operations = [migrations.RunPython(run(0), run(1))]
