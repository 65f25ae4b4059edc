"""Counting a list: its total and each facet's values, as its page shows them.

`count_list()` is the one place a list page asks for its numbers, and the one
optimisation kept behind the whole-page cache (docs/ARCHITECTURE.md): asked
of the database, a list's numbers are a count and one grouped query per
facet over every matching row, half a second a page at 200,000 ordinances.
A Summary holds the same numbers as two grouped queries, one over the rows
(by state, status, ...) and one over the (row, value) pairs of the facet a
row holds many of (provisions, a statement's targets' states), and answers
every total and facet of every combination of facet filters by adding up
its cells.

The Summary of all published rows is built once per version of the tables
its list reads (`list_version()`: an edit of another table leaves it as it
is) and shared through the cache framework; this process keeps its latest copy while the
cache still holds the same build, so a page does not unpickle it. A list also
filtered by what a Summary cannot hold (a search, dates, a named record) gets
a Summary of its matching rows, cached under those filters. Several values of
the many-valued facet at once cannot be added up, so each facet then runs its
own grouped query and the paginator counts the rows. A facet no Summary holds
(`in_summary = False`) is counted by its own grouped query, cached per list
version and filters. Nothing outside this module reads these cache keys.
"""

import collections
import hashlib
import itertools
import threading
import unicodedata
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.query import QuerySet
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import get_language

from .models import PolicyProvision, TableVersion

# Newer versions replace older ones; a day bounds what a quiet site keeps.
CACHE_SECONDS = 24 * 60 * 60
# A search's summary (~150 KiB pickled at 200,000 ordinances) serves the
# reader refining it; searches are many, so they leave the cache sooner.
SEARCH_CACHE_SECONDS = 15 * 60


def is_set(value):
    # An unset model filter cleans to an empty queryset; len() of it, or of
    # the queryset validation already fetched, costs no query.
    if isinstance(value, str | list | tuple | QuerySet):
        return len(value) > 0
    return value is not None


def active_filters(filterset):
    """Yield (name, cleaned value) for each filter the query sets, sorting aside."""
    for name, value in filterset.form.cleaned_data.items():
        if name != "ordering" and is_set(value):
            yield name, value


def queryset_without(filterset, *names):
    """Apply every validated filter but `names`, as FilterSet.filter_queryset does."""
    queryset = filterset.queryset.all()
    for key, value in filterset.form.cleaned_data.items():
        if key not in (*names, "ordering"):
            queryset = filterset.filters[key].filter(queryset, value)
    return queryset.order_by()


def provision_names(version):
    """{slug: name in the active language} of every provision, by name, at
    data `version`: the checkboxes', facets' and summaries' labels.

    Read once per process, provisions' version and language: a list page's
    form read the provisions table with a query of its own (7% of a searched
    page). The field still validates against its queryset.
    """
    name = f"provision-names:{get_language()}"
    key = summary_key(name, list_version((PolicyProvision,), version))
    return kept(name, key, local_names, CACHE_SECONDS)


def local_names():
    """{slug: name in the active language}, in alphabetical order of names."""
    provisions = list(PolicyProvision.objects.only("slug", "name", "name_es"))
    names = {provision.slug: provision.local_name for provision in provisions}
    if any(names[provision.slug] != provision.name for provision in provisions):
        # Translated names, in their own order (the query's is the English).
        names = dict(sorted(names.items(), key=lambda item: sort_key(item[1])))
    return names


def sort_key(text):
    """Text as alphabetical order reads it: accents and case aside."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass
class ListCounts:
    """A list's total, None when the paginator must count the rows, and
    {facet name: [(value, label, count)] in display order}."""

    total: int | None
    facets: dict


def count_list(filterset, facets, version):
    """Count the rows of a valid `filterset` and the values of its `facets`.

    Each facet leaves its own filter out, so a count says how many rows
    ticking that value would add. `version` is the list_version() of the
    tables the counts read.
    """
    summary = request_summary(filterset, facets, version)
    filters = {
        facet.name: values
        for facet in facets
        if facet.in_summary and (values := facet.selected(filterset))
    }
    counts = {}
    for facet in facets:
        if not facet.in_summary:
            counts[facet.name] = counted_alone(filterset, facet, version)
        elif summary is None:
            counts[facet.name] = facet.counts(queryset_without(filterset, facet.name))
        else:
            found = summary.counts(filters, by=facet.name)
            counts[facet.name] = facet.summarised(found, summary)
    total = None if summary is None else summary.total(filters)
    return ListCounts(total=total, facets=counts)


def summary_fields(facets):
    """(fields, facet of many values): what a Summary of a list holds."""
    held = [facet for facet in facets if facet.in_summary]
    (many,) = (facet for facet in held if hasattr(facet, "pairs"))
    return {facet.name: facet.field for facet in held if facet is not many}, many


def published_summary(queryset, facets, version):
    """The Summary of a list's published rows (`queryset`), at the
    list_version() `version` of the tables it reads.

    The home and provision pages read their totals from it too.
    """
    name = queryset.model._meta.label
    fields, many = summary_fields(facets)
    return kept(
        name,
        summary_key(name, version),
        lambda: summarise(queryset.all(), fields, many),
        CACHE_SECONDS,
    )


def request_summary(filterset, facets, version):
    """The Summary answering the request's total and facets, or None."""
    fields, many = summary_fields(facets)
    chosen = filterset.form.cleaned_data.get(many.name)
    if chosen is not None and len(chosen) > 1:
        return None
    # A filter whose facet no Summary holds (`listed`) narrows the rows
    # summarised, like a search.
    names = {*fields, many.name}
    others = sorted(name for name, _ in active_filters(filterset) if name not in names)
    if not others:
        return published_summary(filterset.queryset, facets, version)
    # Cached under the other filters as given, so a reader refining a search
    # by its facets, paging or sorting it reuses it.
    filters = [(name, filterset.form[name].data) for name in others]
    key = summary_key(filterset.queryset.model._meta.label, version, digest(filters))
    queryset = queryset_without(filterset, *names)
    return cache.get_or_set(
        key, lambda: summarise(queryset, fields, many), SEARCH_CACHE_SECONDS
    )


def counted_alone(filterset, facet, version):
    """[(value, label, count)] of a facet no Summary holds, cached per list
    version and query (its own filter aside)."""
    filters = [
        (name, filterset.form[name].data)
        for name, _ in active_filters(filterset)
        if name != facet.name
    ]
    key = summary_key(
        f"{filterset.queryset.model._meta.label}:{facet.name}", version, digest(filters)
    )
    return cache.get_or_set(
        key,
        lambda: facet.counts(queryset_without(filterset, facet.name)),
        SEARCH_CACHE_SECONDS if filters else CACHE_SECONDS,
    )


class Summary:
    """Counts per combination of `dimensions`, and per value of `many`.

    `many` is the facet a row may hold several values of (its provisions, a
    statement's targets' states); `pairs` counts the rows holding each.
    """

    def __init__(self, dimensions, many, rows, pairs, labels):
        self.dimensions = tuple(dimensions)
        self.many = many
        self.order = (*self.dimensions, many)
        # {(value, ...): rows}, one value per dimension.
        self.rows = rows
        # {(value, ..., value of `many`): rows holding that value}.
        self.pairs = pairs
        # {value of `many`: its label}.
        self.labels = labels
        self.marginals = {}

    def marginal(self, names):
        """{(value of each of `names`): rows}, summed over the other dimensions."""
        names = tuple(names)
        found = self.marginals.get(names)
        if found is None:
            if self.many in names:
                cells, order = self.pairs, self.order
            else:
                cells, order = self.rows, self.dimensions
            positions = [order.index(name) for name in names]
            found = {}
            for cell, n in cells.items():
                key = tuple(cell[i] for i in positions)
                found[key] = found.get(key, 0) + n
            # Threads may both compute it; either result is the same.
            self.marginals[names] = found
        return found

    def values(self, name):
        return [key[0] for key in self.marginal((name,))]

    def counts(self, filters, by):
        """{value of `by`: rows matching `filters`} ({name: set of values}).

        `filters` may name one value of `many` at most; `by` never filters
        itself.
        """
        filters = {name: values for name, values in filters.items() if name != by}
        names = [name for name in self.order if name in filters or name == by]
        table = self.marginal(names)
        axis = names.index(by)
        choices = [self.values(by) if name == by else filters[name] for name in names]
        found = {}
        for key in itertools.product(*choices):
            n = table.get(key)
            if n:
                found[key[axis]] = found.get(key[axis], 0) + n
        return found

    def total(self, filters):
        names = [name for name in self.order if name in filters]
        table = self.marginal(names)
        return sum(
            table.get(key, 0)
            for key in itertools.product(*(filters[name] for name in names))
        )


def summarise(queryset, fields, many):
    """Build the Summary of `queryset` in two grouped queries.

    `fields` maps each dimension to the field holding it; `many` is the facet
    whose `pairs()` counts the rows holding each of its values (facets.py).
    """
    queryset = queryset.order_by()
    rows = {
        tuple(row[:-1]): row[-1]
        for row in queryset.values_list(*fields.values()).annotate(n=Count("pk"))
    }
    pairs, labels = {}, {}
    for *key, value, label, n in many.pairs(queryset, fields):
        pairs[(*key, value)] = n
        labels[value] = label
    return Summary(fields, many.name, rows, pairs, labels)


# {name: (key, build token, value)}: this process's copy of what kept() read
# last under each name. After an edit, one thread per process builds the new
# value while the others wait for it, rather than all running the same
# grouped queries.
latest = {}
building = collections.defaultdict(threading.Lock)


def kept(name, key, build, timeout):
    """What `key` names, for `name`: this process's copy while the cache holds
    the build it came from, else the cache's, else build() it and cache it.

    A key names the versions of the tables a list reads, so an edit of one
    moves the lists reading it to new keys; clearing the cache drops every
    process's copy too.
    """
    token_key = f"{key}:build"
    token = cache.get(token_key)
    held = latest.get(name)
    if held and held[0] == key and token is not None and held[1] == token:
        return held[2]
    with building[name]:
        token = cache.get(token_key)
        held = latest.get(name)
        if held and held[0] == key and token is not None and held[1] == token:
            return held[2]
        value = cache.get(key) if token is not None else None
        if value is None:
            value, token = build(), uuid.uuid4().hex
            cache.set_many({key: value, token_key: token}, timeout)
        latest[name] = (key, token, value)
    return value


def digest(filters):
    """A short, fixed-length name for [(filter name, value as given)]."""
    return hashlib.sha256(repr(filters).encode()).hexdigest()


def list_version(models, version):
    """The version of the tables of `models` at data `version`: ((counter,
    change time) of each table), which an edit of any other table leaves as
    it was, so the lists reading only those keep their counts.

    Tests roll the counters back with their transactions, so the change
    times are part of it.
    """
    tables = TableVersion.at(version)
    return tuple(
        tables.get(table, (0, None))
        for table in sorted({model._meta.db_table for model in models})
    )


def summary_key(name, version, filters=""):
    """The cache key of `name`'s summary at list_version() `version`, of rows
    matching `filters`."""
    return f"summary:{name}:{digest(version)[:16]}:{filters}"


class CappedPaginator(Paginator):
    """Count at most COUNT_CAP rows, so a huge result set costs no full count.

    Past the cap the list reads "10,000+ results" and pages run to the cap:
    deep offsets are slow anyway, and filters narrow a list faster than paging.
    A list that knows its exact total from a summary sets `total`; the label
    then gives it, while pages still stop at the cap.
    """

    COUNT_CAP = 10_000
    total = None

    @cached_property
    def count(self):
        if self.total is not None:
            return min(self.total, self.COUNT_CAP + 1)
        if not isinstance(self.object_list, QuerySet):
            return min(len(self.object_list), self.COUNT_CAP + 1)
        # COUNT(*) over a subquery LIMITed to one row past the cap.
        return self.object_list[: self.COUNT_CAP + 1].count()

    @property
    def capped(self):
        return self.count > self.COUNT_CAP

    @property
    def cap_label(self):
        return grouped(self.COUNT_CAP)

    @property
    def count_label(self):
        if self.total is not None:
            return grouped(self.total)
        if self.capped:
            return f"{grouped(self.COUNT_CAP)}+"
        return grouped(self.count)


def grouped(number):
    """`number` with its thousands grouped as the page's language writes them
    (tracker/formats)."""
    return number_format(number, force_grouping=True)
