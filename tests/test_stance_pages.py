"""Stances on pages and forms: the criteria page, the badges that link to it,
a place's stance box, the admin's suggestion and its filter, and that no code
path sets a stance from a federal designation."""

import datetime
import re
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from jurisdictions import stances
from jurisdictions.choices import ProvisionCategory, Stance
from jurisdictions.models import (
    FederalStatement,
    Jurisdiction,
    ListEntry,
    Ordinance,
)

from .factories import (
    make_chief_editor,
    make_jurisdiction,
    make_list_entry,
    make_ordinance,
    make_provision,
    make_source,
    make_statement,
)
from .test_admin import admin_url, form_data
from .test_stances import IN_EFFECT, provisions

C = ProvisionCategory


class DesignationNeverSetsAStanceTests(TestCase):
    """No code path, the admin's included, sets a stance from a designation."""

    @classmethod
    def setUpTestData(cls):
        call_command("setup_roles", stdout=StringIO())
        cls.chief = make_chief_editor()
        cls.places = [
            make_jurisdiction(name=f"Listed {stance}", stance=stance)
            for stance in Stance.values
        ]

    def stances_now(self):
        return dict(Jurisdiction.objects.values_list("slug", "stance"))

    def test_saving_a_list_and_its_members_changes_no_stance(self):
        before = self.stances_now()
        self.client.force_login(self.chief)
        source = make_source()
        url = admin_url(FederalStatement, "add")
        response = self.client.post(
            url,
            form_data(
                self.client.get(url),
                title="A federal list",
                slug="a-federal-list",
                kind="designation",
                made_on="2025-08-05",
                targets=[str(p.pk) for p in self.places],
                sources=[str(source.pk)],
                publication_status="published",
            ),
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        listing = FederalStatement.objects.get(slug="a-federal-list")
        self.assertEqual(listing.targets.count(), len(self.places))
        # Its members, added on the list's own form, then one by one.
        change = admin_url(FederalStatement, "change", listing.pk)
        page = self.client.get(change)
        data = form_data(page)
        prefix = next(
            inline.formset.prefix
            for inline in page.context["inline_admin_formsets"]
            if inline.formset.model is ListEntry
        )
        data[f"{prefix}-TOTAL_FORMS"] = "2"
        for n, place in enumerate(self.places[:2]):
            data.update(
                {
                    f"{prefix}-{n}-jurisdiction": str(place.pk),
                    f"{prefix}-{n}-listed_on": "2025-08-05",
                    f"{prefix}-{n}-publication_status": "published",
                    f"{prefix}-{n}-sources": [str(source.pk)],
                }
            )
        response = self.client.post(change, data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertEqual(listing.entries.count(), 2)
        for place in self.places[2:]:
            url = admin_url(ListEntry, "add")
            response = self.client.post(
                url,
                form_data(
                    self.client.get(url),
                    list=str(listing.pk),
                    jurisdiction=str(place.pk),
                    listed_on="2025-08-05",
                    sources=[str(source.pk)],
                    publication_status="published",
                ),
            )
            self.assertEqual(response.status_code, 302, response.content[:2000])
        self.assertEqual(listing.entries.count(), len(self.places))
        # And a removal.
        entry = listing.entries.first()
        url = admin_url(ListEntry, "change", entry.pk)
        response = self.client.post(
            url, form_data(self.client.get(url), removed_on="2025-09-26")
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.stances_now(), before)

    def test_records_made_in_code_change_no_stance(self):
        before = self.stances_now()
        listing = make_statement(kind="designation", targets=self.places)
        for place in self.places:
            make_list_entry(list=listing, jurisdiction=place)
        listing.targets.remove(self.places[0])
        ListEntry.objects.update(removed_on=datetime.date(2025, 9, 26))
        self.assertEqual(self.stances_now(), before)

    def test_saving_a_place_keeps_the_stance_the_editor_chose(self):
        place = self.places[0]  # sanctuary, with no instrument: evidence unknown
        self.assertEqual(place.stance, "sanctuary")
        self.client.force_login(self.chief)
        url = admin_url(Jurisdiction, "change", place.pk)
        response = self.client.post(
            url, form_data(self.client.get(url), summary="Edited.")
        )
        self.assertEqual(response.status_code, 302)
        place.refresh_from_db()
        self.assertEqual((place.summary, place.stance), ("Edited.", "sanctuary"))


class StanceAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("setup_roles", stdout=StringIO())
        cls.chief = make_chief_editor()
        cls.p = provisions()
        cls.sanctuary = make_jurisdiction(name="Agrees", stance="sanctuary")
        cls.ordinance = make_ordinance(
            jurisdiction=cls.sanctuary,
            title="Trust Act",
            status=IN_EFFECT,
            provisions=[cls.p[C.RESOURCES], cls.p[C.DETAINERS]],
        )
        cls.differs = make_jurisdiction(name="Differs", stance="sanctuary")
        make_list_entry(jurisdiction=cls.differs)
        cls.limited = make_jurisdiction(name="Limited, recorded unknown")
        make_ordinance(
            jurisdiction=cls.limited,
            status=IN_EFFECT,
            provisions=[cls.p[C.DETAINERS]],
        )
        cls.draft_differs = make_jurisdiction(
            name="Draft", stance="cooperative", publication_status="draft"
        )
        cls.unknown = make_jurisdiction(name="Unknown and agrees")

    def setUp(self):
        self.client.force_login(self.chief)

    def changelist(self, query):
        response = self.client.get(admin_url(Jurisdiction, "changelist") + query)
        self.assertEqual(response.status_code, 200)
        return set(response.context["cl"].result_list)

    def test_filter_returns_exactly_the_differing_places(self):
        self.assertEqual(
            self.changelist("?stance_differs=yes"),
            {self.differs, self.limited, self.draft_differs},
        )
        self.assertEqual(
            self.changelist("?stance_differs=no"), {self.sanctuary, self.unknown}
        )
        self.assertEqual(
            self.changelist("?stance_differs=yes&publication_status__exact=published"),
            {self.differs, self.limited},
        )

    def test_change_form_shows_the_suggestion_and_the_instruments_behind_it(self):
        response = self.client.get(admin_url(Jurisdiction, "change", self.sanctuary.pk))
        self.assertContains(response, "Evidence suggests")
        self.assertContains(response, "<strong>Sanctuary</strong>")
        self.assertContains(response, stances.CRITERIA["sanctuary"])
        self.assertContains(
            response,
            f'<a href="{admin_url(Ordinance, "change", self.ordinance.pk)}">'
            "Trust Act</a>",
        )
        response = self.client.get(admin_url(Jurisdiction, "change", self.differs.pk))
        self.assertContains(response, "<strong>Unknown</strong>")
        self.assertContains(response, stances.REASONS["none"])
        self.assertEqual(
            self.client.get(admin_url(Jurisdiction, "add")).status_code, 200
        )


class CriteriaPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = {
            "bans": make_provision(
                name="Bans sanctuary policies",
                slug="bans-sanctuary-policies",
                category=C.SANCTUARY_BAN,
                description="Forbids the place from limiting cooperation.",
            ),
            "shield": make_provision(
                name="No local resources", slug="no-local", category=C.RESOURCES
            ),
            "words": make_provision(
                name="Declaration", slug="declaration", category=C.DECLARATION
            ),
        }

    def test_defines_every_stance_with_an_anchor_and_its_criterion(self):
        url = reverse("jurisdictions:stance-criteria")
        self.assertEqual(url, "/stances/")
        with self.assertNumQueries(1):  # the provisions
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        for value, label in Stance.choices:
            with self.subTest(value):
                self.assertContains(response, f'id="{value}"', count=1)
                self.assertContains(response, label)
                self.assertContains(response, stances.CRITERIA[value])
        self.assertContains(response, "A federal designation never sets a stance.")

    def test_groups_the_provisions_by_what_they_do(self):
        response = self.client.get(reverse("jurisdictions:stance-criteria"))
        text = response.content.decode()
        positions = {
            name: text.index(f"#{provision.slug}") for name, provision in self.p.items()
        }
        groups = [text.index(title) for title, _, _ in stances.GROUPS]
        self.assertLess(groups[0], positions["shield"])
        self.assertLess(positions["shield"], groups[1])
        self.assertLess(groups[1], positions["bans"])
        self.assertLess(positions["bans"], groups[2])
        self.assertLess(groups[2], positions["words"])
        self.assertContains(response, "Forbids the place from limiting cooperation.")

    def test_linked_from_every_page_footer(self):
        response = self.client.get(reverse("jurisdictions:home"))
        self.assertContains(response, 'href="/stances/">how a stance is decided</a>')


BADGE = re.compile(r'(<a href="([^"]*)">)?<span class="stance stance--(\w+)">')


class BadgeLinkTests(TestCase):
    """Every stance badge links to the criteria, at its own stance."""

    def assertBadgesLink(self, url, expected):
        text = self.client.get(url).content.decode()
        badges = BADGE.findall(text)
        self.assertEqual(len(badges), expected, url)
        for _, href, stance in badges:
            self.assertEqual(href, f"/stances/#{stance}", url)

    def test_badges_on_the_list_the_detail_and_the_home_page(self):
        places = [make_jurisdiction(stance=stance) for stance in Stance.values]
        self.assertBadgesLink(
            reverse("jurisdictions:jurisdiction-list"), len(Stance.values)
        )
        self.assertBadgesLink(
            reverse("jurisdictions:jurisdiction-list") + "?stance=limited", 1
        )
        for place in places:
            self.assertBadgesLink(place.get_absolute_url(), 1)
        self.assertBadgesLink(reverse("jurisdictions:home"), len(Stance.values))

    def test_detail_page_links_the_criteria_beside_the_stance(self):
        place = make_jurisdiction(stance="limited")
        response = self.client.get(place.get_absolute_url())
        self.assertContains(response, '<a href="/stances/">Stance criteria</a>')


class DetailStanceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = provisions()
        cls.listing = make_statement(
            kind="designation", title="DOJ list", slug="doj-list"
        )

    def stance_box(self, place):
        text = self.client.get(place.get_absolute_url()).content.decode()
        start = text.index('<section class="stance-box"')
        return text[start : text.index("</section>", start)]

    def test_listed_place_without_instruments_stays_unknown_and_says_so(self):
        place = make_jurisdiction(name="Listed", stance="unknown")
        make_list_entry(list=self.listing, jurisdiction=place)
        box = self.stance_box(place)
        self.assertIn('<span class="stance stance--unknown">Unknown</span>', box)
        self.assertIn(
            f'Listed by <a href="{self.listing.get_absolute_url()}">DOJ list</a>; '
            "no instrument of its own is recorded.",
            box,
        )
        self.assertNotIn("flagged for an editor", box)

    def test_a_listed_place_with_instruments_is_not_said_to_have_none(self):
        place = make_jurisdiction(stance="limited")
        make_list_entry(list=self.listing, jurisdiction=place)
        make_ordinance(
            jurisdiction=place, status=IN_EFFECT, provisions=[self.p[C.DETAINERS]]
        )
        box = self.stance_box(place)
        self.assertIn("a federal list never sets a stance", box)
        self.assertNotIn("no instrument of its own", box)

    def test_a_removed_or_withdrawn_listing_is_not_mentioned(self):
        removed = make_jurisdiction()
        make_list_entry(
            list=self.listing,
            jurisdiction=removed,
            removed_on=datetime.date(2025, 9, 26),
        )
        withdrawn = make_jurisdiction()
        make_list_entry(
            list=make_statement(
                kind="designation", withdrawn_on=datetime.date(2025, 6, 1)
            ),
            jurisdiction=withdrawn,
        )
        draft = make_jurisdiction()
        make_list_entry(
            list=self.listing, jurisdiction=draft, publication_status="draft"
        )
        for place in (removed, withdrawn, draft):
            self.assertNotIn("Listed by", self.stance_box(place))

    def test_the_box_names_the_instruments_behind_an_agreeing_stance(self):
        place = make_jurisdiction(stance="sanctuary")
        ordinance = make_ordinance(
            jurisdiction=place,
            title="Shield law",
            status=IN_EFFECT,
            provisions=[self.p[C.RESOURCES], self.p[C.DETAINERS]],
        )
        box = self.stance_box(place)
        self.assertIn(
            f'From its own instruments in force: <a href="'
            f'{ordinance.get_absolute_url()}">Shield law</a>.',
            box,
        )

    def test_a_differing_stance_is_said_to_differ(self):
        place = make_jurisdiction(stance="sanctuary")
        make_list_entry(list=self.listing, jurisdiction=place)
        box = self.stance_box(place)
        self.assertIn("the criteria give “Unknown”, not the stance above", box)
