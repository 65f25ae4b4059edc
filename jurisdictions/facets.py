"""Facet counts for the public lists: how many rows each filter value would keep.

Each facet runs one aggregated query over the list's filtered queryset with
the facet's own filter left out, so a count says how many rows ticking that
value would add ("any of") rather than always matching the current total.
"""

import functools
from dataclasses import dataclass
from urllib.parse import quote_plus, urlencode

from django.db import connections
from django.db.models import Count, F

from .choices import PublicationStatus
from .counting import provision_names, sort_key
from .models import (
    Case,
    DataVersion,
    FederalStatement,
    Jurisdiction,
    ListEntry,
    Ordinance,
    PolicyProvision,
    SchoolDistrictResolution,
)

PUBLISHED = PublicationStatus.PUBLISHED


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class FacetResult:
    name: str
    label: str
    values: list


def toggler(query, name):
    """Return a function giving `query` with one value of `name` toggled.

    The page number is dropped (the new result may have fewer pages) and so
    are empty parameters left by a submitted form. The other parameters are
    encoded once per facet rather than once per value.
    """
    before, after, current = [], [], None
    for key, values in query.lists():
        kept = [v for v in values if v != ""]
        if key == name:
            current = kept
        elif key != "page" and kept:
            (before if current is None else after).append(
                urlencode([(key, v) for v in kept])
            )
    current = current or []
    head, tail, key = "&".join(before), "&".join(after), quoted(name)

    def toggled(value):
        if value in current:
            values = [v for v in current if v != value]
        else:
            values = [*current, value]
        # What urlencode() gives, without its checks per pair: a list page
        # draws ~70 of these links.
        own = "&".join(f"{key}={quoted(v)}" for v in values)
        return "&".join(part for part in (head, own, tail) if part)

    return toggled


# quote_plus() of facet names and values: a few hundred distinct strings.
quoted = functools.lru_cache(maxsize=4096)(quote_plus)


class Facet:
    """One filter shown as a list of values, each with a count and a link."""

    # Whether a Summary (summaries.py) holds this facet's counts; one that
    # does not is counted by a query of its own (counting.counted_alone()).
    in_summary = True

    def __init__(self, name, label):
        self.name = name
        self.label = label

    def counts(self, queryset):
        """Return [(value, label, count)] for `queryset`, in display order."""
        raise NotImplementedError

    def summarised(self, found, summary):
        """Return [(value, label, count)] from a Summary's {value: count}."""
        raise NotImplementedError

    def selected(self, filterset):
        value = filterset.form.cleaned_data.get(self.name) or []
        return {getattr(v, "slug", v) for v in value}

    def selected_labels(self, filterset):
        value = filterset.form.cleaned_data.get(self.name) or []
        return {getattr(v, "slug", v): str(v) for v in value}

    def build(self, filterset, request, counted):
        """The facet as its page shows it, from `counted`, [(value, label,
        count)] (counting.py), each value with a link ticking or unticking it."""
        selected = self.selected(filterset)
        toggled = toggler(request.GET, self.name)
        seen = {value for value, _, _ in counted}
        # A ticked value with no rows left must stay listed so it can be unticked.
        missing = [
            (value, label, 0)
            for value, label in self.selected_labels(filterset).items()
            if value not in seen
        ]
        values = [
            FacetValue(
                value=value,
                label=label,
                count=count,
                selected=value in selected,
                url=f"{request.path}?{toggled(value)}",
            )
            for value, label, count in counted + missing
            if count or value in selected
        ]
        return FacetResult(name=self.name, label=self.label, values=values)


class ChoiceFacet(Facet):
    """A choices column (or one reached through a foreign key)."""

    def __init__(self, name, label, field, choices):
        super().__init__(name, label)
        self.field = field
        self.choices = choices

    def grouped(self, queryset):
        return queryset.values_list(self.field).annotate(n=Count("pk"))

    def counts(self, queryset):
        return self.summarised(dict(self.grouped(queryset)), None)

    def summarised(self, found, summary):
        return [
            (value, label, found[value])
            for value, label in self.choices
            if value in found
        ]

    def selected_labels(self, filterset):
        labels = dict(self.choices)
        return {value: labels.get(value, value) for value in self.selected(filterset)}


class TargetStateFacet(ChoiceFacet):
    """States of a statement's published targets; a statement counts once each."""

    def grouped(self, queryset, fields=None):
        """(*values of `fields`, state, statements) for each state targeted."""
        through = FederalStatement.targets.through
        return (
            through.objects.filter(
                federalstatement__in=queryset.values("pk"),
                jurisdiction__publication_status=PUBLISHED,
            )
            .values_list(
                *(f"federalstatement__{field}" for field in (fields or {}).values()),
                "jurisdiction__state",
            )
            .annotate(n=Count("federalstatement", distinct=True))
            .order_by()
        )

    def pairs(self, queryset, fields):
        """Yield (*values of `fields`, state, label, statements) for a Summary."""
        labels = dict(self.choices)
        for *key, state, n in self.grouped(queryset, fields):
            yield (*key, state, labels.get(state, state), n)


class PartyStateFacet(TargetStateFacet):
    """States of a case's published parties, plaintiffs and defendants alike.

    A case counts once per state, however many of its parties lie there: the
    (case, state) pairs of both sides are merged by a UNION, then grouped in
    one query, as JurisdictionProvisionFacet does for places.
    """

    def grouped(self, queryset, fields=None):
        """(*values of `fields`, state, cases) for each state of a party."""
        fields = fields or {}
        cases = queryset.values("pk")
        plaintiffs, defendants = (
            through.objects.filter(
                case__in=cases, jurisdiction__publication_status=PUBLISHED
            ).values(pair_case=F("case_id"), pair_state=F("jurisdiction__state"))
            for through in (Case.plaintiffs.through, Case.defendants.through)
        )
        pairs_sql, params = plaintiffs.union(defendants).query.sql_with_params()
        connection = connections[queryset.db]
        quote = connection.ops.quote_name
        columns = [
            f"c.{quote(Case._meta.get_field(field).column)}"
            for field in fields.values()
        ]
        group = ", ".join([*columns, "pairs.pair_state"])
        join = (
            f" JOIN {quote(Case._meta.db_table)} c ON c.id = pairs.pair_case"
            if columns
            else ""
        )
        sql = (
            f"SELECT {group}, COUNT(*) FROM ({pairs_sql}) pairs{join} GROUP BY {group}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [tuple(row) for row in cursor.fetchall()]


class ProvisionFacet(Facet):
    """Provisions of ordinances or resolutions, counted on the M2M table."""

    def __init__(self, name, label, through, owner):
        super().__init__(name, label)
        self.through = through
        self.owner = owner

    def counts(self, queryset):
        rows = (
            self.through.objects.filter(**{f"{self.owner}__in": queryset.values("pk")})
            .values_list("policyprovision__slug", "policyprovision__name")
            .annotate(n=Count("pk"))
            .order_by("policyprovision__name")
        )
        return list(rows)

    def summarised(self, found, summary):
        return sorted(
            ((slug, summary.labels[slug], n) for slug, n in found.items()),
            key=lambda row: row[1],
        )

    def selected_labels(self, filterset):
        value = filterset.form.cleaned_data.get(self.name) or []
        return {provision.slug: provision.local_name for provision in value}

    def build(self, filterset, request, counted):
        """As Facet.build(), each provision named in the page's language:
        `counted` names them as the table's `name` column does."""
        names = provision_names(DataVersion.of(request))
        named = [(slug, names.get(slug, label), n) for slug, label, n in counted]
        if any(new[1] != old[1] for new, old in zip(named, counted, strict=True)):
            named.sort(key=lambda row: sort_key(row[1]))
        return super().build(filterset, request, named)

    def pairs(self, queryset, fields):
        """Yield (*values of `fields`, slug, name, rows) for a Summary.

        The rows joined to their provisions: one pass over the matching rows,
        where filtering the provisions table by them joined the rows twice.
        """
        rows = queryset.values_list(
            *fields.values(), "provisions__slug", "provisions__name"
        ).annotate(n=Count("pk"))
        # A row without provisions comes back once with no slug.
        return (row for row in rows if row[-3] is not None)


class JurisdictionProvisionFacet(ProvisionFacet):
    """Places with a published ordinance or resolution carrying each provision.

    A place may hold both, so the distinct (provision, place) pairs of the
    two are merged and each place counted once per provision, in one grouped
    query.
    """

    def __init__(self, name, label):
        Facet.__init__(self, name, label)

    def counts(self, queryset):
        return self.grouped(queryset, {})

    def pairs(self, queryset, fields):
        """Yield (*values of `fields`, slug, name, places) for a Summary."""
        return self.grouped(queryset, fields)

    def grouped(self, queryset, fields):
        """Places per provision and per value of each of `fields`."""
        places = queryset.values("pk")
        ordinance_pairs = Ordinance.provisions.through.objects.filter(
            ordinance__publication_status=PUBLISHED,
            ordinance__jurisdiction__in=places,
        ).values(provision=F("policyprovision_id"), place=F("ordinance__jurisdiction"))
        resolution_pairs = SchoolDistrictResolution.provisions.through.objects.filter(
            schooldistrictresolution__publication_status=PUBLISHED,
            schooldistrictresolution__district__in=places,
        ).values(
            provision=F("policyprovision_id"),
            place=F("schooldistrictresolution__district"),
        )
        # UNION drops the repeats (a place with two instruments carrying the
        # provision), so each place counts once: half the time of counting
        # distinct places per group.
        pairs = ordinance_pairs.union(resolution_pairs)
        # The ORM cannot group the rows of a UNION, so the grouping is written
        # out around the SQL it compiles.
        pairs_sql, params = pairs.query.sql_with_params()
        connection = connections[queryset.db]
        quote = connection.ops.quote_name
        columns = [
            f"j.{quote(Jurisdiction._meta.get_field(field).column)}"
            for field in fields.values()
        ]
        group = ", ".join([*columns, "p.slug", "p.name"])
        sql = (
            f"SELECT {group}, COUNT(*) FROM ({pairs_sql}) pairs "
            f"JOIN {quote(PolicyProvision._meta.db_table)} p "
            f"ON p.id = pairs.provision "
            f"JOIN {quote(Jurisdiction._meta.db_table)} j ON j.id = pairs.place "
            f"GROUP BY {group} ORDER BY p.name"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [tuple(row) for row in cursor.fetchall()]


class ListedFacet(Facet):
    """Places currently on each published federal list.

    A place may be on several lists, and a Summary holds one facet of several
    values per row (the provisions), so this one is counted by a query of its
    own. A removed entry, or an entry of a withdrawn list, never counts.
    """

    in_summary = False

    def counts(self, queryset):
        rows = (
            ListEntry.objects.published()
            .current()
            .filter(jurisdiction__in=queryset.values("pk"))
            .values_list("list__slug", "list__title")
            .annotate(n=Count("jurisdiction", distinct=True))
            .order_by("list__title", "list__slug")
        )
        return [tuple(row) for row in rows]
