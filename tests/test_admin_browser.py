from io import StringIO

import pytest
from django.core.management import call_command

from jurisdictions.choices import PublicationStatus
from jurisdictions.models import Ordinance

from .factories import make_chief_editor, make_jurisdiction, make_source

# The live server shares the test's transaction (conftest.site_server): no commits.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "a long enough passphrase"


def choose(page, field, search, option):
    """Pick `option` in the admin's autocomplete (select2) widget for `field`."""
    page.click(f".field-{field} .select2-selection")
    page.fill(".select2-container--open .select2-search__field", search)
    page.click(f".select2-results__option:has-text('{option}')")


def test_chief_editor_adds_an_ordinance_with_autocomplete_and_publishes_it(page):
    call_command("setup_roles", stdout=StringIO())
    make_chief_editor(username="chief")
    make_jurisdiction(name="Springfield", state="IL")
    make_jurisdiction(name="Shelbyville", state="IL")
    make_source(title="Springfield Gazette")

    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto("/admin/jurisdictions/ordinance/add/")
    page.locator("#id_title").press_sequentially("Welcoming City Ordinance")
    # The slug is filled in from the title as the editor types.
    assert page.input_value("#id_slug") == "welcoming-city-ordinance"
    choose(page, "jurisdiction", "Spring", "Springfield, IL")
    choose(page, "sources", "Gazette", "Springfield Gazette")
    page.click("input[name=_save]")

    page.wait_for_selector("text=was added successfully")
    ordinance = Ordinance.objects.get(slug="welcoming-city-ordinance")
    assert ordinance.jurisdiction.name == "Springfield"
    assert ordinance.publication_status == PublicationStatus.DRAFT

    page.check(f"input[name=_selected_action][value='{ordinance.pk}']")
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    page.wait_for_selector("text=Published: 1 ordinance.")

    ordinance.refresh_from_db()
    assert ordinance.publication_status == PublicationStatus.PUBLISHED
    assert ordinance.published_at is not None
    assert ordinance.history.first().history_user.username == "chief"
    assert page.console_errors == []
