"""The filter forms: Django's widgets, drawn once per data version and query."""

from django import forms
from django.forms.renderers import DjangoTemplates, TemplatesSetting
from django.http import QueryDict
from django.template.backends.jinja2 import Template as Jinja2Template
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from jurisdictions.filters import OrdinanceFilter
from jurisdictions.widgets import SlugListInput

from .factories import make_ordinance, make_provision

FORM = "includes/_filter_form.html"


class SlugListInputTests(SimpleTestCase):
    def test_reads_repeated_and_comma_separated_values(self):
        # Names hold spaces (issue 17: a slug or a name), so only commas
        # separate; a name's runs of spaces read as one.
        data = QueryDict("target=a,b&target=c  d&target=&target=,")
        self.assertEqual(
            SlugListInput().value_from_datadict(data, {}, "target"),
            ["a", "b", "c d"],
        )

    def test_reads_a_plain_dict(self):
        widget = SlugListInput()
        self.assertEqual(widget.value_from_datadict({"x": "a, b"}, {}, "x"), ["a", "b"])
        self.assertEqual(widget.value_from_datadict({}, {}, "x"), [])

    def test_shows_the_slugs_as_typed(self):
        self.assertIn('value="a, b"', SlugListInput().render("x", ["a", "b"]))


class ChoiceWidgetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_provision(name='Notify <ICE> & "detainers"', slug="notify-ice")
        make_provision(name="Limit access to schools", slug="schools")

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
        self.assertInHTML(
            '<label for="id_provision_1"><input type="checkbox" name="provision" '
            'value="notify-ice" id="id_provision_1" checked> '
            "Notify &lt;ICE&gt; &amp; &quot;detainers&quot;</label>",
            html,
        )
        self.assertIn('<option value="-date" selected>', str(form["ordering"]))


class CachedFormTests(TestCase):
    """The form is drawn once per data version, page and query string."""

    @classmethod
    def setUpTestData(cls):
        make_provision(name="Limit detainers", slug="detainers")
        make_ordinance()

    def get(self, query="", name="jurisdictions:ordinance-list", status=200):
        response = self.client.get(f"{reverse(name)}?{query}")
        self.assertEqual(response.status_code, status)
        self.assertContains(response, '<form class="filter-form"', status_code=status)
        return response

    def test_the_same_request_reads_the_form_from_the_cache(self):
        self.assertTemplateUsed(self.get("state=CA"), FORM)
        again = self.get("state=CA")
        self.assertTemplateNotUsed(again, FORM)
        self.assertContains(again, '<option value="CA" selected>California</option>')

    def test_another_query_or_list_draws_its_own_form(self):
        self.get("state=CA")
        other = self.get("state=NY")
        self.assertTemplateUsed(other, FORM)
        self.assertContains(other, '<option value="NY" selected>New York</option>')
        self.assertNotContains(other, '<option value="CA" selected>')
        self.get()
        resolutions = self.get(name="jurisdictions:resolution-list")
        self.assertTemplateUsed(resolutions, FORM)
        self.assertNotContains(resolutions, 'name="instrument"')

    def test_an_edit_draws_the_form_again(self):
        self.assertNotContains(self.get(), "Limit sharing")
        make_provision(name="Limit sharing", slug="sharing")
        response = self.get()
        self.assertTemplateUsed(response, FORM)
        self.assertContains(response, "Limit sharing")

    def test_a_cached_invalid_form_keeps_its_errors_and_the_400(self):
        self.get("state=ZZ", status=400)
        again = self.get("state=ZZ", status=400)
        self.assertTemplateNotUsed(again, FORM)
        self.assertContains(again, 'id="id_state_error"', status_code=400)
        self.assertContains(again, "ZZ is not one of", status_code=400)


class WidgetTemplateTests(SimpleTestCase):
    """templates/jinja2/django/forms/widgets/ draw the choice widgets with
    Jinja2, Django's option templates written in; every widget drawn through
    them is the markup Django's own templates draw (Jinja2 writes a quote in
    a label as &#34; where Django writes &quot;)."""

    CHOICES = [
        ("", "---------"),
        ("a", 'Notify <ICE> & "detainers"'),
        ("Group", [("b", "Bee"), ("c", "Sea")]),
        (3, "Three"),
    ]
    WIDGETS = [
        forms.CheckboxSelectMultiple,
        forms.RadioSelect,
        forms.Select,
        forms.SelectMultiple,
        forms.NullBooleanSelect,
    ]

    def test_same_markup_as_djangos_templates(self):
        project, django = TemplatesSetting(), DjangoTemplates()
        for widget_class in self.WIDGETS:
            for value in (None, "a", ["b", 3], ["", "c"]):
                for attrs in ({}, {"id": "id_x", "class": "c", "required": True}):
                    kwargs = {"attrs": {**attrs, "disabled": False}}
                    if widget_class is not forms.NullBooleanSelect:
                        kwargs["choices"] = self.CHOICES
                    widget = widget_class(**kwargs)
                    if widget_class is forms.NullBooleanSelect and value:
                        value = "true"
                    with self.subTest(widget=widget_class.__name__, value=value):
                        self.assertHTMLEqual(
                            widget.render("x", value, renderer=project),
                            widget.render("x", value, renderer=django),
                        )

    def test_the_project_templates_draw_the_choice_widgets(self):
        for widget_class in self.WIDGETS:
            template = TemplatesSetting().get_template(widget_class.template_name)
            with self.subTest(widget=widget_class.__name__):
                self.assertIsInstance(template, Jinja2Template)
        # Every other form template stays Django's.
        text = TemplatesSetting().get_template(forms.TextInput.template_name)
        self.assertNotIsInstance(text, Jinja2Template)
