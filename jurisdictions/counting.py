"""Counting a list: its total and each facet's values, as its page shows them.

`count_list()` is the one place a list page asks for its numbers. Where a
Summary (summaries.py) can answer, they are added up from its cells: the
summary of every published row, or of the rows matching the filters no
summary holds (a search, dates, a named record). Several values of the facet
a row holds many of (two provisions) cannot be added up, so each facet then
runs its own grouped query and the paginator counts the rows. A facet no
summary holds (`in_summary = False`) is counted by its own grouped query,
cached per data version and filters.
"""

from dataclasses import dataclass

from . import summaries
from .facets import active_filters, queryset_without


@dataclass
class ListCounts:
    """A list's total, None when the paginator must count the rows, and
    {facet name: [(value, label, count)] in display order}."""

    total: int | None
    facets: dict


def count_list(filterset, facets, version):
    """Count the rows of a valid `filterset` and the values of its `facets`.

    Each facet leaves its own filter out, so a count says how many rows
    ticking that value would add. `version` is the data version,
    (counter, changed_at).
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


def published_summary(queryset, facets, version=None):
    """The Summary of a list's published rows (`queryset`), at the data version.

    The home and provision pages read their totals from it too.
    """
    return summaries.published_summary(
        queryset.model._meta.label, queryset.all(), *summary_fields(facets), version
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
    return summaries.filtered_summary(
        filterset.queryset.model._meta.label,
        queryset_without(filterset, *names),
        fields,
        many,
        filters=[(name, filterset.form[name].data) for name in others],
        version=version,
    )


def counted_alone(filterset, facet, version):
    """[(value, label, count)] of a facet no Summary holds.

    Counted once per data version and query (its own filter aside), cached
    like a search's summary, so paging, sorting or ticking one of its values
    costs no query.
    """
    filters = [
        (name, filterset.form[name].data)
        for name, _ in active_filters(filterset)
        if name != facet.name
    ]
    key = summaries.summary_key(
        f"{filterset.queryset.model._meta.label}:{facet.name}",
        version,
        summaries.digest(filters),
    )
    return summaries.remembered(
        key,
        lambda: facet.counts(queryset_without(filterset, facet.name)),
        summaries.SEARCH_CACHE_SECONDS if filters else summaries.CACHE_SECONDS,
    )
