from django.core.paginator import Paginator
from django.db.models.query import QuerySet
from django.utils.functional import cached_property

from .summaries import SEARCH_CACHE_SECONDS, digest, remembered, summary_key


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
        return f"{self.COUNT_CAP:,}"

    @property
    def count_label(self):
        if self.total is not None:
            return f"{self.total:,}"
        if self.capped:
            return f"{self.COUNT_CAP:,}+"
        return f"{self.count:,}"


class RankedRows:
    """A search's rows in order of relevance, as the paginator slices them.

    Ordering by relevance ranks every match before the first row comes back
    ("privacy" matches 16,759 of 200,000 ordinances: 70 ms), and again for
    every page and every reader. The order of the rows pages can reach (the
    first COUNT_CAP + 1) is kept in the cache under the data version and the
    request's filters; a page then reads its rows by primary key from the
    list's published rows (`rows`): matching the search again and ranking the
    50 rows cost a tenth of the page. Any change to any row moves the data
    version, so keys cached under a version name rows that matched at it.
    """

    def __init__(self, queryset, rows, filters, version):
        """`queryset` is the filtered, ranked one; `rows` the list's own (its
        published rows, their columns and relations); `filters` is
        [(name, value as given)] of every filter of the list; `version` the
        data version, (counter, changed_at)."""
        self.queryset = queryset
        self.rows = rows
        name = f"ranked:{queryset.model._meta.label}"
        self.key = summary_key(name, version, digest(filters))

    @staticmethod
    def applies(queryset):
        """Whether `queryset` is in relevance order (filters.py's search)."""
        return queryset.query.order_by[:1] == ("-search_rank",)

    @cached_property
    def pks(self):
        limit = CappedPaginator.COUNT_CAP + 1
        return remembered(
            self.key,
            lambda: list(self.queryset.values_list("pk", flat=True)[:limit]),
            SEARCH_CACHE_SECONDS,
        )

    def __len__(self):
        return len(self.pks)

    def __getitem__(self, page):
        """The rows of a slice (the paginator takes one page at a time)."""
        pks = self.pks[page]
        rows = {key(row): row for row in self.rows.filter(pk__in=pks)}
        return [rows[pk] for pk in pks if pk in rows]


def key(row):
    """A row's primary key, read as a dict (a list's `row_fields`) or a model."""
    return row["pk"] if isinstance(row, dict) else row.pk
