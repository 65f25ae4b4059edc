"""The filter forms' widgets and fields write the same markup as Django's own.

jurisdictions/widgets.py writes each option in Python instead of Django's
per-option dicts and template loop; for any filter values, valid or not, every
choice widget of the four filter forms must render byte for byte what the
Django widget it stands for renders.
"""

from django import forms
from django.forms.renderers import Jinja2
from django.forms.widgets import ChoiceWidget
from django.http import QueryDict
from django_filters.widgets import BaseCSVWidget
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from jurisdictions import widgets
from jurisdictions.filterfields import FilterForm
from jurisdictions.filters import (
    CaseFilter,
    JurisdictionFilter,
    OrdinanceFilter,
    ResolutionFilter,
    StatementFilter,
)

from .factories import make_provision

FILTERSETS = [
    JurisdictionFilter,
    OrdinanceFilter,
    ResolutionFilter,
    StatementFilter,
    CaseFilter,
]
# Ours, and the Django widget each stands for (subclasses first).
STANDS_FOR = [
    (widgets.SelectMultiple, forms.SelectMultiple),
    (widgets.Select, forms.Select),
    (widgets.CheckboxSelectMultiple, forms.CheckboxSelectMultiple),
]


def django_widget(widget):
    """Django's own widget with the same attrs and choices."""
    django_class = next(
        theirs for ours, theirs in STANDS_FOR if isinstance(widget, ours)
    )
    if isinstance(widget, BaseCSVWidget):
        # django-filter wraps the sort <select> so it takes "a,b" values.
        django_class = type(
            f"CSV{django_class.__name__}", (BaseCSVWidget, django_class), {}
        )
    stock = django_class(attrs=widget.attrs)
    stock.choices = widget.choices
    return stock


def choice_widgets(form):
    for bound in form:
        if isinstance(bound.field.widget, widgets.InlineOptions):
            yield bound


class InlineOptionWidgetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_provision(name='Notify <ICE> & "detainers"', slug="notify-ice")
        make_provision(name="Limit access to schools", slug="schools")

    def test_every_choice_filter_uses_an_inline_widget(self):
        for filterset_class in FILTERSETS:
            form = filterset_class(data=QueryDict()).form
            names = {bound.name for bound in choice_widgets(form)}
            choice_fields = {
                name
                for name, field in form.fields.items()
                if isinstance(field.widget, ChoiceWidget)
            }
            self.assertEqual(names, choice_fields, filterset_class.__name__)
            self.assertIn("ordering", names)

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(data=st.data())
    def test_markup_matches_djangos_widgets(self, data):
        filterset_class = data.draw(st.sampled_from(FILTERSETS))
        form = filterset_class(data=QueryDict()).form
        query = QueryDict(mutable=True)
        for bound in choice_widgets(form):
            values = [str(value) for value, _ in bound.field.choices]
            drawn = data.draw(
                st.lists(st.sampled_from([*values, "nope", "<b>", ""]), max_size=4),
                label=bound.name,
            )
            if bound.name == "ordering" and drawn:
                # "title,-date": several sort keys in one value.
                drawn = [",".join(drawn)]
            query.setlist(bound.name, drawn)
        form = filterset_class(data=query).form
        form.is_valid()
        for bound in form:
            # FilterBoundField writes the field group in Python.
            self.assertEqual(
                bound.as_field_group(), bound.render("django/forms/field.html")
            )
        for bound in choice_widgets(form):
            ours = bound.as_widget()
            theirs = bound.as_widget(widget=django_widget(bound.field.widget))
            self.assertEqual(ours, theirs, f"{bound.name}: {query.urlencode()}")
            # The field's CSS class comes from the widget class's name.
            self.assertEqual(
                type(bound.field.widget).__name__,
                type(django_widget(bound.field.widget)).__name__,
            )

    def test_selected_options_and_escaped_labels(self):
        form = OrdinanceFilter(
            data=QueryDict("state=CA&state=NY&provision=notify-ice&ordering=-date")
        ).form
        form.is_valid()
        html = str(form["state"])
        self.assertIn('<option value="CA" selected>California</option>', html)
        self.assertIn('<option value="NY" selected>New York</option>', html)
        self.assertIn(" multiple>", html)
        html = str(form["provision"])
        self.assertIn(
            'value="notify-ice" id="id_provision_1" checked> '
            "Notify &lt;ICE&gt; &amp; &#34;detainers&#34;</label>",
            html,
        )
        self.assertIn('<option value="-date" selected>', str(form["ordering"]))

    @settings(max_examples=60, deadline=None)
    @given(
        attrs=st.dictionaries(
            st.sampled_from(["id", "class", "data-x", "required", "title"]),
            st.one_of(st.text(max_size=6), st.booleans()),
            max_size=4,
        ),
        value=st.lists(st.sampled_from(["a", "b", "<c>", "x"]), max_size=2),
    )
    def test_any_attributes_render_as_djangos(self, attrs, value):
        choices = [("a", "A"), ("b", "B & 'b'"), ("<c>", "C")]
        for ours, theirs in STANDS_FOR:
            self.assertEqual(
                ours(attrs=attrs, choices=choices).render(
                    "f", value, renderer=Jinja2()
                ),
                theirs(attrs=attrs, choices=choices).render(
                    "f", value, renderer=Jinja2()
                ),
                ours.__name__,
            )

    def test_option_groups_are_refused_rather_than_flattened(self):
        widget = widgets.Select(choices=[("Group", [("a", "A")])])
        with self.assertRaisesMessage(ValueError, "no option groups"):
            widget.render("x", None)

    def test_field_groups_match_djangos_for_any_label(self):
        class Form(FilterForm):
            required_css_class = "required"
            why = forms.CharField(label="Why?", help_text="Say <why>.")
            rnd = forms.CharField(label="R&D", required=False, label_suffix=" —")
            pick = forms.MultipleChoiceField(
                choices=[("x", "X & Y")],
                widget=widgets.CheckboxSelectMultiple,
                label="Pick",
            )
            unlabelled = forms.CharField(label="", required=False)

        for form in [
            Form(data={"why": ""}),
            Form(data={"pick": ["x"]}, auto_id=False),
            Form(label_suffix=""),
        ]:
            form.is_valid()
            for bound in form:
                with self.subTest(field=bound.name, auto_id=form.auto_id):
                    self.assertEqual(
                        bound.as_field_group(), bound.render("django/forms/field.html")
                    )
