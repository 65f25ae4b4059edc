"""Facet summaries: how many rows hold each combination of a list's facet values.

A list page needs its total and one count per facet value, each facet leaving
its own filter out. Asked of the database, that is a count and one grouped
query per facet over every matching row: at 200,000 ordinances, half a second
a page. A summary holds the same numbers as two grouped queries, one over the
rows (by state, status, ...) and one over the (row, provision) pairs, and
answers every total and facet of every combination of facet filters by
adding up its cells.

The summary of all published rows is built once per data version (the
counter database triggers bump on every change) and shared through the cache
framework, so every app server sees an edit on its next request. A list also
filtered by something a summary cannot hold (a search, dates, a jurisdiction)
gets a summary of its matching rows, cached the same way under those filters:
two queries instead of five the first time, and none while the reader refines
the search by its facets, pages or sorts it. Several provisions at once
("any of") cannot be added up from per-provision cells, so those requests
fall back to grouped queries. A statement's targets' states are counted the
same way as provisions.
"""

import collections
import hashlib
import itertools
import sys
import threading

from django.core.cache import cache
from django.db.models import Count

from .models import DataVersion

# Newer versions replace older ones; a day bounds what a quiet site keeps.
CACHE_SECONDS = 24 * 60 * 60
# A search's summary (~150 KiB pickled at 200,000 ordinances) serves the
# reader refining it; searches are many, so they leave the cache sooner.
SEARCH_CACHE_SECONDS = 15 * 60


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
        shared(row[:-1]): row[-1]
        for row in queryset.values_list(*fields.values()).annotate(n=Count("pk"))
    }
    pairs, labels = {}, {}
    for *key, value, label, n in many.pairs(queryset, fields):
        pairs[shared((*key, value))] = n
        labels[value] = label
    return Summary(fields, many.name, rows, pairs, labels)


def shared(values):
    """The values as a tuple, each string one object wherever it appears.

    A few dozen values repeat across thousands of cells; pickle then writes
    each once, and a cached summary takes a quarter of the room.
    """
    return tuple(sys.intern(v) if isinstance(v, str) else v for v in values)


# The latest summary of every published row, per list, in this process
# (and what else a list reads once per data version: per_version()).
latest = {}
# The summaries of the searches (dates, named records) this process answered
# last, with the sums their pages added up, and the searches' ranked keys
# (pagination.py): unpickling a summary from the cache and adding up its
# cells again cost a searched page ~10 ms, unpickling 10,001 keys ~0.6 ms.
RECENT = 32
recent = collections.OrderedDict()
recent_lock = threading.Lock()
# After an edit, one thread per process builds the new summary while the
# others wait for it, rather than all running the same grouped queries.
building = collections.defaultdict(threading.Lock)


def published_summary(name, queryset, fields, many, version=None):
    """The summary of every row of `queryset`, at the current data version.

    `name` tells the lists apart; `version` is (counter, changed_at) when the
    caller has already read it.
    """
    return per_version(
        name,
        version or DataVersion.current(),
        lambda key: cached(
            key, lambda: summarise(queryset, fields, many), CACHE_SECONDS
        ),
    )


def per_version(name, version, build):
    """build(key), once per process and data `version` (counter, changed_at).

    After an edit, one thread per process builds while the others wait for
    its result, rather than all running the same queries.
    """
    key = summary_key(name, version)
    held = latest.get(name)
    if held and held[0] == key:
        return held[1]
    with building[name]:
        held = latest.get(name)
        if held and held[0] == key:
            return held[1]
        value = build(key)
        latest[name] = (key, value)
    return value


def cached(key, build, timeout):
    """The cache's value under `key`; on a miss, build() it and cache it.

    A key names a data version: an edit moves every list to new keys.
    """
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    return value


def filtered_summary(name, queryset, fields, many, filters, version=None):
    """The summary of `queryset`: rows also matching `filters`, which a
    Summary cannot hold (a search, dates, a named record).

    `filters` is [(name, value as given)]; the summary is cached under them
    at the current data version, so a reader refining a search by its facets,
    paging or sorting it reuses it.
    """
    key = summary_key(name, version or DataVersion.current(), digest(filters))
    return remembered(
        key, lambda: summarise(queryset, fields, many), SEARCH_CACHE_SECONDS
    )


def remembered(key, build, timeout):
    """What `key` names: this process's copy if it used it lately, else the
    cache's, else build() it and cache it for `timeout` seconds."""
    with recent_lock:
        value = recent.get(key)
        if value is not None:
            recent.move_to_end(key)
            return value
    value = cached(key, build, timeout)
    with recent_lock:
        recent[key] = value
        while len(recent) > RECENT:
            recent.popitem(last=False)
    return value


def forget():
    """Drop this process's summaries (the cache keeps its own)."""
    latest.clear()
    with recent_lock:
        recent.clear()


def digest(filters):
    """A short, fixed-length name for [(filter name, value as given)]."""
    return hashlib.sha256(repr(filters).encode()).hexdigest()


def summary_key(name, version, filters=""):
    """The cache key of `name`'s summary at `version`, of rows matching `filters`.

    Tests roll the counter back with their transactions, so the change time
    is part of the key.
    """
    changed_at = version[1] and version[1].timestamp()
    return f"summary:{name}:v{version[0]}:{changed_at}:{filters}"
