import pytest

# The live server shares the test's transaction (conftest.site_server): no commits.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_home_page_loads_without_console_errors(page, seed):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Sanctuary Tracker"
    assert page.console_errors == []
