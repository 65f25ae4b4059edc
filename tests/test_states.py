"""/states/ and /states.csv: one row per state and DC, filtered by one
FilterSet, drawn from the same rows as the map."""

import csv
import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse

from jurisdictions import landscape, maps
from jurisdictions.models import FederalStatement, Jurisdiction
from jurisdictions.views.states import STATES

from .factories import (
    make_case,
    make_jurisdiction,
    make_list_entry,
    make_ordinance,
    make_provision,
    make_source,
    make_statement,
)
from .test_caching import clock

STATES_URL = reverse("jurisdictions:state-list")
CSV_URL = reverse("jurisdictions:state-csv")
SHAPE = re.compile(
    r'<a href="(?P<url>[^"]+)"><path class="map-shape map-state '
    r'stance--(?P<stance>[a-z_]+)"'
)
ROW = re.compile(
    r'<tr id="state-(?P<code>[A-Z]{2})" data-stance="(?P<stance>[a-z_]+)">\s*'
    r'<th scope="row"><a href="(?P<url>[^"]+)">'
)


def csv_rows(response):
    text = response.content.decode("utf-8").lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


class StatePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        limit = make_provision(slug="no-resources", category="resources")
        share = make_provision(slug="no-sharing", category="information_sharing")
        ban = make_provision(slug="ban", category="sanctuary_ban")
        cls.ca = make_jurisdiction(
            name="California",
            slug="california",
            kind="state",
            state="CA",
            geoid="06",
            stance="sanctuary",
        )
        cls.tx = make_jurisdiction(
            name="Texas",
            slug="texas",
            kind="state",
            state="TX",
            geoid="48",
            stance="anti_sanctuary",
        )
        cls.ks = make_jurisdiction(
            name="Kansas",
            slug="kansas",
            kind="state",
            state="KS",
            geoid="20",
        )
        cls.values_act = make_ordinance(
            title="Values Act",
            number="SB 54",
            jurisdiction=cls.ca,
            instrument="state_law",
            status="in_effect",
            provisions=[limit, share],
            sources=[
                make_source(
                    url="https://leginfo.example.gov/sb54", publisher="Legislature"
                )
            ],
        )
        cls.tx_law = make_ordinance(
            title="Anti-sanctuary law",
            number="SB 4",
            jurisdiction=cls.tx,
            instrument="state_law",
            status="in_effect",
            provisions=[ban],
        )
        cls.repealed = make_ordinance(
            title="Old order",
            jurisdiction=cls.tx,
            instrument="executive_order",
            status="repealed",
            provisions=[limit],
        )
        la = make_jurisdiction(name="Los Angeles", slug="la", state="CA")
        make_jurisdiction(name="Houston", slug="houston", state="TX")
        doj = make_statement(title="DOJ list", slug="doj-list", kind="designation")
        make_list_entry(list=doj, jurisdiction=la)
        cls.case = make_case(title="United States v. Texas town", defendants=[la])

    def page(self, query=""):
        response = self.client.get(f"{STATES_URL}{query}")
        return response, response.content.decode()

    def test_every_published_state_has_a_row_a_linked_shape_and_a_csv_row(self):
        response, html = self.page()
        self.assertEqual(response.status_code, 200)
        rows = {m["code"]: m["stance"] for m in ROW.finditer(html)}
        self.assertEqual(
            rows, {"CA": "sanctuary", "TX": "anti_sanctuary", "KS": "unknown"}
        )
        shapes = {m["url"]: m["stance"] for m in SHAPE.finditer(html)}
        self.assertEqual(
            shapes,
            {
                "/jurisdictions/california/": "sanctuary",
                "/jurisdictions/texas/": "anti_sanctuary",
                "/jurisdictions/kansas/": "unknown",
            },
        )
        exported = {r["state"]: r["stance"] for r in csv_rows(self.client.get(CSV_URL))}
        self.assertEqual(exported, rows)

    def test_a_row_sorts_instruments_by_what_they_do_in_force(self):
        _, html = self.page()
        row = html.split('id="state-TX"')[1].split("</tr>")[0]
        cells = row.split("<td")
        self.assertIn("Anti-sanctuary law", cells[3])  # mandates
        self.assertIn("None found in the sources checked", cells[2])  # limits
        self.assertIn("Old order", cells[4])  # not in force: other
        ca = html.split('id="state-CA"')[1].split("</tr>")[0]
        self.assertIn('href="https://leginfo.example.gov/sb54"', ca)
        ks = html.split('id="state-KS"')[1].split("</tr>")[0]
        self.assertIn("No state law recorded yet", ks)
        self.assertNotIn(">None<", ks)

    def test_listing_cases_and_places_link_to_the_matching_lists(self):
        _, html = self.page()
        ca = html.split('id="state-CA"')[1].split("</tr>")[0]
        self.assertIn("1 place in it", ca)
        self.assertIn("1 case", ca)
        cases = self.client.get(reverse("jurisdictions:case-list") + "?state=CA")
        self.assertEqual(cases.context["paginator"].count, 1)
        self.assertIn('href="/jurisdictions/?state=CA&amp;kind=county', ca)
        tx = html.split('id="state-TX"')[1].split("</tr>")[0]
        self.assertIn("Not listed", tx)
        self.assertIn("No case recorded", tx)
        # The map marks a state that is, or holds a place that is, listed.
        self.assertEqual(response_markers(html), 1)

    def test_the_home_page_draws_the_map_the_states_page_draws(self):
        # The home page reads landscape.map_states(), the states page
        # state_rows(): the same stances, links and markers, whether a state
        # is listed itself or through a place, and not when its entry ended.
        doj = FederalStatement.objects.get(slug="doj-list")
        make_list_entry(list=doj, jurisdiction=Jurisdiction.objects.get(slug="texas"))
        make_list_entry(
            list=doj,
            jurisdiction=Jurisdiction.objects.get(slug="kansas"),
            removed_on=datetime.date(2025, 9, 1),
        )
        home = maps.us_map(landscape.map_states(STATES))
        self.assertEqual(home, maps.us_map(landscape.state_rows(STATES)))
        self.assertEqual(len(home["markers"]), 2)  # California's place, Texas

    def test_filters_narrow_the_table_and_the_csv_alike(self):
        cases = {
            "?direction=limits": {"CA"},
            "?direction=mandates": {"TX"},
            "?direction=none": {"KS"},
            "?direction=limits&direction=none": {"CA", "KS"},
            "?stance=anti_sanctuary": {"TX"},
            "?listed=doj-list": {"CA"},
        }
        for query, expected in cases.items():
            with self.subTest(query=query):
                response, html = self.page(query)
                self.assertEqual(response.status_code, 200)
                self.assertEqual({m["code"] for m in ROW.finditer(html)}, expected)
                exported = csv_rows(self.client.get(f"{CSV_URL}{query}"))
                self.assertEqual({r["state"] for r in exported}, expected)
                # The map still shows every state.
                self.assertEqual(len(SHAPE.findall(html)), 3)

    def test_bad_filters_are_refused_with_a_message(self):
        for query in ("?direction=sideways", "?stance=maybe", "?listed=no-such-list"):
            with self.subTest(query=query):
                response, html = self.page(query)
                self.assertEqual(response.status_code, 400)
                self.assertIn("Some of the filters could not be used", html)
                self.assertNotIn('id="state-', html)
                self.assertEqual(self.client.get(f"{CSV_URL}{query}").status_code, 400)

    def test_drafts_never_show(self):
        draft_state = make_jurisdiction(
            name="Zzdraft state",
            slug="zzdraft-state",
            kind="state",
            state="WY",
            geoid="56",
            publication_status="draft",
        )
        make_ordinance(
            title="Zzdraft law",
            slug="zzdraft-law",
            jurisdiction=self.ca,
            status="in_effect",
            publication_status="draft",
        )
        make_ordinance(title="Zzdraft orphan", jurisdiction=draft_state)
        make_case(
            title="Zzdraft case", defendants=[self.tx], publication_status="draft"
        )
        doj = make_statement(
            title="Zzdraft list",
            slug="zzdraft-list",
            kind="designation",
            publication_status="draft",
        )
        make_list_entry(list=doj, jurisdiction=self.tx)
        for url in (STATES_URL, CSV_URL, reverse("jurisdictions:home")):
            with self.subTest(url=url):
                text = self.client.get(url).content.decode()
                self.assertNotIn("zzdraft", text.lower())
        _, html = self.page()
        tx = html.split('id="state-TX"')[1].split("</tr>")[0]
        self.assertIn("No case recorded", tx)
        self.assertIn("Not listed", tx)
        # A draft state is drawn, unlinked and unshaded, like a state with no record.
        self.assertNotIn("/jurisdictions/zzdraft-state/", html)

    def test_queries_are_constant(self):
        self.client.get(STATES_URL)  # warm per-process caches
        # The rows of every state with their laws, and those laws' court blocks.
        with self.assertNumQueries(9):
            self.client.get(STATES_URL)
        for n in range(3):
            state = make_jurisdiction(kind="state", state="NY", slug=f"s{n}")
            make_ordinance(
                jurisdiction=state, status="in_effect", provisions=[make_provision()]
            )
            make_case(defendants=[state])
        with self.assertNumQueries(9):
            self.client.get(STATES_URL)

    def test_a_filtered_table_reads_the_rows_once_for_table_and_map(self):
        # The rows of every state (9 queries, the map needs them all), then
        # the keys of the states the filters keep.
        url = f"{STATES_URL}?stance=sanctuary"
        self.client.get(url)
        with self.assertNumQueries(10):
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)


def response_markers(html):
    markers = html.split('<g class="map-markers"')[1].split("</g>")[0]
    return markers.count('class="map-marker"')


@pytest.mark.usefixtures("module_seed")
class SeededStatesTests(TestCase):
    """The seed: all 51 states on the map, the table and the CSV, agreeing."""

    def test_all_51_agree_on_map_table_and_csv(self):
        html = self.client.get(STATES_URL).content.decode()
        table = {m["url"]: m["stance"] for m in ROW.finditer(html)}
        shapes = {m["url"]: m["stance"] for m in SHAPE.finditer(html)}
        self.assertEqual(len(table), 51)
        self.assertEqual(shapes, table)
        exported = {
            r["url"].removeprefix("http://testserver"): r["stance"]
            for r in csv_rows(self.client.get(CSV_URL))
        }
        self.assertEqual(exported, table)
        stored = dict(
            Jurisdiction.objects.filter(kind="state").values_list("slug", "stance")
        )
        self.assertEqual(
            {url.split("/")[2]: stance for url, stance in table.items()}, stored
        )
        home = self.client.get(reverse("jurisdictions:home")).content.decode()
        self.assertEqual({m["url"]: m["stance"] for m in SHAPE.finditer(home)}, table)

    def test_texas_and_california_differ(self):
        stances = dict(
            Jurisdiction.objects.filter(slug__in=["texas", "california"]).values_list(
                "slug", "stance"
            )
        )
        # SB 54 (2017) bars using local resources and holds on detainers.
        self.assertEqual(stances["california"], "sanctuary")
        self.assertEqual(stances["texas"], "anti_sanctuary")


@override_settings(PUBLIC_CACHE_SECONDS=300)
class MapPagesAreCachedPerDataVersionTests(TestCase):
    """The home page and /states/ (the map's pages) are cached like the lists:
    one query on a hit, and a change shows on the next request."""

    @classmethod
    def setUpTestData(cls):
        cls.texas = make_jurisdiction(
            name="Texas", slug="texas", kind="state", state="TX", geoid="48"
        )

    def setUp(self):
        cache.clear()

    def test_a_hit_costs_no_query_and_an_edit_shows_at_once(self):
        for url in (STATES_URL, reverse("jurisdictions:home")):
            with self.subTest(url=url):
                with clock():
                    first = self.client.get(url)
                    self.assertContains(first, 'stance--unknown"')
                    with self.assertNumQueries(0):  # the version read a moment ago
                        second = self.client.get(url)
                self.assertEqual(second.content, first.content)
                # As the admin edits: through save(), which this process hears of.
                self.texas.stance = "anti_sanctuary"
                self.texas.save()
                html = self.client.get(url).content.decode()
                self.assertEqual(
                    {m["url"]: m["stance"] for m in SHAPE.finditer(html)},
                    {"/jurisdictions/texas/": "anti_sanctuary"},
                )
                self.texas.stance = "unknown"
                self.texas.save()
