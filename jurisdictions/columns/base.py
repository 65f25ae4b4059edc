"""The column machinery: Linked, Grouped, Column and Table, and the helpers that build
columns shared by several tables (published slugs, date precision, titles held,
sources cited, curation fields).
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    CharField,
    DateField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth, TruncYear
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from ..choices import DatePrecision, PublicationStatus
from ..models import Role

PUBLISHED = PublicationStatus.PUBLISHED


@dataclass(frozen=True, eq=False)
class Linked:
    """A many-to-many relation, read for a whole chunk of rows in one query.

    `visible` returns the target rows that may be shown, so a draft sponsor or
    target never leaks through a published record.
    """

    relation: Any  # the model's ManyToManyDescriptor, e.g. Ordinance.provisions
    fields: tuple[str, ...]
    visible: Any = None

    def fetch(self, ids):
        """Map each owner id to its list of `fields` tuples."""
        m2m = self.relation.field
        owner, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        rows = m2m.remote_field.through.objects.filter(**{f"{owner}__in": ids})
        if self.visible is not None:
            rows = rows.filter(**{f"{target}__in": self.visible()})
        values = rows.order_by("pk").values_list(
            f"{owner}_id", *(f"{target}__{name}" for name in self.fields)
        )
        found = {}
        for owner_id, *parts in values:
            found.setdefault(owner_id, []).append(parts)
        return found


@dataclass(frozen=True, eq=False)
class Grouped:
    """How COPY reads a column that `lookup` computes from another table's
    rows with a subquery per row: from that table aggregated once for the
    whole export and LEFT JOINed (jurisdictions/pgcopy.py).

    `rows(owners)` returns a values() queryset of one row per record, its id
    as `owner` then the aggregates, limited to the `owners` queryset unless
    it is None; `value(part)` the cell's expression, where `part(name)` is
    the joined row's column `name`, NULL when the record has no row. Columns
    whose `rows` is the same function share one join. The cell must be
    `lookup`'s, byte for byte.
    """

    rows: Any
    value: Any


@dataclass(frozen=True)
class Column:
    """One CSV column: a stable snake_case name and what it holds.

    The value comes from `lookup` (a field path or an expression), or from the
    `part`-th field of a `linked` relation, joined with ";". COPY reads a
    `grouped` column from its Grouped join instead of `lookup`.
    """

    name: str
    description: str
    lookup: Any = None
    linked: Linked | None = None
    part: int = 0
    link: str = ""  # URL name of the record's page; the value is its slug
    grouped: Grouped | None = None

    @property
    def source(self):
        return self.name if self.lookup is None else self.lookup


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    records: Any  # returns the published rows, in their usual order

    def column_names(self):
        return [column.name for column in self.columns]


def published_slug(relation, empty=""):
    """The related record's slug, or `empty` when there is none or it is a draft."""
    visible = When(
        **{f"{relation}__publication_status": PUBLISHED}, then=f"{relation}__slug"
    )
    return Case(visible, default=Value(empty), output_field=CharField())


def published_ordinance_slug(relation, empty=""):
    """Like published_slug(), for an ordinance, whose jurisdiction must show too."""
    visible = When(
        **{
            f"{relation}__publication_status": PUBLISHED,
            f"{relation}__jurisdiction__publication_status": PUBLISHED,
        },
        then=f"{relation}__slug",
    )
    return Case(visible, default=Value(empty), output_field=CharField())


def confirmed_reaffirms_slug(empty=""):
    """The slug of the resolution a resolution reaffirms, when an editor has
    confirmed the link and it is published; else `empty`."""
    visible = When(
        reaffirms_confirmed=True,
        reaffirms__publication_status=PUBLISHED,
        reaffirms__district__publication_status=PUBLISHED,
        then="reaffirms__slug",
    )
    return Case(visible, default=Value(empty), output_field=CharField())


def interpolate_lazy(message, **values):
    """`message % values`, worked out in the language active when it is shown.

    Descriptions are defined at import and shown on the /data/ page in the
    page's language, so they stay lazy; `%` on a lazy string would fix its
    language at import.
    """
    return lazy(lambda: message % values, str)()


def precision_column(date_field):
    return Column(
        f"{date_field}_precision",
        interpolate_lazy(
            _(
                "How much of `%(date_field)s` the sources give: day, month or "
                "year (a month or year is written as its first day)."
            ),
            date_field=date_field,
        ),
    )


def title_held(person, day, as_given):
    """Person.role_on(day).title, else `as_given`: speaker_title() in SQL.

    The published role of `person` that covers `day`, the latest begun: a
    day-precise end is the successor's first day and is excluded; a month-
    or year-precise end covers its whole month or year.
    """
    # Trunc needs its argument's type, which an OuterRef alone lacks.
    day_ref = ExpressionWrapper(OuterRef(day), output_field=DateField())
    covering = (
        Role.objects.published()
        .filter(person=OuterRef(person))
        .filter(Q(started_on__isnull=True) | Q(started_on__lte=day_ref))
        .filter(
            Q(ended_on__isnull=True)
            | Q(ended_on_precision=DatePrecision.DAY, ended_on__gt=day_ref)
            | Q(
                ended_on_precision=DatePrecision.MONTH,
                ended_on__gte=TruncMonth(day_ref),
            )
            | Q(
                ended_on_precision=DatePrecision.YEAR,
                ended_on__gte=TruncYear(day_ref),
            )
        )
        .order_by(F("started_on").desc(nulls_last=True), "title")
        .values("title")[:1]
    )
    return Case(
        When(
            **{f"{day}__isnull": False},
            then=Coalesce(Subquery(covering), as_given),
        ),
        default=as_given,
        output_field=CharField(),
    )


def sources_of(relation):
    linked = Linked(relation, ("id", "url"))
    return (
        Column(
            "source_ids",
            _("Ids of the sources cited (`id` in sources.csv), separated by “;”."),
            linked=linked,
            part=0,
        ),
        Column(
            "source_urls",
            _(
                "Web addresses of the sources cited, separated by “;” (print "
                "sources have none)."
            ),
            linked=linked,
            part=1,
        ),
    )


def curated_columns(relation, url_name=""):
    columns = (
        Column(
            "last_verified_on",
            _(
                "Date (YYYY-MM-DD) an editor last checked the record against its "
                "sources; empty if never."
            ),
        ),
        Column(
            "updated_at",
            _("When the record last changed (ISO 8601, UTC)."),
            "updated_at",
        ),
        *sources_of(relation),
    )
    if url_name:
        columns += (
            Column(
                "url",
                _("Address of the record's page on this site."),
                "slug",
                link=url_name,
            ),
        )
    return columns


def slug_column(description):
    return Column("slug", description)
