"""The four public lists: filter form, facets, sorting and pagination."""

import datetime

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Model, Prefetch
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView

from ..choices import (
    Instrument,
    JurisdictionKind,
    OrdinanceStatus,
    ResolutionStatus,
    Stance,
    StatementKind,
    USState,
)
from ..counting import (
    CappedPaginator,
    active_filters,
    count_list,
    list_version,
    provision_names,
    published_summary,
)
from ..facets import (
    ChoiceFacet,
    JurisdictionProvisionFacet,
    ListedFacet,
    ProvisionFacet,
    TargetStateFacet,
)
from ..filterfields import ProvisionField
from ..filters import (
    JurisdictionFilter,
    OrdinanceFilter,
    ResolutionFilter,
    StatementFilter,
)
from ..models import (
    DataVersion,
    FederalStatement,
    Jurisdiction,
    ListEntry,
    Ordinance,
    Person,
    PolicyProvision,
    Role,
    SchoolDistrictResolution,
)

# How each active filter reads in the summary: "Ordinances in California,
# status passed, since 2024-01-01". Lazy: read in the page's language, each
# "{}" standing for the filter's values.
PHRASES = {
    "q": _("matching {}"),
    "kind": _("kind {}"),
    "state": _("in {}"),
    "stance": _("stance {}"),
    "provision": _("with {}"),
    "listed": _("now on {}"),
    "jurisdiction": _("of {}"),
    "district": _("of {}"),
    "instrument": _("instrument {}"),
    "status": _("status {}"),
    "speaker": _("by {}"),
    "target": _("targeting {}"),
    "date_after": _("since {}"),
    "date_before": _("until {}"),
}
# Proper names keep their capitals; other choice labels read inside a sentence.
PROPER_NAMES = {"state"}
# Records named by their titles, which read as quotations.
QUOTED = {"provision", "listed"}


def describe_value(filterset, name, value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return f"“{value}”"
    # "California or Oregon": the values, any of which a row may match.
    separator = " {} ".format(gettext("or"))
    if isinstance(value[0], Model):
        # The rows validation fetched; never the field's choices, which would
        # list every jurisdiction. A provision is named in the page's language.
        names = [str(getattr(obj, "local_name", obj)) for obj in value]
        return separator.join(f"“{n}”" if name in QUOTED else n for n in names)
    labels = dict(filterset.form.fields[name].choices)
    words = [str(labels.get(v, v)) for v in value]
    if name not in PROPER_NAMES:
        words = [word.lower() for word in words]
    return separator.join(words)


def describe(filterset, noun, phrases):
    """Name the active filters in words, e.g. "Ordinances in California"."""
    parts = []
    for name, value in active_filters(filterset):
        phrase = phrases.get(name, f"{name} {{}}")
        parts.append(phrase.format(describe_value(filterset, name, value)))
    if not parts:
        return noun
    return f"{noun} {', '.join(parts)}"


class PublicListView(FilterView):
    """A published list driven by its FilterSet; bad input gives a 400 page."""

    paginate_by = 50
    paginator_class = CappedPaginator
    # The facets beside the rows, counted with the total by count_list().
    facets = ()
    # The models whose tables those counts read: an edit of any other keeps
    # them (counting.list_version; tests/test_list_versions.py checks it).
    reads = ()
    noun = ""
    url_name = ""  # "ordinance" for ordinance-csv and ordinance-atom
    phrases = PHRASES
    section = ""

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        # Always bound: an empty query is a valid one, so the form and the
        # facets see the same cleaned data in every case.
        kwargs["data"] = self.request.GET
        return kwargs

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        field = filterset.form.fields.get("provision")
        if isinstance(field, ProvisionField):
            # The checkboxes; the field validates against its queryset.
            field.widget.choices = provision_names(DataVersion.of(self.request)).items()
        return filterset

    def get(self, request, *args, **kwargs):
        self.page_error = ""
        response = super().get(request, *args, **kwargs)
        if self.filterset.errors or self.page_error:
            response.status_code = 400
        return response

    @classmethod
    def published_summary(cls, version=None):
        """The Summary of every published row at data `version`; the home and
        provision pages read their totals from it too."""
        version = list_version(cls.reads, version or DataVersion.current())
        return published_summary(cls.queryset, cls.facets, version)

    @cached_property
    def counts(self):
        """The total and facet counts of a valid query (counting.py)."""
        version = list_version(self.reads, DataVersion.of(self.request))
        return count_list(self.filterset, self.facets, version)

    def paginate_queryset(self, queryset, page_size):
        """Paginate, turning a bad page number into a message rather than a 404."""
        paginator = self.get_paginator(queryset, page_size)
        if not self.filterset.errors:
            # The exact total, if counted, without the count the paginator runs.
            paginator.total = self.counts.total
        number = self.request.GET.get(self.page_kwarg) or 1
        if number == "last":
            number = paginator.num_pages
        try:
            page = paginator.page(number)
        except PageNotAnInteger:
            self.page_error = gettext("“%(number)s” is not a page number.") % {
                "number": number
            }
        except EmptyPage:
            pages = paginator.num_pages
            self.page_error = ngettext(
                "There is no page %(number)s: the results fill %(pages)s page.",
                "There is no page %(number)s: the results fill %(pages)s pages.",
                pages,
            ) % {"number": number, "pages": pages}
        else:
            return paginator, page, page.object_list, page.has_other_pages()
        return paginator, None, [], False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        valid = not filterset.errors
        context.update(
            section=self.section,
            noun=self.noun,
            page_error=self.page_error,
            has_errors=not valid or bool(self.page_error),
            is_filtered=valid and self.is_filtered(),
            summary=describe(filterset, self.noun, self.phrases)
            if valid
            else self.noun,
            facets=[
                facet.build(filterset, self.request, self.counts.facets[facet.name])
                for facet in self.facets
            ]
            if valid
            else [],
            # The same list, filtered the same way, in the other formats.
            csv_url=self.format_url("csv"),
            atom_url=self.format_url("atom"),
            ordering=(filterset.form.cleaned_data.get("ordering") or [""])[0]
            if valid
            else "",
        )
        return context

    def format_url(self, suffix):
        url = reverse(f"jurisdictions:{self.url_name}-{suffix}")
        return f"{url}?{self.request.GET.urlencode()}"

    def is_filtered(self):
        return any(True for _ in active_filters(self.filterset))


# The columns the list pages show (and their links and labels need): rows
# loaded with every column took twice as long to read, timestamps and long
# texts included. Tests pin each page's queries, so a column a list's
# template needs but `only()` leaves out shows up as one query per row.
PLACE_COLUMNS = ("name", "slug", "kind", "state")
RECORD_COLUMNS = ("slug", "title", "number", "status")


def provision_facet(model, owner):
    return ProvisionFacet("provision", _("Provision"), model.provisions.through, owner)


class JurisdictionListView(PublicListView):
    filterset_class = JurisdictionFilter
    queryset = (
        Jurisdiction.objects.published()
        .select_related("parent")
        .only(
            *PLACE_COLUMNS,
            "stance",
            "updated_at",
            # A published parent is named beside the place.
            "parent__name",
            "parent__publication_status",
        )
    )
    noun = _("Jurisdictions")
    url_name = "jurisdiction"
    section = "jurisdictions"
    facets = (
        ChoiceFacet("state", _("State"), "state", USState.choices),
        ChoiceFacet("kind", _("Kind"), "kind", JurisdictionKind.choices),
        ChoiceFacet("stance", _("Stance"), "stance", Stance.choices),
        JurisdictionProvisionFacet("provision", _("Provision")),
        ListedFacet("listed", _("On federal list")),
    )
    reads = (
        Jurisdiction,
        Ordinance,
        Ordinance.provisions.through,
        SchoolDistrictResolution,
        SchoolDistrictResolution.provisions.through,
        PolicyProvision,
        ListEntry,
        FederalStatement,
        # A federal list counts only while its speaker is published.
        Person,
    )


class OrdinanceListView(PublicListView):
    filterset_class = OrdinanceFilter
    queryset = (
        Ordinance.objects.published()
        .select_related("jurisdiction")
        .only(
            *RECORD_COLUMNS,
            "instrument",
            # The main date (passed, else signed, else introduced), at its
            # precision.
            "passed_on",
            "passed_on_precision",
            "signed_on",
            "signed_on_precision",
            "introduced_on",
            "introduced_on_precision",
            *(f"jurisdiction__{c}" for c in PLACE_COLUMNS),
        )
    )
    noun = _("Ordinances")
    url_name = "ordinance"
    section = "ordinances"
    facets = (
        ChoiceFacet("state", _("State"), "state", USState.choices),
        ChoiceFacet("instrument", _("Instrument"), "instrument", Instrument.choices),
        ChoiceFacet("status", _("Status"), "status", OrdinanceStatus.choices),
        provision_facet(Ordinance, "ordinance"),
    )
    reads = (Ordinance, Jurisdiction, Ordinance.provisions.through, PolicyProvision)


class ResolutionListView(PublicListView):
    filterset_class = ResolutionFilter
    queryset = (
        SchoolDistrictResolution.objects.published()
        .select_related("district")
        .only(
            *RECORD_COLUMNS,
            "is_emergency",
            "adopted_on",
            "adopted_on_precision",
            *(f"district__{c}" for c in PLACE_COLUMNS),
        )
    )
    noun = _("School resolutions")
    url_name = "resolution"
    section = "resolutions"
    facets = (
        ChoiceFacet("state", _("State"), "district__state", USState.choices),
        ChoiceFacet("status", _("Status"), "status", ResolutionStatus.choices),
        provision_facet(SchoolDistrictResolution, "schooldistrictresolution"),
    )
    reads = (
        SchoolDistrictResolution,
        Jurisdiction,
        SchoolDistrictResolution.provisions.through,
        PolicyProvision,
    )


class StatementListView(PublicListView):
    filterset_class = StatementFilter
    queryset = (
        FederalStatement.objects.published()
        .select_related("speaker")
        .only(
            "slug",
            "title",
            "kind",
            "made_on",
            "made_on_precision",
            "withdrawn_on",
            "speaker_role",
            "speaker__name",
            "speaker__slug",
        )  # fmt: skip
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=Jurisdiction.objects.published().only(*PLACE_COLUMNS),
            ),
            # For the title each speaker held on the day (speaker_title()).
            Prefetch("speaker__roles", queryset=Role.objects.published()),
        )
    )
    noun = _("Federal statements")
    url_name = "statement"
    section = "statements"
    phrases = {**PHRASES, "state": _("targeting places in {}")}
    facets = (
        ChoiceFacet("kind", _("Kind"), "kind", StatementKind.choices),
        TargetStateFacet("state", _("Targets in state"), "state", USState.choices),
    )
    reads = (FederalStatement, Person, FederalStatement.targets.through, Jurisdiction)
