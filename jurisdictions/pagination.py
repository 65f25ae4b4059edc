from django.core.paginator import Paginator
from django.utils.functional import cached_property


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
