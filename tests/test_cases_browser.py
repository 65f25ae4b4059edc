"""Court case pages in a browser: no serious accessibility violation at
desktop and phone widths (tests/test_cases.py holds the rest)."""

import datetime

import pytest

from .factories import make_case, make_jurisdiction, make_ordinance, make_statement
from .test_public_browser import axe_violations

D = datetime.date


@pytest.mark.browser
@pytest.mark.django_db
def test_case_pages_have_no_serious_accessibility_violations(page):
    la = make_jurisdiction(slug="los-angeles", name="Los Angeles")
    case = make_case(
        title="United States v. City of Los Angeles",
        filed_on=D(2025, 6, 30),
        decided_on=D(2026, 6, 1),
        decided_on_precision="month",
        status="dismissed",
        outcome="Dismissed.",
        plaintiff_parties="United States",
        defendants=[la],
        challenged=[make_ordinance(jurisdiction=la)],
        statements=[make_statement(targets=[la])],
        earlier_report="The article (November 2024) reported no lawsuit.",
    )
    for path in [
        "/cases/",
        "/cases/?state=CA&status=dismissed",
        "/cases/?jurisdiction=nowhere",
        case.get_absolute_url(),
        la.get_absolute_url(),
    ]:
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(path)
            assert axe_violations(page) == [], path
    assert all("status of 400" in error for error in page.console_errors)
