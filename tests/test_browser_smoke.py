import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_loads_without_console_errors(page, seed):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Sanctuary Tracker"
    assert page.console_errors == []
