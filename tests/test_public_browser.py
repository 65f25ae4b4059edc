"""The public site in headless Chromium: forms, facets, links and accessibility."""

import json
import os
from pathlib import Path

import pytest

# The live server shares the test's transaction (conftest.site_server): no commits.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
LA_ORDINANCE = "/ordinances/los-angeles-sanctuary-city-ordinance/"


def axe_violations(page):
    """Run axe-core on the page; return its serious and critical violations."""
    # Evaluating the file's text, rather than adding a <script> tag, keeps
    # working once a Content-Security-Policy forbids scripts the site lacks.
    page.evaluate(AXE.read_text())
    results = page.evaluate(
        "async () => await axe.run(document, "
        "{resultTypes: ['violations'], runOnly: ['wcag2a', 'wcag2aa', "
        "'wcag21a', 'wcag21aa', 'best-practice']})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_home_page_explains_and_counts(page, seed):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Sanctuary Tracker"
    assert page.get_by_role("heading", name="What counts as “sanctuary”?").is_visible()
    assert page.locator(".card-count").count() == 5
    assert page.console_errors == []


def test_filter_ordinances_by_state_through_the_form(page, seed):
    page.goto("/ordinances/")
    page.locator("#filters").get_by_label("State:", exact=True).select_option("CA")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/ordinances/?*state=CA*")
    summary = page.locator("#results-heading").inner_text()
    # Los Angeles's five instruments, the state's laws (SB 54 among them),
    # the counties' and San Francisco's own instruments.
    assert summary.startswith("Ordinances in California — 14 results")
    rows = page.locator("table tbody tr")
    assert rows.count() == 14
    assert "Los Angeles" in rows.first.inner_text()
    assert page.title().startswith("Ordinances in California")
    assert page.console_errors == []


def test_follow_a_facet_link_then_remove_it(page, seed):
    page.goto("/jurisdictions/?kind=city")
    before = page.locator("table tbody tr").count()
    facet = page.locator(".facet").filter(has_text="State")
    facet.get_by_role("link", name="California").click()
    page.wait_for_url("**state=CA**")
    assert "kind=city" in page.url
    assert (
        page.locator("#results-heading")
        .inner_text()
        .startswith("Jurisdictions kind city, in California — ")
    )
    assert page.locator("table tbody tr").count() < before
    page.locator(".facet a.is-selected", has_text="California").click()
    page.wait_for_url(lambda url: "state=CA" not in url)
    assert page.locator("table tbody tr").count() == before
    assert page.console_errors == []


def test_open_a_detail_page_from_a_list(page, seed):
    page.goto("/jurisdictions/?q=Los+Angeles")
    page.get_by_role("link", name="Los Angeles", exact=True).click()
    page.wait_for_url("**/jurisdictions/los-angeles-ca/")
    assert page.locator("h1").inner_text() == "Los Angeles"
    crumbs = page.get_by_role("navigation", name="Where Los Angeles lies")
    assert crumbs.inner_text().split("\n")[:2] == ["California", "Los Angeles County"]
    assert page.get_by_role("heading", name="Timeline").is_visible()
    assert page.get_by_role("heading", name="Sources").is_visible()
    assert page.console_errors == []


def test_a_new_user_reaches_the_la_ordinance_within_three_clicks(page, seed):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Ordinances"
    ).click()
    page.wait_for_url("**/ordinances/")
    page.get_by_role(
        "link",
        name="Prohibition of the Use of City Resources for Federal Immigration "
        "Enforcement",
    ).click()
    page.wait_for_url(f"**{LA_ORDINANCE}")
    assert "City Resources" in page.locator("h1").inner_text()
    assert page.console_errors == []


def test_bad_input_and_unknown_pages_render_without_console_errors(page, seed):
    response = page.goto("/ordinances/?date_after=2024-99-99&page=x")
    assert response.status == 400
    assert page.locator(".error-summary").is_visible()
    assert page.locator("table").count() == 0
    response = page.goto("/ordinances/no-such-thing/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    # The browser logs the 400 and 404 responses themselves; nothing else.
    assert all("status of 40" in error for error in page.console_errors)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/ordinances/?state=CA",
        "/jurisdictions/los-angeles-ca/",
        LA_ORDINANCE,
        "/ordinances/?status=bogus",
        "/cases/",
        "/cases/?status=bogus",
        "/states/",
        "/states/?direction=bogus",
        "/timeline/",
        "/jurisdictions/texas/",
    ],
)
def test_no_serious_accessibility_violations(page, seed, path):
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(path)
        violations = axe_violations(page)
        assert violations == [], json.dumps(violations, indent=2)
    assert all("status of 400" in error for error in page.console_errors)


# Screenshots land here for a reviewer to look at (CI keeps the folder).
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", "screenshots"))


@pytest.mark.parametrize("path", ["/", "/states/"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_map_shades_every_state_at_desktop_and_phone_widths(
    page, seed, path, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path)
    shapes = page.locator("svg.map-svg .map-state")
    assert shapes.count() == 51
    assert page.locator("svg.map-svg a .map-state").count() == 51

    def fill(name):
        state = page.locator(f'svg.map-svg a[href="/jurisdictions/{name}/"] path')
        return state.evaluate("el => getComputedStyle(el).fill")

    # Shaded from the one stylesheet, and California and Texas differ.
    assert fill("california") not in ("", "none", "rgb(0, 0, 0)")
    assert fill("california") != fill("texas")
    svg = page.locator("svg.map-svg")
    box = svg.bounding_box()
    assert 0 < box["width"] <= width
    SCREENSHOTS.mkdir(exist_ok=True)
    name = "home" if path == "/" else "states"
    image = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=image, full_page=True)
    assert image.stat().st_size > 10_000
    assert axe_violations(page) == []
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert page.console_errors == []


def test_the_accessibility_scan_can_fail(page):
    page.set_content("<html><body><img src='/static/favicon.ico'></body></html>")
    found = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "html-has-lang"} <= found


def test_pages_fit_a_phone_screen(page, seed):
    page.set_viewport_size({"width": 375, "height": 800})
    for path in ("/", "/ordinances/", "/jurisdictions/", "/jurisdictions/california/"):
        page.goto(path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path


def test_keyboard_users_get_a_skip_link_and_visible_focus(page, seed):
    page.goto("/ordinances/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
