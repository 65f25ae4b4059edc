import datetime
from urllib.parse import quote

from django.db import connection
from django.http import QueryDict
from django.test import TestCase

from jurisdictions.filters import (
    CaseFilter,
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
from jurisdictions.search import tokens

from .factories import (
    make_jurisdiction,
    make_ordinance,
    make_person,
    make_provision,
    make_resolution,
    make_school_district,
    make_statement,
)

D = datetime.date


def run(filterset_class, query, queryset=None):
    model = filterset_class._meta.model
    queryset = queryset if queryset is not None else model.objects.published()
    filterset = filterset_class(QueryDict(query), queryset=queryset)
    return filterset


def slugs(filterset):
    assert filterset.is_valid(), filterset.errors
    return sorted(filterset.qs.values_list("slug", flat=True))


class JurisdictionFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.shield = make_provision(slug="shield")
        cls.ca = make_jurisdiction(
            slug="ca", kind="state", state="CA", stance="sanctuary"
        )
        cls.la = make_jurisdiction(
            slug="la", name="Los Angeles", state="CA", stance="sanctuary"
        )
        cls.tx = make_jurisdiction(
            slug="tx", kind="state", state="TX", stance="anti_sanctuary"
        )
        cls.district = make_school_district(slug="lausd", state="CA")
        make_ordinance(jurisdiction=cls.la, provisions=[cls.shield])
        make_ordinance(jurisdiction=cls.la, provisions=[cls.shield])  # no duplicates
        make_resolution(district=cls.district, provisions=[cls.shield])
        # A draft ordinance must not make its jurisdiction match.
        make_ordinance(
            jurisdiction=cls.tx, provisions=[cls.shield], publication_status="draft"
        )

    def test_kind_state_stance_take_any_of_several_values(self):
        self.assertEqual(slugs(run(JurisdictionFilter, "kind=state")), ["ca", "tx"])
        self.assertEqual(
            slugs(run(JurisdictionFilter, "kind=state&kind=school_district")),
            ["ca", "lausd", "tx"],
        )
        self.assertEqual(slugs(run(JurisdictionFilter, "state=TX")), ["tx"])
        self.assertEqual(
            slugs(run(JurisdictionFilter, "stance=anti_sanctuary")), ["tx"]
        )

    def test_provision_counts_published_ordinances_and_resolutions_once(self):
        self.assertEqual(
            slugs(run(JurisdictionFilter, "provision=shield")), ["la", "lausd"]
        )

    def test_search_finds_name(self):
        self.assertEqual(slugs(run(JurisdictionFilter, "q=angeles")), ["la"])

    def test_ordering_both_directions(self):
        fs = run(JurisdictionFilter, "ordering=-state")
        self.assertTrue(fs.is_valid())
        self.assertEqual(fs.qs.first().state, "TX")

    def test_bad_values_make_the_filterset_invalid(self):
        for query in [
            "kind=galaxy",
            "state=ZZ",
            "stance=maybe",
            "provision=nope",
            "ordering=secret",
            "q=" + "x" * 201,
            "q=a%00b",
        ]:
            with self.subTest(query=query):
                self.assertFalse(run(JurisdictionFilter, query).is_valid())


class OrdinanceFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.shield = make_provision(slug="shield")
        cls.la = make_jurisdiction(slug="los-angeles-ca", name="Los Angeles")
        cls.austin = make_jurisdiction(slug="austin-tx", name="Austin", state="TX")
        make_ordinance(
            slug="la-2024",
            title="Sanctuary city ordinance",
            jurisdiction=cls.la,
            status="awaiting_signature",
            passed_on=D(2024, 11, 19),
            provisions=[cls.shield],
        )
        make_ordinance(
            slug="la-2019",
            title="Executive directive on immigrants",
            jurisdiction=cls.la,
            instrument="executive_order",
            status="in_effect",
            introduced_on=D(2019, 3, 1),
        )
        make_ordinance(
            slug="austin-2018",
            title="Freedom city resolution",
            jurisdiction=cls.austin,
            instrument="resolution",
            passed_on=D(2018, 6, 14),
            summary="Limits discretionary arrests.",
        )
        make_ordinance(slug="undated", title="Undated", jurisdiction=cls.austin)

    def test_state_and_jurisdiction(self):
        self.assertEqual(
            slugs(run(OrdinanceFilter, "state=CA")), ["la-2019", "la-2024"]
        )
        self.assertEqual(
            slugs(run(OrdinanceFilter, "jurisdiction=austin-tx")),
            ["austin-2018", "undated"],
        )
        self.assertEqual(
            len(slugs(run(OrdinanceFilter, "jurisdiction=austin-tx,los-angeles-ca"))), 4
        )

    def test_instrument_status_provision(self):
        self.assertEqual(
            slugs(run(OrdinanceFilter, "instrument=executive_order")), ["la-2019"]
        )
        self.assertEqual(
            slugs(run(OrdinanceFilter, "status=awaiting_signature&status=in_effect")),
            ["la-2019", "la-2024"],
        )
        self.assertEqual(slugs(run(OrdinanceFilter, "provision=shield")), ["la-2024"])

    def test_dates_use_passed_on_falling_back_to_introduced_on(self):
        self.assertEqual(
            slugs(run(OrdinanceFilter, "date_after=2019-01-01")), ["la-2019", "la-2024"]
        )
        self.assertEqual(
            slugs(run(OrdinanceFilter, "date_before=2019-12-31")),
            ["austin-2018", "la-2019"],
        )
        self.assertEqual(
            slugs(run(OrdinanceFilter, "date_after=2018-01-01&date_before=2018-12-31")),
            ["austin-2018"],
        )

    def test_sort_by_date_puts_undated_last_both_ways(self):
        for order in ("date", "-date"):
            fs = run(OrdinanceFilter, f"ordering={order}")
            self.assertTrue(fs.is_valid())
            found = list(fs.qs.values_list("slug", flat=True))
            self.assertEqual(found[-1], "undated")
        fs = run(OrdinanceFilter, "ordering=-date")
        self.assertEqual(fs.qs.first().slug, "la-2024")
        fs = run(OrdinanceFilter, "ordering=title")
        self.assertEqual(fs.qs.first().slug, "la-2019")

    def test_search_contract_same_on_every_database(self):
        self.assertEqual(slugs(run(OrdinanceFilter, "q=sanctuary")), ["la-2024"])
        self.assertEqual(slugs(run(OrdinanceFilter, "q=Sanctuary city")), ["la-2024"])
        self.assertEqual(slugs(run(OrdinanceFilter, "q=arrests")), ["austin-2018"])
        self.assertEqual(
            slugs(run(OrdinanceFilter, "q=Austin")), ["austin-2018", "undated"]
        )
        self.assertEqual(slugs(run(OrdinanceFilter, "q=Austin -freedom")), ["undated"])
        self.assertEqual(
            slugs(run(OrdinanceFilter, "q=sanctuary or freedom")),
            ["austin-2018", "la-2024"],
        )
        self.assertEqual(slugs(run(OrdinanceFilter, 'q="city ordinance"')), ["la-2024"])
        self.assertEqual(slugs(run(OrdinanceFilter, "q=zebra")), [])

    def test_search_follows_a_renamed_jurisdiction(self):
        self.austin.name = "Travis"
        self.austin.save()
        self.assertEqual(
            slugs(run(OrdinanceFilter, "q=Travis")), ["austin-2018", "undated"]
        )

    def test_search_words_with_quotes_percent_and_placeholders(self):
        # On PostgreSQL the words are written into the SQL (LiteralSearchQuery).
        make_ordinance(slug="obrien", title="O'Brien 100% welcoming act")
        self.assertEqual(
            slugs(run(OrdinanceFilter, "q=" + quote("o'brien 100%"))), ["obrien"]
        )
        for text in ("%s %(x)s", "'; DROP TABLE x; --", "back\\slash %%"):
            with self.subTest(text=text):
                self.assertEqual(slugs(run(OrdinanceFilter, "q=" + quote(text))), [])

    def test_search_words_are_planned_with_the_query_on_postgresql(self):
        # Not a bind parameter: a prepared statement's generic plan would
        # guess the matches instead of counting them (LiteralSearchQuery).
        if connection.vendor != "postgresql":
            self.skipTest("full-text search is PostgreSQL's")
        sql, params = run(OrdinanceFilter, "q=sanctuary").qs.query.sql_with_params()
        self.assertNotIn("sanctuary", params)
        self.assertIn("websearch_to_tsquery('english'::regconfig, 'sanctuary')", sql)

    def test_search_ranks_title_matches_first_on_postgresql(self):
        if connection.vendor != "postgresql":
            self.skipTest("ranking is PostgreSQL's")
        make_ordinance(slug="mention", title="Budget", summary="Sanctuary funds.")
        fs = run(OrdinanceFilter, "q=sanctuary")
        self.assertEqual(
            list(fs.qs.values_list("slug", flat=True)), ["la-2024", "mention"]
        )

    def test_bad_values_make_the_filterset_invalid(self):
        for query in [
            "status=pending",
            "instrument=tweet",
            "state=XX",
            "jurisdiction=nowhere",
            "provision=nope",
            "date_after=2024-13-01",
            "date_before=yesterday",
            "date_after=2025-01-01&date_before=2024-01-01",
            "ordering=jurisdiction__secret",
        ]:
            with self.subTest(query=query):
                fs = run(OrdinanceFilter, query)
                self.assertFalse(fs.is_valid())
                self.assertTrue(fs.errors)

    def test_draft_slugs_are_unknown(self):
        make_jurisdiction(slug="secret-town", publication_status="draft")
        self.assertFalse(run(OrdinanceFilter, "jurisdiction=secret-town").is_valid())

    def test_forms_built_once_per_filterset_still_see_new_rows(self):
        # What the slugs and provisions name is read afresh for each form.
        place = make_jurisdiction(slug="new-town", publication_status="draft")
        self.assertFalse(run(OrdinanceFilter, "jurisdiction=new-town").is_valid())
        place.publication_status = "published"
        place.save()
        make_provision(slug="brand-new")
        filterset = run(OrdinanceFilter, "jurisdiction=new-town&provision=brand-new")
        self.assertTrue(filterset.is_valid(), filterset.errors)

    def test_filtered_queryset_never_includes_drafts(self):
        make_ordinance(slug="draft", jurisdiction=self.la, publication_status="draft")
        self.assertNotIn("draft", slugs(run(OrdinanceFilter, "state=CA")))


class ResolutionFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.training = make_provision(slug="training")
        cls.lausd = make_school_district(slug="lausd", name="Los Angeles Unified")
        cls.chicago = make_school_district(
            slug="cps", name="Chicago Public", state="IL"
        )
        make_resolution(
            slug="lausd-2024",
            district=cls.lausd,
            adopted_on=D(2024, 12, 10),
            provisions=[cls.training],
        )
        make_resolution(
            slug="cps-2017",
            district=cls.chicago,
            status="rescinded",
            adopted_on=D(2017, 1, 1),
        )

    def test_every_filter(self):
        self.assertEqual(slugs(run(ResolutionFilter, "state=IL")), ["cps-2017"])
        self.assertEqual(slugs(run(ResolutionFilter, "district=lausd")), ["lausd-2024"])
        self.assertEqual(slugs(run(ResolutionFilter, "status=rescinded")), ["cps-2017"])
        self.assertEqual(
            slugs(run(ResolutionFilter, "provision=training")), ["lausd-2024"]
        )
        self.assertEqual(
            slugs(run(ResolutionFilter, "date_after=2020-01-01")), ["lausd-2024"]
        )
        self.assertEqual(
            slugs(run(ResolutionFilter, "date_before=2020-01-01")), ["cps-2017"]
        )
        self.assertEqual(slugs(run(ResolutionFilter, "q=chicago")), ["cps-2017"])

    def test_district_must_be_a_school_district(self):
        make_jurisdiction(slug="a-city")
        self.assertFalse(run(ResolutionFilter, "district=a-city").is_valid())
        self.assertFalse(run(ResolutionFilter, "status=passed").is_valid())


class StatementFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homan = make_person(slug="tom-homan", name="Tom Homan", is_federal=True)
        cls.bondi = make_person(slug="pamela-bondi", name="Pamela Bondi")
        cls.la = make_jurisdiction(slug="la", state="CA")
        cls.chicago = make_jurisdiction(slug="chicago", state="IL")
        cls.hidden = make_jurisdiction(
            slug="hidden", state="NV", publication_status="draft"
        )
        make_statement(
            slug="homan-fox",
            speaker=cls.homan,
            kind="threat",
            quote="Nothing will stop us.",
            venue="Fox News interview",
        )
        make_statement(
            slug="doj-list",
            speaker=cls.bondi,
            kind="designation",
            made_on=D(2025, 8, 5),
            targets=[cls.la, cls.chicago, cls.hidden],
        )

    def test_every_filter(self):
        self.assertEqual(
            slugs(run(StatementFilter, "speaker=tom-homan")), ["homan-fox"]
        )
        self.assertEqual(slugs(run(StatementFilter, "kind=designation")), ["doj-list"])
        self.assertEqual(
            slugs(run(StatementFilter, "target=la&target=chicago")), ["doj-list"]
        )
        self.assertEqual(slugs(run(StatementFilter, "state=IL")), ["doj-list"])
        self.assertEqual(
            slugs(run(StatementFilter, "date_after=2025-08-05")), ["doj-list"]
        )
        self.assertEqual(slugs(run(StatementFilter, "date_before=2025-08-04")), [])
        self.assertEqual(slugs(run(StatementFilter, "q=stop")), ["homan-fox"])
        self.assertEqual(slugs(run(StatementFilter, "q=homan")), ["homan-fox"])

    def test_draft_targets_neither_match_nor_validate(self):
        self.assertEqual(slugs(run(StatementFilter, "state=NV")), [])
        self.assertFalse(run(StatementFilter, "target=hidden").is_valid())
        self.assertFalse(run(StatementFilter, "kind=rumour").is_valid())


class TokenTests(TestCase):
    def test_websearch_tokens(self):
        self.assertEqual(
            tokens('"city ordinance" -repealed sanctuary or refuge'),
            [
                ("city ordinance", False, False),
                ("repealed", True, False),
                ("sanctuary", False, False),
                ("refuge", False, True),
            ],
        )


class FilterSetCoversDesignTests(TestCase):
    def test_filter_names_match_the_url_contract(self):
        contract = {
            JurisdictionFilter: {"q", "kind", "state", "stance", "provision", "listed"},
            OrdinanceFilter: {
                "q",
                "state",
                "jurisdiction",
                "instrument",
                "status",
                "provision",
                "date_after",
                "date_before",
            },
            ResolutionFilter: {
                "q",
                "state",
                "district",
                "status",
                "provision",
                "date_after",
                "date_before",
            },
            StatementFilter: {
                "q",
                "speaker",
                "kind",
                "target",
                "state",
                "date_after",
                "date_before",
            },
            CaseFilter: {
                "q",
                "state",
                "jurisdiction",
                "status",
                "court",
                "date_after",
                "date_before",
            },
        }
        for filterset_class, names in contract.items():
            self.assertEqual(set(filterset_class.base_filters) - {"ordering"}, names)
        self.assertEqual(
            {f._meta.model for f in contract},
            {Jurisdiction, Ordinance, SchoolDistrictResolution, FederalStatement, Case},
        )


class FilterCopiesTests(TestCase):
    """Each FilterSet has filters of its own, though not deep copies."""

    def test_filters_belong_to_their_own_filterset(self):
        first = OrdinanceFilter(data=QueryDict("q=alpha"))
        second = OrdinanceFilter(data=QueryDict("q=beta"))
        for name in first.filters:
            self.assertIsNot(first.filters[name], second.filters[name])
            self.assertIsNot(first.filters[name], OrdinanceFilter.base_filters[name])
            self.assertIs(first.filters[name].parent, first)
        # A method filter calls the method of its own FilterSet.
        for filterset in (first, second):
            method_filter = filterset.filters["q"].filter
            self.assertIs(method_filter.f, filterset.filters["q"])
            self.assertEqual(method_filter.method.__self__, filterset)

    def test_a_filterset_changing_its_filter_leaves_the_others(self):
        # DateRangeMixin points its date filters at each list's date column.
        ordinances = OrdinanceFilter(data=QueryDict())
        resolutions = ResolutionFilter(data=QueryDict())
        self.assertEqual(ordinances.filters["date_after"].field_name, "main_date")
        self.assertEqual(resolutions.filters["date_after"].field_name, "adopted_on")
        ordinances.filters["date_after"].field_name = "changed"
        self.assertEqual(
            OrdinanceFilter(data=QueryDict()).filters["date_after"].field_name,
            "main_date",
        )

    def test_each_filterset_filters_by_its_own_data(self):
        make_ordinance(title="Alpha shield")
        make_ordinance(title="Beta shield")
        first = OrdinanceFilter(data=QueryDict("q=alpha"))
        second = OrdinanceFilter(data=QueryDict("q=beta"))
        self.assertEqual([o.title for o in first.qs], ["Alpha shield"])
        self.assertEqual([o.title for o in second.qs], ["Beta shield"])
