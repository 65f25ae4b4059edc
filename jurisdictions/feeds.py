"""Atom feeds: every change across the tracker, a place's changes, and each
list's filtered twin."""

import re
from operator import attrgetter
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import force
from .changelog import ChangeLog
from .exports import bad_filters_response
from .filters import (
    CaseFilter,
    ChangeFilter,
    JurisdictionFilter,
    OrdinanceFilter,
    ResolutionFilter,
    StatementFilter,
)
from .models import (
    Case,
    FederalStatement,
    Jurisdiction,
    ListEntry,
    Ordinance,
    Person,
    SchoolDistrictResolution,
)
from .timeline import party_cases

FEED_SIZE = 50
# Characters XML 1.0 cannot carry. Django refuses the control characters (a
# 500 for the whole feed) and writes U+FFFE/U+FFFF (a feed no reader parses);
# editors paste both from word processors.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# Each kind of record as a feed of several kinds names it, in the page's
# language; an instrument by what it is (an executive order, a state law...).
KINDS = {
    Jurisdiction: _("Jurisdiction"),
    SchoolDistrictResolution: _("School district resolution"),
    FederalStatement: _("Federal statement"),
    Case: _("Case"),
    Person: _("Person"),
    ListEntry: _("List entry"),
}


def titled(item):
    """A record's title; a withdrawn list or policy says so."""
    if isinstance(item, ListEntry):
        return gettext("%(place)s on %(list)s") % {
            "place": item.jurisdiction,
            "list": item.list,
        }
    if getattr(item, "withdrawn_on", None):
        return gettext("%(title)s (withdrawn)") % {"title": item}
    return str(item)


def xml_text(value):
    return None if value is None else NOT_IN_XML.sub("", str(value))


class RecordAtomFeed(Atom1Feed):
    """Atom carrying the records' plain text, which may hold anything."""

    def __init__(self, title, link, description, subtitle=None, **kwargs):
        # A place's feed is titled with its name.
        super().__init__(
            xml_text(title),
            link,
            xml_text(description),
            subtitle=xml_text(subtitle),
            **kwargs,
        )

    def add_item(self, title, link, description, unique_id=None, **kwargs):
        # Atom declares each summary to be HTML, so readers render it: escaped,
        # a "<script>" in a record's summary shows as those characters.
        if description is not None:
            description = escape(xml_text(description))
        if unique_id:
            # Atom ids are absolute; a feed may give one relative to the link.
            unique_id = urljoin(link, unique_id)
        super().add_item(
            xml_text(title), link, description, unique_id=unique_id, **kwargs
        )


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
            return gettext("Latest changes matching %(query)s") % {
                "query": filterset.data.urlencode()
            }
        return gettext("Latest changes")

    def items(self, filterset):
        # A feed follows changes, so it is newest first whatever `ordering` says.
        return filterset.qs.order_by("-updated_at", "-pk")[:FEED_SIZE]


class JurisdictionFeed(ListFeed):
    title = _("Sanctuary Tracker: jurisdictions")
    filterset_class = JurisdictionFilter
    list_url_name = "jurisdictions:jurisdiction-list"
    feed_url_name = "jurisdictions:jurisdiction-atom"


def instrument_description(ordinance):
    """An instrument's summary, then what still binds of it and what
    rescinds, supersedes or amends it (its blocks and changes fetched)."""
    changes = force.change_sentences(
        ordinance.changed_by.all(), ordinance.changes_made.all()
    )
    parts = [
        ordinance.summary,
        force.in_force_note(ordinance),
        *(sentence for sentence, _ in changes),
    ]
    return "\n\n".join(part for part in parts if part)


class OrdinanceFeed(ListFeed):
    title = _("Sanctuary Tracker: ordinances")
    filterset_class = OrdinanceFilter
    list_url_name = "jurisdictions:ordinance-list"
    feed_url_name = "jurisdictions:ordinance-atom"

    def items(self, filterset):
        newest = filterset.qs.order_by("-updated_at", "-pk")
        return force.fetch(newest[:FEED_SIZE])

    def item_description(self, item):
        return instrument_description(item)


class ResolutionFeed(ListFeed):
    title = _("Sanctuary Tracker: school district resolutions")
    filterset_class = ResolutionFilter
    list_url_name = "jurisdictions:resolution-list"
    feed_url_name = "jurisdictions:resolution-atom"


class StatementFeed(ListFeed):
    title = _("Sanctuary Tracker: federal statements")
    filterset_class = StatementFilter
    list_url_name = "jurisdictions:statement-list"
    feed_url_name = "jurisdictions:statement-atom"

    def item_description(self, item):
        return item.summary or item.quote


class CaseFeed(ListFeed):
    title = _("Sanctuary Tracker: court cases")
    filterset_class = CaseFilter
    list_url_name = "jurisdictions:case-list"
    feed_url_name = "jurisdictions:case-atom"

    def item_description(self, item):
        return item.summary or item.outcome


def listing(entry):
    """A list entry's dates and removal note: "Listed 5 August 2025; removed …"."""
    # Translators: a day as PHP's date() writes it; Spanish adds "de".
    day = gettext("j F Y")
    dates = {"listed": date_format(entry.listed_on, day)}
    if entry.removed_on:
        dates["removed"] = date_format(entry.removed_on, day)
        text = gettext("Listed %(listed)s; removed %(removed)s.") % dates
    else:
        text = gettext("Listed %(listed)s.") % dates
    return f"{text} {entry.removal_note}".strip()


class ChangesFeed(RecordFeed):
    """Published records of several kinds, newest change first."""

    def changed(self, obj):
        """Querysets of the published records followed (or records at hand)."""
        raise NotImplementedError

    def items(self, obj):
        records = []
        for group in self.changed(obj):
            # The newest FEED_SIZE of each hold the newest FEED_SIZE overall.
            if isinstance(group, QuerySet):
                group = group.order_by("-updated_at", "-pk")[:FEED_SIZE]
            records.extend(group)
        records.sort(key=attrgetter("updated_at"), reverse=True)
        records = records[:FEED_SIZE]
        force.fetch(record for record in records if isinstance(record, Ordinance))
        return records

    def item_title(self, item):
        if isinstance(item, Ordinance):
            kind = item.get_instrument_display()
        else:
            kind = KINDS[type(item)]
        return gettext("%(kind)s: %(title)s") % {
            "kind": kind,
            "title": titled(item),
        }

    def item_description(self, item):
        if isinstance(item, ListEntry):
            return listing(item)
        if isinstance(item, Ordinance):
            return instrument_description(item)
        # A statement may be only its quote, a case only its outcome.
        summary = getattr(item, "summary", "")
        return summary or getattr(item, "quote", "") or getattr(item, "outcome", "")

    def item_guid(self, item):
        url = item.get_absolute_url()
        if isinstance(item, ListEntry):
            # Entries link to their list's page, which the list's own item
            # (a statement aimed at the place) links to as well.
            return f"{url}#list-entry-{item.pk}"
        return url


class UpdatesFeed(ChangesFeed):
    """Every published record, newest change first."""

    title = _("Sanctuary Tracker: all updates")
    subtitle = _("Records newly published or changed, across every list.")
    link = reverse_lazy("jurisdictions:home")
    models = (
        Jurisdiction,
        Ordinance,
        SchoolDistrictResolution,
        FederalStatement,
        Case,
        Person,
    )

    def changed(self, obj):
        return [model.objects.published() for model in self.models]


class PlaceFeed(ChangesFeed):
    """A place's changes: its own record, its instruments, its court cases,
    its federal list entries and the federal statements aimed at it."""

    def get_object(self, request, slug):
        return Jurisdiction.objects.published().get(slug=slug)

    def title(self, place):
        return gettext("Sanctuary Tracker: %(place)s") % {"place": place}

    def subtitle(self, place):
        return gettext(
            "Changes to %(place)s, its instruments, its court cases, its federal "
            "list entries and the federal statements aimed at it."
        ) % {"place": place}

    def link(self, place):
        return place.get_absolute_url()

    def feed_url(self, place):
        return reverse("jurisdictions:jurisdiction-feed", kwargs={"slug": place.slug})

    def changed(self, place):
        return [
            [place],
            Ordinance.objects.published().filter(jurisdiction=place),
            SchoolDistrictResolution.objects.published().filter(district=place),
            party_cases(place),
            ListEntry.objects.published()
            .filter(jurisdiction=place)
            .select_related("list", "jurisdiction"),
            FederalStatement.objects.published().filter(targets=place),
        ]


class ChangeLogFeed(ListFeed):
    """The newest published changes, filtered as the /changes/ page is."""

    title = _("Sanctuary Tracker: what changed")
    filterset_class = ChangeFilter
    list_url_name = "jurisdictions:change-list"
    feed_url_name = "jurisdictions:change-atom"

    def get_object(self, request, *args, **kwargs):
        filterset = ChangeFilter(request.GET, queryset=ChangeLog(), request=request)
        if not filterset.is_valid():
            raise InvalidFilters(filterset)
        return filterset

    def items(self, filterset):
        return filterset.qs[:FEED_SIZE]

    def item_title(self, item):
        return gettext("%(kind)s: %(title)s") % {
            "kind": item.kind.label,
            "title": item.title,
        }

    def item_description(self, item):
        text = item.sentence()
        if item.from_correction:
            text = gettext("%(change)s (from a reader's correction)") % {"change": text}
        return text

    def item_link(self, item):
        return f"{item.url}#{item.anchor}"

    def item_guid(self, item):
        return f"{item.url}#{item.anchor}"

    def item_updateddate(self, item):
        return item.changed_at

    def item_pubdate(self, item):
        return item.changed_at
