"""The editors' side of the record of force: court blocks and changes between
instruments on an instrument's page (a rescission or supersession whose date
has come sets the other's status), an instrument's direction, issuing body
and confidence, findings of no instrument, a source's kind, and the Needs
attention rows for instruments whose direction no counting provision
carries."""

import datetime
from io import StringIO
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jurisdictions import stances
from jurisdictions.admin.attention import (
    direction_uncounted,
    ended_unrecorded,
    in_part_unblocked,
)
from jurisdictions.choices import Direction
from jurisdictions.management.commands.setup_roles import (
    CHIEF_ACTIONS,
    CHIEF_EDITOR,
    EDITOR,
    EDITOR_ACTIONS,
    tracker_permissions,
)
from jurisdictions.models import (
    Curated,
    Finding,
    InstrumentChange,
    Ordinance,
    ProvisionBlock,
    Source,
)

from .factories import (
    make_case,
    make_chief_editor,
    make_editor,
    make_jurisdiction,
    make_ordinance,
    make_provision,
    make_source,
)
from .test_admin import admin_url, form_data, form_errors, messages_of

TODAY = timezone.localdate()
# Taken again as each test starts (conftest.fresh_today).
pytestmark = pytest.mark.usefixtures("fresh_today")
DAY = datetime.timedelta(days=1)
URL = "/admin/attention/"
FORCE_MODELS = [Finding, InstrumentChange, ProvisionBlock]


def grant_force_permissions():
    """The editors' rights on the new records, as on every other curated one
    (whether or not setup_roles lists them yet)."""
    for name, actions in [(EDITOR, EDITOR_ACTIONS), (CHIEF_EDITOR, CHIEF_ACTIONS)]:
        Group.objects.get(name=name).permissions.add(
            *tracker_permissions(actions, models=FORCE_MODELS)
        )


class ForceAdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("setup_roles", stdout=StringIO())
        grant_force_permissions()
        cls.chief = make_chief_editor(username="chief")
        cls.editor = make_editor(username="eddie")
        cls.source = make_source(title="County Clerk", url="https://clerk.example.gov")
        cls.resources = make_provision(category="resources", name="No local resources")
        cls.detainers = make_provision(category="detainers", name="No detainers")
        cls.training = make_provision(category="training", name="Staff training")
        cls.mandate = make_provision(
            category="cooperation_mandate", name="Honour detainers"
        )
        cls.ban = make_provision(category="sanctuary_ban", name="Sanctuary ban")

    def setUp(self):
        self.client.force_login(self.chief)

    def page(self, obj):
        return self.client.get(admin_url(type(obj), "change", obj.pk))

    def post(self, obj, follow=False, **changes):
        """Post `obj`'s change form back with `changes`."""
        url = admin_url(type(obj), "change", obj.pk)
        data = form_data(self.client.get(url), **changes)
        return self.client.post(url, data, follow=follow)

    def changelist_pks(self, model, query):
        # An unknown parameter would redirect to the whole list, flagged ?e=1.
        response = self.client.get(f"{admin_url(model, 'changelist')}?{query}")
        self.assertEqual(response.status_code, 200, query)
        return {row.pk for row in response.context["cl"].queryset}


class OrdinanceFormTests(ForceAdminTestCase):
    def test_direction_issuing_body_and_confidence_are_on_the_form(self):
        ordinance = make_ordinance(provisions=[self.detainers])
        form = self.page(ordinance).context["adminform"].form
        for name in ["direction", "issued_by", "confidence"]:
            self.assertIn(name, form.fields)
        response = self.post(
            ordinance,
            direction="limits",
            issued_by="Sheriff's Department",
            confidence="high",
        )
        self.assertEqual(response.status_code, 302, form_errors(response))
        ordinance.refresh_from_db()
        self.assertEqual(
            (ordinance.direction, ordinance.issued_by, ordinance.confidence),
            ("limits", "Sheriff's Department", "high"),
        )

    def test_list_filters_status_direction_and_confidence(self):
        in_part = make_ordinance(status="enjoined_in_part", direction="limits")
        rescinded = make_ordinance(status="rescinded", confidence="high")
        superseded = make_ordinance(status="superseded", direction="mandates")
        unrecorded = make_ordinance(status="in_effect", confidence="low")
        response = self.client.get(admin_url(Ordinance, "changelist"))
        for label in ["In effect in part", "Rescinded", "Superseded"]:
            self.assertContains(response, label)
        self.assertEqual(
            self.changelist_pks(Ordinance, "status__exact=enjoined_in_part"),
            {in_part.pk},
        )
        self.assertEqual(
            self.changelist_pks(Ordinance, "direction=limits"), {in_part.pk}
        )
        self.assertEqual(
            self.changelist_pks(Ordinance, "direction=mandates"), {superseded.pk}
        )
        self.assertEqual(
            self.changelist_pks(Ordinance, "direction=unrecorded"),
            {rescinded.pk, unrecorded.pk},
        )
        self.assertEqual(
            self.changelist_pks(Ordinance, "confidence__exact=high"), {rescinded.pk}
        )
        self.assertEqual(
            self.changelist_pks(Ordinance, "confidence__exact=low"), {unrecorded.pk}
        )
        self.assertEqual(
            self.changelist_pks(Ordinance, "confidence__exact="),
            {in_part.pk, superseded.pk},
        )

    def test_every_new_admin_page_opens(self):
        ordinance = make_ordinance(provisions=[self.ban])
        block = ProvisionBlock.objects.create(
            ordinance=ordinance, provision=self.ban, clause="the ban", court="Court"
        )
        change = InstrumentChange.objects.create(
            acting=make_ordinance(), target=ordinance, kind="amends"
        )
        finding = Finding.objects.create(
            jurisdiction=make_jurisdiction(), summary="No law found."
        )
        for obj in [block, change, finding, self.source]:
            model = type(obj)
            with self.subTest(model=model.__name__):
                for url in [
                    admin_url(model, "changelist"),
                    admin_url(model, "changelist") + "?q=a",
                    admin_url(model, "add"),
                    admin_url(model, "change", obj.pk),
                    admin_url(model, "history", obj.pk),
                ]:
                    self.assertEqual(self.client.get(url).status_code, 200, url)
        # The target's page lists the change made to it.
        self.assertContains(self.page(ordinance), "made to it by other instruments")

    def test_confidence_is_editable_on_every_curated_admin(self):
        for model in admin.site._registry:
            if not issubclass(model, Curated):
                continue
            with self.subTest(model=model.__name__):
                response = self.client.get(admin_url(model, "add"))
                self.assertIn("confidence", response.context["adminform"].form.fields)
                changelist = self.client.get(
                    admin_url(model, "changelist") + "?confidence__exact=high"
                )
                self.assertEqual(changelist.status_code, 200)


class BlockInlineTests(ForceAdminTestCase):
    def setUp(self):
        super().setUp()
        self.law = make_ordinance(
            status="enjoined_in_part",
            provisions=[self.ban, self.mandate],
            direction="mandates",
        )
        self.case = make_case(title="City of El Cenizo v. Texas")

    def block(self, provision, **fields):
        return {
            "blocks-TOTAL_FORMS": "1",
            "blocks-0-provision": str(provision.pk),
            "blocks-0-clause": "the ban on officials who endorse sanctuary policies",
            "blocks-0-case": str(self.case.pk),
            "blocks-0-blocked_on": "2017-08-30",
            "blocks-0-blocked_on_precision": "day",
            "blocks-0-lifted_on_precision": "day",
            "blocks-0-sources": [str(self.source.pk)],
            **fields,
        }

    def test_the_inline_saves_a_block_of_one_of_its_provisions(self):
        choices = self.page(self.law).context["inline_admin_formsets"]
        blocks = next(i for i in choices if i.formset.model is ProvisionBlock)
        offered = set(blocks.formset.empty_form.fields["provision"].queryset)
        self.assertEqual(offered, {self.ban, self.mandate})

        response = self.post(self.law, **self.block(self.ban))
        self.assertEqual(response.status_code, 302, form_errors(response))
        block = self.law.blocks.get()
        self.assertEqual(
            (block.provision, block.case, block.blocked_on, block.lifted_on),
            (self.ban, self.case, datetime.date(2017, 8, 30), None),
        )
        self.assertEqual(list(block.sources.all()), [self.source])
        self.assertEqual(block.history.first().history_user, self.chief)

    def test_a_provision_the_instrument_does_not_carry_is_refused(self):
        response = self.post(self.law, **self.block(self.detainers))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.law.blocks.exists())

    def test_the_own_admin_refuses_one_too(self):
        response = self.client.post(
            admin_url(ProvisionBlock, "add"),
            {
                "ordinance": str(self.law.pk),
                "provision": str(self.detainers.pk),
                "clause": "a clause",
                "blocked_on_precision": "day",
                "lifted_on_precision": "day",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["adminform"].form.errors["provision"],
            ["Block only a provision the instrument carries."],
        )

    def test_a_new_instrument_has_no_block_inline(self):
        response = self.client.get(admin_url(Ordinance, "add"))
        models = [i.formset.model for i in response.context["inline_admin_formsets"]]
        self.assertNotIn(ProvisionBlock, models)
        self.assertIn(InstrumentChange, models)

    def test_dropping_a_provision_a_block_names_is_refused(self):
        ProvisionBlock.objects.create(
            ordinance=self.law, provision=self.ban, clause="the ban", case=self.case
        )
        response = self.post(self.law, provisions=[str(self.mandate.pk)])
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "A court block below names Sanctuary ban",
            response.context["adminform"].form.errors["provisions"][0],
        )
        self.assertEqual(set(self.law.provisions.all()), {self.ban, self.mandate})


class InstrumentChangeTests(ForceAdminTestCase):
    def setUp(self):
        super().setUp()
        self.place = make_jurisdiction(kind="county", name="Frederick County")
        self.agreement = make_ordinance(
            jurisdiction=self.place,
            title="287(g) agreement",
            status="in_effect",
            provisions=[self.mandate],
        )
        self.rescission = make_ordinance(
            jurisdiction=self.place, title="Order ending the agreement"
        )

    def change(self, kind, on, precision="day"):
        return {
            "changes_made-TOTAL_FORMS": "1",
            "changes_made-0-kind": kind,
            "changes_made-0-target": str(self.agreement.pk),
            "changes_made-0-on": on.isoformat() if on else "",
            "changes_made-0-on_precision": precision,
        }

    def test_saving_a_rescission_ends_the_targets_force(self):
        on = TODAY - 30 * DAY
        records = self.agreement.history.count()
        response = self.post(
            self.rescission, follow=True, **self.change("rescinds", on)
        )
        self.assertEqual(response.redirect_chain[-1][1], 302, form_errors(response))
        change = self.rescission.changes_made.get()
        self.assertEqual((change.target, change.kind), (self.agreement, "rescinds"))

        self.agreement.refresh_from_db()
        self.assertEqual(self.agreement.status, "rescinded")
        step = self.agreement.actions.get()
        self.assertEqual((step.action, step.date), ("rescinded", on))
        latest = self.agreement.history.first()
        self.assertEqual(latest.status, "rescinded")
        self.assertEqual(latest.history_user, self.chief)
        self.assertIn(
            "Rescinds by Order ending the agreement", latest.history_change_reason
        )
        self.assertTrue(
            LogEntry.objects.filter(
                object_id=str(self.agreement.pk), change_message__contains="Rescinded"
            ).exists()
        )
        self.assertIn(
            f"Status of “287(g) agreement” set to “Rescinded”: “Order ending the "
            f"agreement” rescinds it from {on.day} {on:%b %Y}.",
            messages_of(response),
        )
        self.assertEqual(self.agreement.history.count(), records + 1)
        # Saving again changes nothing more.
        self.assertEqual(self.post(self.rescission).status_code, 302)
        self.assertEqual(self.agreement.actions.count(), 1)
        self.assertEqual(self.agreement.history.count(), records + 1)

    def test_a_future_dated_one_waits_for_its_date(self):
        on = TODAY + 10 * DAY
        records = self.agreement.history.count()
        response = self.post(self.rescission, **self.change("rescinds", on))
        self.assertEqual(response.status_code, 302, form_errors(response))
        self.agreement.refresh_from_db()
        self.assertEqual(self.agreement.status, "in_effect")
        self.assertFalse(self.agreement.actions.exists())
        self.assertEqual(self.agreement.history.count(), records)
        self.assertEqual(self.queue_count(ended_unrecorded(TODAY)), 0)

        # Its day comes: the queue lists the instrument, and the action on
        # the list it links to (or saving the change again) applies it.
        with mock.patch("django.utils.timezone.localdate", return_value=on):
            self.assertEqual(self.queue_count(ended_unrecorded(on)), 1)
            item = self.item("Instruments rescinded or superseded by now")
            self.assertEqual(item.count, 1)
            self.assertEqual(
                self.changelist_pks(Ordinance, urlsplit(item.url).query),
                {self.agreement.pk},
            )
            response = self.client.post(
                item.url,
                {
                    "action": "apply_due_changes",
                    "_selected_action": [str(self.agreement.pk)],
                },
            )
            self.assertEqual(response.status_code, 302)
            self.assertEqual(self.item("Instruments rescinded or superseded").count, 0)
        self.agreement.refresh_from_db()
        self.assertEqual(self.agreement.status, "rescinded")
        self.assertEqual(self.agreement.actions.get().date, on)

    def test_saving_a_due_change_on_its_own_page_applies_it(self):
        change = InstrumentChange.objects.create(
            acting=self.rescission,
            target=self.agreement,
            kind="supersedes",
            on=TODAY + DAY,
        )
        with mock.patch("django.utils.timezone.localdate", return_value=TODAY + DAY):
            response = self.post(change)
        self.assertEqual(response.status_code, 302, form_errors(response))
        self.agreement.refresh_from_db()
        self.assertEqual(self.agreement.status, "superseded")
        self.assertEqual(self.agreement.actions.get().action, "superseded")

    def test_the_own_admin_adds_a_supersession(self):
        response = self.client.post(
            admin_url(InstrumentChange, "add"),
            {
                "acting": str(self.rescission.pk),
                "kind": "supersedes",
                "target": str(self.agreement.pk),
                "on": "2020-03-01",
                "on_precision": "month",
            },
            follow=True,
        )
        self.assertEqual(response.redirect_chain[-1][1], 302, form_errors(response))
        self.agreement.refresh_from_db()
        self.assertEqual(self.agreement.status, "superseded")
        step = self.agreement.actions.get()
        # The step names nothing: the acting instrument may be a draft.
        self.assertEqual((step.date_precision, step.note), ("month", ""))
        self.assertIn("supersedes it from March 2020.", " ".join(messages_of(response)))

    def test_an_amendment_or_an_undated_change_leaves_the_status(self):
        response = self.post(self.rescission, **self.change("amends", TODAY))
        self.assertEqual(response.status_code, 302, form_errors(response))
        response = self.post(
            make_ordinance(jurisdiction=self.place), **self.change("rescinds", None)
        )
        self.assertEqual(response.status_code, 302, form_errors(response))
        self.agreement.refresh_from_db()
        self.assertEqual(self.agreement.status, "in_effect")
        self.assertFalse(self.agreement.actions.exists())

    def test_an_earlier_change_does_not_undo_a_later_one(self):
        InstrumentChange.objects.create(
            acting=make_ordinance(jurisdiction=self.place),
            target=self.agreement,
            kind="rescinds",
            on=TODAY - DAY,
        ).take_effect(TODAY)
        response = self.post(
            self.rescission, **self.change("supersedes", TODAY - 9 * DAY)
        )
        self.assertEqual(response.status_code, 302, form_errors(response))
        self.agreement.refresh_from_db()
        self.assertEqual(self.agreement.status, "rescinded")

    def queue_count(self, condition):
        return Ordinance.objects.filter(condition).count()

    def item(self, label):
        response = self.client.get(URL)
        return next(
            item
            for _, items in response.context["sections"]
            for item in items
            if item.label.startswith(label)
        )


class AttentionTests(ForceAdminTestCase):
    """The queue rows for instruments whose direction no counting provision
    carries, and those in effect in part with no standing block."""

    DIRECTION_LABEL = (
        "Instruments in force that limit or mandate cooperation with no "
        "provision of that kind counting toward a stance"
    )
    IN_PART_LABEL = "Instruments in effect in part with no standing court block"

    def setUp(self):
        super().setUp()
        self.counted, self.in_part = set(), set()
        self.add_instruments()

    def add_instruments(self):
        """One of each kind the rows must tell apart; `counted` and
        `in_part` collect the ones they list."""
        law = make_ordinance
        # Limits, with only a supporting provision, or none.
        self.counted.add(
            law(status="in_effect", direction="limits", provisions=[self.training]).pk
        )
        self.counted.add(law(status="in_effect", direction="limits").pk)
        # Mandates, with only a binding limit.
        self.counted.add(
            law(
                status="in_effect", direction="mandates", provisions=[self.detainers]
            ).pk
        )
        # Limits, its only binding limit blocked by a standing order.
        blocked = law(
            status="enjoined_in_part", direction="limits", provisions=[self.resources]
        )
        ProvisionBlock.objects.create(
            ordinance=blocked, provision=self.resources, clause="all of it"
        )
        self.counted.add(blocked.pk)
        # In effect in part with its block lifted: the provision counts again,
        # and no standing block records what is out of force.
        lifted = law(
            status="enjoined_in_part", direction="limits", provisions=[self.resources]
        )
        ProvisionBlock.objects.create(
            ordinance=lifted,
            provision=self.resources,
            clause="all of it",
            blocked_on=TODAY - 9 * DAY,
            lifted_on=TODAY - DAY,
        )
        self.in_part.add(lifted.pk)
        # In effect in part, mandating with nothing to show for it: both rows.
        bare = law(status="enjoined_in_part", direction="mandates")
        self.in_part.add(bare.pk)
        self.counted.add(bare.pk)
        # Not listed: a matching provision that counts, no direction, drafts,
        # out of force, or an unpublished in-part instrument.
        law(status="in_effect", direction="limits", provisions=[self.detainers])
        law(status="in_effect", direction="mandates", provisions=[self.ban])
        law(status="in_effect", direction="mandates", provisions=[self.mandate])
        law(status="in_effect", direction="none")
        law(status="in_effect", direction="")
        law(status="in_effect", direction="limits", publication_status="draft")
        law(status="enjoined_in_part", publication_status="draft")
        for status in ["rescinded", "superseded", "repealed", "passed", "enjoined"]:
            law(status=status, direction="limits")

    def items(self):
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        return {
            item.label: item
            for _, items in response.context["sections"]
            for item in items
        }

    def test_counts_and_links_list_exactly_those_instruments(self):
        items = self.items()
        for label, expected in [
            (self.DIRECTION_LABEL, self.counted),
            (self.IN_PART_LABEL, self.in_part),
        ]:
            item = items[label]
            with self.subTest(label):
                self.assertEqual(item.count, len(expected))
                response = self.client.get(URL)
                self.assertContains(response, f'<a href="{item.url}">{label}</a>')
                self.assertEqual(
                    self.changelist_pks(Ordinance, urlsplit(item.url).query), expected
                )

    def test_the_conditions_agree_with_the_stance_rules(self):
        """Row by row in Python: published, in force, a direction, and no
        provision of that direction outside a standing block."""
        expected = set()
        for ordinance in Ordinance.objects.prefetch_related("provisions", "blocks"):
            if (
                stances.in_force(ordinance)
                and ordinance.direction in {Direction.LIMITS, Direction.MANDATES}
                and ordinance.direction not in stances.directions(ordinance)
            ):
                expected.add(ordinance.pk)
        self.assertEqual(expected, self.counted)
        self.assertEqual(
            set(
                Ordinance.objects.filter(direction_uncounted()).values_list(
                    "pk", flat=True
                )
            ),
            self.counted,
        )
        self.assertEqual(
            set(
                Ordinance.objects.filter(in_part_unblocked()).values_list(
                    "pk", flat=True
                )
            ),
            self.in_part,
        )

    def test_query_count_stays_the_same_with_more_rows(self):
        self.client.get(URL)
        with CaptureQueriesContext(connection) as before:
            self.client.get(URL)
        self.add_instruments()
        with CaptureQueriesContext(connection) as after:
            self.client.get(URL)
        self.assertEqual(len(after), len(before))
        # The session, the user, their own and their groups' permissions;
        # then one aggregate per curated model the chief editor may view;
        # then the count of new readers' corrections (issue 30).
        curated = [m for m in admin.site._registry if issubclass(m, Curated)]
        self.assertEqual(len(after), 4 + len(curated) + 1)


class FindingAdminTests(ForceAdminTestCase):
    def add_finding(self, user, **fields):
        self.client.force_login(user)
        url = admin_url(Finding, "add")
        data = form_data(self.client.get(url), **fields)
        return self.client.post(url, data)

    def test_a_chief_editor_saves_and_publishes_a_finding_with_sources(self):
        place = make_jurisdiction(kind="state", state="WY", name="Wyoming")
        other = make_source(title="Legislature search", kind="government")
        response = self.add_finding(
            self.chief,
            jurisdiction=str(place.pk),
            summary="The legislature's search finds no law on the subject.",
            last_verified_on="2026-11-30",
            confidence="high",
            publication_status="published",
            sources=[str(self.source.pk), str(other.pk)],
        )
        self.assertEqual(response.status_code, 302, form_errors(response))
        finding = Finding.objects.get(jurisdiction=place)
        self.assertEqual(set(finding.sources.all()), {self.source, other})
        self.assertEqual(finding.publication_status, "published")
        self.assertIsNotNone(finding.published_at)
        self.assertEqual(finding.confidence, "high")
        self.assertEqual(finding.history.first().history_user, self.chief)
        changelist = self.client.get(admin_url(Finding, "changelist"))
        self.assertEqual(list(changelist.context["cl"].result_list), [finding])

    def test_an_editor_drafts_but_cannot_publish(self):
        place = make_jurisdiction()
        response = self.add_finding(
            self.editor,
            jurisdiction=str(place.pk),
            summary="Nothing found.",
            sources=[str(self.source.pk)],
            publication_status="published",
        )
        self.assertEqual(response.status_code, 302, form_errors(response))
        finding = Finding.objects.get(jurisdiction=place)
        self.assertEqual(finding.publication_status, "draft")
        self.assertEqual(list(finding.sources.all()), [self.source])
        changelist = self.client.get(admin_url(Finding, "changelist"))
        actions = dict(changelist.context["action_form"].fields["action"].choices)
        self.assertNotIn("publish", actions)

    def test_publishing_without_a_source_is_refused(self):
        response = self.add_finding(
            self.chief,
            jurisdiction=str(make_jurisdiction().pk),
            summary="Nothing found.",
            publication_status="published",
            sources=None,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("sources", response.context["adminform"].form.errors)

    def test_sources_and_place_are_searched_not_listed(self):
        response = self.client.get(admin_url(Finding, "add"))
        form = response.context["adminform"].form
        self.assertEqual(
            type(form.fields["sources"].widget.widget).__name__,
            "AutocompleteSelectMultiple",
        )
        self.assertEqual(
            type(form.fields["jurisdiction"].widget.widget).__name__,
            "AutocompleteSelect",
        )

    def test_the_places_page_shows_its_findings(self):
        place = make_jurisdiction()
        Finding.objects.create(jurisdiction=place, summary="No ordinance found.")
        self.assertContains(self.page(place), "No ordinance found.")


class SourceKindTests(ForceAdminTestCase):
    def test_kind_is_on_the_form_the_list_and_a_filter(self):
        court = make_source(title="Order of the court", kind="court")
        lead = make_source(title="Aggregator copy", kind="lead")
        response = self.client.get(admin_url(Source, "change", court.pk))
        self.assertIn("kind", response.context["adminform"].form.fields)
        response = self.post(court, kind="government")
        self.assertEqual(response.status_code, 302, form_errors(response))
        court.refresh_from_db()
        self.assertEqual(court.kind, "government")
        changelist = self.client.get(admin_url(Source, "changelist"))
        self.assertContains(changelist, "Lead only (aggregator or copy site)")
        self.assertEqual(self.changelist_pks(Source, "kind__exact=lead"), {lead.pk})
        self.assertEqual(
            self.changelist_pks(Source, "kind__exact=government"), {court.pk}
        )
