"""Facets: counts over the filtered list, links that add or remove one value."""

from urllib.parse import parse_qs, urlencode, urlsplit

from django.http import QueryDict
from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from jurisdictions.facets import toggler

from .factories import (
    make_jurisdiction,
    make_ordinance,
    make_provision,
    make_resolution,
    make_school_district,
    make_statement,
)


def facet(response, name):
    """Return {value: (count, selected, query dict of its link)} for one facet."""
    assert response.status_code == 200, response.content[:2000]
    for result in response.context["facets"]:
        if result.name == name:
            return {
                v.value: (v.count, v.selected, parse_qs(urlsplit(v.url).query))
                for v in result.values
            }
    raise AssertionError(f"no facet {name}")


def counts(response, name):
    return {value: count for value, (count, _, _) in facet(response, name).items()}


class OrdinanceFacetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.shield = make_provision(slug="shield", name="Shield")
        cls.wall = make_provision(slug="wall", name="Wall")
        la = make_jurisdiction(state="CA")
        ny = make_jurisdiction(state="NY")
        make_ordinance(
            title="First ordinance",
            jurisdiction=la,
            status="passed",
            provisions=[cls.shield],
        )
        make_ordinance(
            jurisdiction=la,
            status="proposed",
            provisions=[cls.shield, cls.wall],
            summary="An ordinance amending an ordinance.",  # ranks higher
        )
        make_ordinance(jurisdiction=ny, status="passed", instrument="executive_order")
        # Drafts never count.
        make_ordinance(
            jurisdiction=ny,
            status="passed",
            provisions=[cls.wall],
            publication_status="draft",
        )

    def get(self, query=""):
        return self.client.get(reverse("jurisdictions:ordinance-list") + query)

    def test_counts_every_value_of_every_facet(self):
        response = self.get()
        self.assertEqual(counts(response, "state"), {"CA": 2, "NY": 1})
        self.assertEqual(counts(response, "status"), {"passed": 2, "proposed": 1})
        self.assertEqual(
            counts(response, "instrument"), {"ordinance": 2, "executive_order": 1}
        )
        self.assertEqual(counts(response, "provision"), {"shield": 2, "wall": 1})

    def test_counts_follow_the_other_filters_but_not_their_own(self):
        response = self.get("?state=CA")
        # Other facets narrow to California...
        self.assertEqual(counts(response, "status"), {"passed": 1, "proposed": 1})
        self.assertEqual(counts(response, "instrument"), {"ordinance": 2})
        # ...while the state facet still offers New York to add ("any of").
        self.assertEqual(counts(response, "state"), {"CA": 2, "NY": 1})
        response = self.get("?status=passed&provision=wall")
        self.assertEqual(counts(response, "state"), {})
        self.assertEqual(counts(response, "status"), {"proposed": 1, "passed": 0})
        # A ticked value matching nothing stays, with 0, so it can be unticked.
        self.assertEqual(counts(response, "provision"), {"shield": 1, "wall": 0})

    def test_a_link_adds_its_value_and_keeps_the_other_filters(self):
        response = self.get("?state=CA&q=&status=passed&page=1")
        count, selected, query = facet(response, "state")["NY"]
        self.assertFalse(selected)
        # Page and empty parameters go: the new list starts on its first page.
        self.assertEqual(query, {"state": ["CA", "NY"], "status": ["passed"]})
        _, _, query = facet(response, "provision")["shield"]
        self.assertEqual(
            query, {"state": ["CA"], "status": ["passed"], "provision": ["shield"]}
        )
        self.assertContains(response, 'href="/ordinances/?state=CA&amp;status=passed')

    def test_a_link_on_a_selected_value_removes_only_that_value(self):
        response = self.get("?state=CA&state=NY&status=passed")
        count, selected, query = facet(response, "state")["CA"]
        self.assertTrue(selected)
        self.assertEqual(query, {"state": ["NY"], "status": ["passed"]})
        _, selected, query = facet(response, "status")["passed"]
        self.assertTrue(selected)
        self.assertEqual(query, {"state": ["CA", "NY"]})
        self.assertContains(response, "Remove filter: ")

    def test_following_facet_links_round_trips(self):
        response = self.get()
        _, _, query = facet(response, "instrument")["executive_order"]
        self.assertEqual(query, {"instrument": ["executive_order"]})
        narrowed = self.get("?instrument=executive_order")
        self.assertEqual(narrowed.context["paginator"].count, 1)
        _, selected, query = facet(narrowed, "instrument")["executive_order"]
        self.assertTrue(selected)
        self.assertEqual(query, {})

    def test_each_facet_value_is_a_link_with_its_count(self):
        response = self.get()
        self.assertContains(
            response,
            '<span class="count">2<span class="visually-hidden"> results',
            count=4,
        )

    def test_counts_stay_grouped_under_a_ranked_search(self):
        # PostgreSQL search annotates a rank; it must not split the groups.
        response = self.get("?q=ordinance")
        self.assertEqual(counts(response, "state"), {"CA": 2, "NY": 1})
        self.assertEqual(counts(response, "provision"), {"shield": 2, "wall": 1})

    def test_no_facets_on_invalid_input(self):
        response = self.get("?status=bogus")
        self.assertEqual(response.context["facets"], [])


class JurisdictionFacetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.shield = make_provision(slug="shield")
        la = make_jurisdiction(state="CA", stance="sanctuary")
        district = make_school_district(state="CA", stance="sanctuary")
        make_jurisdiction(kind="state", state="TX", stance="anti_sanctuary")
        # Two instruments with the provision still count the place once.
        make_ordinance(jurisdiction=la, provisions=[cls.shield])
        make_ordinance(jurisdiction=la, provisions=[cls.shield])
        make_ordinance(jurisdiction=district, provisions=[cls.shield])
        make_resolution(district=district, provisions=[cls.shield])
        texas_draft = make_jurisdiction(state="TX", publication_status="draft")
        make_ordinance(jurisdiction=texas_draft, provisions=[cls.shield])
        tx_city = make_jurisdiction(state="TX")
        make_ordinance(
            jurisdiction=tx_city, provisions=[cls.shield], publication_status="draft"
        )

    def test_counts_places_once_and_ignore_drafts(self):
        response = self.client.get(reverse("jurisdictions:jurisdiction-list"))
        self.assertEqual(counts(response, "provision"), {"shield": 2})
        self.assertEqual(counts(response, "state"), {"CA": 2, "TX": 2})
        self.assertEqual(
            counts(response, "kind"), {"state": 1, "city": 2, "school_district": 1}
        )
        self.assertEqual(
            counts(response, "stance"),
            {"sanctuary": 2, "anti_sanctuary": 1, "unknown": 1},
        )

    def test_provision_facet_follows_other_filters(self):
        response = self.client.get(
            reverse("jurisdictions:jurisdiction-list") + "?kind=school_district"
        )
        self.assertEqual(counts(response, "provision"), {"shield": 1})
        self.assertEqual(counts(response, "kind")["city"], 2)

    def test_selected_value_without_rows_stays_so_it_can_be_removed(self):
        response = self.client.get(
            reverse("jurisdictions:jurisdiction-list") + "?stance=cooperative"
        )
        self.assertEqual(response.context["paginator"].count, 0)
        count, selected, query = facet(response, "stance")["cooperative"]
        self.assertEqual((count, selected, query), (0, True, {}))


class ResolutionAndStatementFacetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.training = make_provision(slug="training")
        make_resolution(
            district=make_school_district(state="CA"), provisions=[cls.training]
        )
        make_resolution(district=make_school_district(state="IL"), status="rescinded")
        la = make_jurisdiction(state="CA")
        sf = make_jurisdiction(state="CA")
        chicago = make_jurisdiction(state="IL")
        hidden = make_jurisdiction(state="NV", publication_status="draft")
        make_statement(kind="designation", targets=[la, sf, chicago, hidden])
        make_statement(kind="threat", targets=[la])
        make_statement(kind="threat")

    def test_resolution_facets(self):
        response = self.client.get(reverse("jurisdictions:resolution-list"))
        self.assertEqual(counts(response, "state"), {"CA": 1, "IL": 1})
        self.assertEqual(counts(response, "status"), {"adopted": 1, "rescinded": 1})
        self.assertEqual(counts(response, "provision"), {"training": 1})
        narrowed = self.client.get(
            reverse("jurisdictions:resolution-list") + "?status=rescinded"
        )
        self.assertEqual(counts(narrowed, "provision"), {})
        self.assertEqual(counts(narrowed, "state"), {"IL": 1})

    def test_statement_state_facet_counts_each_statement_once(self):
        response = self.client.get(reverse("jurisdictions:statement-list"))
        # Two California targets in one statement count once; the draft
        # Nevada target counts never.
        self.assertEqual(counts(response, "state"), {"CA": 2, "IL": 1})
        self.assertEqual(counts(response, "kind"), {"threat": 2, "designation": 1})
        narrowed = self.client.get(
            reverse("jurisdictions:statement-list") + "?kind=designation"
        )
        self.assertEqual(counts(narrowed, "state"), {"CA": 1, "IL": 1})
        _, _, query = facet(narrowed, "state")["IL"]
        self.assertEqual(query, {"kind": ["designation"], "state": ["IL"]})


class TogglerTests(SimpleTestCase):
    """A facet link's query: the request's, with one value of one facet toggled."""

    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["q", "state", "page", "status", "x y"]), st.text()
            ),
            max_size=8,
        ),
        st.text(),
    )
    def test_as_urlencode_gives(self, pairs, value):
        query = QueryDict(mutable=True)
        for key, v in pairs:
            query.appendlist(key, v)
        got = toggler(query, "state")(value)
        # The rule, spelled with urlencode(): page dropped, empty values
        # dropped, the facet's values in place with `value` toggled.
        parts = []
        for key, values in query.lists():
            kept = [v for v in values if v != ""]
            if key == "state":
                kept = (
                    [v for v in kept if v != value] if value in kept else [*kept, value]
                )
            elif key == "page":
                continue
            if kept:
                parts.append(urlencode([(key, v) for v in kept]))
        if "state" not in query:
            # A facet not yet in the query goes after the parameters before it.
            parts.append(urlencode([("state", value)]))
        self.assertEqual(
            parse_qs(got, keep_blank_values=True),
            parse_qs("&".join(parts), keep_blank_values=True),
        )
