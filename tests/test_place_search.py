"""Finding a place by name (/places/) and naming one in the lists' filters."""

import csv
import io
import re
import unittest

import feedparser
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.urls import reverse

from jurisdictions.models import Jurisdiction
from jurisdictions.models.places import EXACT, NEAR, PREFIX, WORDS, name_key

from .factories import (
    make_case,
    make_jurisdiction,
    make_ordinance,
    make_person,
    make_resolution,
    make_school_district,
    make_statement,
)

PLACES = reverse("jurisdictions:place-search")


def result_links(response):
    """The jurisdiction pages the results link to, in order."""
    found = re.search(r'<ol class="place-results">(.*?)</ol>', response.text, re.S)
    return re.findall(r'href="/jurisdictions/([^/"]+)/"', found[1]) if found else []


class NameKeyTests(TestCase):
    def test_accents_case_and_punctuation_are_ignored(self):
        self.assertEqual(name_key("Doña  Ana County"), "dona ana county")
        self.assertEqual(name_key("St. Mary’s"), "st mary s")
        self.assertEqual(name_key("  "), "")

    def test_every_way_in_keeps_the_key(self):
        place = make_jurisdiction(name="Cañon City", slug="canon-city-co", state="CO")
        self.assertEqual(place.name_key, "canon city")
        place.name = "Cañon City Town"
        place.save()
        place.refresh_from_db()
        self.assertEqual(place.name_key, "canon city town")
        (bulk,) = Jurisdiction.objects.bulk_create(
            [Jurisdiction(name="Española", slug="espanola-nm", kind="city", state="NM")]
        )
        self.assertEqual(
            Jurisdiction.objects.get(slug="espanola-nm").name_key, "espanola"
        )

    def test_fixtures_load_with_their_keys(self):
        call_command("load_seed", verbosity=0)
        self.assertFalse(Jurisdiction.objects.filter(name_key="").exists())
        self.assertEqual(
            Jurisdiction.objects.get(slug="los-angeles-ca").name_key, "los angeles"
        )


class PlaceSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.springfields = [
            make_jurisdiction(
                name="Springfield",
                slug=f"springfield-{s.lower()}",
                state=s,
                population=p,
            )
            for s, p in (("IL", 114_000), ("MA", 155_000), ("MO", 169_000))
        ]
        cls.prefix = make_jurisdiction(
            name="Springfield Township", slug="springfield-township-pa", state="PA"
        )
        cls.words = make_jurisdiction(
            name="West Springfield", slug="west-springfield-ma", state="MA"
        )
        cls.draft = make_jurisdiction(
            name="Springfield Gardens",
            slug="springfield-gardens-ny",
            state="NY",
            publication_status="draft",
        )
        cls.city = make_jurisdiction(
            name="Los Angeles", slug="los-angeles-ca", population=3_800_000
        )
        cls.county = make_jurisdiction(
            name="Los Angeles County",
            slug="los-angeles-county-ca",
            kind="county",
            population=9_700_000,
        )
        cls.district = make_school_district(
            name="Los Angeles Unified School District",
            slug="los-angeles-unified-school-district-ca",
        )
        cls.dona_ana = make_jurisdiction(
            name="Doña Ana County", slug="dona-ana-county-nm", kind="county", state="NM"
        )

    def search(self, query, status=200):
        response = self.client.get(PLACES, {"q": query})
        self.assertEqual(response.status_code, status, query)
        return response

    def test_exact_then_prefix_then_words(self):
        response = self.search("springfield")
        self.assertEqual(
            result_links(response),
            [
                # Every state's Springfield, biggest first, then the rest.
                "springfield-mo",
                "springfield-ma",
                "springfield-il",
                "springfield-township-pa",
                "west-springfield-ma",
            ],
        )
        matches = [place.match for place in response.context["places"]]
        self.assertEqual(matches, [EXACT, EXACT, EXACT, PREFIX, WORDS])
        # Kind and state beside each result.
        self.assertContains(response, "City, Missouri")
        self.assertContains(response, "5 places named like “springfield”")

    def test_los_angeles_offers_the_city_county_and_school_district(self):
        response = self.search("Los Angeles")
        self.assertEqual(
            result_links(response),
            [
                "los-angeles-ca",
                "los-angeles-county-ca",
                "los-angeles-unified-school-district-ca",
            ],
        )
        self.assertContains(response, "School district, California")

    def test_words_in_any_place_of_the_name(self):
        response = self.search("school angeles")
        self.assertEqual(
            result_links(response), ["los-angeles-unified-school-district-ca"]
        )
        self.assertEqual(response.context["places"][0].match, WORDS)

    def test_accents_and_case_are_ignored(self):
        response = self.search("DONA ana county", status=302)
        self.assertRedirects(
            response, self.dona_ana.get_absolute_url(), fetch_redirect_response=False
        )

    def test_one_exact_match_opens_its_page(self):
        for query in ("Los Angeles County", "los-angeles-county-ca"):
            with self.subTest(query=query):
                self.assertRedirects(
                    self.search(query, status=302),
                    self.county.get_absolute_url(),
                    fetch_redirect_response=False,
                )

    def test_a_single_result_that_is_not_exact_is_listed(self):
        response = self.search("Springfield Town")
        self.assertEqual(result_links(response), ["springfield-township-pa"])

    def test_a_draft_is_never_found(self):
        response = self.search("springfield gardens")
        # PostgreSQL offers the published Springfields as near spellings.
        self.assertNotIn("springfield-gardens-ny", result_links(response))
        self.assertContains(response, "No place is named like “springfield gardens”")
        self.assertNotContains(response, "springfield-gardens-ny")
        # Nor by its slug.
        self.assertNotIn(
            "springfield-gardens-ny",
            result_links(self.search("springfield-gardens-ny")),
        )

    def test_empty_and_unmatched_queries(self):
        self.assertEqual(result_links(self.search("")), [])
        self.assertEqual(result_links(self.search("Atlantis")), [])
        self.assertContains(
            self.search("Atlantis"), "No place is named like “Atlantis”"
        )
        self.assertEqual(result_links(self.search("?!")), [])

    def test_too_long_a_query_is_a_clear_400(self):
        response = self.search("x" * 201, status=400)
        self.assertContains(
            response, "Ensure this value has at most 200 characters", status_code=400
        )
        self.assertEqual(result_links(response), [])

    def test_a_bad_page_is_a_clear_400(self):
        for page, message in (
            ("7", "There is no page 7 of these results."),
            ("x", "Enter a whole number."),
            ("0", "Ensure this value is greater than or equal to 1."),
        ):
            with self.subTest(page=page):
                response = self.client.get(PLACES, {"q": "springfield", "page": page})
                self.assertContains(response, message, status_code=400)
                self.assertEqual(result_links(response), [])
        second = self.client.get(PLACES, {"q": "springfield", "page": "1"})
        self.assertEqual(len(result_links(second)), 5)

    @unittest.skipUnless(connection.vendor == "postgresql", "trigram similarity")
    def test_a_near_spelling_comes_last(self):
        response = self.search("Los Angles")
        self.assertEqual(result_links(response)[0], "los-angeles-ca")
        self.assertEqual(response.context["places"][0].match, NEAR)
        self.assertContains(response, "No place is named like “Los Angles”")
        self.assertContains(response, "spelled nearly like it")
        # Only when nothing matches: a real match hides near spellings.
        self.assertEqual(
            {p.match for p in self.search("Los Angeles").context["places"]},
            {EXACT, PREFIX},
        )

    def test_the_home_page_opens_with_the_box(self):
        page = self.client.get("/").text
        box = page.index('<form class="place-search"')
        self.assertLess(box, page.index('class="lede"'))
        self.assertIn(f'action="{PLACES}"', page)
        self.assertIn(
            '<label for="id_q">Find a city, county, state or school district</label>',
            page,
        )


def rows_of(client, url, params):
    """(status, slugs) of a list's HTML page, CSV, API and feed for `params`."""
    html = client.get(url, params)
    export = client.get(url.rstrip("/") + ".csv", params)
    api = client.get("/api/v1" + url, params)
    feed = client.get(url.rstrip("/") + ".atom", params)
    result = {}
    if html.status_code == 200:
        result["html"] = sorted(
            row["slug"] if isinstance(row, dict) else row.slug
            for row in html.context["page_obj"]
        )
    else:
        result["html"] = html.status_code
    if export.status_code == 200:
        text = b"".join(export.streaming_content).decode("utf-8-sig")
        result["csv"] = sorted(r["slug"] for r in csv.DictReader(io.StringIO(text)))
    else:
        result["csv"] = export.status_code
    if api.status_code == 200:
        result["api"] = sorted(r["slug"] for r in api.json()["results"])
    else:
        result["api"] = api.status_code
    if feed.status_code == 200:
        entries = feedparser.parse(feed.content).entries
        result["feed"] = sorted(e.link.rstrip("/").rsplit("/", 1)[1] for e in entries)
    else:
        result["feed"] = feed.status_code
    return result


class NameOrSlugFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.city = make_jurisdiction(name="Los Angeles", slug="los-angeles-ca")
        cls.county = make_jurisdiction(
            name="Los Angeles County", slug="los-angeles-county-ca", kind="county"
        )
        cls.lonely = make_jurisdiction(name="Pasadena", slug="pasadena-ca")
        make_jurisdiction(
            name="Pasadena Heights",
            slug="pasadena-heights-ca",
            publication_status="draft",
        )
        cls.district = make_school_district(
            name="Foothill Unified", slug="foothill-unified-ca"
        )
        cls.ordinances = {
            place.slug: make_ordinance(jurisdiction=place, slug=f"ord-{place.slug}")
            for place in (cls.city, cls.county, cls.lonely)
        }
        make_resolution(district=cls.district, slug="res-pasadena")
        homan = make_person(name="Tom Homan", slug="tom-homan", is_federal=True)
        make_person(name="Thomas Example", slug="thomas-example", is_federal=True)
        make_statement(speaker=homan, targets=[cls.lonely], slug="st-homan")
        make_case(plaintiffs=[cls.lonely], slug="case-pasadena")

    def assertSameEverywhere(self, url, params, expected):
        got = rows_of(self.client, url, params)
        self.assertEqual(got, dict.fromkeys(("html", "csv", "api", "feed"), expected))

    def test_a_name_that_fits_one_record_filters_by_it(self):
        cases = [
            ("/ordinances/", {"jurisdiction": "pasadena"}, ["ord-pasadena-ca"]),
            ("/ordinances/", {"jurisdiction": "Pasadena-ca"}, 400),  # slugs are exact
            ("/resolutions/", {"district": "foothill unified"}, ["res-pasadena"]),
            ("/statements/", {"speaker": "tom homan"}, ["st-homan"]),
            ("/statements/", {"target": "Pasadena"}, ["st-homan"]),
            ("/cases/", {"jurisdiction": "PASADENA"}, ["case-pasadena"]),
            (
                "/ordinances/",
                {"jurisdiction": "Los Angeles County, pasadena"},
                ["ord-los-angeles-county-ca", "ord-pasadena-ca"],
            ),
        ]
        for url, params, expected in cases:
            with self.subTest(url=url, params=params):
                self.assertSameEverywhere(url, params, expected)

    def test_a_name_that_fits_several_asks_which_one(self):
        for url, params in (
            ("/ordinances/", {"jurisdiction": "Los Angeles"}),
            ("/statements/", {"speaker": "t"}),
        ):
            with self.subTest(url=url, params=params):
                self.assertSameEverywhere(url, params, 400)
        page = self.client.get("/ordinances/", {"jurisdiction": "Los Angeles"})
        self.assertEqual(page.status_code, 400)
        self.assertEqual(list(page.context["page_obj"]), [])
        error = page.context["filter"].form.errors["jurisdiction"][0]
        self.assertIn("“Los Angeles” names 2 records", error)
        self.assertIn("Los Angeles, CA (los-angeles-ca)", error)
        self.assertIn("Los Angeles County, CA (los-angeles-county-ca)", error)
        # At the field, and in the summary above the list.
        self.assertContains(page, "names 2 records", count=2, status_code=400)
        self.assertNotContains(page, "ord-los-angeles-ca", status_code=400)

    def test_the_slug_still_names_exactly_its_record(self):
        self.assertSameEverywhere(
            "/ordinances/", {"jurisdiction": "los-angeles-ca"}, ["ord-los-angeles-ca"]
        )

    def test_a_draft_name_is_not_a_choice(self):
        # "Pasadena" would name the draft Pasadena Heights too, if drafts counted.
        response = self.client.get("/ordinances/", {"jurisdiction": "Pasadena Heights"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(
            response,
            "No published record has the slug “Pasadena Heights”",
            status_code=400,
        )
