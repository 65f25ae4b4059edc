"""The raw newest-first indexes behind each list's default order (0008, 0009),
and `newest_first_index`, which builds one per engine.
"""

from .parts import ORDINANCE, RESOLUTION, index


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
