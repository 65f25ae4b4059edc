"""Facet summaries give the same totals and facets as grouped queries do.

The lists count from a Summary (jurisdictions/counting.py, through
jurisdictions/counting.py); the database, asked directly (the FilterSet's rows
and one grouped query per facet, the path the lists take for several
provisions or targeted states at once), must agree on every combination of
filters. Drafts never count, and an edit shows on the next request.
"""

import datetime
import threading
import time
from unittest import mock
from urllib.parse import urlencode

from django.test import TestCase
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from jurisdictions import counting
from jurisdictions.counting import queryset_without
from jurisdictions.views import (
    CaseListView,
    JurisdictionListView,
    OrdinanceListView,
    ResolutionListView,
    StatementListView,
)

from .factories import (
    cell,
    make_case,
    make_jurisdiction,
    make_list_entry,
    make_ordinance,
    make_person,
    make_provision,
    make_resolution,
    make_school_district,
    make_statement,
)

STATES = ["CA", "NY", "TX"]
STATUSES = ["passed", "proposed", "in_effect"]
INSTRUMENTS = ["ordinance", "executive_order"]
PROVISIONS = ["shield", "wall", "court"]
STANCES = ["sanctuary", "limited", "unknown"]
LISTS = ["doj-list", "ice-list"]


def build():
    provisions = {
        slug: make_provision(slug=slug, name=slug.title()) for slug in PROVISIONS
    }
    places = {
        state: make_jurisdiction(state=state, stance=stance)
        for state, stance in zip(STATES, STANCES, strict=True)
    }
    counties = {
        state: make_jurisdiction(
            state=state, kind="county", name=f"{state} County", stance="sanctuary"
        )
        for state in STATES
    }
    districts = {state: make_school_district(state=state) for state in STATES}
    hidden = make_jurisdiction(state="NY", publication_status="draft")
    hidden_district = make_school_district(state="NY", publication_status="draft")
    n = 0
    for state in STATES:
        for status in STATUSES:
            for instrument in INSTRUMENTS:
                n += 1
                chosen = [
                    provisions[slug]
                    for i, slug in enumerate(PROVISIONS)
                    if (n >> i) & 1
                ]
                make_ordinance(
                    jurisdiction=places[state],
                    status=status,
                    instrument=instrument,
                    provisions=chosen,
                    title=f"Ordinance {n} {'privacy' if n % 3 else 'shelter'}",
                    passed_on=datetime.date(2020, 1, 1) + datetime.timedelta(n * 30),
                )
            make_ordinance(
                jurisdiction=counties[state],
                status=status,
                provisions=[provisions[PROVISIONS[(n + 1) % 3]]],
            )
            make_resolution(
                district=districts[state],
                status="adopted" if status == "passed" else "proposed",
                provisions=[provisions[PROVISIONS[n % 3]]],
            )
    # Statements targeting places in one, two or no states; targets that are
    # drafts never count, nor do statements by a draft speaker.
    kinds = ["threat", "statement", "lawsuit"]
    for i in range(9):
        targets = [places[STATES[i % 3]], districts[STATES[(i + i // 3) % 3]]]
        make_statement(
            kind=kinds[i % 3],
            targets=targets[: i % 3] + ([hidden] if i % 4 == 0 else []),
            title=f"Statement {i} {'funding' if i % 2 else 'shelter'}",
        )
    make_statement(kind="threat", targets=[places["CA"]],
                   speaker=make_person(publication_status="draft"))  # fmt: skip
    make_statement(kind="threat", targets=[places["TX"]], publication_status="draft")
    # Drafts, and published records of draft places, never count.
    make_ordinance(jurisdiction=places["CA"], publication_status="draft",
                   provisions=list(provisions.values()))  # fmt: skip
    make_ordinance(jurisdiction=hidden, provisions=[provisions["wall"]])
    make_resolution(district=hidden_district, provisions=[provisions["wall"]])
    # Federal lists: only current, published members count (not the removed
    # one, the draft entry, the draft place nor the withdrawn list's).
    doj, ice = (make_statement(kind="designation", slug=slug) for slug in LISTS)
    withdrawn = make_statement(
        kind="designation", withdrawn_on=datetime.date(2025, 6, 1)
    )
    make_list_entry(list=doj, jurisdiction=places["CA"])
    make_list_entry(list=doj, jurisdiction=counties["CA"])
    make_list_entry(list=doj, jurisdiction=districts["NY"])
    make_list_entry(
        list=doj, jurisdiction=places["TX"], removed_on=datetime.date(2025, 9, 26)
    )
    make_list_entry(list=doj, jurisdiction=counties["TX"], publication_status="draft")
    make_list_entry(list=doj, jurisdiction=hidden)
    make_list_entry(list=ice, jurisdiction=counties["CA"])
    make_list_entry(list=ice, jurisdiction=places["NY"])
    make_list_entry(list=withdrawn, jurisdiction=places["TX"])
    # Cases with parties on either side, in one state or two, or only draft
    # parties; a case counts once per state however many parties lie there.
    statuses = ["pending", "dismissed", "settled"]
    for i in range(12):
        sides = [places[STATES[i % 3]], counties[STATES[(i + i // 3) % 3]], hidden]
        make_case(
            status=statuses[i % 3],
            title=f"Case {i} {'funding' if i % 2 else 'shelter'}",
            filed_on=datetime.date(2020, 1, 1) + datetime.timedelta(i * 60),
            plaintiffs=sides[: i % 3],
            defendants=sides[i % 2 :][:2],
        )
    make_case(status="pending", defendants=[places["CA"]], publication_status="draft")


def seen(client, url):
    """The parts of a list page the summary answers."""
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return shown(response)


def shown(response):
    context = response.context
    return {
        "count": context["paginator"].count,
        "facets": facet_values(context["facets"]),
        "rows": [cell(obj, "pk") for obj in context["object_list"]],
    }


def facet_values(facets):
    return [
        (facet.name, [(v.value, v.label, v.count, v.selected) for v in facet.values])
        for facet in facets
    ]


def grouped(response, view):
    """What seen() gives for `response`'s query, asked of the database: a
    count of the FilterSet's rows and one grouped query per facet."""
    filterset = response.context["filter"]
    request = response.wsgi_request
    return {
        "count": filterset.qs.count(),
        "facets": facet_values(
            facet.build(
                filterset,
                request,
                facet.counts(queryset_without(filterset, facet.name)),
            )
            for facet in view.facets
        ),
        "rows": [row.pk for row in filterset.qs[: view.paginate_by]],
    }


def some(values):
    return st.lists(st.sampled_from(values), max_size=2, unique=True)


def queries(**choices):
    """A strategy for list queries mixing facet and other filters."""
    return st.fixed_dictionaries(
        {},
        optional={
            **{name: some(values) for name, values in choices.items()},
            "state": some(STATES),
            "provision": some(PROVISIONS),
        },
    )


def as_query(params):
    return "?" + urlencode(params, doseq=True)


class SummaryAgreesWithGroupedQueries(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        build()

    def check(self, view, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(shown(response), grouped(response, view), url)

    @settings(max_examples=60, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
    @given(queries(status=STATUSES, instrument=INSTRUMENTS,
                   q=["privacy", "shelter privacy", "nothing-matches"],
                   date_after=["2020-06-01", "2021-01-01"]))  # fmt: skip
    def test_ordinance_list(self, params):
        self.check(OrdinanceListView, reverse("jurisdictions:ordinance-list")
                   + as_query(params))  # fmt: skip

    @settings(max_examples=40, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
    @given(queries(status=["adopted", "proposed"]))
    def test_resolution_list(self, params):
        self.check(ResolutionListView, reverse("jurisdictions:resolution-list")
                   + as_query(params))  # fmt: skip

    @settings(max_examples=40, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
    @given(queries(kind=["threat", "statement", "lawsuit"],
                   q=["funding", "shelter", "nothing-matches"],
                   date_after=["2020-06-01"]))  # fmt: skip
    def test_statement_list(self, params):
        self.check(StatementListView, reverse("jurisdictions:statement-list")
                   + as_query(params))  # fmt: skip

    @settings(max_examples=40, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
    @given(queries(status=["pending", "dismissed", "settled"],
                   q=["funding", "shelter", "nothing-matches"],
                   date_after=["2020-06-01"]))  # fmt: skip
    def test_case_list(self, params):
        self.check(CaseListView, reverse("jurisdictions:case-list")
                   + as_query(params))  # fmt: skip

    @settings(max_examples=40, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
    @given(queries(kind=["city", "county", "school_district"], stance=STANCES,
                   q=["county", "town", "nothing-matches"], listed=LISTS))  # fmt: skip
    def test_jurisdiction_list(self, params):
        self.check(JurisdictionListView, reverse("jurisdictions:jurisdiction-list")
                   + as_query(params))  # fmt: skip


class SummaryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build()

    def test_facet_filters_cost_no_grouped_query(self):
        url = reverse("jurisdictions:ordinance-list")
        self.client.get(url)  # builds the summary of this data version
        # the provision's slug, data version, page rows (the checkboxes were
        # read with the summary, once per data version)
        with self.assertNumQueries(3):
            self.client.get(url + "?state=CA&status=passed&provision=wall")

    def test_other_filters_summarise_their_rows_in_two_queries(self):
        url = reverse("jurisdictions:ordinance-list") + "?q=privacy&state=CA"
        # data version, summary rows, summary pairs, page rows (on
        # PostgreSQL in order of relevance), the checkboxes
        with self.assertNumQueries(5):
            self.client.get(url)

    def test_refining_a_search_reuses_its_summary(self):
        url = reverse("jurisdictions:ordinance-list") + "?q=privacy"
        built = mock.patch.object(counting, "summarise", wraps=counting.summarise)
        with built as summarise:
            self.client.get(url)
            # data version, page rows
            with self.assertNumQueries(2):
                self.client.get(url + "&state=CA&ordering=title&page=1")
            self.assertEqual(summarise.call_count, 1)
            self.client.get(url + "+-wall")  # another search: its own summary
            self.assertEqual(summarise.call_count, 2)

    def test_a_search_summary_is_cached_for_less_time(self):
        url = reverse("jurisdictions:ordinance-list") + "?q=privacy"
        with mock.patch.object(
            counting.cache, "get_or_set", wraps=counting.cache.get_or_set
        ) as get_or_set:
            self.client.get(url)
        (call,) = get_or_set.call_args_list
        key, _, timeout = call.args
        self.assertTrue(key.startswith("summary:jurisdictions.Ordinance:"))
        self.assertEqual(timeout, counting.SEARCH_CACHE_SECONDS)

    def test_an_edit_shows_in_a_search_on_the_next_request(self):
        url = reverse("jurisdictions:ordinance-list") + "?q=sanctuary&status=passed"
        before = seen(self.client, url)
        ordinance = make_ordinance(
            title="Sanctuary city act",
            jurisdiction=make_jurisdiction(state="TX"),
            status="passed",
        )
        after = seen(self.client, url)
        self.assertEqual(after["count"], before["count"] + 1)
        ordinance.publication_status = "draft"
        ordinance.save()
        self.assertEqual(seen(self.client, url), before)

    def test_two_provisions_fall_back_to_grouped_queries(self):
        url = (
            reverse("jurisdictions:ordinance-list") + "?provision=wall&provision=court"
        )
        with (
            mock.patch.object(counting, "summarise") as summarise,
            mock.patch.object(counting, "published_summary") as published_summary,
        ):
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        summarise.assert_not_called()
        published_summary.assert_not_called()

    def test_an_edit_shows_on_the_next_request(self):
        url = reverse("jurisdictions:ordinance-list") + "?state=TX"
        before = seen(self.client, url)
        ordinance = make_ordinance(
            jurisdiction=make_jurisdiction(state="TX"), status="passed"
        )
        self.assertEqual(seen(self.client, url)["count"], before["count"] + 1)
        ordinance.publication_status = "draft"
        ordinance.save()
        self.assertEqual(seen(self.client, url), before)

    def test_a_summary_is_shared_through_the_cache(self):
        url = reverse("jurisdictions:ordinance-list")
        self.client.get(url)
        counting.latest.clear()  # as in a second process
        with mock.patch.object(counting, "summarise") as summarise:
            self.client.get(url)
        summarise.assert_not_called()

    def test_threads_wait_for_one_build_of_a_new_version(self):
        calls = []

        def slow_summarise(*args):
            calls.append(args)
            time.sleep(0.2)
            return "the summary"

        results = []
        with mock.patch.object(counting, "summarise", slow_summarise):
            threads = [
                threading.Thread(
                    target=lambda: results.append(
                        counting.kept(
                            "threads-test",
                            counting.summary_key("threads-test", (7, None)),
                            lambda: counting.summarise(),
                            60,
                        )
                    )
                )
                for _ in range(4)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        self.assertEqual(len(calls), 1)
        self.assertEqual(results, ["the summary"] * 4)


class SummaryPerTestTests(TestCase):
    """Each test rolls the data version back, so two tests may reach the same
    version (and, inside one PostgreSQL transaction, the same change time)
    with different rows: neither may see the other's summary."""

    def check(self, state):
        make_ordinance(jurisdiction=make_jurisdiction(state=state))
        response = self.client.get(reverse("jurisdictions:ordinance-list"))
        states = {
            v.value: v.count
            for f in response.context["facets"]
            if f.name == "state"
            for v in f.values
        }
        self.assertEqual(states, {state: 1})

    def test_one_place(self):
        self.check("CA")

    def test_another_place(self):
        self.check("TX")
