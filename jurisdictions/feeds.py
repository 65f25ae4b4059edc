"""Atom feeds: every change across the tracker, and each list's filtered twin."""

import re

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from .exports import bad_filters_response
from .filters import (
    CaseFilter,
    JurisdictionFilter,
    OrdinanceFilter,
    ResolutionFilter,
    StatementFilter,
)
from .models import (
    Case,
    FederalStatement,
    Jurisdiction,
    Ordinance,
    Person,
    SchoolDistrictResolution,
)

FEED_SIZE = 50
# Characters XML 1.0 cannot carry. Django refuses the control characters (a
# 500 for the whole feed) and writes U+FFFE/U+FFFF (a feed no reader parses);
# editors paste both from word processors.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def titled(item):
    """A record's title; a withdrawn list or policy says so."""
    if getattr(item, "withdrawn_on", None):
        return f"{item} (withdrawn)"
    return str(item)


def xml_text(value):
    return None if value is None else NOT_IN_XML.sub("", str(value))


class RecordAtomFeed(Atom1Feed):
    """Atom carrying the records' plain text, which may hold anything."""

    def add_item(self, title, link, description, **kwargs):
        # Atom declares each summary to be HTML, so readers render it: escaped,
        # a "<script>" in a record's summary shows as those characters.
        if description is not None:
            description = escape(xml_text(description))
        super().add_item(xml_text(title), link, description, **kwargs)


class InvalidFilters(Exception):
    def __init__(self, filterset):
        super().__init__("invalid filters")
        self.filterset = filterset


class RecordFeed(Feed):
    feed_type = RecordAtomFeed
    author_name = "Sanctuary Tracker"

    def item_title(self, item):
        return titled(item)

    def item_description(self, item):
        return getattr(item, "summary", "")

    def item_updateddate(self, item):
        return item.updated_at

    def item_pubdate(self, item):
        return item.published_at or item.created_at


class ListFeed(RecordFeed):
    """A list's latest changes, filtered by the list's own query string."""

    filterset_class = None
    list_url_name = ""

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidFilters as error:
            return bad_filters_response(error.filterset)

    def get_object(self, request, *args, **kwargs):
        model = self.filterset_class._meta.model
        filterset = self.filterset_class(
            request.GET, queryset=model.objects.published(), request=request
        )
        if not filterset.is_valid():
            raise InvalidFilters(filterset)
        return filterset

    def _with_query(self, path, filterset):
        query = filterset.data.urlencode()
        return f"{path}?{query}" if query else path

    def link(self, filterset):
        return self._with_query(reverse(self.list_url_name), filterset)

    def feed_url(self, filterset):
        return self._with_query(reverse(self.feed_url_name), filterset)

    def subtitle(self, filterset):
        if filterset.data:
            return f"Latest changes matching {filterset.data.urlencode()}"
        return "Latest changes"

    def items(self, filterset):
        # A feed follows changes, so it is newest first whatever `ordering` says.
        return filterset.qs.order_by("-updated_at", "-pk")[:FEED_SIZE]


class JurisdictionFeed(ListFeed):
    title = "Sanctuary Tracker: jurisdictions"
    filterset_class = JurisdictionFilter
    list_url_name = "jurisdictions:jurisdiction-list"
    feed_url_name = "jurisdictions:jurisdiction-atom"


class OrdinanceFeed(ListFeed):
    title = "Sanctuary Tracker: ordinances"
    filterset_class = OrdinanceFilter
    list_url_name = "jurisdictions:ordinance-list"
    feed_url_name = "jurisdictions:ordinance-atom"


class ResolutionFeed(ListFeed):
    title = "Sanctuary Tracker: school district resolutions"
    filterset_class = ResolutionFilter
    list_url_name = "jurisdictions:resolution-list"
    feed_url_name = "jurisdictions:resolution-atom"


class StatementFeed(ListFeed):
    title = "Sanctuary Tracker: federal statements"
    filterset_class = StatementFilter
    list_url_name = "jurisdictions:statement-list"
    feed_url_name = "jurisdictions:statement-atom"

    def item_description(self, item):
        return item.summary or item.quote


class CaseFeed(ListFeed):
    title = "Sanctuary Tracker: court cases"
    filterset_class = CaseFilter
    list_url_name = "jurisdictions:case-list"
    feed_url_name = "jurisdictions:case-atom"

    def item_description(self, item):
        return item.summary or item.outcome


class UpdatesFeed(RecordFeed):
    """Every published record, newest change first."""

    title = "Sanctuary Tracker: all updates"
    subtitle = "Records newly published or changed, across every list."
    link = reverse_lazy("jurisdictions:home")
    models = (
        Jurisdiction,
        Ordinance,
        SchoolDistrictResolution,
        FederalStatement,
        Case,
        Person,
    )

    def items(self):
        # The newest FEED_SIZE of each model hold the newest FEED_SIZE overall.
        latest = []
        for model in self.models:
            latest.extend(
                model.objects.published().order_by("-updated_at", "-pk")[:FEED_SIZE]
            )
        latest.sort(key=lambda item: item.updated_at, reverse=True)
        return latest[:FEED_SIZE]

    def item_title(self, item):
        return f"{item._meta.verbose_name.capitalize()}: {titled(item)}"
