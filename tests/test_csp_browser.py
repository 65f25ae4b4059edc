"""The strict content security policy holds on every kind of page: a browser
clicks through the admin, the public site and the API docs and sees no
violation."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from jurisdictions.models import Ordinance

# The live server shares the test's transaction (conftest.site_server): no commits.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "a long enough passphrase"
# Runs before any page script; the event reports every blocked resource.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""
MODELS = [
    "jurisdiction",
    "ordinance",
    "ordinanceaction",
    "schooldistrictresolution",
    "federalstatement",
    "person",
    "quote",
    "policyprovision",
    "source",
    "case",
]


def violations(page):
    found = page.evaluate("window.__cspViolations || []")
    return found + [e for e in page.console_errors if "Content Security" in e]


def visit(page, path):
    response = page.goto(path)
    assert response.status < 400, (path, response.status)
    assert response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    assert violations(page) == [], path
    assert page.console_errors == [], (path, page.console_errors)


def test_admin_public_site_and_api_docs_run_without_csp_violations(page, seed):
    get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto("/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    visit(page, "/admin/")
    for model in MODELS:
        visit(page, f"/admin/jurisdictions/{model}/")
        visit(page, f"/admin/jurisdictions/{model}/add/")
    ordinance = Ordinance.objects.get(slug="los-angeles-sanctuary-city-ordinance")
    change = reverse("admin:jurisdictions_ordinance_change", args=[ordinance.pk])
    visit(page, change)
    # Widgets that build their markup in the browser: autocomplete, calendar,
    # "add another" inline rows.
    page.click(".field-sponsors .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "Bass")
    page.wait_for_selector(".select2-results__option:has-text('Karen Bass')")
    page.keyboard.press("Escape")
    page.click(".field-introduced_on .datetimeshortcuts a:has-text('Today')")
    page.click("#actions-group .add-row a")
    assert violations(page) == []
    visit(page, reverse("admin:jurisdictions_ordinance_history", args=[ordinance.pk]))
    visit(page, "/admin/jurisdictions/jurisdiction/import/")
    visit(page, "/admin/jurisdictions/jurisdiction/?q=los")

    for path in [
        "/",
        "/ordinances/?state=CA",
        ordinance.get_absolute_url(),
        "/jurisdictions/los-angeles-ca/",
        "/cases/",
        "/data/",
        "/api/v1/docs/",
        "/api/v1/ordinances/",
    ]:
        visit(page, path)
