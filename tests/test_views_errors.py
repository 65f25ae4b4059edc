"""Bad input gets a 400 page with a message and no results; unknown pages a 404."""

import re
from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.template.loader import get_template
from django.test import Client, TestCase, override_settings
from django.urls import include, path, reverse

from .factories import (
    make_jurisdiction,
    make_ordinance,
    make_person,
    make_quote,
    make_resolution,
    make_school_district,
    make_statement,
)

LISTS = {
    "jurisdictions:jurisdiction-list": "kind=galaxy",
    "jurisdictions:ordinance-list": "status=pending",
    "jurisdictions:resolution-list": "status=passed",
    "jurisdictions:statement-list": "kind=rumour",
}
# Query → the field whose message must appear beside it.
BAD_ORDINANCE_QUERIES = {
    "status=pending": "status",
    "instrument=tweet": "instrument",
    "state=ZZ": "state",
    "provision=nope": "provision",
    "jurisdiction=nowhere": "jurisdiction",
    "date_after=2024-13-01": "date_after",
    "date_before=yesterday": "date_before",
    "date_after=2025-01-01&date_before=2024-01-01": "date_before",
    "ordering=secret": "ordering",
    "q=" + "x" * 201: "q",
    "q=a%00b": "q",
}


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("boom/", boom),
    path("", include("jurisdictions.urls")),
    *i18n_patterns(path("boom/", boom)),
]


class BadInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # Rows that an unfiltered list would show, so "no results" means something.
        cls.place = make_jurisdiction(slug="somewhere")
        make_ordinance(jurisdiction=cls.place)
        make_resolution()
        make_statement(targets=[cls.place])
        make_jurisdiction(slug="drafty", publication_status="draft")

    def assertRejected(self, response, field=None, message=None):
        self.assertEqual(response.status_code, 400)
        self.assertEqual(list(response.context["object_list"]), [])
        self.assertNotContains(response, "<table", status_code=400)
        self.assertContains(response, 'class="error-summary"', status_code=400)
        self.assertContains(response, "No results", status_code=400)
        if field:
            html = response.content.decode()
            form = html[html.index('id="filters"') :]
            # The message sits just before its control, no other field between,
            # and the control (or its fieldset) points to it for screen readers.
            message_at = form.index(f'id="id_{field}_error"')
            between = form[message_at : form.index(f'id="id_{field}"')]
            self.assertNotIn('class="field ', between)
            self.assertRegex(form, rf'aria-describedby="[^"]*id_{field}_error')
        if message:
            self.assertContains(response, message, status_code=400)

    def test_every_bad_ordinance_filter_is_explained_beside_its_field(self):
        url = reverse("jurisdictions:ordinance-list")
        for query, field in BAD_ORDINANCE_QUERIES.items():
            with self.subTest(query=query[:40]):
                self.assertRejected(self.client.get(f"{url}?{query}"), field)

    def test_an_unknown_choice_is_rejected_on_every_list(self):
        for name, query in LISTS.items():
            with self.subTest(name=name):
                self.assertRejected(
                    self.client.get(f"{reverse(name)}?{query}"), message="not one of"
                )

    def test_messages_say_what_is_wrong(self):
        url = reverse("jurisdictions:ordinance-list")
        self.assertRejected(
            self.client.get(url + "?q=" + "x" * 201),
            message="at most 200 characters",
        )
        self.assertRejected(
            self.client.get(url + "?date_after=2024-13-01"), message="valid date"
        )
        self.assertRejected(
            self.client.get(url + "?jurisdiction=drafty"),
            message="No published record has the slug “drafty”",
        )
        self.assertRejected(
            self.client.get(url + "?date_after=2025-01-01&date_before=2024-01-01"),
            message="must not be before",
        )

    def test_bad_page_numbers_on_every_list(self):
        for name in LISTS:
            url = reverse(name)
            for page, message in [
                ("abc", "“abc” is not a page number."),
                ("2", "There is no page 2: the results fill 1 page."),
                ("0", "There is no page 0"),
                ("-1", "There is no page -1"),
                ("1.5", "“1.5” is not a page number."),
                ("9" * 5000, "is not a page number."),
            ]:
                with self.subTest(name=name, page=page[:10]):
                    response = self.client.get(f"{url}?page={page}")
                    self.assertRejected(response, message=message)
                    self.assertContains(response, 'id="page-error"', status_code=400)

    def test_bad_input_hides_the_download_links(self):
        response = self.client.get(
            reverse("jurisdictions:ordinance-list") + "?state=ZZ"
        )
        self.assertNotContains(response, "Download this list", status_code=400)

    def test_error_summary_links_to_the_field(self):
        response = self.client.get(
            reverse("jurisdictions:ordinance-list") + "?state=ZZ"
        )
        self.assertContains(response, 'href="#id_state"', status_code=400)
        self.assertContains(response, "<title>Check the filters:", status_code=400)


class RefusedRequestTests(TestCase):
    """Requests Django refuses before any view runs answer in the URL's format."""

    TOO_MANY = "&".join(["state=CA"] * 1_200)

    def test_the_api_answers_json(self):
        response = self.client.get(f"/api/v1/ordinances/?{self.TOO_MANY}")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json(), {"detail": "Too many query parameters."})

    def test_downloads_answer_plain_text(self):
        for url in ("/ordinances.csv", "/ordinances.atom"):
            with self.subTest(url=url):
                response = self.client.get(f"{url}?{self.TOO_MANY}")
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
                self.assertEqual(response.content, b"Too many query parameters.\n")

    def test_pages_answer_the_styled_400_page(self):
        response = self.client.get(f"/ordinances/?{self.TOO_MANY}")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "<h1>Bad request</h1>", status_code=400)


class NotFoundTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        draft_place = make_jurisdiction(slug="draft-place", publication_status="draft")
        draft_person = make_person(slug="draft-person", publication_status="draft")
        cls.drafts = [
            draft_place,
            make_ordinance(slug="draft-ord", publication_status="draft"),
            # Published, but in a draft jurisdiction.
            make_ordinance(slug="orphan-ord", jurisdiction=draft_place),
            make_resolution(slug="draft-res", publication_status="draft"),
            make_resolution(
                slug="orphan-res",
                district=make_school_district(publication_status="draft"),
            ),
            make_statement(slug="draft-st", publication_status="draft"),
            make_statement(slug="orphan-st", speaker=draft_person),
            draft_person,
        ]
        make_quote(jurisdiction=draft_place)

    def test_draft_and_unknown_slugs_give_the_styled_404(self):
        urls = [obj.get_absolute_url() for obj in self.drafts] + [
            "/jurisdictions/nowhere/",
            "/ordinances/nothing/",
            "/resolutions/nothing/",
            "/statements/nothing/",
            "/people/nobody/",
            "/no-such-page/",
        ]
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, "Page not found", status_code=404)
                self.assertContains(response, 'class="skip-link"', status_code=404)
                self.assertContains(response, "css/site.css", status_code=404)


class ErrorPageTests(TestCase):
    def test_every_error_page_uses_the_site_style(self):
        for name in ("400.html", "403.html", "404.html"):
            with self.subTest(name=name):
                html = get_template(name).render({})
                self.assertIn("css/site.css", html)
                self.assertIn('<main id="main"', html)

    def test_500_page_renders_without_request_or_context_processors(self):
        html = get_template("500.html").render()
        self.assertIn("Something went wrong", html)
        self.assertIn("css/site.css", html)

    @override_settings(ROOT_URLCONF=__name__)
    def test_a_crash_shows_the_500_page_in_the_pages_language(self):
        client = Client(raise_request_exception=False)
        for url, lang, said, other, home, other_home in [
            ("/boom/", "en", "Something went wrong", "Algo salió mal", "/", "/es/"),
            ("/es/boom/", "es", "Algo salió mal", "Something went wrong", "/es/", "/"),
        ]:
            with self.subTest(url=url):
                response = client.get(url)
                self.assertContains(response, said, status_code=500)
                self.assertNotContains(response, other, status_code=500)
                self.assertContains(response, f'<html lang="{lang}">', status_code=500)
                # Its links go back to that language's home page.
                self.assertContains(response, f'href="{home}">', status_code=500)
                self.assertNotContains(
                    response, f'href="{other_home}">', status_code=500
                )


class ContentSecurityPolicyReadinessTests(TestCase):
    """No inline script, style or event handler, so a strict CSP can come later."""

    def test_templates_have_no_inline_script_or_style(self):
        root = Path(settings.BASE_DIR) / "templates"
        inline = re.compile(
            r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=", re.IGNORECASE
        )
        # The public site's own templates; admin and third-party overrides
        # are checked in a browser by tests/test_csp_browser.py.
        public = [
            *root.glob("*.html"),
            *(root / "includes").rglob("*.html"),
            *(root / "jurisdictions").rglob("*.html"),
        ]
        checked = 0
        for template in public:
            checked += 1
            with self.subTest(template=str(template.relative_to(root))):
                self.assertIsNone(inline.search(template.read_text()))
        self.assertGreater(checked, 10)
