"""Find a place by name: `/places/?q=…`, and the box on the home page."""

from django import forms
from django.core.paginator import InvalidPage
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from ..models import Jurisdiction
from ..models.places import EXACT, NEAR
from ..search import SEARCH_MAX_LENGTH


class PlaceSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find a city, county, state or school district"),
        max_length=SEARCH_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=_("Type a name, e.g. Los Angeles or Springfield."),
    )
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


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
        if self.form.is_valid() and (query := self.form.cleaned_data["q"]):
            if place := self.only_place(query):
                return redirect(place)
        self.object_list = self.get_queryset()
        context = self.get_context_data()
        # A bad page number is found while paginating (paginate_queryset).
        status = 400 if self.form.errors else 200
        return self.render_to_response(context, status=status)

    def paginate_queryset(self, queryset, page_size):
        """Django's pagination, with a bad page number as a form error (400)
        rather than a 404."""
        paginator = self.get_paginator(queryset, page_size)
        number = self.form.cleaned_data.get("page") or 1
        try:
            page = paginator.page(number)
        except InvalidPage:
            self.form.add_error(
                "page",
                gettext("There is no page %(number)s of these results.")
                % {"number": number},
            )
            page = paginator.page(1)
            return paginator, page, [], False
        return paginator, page, page.object_list, page.has_other_pages()

    @cached_property
    def matches(self):
        """The ranked places, built once: building them probes for near
        spellings on PostgreSQL, which only_place() and the page share."""
        if not self.form.is_valid() or not (query := self.form.cleaned_data["q"]):
            return Jurisdiction.objects.none()
        return Jurisdiction.objects.published().matching_name(query)

    def get_queryset(self):
        return self.matches

    def only_place(self, query):
        if place := Jurisdiction.objects.published().filter(slug=query).first():
            return place
        found = list(self.matches[:2])
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
