"""An ordinance's `state` column follows its jurisdiction's, whatever writes them.

Database triggers (migration 0010) keep it, so the list's state filter can
read one index; these tests hold on SQLite and PostgreSQL alike.
"""

from django.db.models import F
from django.test import TestCase

from jurisdictions.models import Jurisdiction, Ordinance

from .factories import cell, make_jurisdiction, make_ordinance


def state_of(ordinance):
    return Ordinance.objects.values_list("state", flat=True).get(pk=ordinance.pk)


class OrdinanceStateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.la = make_jurisdiction(name="Los Angeles", state="CA")
        cls.nyc = make_jurisdiction(name="New York", state="NY")

    def test_a_new_ordinance_takes_its_jurisdictions_state(self):
        self.assertEqual(state_of(make_ordinance(jurisdiction=self.la)), "CA")
        (bulk,) = Ordinance.objects.bulk_create(
            [Ordinance(jurisdiction=self.nyc, title="Bulk", slug="bulk")]
        )
        self.assertEqual(state_of(bulk), "NY")

    def test_moving_an_ordinance_moves_its_state(self):
        ordinance = make_ordinance(jurisdiction=self.la)
        ordinance.jurisdiction = self.nyc
        ordinance.save()
        self.assertEqual(state_of(ordinance), "NY")
        Ordinance.objects.filter(pk=ordinance.pk).update(jurisdiction=self.la)
        self.assertEqual(state_of(ordinance), "CA")

    def test_a_jurisdiction_passes_a_new_state_to_its_ordinances(self):
        first, second = (
            make_ordinance(jurisdiction=self.la),
            make_ordinance(jurisdiction=self.la),
        )
        self.la.state = "NV"
        self.la.save()
        self.assertEqual([state_of(first), state_of(second)], ["NV", "NV"])
        Jurisdiction.objects.filter(pk=self.la.pk).update(state="AZ")
        self.assertEqual(state_of(first), "AZ")
        self.assertEqual(state_of(make_ordinance(jurisdiction=self.nyc)), "NY")

    def test_a_written_state_is_corrected(self):
        ordinance = make_ordinance(jurisdiction=self.la)
        Ordinance.objects.filter(pk=ordinance.pk).update(state="TX")
        self.assertEqual(state_of(ordinance), "CA")

    def test_every_ordinance_agrees_with_its_jurisdiction(self):
        for n in range(5):
            make_ordinance(jurisdiction=self.la if n % 2 else self.nyc)
        self.nyc.state = "NJ"
        self.nyc.save()
        self.assertFalse(
            Ordinance.objects.exclude(state=F("jurisdiction__state")).exists()
        )
        self.assertTrue(Ordinance.objects.filter(state="NJ").exists())

    def test_the_state_filter_keeps_the_jurisdictions_in_that_state(self):
        make_ordinance(jurisdiction=self.la, title="West")
        make_ordinance(jurisdiction=self.nyc, title="East")
        response = self.client.get("/ordinances/?state=CA")
        self.assertEqual(
            [cell(o, "title") for o in response.context["object_list"]], ["West"]
        )
