"""The seed: the LA article corrected by the official record, the DOJ list with
its dated entries, federal actions and court cases (../shared/reference)."""

import csv
import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import TestCase

from jurisdictions import stances
from jurisdictions.models import (
    Case,
    FederalStatement,
    Jurisdiction,
    ListEntry,
    Ordinance,
    OrdinanceAction,
    Person,
    PolicyProvision,
    Quote,
    Role,
    SchoolDistrictResolution,
    Source,
)

DOJ_CSV = Path(__file__).resolve().parent / "data" / "doj-sanctuary-list-2025-08-05.csv"
CURATED = [
    Jurisdiction,
    Person,
    Role,
    Ordinance,
    SchoolDistrictResolution,
    FederalStatement,
    Quote,
    ListEntry,
    Case,
]
ARTICLE = "Los Angeles Declares Itself An Immigration ‘Sanctuary’"
# Checked against the reference on 2 Dec 2026, and again where the
# reference was re-sourced on 7 Dec 2026.
CHECKED = {datetime.date(2026, 12, 2), datetime.date(2026, 12, 7)}
# The reference README's publication rule: pages on these hosts (or at a bare
# IP address) are leads, never enough on their own to publish a record.
LEAD_ONLY = {
    "visaverge.com",
    "particle.news",
    "particlenews.pages.dev",
    "civicintelligence.news",
    "paprclips.com",
    "daily8.com",
    "blackchronicle.com",
    "latfusa.com",
    "ground.news",
    "legalclarity.org",
    "legalfix.com",
    "4ever.news",
    "deshsewak.org",
    "newsfinale.com",
    "usa-today-news.com",
    "thereport.be",
    "tippinsights.com",
    "nybaynews.com",
    "etud.net",
}


def is_lead_only(url):
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    return host in LEAD_ONLY or host.replace(".", "").isdigit()


@pytest.mark.usefixtures("module_seed")
class SeedFixtureTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = Source.objects.get(title=ARTICLE)

    def test_every_published_record_cites_an_established_source(self):
        for model in CURATED:
            with self.subTest(model=model.__name__):
                published = model.objects.published()
                self.assertTrue(published.exists())
                self.assertFalse(published.filter(sources=None).exists())
                for record in published.prefetch_related("sources"):
                    urls = [s.url for s in record.sources.all() if s.url]
                    # The article itself is a print-like source with no address.
                    if urls:
                        self.assertTrue(
                            any(not is_lead_only(url) for url in urls),
                            f"{record} rests on lead-only hosts: {urls}",
                        )
                for obj in model.objects.all():
                    obj.full_clean()
        self.assertFalse(OrdinanceAction.objects.filter(sources=None).exists())

    def test_drafts_carry_notes_for_editors(self):
        for model in CURATED:
            for draft in model.objects.drafts():
                with self.subTest(record=str(draft)):
                    self.assertTrue(draft.editor_notes.strip())

    def test_every_record_was_checked_against_the_reference_today(self):
        for model in CURATED:
            with self.subTest(model=model.__name__):
                self.assertLessEqual(
                    set(model.objects.values_list("last_verified_on", flat=True)),
                    CHECKED,
                )

    def test_provision_taxonomy_gains_the_anti_sanctuary_provisions(self):
        self.assertEqual(PolicyProvision.objects.count(), 13)
        self.assertFalse(PolicyProvision.objects.filter(description="").exists())
        self.assertEqual(
            dict(
                PolicyProvision.objects.filter(
                    category__in=["sanctuary_ban", "cooperation_mandate"]
                ).values_list("slug", "category")
            ),
            {
                "bans-sanctuary-policies": "sanctuary_ban",
                "penalties-for-officials": "sanctuary_ban",
                "requires-detainer-compliance": "cooperation_mandate",
                "requires-287g-agreements": "cooperation_mandate",
                "requires-information-sharing": "cooperation_mandate",
            },
        )

    def test_parent_chains(self):
        la = Jurisdiction.objects.get(slug="los-angeles-ca")
        self.assertEqual(
            [(j.name, j.kind, j.geoid) for j in la.ancestors()],
            [("Los Angeles County", "county", "06037"), ("California", "state", "06")],
        )
        lausd = Jurisdiction.objects.get(slug="los-angeles-unified-school-district-ca")
        # An independent district in the county, not part of the city.
        self.assertEqual(lausd.parent.slug, "los-angeles-county-ca")
        self.assertEqual((lausd.kind, lausd.geoid), ("school_district", "0622710"))

    def test_loaded_ordinances_carry_their_jurisdictions_state(self):
        rows = Ordinance.objects.values_list("state", "jurisdiction__state")
        self.assertTrue(rows)
        for own, place in rows:
            self.assertEqual(own, place)

    def test_la_ordinance_as_the_official_record_has_it(self):
        ordinance = Ordinance.objects.get(slug="los-angeles-sanctuary-city-ordinance")
        self.assertEqual(
            (ordinance.status, ordinance.number, ordinance.council_file),
            ("in_effect", "188441", ""),
        )
        self.assertEqual(ordinance.passed_on, datetime.date(2024, 12, 4))
        self.assertTrue(ordinance.urgency_clause)
        # No source read gives the signature or the effective day.
        self.assertEqual((ordinance.signed_on, ordinance.effective_on), (None, None))
        votes = [
            (a.action, a.date, a.votes_for, a.votes_against, a.votes_absent)
            for a in ordinance.actions.filter(action__startswith="passed")
        ]
        self.assertEqual(
            votes,
            [
                ("passed_first_reading", datetime.date(2024, 11, 19), 13, 0, 2),
                ("passed", datetime.date(2024, 12, 4), 12, 0, 3),
            ],
        )
        self.assertIn(self.article, ordinance.sources.all())
        self.assertIn("The article (November 2024) reported", ordinance.earlier_report)
        self.assertIn("awaiting", ordinance.earlier_report)
        self.assertNotIn("awaiting", ordinance.summary)

    def test_directive_of_2017_and_resolution_of_2019_are_two_records(self):
        ordinance = Ordinance.objects.get(slug="los-angeles-sanctuary-city-ordinance")
        directive = ordinance.based_on
        self.assertEqual(
            (directive.instrument, directive.number, directive.passed_on),
            (
                "executive_order",
                "Executive Directive No. 20",
                datetime.date(2017, 3, 21),
            ),
        )
        resolution = Ordinance.objects.get(
            slug="los-angeles-city-of-sanctuary-resolution-2019"
        )
        self.assertEqual(
            (resolution.instrument, resolution.passed_on),
            ("resolution", datetime.date(2019, 2, 8)),
        )
        self.assertEqual(
            (resolution.introduced_on, resolution.introduced_on_precision),
            (datetime.date(2017, 9, 1), "month"),
        )
        self.assertFalse(
            Ordinance.objects.filter(title__icontains="2019 executive order").exists()
        )
        for record in (directive, resolution):
            self.assertIn("The article (November 2024)", record.earlier_report)

    def test_lausd_2024_resolution_links_2017_one_as_an_unconfirmed_draft(self):
        latest = SchoolDistrictResolution.objects.get(
            slug="lausd-emergency-sanctuary-resolutions"
        )
        self.assertTrue(latest.is_published)
        self.assertEqual(latest.adopted_on, datetime.date(2024, 11, 19))
        earlier = latest.reaffirms
        self.assertEqual(
            (earlier.number, earlier.adopted_on),
            ("Res-093-16/17", datetime.date(2017, 5, 9)),
        )
        self.assertFalse(latest.reaffirms_confirmed)
        self.assertFalse(earlier.is_published)

    def test_quotes_keep_the_titles_their_source_gave(self):
        self.assertEqual(
            set(Quote.objects.values_list("person__name", "speaker_role")),
            {
                ("Nithya Raman", "Council member"),
                ("Jackie Goldberg", "Board president"),
            },
        )
        # People's own titles are not stale claims about today.
        self.assertFalse(Person.objects.exclude(title="").exists())

    def test_dated_roles(self):
        trump = Person.objects.get(slug="donald-trump")
        self.assertEqual(
            trump.role_on(datetime.date(2024, 11, 10)).title,
            "President-elect of the United States",
        )
        self.assertEqual(
            trump.role_on(datetime.date(2025, 1, 20)).title,
            "President of the United States",
        )
        goldberg = Person.objects.get(slug="jackie-goldberg")
        self.assertEqual(
            goldberg.role_on(datetime.date(2024, 11, 19)).title,
            "President, Los Angeles Unified Board of Education",
        )
        self.assertIsNone(goldberg.current_role())
        self.assertIsNone(goldberg.role_on(datetime.date(2025, 1, 1)))
        appointment = FederalStatement.objects.get(
            slug="trump-appoints-tom-homan-border-czar"
        )
        self.assertEqual(appointment.made_on, datetime.date(2024, 11, 10))
        self.assertEqual(
            appointment.speaker_title(), "President-elect of the United States"
        )

    def test_doj_list_has_its_35_dated_entries_with_two_removals(self):
        with DOJ_CSV.open() as fh:
            rows = list(csv.DictReader(fh))
        self.assertEqual(len(rows), 35)
        designation = FederalStatement.objects.get(
            slug="doj-sanctuary-jurisdiction-list-2025"
        )
        entries = designation.entries.select_related("jurisdiction")
        self.assertEqual(
            {
                (e.jurisdiction.name, e.jurisdiction.kind, e.jurisdiction.state)
                for e in entries
            },
            {(r["name"], r["kind"], r["state"]) for r in rows},
        )
        self.assertEqual({e.listed_on for e in entries}, {datetime.date(2025, 8, 5)})
        removed = {e.jurisdiction.slug: e.removed_on for e in entries if e.removed_on}
        self.assertEqual(
            removed,
            {
                "nevada": datetime.date(2025, 9, 26),
                "baltimore-county-md": datetime.date(2025, 10, 31),
            },
        )
        self.assertEqual(designation.entries.current().count(), 33)
        for entry in entries:
            if entry.removed_on:
                self.assertTrue(entry.removal_note)
        self.assertIn("nine characteristics", designation.summary)
        self.assertTrue(
            designation.sources.filter(
                url__startswith="https://www.justice.gov/"
            ).exists()
        )

    def test_a_designation_sets_no_stance(self):
        listed = Jurisdiction.objects.filter(list_entries__isnull=False).distinct()
        self.assertEqual(listed.count(), 35)
        for place in listed:
            with self.subTest(place=place.slug):
                # What its own instruments in force give, listed or not.
                self.assertEqual(place.stance, stances.evidence_for(place).stance)
                self.assertNotIn("Justice", place.stance_note)
        # A listed place with no instrument of its own in force is unknown.
        self.assertEqual(
            listed.get(slug="paterson-nj").stance, "unknown", "listed, no own record"
        )

    def test_every_seeded_stance_is_what_its_own_instruments_give(self):
        self.assertFalse(Jurisdiction.objects.stance_differs_from_evidence().exists())
        self.assertEqual(
            dict(
                Jurisdiction.objects.exclude(stance="unknown").values_list(
                    "slug", "stance"
                )
            ),
            {
                "alabama": "anti_sanctuary",
                "albuquerque-nm": "sanctuary",
                "arizona": "anti_sanctuary",
                "arkansas": "anti_sanctuary",
                "baltimore-county-md": "cooperative",
                "boston-ma": "limited",
                "california": "sanctuary",
                "chicago-il": "sanctuary",
                "colorado": "sanctuary",
                "connecticut": "limited",
                "cook-county-il": "limited",
                "delaware": "sanctuary",
                "denver-co": "sanctuary",
                "district-of-columbia": "limited",
                "east-lansing-mi": "limited",
                "florida": "anti_sanctuary",
                "georgia": "anti_sanctuary",
                "hoboken-nj": "sanctuary",
                "idaho": "cooperative",
                "illinois": "sanctuary",
                "indiana": "anti_sanctuary",
                "iowa": "anti_sanctuary",
                "jersey-city-nj": "sanctuary",
                "kansas": "anti_sanctuary",
                "los-angeles-ca": "sanctuary",
                "los-angeles-county-ca": "sanctuary",
                "los-angeles-unified-school-district-ca": "limited",
                "louisiana": "anti_sanctuary",
                "maine": "limited",
                "maryland": "limited",
                "massachusetts": "sanctuary",
                "minneapolis-mn": "sanctuary",
                "mississippi": "anti_sanctuary",
                "missouri": "anti_sanctuary",
                "montana": "anti_sanctuary",
                "nebraska": "cooperative",
                "new-hampshire": "anti_sanctuary",
                "new-jersey": "sanctuary",
                "new-mexico": "limited",
                "new-york": "limited",
                "new-york-city-ny": "sanctuary",
                "newark-nj": "sanctuary",
                "north-carolina": "anti_sanctuary",
                "ohio": "anti_sanctuary",
                "oregon": "sanctuary",
                "philadelphia-pa": "limited",
                "saint-paul-mn": "limited",
                "san-diego-county-ca": "sanctuary",
                "san-francisco-county-ca": "sanctuary",
                "seattle-wa": "limited",
                "south-carolina": "anti_sanctuary",
                "south-dakota": "anti_sanctuary",
                "tennessee": "anti_sanctuary",
                "texas": "anti_sanctuary",
                "vermont": "sanctuary",
                "virginia": "limited",
                "washington": "sanctuary",
                "west-virginia": "anti_sanctuary",
                "wyoming": "anti_sanctuary",
            },
        )

    def test_dhs_list_reads_as_withdrawn(self):
        dhs = FederalStatement.objects.get(slug="dhs-sanctuary-jurisdictions-list-2025")
        self.assertEqual(dhs.kind, "designation")
        self.assertEqual(dhs.withdrawn_on, datetime.date(2025, 6, 1))
        self.assertTrue(dhs.withdrawal_note)
        self.assertFalse(dhs.entries.exists())

    def test_us_v_los_angeles_is_a_case(self):
        case = Case.objects.get(slug="united-states-v-city-of-los-angeles")
        self.assertTrue(case.is_published)
        self.assertEqual(
            (case.docket, case.filed_on, case.status, case.judge),
            (
                "2:25-cv-05917",
                datetime.date(2025, 6, 30),
                "dismissed",
                "Fernando M. Olguin",
            ),
        )
        # Only a lead-only page gives the day; the month is what stands.
        self.assertEqual(
            (case.decided_on, case.decided_on_precision),
            (datetime.date(2026, 6, 1), "month"),
        )
        self.assertEqual(
            list(case.challenged.values_list("number", flat=True)), ["188441"]
        )
        self.assertEqual(
            list(case.defendants.values_list("slug", flat=True)), ["los-angeles-ca"]
        )

    def test_only_cases_the_publication_rule_allows_are_published(self):
        self.assertEqual(
            set(Case.objects.published().values_list("slug", flat=True)),
            {
                "california-v-department-of-transportation",
                "chelsea-and-somerville-v-trump",
                "city-of-el-cenizo-v-texas",
                "city-of-south-miami-v-desantis",
                "illinois-v-fema",
                "king-county-v-turner",
                "lunn-v-commonwealth",
                "minnesota-v-homeland-security-metro-surge",
                "ramon-v-short",
                "san-francisco-v-trump",
                "states-v-department-of-justice-voca-grant-conditions",
                "united-states-v-california-no-secret-police-act",
                "united-states-v-city-of-los-angeles",
                "united-states-v-city-of-new-york",
                "united-states-v-city-of-rochester",
                "united-states-v-colorado",
                "united-states-v-illinois",
                "united-states-v-illinois-bivens-act",
                "united-states-v-minnesota",
                "united-states-v-new-jersey-executive-order-12",
                "united-states-v-new-jersey-immigrant-trust-directive",
                "united-states-v-new-york-green-light-law",
                "united-states-v-new-york-protect-our-courts-act",
            },
        )

    def test_load_seed_keeps_existing_data(self):
        la = Jurisdiction.objects.get(slug="los-angeles-ca")
        la.summary = "Edited by an editor."
        la.save()
        call_command("load_seed", verbosity=0)
        la.refresh_from_db()
        self.assertEqual(la.summary, "Edited by an editor.")

    def test_forced_reload_duplicates_nothing(self):
        counts = {model: model.objects.count() for model in [*CURATED, Source]}
        call_command("load_seed", "--force", verbosity=0)
        self.assertEqual({model: model.objects.count() for model in counts}, counts)

    # Notes for editors ride on published records but never leave the admin.
    # (In the seeded class: on PostgreSQL, Django closes the connection after
    # each test class, which would end the module's seed transaction.)
    NOTES = ["clerk.lacity.gov", "BoardDocs", "CourtListener for an amended"]

    def test_the_seed_notes_exist_on_published_records(self):
        for phrase in self.NOTES:
            with self.subTest(phrase=phrase):
                self.assertTrue(
                    any(
                        model.objects.published()
                        .filter(editor_notes__contains=phrase)
                        .exists()
                        for model in CURATED
                    )
                )

    def test_no_public_page_export_or_api_shows_them(self):
        from django.urls import reverse

        urls = [
            "/ordinances/los-angeles-sanctuary-city-ordinance/",
            "/resolutions/lausd-emergency-sanctuary-resolutions/",
            "/cases/united-states-v-city-of-los-angeles/",
            reverse("jurisdictions:ordinance-csv"),
            reverse("jurisdictions:resolution-csv"),
            reverse("jurisdictions:case-csv"),
            "/api/v1/ordinances/los-angeles-sanctuary-city-ordinance/",
            "/api/v1/cases/united-states-v-city-of-los-angeles/",
            reverse("jurisdictions:dataset-zip"),
        ]
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                content = (
                    b"".join(response.streaming_content)
                    if response.streaming
                    else response.content
                )
                if url.endswith(".zip"):
                    import io
                    import zipfile

                    with zipfile.ZipFile(io.BytesIO(content)) as archive:
                        content = b"".join(
                            archive.read(name) for name in archive.namelist()
                        )
                for phrase in self.NOTES:
                    self.assertNotIn(phrase.encode(), content)
