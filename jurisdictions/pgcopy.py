"""CSV exports served by PostgreSQL's COPY ... TO STDOUT.

On PostgreSQL the server writes the CSV itself, several times faster than
rows through Python. The query reproduces exports.row_chunks() cell for cell
(same columns, ISO dates, ";"-joined relations, published-only links and
formula neutralisation), and a test checks both give the same bytes.

Each many-to-many relation is read once for the whole export: a derived table
aggregates its links per owner (GROUP BY), and the export joins it to its rows.
A subquery per row and per column would read the links once for every cell.
So is each table a `grouped` column reads (columns.Grouped: the court blocks
and instrument changes of an ordinance), where the Python writer runs the
column's subquery per row.
"""

import contextlib

from django.contrib.postgres.aggregates import StringAgg
from django.db import connections, models
from django.db.models import Expression, F, Func, Value
from django.db.models.functions import Cast, NullIf
from django.db.models.sql.constants import LOUTER
from django.urls import reverse

from .cells import FORMULA_TRIGGERS, FormulaSafe

SLUG_MARK = "slug-placeholder"
# Send the client about this much at a time: many rows per write.
WRITE_SIZE = 256 * 1024

# exports.neutralise() in SQL for a value named {value}, with the characters
# of cells.FORMULA_TRIGGERS but "\0", which PostgreSQL text cannot hold.
# Empty text becomes NULL, which COPY writes as an empty unquoted cell, as
# Python's csv module writes an empty string.
SAFE_TEXT = (
    "NULLIF(CASE WHEN left({value}, 1) IN "
    "('=', '+', '-', '@', E'\\t', E'\\r', E'\\n') "
    "THEN '''' || {value} ELSE {value} END, '')"
)


class RepeatingFunc(Func):
    """A one-argument Func whose template names its argument several times."""

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, **extra_context)
        return sql, tuple(params) * self.template.count("%(expressions)s")


def has_subquery(expression):
    # Expression.contains_subquery stops at a When's condition (a WhereNode).
    return getattr(expression, "subquery", False) or any(
        has_subquery(part)
        for part in expression.get_source_expressions()
        if part is not None
    )


class Neutralised(Func):
    """Text of a cell, formula-safe: exports.neutralise() in SQL."""

    output_field = models.TextField()

    def as_sql(self, compiler, connection, **extra_context):
        (expression,) = self.get_source_expressions()
        value, params = compiler.compile(expression)
        if has_subquery(expression):
            # The test names the value three times; a subquery computed in a
            # sub-select of its own (OFFSET 0 keeps the planner from folding
            # it back in) runs once per cell instead of twice.
            safe = SAFE_TEXT.format(value="cell.value")
            sql = f"(SELECT {safe} FROM (SELECT {value} AS value OFFSET 0) AS cell)"
            return sql, params
        return SAFE_TEXT.format(value=value), tuple(params) * 3


def plain_words(model, name):
    """Whether a CHECK constraint holds the column `name` to words neither
    empty nor starting with a formula trigger (a choice's values): text
    written as it is, as the Python writer leaves it."""
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.CheckConstraint):
            continue
        condition = constraint.condition
        if condition.negated or len(condition.children) != 1:
            continue
        child = condition.children[0]
        if isinstance(child, tuple) and child[0] == f"{name}__in":
            return all(
                isinstance(word, str) and word and not word.startswith(FORMULA_TRIGGERS)
                for word in child[1]
            )
    return False


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
    subquery = True  # so Neutralised computes it once


class JoinedColumn(Expression):
    """A column of a table joined by LinkedJoin, as text."""

    output_field = models.TextField()

    def __init__(self, alias, column):
        super().__init__()
        self.alias, self.column = alias, column

    def as_sql(self, compiler, connection):
        quote = connection.ops.quote_name
        return f"{quote(self.alias)}.{quote(self.column)}", []


def linked_table(linked, owners=None):
    """One row per owner: `owner`, then each field ";"-joined in link order.

    `owners` (a queryset of the owning model), when given, limits the
    aggregate to those owners' links.
    """
    m2m = linked.relation.field
    owner, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    rows = m2m.remote_field.through.objects.order_by()
    if owners is not None:
        rows = rows.filter(**{f"{owner}__in": owners})
    if linked.visible is not None:
        rows = rows.filter(**{f"{target}__in": linked.visible()})
    parts = {
        f"part_{index}": StringAgg(
            NullIf(Cast(f"{target}__{name}", models.TextField()), Value("")),
            ";",
            order_by="pk",
        )
        for index, name in enumerate(linked.fields)
    }
    return rows.values(owner=F(owner)).annotate(**parts)


class LinkedJoin:
    """LEFT JOIN of a linked_table() (or a Grouped's rows) on the exported
    row's primary key.

    It sits in the query's alias_map, where Django keeps its own joins, so
    the compiler writes it into the FROM clause with them; it offers what
    django.db.models.sql.datastructures.Join offers the compiler.
    """

    join_type = LOUTER
    nullable = True
    filtered_relation = None

    def __init__(self, rows, parent_alias, parent_column, table_alias):
        self.rows = rows
        self.parent_alias = parent_alias
        self.parent_column = parent_column
        self.table_name = self.table_alias = table_alias

    def as_sql(self, compiler, connection):
        sql, params = self.rows.query.get_compiler(connection=connection).as_sql()
        quote = connection.ops.quote_name
        alias = quote(self.table_alias)
        parent = compiler.quote_name_unless_alias(self.parent_alias)
        return (
            f"{self.join_type} ({sql}) {alias} ON ({alias}.{quote('owner')} = "
            f"{parent}.{quote(self.parent_column)})",
            params,
        )

    def relabeled_clone(self, change_map):
        return type(self)(
            self.rows,
            change_map.get(self.parent_alias, self.parent_alias),
            self.parent_column,
            change_map.get(self.table_alias, self.table_alias),
        )


def narrows(table, queryset):
    """Whether `queryset` may hold fewer rows than the table's whole list.

    A filtered export aggregates only its own rows' links, or a search for a
    few rows would aggregate every link in the table. The whole list skips
    that test: matching every link against the list's filter again costs
    more than the links it leaves out.
    """
    return (
        queryset.query.is_sliced or queryset.query.where != table.records().query.where
    )


def as_text(expression, field):
    """Render one column's value as exports.cell() would."""
    if isinstance(expression, FormulaSafe):
        return NullIf(expression, Value(""), output_field=models.TextField())
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


def record_url(base_url, column):
    """The column's record address: a constant start, the slug, a constant end."""
    path = reverse(column.link, kwargs={"slug": SLUG_MARK})
    start, end = path.split(SLUG_MARK)
    start = base_url + start
    # Slugs are URL-safe, so no quoting is needed (exports quotes).
    url = Func(
        Value(start),
        F(column.source),
        Value(end),
        arg_joiner=" || ",
        template="(%(expressions)s)",
        output_field=models.TextField(),
    )
    if start.startswith(("/", "http://", "https://")):
        return url  # never empty, never a formula
    return Neutralised(url)


def copy_queryset(table, queryset, base_url):
    """`queryset` reduced to one text column per CSV column, in order."""
    relations = dict.fromkeys(c.linked for c in table.columns if c.linked)
    joined = {linked: f"csv_linked_{index}" for index, linked in enumerate(relations)}
    grouped_rows = dict.fromkeys(c.grouped.rows for c in table.columns if c.grouped)
    grouped = {rows: f"csv_grouped_{index}" for index, rows in enumerate(grouped_rows)}
    columns = {}
    for index, column in enumerate(table.columns):
        alias = f"csv_{index}"
        if column.linked is not None:
            value = JoinedColumn(joined[column.linked], f"part_{column.part}")
            columns[alias] = Neutralised(value)
        elif column.grouped is not None:
            join = grouped[column.grouped.rows]
            value = column.grouped.value(
                lambda name, join=join: JoinedColumn(join, name)
            )
            columns[alias] = as_text(value, value.output_field)
        elif column.link:
            columns[alias] = record_url(base_url, column)
        elif isinstance(column.source, str) and plain_words(
            queryset.model, column.source
        ):
            columns[alias] = F(column.source)
        else:
            source = column.source
            expression = F(source) if isinstance(source, str) else source
            annotated = queryset.annotate(**{alias: expression})
            field = annotated.query.annotations[alias].output_field
            columns[alias] = as_text(expression, field)
    rows = queryset.annotate(**columns).values_list(*columns)
    query = rows.query
    owners = queryset if narrows(table, queryset) else None
    parent = query.get_initial_alias()
    joins = [(linked_table(linked, owners), alias) for linked, alias in joined.items()]
    joins += [(rows_of(owners), alias) for rows_of, alias in grouped.items()]
    for aggregated, alias in joins:
        query.alias_map[alias] = LinkedJoin(
            aggregated, parent, query.get_meta().pk.column, alias
        )
        query.alias_refcount[alias] = 1
    return rows


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
