"""Readers' corrections (issue 30, part A): the editors' review in the admin,
the decision mail, and the erase command."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from jurisdictions.models import Correction, DataVersion, Source, correction_note

from .factories import make_chief_editor, make_editor, make_ordinance, make_person
from .test_admin import form_data
from .test_corrections import RaisingBackend  # noqa: F401 (named by a setting)

TODAY = timezone.localdate()
# Taken again as each test starts (conftest.fresh_today).
pytestmark = pytest.mark.usefixtures("fresh_today")
ADDRESS = "reader@example.org"
SOURCE = "https://clerk.example.gov/cf/24-0001"


def make_correction(record, **kwargs):
    fields = {
        "wrong": "Passed on 1 June.",
        "right": "Passed on 1 May.",
        "source_url": SOURCE,
        "email": ADDRESS,
    }
    fields.update(kwargs)
    correction = Correction(**fields)
    correction.record = record
    correction.save()
    return correction


def change_url(correction):
    return reverse("admin:jurisdictions_correction_change", args=[correction.pk])


class ReviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("setup_roles", stdout=StringIO())
        cls.editor = make_editor()
        cls.ordinance = make_ordinance(title="Sanctuary ordinance")
        cls.person = make_person(name="A. Official")

    def setUp(self):
        self.client.force_login(self.editor)

    def record_url(self, correction):
        url = reverse("admin:jurisdictions_ordinance_change", args=[self.ordinance.pk])
        return f"{url}?correction={correction.pk}"

    def test_the_list_filters_by_status_and_kind_and_searches(self):
        on_ordinance = make_correction(self.ordinance)
        on_person = make_correction(self.person, wrong="Wrong title.")
        url = reverse("admin:jurisdictions_correction_changelist")
        cases = {
            "": {on_ordinance, on_person},
            "?status__exact=new": {on_ordinance, on_person},
            "?status__exact=declined": set(),
            "?kind=person": {on_person},
            "?kind=ordinance": {on_ordinance},
            "?q=title": {on_person},
            "?q=Sanctuary": {on_ordinance},
        }
        for query, expected in cases.items():
            with self.subTest(query):
                response = self.client.get(url + query)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(set(response.context["cl"].queryset), expected)

    def test_readers_words_are_shown_inert(self):
        hostile = make_correction(
            self.ordinance,
            wrong="<script>alert(1)</script>",
            right='<a href="https://evil.example">click</a>',
            source_url="https://evil.example/<b>x</b>",
        )
        for url in (change_url(hostile), self.record_url(hostile)):
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                content = response.content.decode()
                self.assertNotIn("<script>alert(1)</script>", content)
                self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", content)
                self.assertNotIn('href="https://evil.example', content)
                self.assertNotIn("<b>x</b>", content)

    def test_no_one_adds_a_correction_in_the_admin(self):
        url = reverse("admin:jurisdictions_correction_add")
        self.assertEqual(self.client.get(url).status_code, 403)

    def test_accepting_records_the_source_and_the_id_in_the_history(self):
        correction = make_correction(self.ordinance)
        page = self.client.get(self.record_url(correction))
        self.assertContains(page, f"Reader's correction #{correction.pk}")
        self.assertContains(page, SOURCE)
        self.assertContains(page, 'name="_accept_correction"')
        before = DataVersion.current()
        data = form_data(page, title="Sanctuary ordinance (corrected)")
        data["_accept_correction"] = "Save and accept"
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.record_url(correction), data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.ordinance.refresh_from_db()
        self.assertEqual(self.ordinance.title, "Sanctuary ordinance (corrected)")
        self.assertIn(SOURCE, self.ordinance.sources.values_list("url", flat=True))
        latest = self.ordinance.history.latest("history_date")
        self.assertEqual(latest.history_change_reason, correction_note(correction.pk))
        self.assertIn(SOURCE, latest.sources.values_list("source__url", flat=True))
        correction.refresh_from_db()
        self.assertEqual(correction.status, "accepted")
        self.assertEqual(correction.reviewer, self.editor)
        self.assertEqual(correction.decided_on, TODAY)
        self.assertGreater(DataVersion.current()[0], before[0])
        [message] = mail.outbox
        self.assertEqual(message.to, [ADDRESS])
        self.assertIn("changed the record", message.body)
        self.assertIn(
            f"http://testserver{self.ordinance.get_absolute_url()}", message.body
        )

    def test_a_plain_save_leaves_the_correction_new(self):
        correction = make_correction(self.ordinance)
        page = self.client.get(self.record_url(correction))
        response = self.client.post(self.record_url(correction), form_data(page))
        self.assertEqual(response.status_code, 302)
        correction.refresh_from_db()
        self.assertEqual(correction.status, "new")
        self.assertFalse(Source.objects.filter(url=SOURCE).exists())
        self.assertEqual(mail.outbox, [])

    def test_an_existing_source_is_reused(self):
        existing = Source.objects.create(title="Council file", url=SOURCE)
        correction = make_correction(self.ordinance)
        page = self.client.get(self.record_url(correction))
        data = {**form_data(page), "_accept_correction": "Save and accept"}
        self.client.post(self.record_url(correction), data)
        self.assertEqual(Source.objects.filter(url=SOURCE).count(), 1)
        self.assertIn(existing, self.ordinance.sources.all())

    def test_a_correction_of_another_record_shows_no_panel(self):
        correction = make_correction(make_ordinance())
        page = self.client.get(self.record_url(correction))
        self.assertNotContains(page, "_accept_correction")
        for bad in ("x", "999999"):
            url = reverse(
                "admin:jurisdictions_ordinance_change", args=[self.ordinance.pk]
            )
            page = self.client.get(f"{url}?correction={bad}")
            self.assertEqual(page.status_code, 200)
            self.assertNotContains(page, "_accept_correction")

    def test_declining_asks_for_a_reason(self):
        correction = make_correction(self.ordinance)
        url = change_url(correction)
        response = self.client.post(url, {"status": "declined", "note": " "})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Say why the correction is declined.")
        correction.refresh_from_db()
        self.assertEqual(correction.status, "new")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                url, {"status": "declined", "note": "The clerk's page says June."}
            )
        self.assertEqual(response.status_code, 302)
        correction.refresh_from_db()
        self.assertEqual(correction.status, "declined")
        self.assertEqual(correction.reviewer, self.editor)
        self.assertEqual(correction.decided_on, TODAY)
        [message] = mail.outbox
        self.assertEqual(message.to, [ADDRESS])
        self.assertIn("The clerk's page says June.", message.body)
        # Decided: the decision is no longer editable.
        page = self.client.get(url)
        self.assertNotContains(page, 'name="status"')

    def test_a_reader_who_left_no_address_gets_no_mail(self):
        correction = make_correction(self.ordinance, email="")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                change_url(correction), {"status": "declined", "note": "No."}
            )
        self.assertEqual(mail.outbox, [])

    def test_the_decision_mail_is_in_the_readers_language(self):
        correction = make_correction(self.ordinance, language="es")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                change_url(correction), {"status": "declined", "note": "No."}
            )
        [message] = mail.outbox
        self.assertIn("No.", message.body)
        self.assertEqual(translation.get_language(), "en")

    @override_settings(EMAIL_BACKEND="tests.test_corrections.RaisingBackend")
    def test_a_failed_decision_mail_keeps_the_decision(self):
        correction = make_correction(self.ordinance, language="es")
        with (
            self.assertLogs("jurisdictions.admin.corrections", "ERROR"),
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.client.post(
                change_url(correction), {"status": "declined", "note": "No."}
            )
        correction.refresh_from_db()
        self.assertEqual(correction.status, "declined")


class AttentionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("setup_roles", stdout=StringIO())
        cls.chief = make_chief_editor()
        ordinance = make_ordinance()
        cls.new = {make_correction(ordinance), make_correction(ordinance)}
        make_correction(ordinance, status="declined", decided_on=TODAY, note="Not so.")

    def test_the_queue_counts_new_corrections_and_links_to_them(self):
        self.client.force_login(self.chief)
        response = self.client.get("/admin/attention/")
        [item] = [
            item
            for heading, items in response.context["sections"]
            for item in items
            if item.label == "New readers' corrections"
        ]
        self.assertEqual(item.count, 2)
        changelist = self.client.get(item.url)
        self.assertEqual(set(changelist.context["cl"].queryset), self.new)


class EraseTests(TestCase):
    def test_addresses_go_30_days_after_the_decision_and_nothing_else(self):
        ordinance = make_ordinance()

        def decided(days_ago, **kwargs):
            return make_correction(
                ordinance,
                status="accepted",
                decided_on=TODAY - datetime.timedelta(days=days_ago),
                note="Changed.",
                **kwargs,
            )

        old = decided(31)
        boundary = decided(30)
        recent = decided(29)
        undecided = make_correction(ordinance)
        anonymous = decided(90, email="")
        before = {c.pk: c for c in Correction.objects.all()}
        out = StringIO()
        call_command("erase_correction_addresses", stdout=out)
        self.assertIn("Erased the address of 2 correction(s).", out.getvalue())
        after = {c.pk: c for c in Correction.objects.all()}
        self.assertEqual(after[old.pk].email, "")
        self.assertEqual(after[boundary.pk].email, "")
        self.assertEqual(after[recent.pk].email, ADDRESS)
        self.assertEqual(after[undecided.pk].email, ADDRESS)
        self.assertEqual(after[anonymous.pk].email, "")
        fields = [f.attname for f in Correction._meta.concrete_fields]
        for pk, correction in after.items():
            for field in fields:
                if field != "email":
                    self.assertEqual(
                        getattr(correction, field), getattr(before[pk], field)
                    )
