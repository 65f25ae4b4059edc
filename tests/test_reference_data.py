import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase

from jurisdictions.models import (
    FederalStatement,
    Jurisdiction,
    Ordinance,
    SchoolDistrictResolution,
    Source,
)


@pytest.mark.usefixtures("module_seed")
class LoadReferenceJurisdictionsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.before = Jurisdiction.objects.count()
        cls.seeded_counties = Jurisdiction.objects.filter(kind="county").count()
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
        # The seed holds the 51 states and 15 of the counties already.
        self.assertEqual(self.seeded_counties, 15)
        self.assertEqual(count, self.before + 3142 - self.seeded_counties)
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

    def test_makes_every_resolution_asked_for_when_no_district_is_drawn(self):
        call_command("load_reference_jurisdictions", verbosity=0)
        existing = Jurisdiction.objects.count()
        self.assertFalse(Jurisdiction.objects.school_districts().exists())
        # Seed 1 draws a city for the one jurisdiction added: the old command
        # then had no district and made no resolution, silently.
        args = [
            f"--jurisdictions={existing + 1}",
            "--ordinances=0",
            "--resolutions=50",
            "--statements=0",
            "--sources=5",
            "--seed=1",
        ]
        call_command("generate_bench_data", *args, verbosity=0)
        self.assertEqual(Jurisdiction.objects.count(), existing + 1)
        self.assertEqual(SchoolDistrictResolution.objects.published().count(), 50)
        self.assertEqual(Jurisdiction.objects.school_districts().count(), 1)

    def assertRefuses(self, message, *args):
        """The command fails with `message` and writes no bench record."""
        with self.assertRaisesMessage(CommandError, message):
            call_command("generate_bench_data", *args, verbosity=0)
        self.assertFalse(Jurisdiction.objects.filter(slug__startswith="bench-"))
        self.assertFalse(Source.objects.filter(url__contains="/bench/"))
        for model in (Ordinance, SchoolDistrictResolution, FederalStatement):
            self.assertFalse(model.objects.exists(), model)

    def test_refuses_resolutions_when_no_district_can_be_added(self):
        call_command("load_reference_jurisdictions", verbosity=0)
        existing = Jurisdiction.objects.count()
        self.assertRefuses(
            "Cannot make 50 resolutions: no school district exists",
            f"--jurisdictions={existing}",
            "--ordinances=10",
            "--resolutions=50",
            "--statements=5",
            "--sources=5",
        )

    def test_refuses_a_total_below_the_jurisdictions_present(self):
        self.assertRefuses(
            "--jurisdictions is a total",
            "--jurisdictions=100",
            "--ordinances=10",
            "--resolutions=0",
            "--statements=0",
            "--sources=5",
        )

    def test_refuses_records_without_sources_and_negative_counts(self):
        base = ["--jurisdictions=3300", "--resolutions=0", "--statements=0"]
        self.assertRefuses(
            "--sources must be 1 or more", *base, "--ordinances=10", "--sources=0"
        )
        self.assertRefuses(
            "--ordinances must be 0 or more", *base, "--ordinances=-5", "--sources=5"
        )

    def test_a_second_run_adds_exactly_what_it_is_asked_for(self):
        args = [
            "--ordinances=20",
            "--resolutions=10",
            "--statements=10",
            "--sources=10",
        ]
        call_command("generate_bench_data", "--jurisdictions=3300", *args, verbosity=0)
        call_command("generate_bench_data", "--jurisdictions=3350", *args, verbosity=0)
        self.assertEqual(Jurisdiction.objects.count(), 3350)
        self.assertEqual(Ordinance.objects.count(), 40)
        self.assertEqual(SchoolDistrictResolution.objects.count(), 20)
        self.assertEqual(FederalStatement.objects.count(), 20)
        self.assertEqual(Source.objects.filter(url__contains="/bench/").count(), 20)
