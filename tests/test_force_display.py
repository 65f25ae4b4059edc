"""The record of force as readers see it: what still binds of an instrument
in effect in part, what rescinds, supersedes or amends it, who issued it, and
findings of no law, alike on its page, in the CSV, the API and the feeds; a
draft acting instrument or finding nowhere; "No law found" on the map and in
the filters."""

import csv
import datetime
import html
import io

import feedparser
from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from jurisdictions import dates, force, pgcopy
from jurisdictions.columns import ORDINANCES
from jurisdictions.models import (
    Finding,
    InstrumentChange,
    Ordinance,
    ProvisionBlock,
)
from jurisdictions.templatetags.records import record_date

from .factories import (
    make_case,
    make_jurisdiction,
    make_ordinance,
    make_provision,
    make_source,
)

D = datetime.date
TODAY = D(2026, 12, 7)
NOTE = (
    "In effect except: the ban on officials who “endorse” sanctuary policies "
    "(blocked by City of El Cenizo v. Texas since 30 Aug 2017); the detainer "
    "clause (blocked by U.S. District Court, W.D. Texas since 2018). No longer "
    "blocked: the cooperation mandate (blocked by a court from August 2017 "
    "until 13 Mar 2018)."
)


def block(ordinance, provision, clause, **fields):
    return ProvisionBlock.objects.create(
        ordinance=ordinance, provision=provision, clause=clause, **fields
    )


def make_finding(place, sources=(), **fields):
    fields.setdefault("summary", "Searched the statutes and the session laws.")
    fields.setdefault("publication_status", "published")
    finding = Finding.objects.create(jurisdiction=place, **fields)
    finding.sources.set(sources)
    return finding


def text_of(response):
    """A page's words, without markup or entities."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def csv_dicts(text):
    return csv.DictReader(io.StringIO(text))


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    return {row["slug"]: row for row in csv_dicts(text)}


class ForceDisplayTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ban = make_provision(slug="ban", category="sanctuary_ban")
        cls.mandate = make_provision(slug="mandate", category="cooperation_mandate")
        cls.detainers = make_provision(slug="detainers", category="detainers")
        cls.texas = make_jurisdiction(
            name="Texas", slug="texas", kind="state", state="TX", geoid="48"
        )
        cls.case = make_case(title="City of El Cenizo v. Texas", slug="el-cenizo")
        draft_case = make_case(title="Zzdraft v. Texas", publication_status="draft")
        cls.law = make_ordinance(
            title="SB 4",
            slug="sb-4",
            jurisdiction=cls.texas,
            instrument="state_law",
            status="enjoined_in_part",
            summary="Bans sanctuary policies.",
            provisions=[cls.ban, cls.mandate, cls.detainers],
        )
        block(
            cls.law,
            cls.ban,
            "the ban on officials who “endorse” sanctuary policies",
            case=cls.case,
            blocked_on=D(2017, 8, 30),
        )
        # The case is a draft: the block names the court instead.
        block(
            cls.law,
            cls.detainers,
            "the detainer clause",
            case=draft_case,
            court="U.S. District Court, W.D. Texas",
            blocked_on=D(2018, 1, 1),
            blocked_on_precision="year",
        )
        block(
            cls.law,
            cls.mandate,
            "the cooperation mandate",
            blocked_on=D(2017, 8, 1),
            blocked_on_precision="month",
            lifted_on=D(2018, 3, 13),
        )
        # A published order rescinds another; a draft one supersedes a third
        # and amends the law.
        cls.virginia = make_jurisdiction(
            name="Virginia", slug="virginia", kind="state", state="VA"
        )
        cls.eo47 = make_ordinance(
            title="Executive Order 47",
            slug="eo-47",
            jurisdiction=cls.virginia,
            instrument="executive_order",
            status="rescinded",
            provisions=[cls.mandate],
        )
        cls.eo10 = make_ordinance(
            title="Executive Order 10",
            slug="eo-10",
            jurisdiction=cls.virginia,
            instrument="executive_order",
            status="in_effect",
            issued_by="Office of the Governor",
        )
        InstrumentChange.objects.create(
            acting=cls.eo10,
            target=cls.eo47,
            kind="rescinds",
            on=D(2026, 1, 17),
            note="It did not end the agreements already in place.",
        )
        cls.old_policy = make_ordinance(
            title="Old policy", slug="old-policy", jurisdiction=cls.virginia
        )
        cls.draft_order = make_ordinance(
            title="Zzdraft order",
            slug="zzdraft-order",
            jurisdiction=cls.virginia,
            publication_status="draft",
        )
        InstrumentChange.objects.create(
            acting=cls.draft_order,
            target=cls.old_policy,
            kind="supersedes",
            on=D(2026, 2, 1),
        )
        InstrumentChange.objects.create(
            acting=cls.draft_order, target=cls.law, kind="amends", on=D(2026, 2, 1)
        )
        # Findings: a state's published one, a city's, and a draft one.
        cls.kansas = make_jurisdiction(
            name="Kansas",
            slug="kansas",
            kind="state",
            state="KS",
            geoid="20",
            stance="none_found",
        )
        cls.statutes = make_source(
            title="Kansas Statutes Annotated",
            publisher="Kansas Legislature",
            url="https://ksrevisor.example.gov/statutes",
        )
        make_finding(cls.kansas, [cls.statutes], last_verified_on=D(2026, 1, 5))
        cls.wichita = make_jurisdiction(
            name="Wichita", slug="wichita", state="KS", stance="none_found"
        )
        make_finding(cls.wichita, [make_source(title="Wichita code")])
        cls.nebraska = make_jurisdiction(
            name="Nebraska", slug="nebraska", kind="state", state="NE", geoid="31"
        )
        make_finding(
            cls.nebraska,
            [make_source(title="Zzdraft source")],
            summary="Zzdraft finding.",
            publication_status="draft",
        )

    def api_json(self, name, **kwargs):
        response = self.client.get(reverse(f"api:{name}", kwargs=kwargs))
        self.assertEqual(response.status_code, 200)
        return response.json()

    def feed(self, url):
        feed = feedparser.parse(self.client.get(url).content)
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        return {
            entry.link.removeprefix("http://testserver"): entry
            for entry in feed.entries
        }

    def test_page_csv_api_and_feed_say_the_same_words_of_what_binds(self):
        page = self.client.get(self.law.get_absolute_url())
        self.assertIn(NOTE, text_of(page))
        # On the page the case is linked, the dates are <time>s.
        self.assertContains(
            page, '<a href="/cases/el-cenizo/">City of El Cenizo v. Texas</a>'
        )
        self.assertContains(page, '<time datetime="2017-08">August 2017</time>')
        row = csv_rows(self.client.get(reverse("jurisdictions:ordinance-csv")))["sb-4"]
        self.assertEqual(row["in_force_note"], NOTE)
        self.assertEqual(row["blocked_provisions"], "ban;detainers")
        self.assertEqual(row["status"], "enjoined_in_part")
        record = self.api_json("ordinance-detail", slug="sb-4")
        self.assertEqual(record["in_force_note"], NOTE)
        self.assertEqual(record["blocked_provisions"], ["ban", "detainers"])
        self.assertEqual(
            [(b["provision"], b["case"], b["standing"]) for b in record["blocks"]],
            [
                ("mandate", None, False),
                ("ban", "el-cenizo", True),
                ("detainers", None, True),
            ],
        )
        listed = {r["slug"]: r for r in self.api_json("ordinance-list")["results"]}
        self.assertEqual(listed["sb-4"]["in_force_note"], NOTE)
        entry = self.feed(reverse("jurisdictions:ordinance-atom"))["/ordinances/sb-4/"]
        self.assertIn(NOTE, html.unescape(entry.summary))
        updates = self.feed(reverse("jurisdictions:updates-feed"))
        self.assertIn(NOTE, html.unescape(updates["/ordinances/sb-4/"].summary))

    def test_the_csv_words_are_the_pages_words_at_every_precision(self):
        place = make_jurisdiction()
        provision = make_provision()
        dates = [
            (None, "day"),
            (D(2025, 2, 3), "day"),
            (D(2025, 2, 1), "month"),
            (D(2025, 1, 1), "year"),
        ]
        for status in ("enjoined_in_part", "in_effect", "enjoined"):
            for since, since_precision in dates:
                for lifted in (None, D(2026, 5, 1)):
                    ordinance = make_ordinance(
                        jurisdiction=place, status=status, provisions=[provision]
                    )
                    block(
                        ordinance,
                        provision,
                        "a clause with 50% of a “quote”",
                        blocked_on=since,
                        blocked_on_precision=since_precision,
                        lifted_on=lifted,
                        lifted_on_precision="month",
                    )
        make_ordinance(jurisdiction=place, status="enjoined_in_part")
        make_ordinance(jurisdiction=place, status="in_effect")
        ordinances = Ordinance.objects.filter(jurisdiction=place)
        in_sql = dict(ordinances.values_list("pk", force.sql_in_force_note()))
        in_python = {
            o.pk: force.in_force_note(o)
            for o in ordinances.prefetch_related(force.blocks_prefetch())
        }
        self.assertEqual(in_sql, in_python)
        self.assertIn(
            "In effect in part; which provisions a court blocked is not recorded.",
            in_python.values(),
        )
        self.assertIn("", in_python.values())
        if connection.vendor == "postgresql":
            # COPY reads the blocks aggregated once, not by subquery per row.
            copied = "".join(pgcopy.copy_chunks(ORDINANCES, ordinances, ""))
            by_slug = {o.slug: in_python[o.pk] for o in ordinances}
            self.assertEqual(
                {r["slug"]: r["in_force_note"] for r in csv_dicts(copied)}, by_slug
            )

    def test_date_words_are_record_dates_without_markup(self):
        for language in ("en", "es"):
            for day, precision in [
                (D(2025, 3, 5), "day"),
                (D(2025, 3, 1), "month"),
                (D(2025, 1, 1), "year"),
            ]:
                with self.subTest(language=language, precision=precision):
                    with translation.override(language):
                        self.assertEqual(
                            dates.date_text(day, precision),
                            strip_tags(record_date(day, precision)),
                        )

    def test_a_rescission_reads_on_both_instruments_and_in_the_data(self):
        target = self.client.get(self.eo47.get_absolute_url())
        self.assertContains(
            target,
            'Rescinded by <a href="/ordinances/eo-10/">Executive Order 10</a> on '
            '<time datetime="2026-01-17">17 Jan 2026</time>.',
        )
        self.assertContains(target, "It did not end the agreements already in place.")
        acting = self.client.get(self.eo10.get_absolute_url())
        self.assertContains(
            acting,
            'Rescinds <a href="/ordinances/eo-47/">Executive Order 47</a> (from '
            '<time datetime="2026-01-17">17 Jan 2026</time>).',
        )
        rows = csv_rows(self.client.get(reverse("jurisdictions:ordinance-csv")))
        self.assertEqual(rows["eo-47"]["ended_by"], "eo-10")
        self.assertEqual(rows["eo-10"]["ended_by"], "")
        record = self.api_json("ordinance-detail", slug="eo-47")
        self.assertEqual(record["ended_by"], "eo-10")
        self.assertEqual(
            record["changed_by"],
            [
                {
                    "kind": "rescinds",
                    "instrument": "eo-10",
                    "on": "2026-01-17",
                    "on_precision": "day",
                    "note": "It did not end the agreements already in place.",
                }
            ],
        )
        self.assertEqual(
            [
                c["instrument"]
                for c in self.api_json("ordinance-detail", slug="eo-10")["changes_made"]
            ],
            ["eo-47"],
        )
        entry = self.feed(reverse("jurisdictions:ordinance-atom"))["/ordinances/eo-47/"]
        self.assertIn("Rescinded by Executive Order 10 on 17 Jan 2026.", entry.summary)

    def test_a_draft_acting_instrument_is_named_nowhere(self):
        urls = [
            self.law.get_absolute_url(),
            self.old_policy.get_absolute_url(),
            self.virginia.get_absolute_url(),
            reverse("jurisdictions:ordinance-csv"),
            reverse("jurisdictions:ordinance-atom"),
            reverse("jurisdictions:updates-feed"),
            reverse("jurisdictions:jurisdiction-feed", kwargs={"slug": "virginia"}),
            reverse("api:ordinance-list"),
            reverse("api:ordinance-detail", kwargs={"slug": "old-policy"}),
            reverse("api:ordinance-detail", kwargs={"slug": "sb-4"}),
        ]
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                content = b"".join(response) if response.streaming else response.content
                self.assertNotIn(b"zzdraft", content.lower())
        # Nothing is said of the supersession: the status stands alone.
        page = text_of(self.client.get(self.old_policy.get_absolute_url()))
        self.assertNotIn("Superseded by", page)
        self.assertNotIn(
            "Amended by", text_of(self.client.get(self.law.get_absolute_url()))
        )
        rows = csv_rows(self.client.get(reverse("jurisdictions:ordinance-csv")))
        self.assertEqual(rows["old-policy"]["ended_by"], "")
        self.assertEqual(rows["sb-4"]["amended_by"], "")
        record = self.api_json("ordinance-detail", slug="old-policy")
        self.assertIsNone(record["ended_by"])
        self.assertEqual(record["changed_by"], [])

    def test_a_published_amendment_is_named(self):
        amendment = make_ordinance(
            title="SB 4 amendment", slug="sb-4-amendment", jurisdiction=self.texas
        )
        InstrumentChange.objects.create(
            acting=amendment, target=self.law, kind="amends", on=None
        )
        self.assertContains(
            self.client.get(self.law.get_absolute_url()),
            'Amended by <a href="/ordinances/sb-4-amendment/">SB 4 amendment</a>.',
        )
        rows = csv_rows(self.client.get(reverse("jurisdictions:ordinance-csv")))
        self.assertEqual(rows["sb-4"]["amended_by"], "sb-4-amendment")
        self.assertEqual(rows["sb-4"]["ended_by"], "")

    def test_a_draft_rescissions_step_does_not_name_it(self):
        # The step take_effect() adds to the target is public: it must not
        # name a draft acting instrument (page, API, ordinance_actions.csv).
        change = InstrumentChange.objects.get(target=self.old_policy)
        change.take_effect(TODAY)
        page = self.client.get(self.old_policy.get_absolute_url())
        self.assertNotContains(page, "Zzdraft")

    def test_issued_by_shows_when_set(self):
        page = self.client.get(self.eo10.get_absolute_url())
        self.assertContains(page, "<dt>Issued by</dt><dd>Office of the Governor</dd>")
        self.assertNotContains(
            self.client.get(self.eo47.get_absolute_url()), "Issued by"
        )
        rows = csv_rows(self.client.get(reverse("jurisdictions:ordinance-csv")))
        self.assertEqual(rows["eo-10"]["issued_by"], "Office of the Governor")
        record = self.api_json("ordinance-detail", slug="eo-10")
        self.assertEqual(record["issued_by"], "Office of the Governor")

    def test_a_blocked_provision_is_not_in_force_on_the_place_page(self):
        page = self.client.get(self.texas.get_absolute_url())
        in_force = page.content.decode().split('id="provisions-heading"')[1]
        in_force, others = in_force.split("<h3>", 1)
        self.assertIn(self.mandate.name, in_force)  # its block was lifted
        self.assertNotIn(self.ban.name, in_force)
        self.assertIn(self.ban.name, others.split("</section>")[0])
        self.assertContains(page, "SB 4</a> (in effect in part)")

    def test_a_finding_shows_on_the_state_page_and_its_row(self):
        sentence = (
            "No state law found in the sources checked: Kansas Statutes Annotated "
            "(Kansas Legislature); checked on 5 Jan 2026."
        )
        page = self.client.get(self.kansas.get_absolute_url())
        self.assertIn(sentence, text_of(page))
        self.assertContains(
            page,
            '<a href="https://ksrevisor.example.gov/statutes">Kansas Statutes '
            "Annotated</a> (Kansas Legislature)",
        )
        self.assertContains(page, "Searched the statutes and the session laws.")
        # The evidence agrees with the stance: nothing is flagged.
        self.assertNotContains(page, "flagged for an editor")
        states = self.client.get(reverse("jurisdictions:state-list"))
        kansas = states.content.decode().split('id="state-KS"')[1].split("</tr>")[0]
        self.assertIn(sentence, " ".join(html.unescape(strip_tags(kansas)).split()))
        self.assertIn('<time datetime="2026-01-05">', kansas)
        nebraska = states.content.decode().split('id="state-NE"')[1].split("</tr>")[0]
        self.assertNotIn("No state law found", nebraska)
        self.assertIn("No state law recorded yet", nebraska)
        text = self.client.get(reverse("jurisdictions:state-csv")).content.decode()
        exported = {
            row["state"]: row
            for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        }
        self.assertEqual(exported["KS"]["stance"], "none_found")
        self.assertEqual(exported["KS"]["finding_checked_on"], "2026-01-05")
        self.assertEqual(
            exported["KS"]["finding_sources"], "https://ksrevisor.example.gov/statutes"
        )
        self.assertEqual(exported["NE"]["finding_checked_on"], "")

    def test_a_local_finding_reads_local(self):
        page = self.client.get(self.wichita.get_absolute_url())
        self.assertIn(
            "No local law found in the sources checked: Wichita code.", text_of(page)
        )

    def test_a_draft_finding_is_shown_nowhere(self):
        for url in (
            self.nebraska.get_absolute_url(),
            reverse("jurisdictions:state-list"),
            reverse("jurisdictions:state-csv"),
            reverse("jurisdictions:jurisdiction-csv"),
            reverse("api:jurisdiction-detail", kwargs={"slug": "nebraska"}),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                content = b"".join(response) if response.streaming else response.content
                self.assertNotIn(b"zzdraft", content.lower())
        page = self.client.get(self.nebraska.get_absolute_url())
        self.assertNotContains(page, "No state law found")
        self.assertContains(page, "No instrument of its own is recorded.")

    def test_the_map_legend_and_shapes_have_no_law_found(self):
        states = self.client.get(reverse("jurisdictions:state-list")).content.decode()
        legend = states[states.index('<ul class="map-legend">') :]
        self.assertIn('class="map-shape stance--none_found"', legend)
        self.assertIn('No law found <span class="context">(1)</span>', legend)
        self.assertIn('<pattern id="map-hatch-none_found"', states)
        self.assertIn(
            '<a href="/jurisdictions/kansas/"><path class="map-shape map-state '
            'stance--none_found"',
            states,
        )
        # The county map of a state page draws from the same patterns.
        kansas = self.client.get(self.kansas.get_absolute_url()).content.decode()
        self.assertIn('<pattern id="map-hatch-none_found"', kansas)

    def test_the_filters_offer_no_law_found_of_its_own(self):
        states = self.client.get(
            reverse("jurisdictions:state-list") + "?stance=none_found"
        )
        self.assertEqual([row.state.slug for row in states.context["rows"]], ["kansas"])
        self.assertContains(states, 'value="none_found"')
        places = self.client.get(
            reverse("jurisdictions:jurisdiction-list") + "?stance=none_found"
        )
        self.assertEqual(places.status_code, 200)
        self.assertContains(places, 'value="none_found"')
        self.assertEqual(
            sorted(row.slug for row in places.context["object_list"]),
            ["kansas", "wichita"],
        )
        unknown = self.client.get(
            reverse("jurisdictions:jurisdiction-list") + "?stance=unknown"
        )
        self.assertNotIn("kansas", [row.slug for row in unknown.context["object_list"]])


class ForceQueryCountTests(TestCase):
    """Lists, the CSV, the API and the feed cost the same however many
    instruments have blocks or changes."""

    def blocked(self, n, place=None):
        provision = make_provision(category="sanctuary_ban")
        for _ in range(n):
            law = make_ordinance(
                status="enjoined_in_part",
                provisions=[provision],
                **({"jurisdiction": place} if place else {}),
            )
            block(
                law, provision, "a clause", case=make_case(), blocked_on=D(2020, 1, 1)
            )
            block(law, provision, "another", court="A court", lifted_on=D(2021, 1, 1))
            InstrumentChange.objects.create(
                acting=make_ordinance(), target=law, kind="rescinds", on=D(2022, 1, 1)
            )

    def count(self, url):
        # Cold, as tests/test_views_queries.py counts: the summaries of a
        # list are read once per data version, and each change makes one;
        # clearing the cache drops each process's copy too.
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        self.assertEqual(response.status_code, 200, url)
        return len(queries)

    def counts(self):
        return {
            url: self.count(url)
            for url in (
                reverse("jurisdictions:ordinance-list"),
                reverse("jurisdictions:ordinance-csv"),
                reverse("api:ordinance-list"),
                reverse("jurisdictions:ordinance-atom"),
                reverse("jurisdictions:updates-feed"),
            )
        }

    def test_counts_do_not_grow_with_blocks_and_changes(self):
        self.blocked(1)
        few = self.counts()
        self.blocked(6)
        self.assertEqual(self.counts(), few)

    def test_a_states_page_and_the_states_table_cost_the_same_too(self):
        texas = make_jurisdiction(name="Texas", kind="state", state="TX", geoid="48")
        make_finding(texas, [make_source()])
        self.blocked(1, place=texas)
        urls = [texas.get_absolute_url(), reverse("jurisdictions:state-list")]
        few = [self.count(url) for url in urls]
        self.blocked(4, place=texas)
        kansas = make_jurisdiction(name="Kansas", kind="state", state="KS", geoid="20")
        make_finding(kansas, [make_source(), make_source()])
        self.assertEqual([self.count(url) for url in urls], few)
