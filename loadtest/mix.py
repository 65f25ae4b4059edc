"""The request mix that loadtest/mix.lua cycles through: lists, filtered
lists, searches, details and small CSV exports, read from the database's own
rows."""

from urllib.parse import urlencode

import psycopg


def mix(db_url):
    """The request mix: paths cycled by wrk, read from the database's own rows."""
    with psycopg.connect(db_url) as conn:

        def slugs(table, n, where="publication_status = 'published'"):
            rows = conn.execute(
                f"SELECT slug FROM {table} WHERE {where} ORDER BY id LIMIT %s", [n]
            )
            return [row[0] for row in rows]

        places = slugs("jurisdictions_jurisdiction", 3, "kind = 'city'")
        ordinances = slugs("jurisdictions_ordinance", 3)
        resolutions = slugs("jurisdictions_schooldistrictresolution", 2)
        statements = slugs("jurisdictions_federalstatement", 2)
        people = slugs("jurisdictions_person", 2, "is_federal")
        districts = slugs("jurisdictions_jurisdiction", 1, "kind = 'school_district'")
        # The places with the most instruments still make a small CSV.
        busy = conn.execute(
            "SELECT j.slug FROM jurisdictions_ordinance o JOIN "
            "jurisdictions_jurisdiction j ON j.id = o.jurisdiction_id "
            "GROUP BY j.slug ORDER BY count(*) DESC, j.slug LIMIT 2"
        ).fetchall()
        place_word = conn.execute(
            "SELECT split_part(name, ' ', 1) FROM jurisdictions_jurisdiction "
            "WHERE kind = 'city' ORDER BY id LIMIT 1"
        ).fetchone()[0]

    def path(base, **query):
        return f"{base}?{urlencode(query, doseq=True)}" if query else base

    return [
        "/",
        # Lists.
        "/jurisdictions/",
        "/ordinances/",
        "/resolutions/",
        "/statements/",
        # Filtered lists.
        path("/ordinances/", state="CA", status="in_effect"),
        path("/ordinances/", instrument="executive_order", ordering="-date"),
        path("/ordinances/", provision="staff-training", state="TX"),
        path("/ordinances/", state="NY", page="3"),
        path("/jurisdictions/", kind="county", state="TX"),
        path("/jurisdictions/", stance="sanctuary", ordering="name"),
        path("/resolutions/", status="adopted", state="NY"),
        path("/statements/", kind="threat", state="CA"),
        # Searches.
        path("/ordinances/", q="trust act"),
        path("/ordinances/", q=place_word, state="CA"),
        path("/jurisdictions/", q=place_word),
        path("/statements/", q="detainers"),
        path("/resolutions/", q="community safety"),
        # Details.
        *(f"/jurisdictions/{slug}/" for slug in places),
        *(f"/ordinances/{slug}/" for slug in ordinances),
        *(f"/resolutions/{slug}/" for slug in resolutions),
        *(f"/statements/{slug}/" for slug in statements),
        *(f"/people/{slug}/" for slug in people),
        # Small CSV exports.
        *(path("/ordinances.csv", jurisdiction=slug) for (slug,) in busy),
        path("/statements.csv", speaker=people[0]),
        path("/resolutions.csv", district=districts[0]),
        path("/jurisdictions.csv", state="WY", kind="county"),
        path("/ordinances.csv", q="trust act", state="VT"),
    ]
