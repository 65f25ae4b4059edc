from django.views.generic import DetailView, ListView, TemplateView

from .models import (
    FederalStatement,
    Jurisdiction,
    Ordinance,
    Person,
    SchoolDistrictResolution,
)


class HomeView(TemplateView):
    template_name = "jurisdictions/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            jurisdiction_count=Jurisdiction.objects.published().count(),
            ordinance_count=Ordinance.objects.published().count(),
            resolution_count=SchoolDistrictResolution.objects.published().count(),
            statement_count=FederalStatement.objects.published().count(),
            **kwargs,
        )


class JurisdictionListView(ListView):
    queryset = Jurisdiction.objects.published()
    paginate_by = 50


class JurisdictionDetailView(DetailView):
    queryset = Jurisdiction.objects.published()


class OrdinanceListView(ListView):
    queryset = Ordinance.objects.published().select_related("jurisdiction")
    paginate_by = 50


class OrdinanceDetailView(DetailView):
    queryset = Ordinance.objects.published().select_related("jurisdiction")


class ResolutionListView(ListView):
    queryset = SchoolDistrictResolution.objects.published().select_related("district")
    paginate_by = 50


class ResolutionDetailView(DetailView):
    queryset = SchoolDistrictResolution.objects.published().select_related("district")


class StatementListView(ListView):
    queryset = FederalStatement.objects.published().select_related("speaker")
    paginate_by = 50


class StatementDetailView(DetailView):
    queryset = FederalStatement.objects.published().select_related("speaker")


class PersonDetailView(DetailView):
    queryset = Person.objects.published()
