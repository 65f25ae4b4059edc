"""Readers' corrections in headless Chromium (issue 30): the keyboard alone
is enough, the form passes axe and fits a phone, and a correction goes from
the reader through the editors' queue to the record's "Changes" and /changes/."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from jurisdictions.dates import date_text
from jurisdictions.models import Correction

from .factories import make_editor
from .test_admin_browser import PASSWORD
from .test_public_browser import LA_ORDINANCE, axe_violations

# The live server shares the test's transaction (conftest.site_server): no commits.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

FORM = f"{LA_ORDINANCE}correct/"


def tab_to(page, selector, limit=150):
    """Press Tab until `selector` has the focus; fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.locator(selector).evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_a_reader_corrects_the_la_ordinance_with_the_keyboard_alone(page, seed):
    page.goto(LA_ORDINANCE)
    tab_to(page, ".correction-link a")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{FORM}")
    # First without a source: the errors come back, the text stays.
    tab_to(page, "#id_wrong")
    page.keyboard.type("The ordinance number is wrong.")
    page.keyboard.press("Tab")
    page.keyboard.type("It is Ordinance No. 188441.")
    tab_to(page, "button[type=submit]", limit=5)
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert page.locator("#id_wrong").input_value() == "The ordinance number is wrong."
    assert axe_violations(page) == []
    # The summary links to the field to fix.
    page.locator(".error-summary a").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_source_url"
    page.keyboard.type("https://clerk.lacity.org/cf/24-0001")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_email"
    page.keyboard.type("reader@example.org")
    # The honeypot is out of the tab order: next is the button.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{FORM}thanks/")
    assert "Thank you" in page.locator("h1").inner_text()
    correction = Correction.objects.get()
    assert correction.ordinance.slug == "los-angeles-sanctuary-city-ordinance"
    assert correction.right == "It is Ordinance No. 188441."
    assert correction.email == "reader@example.org"
    assert page.console_errors == []


def test_the_form_passes_axe_and_fits_a_phone(page, seed):
    page.set_viewport_size({"width": 390, "height": 844})
    for path in (FORM, f"/es{FORM}"):
        page.goto(path)
        assert axe_violations(page) == [], path
        overflow = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
        assert not page.locator("#id_website").is_visible()
    assert page.console_errors == []


def signed_in(browser, site_server, username):
    """A browser context of its own, signed in to the admin as `username`."""
    context = browser.new_context(base_url=site_server.url)
    admin = context.new_page()
    admin.console_errors = []
    admin.on(
        "console",
        lambda msg: msg.type == "error" and admin.console_errors.append(msg.text),
    )
    admin.on("pageerror", lambda exc: admin.console_errors.append(str(exc)))
    admin.goto("/admin/login/?next=/admin/")
    admin.fill("#id_username", username)
    admin.fill("#id_password", PASSWORD)
    admin.click("input[type=submit]")
    admin.wait_for_url("**/admin/")
    return admin


def test_a_readers_correction_is_accepted_and_shown_as_a_change(
    page, seed, browser, site_server
):
    """Issue 30's first Done-when line, end to end: the reader's correction
    (keyboard alone), the editor's queue and review, and the public log."""
    call_command("setup_roles", stdout=StringIO())
    make_editor(username="editor")
    today = date_text(timezone.localdate())
    # The field the editor corrects, and the reader's source, now cited.
    change = (
        "effective on: none → 9 Dec 2024; "
        "sources: added “https://clerk.lacity.org/cf/24-0001”"
    )

    # The reader, anonymous, on the ordinance's page: no such change yet.
    page.goto(LA_ORDINANCE)
    assert change not in page.locator(".record-changes").inner_text()
    tab_to(page, ".correction-link a")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{FORM}")
    tab_to(page, "#id_wrong")
    page.keyboard.type("The page gives no date the ordinance took effect.")
    page.keyboard.press("Tab")
    page.keyboard.type("It took effect on 9 December 2024, with its urgency clause.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_source_url"
    page.keyboard.type("https://clerk.lacity.org/cf/24-0001")
    tab_to(page, "button[type=submit]", limit=5)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{FORM}thanks/")
    assert "Thank you" in page.locator("h1").inner_text()

    # The editor, in a browser of their own: the queue counts the correction.
    admin = signed_in(browser, site_server, "editor")
    try:
        admin.goto("/admin/attention/")
        row = admin.locator("tr", has_text="New readers' corrections")
        assert row.locator("td").inner_text() == "1"
        row.get_by_role("link", name="New readers' corrections").click()
        admin.wait_for_url("**/admin/jurisdictions/correction/?status__exact=new")
        admin.locator("#result_list tbody tr th a").click()
        admin.wait_for_url("**/admin/jurisdictions/correction/*/change/**")
        admin.get_by_role(
            "link", name="open the record with this suggestion beside it"
        ).click()
        admin.wait_for_url("**/admin/jurisdictions/ordinance/*/change/?correction=*")
        # The suggestion and its source beside the record.
        beside = admin.locator(".correction-review").inner_text()
        assert "It took effect on 9 December 2024" in beside
        assert "https://clerk.lacity.org/cf/24-0001" in beside
        admin.fill("#id_effective_on", "2024-12-09")
        admin.locator("input[value^='Save and accept correction #']").click()
        admin.wait_for_selector("text=accepted; its source is now among")
        assert admin.console_errors == []
    finally:
        admin.context.close()

    # The reader goes back to the ordinance's page: the change, dated, and
    # what led to it.
    page.goto(LA_ORDINANCE)
    newest = page.locator(".record-changes li").first.inner_text()
    assert newest == f"{change}, {today} from a reader's correction"
    # The log of every change lists it too, newest first.
    page.goto("/changes/")
    row = page.locator("table tbody tr").first
    assert row.locator("td").first.inner_text() == today
    assert row.locator("th").inner_text() == (
        "Prohibition of the Use of City Resources for Federal Immigration Enforcement"
    )
    what = row.locator("td").last.inner_text()
    assert what == f"{change} from a reader's correction"
    assert page.console_errors == []
