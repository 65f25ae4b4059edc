"""Tags the public templates use for every record, row after row."""

import datetime
import functools
import re

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS as MONTHS_FULL
from django.utils.dates import MONTHS_3
from django.utils.safestring import mark_safe
from markupsafe import escape

from ..choices import DatePrecision, PublicationStatus
from ..models import (
    Case,
    FederalStatement,
    Jurisdiction,
    Ordinance,
    SchoolDistrictResolution,
)

PUBLISHED = PublicationStatus.PUBLISHED

register = template.Library()


# Django's format_html escapes through a lazy-aware wrapper; markupsafe's
# escape (Jinja2's, in C) escapes the same characters, keeps Django's safe
# strings as they are, and formats a row in 60% of the time.
def html(template, *args):
    """format_html, escaping with markupsafe."""
    return mark_safe(template.format(*map(esc, args)))


def html_join(separator, template, rows):
    """format_html_join, escaping with markupsafe."""
    return mark_safe(separator.join(template.format(*map(esc, row)) for row in rows))


NEEDS_ESCAPING = re.compile(r"[&<>\"']").search


def esc(value):
    """markupsafe's escape(), as text; text with nothing to escape (most
    titles, names, slugs, numbers) skips its Markup wrapper: a list page
    escaped ~1,000 values, at 2.4 times the cost."""
    if hasattr(value, "__html__"):
        return value.__html__()
    text = str(value)
    return escape(text) if NEEDS_ESCAPING(text) else text


@register.simple_tag
def record_date(date, precision=DatePrecision.DAY):
    """A <time> for a date, or says plainly that the source gives none.

    `precision` is the date's `<field>_precision`: a date known only to the
    month or year is stored as its first day, and reads "February 2025" or
    "2025", never as that invented day. A tag rather than an included
    template: lists draw one per row.
    """
    if not date:
        return UNDATED
    if isinstance(date, datetime.datetime):
        # The day it was where the site is, as the |date filter gives it.
        date = timezone.localtime(date).date()
    if precision == DatePrecision.MONTH:
        return mark_safe(
            f'<time datetime="{date.year:04d}-{date.month:02d}">'
            f"{MONTH_NAMES[date.month]} {date.year}</time>"
        )
    if precision == DatePrecision.YEAR:
        return mark_safe(f'<time datetime="{date.year:04d}">{date.year}</time>')
    # What format(date, "j M Y") gives, without building a DateFormat per
    # row; digits and month names need no escaping.
    return mark_safe(
        f'<time datetime="{date.isoformat()}">'
        f"{date.day} {MONTHS[date.month]} {date.year}</time>"
    )


UNDATED = mark_safe('<span class="undated">date not given</span>')
MONTHS = {number: str(name).title() for number, name in MONTHS_3.items()}
MONTH_NAMES = {number: str(name) for number, name in MONTHS_FULL.items()}


@functools.cache
def labeller(model, name):
    """value -> the label of `model`'s choices field `name` (the value itself
    if it has none): get_FOO_display() rebuilds the choices at every call,
    and the labels are lazy, resolved again each time a row is escaped."""
    labels = {
        value: str(text) for value, text in model._meta.get_field(name).flatchoices
    }
    return lambda value: labels.get(value, value)


# List rows are drawn by these tags rather than by a {% for %} over template
# markup: at 50 rows a page, the template language's per-variable lookups took
# 9 ms of a list's ~40 (django.contrib.admin draws its change list rows the
# same way, with format_html; these escape with markupsafe, see html()).
# Each tag is the <tbody> of one list.


def detail_urls(view_name):
    """slug -> the record's URL, reversing once per list rather than per row.

    The same URL get_absolute_url() gives: slugs are ASCII letters, digits,
    hyphens and underscores, which reverse() would not quote.
    """
    head, tail = reverse(view_name, kwargs={"slug": "-"}).rsplit("-", 1)
    return lambda slug: f"{head}{slug}{tail}"


def context(text):
    """A secondary note after a record's name, e.g. its number."""
    return html(' <span class="context">{}</span>', text) if text else ""


ORDINANCE_ROW = (
    '<tr><th scope="row"><a href="{}">{}</a>{}</th>'
    '<td><a href="{}">{}</a></td>'
    "<td>{}</td>"
    '<td><span class="status status--{}">{}</span></td>'
    "<td>{}</td></tr>"
)


def place_name(row, prefix):
    """The name of the place a row's `prefix`__ columns describe."""
    return Jurisdiction.display_name(
        row[f"{prefix}__name"], row[f"{prefix}__kind"], row[f"{prefix}__state"]
    )


def main_date_precision(row):
    """The precision of an ordinance row's main date (Ordinance.main_date)."""
    for field in ("passed_on", "signed_on"):
        if row[field] is not None:
            return row[f"{field}_precision"]
    return row["introduced_on_precision"]


@register.simple_tag
def ordinance_rows(ordinances):
    """The rows (dicts of OrdinanceListView.row_fields) of the ordinance list."""
    ordinance_url = detail_urls("jurisdictions:ordinance-detail")
    place_url = detail_urls("jurisdictions:jurisdiction-detail")
    instrument = labeller(Ordinance, "instrument")
    status = labeller(Ordinance, "status")
    return html_join(
        "\n",
        ORDINANCE_ROW,
        (
            (
                ordinance_url(o["slug"]),
                o["title"],
                context(o["number"]),
                place_url(o["jurisdiction__slug"]),
                place_name(o, "jurisdiction"),
                instrument(o["instrument"]),
                o["status"],
                status(o["status"]),
                record_date(o["main_date"], main_date_precision(o)),
            )
            for o in ordinances
        ),
    )


JURISDICTION_ROW = (
    '<tr><th scope="row"><a href="{}">{}</a>{}</th>'
    "<td>{}</td>"
    "<td>{}</td>"
    '<td><a href="{}#{}"><span class="stance stance--{}">{}</span></a></td>'
    "<td>{}</td></tr>"
)


@register.simple_tag
def jurisdiction_rows(places):
    """The rows (dicts of JurisdictionListView.row_fields) of the place list."""
    place_url = detail_urls("jurisdictions:jurisdiction-detail")
    # Each stance badge links to what the stance means.
    criteria_url = reverse("jurisdictions:stance-criteria")
    kind = labeller(Jurisdiction, "kind")
    stance = labeller(Jurisdiction, "stance")
    return html_join(
        "\n",
        JURISDICTION_ROW,
        (
            (
                place_url(place["slug"]),
                place["name"],
                context(
                    place["parent__publication_status"] == PUBLISHED
                    and f"in {place['parent__name']}"
                ),
                kind(place["kind"]),
                place["state"],
                criteria_url,
                place["stance"],
                place["stance"],
                stance(place["stance"]),
                record_date(place["updated_at"]),
            )
            for place in places
        ),
    )


RESOLUTION_ROW = (
    '<tr><th scope="row"><a href="{}">{}</a>{}</th>'
    '<td><a href="{}">{}</a></td>'
    '<td><span class="status status--{}">{}</span>{}</td>'
    "<td>{}</td></tr>"
)


@register.simple_tag
def resolution_rows(resolutions):
    """The rows (dicts of ResolutionListView.row_fields) of the resolution list."""
    resolution_url = detail_urls("jurisdictions:resolution-detail")
    place_url = detail_urls("jurisdictions:jurisdiction-detail")
    status = labeller(SchoolDistrictResolution, "status")
    return html_join(
        "\n",
        RESOLUTION_ROW,
        (
            (
                resolution_url(r["slug"]),
                r["title"],
                context(r["number"]),
                place_url(r["district__slug"]),
                place_name(r, "district"),
                r["status"],
                status(r["status"]),
                context(r["is_emergency"] and "emergency"),
                record_date(r["adopted_on"], r["adopted_on_precision"]),
            )
            for r in resolutions
        ),
    )


STATEMENT_ROW = (
    '<tr><th scope="row"><a href="{}">{}</a>{}</th>'
    "<td>{}</td>"
    "<td>{}</td>"
    "<td>{}</td>"
    "<td>{}</td></tr>"
)
TARGETS_SHOWN = 3


@register.simple_tag
def withdrawn_mark(statement):
    """Says a withdrawn list or policy is withdrawn, wherever it is named."""
    if statement.withdrawn_on is None:
        return ""
    return html(
        ' <span class="status status--withdrawn">withdrawn {}</span>',
        record_date(statement.withdrawn_on),
    )


def speaker(statement, person_url):
    if not statement.speaker:
        return "—"
    return html(
        '<a href="{}">{}</a>{}',
        person_url(statement.speaker.slug),
        statement.speaker,
        # The title held that day (speaker roles are prefetched), never
        # today's.
        context(statement.speaker_title()),
    )


def targets(statement, place_url):
    """The first few targets, linked, and how many more there are."""
    places = statement.targets.all()
    if not places:
        return mark_safe('<span class="context">general</span>')
    links = html_join(
        "; ",
        '<a href="{}">{}</a>',
        ((place_url(place.slug), place) for place in places[:TARGETS_SHOWN]),
    )
    more = len(places) - TARGETS_SHOWN
    return html("{} and {} more", links, more) if more > 0 else links


@register.simple_tag
def statement_rows(statements):
    statement_url = detail_urls("jurisdictions:statement-detail")
    person_url = detail_urls("jurisdictions:person-detail")
    place_url = detail_urls("jurisdictions:jurisdiction-detail")
    kind = labeller(FederalStatement, "kind")
    return html_join(
        "\n",
        STATEMENT_ROW,
        (
            (
                statement_url(s.slug),
                s.title,
                withdrawn_mark(s),
                speaker(s, person_url),
                kind(s.kind),
                record_date(s.made_on, s.made_on_precision),
                targets(s, place_url),
            )
            for s in statements
        ),
    )


CASE_ROW = (
    '<tr><th scope="row"><a href="{}">{}</a>{}</th>'
    "<td>{}</td>"
    '<td><span class="status status--{}">{}</span></td>'
    "<td>{}</td></tr>"
)


@register.simple_tag
def case_rows(cases):
    """The rows (dicts of CaseListView.row_fields) of the case list."""
    case_url = detail_urls("jurisdictions:case-detail")
    status = labeller(Case, "status")
    return html_join(
        "\n",
        CASE_ROW,
        (
            (
                case_url(c["slug"]),
                c["title"],
                context(c["docket"]),
                c["court"],
                c["status"],
                status(c["status"]),
                record_date(c["filed_on"], c["filed_on_precision"]),
            )
            for c in cases
        ),
    )


FACET_VALUE = (
    '<li><a href="{}"{}><span class="facet-label">{}{}</span>'
    '<span class="count">{}<span class="visually-hidden"> result{}</span></span>'
    "</a></li>"
)
SELECTED = (
    ' class="is-selected"',
    '<span class="visually-hidden">Remove filter: </span>',
)


@register.simple_tag
def facet_values(values):
    """A facet's links, each with its count; a selected one removes its filter."""
    return html_join(
        "\n",
        FACET_VALUE,
        (
            (
                value.url,
                mark_safe(SELECTED[0]) if value.selected else "",
                mark_safe(SELECTED[1]) if value.selected else "",
                value.label,
                value.count,
                "" if value.count == 1 else "s",
            )
            for value in values
        ),
    )


@register.filter
def linked_source(record):
    """The first of a record's sources that has a URL (prefetched), or None."""
    return next((source for source in record.sources.all() if source.url), None)
