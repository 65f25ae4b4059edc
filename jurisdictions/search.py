"""Search: the `q` filter every list shares, full-text on PostgreSQL (the
trigger-kept `search_vector`), a websearch-style fallback elsewhere."""

import re

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

SEARCH_MAX_LENGTH = 200
SEARCH_CONFIG = "english"


def tokens(text):
    """Split a websearch-style query into (word or phrase, negated, or-before)."""
    parsed, pending_or = [], False
    for phrase, word in re.findall(r'(-?"[^"]*")|(\S+)', text):
        term = phrase or word
        if term.lower() == "or" and parsed:
            pending_or = True
            continue
        negated = term.startswith("-") and len(term) > 1
        term = term.lstrip("-").strip('"').strip()
        if term:
            parsed.append((term, negated, pending_or))
        pending_or = False
    return parsed


def fallback_search(qs, fields, text):
    """Case-insensitive search for databases without full-text search.

    Follows PostgreSQL's websearch syntax: every word must appear, "quoted
    phrases" match as written, `-word` excludes and `or` joins alternatives.
    """
    condition = None
    for term, negated, or_before in tokens(text):
        match = Q()
        for field in fields:
            match |= Q(**{f"{field}__icontains": term})
        if negated:
            match = ~match
        if condition is None:
            condition = match
        elif or_before:
            condition |= match
        else:
            condition &= match
    return qs if condition is None else qs.filter(condition)


class LiteralSearchQuery(SearchQuery):
    """A full-text query whose words go into the SQL as a quoted literal.

    psycopg prepares a query its connection has run five times (settings.py)
    and PostgreSQL then plans it once for any words, guessing 1,000 matches:
    for a common word it joined all 16,000 matches to their jurisdictions
    before ranking them (140 ms instead of 70). Inline, each search is planned
    for its own words. psycopg quotes them; a "%" is doubled because the
    surrounding query still takes parameters.
    """

    def as_sql(self, compiler, connection, **kwargs):
        sql, params = super().as_sql(compiler, connection, **kwargs)
        return connection.ops.compose_sql(sql, params).replace("%", "%%"), []


class SearchFilterSet(django_filters.FilterSet):
    """Adds `q`: full-text search on PostgreSQL, a fallback elsewhere.

    Subclasses name `search_fields`, the same fields the PostgreSQL trigger
    feeds into `search_vector` (jurisdictions/triggers/), so both engines search
    the same text.
    """

    search_fields = ()

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=SEARCH_MAX_LENGTH,
        help_text=_('Words to find; use "quotes" for a phrase, -word to exclude.'),
    )

    def search(self, qs, name, value):
        text = value.strip()
        if not text:
            return qs
        if connections[qs.db].vendor != "postgresql":
            return fallback_search(qs, self.search_fields, text)
        query = LiteralSearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        return (
            qs.filter(search_vector=query)
            .annotate(search_rank=SearchRank(F("search_vector"), query))
            .order_by("-search_rank", *qs.query.order_by or qs.model._meta.ordering)
        )
