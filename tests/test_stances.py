"""Stances from evidence: the criteria, the SQL and Python that apply them, the
criteria page, the badges that link to it, and the admin's suggestion."""

import datetime
import itertools
import re
from io import StringIO

from django.core.management import call_command
from django.db.models import Q
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import reverse

from jurisdictions import stances
from jurisdictions.choices import ProvisionCategory, Stance
from jurisdictions.models import (
    FederalStatement,
    Finding,
    Jurisdiction,
    ListEntry,
    Ordinance,
    SchoolDistrictResolution,
)
from jurisdictions.models.base import BINDING_LIMITS, MANDATES, SUPPORTING

from .factories import (
    make_chief_editor,
    make_jurisdiction,
    make_list_entry,
    make_ordinance,
    make_provision,
    make_resolution,
    make_school_district,
    make_source,
    make_statement,
)
from .test_admin import admin_url, form_data

C = ProvisionCategory
IN_EFFECT = "in_effect"


def provisions():
    """One provision per category, keyed by category, as the taxonomy has them."""
    return {
        category: make_provision(
            name=f"Provision of {category}", slug=f"p-{category}", category=category
        )
        for category in C.values
    }


def evidence_in_sql(place):
    return Jurisdiction.objects.with_evidence().get(pk=place.pk).evidence_stance


class CriteriaTests(SimpleTestCase):
    """The criteria on sets of provision categories in force."""

    def test_sanctuary_needs_two_kinds_of_binding_limit_one_of_them_core(self):
        self.assertEqual(stances.stance_for({C.RESOURCES, C.DETAINERS}), "sanctuary")
        self.assertEqual(stances.stance_for({C.RESOURCES, C.EDUCATION}), "sanctuary")
        # Protections for students and families are core for a school
        # district only, as the written criterion says.
        education = {C.EDUCATION, C.FACILITY_ACCESS}
        self.assertEqual(
            stances.stance_for(education, school_district=True), "sanctuary"
        )
        self.assertEqual(stances.stance_for(education), "limited")

    def test_limited_is_a_binding_limit_short_of_sanctuary(self):
        self.assertEqual(stances.stance_for({C.RESOURCES}), "limited")
        self.assertEqual(stances.stance_for({C.EDUCATION, C.TRAINING}), "limited")
        # Two kinds, neither of them resources or education.
        self.assertEqual(
            stances.stance_for({C.INFORMATION_SHARING, C.DETAINERS, C.FACILITY_ACCESS}),
            "limited",
        )

    def test_cooperative_and_anti_sanctuary_come_from_mandates(self):
        self.assertEqual(stances.stance_for({C.COOPERATION_MANDATE}), "cooperative")
        self.assertEqual(stances.stance_for({C.SANCTUARY_BAN}), "anti_sanctuary")
        self.assertEqual(
            stances.stance_for({C.SANCTUARY_BAN, C.COOPERATION_MANDATE}),
            "anti_sanctuary",
        )
        self.assertEqual(
            stances.stance_for({C.COOPERATION_MANDATE, C.DECLARATION}), "cooperative"
        )

    def test_supporting_provisions_alone_decide_nothing(self):
        self.assertEqual(stances.stance_for(set()), "unknown")
        self.assertEqual(stances.stance_for(set(SUPPORTING)), "unknown")
        self.assertEqual(stances.reason_for(frozenset(SUPPORTING)), "none")

    def test_binding_limits_and_mandates_together_are_for_an_editor(self):
        for limit, mandate in itertools.product(BINDING_LIMITS, MANDATES):
            with self.subTest(limit=limit, mandate=mandate):
                categories = frozenset({limit, mandate, C.RESOURCES, C.DETAINERS})
                self.assertEqual(stances.reason_for(categories), "conflict")
                self.assertEqual(stances.stance_for(categories), "unknown")

    def test_every_stance_has_a_criterion_in_words(self):
        self.assertEqual(set(stances.CRITERIA), set(Stance.values))
        for reason, stance in stances.STANCE_OF_REASON.items():
            self.assertIn(stance, Stance.values)
            self.assertTrue(stances.REASONS[reason])


class EvidenceTests(TestCase):
    """Each criterion on real records, in SQL (many rows) and in Python (one)."""

    @classmethod
    def setUpTestData(cls):
        cls.p = provisions()

    def place(self, *instruments, kind="city"):
        """A place with ordinances in effect, one per tuple of categories."""
        place = make_jurisdiction(kind=kind)
        for categories in instruments:
            make_ordinance(
                jurisdiction=place,
                status=IN_EFFECT,
                provisions=[self.p[c] for c in categories],
            )
        return place

    def assertEvidence(self, place, stance, reason=None):
        self.assertEqual(evidence_in_sql(place), stance)
        found = stances.evidence_for(place)
        self.assertEqual(found.stance, stance)
        if reason:
            self.assertEqual(found.reason, reason)
        return found

    def test_sanctuary(self):
        place = self.place((C.RESOURCES, C.DECLARATION), (C.DETAINERS,))
        found = self.assertEvidence(place, "sanctuary")
        self.assertEqual(len(found.instruments), 2)
        self.assertEqual(found.criterion, stances.CRITERIA["sanctuary"])

    def test_sanctuary_school_district_from_its_resolutions(self):
        district = make_school_district()
        resolution = make_resolution(
            district=district,
            provisions=[self.p[C.EDUCATION], self.p[C.FACILITY_ACCESS]],
        )
        found = self.assertEvidence(district, "sanctuary")
        self.assertEqual(found.instruments, (resolution,))

    def test_a_category_carried_by_several_instruments_counts_once(self):
        # Education's bit added twice would be the cooperation mandate's.
        district = self.place((C.EDUCATION,), (C.EDUCATION,), kind="school_district")
        make_resolution(district=district, provisions=[self.p[C.EDUCATION]])
        self.assertEvidence(district, "limited")

    def test_limited(self):
        self.assertEvidence(self.place((C.DETAINERS, C.TRAINING)), "limited")
        self.assertEvidence(
            self.place((C.INFORMATION_SHARING,), (C.DETAINERS,)), "limited"
        )

    def test_cooperative(self):
        place = self.place((C.COOPERATION_MANDATE,), (C.DECLARATION,))
        found = self.assertEvidence(place, "cooperative")
        self.assertEqual(len(found.instruments), 1)

    def test_anti_sanctuary(self):
        self.assertEvidence(
            self.place((C.SANCTUARY_BAN, C.COOPERATION_MANDATE)), "anti_sanctuary"
        )

    def test_unknown_when_only_supporting_provisions_are_in_force(self):
        place = self.place((C.DECLARATION,), (C.TRAINING, C.OTHER))
        found = self.assertEvidence(place, "unknown", "none")
        # The editor sees the instruments that decided nothing.
        self.assertEqual(len(found.instruments), 2)
        self.assertEvidence(make_jurisdiction(), "unknown", "none")

    def test_conflicting_limits_and_mandates_are_unknown(self):
        place = self.place((C.RESOURCES, C.DETAINERS), (C.COOPERATION_MANDATE,))
        found = self.assertEvidence(place, "unknown", "conflict")
        self.assertEqual(len(found.instruments), 2)
        self.assertEvidence(self.place((C.EDUCATION, C.SANCTUARY_BAN)), "unknown")

    def test_instruments_not_in_force_or_not_published_do_not_count(self):
        place = make_jurisdiction()
        binding = [self.p[C.RESOURCES], self.p[C.DETAINERS]]
        for status in ["proposed", "passed", "awaiting_signature", "vetoed"]:
            make_ordinance(jurisdiction=place, status=status, provisions=binding)
        for status in ["repealed", "enjoined", "unknown"]:
            make_ordinance(jurisdiction=place, status=status, provisions=binding)
        make_ordinance(
            jurisdiction=place,
            status=IN_EFFECT,
            publication_status="draft",
            provisions=binding,
        )
        district = make_school_district()
        for status in ["proposed", "rescinded"]:
            make_resolution(district=district, status=status, provisions=binding)
        make_resolution(
            district=district, publication_status="draft", provisions=binding
        )
        self.assertEvidence(place, "unknown", "none")
        self.assertEvidence(district, "unknown", "none")
        self.assertEqual(stances.evidence_for(place).instruments, ())

    def test_only_the_places_own_instruments_count(self):
        state = self.place((C.SANCTUARY_BAN,), kind="state")
        city = make_jurisdiction(parent=state)
        district = make_school_district(parent=city)
        make_ordinance(
            jurisdiction=city,
            status=IN_EFFECT,
            provisions=[self.p[C.RESOURCES], self.p[C.DETAINERS]],
        )
        self.assertEvidence(state, "anti_sanctuary")
        self.assertEvidence(city, "sanctuary")
        self.assertEvidence(district, "unknown")

    def test_a_listed_place_without_instruments_is_unknown(self):
        place = make_jurisdiction(stance="unknown")
        entry = make_list_entry(jurisdiction=place)
        entry.list.targets.add(place)
        make_statement(kind="designation", targets=[place])
        self.assertTrue(
            ListEntry.objects.published().current().filter(jurisdiction=place)
        )
        self.assertEvidence(place, "unknown", "none")
        self.assertFalse(
            Jurisdiction.objects.stance_differs_from_evidence()
            .filter(pk=place.pk)
            .exists()
        )

    def test_the_annotation_costs_one_query_for_many_places(self):
        places = [self.place((C.RESOURCES, C.DETAINERS)) for _ in range(3)]
        places += [self.place((C.SANCTUARY_BAN,)) for _ in range(3)]
        with self.assertNumQueries(1):
            found = dict(
                Jurisdiction.objects.with_evidence()
                .filter(pk__in=[p.pk for p in places])
                .values_list("pk", "evidence_stance")
            )
        self.assertEqual(
            sorted(found.values()), ["anti_sanctuary"] * 3 + ["sanctuary"] * 3
        )

    def test_differing_places(self):
        agrees = self.place((C.RESOURCES, C.DETAINERS))
        agrees.stance = "sanctuary"
        agrees.save()
        differs = self.place((C.DETAINERS,))  # limited, recorded unknown
        listed = make_jurisdiction(stance="sanctuary")  # no instrument
        make_list_entry(jurisdiction=listed)
        differing = set(Jurisdiction.objects.stance_differs_from_evidence())
        self.assertEqual(differing, {differs, listed})
        self.assertIn(agrees, Jurisdiction.objects.stance_differs_from_evidence(False))


class EverySetOfCategoriesTests(TestCase):
    """The SQL mask table and the Python criteria agree on all 128 sets."""

    # History is not the subject: 256 records' provisions and sources would
    # each write a historical record copying every many-to-many row.
    @override_settings(SIMPLE_HISTORY_ENABLED=False)
    def test_sql_agrees_with_python_for_every_set_of_weighed_categories(self):
        p = provisions()
        weighed = stances.WEIGHED
        source = make_source()
        subsets = [
            frozenset(c for n, c in enumerate(weighed) if mask & (1 << n))
            for mask in range(1 << len(weighed))
        ]
        # Every set, held by a school district and by a city; the empty set
        # and each single category also by a city with a published finding
        # of no instrument (the last places).
        kinds = ["school_district", "city"]
        researched = [subset for subset in subsets if len(subset) <= 1]
        subsets = [subset for subset in subsets for _ in kinds] + researched
        places = Jurisdiction.objects.bulk_create(
            Jurisdiction(
                name=f"Place {n}",
                slug=f"every-{n}",
                kind=kinds[n % 2],
                state="CA",
                publication_status="published",
            )
            for n in range(len(subsets))
        )
        found = places[-len(researched) :]
        Finding.objects.bulk_create(
            Finding(jurisdiction=place, summary="None", publication_status="published")
            for place in found
        )
        # A district's set is half on an ordinance, half on a resolution, with
        # a supporting provision on each: the masks of both are combined.
        for place, subset in zip(places, subsets, strict=True):
            ordered = sorted(subset)
            district = place.kind == "school_district"
            ordinance = Ordinance.objects.create(
                jurisdiction=place, title="O", slug=f"o-{place.slug}", status=IN_EFFECT
            )
            on_ordinance = ordered[::2] if district else ordered
            ordinance.provisions.set([p[c] for c in on_ordinance] + [p[C.DECLARATION]])
            ordinance.sources.set([source])
            if not district:
                continue
            resolution = SchoolDistrictResolution.objects.create(
                district=place, title="R", slug=f"r-{place.slug}", status="adopted"
            )
            resolution.provisions.set([p[c] for c in ordered[1::2]] + [p[C.TRAINING]])
            resolution.sources.set([source])
        Ordinance.objects.update(publication_status="published")
        SchoolDistrictResolution.objects.update(publication_status="published")
        in_sql = dict(
            Jurisdiction.objects.with_evidence().values_list("slug", "evidence_stance")
        )
        expected = {
            place.slug: stances.stance_for(
                subset,
                school_district=place.kind == "school_district",
                none_found=place in found,
            )
            for place, subset in zip(places, subsets, strict=True)
        }
        for place, subset in zip(places, subsets, strict=True):
            with self.subTest(categories=sorted(subset), kind=place.kind):
                self.assertEqual(in_sql[place.slug], expected[place.slug])
                self.assertEqual(
                    stances.evidence_for(place).stance, expected[place.slug]
                )
        self.assertEqual(
            set(in_sql.values()), set(Stance.values), "every stance is reached"
        )
        # The whole-table filter (one grouped query) agrees too.
        for place in places:
            Jurisdiction.objects.filter(pk=place.pk).update(stance=expected[place.slug])
        differing = Jurisdiction.objects.stance_differs_from_evidence
        self.assertEqual(list(differing()), [])
        Jurisdiction.objects.update(stance="unknown")
        self.assertEqual(
            {place.slug for place in differing()},
            {slug for slug, stance in in_sql.items() if stance != "unknown"},
        )


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


class SeedTests(TestCase):
    def test_the_seed_takes_no_stance_from_a_designation(self):
        call_command("load_seed", verbosity=0)
        listed = Jurisdiction.objects.filter(
            Q(list_entries__isnull=False) | Q(federal_statements__kind="designation")
        ).distinct()
        self.assertTrue(listed.exists())
        taken = [
            place.slug
            for place in listed.with_evidence()
            if place.evidence_stance == "unknown" and place.stance != "unknown"
        ]
        self.assertEqual(taken, [], "listed, no instrument decides, yet a stance")
