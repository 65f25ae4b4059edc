"""CSV exports: each list's CSV twin, streamed a chunk of rows at a time.

The same functions write the tables of the dataset zip and the admin's
"Export as CSV" action, so every channel shares one set of columns.
"""

import csv
import datetime
import io
from itertools import islice
from urllib.parse import quote

from django import forms
from django.contrib import admin
from django.db import connections
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from . import pgcopy
from .cells import BOM, neutralise
from .changelog import ChangeLog
from .columns import (
    CASES,
    JURISDICTIONS,
    ORDINANCES,
    RESOLUTIONS,
    STATEMENTS,
    TABLES_BY_MODEL,
)
from .filters import (
    CaseFilter,
    ChangeFilter,
    JurisdictionFilter,
    OrdinanceFilter,
    ResolutionFilter,
    StatementFilter,
)

CHUNK_SIZE = 2000
SLUG_MARK = "__slug__"


def cell(value):
    """Turn a database value into the text of one CSV cell."""
    if value.__class__ is str:  # the common case first
        return neutralise(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, list | tuple):
        value = ";".join(str(item) for item in value if item not in ("", None))
    if isinstance(value, str):
        return neutralise(value)
    return value


def _readers(table, base_url):
    """Return the values() arguments and one reader per column.

    Each reader takes a row dict and the chunk's linked values.
    """
    lookups, expressions, readers = ["pk"], {}, []
    for column in table.columns:
        if column.linked is not None:
            readers.append(
                lambda row, linked, c=column: [
                    parts[c.part] for parts in linked[c.linked].get(row["pk"], ())
                ]
            )
            continue
        if isinstance(column.source, str):
            key = column.source
            if key not in lookups:
                lookups.append(key)
        else:
            key = f"export_{column.name}"
            expressions[key] = column.source
        if column.link:
            # reverse() per row would take a third of the export's time.
            path = reverse(column.link, kwargs={"slug": SLUG_MARK})
            start, end = path.split(SLUG_MARK)
            readers.append(
                lambda row, linked, key=key, start=base_url + start, end=end: (
                    start + quote(row[key], safe="") + end
                )
            )
        else:
            readers.append(lambda row, linked, key=key: row[key])
    return lookups, expressions, readers


def row_chunks(table, queryset, base_url, chunk_size=CHUNK_SIZE):
    """Yield the table's rows as lists of cells, one list per chunk.

    Rows come from a database cursor `chunk_size` at a time, and each
    many-to-many column costs one query per chunk, so memory and queries per
    chunk stay the same whatever the row count.
    """
    lookups, expressions, readers = _readers(table, base_url)
    relations = list(
        dict.fromkeys(c.linked for c in table.columns if c.linked is not None)
    )
    rows = queryset.values(*lookups, **expressions).iterator(chunk_size=chunk_size)
    while chunk := list(islice(rows, chunk_size)):
        ids = [row["pk"] for row in chunk]
        linked = {relation: relation.fetch(ids) for relation in relations}
        yield [[cell(read(row, linked)) for read in readers] for row in chunk]


def csv_chunks(table, queryset, base_url, bom=False, chunk_size=CHUNK_SIZE):
    """Yield the CSV text: the header, then one string per chunk of rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if bom:
        buffer.write(BOM)
    writer.writerow(table.column_names())
    yield _drain(buffer)
    for rows in row_chunks(table, queryset, base_url, chunk_size):
        writer.writerows(rows)
        yield _drain(buffer)


def _drain(buffer):
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def table_chunks(table, queryset, base_url, bom=False):
    """Yield the table's CSV text, written by PostgreSQL's COPY when it can."""
    if connections[queryset.db].vendor == "postgresql":
        return in_english(pgcopy.copy_chunks(table, queryset, base_url, bom=bom))
    return in_english(csv_chunks(table, queryset, base_url, bom=bom))


def in_english(chunks):
    """Run each step of `chunks` in English, whatever the request's language.

    A download is the same bytes at /es/ as at /: its record links are the
    English pages'. The language is set around each step rather than around
    the whole loop, so it never leaks to the code that consumes the chunks,
    and a response streamed after its request still gets English.
    """
    chunks = iter(chunks)
    try:
        while True:
            with override("en"):
                try:
                    chunk = next(chunks)
                except StopIteration:
                    return
            yield chunk
    finally:
        # A client that goes away closes this generator: close the inner one
        # now (it may hold a COPY cursor), in English too.
        if hasattr(chunks, "close"):
            with override("en"):
                chunks.close()


def csv_response(request, table, queryset, bom=False):
    """Stream `queryset` as the table's CSV, as a dated attachment."""
    base_url = request.build_absolute_uri("/").rstrip("/")
    response = StreamingHttpResponse(
        table_chunks(table, queryset, base_url, bom=bom),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"{table.name}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def bad_filters_response(filterset):
    """Answer 400 with a plain-text message naming each invalid parameter."""
    lines = [gettext("Invalid filter parameters:")]
    for name, errors in filterset.errors.items():
        for error in errors:
            lines.append(f"{name}: {error}")
    return HttpResponseBadRequest(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


class CsvOptions(forms.Form):
    # Not a BooleanField: its checkbox widget reads "0" as ticked.
    bom = forms.TypedChoiceField(
        choices=[("1", _("Yes")), ("0", _("No"))],
        coerce=lambda value: value == "1",
        required=False,
        empty_value=False,
        help_text=_("Start with a byte-order mark (for Excel)."),
    )


def filtered_csv_response(request, table, filterset):
    if not filterset.is_valid():
        return bad_filters_response(filterset)
    options = CsvOptions(request.GET)
    bom = options.is_valid() and options.cleaned_data["bom"]
    return csv_response(request, table, filterset.qs, bom=bom)


def jurisdiction_csv(request):
    filterset = JurisdictionFilter(
        request.GET, queryset=JURISDICTIONS.records(), request=request
    )
    return filtered_csv_response(request, JURISDICTIONS, filterset)


def ordinance_csv(request):
    filterset = OrdinanceFilter(
        request.GET, queryset=ORDINANCES.records(), request=request
    )
    return filtered_csv_response(request, ORDINANCES, filterset)


def resolution_csv(request):
    filterset = ResolutionFilter(
        request.GET, queryset=RESOLUTIONS.records(), request=request
    )
    return filtered_csv_response(request, RESOLUTIONS, filterset)


def statement_csv(request):
    filterset = StatementFilter(
        request.GET, queryset=STATEMENTS.records(), request=request
    )
    return filtered_csv_response(request, STATEMENTS, filterset)


def case_csv(request):
    filterset = CaseFilter(request.GET, queryset=CASES.records(), request=request)
    return filtered_csv_response(request, CASES, filterset)


# One row per field a change touched; a first publication is one row with
# no field. `change_id` is the anchor of the change on its record's page.
CHANGE_COLUMNS = (
    "change_id",
    "changed_on",
    "kind",
    "record",
    "url",
    "field",
    "old",
    "new",
    "change",
    "from_reader_correction",
)


def change_lines(change, base_url):
    """The CSV rows of one published change (changelog.Change)."""
    common = [
        change.anchor,
        change.day,
        change.kind.key,
        change.title,
        f"{base_url}{change.url}",
    ]
    fields = change.fields or [None]
    for field in fields:
        if field is None:
            words = ["", "", "", change.sentence()]
        else:
            words = [field.label, field.old, field.new, str(field)]
        yield [cell(value) for value in [*common, *words, change.from_correction]]


def change_chunks(changes, base_url, bom=False, chunk_size=CHUNK_SIZE):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if bom:
        buffer.write(BOM)
    writer.writerow(CHANGE_COLUMNS)
    yield _drain(buffer)
    changes = iter(changes)
    while chunk := list(islice(changes, chunk_size)):
        for change in chunk:
            writer.writerows(change_lines(change, base_url))
        yield _drain(buffer)


def change_csv(request):
    """The log of published changes as CSV, filtered as its page is."""
    filterset = ChangeFilter(request.GET, queryset=ChangeLog(), request=request)
    if not filterset.is_valid():
        return bad_filters_response(filterset)
    options = CsvOptions(request.GET)
    bom = options.is_valid() and options.cleaned_data["bom"]
    base_url = request.build_absolute_uri("/").rstrip("/")
    response = StreamingHttpResponse(
        in_english(change_chunks(filterset.qs, base_url, bom=bom)),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"changes-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@admin.action(description="Export selected rows as CSV")
def export_csv_action(modeladmin, request, queryset):
    """Export the selected rows, drafts included, with the public columns."""
    return csv_response(request, TABLES_BY_MODEL[queryset.model], queryset)
