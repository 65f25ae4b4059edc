"""The timeline: quarters, counts per series, its links and its page."""

import datetime
import re

from django.core.cache import cache
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import reverse

from jurisdictions.models import PolicyProvision
from jurisdictions.models.base import BINDING_LIMITS as BINDING
from jurisdictions.models.base import MANDATES as MANDATING
from jurisdictions.timeline import (
    FEDERAL_START,
    SERIES,
    START,
    Quarter,
    Year,
    nice_scale,
    quarters,
    timeline_chart,
    timeline_counts,
)

from .factories import (
    make_case,
    make_jurisdiction,
    make_ordinance,
    make_person,
    make_provision,
    make_statement,
)
from .test_caching import clock

D = datetime.date
URL = reverse("jurisdictions:timeline")
# The data version, then the three grouped counts (ordinances, statements,
# cases); the counts are kept per data version, so a second request runs only
# the first.
TIMELINE_QUERIES = 5  # the version, three counts, the provisions' slugs


class QuarterTests(SimpleTestCase):
    def test_quarters_run_from_2017_q1_to_the_current_quarter(self):
        found = quarters(START, D(2026, 12, 2))
        self.assertEqual(len(found), 40)
        self.assertEqual(found[0], Quarter(2017, 1))
        self.assertEqual(found[-1], Quarter(2026, 4))
        self.assertEqual(found, sorted(set(found)))

    def test_both_ends_count_whatever_day_they_fall_on(self):
        self.assertEqual(
            quarters(D(2024, 11, 5), D(2025, 1, 1)),
            [Quarter(2024, 4), Quarter(2025, 1)],
        )
        self.assertEqual(quarters(D(2025, 3, 31), D(2025, 3, 31)), [Quarter(2025, 1)])

    def test_a_quarter_knows_its_first_and_last_day(self):
        self.assertEqual(Quarter(2025, 1).start, D(2025, 1, 1))
        self.assertEqual(Quarter(2025, 1).end, D(2025, 3, 31))
        self.assertEqual(Quarter(2024, 4).start, D(2024, 10, 1))
        self.assertEqual(Quarter(2024, 4).end, D(2024, 12, 31))
        self.assertEqual(str(Quarter(2025, 2)), "2025 Q2")

    def test_the_y_axis_ends_on_a_round_number_at_or_above_the_largest(self):
        self.assertEqual(nice_scale(0), (1, 1))
        self.assertEqual(nice_scale(3), (3, 1))
        self.assertEqual(nice_scale(7), (8, 2))
        self.assertEqual(nice_scale(45), (60, 20))
        for largest in range(0, 500):
            top, step = nice_scale(largest)
            self.assertGreaterEqual(top, largest)
            self.assertLessEqual(top // step, 4)
            self.assertEqual(top % step, 0)


def build_records():
    """Records of every series, and records the timeline must leave out."""
    limit = make_provision(category="resources")
    detain = make_provision(category="detainers")
    mandate = make_provision(category="cooperation_mandate")
    ban = make_provision(category="sanctuary_ban")
    support = make_provision(category="declaration")
    # 2025 Q1: two limit, one of which also mandates.
    make_ordinance(passed_on=D(2025, 2, 10), provisions=[limit, detain])
    make_ordinance(passed_on=D(2025, 3, 31), provisions=[limit, mandate])
    # Dated by its introduction (no passage recorded): 2019 Q2.
    make_ordinance(introduced_on=D(2019, 5, 1), provisions=[ban])
    # Signed with no recorded vote (a state law, an order): 2025 Q2.
    make_ordinance(
        instrument="executive_order", signed_on=D(2025, 4, 2), provisions=[limit]
    )
    # A month-precision passage: the first of the month, 2017 Q1.
    make_ordinance(
        passed_on=D(2017, 1, 1), passed_on_precision="month", provisions=[mandate]
    )
    # Never counted: a draft, a draft place's, an undated one, one before
    # 2017, one that only supports (a declaration), one without provisions.
    make_ordinance(
        passed_on=D(2025, 1, 15), provisions=[limit], publication_status="draft"
    )
    make_ordinance(
        passed_on=D(2025, 1, 15),
        provisions=[limit],
        jurisdiction=make_jurisdiction(publication_status="draft"),
    )
    make_ordinance(provisions=[limit])
    make_ordinance(passed_on=D(2016, 12, 31), provisions=[limit])
    make_ordinance(passed_on=D(2025, 1, 20), provisions=[support])
    make_ordinance(passed_on=D(2025, 1, 20))

    make_statement(made_on=D(2024, 11, 10))
    make_statement(made_on=D(2025, 1, 20))
    make_statement(made_on=D(2025, 1, 21), kind="policy_announcement")
    make_statement(made_on=D(2025, 11, 1), made_on_precision="month")
    # Never counted: a draft, a draft speaker's, one before 2024 Q4, undated.
    make_statement(made_on=D(2025, 1, 22), publication_status="draft")
    make_statement(
        made_on=D(2025, 1, 22), speaker=make_person(publication_status="draft")
    )
    make_statement(made_on=D(2024, 9, 30))
    make_statement()

    # A case filed "February 2025", stored as the month's first day.
    make_case(filed_on=D(2025, 2, 1), filed_on_precision="month")
    make_case(filed_on=D(2025, 6, 12))
    make_case(filed_on=D(2025, 6, 30))
    make_case(filed_on=D(2025, 7, 1), publication_status="draft")
    make_case(filed_on=D(2024, 2, 1))
    make_case()


EXPECTED = {
    "limits": {Quarter(2025, 1): 2, Quarter(2025, 2): 1},
    "mandates": {
        Quarter(2017, 1): 1,
        Quarter(2019, 2): 1,
        Quarter(2025, 1): 1,
    },
    "federal": {Quarter(2024, 4): 1, Quarter(2025, 1): 2, Quarter(2025, 4): 1},
    "cases": {Quarter(2025, 1): 1, Quarter(2025, 2): 2},
}


def nonzero(counts):
    return {key: {q: n for q, n in by.items() if n} for key, by in counts.items()}


def bars(chart):
    return [bar for row in chart["rows"] for bar in row["bars"]]


def listed(client, href):
    """The number of rows the list at `href` shows, and its total."""
    response = client.get(href)
    assert response.status_code == 200, (href, response.content[:2000])
    total = response.context["paginator"].count
    rows = len(response.context["object_list"])
    heading = re.search(
        rb"(\d+) results?", response.content[response.content.index(b"summary") :]
    )
    return total, rows, int(heading.group(1))


class TimelineCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_records()

    def test_each_series_counts_its_published_records_by_quarter(self):
        self.assertEqual(nonzero(timeline_counts(D(2026, 1, 15))), EXPECTED)

    def test_counts_take_three_queries(self):
        with self.assertNumQueries(3):
            timeline_counts(D(2026, 1, 15))

    def test_nothing_after_the_current_quarter_is_counted(self):
        make_ordinance(passed_on=D(2025, 7, 1), provisions=[make_provision()])
        make_case(filed_on=D(2025, 7, 1))
        counts = nonzero(timeline_counts(D(2025, 6, 30)))
        self.assertEqual(counts["limits"], EXPECTED["limits"])
        self.assertEqual(counts["cases"], EXPECTED["cases"])
        self.assertNotIn(Quarter(2025, 4), counts["federal"])

    def test_chart_draws_one_bar_per_nonzero_count(self):
        chart = timeline_chart(timeline_counts(D(2026, 1, 15)), D(2026, 1, 15))
        drawn = {}
        for bar in bars(chart):
            drawn.setdefault(bar["series"].key, {})
            quarter = Quarter(
                *map(int, re.match(r"(\d+) Q(\d)", bar["title"]).groups())
            )
            drawn[bar["series"].key][quarter] = bar["n"]
        self.assertEqual(drawn, EXPECTED)
        self.assertEqual(len(chart["rows"]), 37)
        self.assertEqual(str(chart["last"]), "2026 Q1")

    def test_bars_stand_on_the_baseline_in_proportion_to_their_numbers(self):
        chart = timeline_chart(timeline_counts(D(2026, 1, 15)), D(2026, 1, 15))
        self.assertEqual(chart["max"], 2)
        baseline = float(chart["baseline"])
        plot_height = baseline - chart["top"]
        for bar in bars(chart):
            y, height = float(bar["y"]), float(bar["height"])
            self.assertAlmostEqual(y + height, baseline, places=1)
            self.assertAlmostEqual(height, plot_height * bar["n"] / 2, places=1)
            self.assertGreaterEqual(float(bar["x"]), chart["left"])
            self.assertLessEqual(float(bar["x"]) + float(bar["width"]), chart["right"])
        self.assertEqual([t["value"] for t in chart["ticks"]], [0, 1, 2])

    def test_bars_of_one_quarter_sit_side_by_side_in_its_slot(self):
        chart = timeline_chart(timeline_counts(D(2026, 1, 15)), D(2026, 1, 15))
        row = next(r for r in chart["rows"] if r["quarter"] == Quarter(2025, 1))
        xs = [float(bar["x"]) for bar in row["bars"]]
        self.assertEqual(len(xs), 4)
        width = float(row["bars"][0]["width"])
        for left, right in zip(xs, xs[1:], strict=False):
            self.assertAlmostEqual(right - left, width, places=1)

    def test_titles_name_the_quarter_the_number_and_the_series(self):
        chart = timeline_chart(timeline_counts(D(2026, 1, 15)), D(2026, 1, 15))
        titles = {bar["title"] for bar in bars(chart)}
        self.assertIn("2025 Q1: 2 instruments limiting cooperation", titles)
        self.assertIn("2025 Q2: 1 instrument limiting cooperation", titles)
        self.assertIn("2019 Q2: 1 instrument mandating cooperation", titles)
        self.assertIn("2025 Q1: 2 federal actions", titles)
        self.assertIn("2025 Q2: 2 court cases filed", titles)
        self.assertIn("2025 Q1: 1 court case filed", titles)

    def test_federal_actions_and_cases_start_in_2024_q4(self):
        chart = timeline_chart(timeline_counts(D(2026, 1, 15)), D(2026, 1, 15))
        for row in chart["rows"]:
            tracked = {c["series"].key for c in row["cells"] if c["tracked"]}
            if row["quarter"].start < FEDERAL_START:
                self.assertEqual(tracked, {"limits", "mandates"})
            else:
                self.assertEqual(tracked, {s.key for s in SERIES})

    def test_every_bar_links_to_a_list_of_exactly_its_records(self):
        chart = timeline_chart(timeline_counts())
        self.assertEqual(len(bars(chart)), 10)
        for bar in bars(chart):
            with self.subTest(bar["title"]):
                self.assertEqual(
                    listed(self.client, bar["href"]), (bar["n"],) * 3, bar["href"]
                )

    def test_by_year_adds_up_the_quarters_for_narrow_screens(self):
        today = D(2026, 1, 15)
        chart = timeline_chart(timeline_counts(today), today, yearly=True)
        self.assertEqual(chart["width"], 360)
        self.assertEqual(
            [str(row["quarter"]) for row in chart["rows"]],
            [str(year) for year in range(2017, 2027)],
        )
        expected = {}
        for key, by in EXPECTED.items():
            for quarter, n in by.items():
                year = expected.setdefault(key, {})
                year[Year(quarter.year)] = year.get(Year(quarter.year), 0) + n
        drawn = {}
        for bar in bars(chart):
            year = Year(int(bar["title"][:4]))
            drawn.setdefault(bar["series"].key, {})[year] = bar["n"]
        self.assertEqual(drawn, expected)
        titles = {bar["title"] for bar in bars(chart)}
        self.assertIn("2025: 3 instruments limiting cooperation", titles)
        # Every other year is named on the axis.
        self.assertEqual(
            [year["label"] for year in chart["years"]][:4], [2017, "", 2019, ""]
        )

    def test_every_yearly_bar_links_to_a_list_of_exactly_its_records(self):
        # 2024's federal bar counts from the fourth quarter, as its list does.
        chart = timeline_chart(timeline_counts(), yearly=True)
        self.assertEqual(len(bars(chart)), 7)
        for bar in bars(chart):
            with self.subTest(bar["title"]):
                self.assertEqual(
                    listed(self.client, bar["href"]), (bar["n"],) * 3, bar["href"]
                )

    def test_every_table_link_is_its_bar_link(self):
        chart = timeline_chart(timeline_counts())
        for row in chart["rows"]:
            linked = {c["href"]: c["n"] for c in row["cells"] if c.get("href")}
            self.assertEqual(linked, {b["href"]: b["n"] for b in row["bars"]})

    def test_links_name_the_list_its_provisions_and_the_quarter(self):
        chart = timeline_chart(timeline_counts(D(2026, 1, 15)), D(2026, 1, 15))
        hrefs = {(b["series"].key, b["title"][:7]): b["href"] for b in bars(chart)}
        slugs = {
            category: "".join(
                f"provision={p.slug}&"
                for p in PolicyProvision.objects.order_by("slug")
                if p.category in categories
            )
            for category, categories in (("limits", BINDING), ("mandates", MANDATING))
        }
        # Every provision of the series' categories, and no other.
        self.assertEqual(slugs["limits"].count("provision="), 2)
        self.assertEqual(slugs["mandates"].count("provision="), 2)
        self.assertEqual(
            hrefs["limits", "2025 Q1"],
            reverse("jurisdictions:ordinance-list")
            + f"?{slugs['limits']}date_after=2025-01-01&date_before=2025-03-31",
        )
        self.assertEqual(
            hrefs["mandates", "2019 Q2"],
            reverse("jurisdictions:ordinance-list")
            + f"?{slugs['mandates']}date_after=2019-04-01&date_before=2019-06-30",
        )
        self.assertEqual(
            hrefs["federal", "2024 Q4"],
            reverse("jurisdictions:statement-list")
            + "?date_after=2024-10-01&date_before=2024-12-31",
        )
        self.assertEqual(
            hrefs["cases", "2025 Q1"],
            reverse("jurisdictions:case-list")
            + "?date_after=2025-01-01&date_before=2025-03-31",
        )


class TimelinePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_records()

    def test_page_shows_the_chart_its_legend_and_its_table(self):
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "jurisdictions/includes/timeline_chart.html")
        content = response.content.decode()
        self.assertInHTML("<h1>Timeline</h1>", content)
        self.assertIn(
            '<svg class="timeline-svg" viewBox="0 0 960 320" '
            'aria-labelledby="timeline-title" aria-describedby="timeline-desc">',
            content,
        )
        self.assertIn('<title id="timeline-title">', content)
        self.assertIn('<desc id="timeline-desc">', content)
        # The ten bars, each a link, and one legend swatch per series; then
        # the chart by year narrow screens show instead, its seven bars.
        for series in SERIES:
            self.assertIn(f'<rect class="bar bar--{series.key}" x="1"', content)
        quarterly, yearly = content.split(
            '<svg class="timeline-svg timeline-svg--yearly"'
        )
        bar_link = r'<a href="[^"]+" tabindex="-1"><title>'
        self.assertEqual(len(re.findall(bar_link, quarterly)), 10)
        self.assertEqual(len(re.findall(bar_link, yearly)), 7)
        self.assertIn('<title id="timeline-yearly-title">', yearly)
        self.assertContains(
            response, "<title>2025 Q1: 2 instruments limiting cooperation</title>"
        )
        self.assertContains(response, '<caption id="timeline-caption">')
        self.assertContains(response, '<th scope="row">2017 Q1</th>')
        self.assertContains(response, "Federal actions, from 2024 Q4")
        # Year labels on the x axis, the y axis's top.
        for year in range(2017, datetime.date.today().year + 1):
            self.assertContains(response, f">{year}</text>")
        self.assertRegex(content, r'timeline-tick--max"[^>]*>2</text>')

    def test_table_cells_link_where_non_zero_and_say_where_not_counted(self):
        response = self.client.get(URL)
        content = response.content.decode()
        row = re.search(r'<th scope="row">2025 Q1</th>(.*?)</tr>', content, re.S)
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
        self.assertEqual(len(cells), 4)
        for cell, n in zip(cells, (2, 1, 2, 1), strict=True):
            self.assertRegex(cell, rf'^<a href="/[^"]+">{n}<span')
        early = re.search(r'<th scope="row">2018 Q1</th>(.*?)</tr>', content, re.S)
        cells = re.findall(r"<td[^>]*>(.*?)</td>", early.group(1), re.S)
        self.assertEqual(cells[:2], ["0", "0"])
        for cell in cells[2:]:
            self.assertIn("not counted", cell)

    def test_no_style_attribute_or_element(self):
        content = self.client.get(URL).content.decode()
        self.assertNotIn("style=", content)
        self.assertNotIn("<style", content)

    def test_page_costs_a_fixed_number_of_queries(self):
        with self.assertNumQueries(TIMELINE_QUERIES):
            self.client.get(URL)
        # The counts are kept per data version: only the version is read.
        with self.assertNumQueries(1):
            self.client.get(URL)

    def test_more_records_cost_no_more_queries(self):
        limit = make_provision(category="resources")
        for year in range(2017, 2026):
            make_ordinance(passed_on=D(year, 5, 5), provisions=[limit])
            make_case(filed_on=D(2025, 1 + year % 12, 1))
        with self.assertNumQueries(TIMELINE_QUERIES):
            response = self.client.get(URL)
        self.assertContains(response, "2023 Q2: 1 instrument limiting cooperation")

    def test_an_edit_shows_on_the_next_request(self):
        self.assertNotContains(self.client.get(URL), "2018 Q3: 1 instrument")
        make_ordinance(passed_on=D(2018, 8, 8), provisions=[make_provision()])
        self.assertContains(
            self.client.get(URL), "2018 Q3: 1 instrument limiting cooperation"
        )

    def test_an_empty_tracker_still_draws_its_axes(self):
        from jurisdictions.models import Case, FederalStatement, Ordinance

        Ordinance.objects.all().delete()
        FederalStatement.objects.all().delete()
        Case.objects.all().delete()
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, 'tabindex="-1"><title>')
        self.assertContains(response, "(0 in all)")
        self.assertContains(response, "No published record is dated")


@override_settings(PUBLIC_CACHE_SECONDS=300)
class TimelineCacheTests(TestCase):
    """The page is cached per data version like every public page."""

    @classmethod
    def setUpTestData(cls):
        build_records()

    def setUp(self):
        cache.clear()

    def test_second_request_is_served_from_the_cache_with_no_query(self):
        with clock():
            first = self.client.get(URL)
            self.assertIn("ETag", first)
            with self.assertNumQueries(0):
                second = self.client.get(URL)
        self.assertEqual(second.content, first.content)

    def test_a_change_is_visible_on_the_next_request(self):
        self.client.get(URL)
        make_case(filed_on=D(2025, 8, 8))
        self.assertContains(self.client.get(URL), "2025 Q3: 1 court case filed")
