"""The evidence stance as the database stores it: Jurisdiction.evidence_stance.

Database triggers (jurisdictions/triggers/evidence.py) run the statement
below for the places each write touches, so the column stays current
whichever process or tool writes: the admin, QuerySet.update(), bulk
inserts, loaddata, raw SQL. The statement is evidence_stance() compiled to
SQL, so the stored column cannot apply other criteria than the page does.
"""

from django.db.models.expressions import RawSQL

from ..models import Jurisdiction
from .sql import evidence_stance

# Stands, in the statement, for SQL selecting the ids of the places to refresh.
PLACES = "__evidence_places__"


def literal(value):
    """`value` written into SQL: the criteria's parameters are category,
    status and stance names, and bits."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError(f"Not a criteria parameter: {value!r}")
    if isinstance(value, int):
        return str(value)
    return "'{}'".format(value.replace("'", "''"))


def refresh_sql(connection, places):
    """SQL (no parameters) setting the stored evidence stance of the places
    whose ids the SQL `places` selects, on the rows where it changed."""
    table = Jurisdiction._meta.db_table
    found = stances_found(connection, places)
    return f"UPDATE {table} SET evidence_stance = found.suggested FROM {found}"


def refresh_if_changed_sql(connection, places):
    """PL/pgSQL running refresh_sql() only when a stance changes: an UPDATE
    statement bumps the places' table version even when it changes no row
    (counting.list_version), which would move every list reading places."""
    table = Jurisdiction._meta.db_table
    found = stances_found(connection, places)
    return (
        f"PERFORM 1 FROM {table}, {found} LIMIT 1; "
        f"IF FOUND THEN {refresh_sql(connection, places)}; END IF"
    )


def stances_found(connection, places):
    """`(evidence stances of the places) AS found WHERE <the place's stored
    one differs>`."""
    suggested = (
        Jurisdiction.objects.order_by()
        .filter(pk__in=RawSQL(PLACES, ()))
        .values("pk", suggested=evidence_stance())
    )
    sql, params = suggested.query.get_compiler(connection=connection).as_sql()
    select = (sql % tuple(literal(value) for value in params)).replace(PLACES, places)
    table = Jurisdiction._meta.db_table
    return (
        f"({select}) AS found "
        f"WHERE {table}.id = found.pk AND {table}.evidence_stance <> found.suggested"
    )
