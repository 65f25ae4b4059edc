"""Find a place by name: `/places/?q=…`, and the box on the home page."""

from django import forms
from django.shortcuts import redirect
from django.views.generic import ListView

from ..models import Jurisdiction
from ..models.places import EXACT, NEAR
from ..search import SEARCH_MAX_LENGTH


class PlaceSearchForm(forms.Form):
    q = forms.CharField(
        label="Find a city, county, state or school district",
        max_length=SEARCH_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text="Type a name, e.g. Los Angeles or Springfield.",
    )


class PlaceSearchView(ListView):
    """Published places by name, best match first (matching_name()).

    A query that finds one place only, by its whole name or its slug, opens
    that place's page; several (every state's Springfield, the city, county
    and school district of Los Angeles) are listed with kind and state.
    """

    template_name = "jurisdictions/place_search.html"
    context_object_name = "places"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.form = PlaceSearchForm(request.GET)
        if not self.form.is_valid():
            self.object_list = Jurisdiction.objects.none()
            return self.render_to_response(self.get_context_data(), status=400)
        if (query := self.form.cleaned_data["q"]) and (place := self.only_place(query)):
            return redirect(place)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if not (query := self.form.cleaned_data["q"]):
            return Jurisdiction.objects.none()
        return Jurisdiction.objects.published().matching_name(query)

    def only_place(self, query):
        if place := Jurisdiction.objects.published().filter(slug=query).first():
            return place
        found = list(self.get_queryset()[:2])
        if len(found) == 1 and found[0].match == EXACT:
            return found[0]
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            form=self.form, query=self.form.cleaned_data.get("q", ""), **kwargs
        )
        places = context["places"]
        context["near_only"] = bool(places) and places[0].match == NEAR
        return context
