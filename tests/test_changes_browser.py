"""The log of what changed in a browser: no serious accessibility violation on
/changes/ (filtered, wrong, Spanish) or on a record's "Changes", at desktop
and phone widths (tests/test_changes.py holds the rest)."""

import pytest

from .factories import make_ordinance
from .test_changes import at, made, save
from .test_public_browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_the_log_and_a_records_changes_pass_axe(page):
    ordinance = made(make_ordinance(title="Sanctuary ordinance", status="passed"))
    save(ordinance, at(2024, 12, 4), status="in_effect")
    for path in [
        "/changes/",
        "/changes/?kind=ordinance&state=CA&date_after=2024-01-01",
        "/changes/?kind=bogus",
        "/es/changes/",
        ordinance.get_absolute_url(),
    ]:
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(path)
            assert axe_violations(page) == [], path
    assert all("status of 400" in error for error in page.console_errors)


def test_a_change_links_to_its_place_on_the_record_page(page):
    ordinance = made(make_ordinance(title="Sanctuary ordinance", status="passed"))
    save(ordinance, at(2024, 12, 4), status="in_effect")
    page.goto("/changes/?kind=ordinance")
    row = page.locator("table tbody tr").first
    assert "status: passed → in effect" in row.inner_text()
    row.get_by_role("link", name="Sanctuary ordinance").click()
    page.wait_for_url(f"**{ordinance.get_absolute_url()}#change-ordinance-*")
    changes = page.locator("#changes-heading + ol li").first
    assert changes.inner_text().startswith("status: passed → in effect, 4 Dec 2024")
    assert page.console_errors == []
