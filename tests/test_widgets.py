"""The filter forms: Django's widgets, drawn by Django's own form templates."""

from django.http import QueryDict
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from jurisdictions.filterfields import SlugListInput
from jurisdictions.filters import OrdinanceFilter

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


class FilterFormTests(TestCase):
    """Each list draws its own form for its query, from the data as it is."""

    @classmethod
    def setUpTestData(cls):
        make_provision(name="Limit detainers", slug="detainers")
        make_ordinance()

    def get(self, query="", name="jurisdictions:ordinance-list", status=200):
        response = self.client.get(f"{reverse(name)}?{query}")
        self.assertEqual(response.status_code, status)
        self.assertContains(response, '<form class="filter-form"', status_code=status)
        self.assertTemplateUsed(response, FORM)
        return response

    def test_the_same_request_draws_the_same_form(self):
        self.get("state=CA")
        again = self.get("state=CA")
        self.assertContains(again, '<option value="CA" selected>California</option>')

    def test_another_query_or_list_draws_its_own_form(self):
        self.get("state=CA")
        other = self.get("state=NY")
        self.assertContains(other, '<option value="NY" selected>New York</option>')
        self.assertNotContains(other, '<option value="CA" selected>')
        self.get()
        resolutions = self.get(name="jurisdictions:resolution-list")
        self.assertNotContains(resolutions, 'name="instrument"')

    def test_an_edit_draws_the_form_again(self):
        self.assertNotContains(self.get(), "Limit sharing")
        make_provision(name="Limit sharing", slug="sharing")
        self.assertContains(self.get(), "Limit sharing")

    def test_an_invalid_form_keeps_its_errors_and_the_400(self):
        self.get("state=ZZ", status=400)
        again = self.get("state=ZZ", status=400)
        self.assertContains(again, 'id="id_state_error"', status_code=400)
        self.assertContains(again, "ZZ is not one of", status_code=400)
