"""The home page, the provision taxonomy and the stance criteria."""

from django.db.models import Count
from django.urls import reverse
from django.views.generic import ListView, TemplateView

from .. import landscape, maps, stances, timeline
from ..choices import ProvisionCategory, Stance
from ..models import (
    DataVersion,
    FederalStatement,
    Jurisdiction,
    Ordinance,
    PolicyProvision,
    SchoolDistrictResolution,
)
from .lists import OrdinanceListView, ResolutionListView
from .place_search import PlaceSearchForm
from .states import STATES

LATEST_CHANGES = 8


class HomeView(TemplateView):
    template_name = "jurisdictions/home.html"

    def get_context_data(self, **kwargs):
        published = {
            "jurisdiction": Jurisdiction.objects.published(),
            "ordinance": Ordinance.objects.published().select_related("jurisdiction"),
            "resolution": SchoolDistrictResolution.objects.published().select_related(
                "district"
            ),
            "statement": FederalStatement.objects.published(),
        }
        # The ordinance and resolution lists' summaries hold their totals
        # (jurisdictions/counting.py); counting 200,000 ordinances took
        # longer than the rest of the page. Places and statements are fewer.
        version = DataVersion.of(self.request)
        counts = {
            "jurisdiction": published["jurisdiction"].count(),
            "ordinance": OrdinanceListView.published_summary(version).total({}),
            "resolution": ResolutionListView.published_summary(version).total({}),
            "statement": published["statement"].count(),
        }
        stances = dict(
            published["jurisdiction"]
            .order_by()
            .values_list("stance")
            .annotate(n=Count("pk"))
        )
        # Each type's newest few, merged: the overall newest are among them.
        changes = sorted(
            (
                (record, kind)
                for kind, queryset in published.items()
                for record in queryset.order_by("-updated_at")[:LATEST_CHANGES]
            ),
            key=lambda pair: pair[0].updated_at,
            reverse=True,
        )[:LATEST_CHANGES]
        return super().get_context_data(
            counts=counts,
            stances=[
                (value, label, stances.get(value, 0)) for value, label in Stance.choices
            ],
            latest_changes=changes,
            provisions=PolicyProvision.objects.all(),
            map=maps.us_map(
                landscape.map_states(STATES),
                table_url=reverse("jurisdictions:state-list") + "#states-table",
            ),
            timeline=timeline.published_timeline(version),
            form=PlaceSearchForm(),
            **kwargs,
        )


class ProvisionListView(ListView):
    """The taxonomy: what each provision means and how often it appears."""

    model = PolicyProvision
    extra_context = {"section": "provisions"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Rows per provision, from the lists' summaries.
        version = DataVersion.of(self.request)
        ordinances, resolutions = (
            view.published_summary(version).counts({}, by="provision")
            for view in (OrdinanceListView, ResolutionListView)
        )
        order = ProvisionCategory.values
        context["rows"] = [
            (
                provision,
                ordinances.get(provision.slug, 0),
                resolutions.get(provision.slug, 0),
            )
            for provision in sorted(
                context["object_list"],
                key=lambda p: (order.index(p.category), p.name),
            )
        ]
        return context


class StanceCriteriaView(TemplateView):
    """What each stance means, in terms of the provisions of a place's own
    instruments in force."""

    template_name = "jurisdictions/stances.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            stances=[
                (value, label, stances.CRITERIA[value])
                for value, label in Stance.choices
            ],
            groups=stances.provision_groups(),
            **kwargs,
        )
