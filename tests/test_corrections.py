"""Readers' corrections (issue 30, part A): the public form, its abuse
guards, and that nothing a reader sends reaches a public page.

The editors' review and the erase command: tests/test_corrections_admin.py.
"""

import io
import zipfile
from unittest import mock

from django.core import mail
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from jurisdictions.models import Correction, DataVersion

from .factories import (
    make_case,
    make_jurisdiction,
    make_ordinance,
    make_person,
    make_resolution,
    make_statement,
)

ADDRESS = "reader-secret@example.org"
MARK = "ZQXMARK"  # in every hostile text, so a leak is easy to find
GOOD = {
    "wrong": "The ordinance passed on 1 May, not 1 June.",
    "right": "Passed on 1 May 2024.",
    "source_url": "https://clerk.example.gov/cf/24-0001",
    "email": "",
}


class RaisingBackend:
    """A mail backend whose every send fails, as a down SMTP server would."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


def page_url(record):
    # The English path: a request in Spanish leaves Spanish active.
    with translation.override("en"):
        return record.get_absolute_url()


def correct_url(record, language=""):
    return f"{language}{page_url(record)}correct/"


class FormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ordinance = make_ordinance(title="Sanctuary ordinance")
        cls.records = [
            make_jurisdiction(),
            cls.ordinance,
            make_resolution(),
            make_statement(),
            make_case(),
            make_person(),
        ]

    def setUp(self):
        cache.clear()

    def post(self, record, language="", **changes):
        return self.client.post(correct_url(record, language), {**GOOD, **changes})

    def test_every_public_record_page_links_to_its_form(self):
        for record in self.records:
            with self.subTest(record=type(record).__name__):
                page = self.client.get(page_url(record))
                self.assertContains(page, f'href="{correct_url(record)}"')
                self.assertContains(page, "Suggest a correction")
                form = self.client.get(correct_url(record))
                self.assertEqual(form.status_code, 200)
                self.assertContains(form, "csrfmiddlewaretoken")
                spanish = self.client.get(correct_url(record, "/es"))
                self.assertEqual(spanish.status_code, 200)
                self.assertContains(spanish, '<html lang="es">')

    def test_a_correction_is_saved_and_thanked(self):
        response = self.post(self.ordinance, email=ADDRESS)
        thanks = f"{correct_url(self.ordinance)}thanks/"
        self.assertRedirects(response, thanks)
        correction = Correction.objects.get()
        self.assertEqual(correction.ordinance, self.ordinance)
        self.assertEqual(correction.kind, "ordinance")
        self.assertEqual(correction.status, "new")
        self.assertEqual(correction.email, ADDRESS)
        self.assertEqual(correction.language, "en")
        self.assertEqual(correction.source_url, GOOD["source_url"])
        self.assertContains(self.client.get(thanks), "Thank you for your correction")

    def test_a_spanish_reader_stays_in_spanish(self):
        response = self.post(self.ordinance, "/es")
        self.assertRedirects(response, f"{correct_url(self.ordinance, '/es')}thanks/")
        self.assertEqual(Correction.objects.get().language, "es")

    def test_each_kind_of_record_takes_a_correction(self):
        for record in self.records:
            with self.subTest(record=type(record).__name__):
                self.assertEqual(self.post(record).status_code, 302)
                self.assertEqual(Correction.objects.latest("pk").record, record)

    def test_a_draft_has_no_form(self):
        draft = make_ordinance(publication_status="draft")
        for url in (correct_url(draft), f"{correct_url(draft)}thanks/"):
            self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.post(draft).status_code, 404)
        self.assertFalse(Correction.objects.exists())

    def test_errors_keep_the_readers_text(self):
        response = self.post(self.ordinance, source_url="")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Correction.objects.exists())
        self.assertContains(response, GOOD["wrong"])
        self.assertContains(response, GOOD["right"])
        self.assertContains(response, 'class="error-summary" role="alert"')
        self.assertContains(response, 'href="#id_source_url"')
        self.assertContains(response, 'aria-invalid="true"')
        self.assertContains(response, 'id="id_source_url_error"')
        self.assertContains(response, "id_source_url_helptext id_source_url_error")
        # One error per problem.
        response = self.post(self.ordinance, source_url="javascript:alert(1)")
        self.assertContains(response, "Enter a web address starting with https://.", 2)
        self.assertIn("Error:", response.content.decode().split("</title>")[0])

    def test_hostile_input_gets_a_clear_error(self):
        cases = {
            "javascript URL": {"source_url": "javascript:alert(1)"},
            "data URL": {"source_url": "data:text/html,<script>x</script>"},
            "ftp URL": {"source_url": "ftp://example.org/file"},
            "missing source": {"source_url": ""},
            "100 KB of text": {"wrong": MARK + "x" * 100_000},
            "100 KB of text, right": {"right": MARK + "y" * 100_000},
            "bad address": {"email": "not an address"},
            "nothing said": {"wrong": "", "right": ""},
        }
        for name, changes in cases.items():
            with self.subTest(name):
                response = self.post(self.ordinance, **changes)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "error-summary")
        self.assertFalse(Correction.objects.exists())

    def test_script_tags_are_stored_as_text_and_shown_inert(self):
        script = f"<script>alert('{MARK}')</script>"
        response = self.post(self.ordinance, wrong=script, source_url="")
        self.assertNotContains(response, script)
        self.assertContains(response, "&lt;script&gt;")
        self.post(self.ordinance, wrong=script)
        self.assertEqual(Correction.objects.get().wrong, script)

    def test_a_flood_from_one_address_gets_429(self):
        with override_settings(CORRECTION_POSTS_PER_HOUR=3):
            for n in range(3):
                self.assertEqual(self.post(self.ordinance).status_code, 302, n)
            # Another X-Forwarded-For each time changes nothing: without
            # trusted proxies the address is REMOTE_ADDR, as for the API.
            response = self.client.post(
                correct_url(self.ordinance),
                {**GOOD, "wrong": f"Lost? {MARK}"},
                HTTP_X_FORWARDED_FOR="203.0.113.9",
            )
            self.assertEqual(response.status_code, 429)
            self.assertEqual(response["Retry-After"], "3600")
            self.assertContains(response, "Too many corrections", status_code=429)
            # What the reader wrote is shown back, to keep.
            self.assertContains(response, f"Lost? {MARK}", status_code=429)
            # Invalid posts count too.
            self.assertEqual(self.post(self.ordinance, wrong="").status_code, 429)
            other = self.client.post(
                correct_url(self.ordinance), GOOD, REMOTE_ADDR="198.51.100.7"
            )
            self.assertEqual(other.status_code, 302)
        self.assertEqual(Correction.objects.count(), 4)

    def test_a_filled_honeypot_looks_thanked_and_stores_nothing(self):
        response = self.post(self.ordinance, website="http://spam.example")
        self.assertRedirects(response, f"{correct_url(self.ordinance)}thanks/")
        self.assertFalse(Correction.objects.exists())
        form = self.client.get(correct_url(self.ordinance))
        self.assertContains(form, '<div class="correction-trap">')

    def test_the_form_needs_its_csrf_token(self):
        client = self.client_class(enforce_csrf_checks=True)
        response = client.post(correct_url(self.ordinance), GOOD)
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Correction.objects.exists())


@override_settings(PUBLIC_CACHE_SECONDS=300)
class CacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ordinance = make_ordinance()

    def setUp(self):
        cache.clear()

    def test_the_form_is_never_served_from_the_page_cache(self):
        # The view keeps it private (never_cache): the page cache neither
        # stores it nor gives it validators, so each reader gets a fresh token.
        url = correct_url(self.ordinance)
        tokens = set()
        for _ in range(2):
            response = self.client_class().get(url)
            self.assertNotIn("ETag", response)
            self.assertIn("no-store", response["Cache-Control"])
            self.assertIn("private", response["Cache-Control"])
            tokens.add(response.cookies["csrftoken"].value)
        self.assertEqual(len(tokens), 2)
        spanish = self.client_class().get(correct_url(self.ordinance, "/es"))
        self.assertNotIn("ETag", spanish)

    def test_the_record_page_stays_cacheable(self):
        page = self.client_class().get(page_url(self.ordinance))
        self.assertIn("ETag", page)
        self.assertFalse(page.cookies)
        self.assertNotIn("csrfmiddlewaretoken", page.content.decode())

    def test_a_new_correction_leaves_the_data_version(self):
        before = DataVersion.current()
        self.client.post(correct_url(self.ordinance), GOOD)
        self.assertEqual(Correction.objects.count(), 1)
        self.assertEqual(DataVersion.current(), before)


class MailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ordinance = make_ordinance(title="Sanctuary ordinance")

    def setUp(self):
        cache.clear()

    @override_settings(CORRECTION_EMAILS=["editors@example.org"])
    def test_the_editors_hear_of_a_new_correction(self):
        self.client.post(correct_url(self.ordinance), {**GOOD, "email": ADDRESS})
        [message] = mail.outbox
        self.assertEqual(message.to, ["editors@example.org"])
        correction = Correction.objects.get()
        self.assertIn(f"#{correction.pk}", message.subject)
        self.assertIn(GOOD["source_url"], message.body)
        self.assertNotIn(ADDRESS, message.body)

    @override_settings(
        CORRECTION_EMAILS=["editors@example.org"],
        EMAIL_BACKEND="tests.test_corrections.RaisingBackend",
    )
    def test_a_failed_mail_loses_nothing(self):
        with self.assertLogs("jurisdictions.views.corrections", "ERROR") as logs:
            response = self.client.post(correct_url(self.ordinance), GOOD)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Correction.objects.get().wrong, GOOD["wrong"])
        self.assertIn("Could not mail the editors", logs.output[0])


class PrivacyTests(TestCase):
    """No address and no reader's text reaches any public output."""

    @classmethod
    def setUpTestData(cls):
        cls.place = make_jurisdiction(name="Testville")
        cls.ordinance = make_ordinance(jurisdiction=cls.place)

    def setUp(self):
        cache.clear()
        for record in (self.place, self.ordinance):
            self.client.post(
                correct_url(record),
                {
                    **GOOD,
                    "wrong": f"<script>{MARK}</script>",
                    "right": f"<b>{MARK}</b>",
                    "source_url": f"https://example.org/{MARK}",
                    "email": ADDRESS,
                },
            )
        assert Correction.objects.count() == 2

    def outputs(self):
        urls = [
            "/",
            page_url(self.place),
            page_url(self.ordinance),
            f"/es{page_url(self.ordinance)}",
            "/jurisdictions/",
            "/ordinances/",
            "/jurisdictions.csv",
            "/ordinances.csv",
            "/jurisdictions.atom",
            "/ordinances.atom",
            "/feeds/updates.atom",
            f"/jurisdictions/{self.place.slug}.atom",
            "/api/v1/jurisdictions/",
            "/api/v1/ordinances/",
            f"/api/v1/ordinances/{self.ordinance.slug}/",
            "/data/",
            reverse("jurisdictions:method"),
        ]
        for url in urls:
            response = self.client_class().get(url)
            self.assertEqual(response.status_code, 200, url)
            if response.streaming:
                yield url, b"".join(response.streaming_content)
            else:
                yield url, response.content
        zipped = self.client_class().get("/data/sanctuary-tracker.zip")
        archive = zipfile.ZipFile(io.BytesIO(b"".join(zipped.streaming_content)))
        for name in archive.namelist():
            yield name, archive.read(name)

    def test_no_address_or_readers_text_reaches_a_public_output(self):
        seen = 0
        for name, content in self.outputs():
            with self.subTest(name):
                self.assertNotIn(ADDRESS.encode(), content)
                self.assertNotIn(MARK.encode(), content)
                seen += 1
        self.assertGreater(seen, 17)

    def test_a_failed_mail_is_logged_without_the_address(self):
        correction = Correction.objects.filter(ordinance=self.ordinance).get()
        with (
            mock.patch(
                "jurisdictions.views.corrections.send_mail", side_effect=OSError
            ),
            override_settings(CORRECTION_EMAILS=["editors@example.org"]),
            self.assertLogs("jurisdictions.views.corrections", "ERROR") as logs,
        ):
            from jurisdictions.views.corrections import notify_editors

            notify_editors(correction)
        self.assertNotIn(ADDRESS, "\n".join(logs.output))
