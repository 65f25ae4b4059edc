"""/changes/, /changes.csv and /changes.atom: one FilterSet, one log, the
same changes in each and in the records' histories (issue 30, part B)."""

import datetime
import re
from unittest import mock

from django.core.cache import cache
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jurisdictions import views
from jurisdictions.changelog import KINDS, record_changes
from jurisdictions.feeds import FEED_SIZE
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
    make_provision,
    make_resolution,
    make_school_district,
    make_statement,
)
from .test_changes import at, csv_rows, feed_entries, made, save

LIST = reverse("jurisdictions:change-list")
CSV = reverse("jurisdictions:change-csv")
ATOM = reverse("jurisdictions:change-atom")
ANCHOR = re.compile(r'<tr id="(change-[a-z]+-\d+)"')


def build():
    """Records of every kind in California and New York, each changed once
    or twice on a day of its own in 2024, and a draft changed too."""
    day = iter(range(1, 29))
    ca_place = made(make_jurisdiction(state="CA"))
    ny_place = made(make_jurisdiction(state="NY"))
    records = [
        ca_place,
        ny_place,
        made(make_ordinance(jurisdiction=ca_place)),
        made(make_ordinance(jurisdiction=ny_place)),
        made(make_resolution(district=made(make_school_district(state="NY")))),
        made(make_statement(targets=[ca_place])),
        made(make_case(defendants=[ny_place])),
    ]
    for record in records:
        save(record, at(2024, 2, next(day)), summary="Revised once")
        if isinstance(record, Ordinance):
            save(record, at(2024, 3, next(day)), status="in_effect")
            save(
                record, at(2024, 3, next(day)), links={"provisions": [make_provision()]}
            )
    # Links: a party added; a draft named, then unnamed (no public change).
    save(records[-1], at(2024, 3, next(day)), links={"plaintiffs": [ca_place]})
    secret = make_jurisdiction(state="CA", publication_status="draft")
    save(records[-2], at(2024, 3, next(day)), links={"targets": [ca_place, secret]})
    save(records[-2], at(2024, 3, next(day)), links={"targets": [ca_place]})
    draft = made(make_ordinance(publication_status="draft", title="Draft only"))
    save(draft, at(2024, 4, 1), status="repealed")
    return records


def expected(kinds=None, states=None, after=None, before=None):
    """The log worked out from each published record's own changes."""
    changes = []
    for kind in KINDS:
        if kinds and kind.key not in kinds:
            continue
        records = kind.model.objects.published()
        if states:
            records = records.filter(kind.in_states(states))
        for record in records:
            changes.extend(record_changes(record))
    changes = [
        c
        for c in changes
        if (after is None or c.day >= after) and (before is None or c.day <= before)
    ]
    changes.sort(key=lambda c: (-c.changed_at.timestamp(), -c.history_id, c.kind.key))
    return [c.anchor for c in changes]


def page_anchors(response):
    return ANCHOR.findall(response.content.decode())


def csv_anchors(rows):
    return list(dict.fromkeys(row["change_id"] for row in rows))


class ChangeLogAgreementTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.records = build()

    def setUp(self):
        cache.clear()

    def test_page_csv_and_feed_agree_with_the_histories(self):
        queries = {
            "": {},
            "kind=case&kind=ordinance": {"kinds": ["case", "ordinance"]},
            "state=NY": {"states": ["NY"]},
            "state=CA&kind=statement": {"states": ["CA"], "kinds": ["statement"]},
            "date_after=2024-02-03&date_before=2024-03-10": {
                "after": datetime.date(2024, 2, 3),
                "before": datetime.date(2024, 3, 10),
            },
        }
        for query, arguments in queries.items():
            with self.subTest(query=query):
                want = expected(**arguments)
                self.assertTrue(want)
                page = self.client.get(f"{LIST}?{query}")
                self.assertEqual(page.status_code, 200)
                self.assertEqual(page_anchors(page), want)
                rows = csv_rows(self.client.get(f"{CSV}?{query}"))
                self.assertEqual(csv_anchors(rows), want)
                entries = feed_entries(self.client.get(f"{ATOM}?{query}"))
                self.assertEqual(
                    [entry["id"].rpartition("#")[2] for entry in entries],
                    want[:FEED_SIZE],
                )

    def test_the_same_words_in_each(self):
        ordinance = next(r for r in self.records if isinstance(r, Ordinance))
        # The change before its provision was added.
        change = record_changes(ordinance)[1]
        self.assertEqual(change.sentence(), "status: passed → in effect")
        rows = [
            r for r in csv_rows(self.client.get(CSV)) if r["change_id"] == change.anchor
        ]
        self.assertEqual(
            [(r["field"], r["old"], r["new"], r["change"]) for r in rows],
            [("status", "passed", "in effect", "status: passed → in effect")],
        )
        self.assertTrue(rows[0]["url"].endswith(ordinance.get_absolute_url()))
        entry = next(
            e
            for e in feed_entries(self.client.get(ATOM))
            if e["id"].endswith(change.anchor)
        )
        self.assertEqual(entry["summary"], "status: passed → in effect")
        self.assertIn(ordinance.title, entry["title"])
        page = self.client.get(LIST).content.decode()
        self.assertIn(f'href="{ordinance.get_absolute_url()}#{change.anchor}"', page)

    def test_a_link_change_in_the_same_words_in_each(self):
        case = next(r for r in self.records if isinstance(r, Case))
        change = record_changes(case)[0]
        place = str(self.records[0])
        self.assertEqual(change.sentence(), f"plaintiffs: added “{place}”")
        rows = [
            r for r in csv_rows(self.client.get(CSV)) if r["change_id"] == change.anchor
        ]
        self.assertEqual(
            [(r["field"], r["old"], r["new"], r["change"]) for r in rows],
            [("plaintiffs", "none", place, change.sentence())],
        )
        entry = next(
            e
            for e in feed_entries(self.client.get(ATOM))
            if e["id"].endswith(change.anchor)
        )
        self.assertEqual(entry["summary"], change.sentence())

    def test_a_first_publication_is_one_csv_row(self):
        rows = csv_rows(self.client.get(f"{CSV}?kind=case"))
        first = [r for r in rows if r["change"] == "first published"]
        self.assertEqual(len(first), 1)
        self.assertEqual((first[0]["field"], first[0]["old"]), ("", ""))

    def test_pages_of_the_log_follow_each_other(self):
        want = expected()
        with mock.patch.object(views.ChangeListView, "paginate_by", 4):
            seen = []
            for number in range(1, len(want) // 4 + 2):
                seen += page_anchors(self.client.get(f"{LIST}?page={number}"))
            self.assertEqual(seen, want)
            response = self.client.get(f"{LIST}?page=99")
            self.assertEqual(response.status_code, 400)
            self.assertContains(response, "There is no page 99", status_code=400)

    def test_spanish_pages_and_twins(self):
        page = self.client.get(f"/es{LIST}?state=NY")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, '<html lang="es"')
        self.assertEqual(page_anchors(page), expected(states=["NY"]))
        feed = self.client.get(f"/es{ATOM}?state=NY")
        self.assertEqual(feed.status_code, 200)
        # A download is the same bytes in either language.
        english = b"".join(self.client.get(f"{CSV}?state=NY").streaming_content)
        spanish = b"".join(self.client.get(f"/es{CSV}?state=NY").streaming_content)
        self.assertEqual(spanish, english)


class ChangeFilterErrorTests(TestCase):
    BAD = (
        "kind=everything",
        "state=ZZ",
        "date_after=yesterday",
        "date_after=2025-01-02&date_before=2025-01-01",
    )

    def test_bad_filters_give_a_message_never_an_unfiltered_log(self):
        make_ordinance(title="Would show unfiltered")
        for query in self.BAD:
            with self.subTest(query=query):
                page = self.client.get(f"{LIST}?{query}")
                self.assertEqual(page.status_code, 400)
                self.assertContains(
                    page, "Some of the filters could not be used", status_code=400
                )
                self.assertNotContains(page, "Would show unfiltered", status_code=400)
                for url in (CSV, ATOM):
                    response = self.client.get(f"{url}?{query}")
                    self.assertEqual(response.status_code, 400, url)
                    self.assertIn(b"Invalid filter parameters", response.content)


class ChangeLogCostTests(TestCase):
    def count_queries(self, url):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_the_log_costs_the_same_for_few_and_many_changes(self):
        build()
        few = self.count_queries(LIST)
        for i in range(30):
            save(made(make_case()), at(2024, 5, 1 + i % 28), status="settled")
        self.assertEqual(self.count_queries(LIST), few)
        # for each kind: its count (capped), its newest rows, the history
        # rows the page's changes compare, their links, and its records'
        # names; and the names of the provisions and the places the page's
        # link changes name, a query for each model
        self.assertEqual(few, 5 * len(KINDS) + 2)

    @override_settings(PUBLIC_CACHE_SECONDS=300)
    def test_the_log_is_cached_like_the_other_lists_and_turns_over(self):
        ordinance = made(make_ordinance())
        first = self.client.get(LIST)
        self.assertTrue(first.has_header("ETag"))
        again = self.client.get(LIST, headers={"if-none-match": first["ETag"]})
        self.assertEqual(again.status_code, 304)
        save(ordinance, at(2024, 6, 1), status="vetoed")
        fresh = self.client.get(LIST, headers={"if-none-match": first["ETag"]})
        self.assertEqual(fresh.status_code, 200)
        self.assertContains(fresh, "status: passed → vetoed")


def test_every_kind_is_a_public_record_model():
    assert {kind.model for kind in KINDS} == {
        Jurisdiction,
        Ordinance,
        SchoolDistrictResolution,
        FederalStatement,
        Case,
    }
