"""One FilterSet per public list: it drives the HTML page, its CSV, API and feed.

Every filter validates its input, so a bad value makes the FilterSet invalid
(a message on the page, a 400 elsewhere) instead of being silently ignored.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .changelog import KIND_CHOICES
from .choices import (
    CaseStatus,
    Instrument,
    JurisdictionKind,
    OrdinanceStatus,
    PublicationStatus,
    ResolutionStatus,
    Stance,
    StatementKind,
    USState,
)
from .filterfields import (
    ChoicesFilter,
    FilterForm,
    ProvisionFilter,
    SlugFilter,
    SortFilter,
    sort_by_title_or,
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
from .search import SearchFilterSet

# USState is ordered by code; a reader scans the list for a name.
STATES_BY_NAME = sorted(USState.choices, key=lambda choice: choice[1])


def published_slugs(model):
    return lambda request: model.objects.published()


def federal_lists(request):
    return FederalStatement.objects.published().filter(kind=StatementKind.DESIGNATION)


def current_members(lists):
    """The current entries (published, not removed) of the given lists."""
    return ListEntry.objects.published().current().filter(list__in=lists)


def exists_filter(build_subquery):
    """A filter method keeping rows for which a related row exists.

    Exists() instead of a join keeps each row once without DISTINCT.
    """

    def method(self, qs, name, value):
        if not value:
            return qs
        return qs.filter(Exists(build_subquery(value)))

    return method


class DateRangeMixin(django_filters.FilterSet):
    date_after = django_filters.DateFilter(
        label=_("From"),
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("On or after (YYYY-MM-DD)."),
    )
    date_before = django_filters.DateFilter(
        label=_("To"),
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("On or before (YYYY-MM-DD)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("date_after", "date_before"):
            self.filters[name].field_name = self.date_field

    def is_valid(self):
        valid = super().is_valid()
        data = getattr(self.form, "cleaned_data", {})
        after, before = data.get("date_after"), data.get("date_before")
        if valid and after and before and after > before:
            self.form.add_error(
                "date_before", gettext("“To” must not be before “From”.")
            )
            return False
        return valid


class JurisdictionFilter(SearchFilterSet):
    search_fields = ("name", "summary", "stance_note")

    kind = ChoicesFilter(label=_("Kind"), choices=JurisdictionKind.choices)
    state = ChoicesFilter(
        label=_("State"), choices=STATES_BY_NAME, widget=forms.SelectMultiple
    )
    stance = ChoicesFilter(label=_("Stance"), choices=Stance.choices)
    provision = ProvisionFilter(
        help_text=_("Has a published ordinance or resolution with any of these.")
    )
    listed = SlugFilter(
        label=_("On federal list"),
        queryset=federal_lists,
        method="filter_listed",
        help_text=_(
            "Slug of a federal list: places on it now (not removed, "
            "list not withdrawn)."
        ),
    )
    ordering = SortFilter(
        fields=(("name", "name"), ("state", "state"), ("updated_at", "updated")),
        field_labels={
            "name": _("Name"),
            "state": _("State"),
            "updated_at": _("Last updated"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = Jurisdiction
        form = FilterForm
        fields = ["q", "kind", "state", "stance", "provision", "listed"]

    def filter_listed(self, qs, name, value):
        if not value:
            return qs
        # `value` holds published lists only (SlugFilter refuses others).
        return qs.filter(pk__in=current_members(value).values("jurisdiction_id"))

    def filter_provision(self, qs, name, value):
        if not value:
            return qs
        # IN lets PostgreSQL hash each set of places once, where EXISTS probed
        # both tables for every row (4x slower on the benchmark data). A
        # published instrument of a published place is what counts; the
        # place's own status is checked on the outer row.
        ordinances = Ordinance.objects.filter(
            publication_status=PublicationStatus.PUBLISHED, provisions__in=value
        ).values("jurisdiction_id")
        resolutions = SchoolDistrictResolution.objects.filter(
            publication_status=PublicationStatus.PUBLISHED, provisions__in=value
        ).values("district_id")
        return qs.filter(
            Q(publication_status=PublicationStatus.PUBLISHED)
            & (Q(pk__in=ordinances) | Q(pk__in=resolutions))
        )


class OrdinanceFilter(SearchFilterSet, DateRangeMixin):
    search_fields = ("title", "number", "summary", "jurisdiction__name")
    date_field = "main_date"

    state = ChoicesFilter(
        label=_("State"),
        # The jurisdiction's state, copied onto the row (migration 0010).
        field_name="state",
        choices=STATES_BY_NAME,
        widget=forms.SelectMultiple,
    )
    jurisdiction = SlugFilter(
        label=_("Jurisdiction"),
        field_name="jurisdiction__slug",
        queryset=published_slugs(Jurisdiction),
        help_text=_(
            "Name or slug of a jurisdiction, e.g. Los Angeles or los-angeles-ca."
        ),
    )
    instrument = ChoicesFilter(label=_("Instrument"), choices=Instrument.choices)
    status = ChoicesFilter(label=_("Status"), choices=OrdinanceStatus.choices)
    provision = ProvisionFilter()
    ordering = sort_by_title_or("main_date")

    class Meta:
        model = Ordinance
        form = FilterForm
        fields = ["q", "state", "jurisdiction", "instrument", "status", "provision"]

    filter_provision = exists_filter(
        lambda value: Ordinance.provisions.through.objects.filter(
            ordinance=OuterRef("pk"), policyprovision__in=value
        )
    )


class ResolutionFilter(SearchFilterSet, DateRangeMixin):
    search_fields = ("title", "number", "summary", "district__name")
    date_field = "adopted_on"

    state = ChoicesFilter(
        label=_("State"),
        field_name="district__state",
        choices=STATES_BY_NAME,
        widget=forms.SelectMultiple,
    )
    district = SlugFilter(
        label=_("School district"),
        field_name="district__slug",
        queryset=lambda request: Jurisdiction.objects.published().school_districts(),
        help_text=_("Name or slug of a school district."),
    )
    status = ChoicesFilter(label=_("Status"), choices=ResolutionStatus.choices)
    provision = ProvisionFilter()
    ordering = sort_by_title_or("adopted_on")

    class Meta:
        model = SchoolDistrictResolution
        form = FilterForm
        fields = ["q", "state", "district", "status", "provision"]

    filter_provision = exists_filter(
        lambda value: SchoolDistrictResolution.provisions.through.objects.filter(
            schooldistrictresolution=OuterRef("pk"), policyprovision__in=value
        )
    )


class StatementFilter(SearchFilterSet, DateRangeMixin):
    search_fields = ("title", "quote", "summary", "speaker_role", "speaker__name")
    date_field = "made_on"

    speaker = SlugFilter(
        label=_("Speaker"),
        field_name="speaker__slug",
        queryset=published_slugs(Person),
        help_text=_("Name or slug of a person, e.g. Tom Homan or tom-homan."),
    )
    kind = ChoicesFilter(label=_("Kind"), choices=StatementKind.choices)
    target = SlugFilter(
        label=_("Targeted jurisdiction"),
        queryset=published_slugs(Jurisdiction),
        method="filter_target",
        help_text=_("Name or slug of a targeted jurisdiction."),
    )
    state = ChoicesFilter(
        label=_("State of a target"),
        choices=STATES_BY_NAME,
        method="filter_state",
        widget=forms.SelectMultiple,
        help_text=_("Targets a jurisdiction in any of these states."),
    )
    ordering = sort_by_title_or("made_on")

    class Meta:
        model = FederalStatement
        form = FilterForm
        fields = ["q", "speaker", "kind", "target", "state"]

    filter_target = exists_filter(
        lambda value: FederalStatement.targets.through.objects.filter(
            federalstatement=OuterRef("pk"), jurisdiction__in=value
        )
    )
    filter_state = exists_filter(
        lambda value: FederalStatement.targets.through.objects.filter(
            federalstatement=OuterRef("pk"),
            jurisdiction__state__in=value,
            jurisdiction__publication_status="published",
        )
    )


def party_exists(**lookups):
    """Whether a case has a plaintiff or a defendant matching `lookups`.

    Two EXISTS rather than a join on both relations, which would repeat a
    case once per matching party.
    """
    return Exists(
        Case.plaintiffs.through.objects.filter(case=OuterRef("pk"), **lookups)
    ) | Exists(Case.defendants.through.objects.filter(case=OuterRef("pk"), **lookups))


class CaseFilter(SearchFilterSet, DateRangeMixin):
    # The fields the search trigger (triggers/) feeds into `search_vector`.
    search_fields = (
        "title",
        "docket",
        "summary",
        "outcome",
        "court",
        "judge",
        "plaintiff_parties",
        "defendant_parties",
    )
    date_field = "filed_on"

    state = ChoicesFilter(
        label=_("State of a party"),
        choices=STATES_BY_NAME,
        method="filter_state",
        widget=forms.SelectMultiple,
        help_text=_("A plaintiff or defendant lies in any of these states."),
    )
    jurisdiction = SlugFilter(
        label=_("Party"),
        queryset=published_slugs(Jurisdiction),
        method="filter_jurisdiction",
        help_text=_("Name or slug of a jurisdiction suing or sued, e.g. Los Angeles."),
    )
    status = ChoicesFilter(label=_("Status"), choices=CaseStatus.choices)
    # Contains, ignoring case: a reader types part of a court's name ("C.D.
    # Cal", "ninth circuit") more often than the whole of it.
    court = django_filters.CharFilter(
        label=_("Court"),
        lookup_expr="icontains",
        max_length=200,
        help_text=_("Part of the court's name, e.g. “C.D. California”."),
    )
    ordering = sort_by_title_or("filed_on")

    class Meta:
        model = Case
        form = FilterForm
        fields = ["q", "state", "jurisdiction", "status", "court"]

    def filter_state(self, qs, name, value):
        if not value:
            return qs
        # A draft party's state must not count (nor show through a facet).
        return qs.filter(
            party_exists(
                jurisdiction__state__in=value,
                jurisdiction__publication_status=PublicationStatus.PUBLISHED,
            )
        )

    def filter_jurisdiction(self, qs, name, value):
        if not value:
            return qs
        # `value` holds published jurisdictions only: SlugFilter refuses others.
        return qs.filter(party_exists(jurisdiction__in=value))


class ChangeFilter(DateRangeMixin):
    """The log of published changes (changelog.ChangeLog): its page, CSV
    and feed. The dates are the changes' own."""

    date_field = "history_date"

    kind = ChoicesFilter(label=_("Kind of record"), choices=KIND_CHOICES)
    state = ChoicesFilter(
        label=_("State"),
        choices=STATES_BY_NAME,
        widget=forms.SelectMultiple,
        help_text=_(
            "The record's state: a place's own, an instrument's place's, the "
            "places a statement targets or a case's parties."
        ),
    )

    class Meta:
        form = FilterForm
        fields = ["kind", "state"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What changed first, then when (the dates are declared first).
        order = ("kind", "state", "date_after", "date_before")
        self.filters = {name: self.filters[name] for name in order}

    def filter_queryset(self, queryset):
        # The log is no QuerySet: it takes the cleaned values at once.
        data = self.form.cleaned_data
        return queryset.filter(
            kinds=data.get("kind"),
            states=data.get("state"),
            after=data.get("date_after"),
            before=data.get("date_before"),
        )
