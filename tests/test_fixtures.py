import csv
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase

from jurisdictions.models import (
    FederalStatement,
    Jurisdiction,
    Ordinance,
    OrdinanceAction,
    Person,
    PolicyProvision,
    Quote,
    SchoolDistrictResolution,
    Source,
)

DOJ_CSV = Path(__file__).resolve().parent / "data" / "doj-sanctuary-list-2025-08-05.csv"
CURATED = [
    Jurisdiction,
    Person,
    Ordinance,
    SchoolDistrictResolution,
    FederalStatement,
    Quote,
]
ARTICLE = "Los Angeles Declares Itself An Immigration ‘Sanctuary’"


class SeedFixtureTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", verbosity=0)
        cls.article = Source.objects.get(title=ARTICLE)

    def test_every_record_is_published_and_cites_a_source(self):
        for model in CURATED:
            with self.subTest(model=model.__name__):
                self.assertTrue(model.objects.exists())
                self.assertFalse(model.objects.drafts().exists())
                self.assertFalse(model.objects.filter(sources=None).exists())
                for obj in model.objects.all():
                    obj.full_clean()
        self.assertFalse(OrdinanceAction.objects.filter(sources=None).exists())

    def test_provision_taxonomy_has_descriptions(self):
        self.assertEqual(PolicyProvision.objects.count(), 8)
        self.assertFalse(PolicyProvision.objects.filter(description="").exists())

    def test_los_angeles_parent_chain_and_children(self):
        la = Jurisdiction.objects.get(slug="los-angeles-ca")
        self.assertEqual((la.kind, la.state, la.geoid), ("city", "CA", "0644000"))
        self.assertEqual(
            [(j.name, j.kind, j.geoid) for j in la.ancestors()],
            [("Los Angeles County", "county", "06037"), ("California", "state", "06")],
        )
        lausd = Jurisdiction.objects.get(name="Los Angeles Unified School District")
        self.assertEqual(
            (lausd.kind, lausd.geoid, lausd.parent),
            (
                "school_district",
                "0622710",
                la,
            ),
        )

    def test_loaded_ordinances_carry_their_jurisdictions_state(self):
        # Copied by database triggers as the fixtures load (migration 0010).
        rows = Ordinance.objects.values_list("state", "jurisdiction__state")
        self.assertTrue(rows)
        for own, place in rows:
            self.assertEqual(own, place)

    def test_la_ordinance_and_its_2019_basis(self):
        ordinance = Ordinance.objects.get(slug="los-angeles-sanctuary-city-ordinance")
        self.assertEqual(ordinance.jurisdiction.slug, "los-angeles-ca")
        self.assertEqual(ordinance.status, "awaiting_signature")
        self.assertEqual(
            set(ordinance.provisions.values_list("slug", flat=True)),
            {
                "no-local-resources",
                "limited-facility-access",
                "limits-on-information-sharing",
                "sanctuary-declaration",
            },
        )
        basis = ordinance.based_on
        self.assertEqual(basis.instrument, "executive_order")
        self.assertIn("2019", basis.title)
        # The article gives no dates: none may be invented.
        for record in (ordinance, basis):
            self.assertEqual(
                (record.introduced_on, record.passed_on, record.effective_on),
                (None, None, None),
            )
        action = ordinance.actions.get()
        self.assertEqual((action.action, action.date), ("passed", None))
        self.assertIn(self.article, ordinance.sources.all())
        raman = Quote.objects.get(ordinance=ordinance)
        self.assertEqual(raman.person.name, "Nithya Raman")
        self.assertTrue(raman.is_paraphrase)
        bass = Person.objects.get(name="Karen Bass")
        self.assertEqual(bass.jurisdiction, ordinance.jurisdiction)

    def test_lausd_resolutions_and_goldberg_quote(self):
        resolution = SchoolDistrictResolution.objects.get()
        self.assertTrue(resolution.is_emergency)
        self.assertEqual(resolution.adopted_on, None)
        self.assertEqual(
            set(resolution.protected_groups),
            {"undocumented_students", "lgbtq_students", "immigrant_families"},
        )
        self.assertEqual(
            set(resolution.provisions.values_list("slug", flat=True)),
            {"student-family-protections", "staff-training"},
        )
        quote = resolution.quotes.get(is_paraphrase=False)
        self.assertEqual(quote.person.name, "Jackie Goldberg")
        self.assertTrue(quote.text.startswith("We’re not going to be running in fear."))

    def test_federal_statements_from_the_article(self):
        homan = FederalStatement.objects.get(speaker__name="Tom Homan")
        self.assertEqual(homan.venue, "Fox News interview")
        self.assertEqual(homan.speaker_role, "Border czar (designate)")
        self.assertTrue(homan.quote.startswith("Nothing will stop us"))
        trump = FederalStatement.objects.filter(speaker__name="Donald Trump")
        self.assertEqual(
            set(trump.values_list("kind", flat=True)),
            {"policy_announcement", "appointment"},
        )
        self.assertFalse(
            FederalStatement.objects.filter(sources=self.article)
            .exclude(made_on=None)
            .exists()
        )

    def test_doj_designation_targets_all_35_merged_with_la_records(self):
        with DOJ_CSV.open() as fh:
            rows = list(csv.DictReader(fh))
        self.assertEqual(len(rows), 35)
        designation = FederalStatement.objects.get(kind="designation")
        self.assertEqual(designation.speaker.name, "Pamela Bondi")
        self.assertEqual(str(designation.made_on), "2025-08-05")
        self.assertEqual(
            designation.quote,
            "Sanctuary policies impede law enforcement and put American citizens "
            "at risk by design.",
        )
        targets = {(j.name, j.kind, j.state) for j in designation.targets.all()}
        self.assertEqual(targets, {(r["name"], r["kind"], r["state"]) for r in rows})
        self.assertTrue(
            designation.sources.filter(
                url__startswith="https://www.justice.gov/"
            ).exists()
        )
        for name, kind in [
            ("Los Angeles", "city"),
            ("California", "state"),
            ("New York City", "city"),
            ("Boston", "city"),
        ]:
            with self.subTest(name=name):
                merged = Jurisdiction.objects.get(name=name, kind=kind)
                if kind == "city":
                    self.assertIn(self.article, merged.sources.all())
                self.assertTrue(
                    merged.sources.filter(publisher__contains="Justice").exists()
                )

    def test_state_and_county_geoids_come_from_fips(self):
        self.assertEqual(
            Jurisdiction.objects.get(slug="district-of-columbia").geoid, "11"
        )
        self.assertEqual(Jurisdiction.objects.get(name="Cook County").geoid, "17031")
        for j in Jurisdiction.objects.filter(kind="city", state="NJ"):
            self.assertEqual(j.parent, None)

    def test_load_seed_keeps_existing_data(self):
        la = Jurisdiction.objects.get(slug="los-angeles-ca")
        la.summary = "Edited by an editor."
        la.save()
        call_command("load_seed", verbosity=0)
        la.refresh_from_db()
        self.assertEqual(la.summary, "Edited by an editor.")
