import datetime
from unittest import mock

from django.db import connection
from django.http import QueryDict
from django.test import TestCase

from jurisdictions.counting import CappedPaginator
from jurisdictions.filters import OrdinanceFilter
from jurisdictions.models import Ordinance
from jurisdictions.views import OrdinanceListView

from .factories import cell, make_jurisdiction, make_ordinance, make_provision


@mock.patch.object(CappedPaginator, "COUNT_CAP", 5)
class CappedCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        place = make_jurisdiction()
        for n in range(7):
            make_ordinance(jurisdiction=place, title=f"Ordinance {n}")
        make_ordinance(jurisdiction=place, title="Zebra crossing rules")

    def test_counts_stop_past_the_cap(self):
        with self.assertNumQueries(1) as queries:
            paginator = CappedPaginator(Ordinance.objects.published().order_by("pk"), 2)
            self.assertEqual(paginator.count, 6)
        self.assertIn("LIMIT 6", queries.captured_queries[0]["sql"])
        self.assertTrue(paginator.capped)
        self.assertEqual(paginator.count_label, "5+")

    def test_list_says_more_than_the_cap_and_hides_last_page(self):
        # Two provisions at once are counted by the paginator, not a summary.
        shield, wall = make_provision(slug="shield"), make_provision(slug="wall")
        for ordinance in Ordinance.objects.all():
            ordinance.provisions.set([shield, wall])
        with mock.patch("jurisdictions.views.lists.PublicListView.paginate_by", 2):
            response = self.client.get("/ordinances/?provision=shield&provision=wall")
        self.assertContains(response, "5+ results")
        self.assertNotContains(response, ">Last<")
        self.assertContains(response, 'rel="next"')

    def test_a_summarised_list_gives_its_exact_total_and_pages_stop_at_the_cap(self):
        with mock.patch("jurisdictions.views.lists.PublicListView.paginate_by", 2):
            response = self.client.get("/ordinances/")
            self.assertContains(response, "— 8 results")
            self.assertContains(response, "Page 1 (1–2 of 8)")
            self.assertNotContains(response, ">Last<")
            last = self.client.get("/ordinances/?page=3")
            self.assertContains(last, "Page 3 (5–6 of 8)")
            self.assertNotContains(last, 'rel="next"')
            self.assertContains(last, "Pages stop at the first 5 results")
            beyond = self.client.get("/ordinances/?page=4")
        self.assertEqual(beyond.status_code, 400)

    def test_small_results_are_counted_exactly(self):
        response = self.client.get("/ordinances/?q=zebra")
        self.assertContains(response, "— 1 result")
        self.assertFalse(response.context["paginator"].capped)


@mock.patch("jurisdictions.views.lists.PublicListView.paginate_by", 4)
class RankedSearchPageTests(TestCase):
    """A search in order of relevance keeps its ranked order in the cache.

    Pages must be exactly the FilterSet's queryset, sliced, whichever page a
    reader opens first, and an edit must show on the next request.
    """

    @classmethod
    def setUpTestData(cls):
        cls.ca = make_jurisdiction(state="CA")
        cls.ny = make_jurisdiction(state="NY")
        # Relevance ties are broken by the default order: titles, summaries
        # and dates differ so that both matter.
        for n in range(11):
            make_ordinance(
                jurisdiction=cls.ca if n % 3 else cls.ny,
                slug=f"shield-{n}",
                title=f"Shield act {n}" if n % 2 else f"Budget {n}",
                summary="Shield " * (n % 4) + "of residents.",
                main_date=datetime.date(2024, 1 + n % 12, 1) if n % 5 else None,
            )
        make_ordinance(
            jurisdiction=cls.ca,
            slug="draft-shield",
            title="Shield act draft",
            publication_status="draft",
        )
        make_ordinance(jurisdiction=cls.ca, slug="other", title="Unrelated")

    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("ranking is PostgreSQL's")

    def pages(self, query):
        slugs, number = [], 1
        while True:
            response = self.client.get(f"/ordinances/?{query}&page={number}")
            self.assertEqual(response.status_code, 200)
            slugs.extend(cell(row, "slug") for row in response.context["object_list"])
            if not response.context["page_obj"].has_next():
                return slugs
            number += 1

    def expected(self, query):
        filterset = OrdinanceFilter(
            data=QueryDict(query), queryset=OrdinanceListView.queryset.all()
        )
        return list(filterset.qs.values_list("slug", flat=True))

    def test_pages_are_the_filtersets_rows_in_order(self):
        for query in ["q=shield", "q=shield&state=CA", "q=shield+-budget"]:
            with self.subTest(query=query):
                expected = self.expected(query)
                self.assertTrue(expected)
                self.assertNotIn("draft-shield", expected)
                self.assertEqual(self.pages(query), expected)

    def test_a_later_page_first_gives_the_same_rows(self):
        expected = self.expected("q=shield")
        response = self.client.get("/ordinances/?q=shield&page=3")
        self.assertEqual(
            [cell(row, "slug") for row in response.context["object_list"]],
            expected[8:12],
        )
        self.assertEqual(self.pages("q=shield"), expected)

    def test_an_edit_shows_on_the_next_request(self):
        self.client.get("/ordinances/?q=shield")
        make_ordinance(
            jurisdiction=self.ny, slug="new-shield", title="Shield shield shield"
        )
        response = self.client.get("/ordinances/?q=shield")
        self.assertEqual(cell(response.context["object_list"][0], "slug"), "new-shield")
        Ordinance.objects.filter(slug="new-shield").update(publication_status="draft")
        response = self.client.get("/ordinances/?q=shield")
        self.assertNotIn(
            "new-shield", [cell(row, "slug") for row in response.context["object_list"]]
        )
        self.assertEqual(self.pages("q=shield"), self.expected("q=shield"))

    def test_a_chosen_order_is_not_the_ranked_one(self):
        query = "q=shield&ordering=title"
        self.assertEqual(self.pages(query), self.expected(query))
        titles = [Ordinance.objects.get(slug=slug).title for slug in self.pages(query)]
        self.assertEqual(titles, sorted(titles))
