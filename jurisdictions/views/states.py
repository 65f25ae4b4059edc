"""The national landscape: /states/ (table and map) and its CSV twin, both
from StateFilter and landscape.state_rows(), as the map is."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django_filters.views import FilterView

from .. import landscape, maps
from ..exports import bad_filters_response
from ..models import Jurisdiction

STATES = Jurisdiction.objects.published().filter(kind="state")


def filtered_states(request):
    """StateFilter bound to the query string (an empty one is valid)."""
    return landscape.StateFilter(request.GET, queryset=STATES, request=request)


class StateListView(FilterView):
    filterset_class = landscape.StateFilter
    queryset = STATES
    template_name = "jurisdictions/state_list.html"

    def get_filterset(self, filterset_class):
        return filtered_states(self.request)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.errors:
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        valid = not self.filterset.errors
        filtered = valid and any(self.filterset.form.cleaned_data.values())
        # The map shows every state; filtering narrows the table only, so the
        # rows are read once for both.
        every = landscape.state_rows(STATES) if valid else []
        rows = every
        if filtered:
            chosen = set(self.filterset.qs.values_list("pk", flat=True))
            rows = [row for row in every if row.state.pk in chosen]
        return super().get_context_data(
            section="states",
            rows=rows,
            has_errors=not valid,
            is_filtered=filtered,
            map=maps.us_map(every, table_url="#states-table"),
            csv_url=with_query(reverse("jurisdictions:state-csv"), self.request),
            **kwargs,
        )


def with_query(url, request):
    query = request.GET.urlencode()
    return f"{url}?{query}" if query else url


def state_csv(request):
    filterset = filtered_states(request)
    if filterset.errors:
        return bad_filters_response(filterset)
    # A download is the same file from /es/: English labels and addresses.
    with translation.override("en"):
        rows = landscape.state_rows(filterset.qs)
        body = landscape.states_csv(rows, request.build_absolute_uri)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    filename = f"states-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
