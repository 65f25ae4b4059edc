"""Court cases: their list and its twins (CSV, Atom, API), pages, timelines, admin."""

import csv
import datetime
import io
from io import StringIO

import feedparser
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jurisdictions.filters import CaseFilter
from jurisdictions.models import Case

from .factories import (
    cell,
    make_chief_editor,
    make_editor,
    make_jurisdiction,
    make_ordinance,
    make_person,
    make_source,
    make_statement,
)
from .factories import make_case as _make_case

D = datetime.date
# One word per searchable field, so a search proves each field is searched
# on PostgreSQL (the trigger of migration 0011) and elsewhere (the fallback).
FIELD_WORDS = {
    "title": "aardvark",
    "docket": "bobolink",
    "summary": "caracal",
    "outcome": "dugong",
    "court": "echidna",
    "judge": "fossa",
    "plaintiff_parties": "gharial",
    "defendant_parties": "hoatzin",
}


def make_case(**kwargs):
    return _make_case(**kwargs)


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


class CaseTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ca = make_jurisdiction(
            slug="california", name="California", kind="state", state="CA"
        )
        cls.la = make_jurisdiction(slug="los-angeles", name="Los Angeles")
        cls.sf = make_jurisdiction(slug="san-francisco", name="San Francisco")
        cls.ny = make_jurisdiction(slug="new-york", name="New York", state="NY")
        cls.tx = make_jurisdiction(slug="texas", name="Texas", kind="state", state="TX")
        cls.hidden = make_jurisdiction(
            slug="hidden-county",
            name="Hiddenville County",
            kind="county",
            state="WY",
            publication_status="draft",
        )
        cls.ordinance = make_ordinance(
            slug="la-ordinance", title="Sanctuary City Ordinance", jurisdiction=cls.la
        )
        cls.draft_ordinance = make_ordinance(
            slug="secret-ordinance",
            title="Secret Draft Ordinance",
            jurisdiction=cls.la,
            publication_status="draft",
        )
        cls.statement = make_statement(
            slug="doj-suit", title="DOJ sues Los Angeles", made_on=D(2025, 6, 30)
        )
        cls.draft_statement = make_statement(
            slug="secret-statement",
            title="Secret Draft Statement",
            publication_status="draft",
        )
        cls.us_v_la = make_case(
            slug="us-v-los-angeles",
            title="United States v. City of Los Angeles",
            court="U.S. District Court, C.D. California",
            docket="2:25-cv-05917",
            filed_on=D(2025, 6, 30),
            status="dismissed",
            decided_on=D(2026, 6, 1),
            decided_on_precision="month",
            outcome="Dismissed: the ordinance stands.",
            judge="Judge Example",
            plaintiff_parties="United States",
            defendant_parties="City of Los Angeles; Mayor Karen Bass",
            defendants=[cls.la],
            challenged=[cls.ordinance, cls.draft_ordinance],
            statements=[cls.statement, cls.draft_statement],
            earlier_report="The article (November 2024) reported no lawsuit.",
            summary="The Justice Department sued over the sanctuary ordinance.",
        )
        cls.tx_v_ny = make_case(
            slug="texas-v-new-york",
            title="Texas v. New York",
            court="U.S. Court of Appeals, Second Circuit",
            filed_on=D(2025, 2, 1),
            filed_on_precision="month",
            status="pending",
            plaintiffs=[cls.tx],
            defendants=[cls.ny],
        )
        cls.hidden_party = make_case(
            slug="v-hiddenville",
            title="People v. a county",
            court="Superior Court of Wyoming",
            filed_on=D(2024, 1, 5),
            status="settled",
            defendants=[cls.hidden],
        )
        cls.words = make_case(
            slug="words",
            court=f"State court {FIELD_WORDS['court']}",
            status="unknown",
            plaintiffs=[cls.la],
            defendants=[cls.sf],
            **{
                field: word
                for field, word in FIELD_WORDS.items()
                if field not in ("court",)
            },
        )
        cls.draft_case = make_case(
            slug="secret-case",
            title="Secret Draft Case",
            court="U.S. District Court, C.D. California",
            defendants=[cls.la],
            challenged=[cls.ordinance],
            publication_status="draft",
        )

    def setUp(self):
        # The API's throttle counts requests in the cache.
        cache.clear()


def html_slugs(response):
    return [cell(row, "slug") for row in response.context["object_list"]]


class CaseListFilterTests(CaseTestCase):
    url = reverse("jurisdictions:case-list")

    def find(self, query):
        response = self.client.get(f"{self.url}?{query}")
        self.assertEqual(response.status_code, 200, query)
        return sorted(html_slugs(response))

    def test_the_list_holds_every_published_case_and_no_draft(self):
        response = self.client.get(self.url)
        self.assertEqual(
            sorted(html_slugs(response)),
            sorted(["us-v-los-angeles", "texas-v-new-york", "v-hiddenville", "words"]),
        )
        self.assertContains(response, "Court cases — 4 results")
        self.assertContains(response, "2:25-cv-05917")
        self.assertContains(response, '<time datetime="2025-02">February 2025</time>')
        self.assertNotContains(response, "Secret Draft Case")

    def test_search_reads_every_field_the_trigger_indexes(self):
        for field, word in FIELD_WORDS.items():
            with self.subTest(field=field):
                self.assertEqual(self.find(f"q={word}"), ["words"])
        self.assertEqual(self.find("q=Karen"), ["us-v-los-angeles"])
        self.assertEqual(self.find("q=Secret"), [])

    def test_state_keeps_cases_with_a_published_party_there(self):
        self.assertEqual(self.find("state=CA"), ["us-v-los-angeles", "words"])
        self.assertEqual(self.find("state=NY&state=TX"), ["texas-v-new-york"])
        # Only a draft party lies in Wyoming.
        self.assertEqual(self.find("state=WY"), [])

    def test_jurisdiction_keeps_cases_it_sues_or_is_sued_in(self):
        self.assertEqual(
            self.find("jurisdiction=los-angeles"), ["us-v-los-angeles", "words"]
        )
        self.assertEqual(self.find("jurisdiction=texas"), ["texas-v-new-york"])
        self.assertEqual(
            self.find("jurisdiction=texas,san-francisco"),
            ["texas-v-new-york", "words"],
        )

    def test_status_court_and_dates(self):
        self.assertEqual(self.find("status=pending"), ["texas-v-new-york"])
        self.assertEqual(
            self.find("status=pending&status=settled"),
            ["texas-v-new-york", "v-hiddenville"],
        )
        # Part of the name, in any case.
        self.assertEqual(self.find("court=c.d.+CALIFORNIA"), ["us-v-los-angeles"])
        self.assertEqual(self.find("court=circuit"), ["texas-v-new-york"])
        self.assertEqual(
            self.find("date_after=2025-01-01"),
            ["texas-v-new-york", "us-v-los-angeles"],
        )
        self.assertEqual(self.find("date_before=2024-12-31"), ["v-hiddenville"])

    def test_ordering(self):
        response = self.client.get(f"{self.url}?ordering=-date")
        self.assertEqual(
            html_slugs(response),
            ["us-v-los-angeles", "texas-v-new-york", "v-hiddenville", "words"],
        )
        response = self.client.get(f"{self.url}?ordering=title")
        self.assertEqual(html_slugs(response)[0], "v-hiddenville")

    def test_summary_names_the_filters(self):
        response = self.client.get(
            f"{self.url}?state=CA&jurisdiction=los-angeles&status=dismissed"
            "&court=california&date_after=2025-01-01"
        )
        self.assertEqual(
            response.context["summary"],
            "Court cases with a party in California, involving Los Angeles, CA, "
            "status dismissed, heard in “california”, filed since 2025-01-01",
        )
        self.assertEqual(html_slugs(response), ["us-v-los-angeles"])

    INVALID = [
        ("state=ZZ", "state"),
        ("status=lost", "status"),
        ("jurisdiction=nowhere", "jurisdiction"),
        # A draft party's slug is refused like an unknown one.
        ("jurisdiction=hidden-county", "jurisdiction"),
        ("court=" + "x" * 201, "court"),
        ("date_after=yesterday", "date_after"),
        ("date_after=2025-01-01&date_before=2024-01-01", "date_before"),
        ("ordering=secret", "ordering"),
        ("q=" + "x" * 201, "q"),
    ]

    def test_invalid_filters_answer_400_with_a_message_everywhere(self):
        for query, parameter in self.INVALID:
            with self.subTest(query=query):
                page = self.client.get(f"{self.url}?{query}")
                self.assertEqual(page.status_code, 400)
                self.assertContains(page, 'class="error-summary"', status_code=400)
                self.assertIn(parameter, page.context["filter"].errors)
                self.assertEqual(list(page.context["object_list"]), [])
                for name in ("jurisdictions:case-csv", "jurisdictions:case-atom"):
                    response = self.client.get(f"{reverse(name)}?{query}")
                    self.assertEqual(response.status_code, 400, name)
                    self.assertIn(f"{parameter}: ", response.content.decode())
                api = self.client.get(f"{reverse('api:case-list')}?{query}")
                self.assertEqual(api.status_code, 400)
                self.assertIn(parameter, api.json())

    def test_a_draft_party_slug_is_never_revealed(self):
        page = self.client.get(f"{self.url}?jurisdiction=hidden-county")
        self.assertContains(page, "No published record has the slug", status_code=400)
        self.assertNotContains(page, "Hiddenville", status_code=400)


class CaseTwinsAgreeTests(CaseTestCase):
    """HTML, CSV, Atom and API give the same cases for the same query."""

    QUERIES = [
        "",
        "state=CA",
        "state=CA&state=TX",
        "jurisdiction=los-angeles",
        "status=pending&status=dismissed",
        "court=court",
        "date_after=2025-01-01&date_before=2025-12-31",
        "q=aardvark",
        "ordering=-date",
        "ordering=title",
    ]

    def test_every_format_lists_the_same_cases(self):
        for query in self.QUERIES:
            with self.subTest(query=query):
                filterset = CaseFilter(
                    QueryDict(query), queryset=Case.objects.published()
                )
                self.assertTrue(filterset.is_valid(), filterset.errors)
                expected = list(filterset.qs.values_list("slug", flat=True))
                page = self.client.get(f"{reverse('jurisdictions:case-list')}?{query}")
                self.assertEqual(html_slugs(page), expected)
                response = self.client.get(
                    f"{reverse('jurisdictions:case-csv')}?{query}"
                )
                rows = list(csv.DictReader(io.StringIO(body(response).decode())))
                self.assertEqual([row["slug"] for row in rows], expected)
                api = self.client.get(f"{reverse('api:case-list')}?{query}").json()
                self.assertEqual([r["slug"] for r in api["results"]], expected)
                feed = feedparser.parse(
                    self.client.get(
                        f"{reverse('jurisdictions:case-atom')}?{query}"
                    ).content
                )
                # The feed is newest change first, whatever the order asked.
                self.assertEqual(
                    sorted(e.link.rstrip("/").rsplit("/", 1)[1] for e in feed.entries),
                    sorted(expected),
                )
        # The queries above do narrow the list.
        narrowed = self.client.get(reverse("api:case-list") + "?state=CA").json()
        self.assertEqual(narrowed["count"], 2)


class CaseExportTests(CaseTestCase):
    def rows(self, query=""):
        response = self.client.get(f"{reverse('jurisdictions:case-csv')}?{query}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Disposition"].startswith("attachment"))
        return {
            row["slug"]: row
            for row in csv.DictReader(io.StringIO(body(response).decode()))
        }

    def test_row_holds_published_links_only(self):
        row = self.rows()["us-v-los-angeles"]
        self.assertEqual(row["docket"], "2:25-cv-05917")
        self.assertEqual(row["filed_on"], "2025-06-30")
        self.assertEqual(row["filed_on_precision"], "day")
        self.assertEqual(row["decided_on"], "2026-06-01")
        self.assertEqual(row["decided_on_precision"], "month")
        self.assertEqual(row["status"], "dismissed")
        self.assertEqual(row["plaintiffs"], "")
        self.assertEqual(row["plaintiff_parties"], "United States")
        self.assertEqual(row["defendants"], "los-angeles")
        self.assertEqual(row["challenged"], "la-ordinance")
        self.assertEqual(row["statements"], "doj-suit")
        self.assertEqual(row["url"], "http://testserver/cases/us-v-los-angeles/")
        # A draft defendant leaves the cell empty.
        self.assertEqual(self.rows()["v-hiddenville"]["defendants"], "")

    def test_formula_cells_are_neutralised(self):
        make_case(slug="formula", title="=HYPERLINK(1)", court="+court", judge="@x")
        row = self.rows()["formula"]
        self.assertEqual(row["title"], "'=HYPERLINK(1)")
        self.assertEqual(row["court"], "'+court")
        self.assertEqual(row["judge"], "'@x")


class CaseApiTests(CaseTestCase):
    def test_detail_nests_published_relations_only(self):
        data = self.client.get(
            reverse("api:case-detail", kwargs={"slug": "us-v-los-angeles"})
        ).json()
        self.assertEqual([p["slug"] for p in data["defendants"]], ["los-angeles"])
        self.assertEqual(data["plaintiffs"], [])
        self.assertEqual(data["plaintiff_parties"], "United States")
        self.assertEqual(data["challenged"], ["la-ordinance"])
        self.assertEqual(data["statements"], ["doj-suit"])
        self.assertEqual(data["decided_on_precision"], "month")
        self.assertEqual(data["url"], "http://testserver/cases/us-v-los-angeles/")
        hidden = self.client.get(
            reverse("api:case-detail", kwargs={"slug": "v-hiddenville"})
        ).json()
        self.assertEqual(hidden["defendants"], [])

    def test_a_draft_case_is_not_found(self):
        response = self.client.get(
            reverse("api:case-detail", kwargs={"slug": "secret-case"})
        )
        self.assertEqual(response.status_code, 404)

    def test_schema_and_root_list_cases(self):
        root = self.client.get(reverse("api:api-root")).json()
        self.assertIn("cases", root)
        schema = self.client.get(reverse("api:schema"), {"format": "json"}).json()
        listing = schema["paths"]["/api/v1/cases/"]["get"]
        names = {p["name"] for p in listing["parameters"]}
        self.assertLessEqual(
            {
                "q",
                "state",
                "jurisdiction",
                "status",
                "court",
                "date_after",
                "date_before",
                "ordering",
                "updated_since",
            },
            names,
        )
        self.assertLessEqual({"200", "400", "404"}, set(listing["responses"]))
        self.assertIn("/api/v1/cases/{slug}/", schema["paths"])

    def test_list_queries_do_not_grow_with_the_page(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                self.client.get(reverse("api:case-list"))
            return len(queries)

        before = count()
        for _ in range(3):
            make_case(
                plaintiffs=[self.la],
                defendants=[self.ny],
                challenged=[self.ordinance],
                statements=[self.statement],
            )
        self.assertEqual(count(), before)
        # count, page, sources, plaintiffs, defendants, challenged, statements
        self.assertEqual(before, 7)


class CaseDetailTests(CaseTestCase):
    def page(self, case):
        response = self.client.get(case.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        return response

    def test_shows_the_case_with_its_published_relations(self):
        response = self.page(self.us_v_la)
        for text in [
            "U.S. District Court, C.D. California",
            "2:25-cv-05917",
            '<time datetime="2025-06-30">30 Jun 2025</time>',
            '<time datetime="2026-06">June 2026</time>',
            "Dismissed",
            "Dismissed: the ordinance stands.",
            "Judge Example",
            "United States",
            "City of Los Angeles; Mayor Karen Bass",
            f'href="{self.la.get_absolute_url()}"',
            f'href="{self.ordinance.get_absolute_url()}"',
            f'href="{self.statement.get_absolute_url()}"',
            "The article (November 2024) reported no lawsuit.",
        ]:
            self.assertContains(response, text)
        self.assertNotContains(response, "Secret Draft")
        self.assertNotContains(response, "secret-")

    def test_a_missing_docket_and_a_month_precise_date_read_as_such(self):
        response = self.page(self.tx_v_ny)
        self.assertContains(response, "<dt>Docket</dt><dd><span")
        self.assertContains(response, "not given")
        self.assertContains(response, '<time datetime="2025-02">February 2025</time>')
        self.assertNotContains(response, "1 Feb 2025")

    def test_a_draft_party_is_left_out_and_the_case_stays(self):
        response = self.page(self.hidden_party)
        self.assertNotContains(response, "Hiddenville")
        self.assertNotContains(response, "hidden-county")

    def test_a_draft_case_is_404(self):
        response = self.client.get(self.draft_case.get_absolute_url())
        self.assertEqual(response.status_code, 404)

    def test_queries_do_not_grow_with_its_relations(self):
        def count(case):
            with CaptureQueriesContext(connection) as queries:
                self.page(case)
            return len(queries)

        # the case (asking which relations have rows), plaintiffs,
        # defendants, challenged, statements, sources; and its published
        # changes (issue 30's "Changes")
        self.assertEqual(count(self.words), 5)  # no instrument, no statement
        many = make_case(
            plaintiffs=[make_jurisdiction() for _ in range(5)],
            defendants=[make_jurisdiction() for _ in range(5)],
            challenged=[make_ordinance() for _ in range(5)],
            statements=[make_statement() for _ in range(5)],
            sources=[make_source() for _ in range(5)],
        )
        few = make_case(
            plaintiffs=[self.la],
            defendants=[self.ny],
            challenged=[self.ordinance],
            statements=[self.statement],
        )
        self.assertEqual(count(many), 7)
        self.assertEqual(count(few), 7)


class CaseTimelineTests(CaseTestCase):
    def test_a_party_page_lists_its_published_cases(self):
        response = self.client.get(self.la.get_absolute_url())
        timeline = response.context["timeline"]
        cases = [e for e in timeline if "/cases/" in e.url]
        self.assertEqual(
            {(e.title, e.kind, e.date) for e in cases},
            {
                (self.us_v_la.title, "Case filed", D(2025, 6, 30)),
                (self.us_v_la.title, "Court ruling", D(2026, 6, 1)),
                (self.words.title, "Case filed", None),
            },
        )
        ruling = next(e for e in cases if e.date == D(2026, 6, 1))
        self.assertEqual(ruling.precision, "month")
        self.assertContains(response, '<time datetime="2026-06">June 2026</time>')
        self.assertNotContains(response, "Secret Draft Case")

    def test_both_sides_see_the_case(self):
        for place, side in [(self.tx, "plaintiff"), (self.ny, "defendant")]:
            with self.subTest(side=side):
                response = self.client.get(place.get_absolute_url())
                timeline = response.context["timeline"]
                (event,) = [e for e in timeline if "/cases/" in e.url]
                self.assertEqual(event.title, "Texas v. New York")
                self.assertEqual(event.precision, "month")
                self.assertIn(f"as {side}", event.detail)

    def test_a_challenged_instrument_lists_its_published_cases(self):
        response = self.client.get(self.ordinance.get_absolute_url())
        self.assertContains(response, f'href="{self.us_v_la.get_absolute_url()}"')
        self.assertNotContains(response, "Secret Draft Case")
        unchallenged = make_ordinance()
        response = self.client.get(unchallenged.get_absolute_url())
        self.assertNotContains(response, "Court cases")

    def test_cases_cost_one_query_on_a_party_page_however_many(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                self.client.get(self.la.get_absolute_url())
            return len(queries)

        before = count()
        for _ in range(4):
            make_case(plaintiffs=[self.la], decided_on=D(2026, 1, 1))
        self.assertEqual(count(), before)


class CaseAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("setup_roles", stdout=StringIO())
        cls.editor = make_editor()
        cls.chief = make_chief_editor()
        cls.la = make_jurisdiction(slug="los-angeles", name="Los Angeles")
        cls.source = make_source()

    def add_url(self):
        return reverse("admin:jurisdictions_case_add")

    def form(self, **fields):
        data = {
            "title": "United States v. City of Los Angeles",
            "slug": "us-v-la",
            "court": "U.S. District Court, C.D. California",
            "status": "pending",
            "filed_on_precision": "day",
            "decided_on_precision": "day",
            "defendants": [str(self.la.pk)],
            "sources": [str(self.source.pk)],
        }
        data.update(fields)
        return data

    def test_editor_adds_a_case_as_a_draft(self):
        self.client.force_login(self.editor)
        page = self.client.get(self.add_url())
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("publication_status", page.context["adminform"].form.fields)
        response = self.client.post(
            self.add_url(), self.form(publication_status="published")
        )
        self.assertEqual(response.status_code, 302)
        case = Case.objects.get(slug="us-v-la")
        self.assertFalse(case.is_published)
        self.assertEqual(list(case.defendants.all()), [self.la])
        self.assertEqual(case.history.earliest().history_user, self.editor)
        self.assertEqual(
            list(
                case.history.latest().defendants.values_list("jurisdiction", flat=True)
            ),
            [self.la.pk],
        )

    def test_chief_editor_publishes_and_editor_cannot(self):
        case = make_case(slug="to-publish", publication_status="draft")
        url = reverse("admin:jurisdictions_case_changelist")
        self.client.force_login(self.editor)
        self.client.post(url, {"action": "publish", "_selected_action": [case.pk]})
        case.refresh_from_db()
        self.assertFalse(case.is_published)
        self.client.force_login(self.chief)
        self.client.post(url, {"action": "publish", "_selected_action": [case.pk]})
        case.refresh_from_db()
        self.assertTrue(case.is_published)
        self.assertIsNotNone(case.published_at)

    def test_decided_before_filed_is_refused_in_plain_words(self):
        self.client.force_login(self.chief)
        response = self.client.post(
            self.add_url(), self.form(filed_on="2025-06-30", decided_on="2025-06-01")
        )
        self.assertEqual(response.status_code, 200)
        errors = response.context["adminform"].form.errors
        self.assertIn("decided_on", errors)
        self.assertIn("before it was filed", str(errors["decided_on"]))

    def test_changelist_searches_filters_and_autocompletes(self):
        make_case(title="Texas v. New York", court="Second Circuit")
        make_case(title="Other", court="Ninth Circuit", status="dismissed")
        self.client.force_login(self.chief)
        url = reverse("admin:jurisdictions_case_changelist")
        response = self.client.get(url, {"q": "Texas"})
        self.assertEqual(response.context["cl"].result_count, 1)
        response = self.client.get(url, {"status__exact": "dismissed"})
        self.assertEqual(response.context["cl"].result_count, 1)
        response = self.client.get(url, {"court": "Ninth Circuit"})
        self.assertEqual(response.context["cl"].result_count, 1)
        for field in ("plaintiffs", "defendants", "challenged", "statements"):
            with self.subTest(field=field):
                answer = self.client.get(
                    reverse("admin:autocomplete"),
                    {
                        "app_label": "jurisdictions",
                        "model_name": "case",
                        "field_name": field,
                        "term": "",
                    },
                )
                self.assertEqual(answer.status_code, 200)

    def test_export_action_uses_the_public_columns(self):
        make_case(slug="exported", publication_status="draft")
        self.client.force_login(self.chief)
        response = self.client.post(
            reverse("admin:jurisdictions_case_changelist"),
            {
                "action": "export_csv_action",
                "_selected_action": [Case.objects.get(slug="exported").pk],
            },
        )
        rows = list(csv.DictReader(io.StringIO(body(response).decode())))
        self.assertEqual([row["slug"] for row in rows], ["exported"])
        self.assertIn("plaintiff_parties", rows[0])


class CaseNavigationTests(TestCase):
    def test_every_page_links_to_the_cases(self):
        make_person()  # any data: the nav is on every page
        response = self.client.get(reverse("jurisdictions:home"))
        self.assertContains(response, f'href="{reverse("jurisdictions:case-list")}"')
        response = self.client.get(reverse("jurisdictions:case-list"))
        self.assertContains(response, 'aria-current="page">Cases</a>')
