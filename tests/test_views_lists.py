"""The four lists through their HTML pages: every filter, sort, search, pages."""

import datetime
import re
from unittest import mock

from django.test import TestCase
from django.urls import reverse

from jurisdictions.views import OrdinanceListView

from .factories import (
    cell,
    make_jurisdiction,
    make_ordinance,
    make_person,
    make_provision,
    make_resolution,
    make_school_district,
    make_statement,
)

D = datetime.date


def slugs(response):
    assert response.status_code == 200, response.content[:2000]
    return [cell(obj, "slug") for obj in response.context["object_list"]]


class ListTestCase(TestCase):
    url_name = ""

    def get(self, query=""):
        return self.client.get(reverse(self.url_name) + query)

    def assertFinds(self, query, expected, ordered=False):
        found = slugs(self.get(query))
        if not ordered:
            found, expected = sorted(found), sorted(expected)
        self.assertEqual(found, expected, query)


class JurisdictionListTests(ListTestCase):
    url_name = "jurisdictions:jurisdiction-list"

    @classmethod
    def setUpTestData(cls):
        cls.shield = make_provision(slug="shield")
        cls.ca = make_jurisdiction(
            slug="california", name="California", kind="state", stance="sanctuary"
        )
        cls.la = make_jurisdiction(
            slug="los-angeles",
            name="Los Angeles",
            parent=cls.ca,
            stance="sanctuary",
            stance_note="Council passed an ordinance.",
        )
        cls.tx = make_jurisdiction(
            slug="texas",
            name="Texas",
            kind="state",
            state="TX",
            stance="anti_sanctuary",
        )
        cls.lausd = make_school_district(slug="lausd", name="LA Unified")
        make_ordinance(jurisdiction=cls.la, provisions=[cls.shield])
        make_resolution(district=cls.lausd, provisions=[cls.shield])
        make_jurisdiction(
            slug="draft-town", name="Draft town", publication_status="draft"
        )

    def test_unfiltered_list_shows_every_published_jurisdiction_and_no_draft(self):
        response = self.get()
        self.assertFinds("", ["california", "los-angeles", "texas", "lausd"])
        self.assertContains(response, f'href="{self.la.get_absolute_url()}"')
        self.assertNotContains(response, "Draft town")
        self.assertContains(response, "Jurisdictions — 4 results")

    def test_every_filter(self):
        self.assertFinds("?kind=state", ["california", "texas"])
        self.assertFinds(
            "?kind=state&kind=school_district", ["california", "texas", "lausd"]
        )
        self.assertFinds("?state=TX", ["texas"])
        self.assertFinds("?stance=anti_sanctuary", ["texas"])
        self.assertFinds("?provision=shield", ["los-angeles", "lausd"])
        self.assertFinds("?q=angeles", ["los-angeles"])
        self.assertFinds("?q=ordinance", ["los-angeles"])  # the stance note
        self.assertFinds("?state=CA&kind=state", ["california"])

    def test_sort_by_name_state_and_update_both_ways(self):
        self.assertFinds(
            "?ordering=name", ["california", "lausd", "los-angeles", "texas"], True
        )
        self.assertFinds(
            "?ordering=-name", ["texas", "los-angeles", "lausd", "california"], True
        )
        self.assertEqual(slugs(self.get("?ordering=-state"))[0], "texas")
        self.la.save()  # now the most recently updated
        self.assertEqual(slugs(self.get("?ordering=-updated"))[0], "los-angeles")
        self.assertEqual(slugs(self.get("?ordering=updated"))[-1], "los-angeles")

    def test_rows_name_their_published_parent(self):
        self.assertContains(self.get("?q=angeles"), "in California")


class OrdinanceListTests(ListTestCase):
    url_name = "jurisdictions:ordinance-list"

    @classmethod
    def setUpTestData(cls):
        cls.shield = make_provision(slug="shield", name="Shield")
        cls.la = make_jurisdiction(slug="los-angeles-ca", name="Los Angeles")
        cls.austin = make_jurisdiction(slug="austin-tx", name="Austin", state="TX")
        make_ordinance(
            slug="la-2024",
            title="Sanctuary city ordinance",
            jurisdiction=cls.la,
            status="passed",
            passed_on=D(2024, 11, 19),
            provisions=[cls.shield],
        )
        make_ordinance(
            slug="la-2019",
            title="Executive directive on immigrants",
            jurisdiction=cls.la,
            instrument="executive_order",
            status="in_effect",
            introduced_on=D(2019, 3, 1),
        )
        make_ordinance(
            slug="austin-2018",
            title="Freedom city resolution",
            jurisdiction=cls.austin,
            instrument="resolution",
            passed_on=D(2018, 6, 14),
            summary="Limits discretionary arrests.",
        )
        make_ordinance(
            slug="draft", title="Draft ordinance", publication_status="draft"
        )
        hidden = make_jurisdiction(slug="hidden", publication_status="draft")
        make_ordinance(slug="hidden-place", title="Hidden place", jurisdiction=hidden)

    def test_drafts_and_ordinances_of_draft_places_never_listed(self):
        response = self.get()
        self.assertFinds("", ["la-2024", "la-2019", "austin-2018"])
        self.assertNotContains(response, "Draft ordinance")
        self.assertNotContains(response, "Hidden place")

    def test_every_filter(self):
        self.assertFinds("?state=CA", ["la-2024", "la-2019"])
        self.assertFinds("?state=CA&state=TX", ["la-2024", "la-2019", "austin-2018"])
        self.assertFinds("?jurisdiction=austin-tx", ["austin-2018"])
        self.assertFinds("?instrument=executive_order", ["la-2019"])
        self.assertFinds("?status=passed", ["la-2024", "austin-2018"])
        self.assertFinds("?provision=shield", ["la-2024"])
        self.assertFinds("?date_after=2019-01-01", ["la-2024", "la-2019"])
        self.assertFinds("?date_before=2019-12-31", ["la-2019", "austin-2018"])
        self.assertFinds(
            "?date_after=2018-01-01&date_before=2018-12-31", ["austin-2018"]
        )
        self.assertFinds("?state=CA&status=passed&date_after=2024-01-01", ["la-2024"])

    def test_search_follows_websearch_syntax_on_every_database(self):
        self.assertFinds("?q=sanctuary", ["la-2024"])
        self.assertFinds("?q=arrests", ["austin-2018"])
        self.assertFinds("?q=Austin", ["austin-2018"])  # the jurisdiction's name
        self.assertFinds("?q=city+-freedom", ["la-2024"])
        self.assertFinds("?q=sanctuary+or+freedom", ["la-2024", "austin-2018"])
        self.assertFinds('?q="city+ordinance"', ["la-2024"])
        self.assertFinds("?q=zebra", [])
        self.assertFinds("?q=draft", [])

    def test_sort_by_title_and_date_both_ways(self):
        self.assertFinds(
            "?ordering=title", ["la-2019", "austin-2018", "la-2024"], ordered=True
        )
        self.assertFinds(
            "?ordering=-title", ["la-2024", "austin-2018", "la-2019"], ordered=True
        )
        self.assertFinds(
            "?ordering=date", ["austin-2018", "la-2019", "la-2024"], ordered=True
        )
        self.assertFinds(
            "?ordering=-date", ["la-2024", "la-2019", "austin-2018"], ordered=True
        )

    def test_empty_pieces_of_a_sort_list_are_ignored(self):
        for query in ("?ordering=title,", "?ordering=,title", "?ordering=,"):
            with self.subTest(query=query):
                expected = ["la-2019", "austin-2018", "la-2024"]
                if query == "?ordering=,":
                    expected = ["la-2024", "la-2019", "austin-2018"]
                self.assertFinds(query, expected, ordered=True)

    def test_sort_links_keep_filters_and_flip_direction(self):
        response = self.get("?state=CA&ordering=title&page=1")
        self.assertContains(response, 'aria-sort="ascending"')
        self.assertContains(response, 'href="?state=CA&amp;ordering=-title"')
        self.assertContains(response, 'href="?state=CA&amp;ordering=date"')

    def test_summary_names_the_filters_with_the_count(self):
        response = self.get("?state=CA&status=passed&date_after=2024-01-01")
        self.assertContains(
            response,
            "Ordinances in California, status passed, since 2024-01-01 — 1 result",
        )
        self.assertContains(
            response,
            "<title>Ordinances in California, status passed, since 2024-01-01 · ",
        )
        response = self.get(
            "?q=city&jurisdiction=los-angeles-ca&provision=shield"
            "&instrument=ordinance&date_before=2025-01-01"
        )
        self.assertContains(
            response,
            "Ordinances matching “city”, of Los Angeles, CA, instrument ordinance, "
            "with “Shield”, until 2025-01-01 — 1 result",
        )

    def test_one_click_clears_every_filter(self):
        response = self.get("?state=CA&status=passed")
        self.assertContains(response, 'href="/ordinances/">Clear filters</a>')
        self.assertNotContains(self.get(), 'class="button button--secondary"')

    def test_csv_and_atom_links_carry_the_same_filters(self):
        response = self.get("?state=CA&status=passed")
        self.assertContains(
            response, 'href="/ordinances.csv?state=CA&amp;status=passed"'
        )
        self.assertContains(
            response, 'href="/ordinances.atom?state=CA&amp;status=passed"'
        )
        csv = self.client.get("/ordinances.csv?state=CA&status=passed")
        self.assertEqual(csv.status_code, 200)

    def test_pagination_keeps_filters_and_shows_the_count(self):
        with mock.patch.object(OrdinanceListView, "paginate_by", 2):
            first = self.get("?state=CA&state=TX&ordering=date")
            self.assertEqual(slugs(first), ["austin-2018", "la-2019"])
            self.assertContains(first, "Page 1 of 2 (1–2 of 3)")
            self.assertContains(
                first, 'href="?state=CA&amp;state=TX&amp;ordering=date&amp;page=2"'
            )
            second = self.get("?state=CA&state=TX&ordering=date&page=2")
            self.assertEqual(slugs(second), ["la-2024"])
            self.assertContains(
                second, "<title>Ordinances in California or Texas, page 2"
            )
            last = self.get("?state=CA&state=TX&ordering=date&page=last")
            self.assertEqual(slugs(last), ["la-2024"])

    def test_form_labels_every_control_and_works_without_javascript(self):
        response = self.get()
        html = response.content.decode()
        form = html[html.index('<form class="filter-form"') : html.index("</form>")]
        self.assertIn('method="get"', form)
        self.assertNotIn("<script", html)
        controls = re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', form)
        self.assertTrue(controls)
        for control in controls:
            self.assertIn(f'for="{control}"', form, control)


class ResolutionListTests(ListTestCase):
    url_name = "jurisdictions:resolution-list"

    @classmethod
    def setUpTestData(cls):
        cls.training = make_provision(slug="training")
        cls.lausd = make_school_district(slug="lausd", name="Los Angeles Unified")
        cls.cps = make_school_district(slug="cps", name="Chicago Public", state="IL")
        make_resolution(
            slug="lausd-2024",
            title="Safe haven",
            district=cls.lausd,
            adopted_on=D(2024, 12, 10),
            provisions=[cls.training],
        )
        make_resolution(
            slug="cps-2017",
            title="Welcoming schools",
            district=cls.cps,
            status="rescinded",
            adopted_on=D(2017, 1, 1),
        )
        make_resolution(slug="draft", title="Draft one", publication_status="draft")

    def test_every_filter_and_no_drafts(self):
        self.assertFinds("", ["lausd-2024", "cps-2017"])
        self.assertNotContains(self.get(), "Draft one")
        self.assertFinds("?state=IL", ["cps-2017"])
        self.assertFinds("?district=lausd", ["lausd-2024"])
        self.assertFinds("?status=rescinded", ["cps-2017"])
        self.assertFinds("?provision=training", ["lausd-2024"])
        self.assertFinds("?date_after=2020-01-01", ["lausd-2024"])
        self.assertFinds("?date_before=2020-01-01", ["cps-2017"])
        self.assertFinds("?q=chicago", ["cps-2017"])
        self.assertFinds("?q=haven", ["lausd-2024"])

    def test_sort_by_title_and_date_both_ways(self):
        self.assertFinds("?ordering=title", ["lausd-2024", "cps-2017"], True)
        self.assertFinds("?ordering=-title", ["cps-2017", "lausd-2024"], True)
        self.assertFinds("?ordering=date", ["cps-2017", "lausd-2024"], True)
        self.assertFinds("?ordering=-date", ["lausd-2024", "cps-2017"], True)


class StatementListTests(ListTestCase):
    url_name = "jurisdictions:statement-list"

    @classmethod
    def setUpTestData(cls):
        cls.homan = make_person(slug="tom-homan", name="Tom Homan", is_federal=True)
        cls.bondi = make_person(slug="pamela-bondi", name="Pamela Bondi")
        cls.la = make_jurisdiction(slug="la", name="Los Angeles", state="CA")
        cls.chicago = make_jurisdiction(slug="chicago", name="Chicago", state="IL")
        hidden = make_jurisdiction(
            slug="hidden", name="Hidden", state="NV", publication_status="draft"
        )
        make_statement(
            slug="homan-fox",
            title="Nothing will stop us",
            speaker=cls.homan,
            kind="threat",
            quote="Nothing will stop us.",
            made_on=D(2024, 11, 12),
        )
        make_statement(
            slug="doj-list",
            title="DOJ list",
            speaker=cls.bondi,
            kind="designation",
            made_on=D(2025, 8, 5),
            targets=[cls.la, cls.chicago, hidden],
        )
        make_statement(
            slug="draft", title="Draft statement", publication_status="draft"
        )
        shadow = make_person(slug="shadow", publication_status="draft")
        make_statement(slug="by-draft-person", title="By a draft", speaker=shadow)

    def test_every_filter_and_no_drafts(self):
        response = self.get()
        self.assertFinds("", ["homan-fox", "doj-list"])
        self.assertNotContains(response, "Draft statement")
        self.assertNotContains(response, "By a draft")
        self.assertNotContains(response, "Hidden")  # a draft target
        self.assertFinds("?speaker=tom-homan", ["homan-fox"])
        self.assertFinds("?kind=designation", ["doj-list"])
        self.assertFinds("?target=la", ["doj-list"])
        self.assertFinds("?state=IL", ["doj-list"])
        self.assertFinds("?date_after=2025-01-01", ["doj-list"])
        self.assertFinds("?date_before=2025-01-01", ["homan-fox"])
        self.assertFinds("?q=stop", ["homan-fox"])
        self.assertFinds("?q=bondi", ["doj-list"])

    def test_sort_by_title_and_date_both_ways(self):
        self.assertFinds("?ordering=title", ["doj-list", "homan-fox"], True)
        self.assertFinds("?ordering=-title", ["homan-fox", "doj-list"], True)
        self.assertFinds("?ordering=date", ["homan-fox", "doj-list"], True)
        self.assertFinds("?ordering=-date", ["doj-list", "homan-fox"], True)

    def test_summary_reads_as_a_sentence(self):
        self.assertContains(
            self.get("?speaker=pamela-bondi&state=IL&kind=designation"),
            "Federal statements by Pamela Bondi, kind designation, targeting places "
            "in Illinois — 1 result",
        )
