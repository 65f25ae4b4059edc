"""The national landscape: one row per state and DC, for /states/, its CSV
twin and the map, all three drawn from the same rows so they cannot disagree.

A row holds the state's own published instruments (sorted by what they do to
cooperation, as the stance criteria read them), its current federal-list
entries, the places in it on a federal list, the cases a party in it brings
or defends, and how many local jurisdictions the tracker holds there.
"""

import csv
import io
from dataclasses import dataclass, field
from urllib.parse import urlencode

import django_filters
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    prefetch_related_objects,
)
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import answers, force, stances
from .cells import BOM, neutralise
from .choices import Direction, JurisdictionKind, PublicationStatus, Stance
from .filterfields import ChoicesFilter, FilterForm, SlugFilter
from .filters import current_members, federal_lists
from .models import Case, Finding, Jurisdiction, ListEntry, Ordinance
from .models.base import DIRECTION_CATEGORIES

PUBLISHED = PublicationStatus.PUBLISHED
LOCAL_KINDS = [kind for kind in JurisdictionKind.values if kind != "state"]


def carrying(direction):
    """Whether a place's own published instruments in force carry provisions
    of the given direction that no court order still blocks (what the stance
    criteria count)."""
    links = Ordinance.provisions.through.objects.filter(
        ordinance__in=Ordinance.objects.published().in_effect(),
        ordinance__jurisdiction=OuterRef("pk"),
        policyprovision__category__in=DIRECTION_CATEGORIES[direction],
    )
    return Exists(links.exclude(stances.blocked("ordinance_id", "policyprovision_id")))


class StateFilter(django_filters.FilterSet):
    stance = ChoicesFilter(label=_("Stance"), choices=Stance.choices)
    direction = ChoicesFilter(
        choices=Direction.choices,
        method="filter_direction",
        label=_("Own law in force"),
        help_text=_(
            "What the state's own instruments in force do: limit "
            "cooperation, mandate it, or neither (none found)."
        ),
    )
    listed = SlugFilter(
        label=_("On federal list"),
        queryset=federal_lists,
        method="filter_listed",
        help_text=_(
            "Slug of a federal list: states that are, or hold a place "
            "that is, on it now (not removed, list not withdrawn)."
        ),
    )

    class Meta:
        model = Jurisdiction
        form = FilterForm
        fields = ["stance", "direction", "listed"]

    def filter_direction(self, qs, name, value):
        if not value:
            return qs
        wanted = Q()
        for direction in value:
            if direction == Direction.NONE:
                wanted |= ~carrying(Direction.LIMITS) & ~carrying(Direction.MANDATES)
            else:
                wanted |= carrying(direction)
        return qs.filter(wanted)

    def filter_listed(self, qs, name, value):
        if not value:
            return qs
        # The map marks the same states: the state or a place in it listed.
        members = current_members(value).values("jurisdiction__state")
        return qs.filter(state__in=members)


@dataclass
class StateRow:
    state: Jurisdiction
    limits: list = field(default_factory=list)
    mandates: list = field(default_factory=list)
    # Own instruments that carry neither (or are not in force).
    others: list = field(default_factory=list)
    listings: list = field(default_factory=list)
    listed_places: int = 0
    cases: list = field(default_factory=list)
    local_count: int = 0
    # The lists its listed places are on (for the link to them).
    list_slugs: list = field(default_factory=list)
    # Published findings of no state law (sources prefetched).
    findings: list = field(default_factory=list)

    @property
    def listed(self):
        """The state, or a place in it, is on a current federal list."""
        return bool(self.listings or self.listed_places)

    @property
    def columns(self):
        """The table's three instrument columns, in order."""
        return (self.limits, self.mandates, self.others)

    @property
    def instruments(self):
        return [*self.limits, *self.mandates, *self.others]

    def finding_sentences(self):
        """Each finding in words, its sources linked and the date checked."""
        return [answers.finding_sentence(self.state, f) for f in self.findings]

    @property
    def sources(self):
        seen = {}
        for instrument in self.instruments:
            for source in instrument.sources.all():
                seen.setdefault(source.pk, source)
        return list(seen.values())

    # What us_map() reads.
    @property
    def geoid(self):
        return self.state.geoid

    @property
    def name(self):
        return self.state.name

    @property
    def stance(self):
        return self.state.stance

    @property
    def stance_label(self):
        return self.state.get_stance_display()

    @property
    def url(self):
        return self.state.get_absolute_url()

    def cases_url(self):
        return reverse("jurisdictions:case-list") + f"?state={self.state.state}"

    def local_url(self):
        query = [("state", self.state.state), *(("kind", k) for k in LOCAL_KINDS)]
        return reverse("jurisdictions:jurisdiction-list") + "?" + urlencode(query)

    def listed_places_url(self):
        query = [("state", self.state.state), *(("kind", k) for k in LOCAL_KINDS)]
        query += [("listed", slug) for slug in self.list_slugs]
        return reverse("jurisdictions:jurisdiction-list") + "?" + urlencode(query)


def state_rows(states):
    """The rows of `states` (a queryset of published states), in a fixed number of
    queries: the states with their instruments, provisions and sources, list
    entries, then one query each for listed places, cases and local counts."""
    states = states.annotate(
        has_findings=Exists(
            Finding.objects.published().filter(jurisdiction=OuterRef("pk"))
        )
    ).prefetch_related(
        Prefetch(
            "ordinances",
            # Their blocks and changes: force.fetch(), below.
            queryset=Ordinance.objects.published()
            .prefetch_related("provisions", "sources")
            .order_by("-main_date", "title"),
            to_attr="own_instruments",
        ),
        Prefetch(
            "list_entries",
            queryset=ListEntry.objects.published()
            .current()
            .select_related("list")
            .order_by("listed_on", "list__title"),
            to_attr="current_listings",
        ),
    )
    states = list(states.order_by("name"))
    force.fetch((i for state in states for i in state.own_instruments), changes=False)
    # Few states have a finding: a query only when one has.
    found = [state for state in states if state.has_findings]
    prefetch_related_objects(
        found,
        Prefetch(
            "findings",
            queryset=Finding.objects.published().prefetch_related("sources"),
            to_attr="published_findings",
        ),
    )
    rows = {}
    for state in states:
        row = rows[state.state] = StateRow(
            state=state,
            listings=state.current_listings,
            findings=getattr(state, "published_findings", []),
        )
        for instrument in state.own_instruments:
            if not stances.in_force(instrument):
                row.others.append(instrument)
                continue
            carried = stances.directions(instrument)
            if Direction.LIMITS in carried:
                row.limits.append(instrument)
            if Direction.MANDATES in carried:
                row.mandates.append(instrument)
            if not carried:
                row.others.append(instrument)
    if not rows:
        return []
    local = (
        Jurisdiction.objects.published()
        .filter(state__in=rows, kind__in=LOCAL_KINDS)
        .values_list("state")
        .annotate(count=Count("pk"))
    )
    for code, count in local:
        rows[code].local_count = count
    listed = (
        ListEntry.objects.published()
        .current()
        .filter(jurisdiction__state__in=rows, jurisdiction__kind__in=LOCAL_KINDS)
        .values_list("jurisdiction__state", "jurisdiction_id", "list__slug")
    )
    places = {}
    for code, place, list_slug in listed:
        places.setdefault(code, set()).add(place)
        if list_slug not in rows[code].list_slugs:
            rows[code].list_slugs.append(list_slug)
    for code, found in places.items():
        rows[code].listed_places = len(found)
    for code, case in cases_by_state(rows):
        rows[code].cases.append(case)
    return list(rows.values())


def map_states(states):
    """What the national map draws of each of `states` (maps.us_map()): its
    name, stance and page, and whether it or a place in it is on a current
    federal list (StateRow.listed), in one query; state_rows() reads every
    state's instruments, which the home page's map does not draw."""
    entries = ListEntry.objects.published().current()
    local = entries.filter(
        jurisdiction__state=OuterRef("state"), jurisdiction__kind__in=LOCAL_KINDS
    )
    states = states.annotate(
        listed=Exists(entries.filter(jurisdiction=OuterRef("pk"))) | Exists(local)
    ).only("geoid", "name", "stance", "slug", "state", "kind")
    return [
        {
            "geoid": state.geoid,
            "name": state.name,
            "stance": state.stance,
            "stance_label": state.get_stance_display(),
            "url": state.get_absolute_url(),
            "listed": state.listed,
        }
        for state in states
    ]


def cases_by_state(codes):
    """(state, case) for each published case with a published party in a
    state, as the case list's `state` filter counts them; one query."""
    pairs = [
        relation.objects.filter(
            case__publication_status=PUBLISHED,
            jurisdiction__publication_status=PUBLISHED,
            jurisdiction__state__in=codes,
        ).values_list("jurisdiction__state", "case__title", "case__slug")
        for relation in (Case.plaintiffs.through, Case.defendants.through)
    ]
    # UNION drops the case a state's places both bring and defend.
    return [
        (code, CaseLink(title, slug))
        for code, title, slug in sorted(pairs[0].union(pairs[1]))
    ]


@dataclass(frozen=True)
class CaseLink:
    title: str
    slug: str

    def get_absolute_url(self):
        return reverse("jurisdictions:case-detail", kwargs={"slug": self.slug})


CSV_COLUMNS = [
    "state",
    "name",
    "url",
    "stance",
    "limits_cooperation",
    "mandates_cooperation",
    "other_instruments",
    "federal_lists",
    "places_on_federal_lists",
    "cases",
    "local_jurisdictions",
    "sources",
    "finding_checked_on",
    "finding_sources",
]


def instrument_cell(instruments):
    return "; ".join(
        f"{i.title} ({i.number}, {i.get_status_display()})"
        if i.number
        else f"{i.title} ({i.get_status_display()})"
        for i in instruments
    )


def csv_row(row, absolute):
    return [
        row.state.state,
        row.name,
        absolute(row.url),
        row.stance,
        instrument_cell(row.limits),
        instrument_cell(row.mandates),
        instrument_cell(row.others),
        "; ".join(f"{e.list.title} (listed {e.listed_on})" for e in row.listings),
        row.listed_places,
        "; ".join(case.title for case in row.cases),
        row.local_count,
        " ".join(source.url for source in row.sources if source.url),
        # A published finding of no state law: when checked, and its pages.
        max(
            (f.last_verified_on for f in row.findings if f.last_verified_on), default=""
        ),
        " ".join(
            source.url
            for finding in row.findings
            for source in finding.sources.all()
            if source.url
        ),
    ]


def states_csv(rows, absolute):
    """The CSV text of `rows` (formula cells neutralised like every export)."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            neutralise(value) if isinstance(value, str) else value
            for value in csv_row(row, absolute)
        )
    return out.getvalue()
