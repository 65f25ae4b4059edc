"""An edit moves only the lists that read the table it changed (issue 29).

Each table has its own counter (TableVersion), bumped with the data version
by the same triggers; a list's Summary is keyed by the counters of the
tables its counts read (`reads` on its view, counting.list_version), so the
first request after an edit rebuilds that list and no other. Each view's
`reads` must name every table its counts read: the last test runs the
counts of every list, filtered every way a Summary is built, and checks the
tables in the SQL against it.
"""

import re
from unittest import mock

from django.db import connection
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jurisdictions import counting
from jurisdictions.counting import count_list, list_version
from jurisdictions.models import DataVersion, Ordinance, TableVersion
from jurisdictions.views import (
    CaseListView,
    JurisdictionListView,
    OrdinanceListView,
    ResolutionListView,
    StatementListView,
)

from .factories import (
    make_case,
    make_jurisdiction,
    make_list_entry,
    make_ordinance,
    make_provision,
    make_resolution,
    make_school_district,
    make_statement,
)

LISTS = {
    "jurisdiction": JurisdictionListView,
    "ordinance": OrdinanceListView,
    "resolution": ResolutionListView,
    "statement": StatementListView,
    "case": CaseListView,
}
# Every way a list's counts are reached: from the published rows' Summary, a
# Summary of a search's rows, grouped queries for several values of the
# many-valued facet, a facet counted alone.
QUERIES = {
    "jurisdiction": ["", "state=CA", "q=los", "provision=wall&provision=ice"],
    "ordinance": ["", "status=passed", "q=privacy", "provision=wall&provision=ice"],
    "resolution": ["", "state=CA", "q=safe", "provision=wall&provision=ice"],
    "statement": ["", "kind=statement", "q=funding", "state=CA&state=IL"],
    "case": ["", "status=pending", "q=illinois", "state=CA&state=IL"],
}
TABLE = re.compile(r'"(jurisdictions_[a-z_]+)"')


def counters():
    return dict(TableVersion.objects.values_list("name", "version"))


class ListVersionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        wall = make_provision(slug="wall", name="Wall")
        ice = make_provision(slug="ice", name="ICE access")
        la = make_jurisdiction(name="Los Angeles", state="CA")
        chicago = make_jurisdiction(name="Chicago", state="IL")
        cls.ordinance = make_ordinance(
            jurisdiction=la, title="Privacy", status="passed", provisions=[wall, ice]
        )
        make_resolution(
            district=make_school_district(state="CA"), title="Safe", provisions=[wall]
        )
        cls.statement = make_statement(title="Funding", targets=[la, chicago])
        make_list_entry(jurisdiction=chicago)
        make_case(title="Illinois", plaintiffs=[la], defendants=[chicago])

    def test_a_write_bumps_its_table_counter_and_no_other(self):
        before = counters()
        Ordinance.objects.filter(pk=self.ordinance.pk).update(title="Privacy act")
        after = counters()
        self.assertEqual(
            after["jurisdictions_ordinance"], before["jurisdictions_ordinance"] + 1
        )
        changed = {name for name in after if after[name] != before.get(name)}
        self.assertEqual(changed, {"jurisdictions_ordinance"})

    def test_an_m2m_write_bumps_the_through_table(self):
        before = counters()
        self.ordinance.provisions.clear()
        after = counters()
        changed = {name for name in after if after[name] != before.get(name)}
        self.assertEqual(changed, {"jurisdictions_ordinance_provisions"})

    def test_the_data_version_reads_the_counters_in_the_same_query(self):
        with self.assertNumQueries(1):
            version = DataVersion.current()
            tables = TableVersion.at(version)
        self.assertEqual(
            tables["jurisdictions_ordinance"][0],
            counters()["jurisdictions_ordinance"],
        )

    def test_an_edit_rebuilds_only_the_lists_reading_its_table(self):
        urls = {kind: reverse(f"jurisdictions:{kind}-list") for kind in LISTS}
        for url in urls.values():
            self.client.get(url)
        built = mock.patch.object(counting, "summarise", wraps=counting.summarise)

        def rebuilt(edit):
            edit()
            with built as summarise:
                for url in urls.values():
                    self.assertEqual(self.client.get(url).status_code, 200)
                return {
                    kind
                    for kind, view in LISTS.items()
                    for call in summarise.call_args_list
                    if call.args[0].model is view.queryset.model
                }

        # A statement's title: no list reads it to count, but the statement
        # list reads its table.
        self.assertEqual(
            rebuilt(lambda: self.statement.save()), {"statement", "jurisdiction"}
        )
        self.assertEqual(
            rebuilt(lambda: self.ordinance.save()), {"ordinance", "jurisdiction"}
        )
        # Nothing written: nothing rebuilt.
        self.assertEqual(rebuilt(lambda: None), set())

    def test_each_list_reads_only_the_tables_it_names(self):
        version = DataVersion.current()
        for kind, view in LISTS.items():
            declared = {model._meta.db_table for model in view.reads}
            for query in QUERIES[kind]:
                with self.subTest(kind=kind, query=query):
                    counting.latest.clear()
                    counting.cache.clear()
                    request = RequestFactory().get("/")
                    data = dict(pair.split("=") for pair in query.split("&") if pair)
                    if "&" in query:
                        name = query.split("=")[0]
                        data[name] = [p.split("=")[1] for p in query.split("&")]
                    filterset = view.filterset_class(
                        _query(data), queryset=view.queryset, request=request
                    )
                    self.assertTrue(filterset.is_valid(), filterset.errors)
                    with CaptureQueriesContext(connection) as queries:
                        count_list(
                            filterset, view.facets, list_version(view.reads, version)
                        )
                    read = {
                        table
                        for sql in queries.captured_queries
                        for table in TABLE.findall(sql["sql"])
                    }
                    self.assertTrue(read, "no query ran: nothing was checked")
                    self.assertLessEqual(
                        read - {"jurisdictions_tableversion"}, declared
                    )


def _query(data):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for name, value in data.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return query
