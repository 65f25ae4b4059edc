"""The live server shares each test's transaction (tests/conftest.py's
`site_server`): it serves a test's uncommitted rows, and the next test finds
them rolled back. Pytest runs these in file order, on one worker."""

import pytest

from jurisdictions.models import Jurisdiction

from .factories import make_jurisdiction


@pytest.mark.browser
@pytest.mark.django_db
def test_the_live_server_serves_the_tests_uncommitted_rows(page):
    place = make_jurisdiction(name="Rollback City", slug="rollback-city")
    response = page.goto(place.get_absolute_url())
    assert response.status == 200
    assert "Rollback City" in page.locator("h1").inner_text()


@pytest.mark.browser
@pytest.mark.django_db
def test_the_next_browser_test_finds_them_rolled_back(page):
    assert not Jurisdiction.objects.filter(slug="rollback-city").exists()
    assert page.goto("/jurisdictions/rollback-city/").status == 404
