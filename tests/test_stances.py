"""Stances from evidence: the criteria, and the Python, the SQL and the stored
column that apply them, which must agree (the pages and the admin's filter
are in test_stance_pages.py)."""

import itertools

from django.core.management import call_command
from django.db.models import Q
from django.test import SimpleTestCase, TestCase, override_settings

from jurisdictions import stances
from jurisdictions.choices import ProvisionCategory, Stance
from jurisdictions.models import (
    Finding,
    Jurisdiction,
    ListEntry,
    Ordinance,
    SchoolDistrictResolution,
)
from jurisdictions.models.base import BINDING_LIMITS, MANDATES, SUPPORTING

from .factories import (
    make_jurisdiction,
    make_list_entry,
    make_ordinance,
    make_provision,
    make_resolution,
    make_school_district,
    make_source,
    make_statement,
)

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
    """The evidence stance as evidence_stance() computes it now."""
    return (
        Jurisdiction.objects.annotate(live=stances.evidence_stance())
        .values_list("live", flat=True)
        .get(pk=place.pk)
    )


def stored_evidence(place):
    """The evidence stance the database keeps for `place`."""
    return Jurisdiction.objects.values_list("evidence_stance", flat=True).get(
        pk=place.pk
    )


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
        self.assertEqual(stored_evidence(place), stance)
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
                Jurisdiction.objects.annotate(live=stances.evidence_stance())
                .filter(pk__in=[p.pk for p in places])
                .values_list("pk", "live")
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
    """The SQL mask table, the Python criteria and the stored column agree on
    all 128 sets, the records written by bulk paths (bulk_create, update())."""

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
            Jurisdiction.objects.annotate(live=stances.evidence_stance()).values_list(
                "slug", "live"
            )
        )
        stored = dict(Jurisdiction.objects.values_list("slug", "evidence_stance"))
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
                self.assertEqual(stored[place.slug], expected[place.slug])
                self.assertEqual(
                    stances.evidence_for(place).stance, expected[place.slug]
                )
        self.assertEqual(
            set(in_sql.values()), set(Stance.values), "every stance is reached"
        )
        # The whole-table filter (the stored column) agrees too, and a stance
        # edited by update() needs no refresh: it is the other column.
        for place in places:
            Jurisdiction.objects.filter(pk=place.pk).update(stance=expected[place.slug])
        differing = Jurisdiction.objects.stance_differs_from_evidence
        self.assertEqual(list(differing()), [])
        Jurisdiction.objects.update(stance="unknown")
        self.assertEqual(
            {place.slug for place in differing()},
            {slug for slug, stance in in_sql.items() if stance != "unknown"},
        )
        # Unpublishing every instrument at once (one UPDATE each) leaves the
        # findings alone to decide.
        Ordinance.objects.update(publication_status="draft")
        SchoolDistrictResolution.objects.update(publication_status="draft")
        self.assertEqual(
            {
                slug
                for slug, stance in Jurisdiction.objects.values_list(
                    "slug", "evidence_stance"
                )
                if stance != "unknown"
            },
            {place.slug for place in found},
        )


class SeedTests(TestCase):
    def test_the_seed_takes_no_stance_from_a_designation(self):
        call_command("load_seed", verbosity=0)
        listed = Jurisdiction.objects.filter(
            Q(list_entries__isnull=False) | Q(federal_statements__kind="designation")
        ).distinct()
        self.assertTrue(listed.exists())
        taken = [
            place.slug
            for place in listed
            if place.evidence_stance == "unknown" and place.stance != "unknown"
        ]
        self.assertEqual(taken, [], "listed, no instrument decides, yet a stance")
        # The loaded fixtures leave every stored evidence stance current.
        live = Jurisdiction.objects.annotate(live=stances.evidence_stance())
        self.assertEqual(
            dict(live.values_list("slug", "evidence_stance")),
            dict(live.values_list("slug", "live")),
        )
