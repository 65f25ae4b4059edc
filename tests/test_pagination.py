from unittest import mock

from django.test import TestCase

from jurisdictions.models import Ordinance
from jurisdictions.pagination import CappedPaginator

from .factories import make_jurisdiction, make_ordinance, make_provision


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
