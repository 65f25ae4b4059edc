"""CSV exports served by PostgreSQL's COPY ... TO STDOUT.

On PostgreSQL the server writes the CSV itself, several times faster than
rows through Python. The query reproduces exports.row_chunks() cell for cell
(same columns, ISO dates, ";"-joined relations, published-only links and
formula neutralisation), and a test checks both give the same bytes.
"""

import contextlib

from django.contrib.postgres.aggregates import StringAgg
from django.db import connections, models
from django.db.models import F, Func, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse

SLUG_MARK = "slug-placeholder"
# Send the client about this much at a time: many rows per write.
WRITE_SIZE = 256 * 1024


class RepeatingFunc(Func):
    """A one-argument Func whose template names its argument several times."""

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, **extra_context)
        return sql, tuple(params) * self.template.count("%(expressions)s")


class Neutralised(RepeatingFunc):
    """Text of a cell, formula-safe: exports.neutralise() in SQL.

    Empty text becomes NULL, which COPY writes as an empty unquoted cell, as
    Python's csv module writes an empty string.
    """

    template = (
        "NULLIF(CASE WHEN left(%(expressions)s, 1) IN "
        "('=', '+', '-', '@', E'\\t', E'\\r', E'\\n') "
        "THEN '''' || %(expressions)s ELSE %(expressions)s END, '')"
    )
    output_field = models.TextField()


class IsoDateTime(RepeatingFunc):
    """datetime.isoformat() of a UTC timestamp: microseconds only when set."""

    template = (
        "to_char(%(expressions)s AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN "
        "mod(extract(microseconds FROM %(expressions)s)::bigint, 1000000) = 0 "
        "THEN '' ELSE to_char(%(expressions)s AT TIME ZONE 'UTC', '.US') END "
        "|| '+00:00'"
    )
    output_field = models.TextField()


class JoinedJsonList(Func):
    """A JSON list of strings joined with ";", as exports.cell() joins lists."""

    template = (
        "(SELECT string_agg(item, ';') FROM "
        "jsonb_array_elements_text(%(expressions)s) AS item WHERE item <> '')"
    )
    output_field = models.TextField()


def linked_text(linked, part):
    """One owner's related values, ";"-joined in link order, as a subquery."""
    m2m = linked.relation.field
    owner, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    through = m2m.remote_field.through
    rows = through.objects.filter(**{owner: OuterRef("pk")})
    if linked.visible is not None:
        rows = rows.filter(**{f"{target}__in": linked.visible()})
    value = Cast(f"{target}__{linked.fields[part]}", models.TextField())
    joined = StringAgg(Func(value, Value(""), function="NULLIF"), ";", order_by="pk")
    return Subquery(
        rows.values(owner).annotate(joined=joined).values("joined"),
        output_field=models.TextField(),
    )


def as_text(expression, field):
    """Render one column's value as exports.cell() would."""
    if isinstance(field, models.BooleanField):
        # NULL (a nullable flag no source states) stays an empty cell.
        return RepeatingFunc(
            expression,
            template="CASE WHEN %(expressions)s THEN 'true' "
            "WHEN NOT %(expressions)s THEN 'false' END",
            output_field=models.TextField(),
        )
    if isinstance(field, models.DateTimeField):
        return IsoDateTime(expression)
    if isinstance(field, models.DateField):
        return Cast(expression, models.TextField())
    if isinstance(field, models.JSONField):
        return Neutralised(JoinedJsonList(expression))
    if isinstance(field, models.CharField | models.TextField):
        return Neutralised(expression)
    return Cast(expression, models.TextField())


def copy_queryset(table, queryset, base_url):
    """`queryset` reduced to one text column per CSV column, in order."""
    columns = {}
    for index, column in enumerate(table.columns):
        alias = f"csv_{index}"
        if column.linked is not None:
            columns[alias] = Neutralised(linked_text(column.linked, column.part))
        elif column.link:
            path = reverse(column.link, kwargs={"slug": SLUG_MARK})
            start, end = path.split(SLUG_MARK)
            # Slugs are URL-safe, so no quoting is needed (exports quotes).
            columns[alias] = Neutralised(
                Concat(
                    Value(base_url + start),
                    F(column.source),
                    Value(end),
                    output_field=models.TextField(),
                )
            )
        else:
            source = column.source
            expression = F(source) if isinstance(source, str) else source
            annotated = queryset.annotate(**{alias: expression})
            field = annotated.query.annotations[alias].output_field
            columns[alias] = as_text(expression, field)
    return queryset.annotate(**columns).values_list(*columns)


def copy_sql(table, queryset, base_url=""):
    """The SELECT statement of the export, with its parameters merged in."""
    rows = copy_queryset(table, queryset, base_url)
    sql, params = rows.query.sql_with_params()
    # Django's own merge, right whether or not the connection binds
    # parameters on the server.
    return connections[queryset.db].ops.compose_sql(sql, params)


def copy_chunks(table, queryset, base_url, bom=False):
    """Yield the CSV as text: header first, then blocks of about WRITE_SIZE."""
    header = ",".join(table.column_names()) + "\r\n"
    yield ("\ufeff" if bom else "") + header
    statement = (
        f"COPY ({copy_sql(table, queryset, base_url)}) TO STDOUT WITH (FORMAT csv)"
    )
    connection = connections[queryset.db]
    with connection.cursor() as cursor:
        # Django's cursor has no copy(); its debug wrapper still logs the
        # statement (assertNumQueries, the debug toolbar) when logging is on.
        logged = getattr(cursor, "debug_sql", None)
        with (
            logged(statement) if logged else contextlib.nullcontext(),
            cursor.cursor.copy(statement) as copy,
        ):
            yield from _rows(copy)


def _rows(copy):
    """Join COPY's rows into writes of about WRITE_SIZE bytes."""
    pending, size = [], 0
    for block in copy:
        # COPY sends one row per block, ended by "\n"; RFC 4180 (and
        # Python's csv module) end records with "\r\n".
        pending.append(bytes(block)[:-1])
        size += len(block)
        if size >= WRITE_SIZE:
            yield b"\r\n".join(pending).decode() + "\r\n"
            pending, size = [], 0
    if pending:
        yield b"\r\n".join(pending).decode() + "\r\n"
