"""The home page and the provision taxonomy."""

from django.db.models import Count
from django.views.generic import ListView, TemplateView

from ..choices import ProvisionCategory, Stance
from ..models import (
    FederalStatement,
    Jurisdiction,
    Ordinance,
    PolicyProvision,
    SchoolDistrictResolution,
)

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
            counts={kind: qs.count() for kind, qs in published.items()},
            stances=[
                (value, label, stances.get(value, 0)) for value, label in Stance.choices
            ],
            latest_changes=changes,
            provisions=PolicyProvision.objects.all(),
            **kwargs,
        )


class ProvisionListView(ListView):
    """The taxonomy: what each provision means and how often it appears."""

    model = PolicyProvision
    extra_context = {"section": "provisions"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ordinances = self.counts(Ordinance, "ordinance")
        resolutions = self.counts(SchoolDistrictResolution, "schooldistrictresolution")
        order = ProvisionCategory.values
        context["rows"] = [
            (
                provision,
                ordinances.get(provision.pk, 0),
                resolutions.get(provision.pk, 0),
            )
            for provision in sorted(
                context["object_list"],
                key=lambda p: (order.index(p.category), p.name),
            )
        ]
        return context

    @staticmethod
    def counts(model, owner):
        through = model.provisions.through
        return dict(
            through.objects.filter(
                **{f"{owner}__in": model.objects.published().values("pk")}
            )
            .values_list("policyprovision")
            .annotate(n=Count("pk"))
            .order_by()
        )
