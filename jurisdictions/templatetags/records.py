"""Tags the public templates use for every record, row after row."""

import dataclasses
import datetime
import functools
import re

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.dates import MONTHS as MONTHS_FULL
from django.utils.dates import MONTHS_3
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext
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


def html_text(text, **values):
    """A translated `text` with its %(name)s placeholders filled, all escaped."""
    return mark_safe(esc(text) % {name: esc(value) for name, value in values.items()})


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
    words = date_words(get_language())
    if not date:
        return words.undated
    if isinstance(date, datetime.datetime):
        # The day it was where the site is, as the |date filter gives it.
        date = timezone.localtime(date).date()
    if precision == DatePrecision.MONTH:
        return mark_safe(
            f'<time datetime="{date.year:04d}-{date.month:02d}">'
            + words.month_year
            % {"month": words.month_names[date.month], "year": date.year}
            + "</time>"
        )
    if precision == DatePrecision.YEAR:
        return mark_safe(f'<time datetime="{date.year:04d}">{date.year}</time>')
    # What format(date, "j M Y") gives, without building a DateFormat per
    # row; digits and month names need no escaping.
    return mark_safe(
        f'<time datetime="{date.isoformat()}">'
        f"{date.day} {words.months[date.month]} {date.year}</time>"
    )


@dataclasses.dataclass(frozen=True)
class DateWords:
    """A language's words for record_date(), read once per language."""

    undated: str
    # {month: abbreviated name}: "Dec" (English), "dic" (Spanish).
    months: dict
    # {month: full name}: "December", "diciembre".
    month_names: dict
    # A month's date, from "%(month)s" and "%(year)s": "December 2026",
    # "diciembre de 2026".
    month_year: str


@functools.cache
def date_words(language):
    """record_date()'s words in `language` (the active one): built once per
    language rather than once per row, and never at import, which would fix
    them in English."""
    with translation.override(language):
        # English abbreviations are capitalised ("Dec"); Spanish ones are not.
        capitalise = (language or "en").startswith("en")
        return DateWords(
            undated=html('<span class="undated">{}</span>', gettext("date not given")),
            months={
                number: str(name).title() if capitalise else str(name)
                for number, name in MONTHS_3.items()
            },
            month_names={number: str(name) for number, name in MONTHS_FULL.items()},
            month_year=esc(gettext("%(month)s %(year)s")),
        )


def labeller(model, name):
    """value -> the label of `model`'s choices field `name` in the active
    language (the value itself if it has none): get_FOO_display() rebuilds
    the choices at every call, and the labels are lazy, resolved again each
    time a row is escaped."""
    return language_labeller(model, name, get_language())


@functools.cache
def language_labeller(model, name, language):
    """labeller() in `language`, built once per language."""
    with translation.override(language):
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
                    and gettext("in %(place)s") % {"place": place["parent__name"]}
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
                context(r["is_emergency"] and gettext("emergency")),
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
        ' <span class="status status--withdrawn">{}</span>',
        html_text(
            gettext("withdrawn %(date)s"), date=record_date(statement.withdrawn_on)
        ),
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
        return html('<span class="context">{}</span>', gettext("general"))
    links = html_join(
        "; ",
        '<a href="{}">{}</a>',
        ((place_url(place.slug), place) for place in places[:TARGETS_SHOWN]),
    )
    more = len(places) - TARGETS_SHOWN
    if more <= 0:
        return links
    return html_text(gettext("%(places)s and %(count)s more"), places=links, count=more)


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
    '<span class="count">{}<span class="visually-hidden"> {}</span></span>'
    "</a></li>"
)
SELECTED = mark_safe(' class="is-selected"')
REMOVE = '<span class="visually-hidden">{} </span>'


@register.simple_tag
def facet_values(values):
    """A facet's links, each with its count; a selected one removes its filter."""
    remove = html(REMOVE, gettext("Remove filter:"))
    return html_join(
        "\n",
        FACET_VALUE,
        (
            (
                value.url,
                SELECTED if value.selected else "",
                remove if value.selected else "",
                value.label,
                value.count,
                ngettext("result", "results", value.count),
            )
            for value in values
        ),
    )


@register.filter
def linked_source(record):
    """The first of a record's sources that has a URL (prefetched), or None."""
    return next((source for source in record.sources.all() if source.url), None)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """[(code, name, URL)] of this page in each language, query string kept:
    the header's switcher and the head's hreflang alternates."""
    request = context.get("request")
    # Error pages (Django's handlers pass `exception`, or no request) offer
    # each home page rather than echo an address that found nothing.
    if request is None or "exception" in context:
        here = reverse("jurisdictions:home")
    else:
        here = request.get_full_path()
    return [
        (code, name, translate_url(here, code)) for code, name in settings.LANGUAGES
    ]
