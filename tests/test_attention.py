"""The editors' "Needs attention" queue: its counts, and the changelists its
links open, which must hold exactly the rows counted."""

import datetime
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from jurisdictions import stances
from jurisdictions.models import (
    Case,
    Curated,
    FederalStatement,
    Finding,
    Jurisdiction,
    ListEntry,
    Ordinance,
    Person,
    Quote,
    Role,
    SchoolDistrictResolution,
)

from .factories import (
    make_case,
    make_chief_editor,
    make_editor,
    make_jurisdiction,
    make_list_entry,
    make_ordinance,
    make_person,
    make_provision,
    make_quote,
    make_resolution,
    make_role,
    make_statement,
    make_user,
)

URL = "/admin/attention/"
TODAY = timezone.localdate()
# Taken again as each test starts (conftest.fresh_today).
pytestmark = pytest.mark.usefixtures("fresh_today")
DAY = datetime.timedelta(days=1)


def ago(days):
    return TODAY - days * DAY


def is_stale(record):
    return (
        record.last_verified_on is None or (TODAY - record.last_verified_on).days > 180
    )


def curated_models():
    """The curated models with an admin: the queue has a line for each."""
    return [
        model
        for model in apps.get_app_config("jurisdictions").get_models()
        if issubclass(model, Curated) and admin.site.is_registered(model)
    ]


class NeedsAttentionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("setup_roles", stdout=StringIO())
        cls.chief = make_chief_editor()
        cls.editor = make_editor()
        shield = make_provision(category="resources")
        limit = make_provision(category="detainers")

        # Verified on the boundary days: 180 days ago is not stale, 181 is.
        cls.fresh = make_jurisdiction(last_verified_on=ago(180), stance="unknown")
        make_jurisdiction(last_verified_on=ago(181))
        make_jurisdiction(last_verified_on=TODAY, publication_status="draft")
        # A stance the evidence agrees with, and two it does not.
        agrees = make_jurisdiction(stance="sanctuary", last_verified_on=TODAY)
        make_ordinance(
            jurisdiction=agrees,
            status="in_effect",
            provisions=[shield, limit],
            last_verified_on=ago(10),
        )
        make_jurisdiction(stance="sanctuary", last_verified_on=TODAY)
        limited = make_jurisdiction(last_verified_on=TODAY)
        make_ordinance(
            jurisdiction=limited,
            status="in_effect",
            provisions=[limit],
            publication_status="draft",
        )
        make_ordinance(jurisdiction=limited, status="in_effect", provisions=[limit])
        make_resolution(publication_status="draft", last_verified_on=ago(400))
        make_quote(publication_status="draft")
        make_role(publication_status="draft", last_verified_on=TODAY)
        make_role()
        make_person(publication_status="draft")
        make_statement(publication_status="draft", last_verified_on=TODAY)
        # Cases: pending for more than a year (by one day), for exactly a
        # year, undated, and decided long ago.
        make_case(filed_on=ago(366), last_verified_on=TODAY)
        make_case(filed_on=ago(365))
        make_case(filed_on=None)
        make_case(filed_on=ago(800), status="dismissed", decided_on=ago(700))
        make_case(filed_on=ago(500), publication_status="draft")
        # List entries with and without a source.
        listing = make_statement(kind="designation")
        make_list_entry(list=listing, sources=[])
        make_list_entry(list=listing, sources=[], publication_status="draft")
        make_list_entry(list=listing, last_verified_on=TODAY)
        # Findings of no instrument: a draft never verified, and a published
        # one verified today, the place's stance agreeing with it.
        Finding.objects.create(jurisdiction=cls.fresh, summary="None found.")
        Finding.objects.create(
            jurisdiction=make_jurisdiction(stance="none_found", last_verified_on=TODAY),
            summary="None found.",
            publication_status="published",
            last_verified_on=TODAY,
        )

    def setUp(self):
        self.client.force_login(self.chief)

    def expected(self):
        """What each link must show, computed row by row in Python."""
        rows = {}
        for model in curated_models():
            name = str(model._meta.verbose_name_plural).capitalize()
            records = list(model.objects.all())
            rows[("Drafts awaiting publication", name)] = {
                r.pk for r in records if not r.is_published
            }
            rows[("Not verified in the last 180 days, or never", name)] = {
                r.pk for r in records if is_stale(r)
            }
        rows[("To review", "Jurisdictions whose stance differs from the evidence")] = {
            p.pk
            for p in Jurisdiction.objects.all()
            if stances.evidence_for(p).stance != p.stance
        }
        rows[("To review", "Cases pending, filed more than a year ago")] = {
            c.pk
            for c in Case.objects.all()
            if c.status == "pending" and c.filed_on and (TODAY - c.filed_on).days > 365
        }
        rows[("To review", "List entries without a source")] = {
            e.pk for e in ListEntry.objects.all() if not e.sources.exists()
        }
        return rows

    def items(self, response):
        return {
            (heading, item.label): item
            for heading, items in response.context["sections"]
            for item in items
        }

    def test_counts_and_links_show_exactly_the_rows_counted(self):
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        items = self.items(response)
        expected = self.expected()
        self.assertLessEqual(set(expected), set(items))
        # The data above gives every line something to show.
        self.assertTrue(all(expected.values()), expected)
        for key, pks in expected.items():
            item = items[key]
            with self.subTest(key=key):
                self.assertEqual(item.count, len(pks))
                self.assertContains(response, f'<a href="{item.url}">{item.label}</a>')
                changelist = self.client.get(item.url)
                self.assertEqual(changelist.status_code, 200, item.url)
                # An unknown parameter would show every row, flagged ?e=1.
                self.assertNotIn("e=1", urlsplit(item.url).query)
                cl = changelist.context["cl"]
                self.assertEqual({r.pk for r in cl.queryset}, pks, item.url)
                self.assertEqual(cl.result_count, len(pks))

    def test_the_queue_covers_every_curated_model(self):
        self.assertEqual(
            set(curated_models()),
            {
                Case,
                FederalStatement,
                Finding,
                Jurisdiction,
                ListEntry,
                Ordinance,
                Person,
                Quote,
                Role,
                SchoolDistrictResolution,
            },
        )
        response = self.client.get(URL)
        for heading, items in response.context["sections"][:2]:
            with self.subTest(heading):
                self.assertEqual(
                    [item.label for item in items],
                    sorted(
                        str(m._meta.verbose_name_plural).capitalize()
                        for m in curated_models()
                    ),
                )

    def test_a_line_with_nothing_to_do_has_no_link(self):
        Quote.objects.update(publication_status="published")
        response = self.client.get(URL)
        item = self.items(response)[("Drafts awaiting publication", "Quotes")]
        self.assertEqual(item.count, 0)
        self.assertNotContains(response, f'href="{item.url}"')

    def test_linked_from_the_admin_index(self):
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, f'<a href="{URL}">Needs attention</a>')
        self.assertEqual(reverse("admin:attention"), URL)

    def test_staff_only(self):
        self.client.logout()
        response = self.client.get(URL)
        self.assertRedirects(response, f"/admin/login/?next={URL}")
        visitor = User.objects.create_user("visitor", password="a long passphrase")
        self.client.force_login(visitor)
        self.assertRedirects(self.client.get(URL), f"/admin/login/?next={URL}")
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(URL).status_code, 200)

    def test_staff_without_permissions_see_no_records(self):
        self.client.force_login(make_user())
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.items(response), {})
        self.assertContains(response, "Nothing you may view.", count=3)

    def test_query_count(self):
        # The session, the user, their own and their groups' permissions;
        # then one aggregate per curated model (its drafts, its stale records
        # and its reviews): 4 + 10; then the count of new readers'
        # corrections (issue 30).
        self.client.get(URL)
        with self.assertNumQueries(4 + len(curated_models()) + 1):
            self.client.get(URL)


class FilterTests(TestCase):
    """The changelist filters the queue links to, both ways."""

    @classmethod
    def setUpTestData(cls):
        call_command("setup_roles", stdout=StringIO())
        cls.chief = make_chief_editor()

    def setUp(self):
        self.client.force_login(self.chief)

    def pks(self, model, query):
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        response = self.client.get(f"{url}?{query}")
        self.assertEqual(response.status_code, 200)
        return {r.pk for r in response.context["cl"].queryset}

    def test_verified(self):
        old = make_ordinance(last_verified_on=ago(181))
        never = make_ordinance()
        recent = make_ordinance(last_verified_on=ago(180))
        self.assertEqual(self.pks(Ordinance, "verified=stale"), {old.pk, never.pk})
        self.assertEqual(self.pks(Ordinance, "verified=recent"), {recent.pk})

    def test_sourced(self):
        unsourced = make_statement(sources=[])
        sourced = make_statement()
        self.assertIn(unsourced.pk, self.pks(FederalStatement, "sourced=no"))
        self.assertNotIn(sourced.pk, self.pks(FederalStatement, "sourced=no"))
        self.assertIn(sourced.pk, self.pks(FederalStatement, "sourced=yes"))
        self.assertNotIn(unsourced.pk, self.pks(FederalStatement, "sourced=yes"))

    def test_changelists_offer_the_queue_filters_without_facet_counts(self):
        make_jurisdiction()
        url = reverse("admin:jurisdictions_jurisdiction_changelist")
        response = self.client.get(url)
        titles = [spec.title for spec in response.context["cl"].filter_specs]
        self.assertIn("last verified", titles)
        self.assertIn("sources", titles)
        self.assertIn("stance differs from the evidence", titles)
        # Their counts are on the queue page; on every changelist they would
        # each cost a query over the whole table.
        self.assertContains(response, "More than 180 days ago, or never</a>")
        self.assertContains(response, "Yes</a>")

    def test_filtering_by_evidence_skips_the_facet_counts(self):
        # Each would weigh every place's instruments again. The session, the
        # user, their own and group permissions, the count, the full count,
        # the page of rows.
        make_jurisdiction(stance="sanctuary")
        url = reverse("admin:jurisdictions_jurisdiction_changelist")
        self.client.get(url + "?stance_differs=yes")
        with self.assertNumQueries(7):
            response = self.client.get(url + "?stance_differs=yes")
        self.assertEqual(response.context["cl"].result_count, 1)
        self.assertFalse(response.context["cl"].add_facets)
