from django.core.management import call_command
from django.test import TestCase

from jurisdictions.models import (
    FederalStatement,
    Jurisdiction,
    Ordinance,
    SchoolDistrictResolution,
)


class LoadReferenceJurisdictionsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", verbosity=0)
        cls.before = Jurisdiction.objects.count()
        call_command("load_reference_jurisdictions", verbosity=0)

    def test_loads_every_state_dc_and_county_once(self):
        self.assertEqual(Jurisdiction.objects.filter(kind="state").count(), 51)
        # 3,143 counties and equivalents, less DC's, which is the state record.
        self.assertEqual(Jurisdiction.objects.filter(kind="county").count(), 3142)
        self.assertFalse(Jurisdiction.objects.filter(geoid="11001").exists())
        self.assertEqual(Jurisdiction.objects.get(geoid="11").kind, "state")

    def test_counties_link_to_their_states_and_cite_the_package(self):
        cook = Jurisdiction.objects.get(geoid="17031")
        self.assertEqual(cook.parent.geoid, "17")
        self.assertFalse(
            Jurisdiction.objects.filter(kind="county", parent=None).exists()
        )
        self.assertFalse(Jurisdiction.objects.filter(sources=None).exists())
        self.assertFalse(Jurisdiction.objects.drafts().exists())

    def test_merges_with_seed_records(self):
        la_county = Jurisdiction.objects.get(geoid="06037")
        self.assertEqual(la_county.slug, "los-angeles-county-ca")
        self.assertEqual(Jurisdiction.objects.filter(name="California").count(), 1)
        self.assertEqual(
            Jurisdiction.objects.get(slug="los-angeles-ca").parent, la_county
        )

    def test_is_idempotent(self):
        count = Jurisdiction.objects.count()
        # The seed holds the 51 states and 5 of the counties already.
        self.assertEqual(count, self.before + 3142 - 5)
        call_command("load_reference_jurisdictions", verbosity=0)
        self.assertEqual(Jurisdiction.objects.count(), count)

    def test_every_record_is_valid(self):
        for jurisdiction in Jurisdiction.objects.filter(geoid__startswith="06"):
            jurisdiction.full_clean()


class GenerateBenchDataTests(TestCase):
    def test_generates_valid_published_records_(self):
        args = [
            "--jurisdictions=3400",
            "--ordinances=300",
            "--resolutions=40",
            "--statements=30",
            "--sources=50",
        ]
        call_command("generate_bench_data", *args, verbosity=0)
        self.assertEqual(Jurisdiction.objects.count(), 3400)
        self.assertEqual(Ordinance.objects.published().count(), 300)
        self.assertEqual(SchoolDistrictResolution.objects.published().count(), 40)
        self.assertEqual(FederalStatement.objects.published().count(), 30)
        for model in (Ordinance, SchoolDistrictResolution, FederalStatement):
            self.assertFalse(model.objects.filter(sources=None).exists())
        self.assertTrue(Ordinance.objects.filter(provisions__isnull=False).exists())
        for ordinance in Ordinance.objects.all()[:50]:
            ordinance.full_clean()
        # bulk_create skips validation: every generated record must still be valid.
        for jurisdiction in Jurisdiction.objects.filter(slug__startswith="bench-")[
            :300
        ]:
            jurisdiction.full_clean()

    def test_inserts_more_rows_than_one_statement_can_bind(self):
        # 4,000 ordinances of 21 columns are 84,000 cells: over PostgreSQL's
        # 65,535 parameters for one INSERT with server-side binding.
        args = ["--jurisdictions=3300", "--ordinances=4000", "--sources=20"]
        call_command("generate_bench_data", *args, verbosity=0)
        self.assertEqual(Ordinance.objects.count(), 4000)
