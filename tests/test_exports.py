import csv
import datetime
import io

from django.http import QueryDict, StreamingHttpResponse
from django.test import RequestFactory, TestCase
from django.urls import reverse
from django.utils import timezone

from jurisdictions.exports import export_csv_action
from jurisdictions.filters import (
    JurisdictionFilter,
    OrdinanceFilter,
    ResolutionFilter,
    StatementFilter,
)
from jurisdictions.models import (
    Case,
    FederalStatement,
    Jurisdiction,
    Ordinance,
    SchoolDistrictResolution,
)

from .factories import (
    make_case,
    make_jurisdiction,
    make_ordinance,
    make_person,
    make_provision,
    make_resolution,
    make_school_district,
    make_source,
    make_statement,
)

D = datetime.date

# The documented column names are a public contract: scripts read them.
COLUMNS = {
    "jurisdiction-csv": [
        "slug",
        "name",
        "kind",
        "state",
        "parent_slug",
        "geoid",
        "population",
        "website",
        "stance",
        "stance_note",
        "summary",
        "last_verified_on",
        "updated_at",
        "source_ids",
        "source_urls",
        "url",
    ],
    "ordinance-csv": [
        "slug",
        "title",
        "jurisdiction_slug",
        "jurisdiction_name",
        "state",
        "number",
        "council_file",
        "instrument",
        "issued_by",
        "status",
        "blocked_provisions",
        "in_force_note",
        "ended_by",
        "amended_by",
        "introduced_on",
        "introduced_on_precision",
        "passed_on",
        "passed_on_precision",
        "signed_on",
        "signed_on_precision",
        "effective_on",
        "effective_on_precision",
        "urgency_clause",
        "based_on_slug",
        "provisions",
        "sponsors",
        "summary",
        "text_url",
        "last_verified_on",
        "updated_at",
        "source_ids",
        "source_urls",
        "url",
    ],
    "resolution-csv": [
        "slug",
        "title",
        "district_slug",
        "district_name",
        "state",
        "number",
        "adopted_on",
        "adopted_on_precision",
        "reaffirms_slug",
        "status",
        "is_emergency",
        "protected_groups",
        "provisions",
        "votes_for",
        "votes_against",
        "summary",
        "last_verified_on",
        "updated_at",
        "source_ids",
        "source_urls",
        "url",
    ],
    "statement-csv": [
        "slug",
        "title",
        "speaker_slug",
        "speaker_name",
        "speaker_role",
        "made_on",
        "made_on_precision",
        "venue",
        "kind",
        "quote",
        "summary",
        "withdrawn_on",
        "withdrawal_note",
        "targets",
        "responds_to",
        "last_verified_on",
        "updated_at",
        "source_ids",
        "source_urls",
        "url",
    ],
    "case-csv": [
        "slug",
        "title",
        "court",
        "docket",
        "filed_on",
        "filed_on_precision",
        "status",
        "decided_on",
        "decided_on_precision",
        "outcome",
        "judge",
        "plaintiffs",
        "plaintiff_parties",
        "defendants",
        "defendant_parties",
        "challenged",
        "statements",
        "summary",
        "earlier_report",
        "last_verified_on",
        "updated_at",
        "source_ids",
        "source_urls",
        "url",
    ],
}


def body(response):
    return b"".join(response.streaming_content)


def read_csv(response):
    """Parse a CSV response into a list of dicts, checking it is UTF-8."""
    text = body(response).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


class CsvTestCase(TestCase):
    def get_csv(self, name, query=""):
        response = self.client.get(f"{reverse(f'jurisdictions:{name}')}?{query}")
        self.assertEqual(response.status_code, 200, response)
        return response


class CsvShapeTests(CsvTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.shield = make_provision(slug="shield")
        cls.data_limits = make_provision(slug="data-limits")
        cls.county = make_jurisdiction(
            slug="la-county", name="Los Angeles County", kind="county"
        )
        cls.la = make_jurisdiction(
            slug="la",
            name="Los Angeles",
            parent=cls.county,
            geoid="0644000",
            population=3898747,
            stance="sanctuary",
            sources=[
                make_source(url="https://example.org/a"),
                make_source(url="https://example.org/b"),
            ],
        )
        cls.district = make_school_district(slug="lausd", name="LAUSD")
        cls.sponsor = make_person(slug="sponsor")
        cls.draft_sponsor = make_person(
            slug="draft-sponsor", publication_status="draft"
        )
        cls.order = make_ordinance(
            slug="eo-2019",
            title="Executive directive",
            jurisdiction=cls.la,
            instrument="executive_order",
            introduced_on=D(2019, 3, 1),
        )
        cls.ordinance = make_ordinance(
            slug="la-2024",
            title="Sanctuary city ordinance",
            jurisdiction=cls.la,
            passed_on=D(2024, 11, 19),
            based_on=cls.order,
            provisions=[cls.shield, cls.data_limits],
        )
        cls.ordinance.sponsors.set([cls.sponsor, cls.draft_sponsor])
        cls.resolution = make_resolution(
            slug="res-1",
            district=cls.district,
            adopted_on=D(2024, 12, 10),
            is_emergency=True,
            protected_groups=["undocumented_students", "staff"],
            provisions=[cls.shield],
            votes_for=6,
            votes_against=1,
        )
        cls.homan = make_person(slug="tom-homan", name="Tom Homan", is_federal=True)
        cls.statement = make_statement(
            slug="homan",
            speaker=cls.homan,
            made_on=D(2024, 11, 20),
            targets=[
                cls.la,
                make_jurisdiction(slug="secret", publication_status="draft"),
            ],
        )
        cls.statement.responds_to.set([cls.ordinance])

    def test_every_list_has_its_documented_header(self):
        for name, columns in COLUMNS.items():
            with self.subTest(name=name):
                response = self.get_csv(name)
                text = body(response).decode("utf-8")
                header = next(csv.reader(io.StringIO(text)))
                self.assertEqual(header, columns)

    def test_csv_is_a_dated_utf8_attachment(self):
        today = timezone.localdate().isoformat()
        for name, stem in [
            ("jurisdiction-csv", "jurisdictions"),
            ("ordinance-csv", "ordinances"),
            ("resolution-csv", "resolutions"),
            ("statement-csv", "statements"),
        ]:
            with self.subTest(name=name):
                response = self.get_csv(name)
                self.assertIsInstance(response, StreamingHttpResponse)
                self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
                self.assertEqual(
                    response["Content-Disposition"],
                    f'attachment; filename="{stem}-{today}.csv"',
                )

    def test_ordinance_row_flattens_related_values(self):
        rows = {row["slug"]: row for row in read_csv(self.get_csv("ordinance-csv"))}
        row = rows["la-2024"]
        self.assertEqual(row["jurisdiction_slug"], "la")
        self.assertEqual(row["jurisdiction_name"], "Los Angeles")
        self.assertEqual(row["state"], "CA")
        self.assertEqual(row["passed_on"], "2024-11-19")
        self.assertEqual(row["introduced_on"], "")
        self.assertEqual(row["based_on_slug"], "eo-2019")
        self.assertEqual(
            sorted(row["provisions"].split(";")), ["data-limits", "shield"]
        )
        # A draft sponsor is not public, so it is not exported either.
        self.assertEqual(row["sponsors"], "sponsor")
        self.assertEqual(row["url"], "http://testserver/ordinances/la-2024/")
        self.assertEqual(
            datetime.datetime.fromisoformat(row["updated_at"]),
            Ordinance.objects.get(slug="la-2024").updated_at,
        )
        self.assertEqual(rows["eo-2019"]["instrument"], "executive_order")
        self.assertEqual(rows["eo-2019"]["introduced_on"], "2019-03-01")

    def test_jurisdiction_row(self):
        rows = {r["slug"]: r for r in read_csv(self.get_csv("jurisdiction-csv"))}
        row = rows["la"]
        self.assertEqual(row["parent_slug"], "la-county")
        self.assertEqual(row["geoid"], "0644000")
        self.assertEqual(row["population"], "3898747")
        self.assertEqual(row["stance"], "sanctuary")
        self.assertEqual(
            row["source_urls"], "https://example.org/a;https://example.org/b"
        )
        self.assertEqual(
            row["source_ids"],
            ";".join(str(s.pk) for s in self.la.sources.order_by("pk")),
        )
        self.assertEqual(row["url"], "http://testserver/jurisdictions/la/")
        self.assertEqual(rows["la-county"]["parent_slug"], "")

    def test_resolution_row(self):
        (row,) = read_csv(self.get_csv("resolution-csv"))
        self.assertEqual(row["district_slug"], "lausd")
        self.assertEqual(row["adopted_on"], "2024-12-10")
        self.assertEqual(row["is_emergency"], "true")
        self.assertEqual(row["protected_groups"], "undocumented_students;staff")
        self.assertEqual(row["provisions"], "shield")
        self.assertEqual((row["votes_for"], row["votes_against"]), ("6", "1"))

    def test_statement_row_hides_draft_targets(self):
        (row,) = read_csv(self.get_csv("statement-csv"))
        self.assertEqual(row["speaker_slug"], "tom-homan")
        self.assertEqual(row["speaker_name"], "Tom Homan")
        self.assertEqual(row["made_on"], "2024-11-20")
        self.assertEqual(row["targets"], "la")
        self.assertEqual(row["responds_to"], "la-2024")


class CsvFilterTests(CsvTestCase):
    """The CSV holds exactly the rows, in the order, of the list's FilterSet."""

    @classmethod
    def setUpTestData(cls):
        shield = make_provision(slug="shield")
        ca = make_jurisdiction(slug="ca", kind="state", state="CA")
        la = make_jurisdiction(slug="la", name="Los Angeles", stance="sanctuary")
        austin = make_jurisdiction(slug="austin", name="Austin", state="TX")
        district = make_school_district(slug="lausd")
        make_school_district(slug="houston-isd", state="TX")
        for n, (place, passed) in enumerate(
            [(la, D(2024, 11, 19)), (la, D(2019, 3, 1)), (austin, D(2018, 6, 14))]
        ):
            make_ordinance(
                slug=f"ord-{n}",
                title=f"Sanctuary measure {n}",
                jurisdiction=place,
                passed_on=passed,
                provisions=[shield] if n != 1 else [],
            )
        make_ordinance(slug="undated", title="Undated", jurisdiction=austin)
        make_resolution(slug="res-ca", district=district, adopted_on=D(2024, 12, 1))
        make_resolution(slug="res-old", district=district, adopted_on=D(2017, 2, 1))
        homan = make_person(slug="homan", is_federal=True)
        make_statement(slug="threat", kind="threat", speaker=homan, targets=[la])
        make_statement(slug="general", made_on=D(2025, 8, 5), targets=[ca])
        make_statement(slug="tx", targets=[austin])

    QUERIES = [
        ("jurisdiction-csv", JurisdictionFilter, "state=CA"),
        ("jurisdiction-csv", JurisdictionFilter, "kind=state&kind=school_district"),
        ("jurisdiction-csv", JurisdictionFilter, "provision=shield&ordering=-name"),
        ("jurisdiction-csv", JurisdictionFilter, "q=angeles"),
        ("ordinance-csv", OrdinanceFilter, "state=CA"),
        ("ordinance-csv", OrdinanceFilter, "jurisdiction=austin&ordering=date"),
        ("ordinance-csv", OrdinanceFilter, "provision=shield"),
        ("ordinance-csv", OrdinanceFilter, "date_after=2019-01-01"),
        ("ordinance-csv", OrdinanceFilter, "q=sanctuary&ordering=-title"),
        ("ordinance-csv", OrdinanceFilter, ""),
        ("resolution-csv", ResolutionFilter, "date_before=2020-01-01"),
        ("resolution-csv", ResolutionFilter, "state=TX"),
        ("statement-csv", StatementFilter, "state=TX"),
        ("statement-csv", StatementFilter, "speaker=homan"),
        ("statement-csv", StatementFilter, "kind=statement&ordering=-date"),
        ("statement-csv", StatementFilter, "target=la,ca"),
    ]

    def test_rows_match_the_filterset_for_the_same_query(self):
        for name, filterset_class, query in self.QUERIES:
            with self.subTest(query=query, name=name):
                model = filterset_class._meta.model
                filterset = filterset_class(
                    QueryDict(query), queryset=model.objects.published()
                )
                self.assertTrue(filterset.is_valid(), filterset.errors)
                expected = list(filterset.qs.values_list("slug", flat=True))
                rows = read_csv(self.get_csv(name, query))
                self.assertEqual([row["slug"] for row in rows], expected)

    def test_some_queries_narrow_the_list(self):
        # Guards the test above against comparing two unfiltered lists.
        rows = read_csv(self.get_csv("ordinance-csv", "state=CA"))
        self.assertEqual(sorted(r["slug"] for r in rows), ["ord-0", "ord-1"])

    def test_page_and_bom_are_not_filters(self):
        rows = read_csv(self.get_csv("ordinance-csv", "state=TX&page=3&bom=0"))
        self.assertEqual(sorted(r["slug"] for r in rows), ["ord-2", "undated"])

    def test_invalid_filters_answer_400_naming_the_parameter(self):
        for name, query, parameter in [
            ("jurisdiction-csv", "kind=galaxy", "kind"),
            ("ordinance-csv", "state=ZZ", "state"),
            ("ordinance-csv", "jurisdiction=nowhere", "jurisdiction"),
            ("resolution-csv", "date_after=yesterday", "date_after"),
            (
                "resolution-csv",
                "date_after=2024-01-01&date_before=2023-01-01",
                "date_before",
            ),
            ("statement-csv", "ordering=secret", "ordering"),
            ("statement-csv", "q=" + "x" * 201, "q"),
        ]:
            with self.subTest(query=query):
                response = self.client.get(
                    f"{reverse(f'jurisdictions:{name}')}?{query}"
                )
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
                self.assertIn(f"{parameter}: ", response.content.decode())


class CsvHostileCellTests(CsvTestCase):
    HOSTILE = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx"]

    @classmethod
    def setUpTestData(cls):
        for n, text in enumerate(cls.HOSTILE):
            place = make_jurisdiction(slug=f"hostile-{n}", name=text, summary=text)
            make_ordinance(
                slug=f"ord-{n}", title=text, summary=text, jurisdiction=place
            )
            make_statement(slug=f"st-{n}", title=text, quote=text, speaker_role=text)
        make_jurisdiction(slug="plain", name="A=B", summary="x+y")

    def test_formula_cells_are_prefixed_with_an_apostrophe(self):
        for name, fields in [
            ("jurisdiction-csv", ["name", "summary"]),
            ("ordinance-csv", ["title", "summary", "jurisdiction_name"]),
            ("statement-csv", ["title", "quote", "speaker_role"]),
        ]:
            rows = [r for r in read_csv(self.get_csv(name)) if r["slug"] != "plain"]
            self.assertEqual(len(rows), len(self.HOSTILE))
            for row in rows:
                for field in fields:
                    with self.subTest(name=name, field=field, value=row[field]):
                        self.assertEqual(row[field][0], "'")
                        self.assertIn(row[field][1:], self.HOSTILE)

    def test_cells_with_formula_characters_inside_are_left_alone(self):
        rows = {r["slug"]: r for r in read_csv(self.get_csv("jurisdiction-csv"))}
        self.assertEqual(rows["plain"]["name"], "A=B")
        self.assertEqual(rows["plain"]["summary"], "x+y")


class CsvBomTests(CsvTestCase):
    @classmethod
    def setUpTestData(cls):
        make_jurisdiction(slug="sao-paulo", name="São Paulo")

    def test_bom_only_when_asked(self):
        plain = body(self.get_csv("jurisdiction-csv"))
        with_bom = body(self.get_csv("jurisdiction-csv", "bom=1"))
        self.assertFalse(plain.startswith(b"\xef\xbb\xbf"))
        self.assertTrue(with_bom.startswith(b"\xef\xbb\xbf"))
        self.assertEqual(with_bom[3:], plain)
        self.assertIn("São Paulo", with_bom.decode("utf-8-sig"))

    def test_bom_0_means_no_bom(self):
        response = self.get_csv("jurisdiction-csv", "bom=0")
        self.assertTrue(body(response).startswith(b"slug,"))


class CsvDraftTests(CsvTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.draft_place = make_jurisdiction(
            slug="draft-place", publication_status="draft"
        )
        cls.place = make_jurisdiction(slug="place", parent=cls.draft_place)
        make_ordinance(
            slug="draft-ord", jurisdiction=cls.place, publication_status="draft"
        )
        make_ordinance(slug="orphan-ord", jurisdiction=cls.draft_place)
        make_ordinance(slug="ord", jurisdiction=cls.place)
        district = make_school_district(slug="district", publication_status="draft")
        make_resolution(slug="orphan-res", district=district)
        make_resolution(slug="draft-res", publication_status="draft")
        make_statement(slug="draft-st", publication_status="draft")
        make_statement(
            slug="draft-speaker",
            speaker=make_person(publication_status="draft"),
        )
        make_statement(slug="st")

    def test_drafts_and_their_dependants_are_never_exported(self):
        found = {
            name: {row["slug"] for row in read_csv(self.get_csv(name))}
            for name in COLUMNS
        }
        self.assertNotIn("draft-place", found["jurisdiction-csv"])
        self.assertIn("place", found["jurisdiction-csv"])
        self.assertEqual(found["ordinance-csv"], {"ord"})
        self.assertNotIn("orphan-res", found["resolution-csv"])
        self.assertNotIn("draft-res", found["resolution-csv"])
        self.assertEqual(found["statement-csv"], {"st"})

    def test_a_draft_parent_is_left_empty(self):
        rows = {r["slug"]: r for r in read_csv(self.get_csv("jurisdiction-csv"))}
        self.assertEqual(rows["place"]["parent_slug"], "")


class AdminExportActionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.kept = make_ordinance(slug="kept", title="=cmd")
        cls.draft = make_ordinance(slug="draft", publication_status="draft")
        make_ordinance(slug="not-selected")

    def test_exports_the_selected_rows_with_the_public_columns(self):
        request = RequestFactory().get("/admin/jurisdictions/ordinance/")
        queryset = Ordinance.objects.filter(slug__in=["kept", "draft"]).order_by("slug")
        response = export_csv_action(None, request, queryset)
        self.assertIsInstance(response, StreamingHttpResponse)
        rows = read_csv(response)
        self.assertEqual(list(rows[0]), COLUMNS["ordinance-csv"])
        self.assertEqual([row["slug"] for row in rows], ["draft", "kept"])
        self.assertEqual(rows[1]["title"], "'=cmd")

    def test_works_for_every_list_model(self):
        make_jurisdiction(slug="j")
        make_resolution(slug="r")
        make_statement(slug="s")
        make_case(slug="c")
        request = RequestFactory().get("/admin/")
        for model, name, slug in [
            (Jurisdiction, "jurisdiction-csv", "j"),
            (SchoolDistrictResolution, "resolution-csv", "r"),
            (FederalStatement, "statement-csv", "s"),
            (Case, "case-csv", "c"),
        ]:
            with self.subTest(model=model.__name__):
                response = export_csv_action(
                    None, request, model.objects.filter(slug=slug)
                )
                rows = read_csv(response)
                self.assertEqual(list(rows[0]), COLUMNS[name])
                self.assertEqual([row["slug"] for row in rows], [slug])

    def test_curated_admins_offer_the_action(self):
        from django.contrib.auth.models import User

        admin_user = User.objects.create_superuser("boss", password="x" * 20)
        self.client.force_login(admin_user)
        response = self.client.post(
            reverse("admin:jurisdictions_ordinance_changelist"),
            {
                "action": "export_csv_action",
                "_selected_action": [self.kept.pk, self.draft.pk],
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        slugs = sorted(row["slug"] for row in read_csv(response))
        self.assertEqual(slugs, ["draft", "kept"])
