"""Every public page runs a fixed number of queries, however many rows it shows."""

import datetime
from unittest import mock

from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jurisdictions import views
from jurisdictions.feeds import FEED_SIZE
from jurisdictions.filters import (
    CaseFilter,
    JurisdictionFilter,
    OrdinanceFilter,
    ResolutionFilter,
    StatementFilter,
)
from jurisdictions.models import FederalStatement, Ordinance, SchoolDistrictResolution

from .factories import (
    make_action,
    make_case,
    make_jurisdiction,
    make_list_entry,
    make_ordinance,
    make_person,
    make_provision,
    make_quote,
    make_resolution,
    make_school_district,
    make_source,
    make_statement,
)

# The pinned counts, query by query:
# - a list: the data version and the two grouped queries of its summary
#   (jurisdictions/summaries.py), counted here before any request has built
#   it (tests/test_summaries.py counts the requests after), the page rows,
#   and the provision checkboxes (the provision filter's choices, read once
#   per data version like the summary) or the statement list's prefetch of
#   published targets;
# - a detail page: the record, then one query per prefetched relation, and
#   (but for a person's page) its published changes (issue 30's "Changes"),
#   with one more for their links once it has more than one.
LIST_QUERIES = {
    # version, summary ×2, rows, checkboxes, federal list counts (the `listed`
    # facet, kept per data version like the summary)
    "jurisdictions:jurisdiction-list": 6,
    "jurisdictions:ordinance-list": 5,  # version, summary ×2, rows, checkboxes
    "jurisdictions:resolution-list": 5,  # version, summary ×2, rows, checkboxes
    # version, summary ×2, rows, targets, speakers' roles (the title each
    # held on the day)
    "jurisdictions:statement-list": 6,
    "jurisdictions:case-list": 4,  # version, summary ×2, rows
}


def build(n, state="CA"):
    """Return records of every kind, each with `n` related rows of every sort."""
    provisions = [make_provision() for _ in range(n)]
    county = make_jurisdiction(kind="county", state=state)
    city = make_jurisdiction(parent=county, state=state)
    district = make_school_district(parent=city, state=state)
    sources = [make_source() for _ in range(n)]
    person = make_person(jurisdiction=city, sources=sources)
    previous = None
    ordinances = []
    for i in range(n):
        make_jurisdiction(parent=district, state=state)
        # Each builds on the one before, so the middle one has both links.
        previous = make_ordinance(
            jurisdiction=district,
            provisions=provisions,
            passed_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=i),
            based_on=previous,
            sources=sources,
        )
        previous.sponsors.add(person)
        make_action(ordinance=previous, date=datetime.date(2020, 1, 2))
        make_quote(ordinance=previous, person=person)
        make_quote(jurisdiction=district, person=person)
        make_resolution(district=district, provisions=provisions)
        ordinances.append(previous)
    middle = ordinances[n // 2]
    for _ in range(n):
        statement = make_statement(speaker=person, targets=[district, city, county])
        statement.responds_to.add(middle)
    for i in range(n):
        case = make_case(
            filed_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=i),
            decided_on=datetime.date(2026, 1, 1),
            plaintiffs=[district, city],
            defendants=[county, district],
            challenged=[middle, *ordinances[:2]],
            statements=[statement],
            sources=sources,
        )
    # A federal list with 2n members: the district n times (listed, removed,
    # listed again) and n other places, each entry citing the sources.
    federal_list = make_statement(kind="designation", speaker=person)
    for i in range(n):
        listed_on = datetime.date(2025, 1, 1) + datetime.timedelta(days=2 * i)
        make_list_entry(
            list=federal_list,
            jurisdiction=district,
            listed_on=listed_on,
            removed_on=listed_on + datetime.timedelta(days=1) if i < n - 1 else None,
            removal_note="Taken off.",
            sources=sources,
        )
        make_list_entry(
            list=federal_list,
            jurisdiction=make_jurisdiction(state=state),
            sources=sources,
        )
    return {
        "list": federal_list,
        "jurisdiction": district,
        "ordinance": middle,
        "resolution": district.resolutions.first(),
        "statement": statement,
        "person": person,
        "case": case,
    }


class QueryCountTests(TestCase):
    def count_queries(self, url):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(queries)

    def list_counts(self):
        return {
            name: self.count_queries(reverse(name) + "?ordering=-date")
            if "jurisdiction-list" not in name
            else self.count_queries(reverse(name) + "?ordering=name")
            for name in LIST_QUERIES
        }

    def detail_counts(self, records):
        return {
            kind: self.count_queries(obj.get_absolute_url())
            for kind, obj in records.items()
        }

    def test_list_pages_cost_the_same_for_3_and_30_rows(self):
        build(3)
        small = self.list_counts()
        build(27, state="NY")
        self.assertEqual(self.list_counts(), small)
        self.assertEqual(small, LIST_QUERIES)

    def test_page_size_does_not_change_the_count(self):
        build(30)
        for name, view in {
            "jurisdictions:jurisdiction-list": views.JurisdictionListView,
            "jurisdictions:ordinance-list": views.OrdinanceListView,
            "jurisdictions:resolution-list": views.ResolutionListView,
            "jurisdictions:statement-list": views.StatementListView,
            "jurisdictions:case-list": views.CaseListView,
        }.items():
            for size in (5, 25):
                with (
                    self.subTest(name=name, size=size),
                    mock.patch.object(view, "paginate_by", size),
                ):
                    url = reverse(name) + "?page=2"
                    self.assertEqual(self.count_queries(url), LIST_QUERIES[name])

    def test_detail_pages_cost_the_same_for_3_and_30_related_rows(self):
        small = self.detail_counts(build(3))
        large = self.detail_counts(build(30, state="NY"))
        self.assertEqual(large, small)
        self.assertEqual(
            small,
            {
                # record, children, ordinances, their provisions, their
                # actions, resolutions, their provisions, statements,
                # sources, quotes, their speakers' roles, cases (either side,
                # one query), federal list entries with their lists (one
                # query, asked only when the place has any: see
                # test_list_entries_cost_...); for the answer first
                # (issue 17), the sources of its ordinances, resolutions,
                # list entries and cases, and its state with that state's
                # own laws (here it has none); its ordinances' court blocks;
                # its changes
                "jurisdiction": 20,
                # record (asking which optional relations have rows: all
                # do), based_on, basis_for, provisions, actions, their
                # sources, sponsors, federal responses, quotes, their
                # speakers' roles, cases challenging it, sources, changes
                # and, as a sponsor was added after it was made, the links
                # of its two history rows and the sponsor's public name
                "ordinance": 15,
                # record (asking whether it has quotes: it has none),
                # provisions, sources, changes
                "resolution": 4,
                # record (asking whether it answers an ordinance: it does),
                # targets, the speaker's roles, responds_to, sources, changes
                # and, as responds_to was set after it was made, the links of
                # its two history rows
                "statement": 7,
                # record, jurisdiction, roles (theirs and their places'
                # and sources' queries only when there are roles),
                # statements, sponsored, quotes, sources
                "person": 7,
                # record (asking which relations have rows: all do),
                # plaintiffs, defendants, challenged, statements, sources,
                # changes
                "case": 7,
                # record (asking whether it answers an ordinance or has
                # members: it has members), targets, speaker's roles,
                # members with their places, their sources, sources, changes
                "list": 7,
            },
        )

    def test_list_entries_cost_one_query_only_where_there_are_some(self):
        place = make_jurisdiction()
        federal_list = make_statement(kind="designation", speaker=None)
        # record, children, ordinances, resolutions, statements, sources,
        # quotes (the place's own query asks whether it is on a list)
        base = self.count_queries(place.get_absolute_url())
        make_list_entry(
            list=federal_list, jurisdiction=place, publication_status="draft"
        )
        # A draft entry is fetched and left out.
        self.assertEqual(self.count_queries(place.get_absolute_url()), base + 1)
        # Published entries bring their sources (the answer cites them).
        for i in range(5):
            make_list_entry(jurisdiction=place, listed_on=datetime.date(2025, 1, 1 + i))
        self.assertEqual(self.count_queries(place.get_absolute_url()), base + 2)
        # A list whose one entry is a draft: record, targets, its entries
        # (the draft left out), sources, changes; with 5 members, their
        # sources too.
        list_url = federal_list.get_absolute_url()
        self.assertEqual(self.count_queries(list_url), 5)
        for _ in range(5):
            make_list_entry(list=federal_list)
        self.assertEqual(self.count_queries(list_url), 6)

    def test_a_detail_page_fetches_only_relations_with_rows(self):
        ordinance = make_ordinance()
        url = ordinance.get_absolute_url()
        # the record (asking which of its optional relations have any row),
        # provisions, sources, changes
        self.assertEqual(self.count_queries(url), 4)
        words = "Only a draft says this."
        make_quote(ordinance=ordinance, text=words, publication_status="draft")
        make_person(publication_status="draft").sponsored.add(ordinance)
        make_case(publication_status="draft", challenged=[ordinance])
        # Draft rows are fetched and left out, as before.
        self.assertEqual(self.count_queries(url), 7)
        response = self.client.get(url)
        self.assertNotContains(response, words)
        self.assertNotContains(response, "Sponsors")
        self.assertNotContains(response, "Court cases")
        self.assertNotContains(response, "What officials said")
        # A resolution without quotes: record, provisions, sources, changes;
        # a statement answering no ordinance: record, targets, the speaker's
        # roles, sources, changes.
        self.assertEqual(self.count_queries(make_resolution().get_absolute_url()), 4)
        self.assertEqual(self.count_queries(make_statement().get_absolute_url()), 5)

    def test_a_place_feed_costs_the_same_for_3_and_12_related_rows(self):
        # With 12 of each kind the place has more changes than the feed holds.
        for n, state in ((3, "CA"), (12, "NY")):
            place = build(n, state=state)["jurisdiction"]
            url = reverse(
                "jurisdictions:jurisdiction-feed", kwargs={"slug": place.slug}
            )
            # the place, then its ordinances, resolutions, cases (either
            # side, one query), list entries with their lists, and the
            # statements aimed at it; the ordinances' court blocks and the
            # changes either way (3, force.fetch())
            with self.subTest(n=n), self.assertNumQueries(9):
                response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "<entry>", count=min(5 * n + 1, FEED_SIZE))

    def test_place_search_costs_the_same_for_3_and_30_matches(self):
        for n in (3, 30):
            for i in range(n):
                make_jurisdiction(name=f"Springfield {n}x{i}", state="IL")
            url = reverse("jurisdictions:place-search") + f"?q=Springfield+{n}x"
            # the slug, the best two (one exact match opens its page), the
            # count and the page; PostgreSQL asks once whether anything
            # matches before it looks for near spellings.
            near = connection.vendor == "postgresql"
            with self.subTest(n=n), self.assertNumQueries(4 + near):
                response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            self.assertEqual(len(response.context["places"]), n)

    def test_home_and_provisions_pages_cost_a_fixed_number_of_queries(self):
        home = reverse("jurisdictions:home")
        provisions = reverse("jurisdictions:provision-list")
        for n in (3, 20):
            build(n, state="NY" if n > 3 else "CA")
            state = make_jurisdiction(kind="state", state="NY", geoid=f"{n:02}")
            make_ordinance(jurisdiction=state, provisions=[make_provision()])
            # Before any request has built the lists' summaries: the data
            # version, 2 summaries × 2 grouped queries, place and statement
            # counts, stance groups, 4 × latest changes, provisions; the
            # map's 1 (landscape.map_states: each state and whether it is
            # listed) and the timeline's 4 (its counts and the provisions its
            # links name).
            self.assertEqual(self.count_queries(home), 13 + 1 + 4)
            # Once they are built (by any request, in any process sharing
            # the cache): the data version, place and statement counts,
            # stance groups, 4 × latest changes, provisions, the map's 1.
            with self.assertNumQueries(9 + 1):
                self.client.get(home)
            # The summaries of ordinances and resolutions hold the counts:
            # the data version, provisions.
            with self.assertNumQueries(2):
                self.client.get(provisions)

    def test_filtered_list_adds_only_the_queries_validating_typed_slugs(self):
        records = build(5)
        url = reverse("jurisdictions:ordinance-list")
        query = (
            f"?state=CA&status=passed&q=Ordinance&date_after=2019-01-01"
            f"&jurisdiction={records['jurisdiction'].slug}"
        )
        # the typed jurisdiction slug, the data version, a summary of the
        # searched rows (two grouped queries), page rows (on PostgreSQL in
        # order of relevance), checkboxes
        self.assertEqual(self.count_queries(url + query), 6)
        build(20)  # a new data version: a new summary
        self.assertEqual(self.count_queries(url + query), 6)


class ProvisionCheckboxTests(TestCase):
    def test_read_once_per_data_version(self):
        build(2)
        for name in ("ordinance-list", "resolution-list", "jurisdiction-list"):
            url = reverse(f"jurisdictions:{name}")
            self.client.get(url)
            with (
                self.subTest(name),
                CaptureQueriesContext(connection) as queries,
            ):
                response = self.client.get(url)
                self.assertContains(response, 'name="provision" value=')
                self.assertEqual(
                    [q["sql"] for q in queries if "policyprovision" in q["sql"]], []
                )

    def test_a_new_provision_shows_on_the_next_request(self):
        build(1)
        url = reverse("jurisdictions:ordinance-list")
        self.assertNotContains(self.client.get(url), 'value="brand-new"')
        make_provision(slug="brand-new", name="Brand new provision")
        self.assertContains(
            self.client.get(url),
            '<input type="checkbox" name="provision" value="brand-new"',
        )


class IndexTests(TestCase):
    """Every column a list filters or sorts on leads some index."""

    def indexed_columns(self, model):
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(
                cursor, model._meta.db_table
            )
        return {
            c["columns"][0]
            for c in constraints.values()
            if (c["index"] or c["unique"] or c["primary_key"]) and c["columns"]
        }

    def test_default_order_is_indexed_within_each_main_facet(self):
        # A facet-filtered first page reads its 50 rows in order (0008, 0009).
        for model, column, date in (
            (Ordinance, "status", "main_date"),
            (Ordinance, "instrument", "main_date"),
            (SchoolDistrictResolution, "status", "adopted_on"),
            (FederalStatement, "kind", "made_on"),
        ):
            with connection.cursor() as cursor:
                constraints = connection.introspection.get_constraints(
                    cursor, model._meta.db_table
                )
            with self.subTest(model=model.__name__, column=column):
                self.assertIn(
                    [column, date, "title"],
                    [c["columns"] for c in constraints.values() if c["index"]],
                )
        # "In a state [with a status], newest first" (0010).
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(
                cursor, Ordinance._meta.db_table
            )
        indexed = [c["columns"] for c in constraints.values() if c["index"]]
        self.assertIn(["state", "status", "main_date", "title"], indexed)
        self.assertIn(["state", "main_date", "title"], indexed)

    def test_filtered_and_sorted_columns_are_indexed(self):
        for filterset_class in (
            JurisdictionFilter,
            OrdinanceFilter,
            ResolutionFilter,
            StatementFilter,
            CaseFilter,
        ):
            model = filterset_class._meta.model
            # (model, field) pairs: "jurisdiction__state" needs the foreign key
            # indexed here and `state` indexed on Jurisdiction.
            columns = {(model, "publication_status"), (model, "slug")}
            for name, f in filterset_class.base_filters.items():
                if name == "ordering":
                    columns |= {(model, field) for field in f.param_map.values()}
                elif name in ("date_after", "date_before"):
                    columns.add((model, filterset_class.date_field))
                elif getattr(f, "lookup_expr", "") == "icontains":
                    # A substring match reads every row whatever the index
                    # (the case list's `court`).
                    continue
                elif getattr(f, "method", None) is None and name != "q":
                    local, *remote = f.field_name.split("__")
                    columns.add((model, local))
                    if remote:
                        related = model._meta.get_field(local).related_model
                        columns.add((related, remote[0]))
            for owner, name in sorted(columns, key=str):
                column = owner._meta.get_field(name).column
                with self.subTest(model=owner.__name__, field=name):
                    self.assertIn(column, self.indexed_columns(owner))
