"""Triggers that enforce a rule a CHECK constraint cannot state portably: a
resolution's district is a school district (0002), and a jurisdiction's
website is an http(s) URL on SQLite (0007).
"""

from .parts import PLACE, RESOLUTION, pg_function, pg_trigger, sqlite_trigger

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
