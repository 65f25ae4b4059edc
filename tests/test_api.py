import datetime
import json
import re
from unittest import mock

from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.validation import validate_schema
from rest_framework.throttling import AnonRateThrottle

from jurisdictions.filters import (
    JurisdictionFilter,
    OrdinanceFilter,
    ResolutionFilter,
    StatementFilter,
)
from jurisdictions.models import Jurisdiction

from .factories import (
    make_action,
    make_jurisdiction,
    make_ordinance,
    make_person,
    make_provision,
    make_quote,
    make_resolution,
    make_school_district,
    make_source,
    make_statement,
)

D = datetime.date
LISTS = ["jurisdiction", "ordinance", "resolution", "statement"]


def api(name, **kwargs):
    return reverse(f"api:{name}", kwargs=kwargs or None)


class ApiTestCase(TestCase):
    def setUp(self):
        # The throttle counts requests in the cache, which outlives a test.
        cache.clear()

    def get_json(self, url, query="", status=200):
        if query:
            url = f"{url}?{query}"
        response = self.client.get(url, HTTP_ACCEPT="application/json")
        self.assertEqual(response.status_code, status, response.content[:500])
        self.assertEqual(response["Content-Type"], "application/json")
        return response.json()

    def all_slugs(self, name, query=""):
        """Follow `next` links through every page of a list."""
        url, slugs = f"{api(f'{name}-list')}?{query}", []
        while url:
            page = self.get_json(url)
            slugs += [record["slug"] for record in page["results"]]
            url = page["next"]
        return slugs


class ApiRecordTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.shield = make_provision(slug="shield")
        cls.draft_parent = make_jurisdiction(
            slug="draft-county", publication_status="draft"
        )
        cls.county = make_jurisdiction(slug="la-county", kind="county")
        cls.la = make_jurisdiction(
            slug="la",
            name="Los Angeles",
            parent=cls.county,
            sources=[
                make_source(title="LA Times", url="https://example.org/lat"),
                make_source(title="Print", url=""),
            ],
        )
        cls.hidden_parent = make_jurisdiction(slug="orphan", parent=cls.draft_parent)
        cls.mayor = make_person(slug="mayor", name="Mayor")
        cls.draft_person = make_person(slug="draft-person", publication_status="draft")
        cls.draft_basis = make_ordinance(
            slug="draft-basis", jurisdiction=cls.la, publication_status="draft"
        )
        cls.ordinance = make_ordinance(
            slug="la-2024",
            title="Sanctuary city ordinance",
            jurisdiction=cls.la,
            passed_on=D(2024, 11, 19),
            provisions=[cls.shield],
            based_on=cls.draft_basis,
        )
        cls.ordinance.sponsors.set([cls.mayor, cls.draft_person])
        make_action(ordinance=cls.ordinance, action="passed", votes_for=12)
        make_quote(person=cls.mayor, ordinance=cls.ordinance, text="We stand.")
        make_quote(person=cls.draft_person, ordinance=cls.ordinance, text="Secret.")
        make_quote(
            person=cls.mayor,
            ordinance=cls.ordinance,
            text="Draft quote.",
            publication_status="draft",
        )
        cls.district = make_school_district(slug="lausd")
        make_resolution(
            slug="res",
            district=cls.district,
            protected_groups=["staff"],
            provisions=[cls.shield],
        )
        cls.homan = make_person(slug="homan", name="Tom Homan", is_federal=True)
        cls.statement = make_statement(
            slug="st",
            speaker=cls.homan,
            targets=[cls.la, cls.draft_parent],
        )
        cls.statement.responds_to.set([cls.ordinance, cls.draft_basis])
        make_statement(slug="general", speaker=None)

    def test_ordinance_detail_nests_published_relations_only(self):
        data = self.get_json(api("ordinance-detail", slug="la-2024"))
        self.assertEqual(data["title"], "Sanctuary city ordinance")
        self.assertEqual(
            data["jurisdiction"],
            {"slug": "la", "name": "Los Angeles", "kind": "city", "state": "CA"},
        )
        self.assertEqual(data["passed_on"], "2024-11-19")
        self.assertIsNone(data["based_on"])
        self.assertEqual(data["provisions"], ["shield"])
        self.assertEqual(data["sponsors"], ["mayor"])
        self.assertEqual([q["text"] for q in data["quotes"]], ["We stand."])
        self.assertEqual(data["quotes"][0]["person"]["slug"], "mayor")
        self.assertEqual(
            [(a["action"], a["votes_for"]) for a in data["actions"]], [("passed", 12)]
        )
        self.assertEqual(len(data["sources"]), 1)
        self.assertEqual(data["url"], "http://testserver/ordinances/la-2024/")
        self.assertEqual(
            data["api_url"], "http://testserver/api/v1/ordinances/la-2024/"
        )

    def test_jurisdiction_detail_has_nested_sources_and_a_published_parent(self):
        data = self.get_json(api("jurisdiction-detail", slug="la"))
        self.assertEqual(data["parent"], "la-county")
        self.assertEqual(
            sorted((s["title"], s["url"]) for s in data["sources"]),
            [("LA Times", "https://example.org/lat"), ("Print", "")],
        )
        self.assertEqual(
            set(data["sources"][0]),
            {
                "id",
                "title",
                "publisher",
                "url",
                "published_on",
                "accessed_on",
                "archive_url",
                "note",
            },
        )
        orphan = self.get_json(api("jurisdiction-detail", slug="orphan"))
        self.assertIsNone(orphan["parent"])

    def test_statement_hides_draft_targets_and_responses(self):
        data = self.get_json(api("statement-detail", slug="st"))
        self.assertEqual(data["speaker"]["slug"], "homan")
        self.assertEqual(data["targets"], ["la"])
        self.assertEqual(data["responds_to"], ["la-2024"])
        general = self.get_json(api("statement-detail", slug="general"))
        self.assertIsNone(general["speaker"])

    def test_resolution_detail(self):
        data = self.get_json(api("resolution-detail", slug="res"))
        self.assertEqual(data["district"]["slug"], "lausd")
        self.assertEqual(data["protected_groups"], ["staff"])
        self.assertEqual(data["provisions"], ["shield"])

    def test_drafts_are_not_found(self):
        for name, slug in [
            ("jurisdiction-detail", "draft-county"),
            ("ordinance-detail", "draft-basis"),
            ("ordinance-detail", "nope"),
        ]:
            with self.subTest(slug=slug):
                data = self.get_json(api(name, slug=slug), status=404)
                self.assertIn("detail", data)

    def test_lists_hold_only_published_records(self):
        self.assertNotIn("draft-county", self.all_slugs("jurisdiction"))
        self.assertEqual(self.all_slugs("ordinance"), ["la-2024"])
        self.assertEqual(sorted(self.all_slugs("statement")), ["general", "st"])

    def test_read_only(self):
        response = self.client.post(api("ordinance-list"), {"title": "x"})
        self.assertEqual(response.status_code, 405)
        response = self.client.delete(api("ordinance-detail", slug="la-2024"))
        self.assertEqual(response.status_code, 405)

    def test_list_queries_do_not_grow_with_the_page(self):
        def count(name):
            with CaptureQueriesContext(connection) as queries:
                self.get_json(api(f"{name}-list"))
            return len(queries)

        before = {name: count(name) for name in LISTS}
        for n in range(3):
            place = make_jurisdiction(slug=f"more-{n}")
            ordinance = make_ordinance(jurisdiction=place, provisions=[self.shield])
            ordinance.sponsors.set([self.mayor])
            make_action(ordinance=ordinance)
            make_quote(person=self.mayor, ordinance=ordinance)
            make_resolution(provisions=[self.shield])
            make_statement(targets=[place], speaker=self.homan)
        self.assertEqual({name: count(name) for name in LISTS}, before)
        # count, page, then one query per prefetched relation (the quotes'
        # speakers' roles, for their titles on the day, among them; the
        # court blocks and the changes either way)
        self.assertEqual(before["ordinance"], 13)


class ApiFilterTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        shield = make_provision(slug="shield")
        la = make_jurisdiction(slug="la", name="Los Angeles")
        austin = make_jurisdiction(slug="austin", state="TX")
        district = make_school_district(slug="lausd")
        for n in range(7):
            make_ordinance(
                slug=f"ord-{n}",
                title=f"Sanctuary measure {n}",
                jurisdiction=la if n % 2 else austin,
                passed_on=D(2018 + n, 1, 1) if n != 3 else None,
                provisions=[shield] if n % 3 == 0 else [],
            )
        make_resolution(slug="res-a", district=district, adopted_on=D(2024, 1, 1))
        make_resolution(slug="res-b", adopted_on=D(2016, 1, 1))
        homan = make_person(slug="homan")
        make_statement(slug="st-a", speaker=homan, kind="threat", targets=[la])
        make_statement(slug="st-b", targets=[austin], made_on=D(2025, 8, 5))

    QUERIES = [
        ("jurisdiction", JurisdictionFilter, "state=TX"),
        ("jurisdiction", JurisdictionFilter, "provision=shield&ordering=-name"),
        ("ordinance", OrdinanceFilter, "state=CA"),
        ("ordinance", OrdinanceFilter, "provision=shield&ordering=-date"),
        ("ordinance", OrdinanceFilter, "date_after=2020-01-01&date_before=2023-12-31"),
        ("ordinance", OrdinanceFilter, "q=sanctuary&jurisdiction=la"),
        ("resolution", ResolutionFilter, "district=lausd"),
        ("statement", StatementFilter, "speaker=homan"),
        ("statement", StatementFilter, "state=TX&ordering=date"),
    ]

    def test_same_rows_as_the_lists_filterset(self):
        for name, filterset_class, query in self.QUERIES:
            with self.subTest(name=name, query=query):
                model = filterset_class._meta.model
                filterset = filterset_class(
                    QueryDict(query), queryset=model.objects.published()
                )
                self.assertTrue(filterset.is_valid(), filterset.errors)
                expected = list(filterset.qs.values_list("slug", flat=True))
                self.assertTrue(expected)
                self.assertEqual(self.all_slugs(name, query), expected)

    def test_invalid_filters_answer_400_json(self):
        for name, query, parameter in [
            ("ordinance", "state=ZZ", "state"),
            ("ordinance", "jurisdiction=nowhere", "jurisdiction"),
            ("jurisdiction", "ordering=secret", "ordering"),
            (
                "resolution",
                "date_after=2024-01-01&date_before=2020-01-01",
                "date_before",
            ),
            ("statement", "updated_since=last-week", "updated_since"),
            # Both lie outside the calendar once converted to UTC.
            ("statement", "updated_since=0001-01-01T00:00:00%2B05:00", "updated_since"),
            ("ordinance", "updated_since=9999-12-31T23:00:00-05:00", "updated_since"),
            ("statement", "page_size=1000", "page_size"),
            ("statement", "page_size=zero", "page_size"),
        ]:
            with self.subTest(query=query):
                data = self.get_json(api(f"{name}-list"), query, status=400)
                self.assertIn(parameter, data)

    def test_pages_link_next_and_previous_and_keep_the_filters(self):
        first = self.get_json(api("ordinance-list"), "page_size=3&provision=shield")
        self.assertEqual(first["count"], 3)
        first = self.get_json(api("ordinance-list"), "page_size=3")
        self.assertEqual(first["count"], 7)
        self.assertIsNone(first["previous"])
        self.assertEqual(len(first["results"]), 3)
        second = self.get_json(first["next"])
        self.assertIn("page_size=3", first["next"])
        self.assertEqual(self.get_json(second["previous"]), first)
        third = self.get_json(second["next"])
        self.assertIsNone(third["next"])
        slugs = [r["slug"] for page in (first, second, third) for r in page["results"]]
        self.assertEqual(sorted(slugs), [f"ord-{n}" for n in range(7)])
        self.get_json(api("ordinance-list"), "page=9", status=404)

    def test_updated_since_takes_a_date_or_a_datetime(self):
        long_ago = timezone.now() - datetime.timedelta(days=30)
        Jurisdiction.objects.exclude(slug="la").update(updated_at=long_ago)
        recent = timezone.now() - datetime.timedelta(days=1)
        for value in [
            recent.date().isoformat(),
            recent.isoformat().replace("+00:00", "Z"),
            recent.isoformat(),
        ]:
            with self.subTest(value=value):
                query = QueryDict(mutable=True)
                query["updated_since"] = value
                self.assertEqual(
                    self.all_slugs("jurisdiction", query.urlencode()), ["la"]
                )
        self.assertEqual(
            len(self.all_slugs("jurisdiction", "updated_since=2000-01-01")),
            Jurisdiction.objects.published().count(),
        )


class ApiThrottleTests(ApiTestCase):
    def test_anonymous_clients_are_throttled(self):
        with mock.patch.object(
            AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"}
        ):
            self.get_json(api("ordinance-list"))
            self.get_json(api("statement-list"))
            response = self.client.get(api("ordinance-list"))
        self.assertEqual(response.status_code, 429)
        self.assertIn("Retry-After", response)

    def test_default_rate_is_600_a_minute(self):
        from django.conf import settings

        rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
        self.assertEqual(rates["anon"], "600/minute")


class ApiSchemaTests(ApiTestCase):
    def test_schema_is_valid_openapi_3(self):
        schema = self.get_json(api("schema"), "format=json")
        self.assertTrue(schema["openapi"].startswith("3."))
        validate_schema(schema)  # raises on an invalid document

    def test_schema_documents_every_route_filter_and_error(self):
        schema = json.loads(self.client.get(api("schema"), {"format": "json"}).content)
        for plural in [
            "jurisdictions",
            "ordinances",
            "resolutions",
            "statements",
            "cases",
        ]:
            with self.subTest(plural=plural):
                listing = schema["paths"][f"/api/v1/{plural}/"]["get"]
                names = {p["name"] for p in listing["parameters"]}
                self.assertLessEqual(
                    {"q", "ordering", "page", "page_size", "updated_since"}, names
                )
                self.assertLessEqual({"200", "400", "404"}, set(listing["responses"]))
                detail = schema["paths"][f"/api/v1/{plural}/{{slug}}/"]["get"]
                self.assertLessEqual({"200", "404"}, set(detail["responses"]))

    def test_docs_load_nothing_from_other_sites(self):
        response = self.client.get(api("docs"))
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        assets = re.findall(r'(?:src|href)="([^"]+)"', html)
        self.assertTrue(assets)
        for asset in assets:
            with self.subTest(asset=asset):
                self.assertTrue(asset.startswith("/"), asset)
                self.assertFalse(asset.startswith("//"), asset)
        script = self.client.get(api("docs"), {"script": ""})
        self.assertEqual(script.status_code, 200)
        self.assertNotIn("cdn", script.content.decode().lower())
