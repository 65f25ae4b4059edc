"""Stances and the record of force: a provision a court blocked never counts,
an instrument in effect in part counts for the rest, a rescission ends the
other's force and adds nothing, and a finding of no instrument is told apart
from a place not yet researched. Python (evidence_for), the SQL annotation
and the stored column the admin's "differs" filter reads must agree."""

import datetime

from django.test import TestCase

from jurisdictions import stances
from jurisdictions.choices import ProvisionCategory, Stance
from jurisdictions.models import (
    Finding,
    InstrumentChange,
    Jurisdiction,
    OrdinanceAction,
    ProvisionBlock,
)

from .factories import make_case, make_jurisdiction, make_ordinance, make_source
from .test_stances import evidence_in_sql, provisions, stored_evidence

C = ProvisionCategory
TODAY = datetime.date(2026, 12, 7)


class ForceTests(TestCase):
    def setUp(self):
        self.p = provisions()
        self.place = make_jurisdiction(kind="state", state="TX", stance="unknown")

    def assertStance(self, expected, place=None):
        place = place or self.place
        self.assertEqual(stances.evidence_for(place).stance, expected)
        self.assertEqual(evidence_in_sql(place), expected)
        self.assertEqual(stored_evidence(place), expected)
        # `place` was read before the writes: saving it must not put back the
        # evidence it was read with.
        place.stance = expected
        place.save()
        self.assertEqual(stored_evidence(place), expected)
        differing = set(Jurisdiction.objects.stance_differs_from_evidence())
        self.assertNotIn(place, differing)

    def law(self, *categories, **fields):
        fields.setdefault("status", "in_effect")
        return make_ordinance(
            jurisdiction=self.place,
            provisions=[self.p[c] for c in categories],
            **fields,
        )

    def test_a_standing_block_takes_its_provision_out_of_the_count(self):
        law = self.law(
            C.SANCTUARY_BAN, C.COOPERATION_MANDATE, status="enjoined_in_part"
        )
        self.assertStance(Stance.ANTI_SANCTUARY)
        ProvisionBlock.objects.create(
            ordinance=law,
            provision=self.p[C.SANCTUARY_BAN],
            clause="the ban",
            case=make_case(),
            blocked_on=datetime.date(2018, 3, 13),
        )
        # What still binds is the mandate alone.
        self.assertStance(Stance.COOPERATIVE)

    def test_a_lifted_block_counts_again(self):
        law = self.law(C.SANCTUARY_BAN, status="enjoined_in_part")
        block = ProvisionBlock.objects.create(
            ordinance=law, provision=self.p[C.SANCTUARY_BAN], clause="the ban"
        )
        self.assertStance(Stance.UNKNOWN)
        block.lifted_on = datetime.date(2020, 1, 1)
        block.save()
        self.assertStance(Stance.ANTI_SANCTUARY)

    def test_a_block_binds_only_its_own_instrument(self):
        blocked = self.law(C.SANCTUARY_BAN, status="enjoined_in_part")
        self.law(C.SANCTUARY_BAN)
        ProvisionBlock.objects.create(
            ordinance=blocked, provision=self.p[C.SANCTUARY_BAN], clause="the ban"
        )
        self.assertStance(Stance.ANTI_SANCTUARY)

    def test_in_effect_in_part_is_in_force_and_enjoined_is_not(self):
        law = self.law(C.RESOURCES, C.DETAINERS, status="enjoined_in_part")
        self.assertStance(Stance.SANCTUARY)
        law.status = "enjoined"
        law.save()
        self.assertStance(Stance.UNKNOWN)

    def test_a_rescission_ends_the_others_force_and_adds_nothing(self):
        mandate = self.law(C.COOPERATION_MANDATE, title="EO 47")
        rescission = self.law(title="EO 10", direction="none")
        self.assertStance(Stance.COOPERATIVE)
        change = InstrumentChange.objects.create(
            acting=rescission,
            target=mandate,
            kind="rescinds",
            on=datetime.date(2026, 1, 17),
        )
        self.assertTrue(change.take_effect(TODAY))
        mandate.refresh_from_db()
        self.assertEqual(mandate.status, "rescinded")
        self.assertTrue(
            OrdinanceAction.objects.filter(
                ordinance=mandate, action="rescinded", date=change.on
            ).exists()
        )
        self.assertEqual(mandate.history.first().status, "rescinded")
        # Nothing limits cooperation: the place is not "Limited cooperation".
        self.assertStance(Stance.UNKNOWN)
        self.assertFalse(change.take_effect(TODAY), "a second run changes nothing")

    def test_a_change_takes_effect_only_once_its_date_has_come(self):
        mandate = self.law(C.COOPERATION_MANDATE)
        change = InstrumentChange.objects.create(
            acting=self.law(),
            target=mandate,
            kind="supersedes",
            on=TODAY + datetime.timedelta(days=1),
        )
        self.assertFalse(change.take_effect(TODAY))
        mandate.refresh_from_db()
        self.assertEqual(mandate.status, "in_effect")
        amendment = InstrumentChange.objects.create(
            acting=self.law(), target=mandate, kind="amends", on=TODAY
        )
        self.assertFalse(amendment.take_effect(TODAY), "an amendment ends nothing")

    def test_a_later_rescission_or_supersession_decides_the_status(self):
        mandate = self.law(C.COOPERATION_MANDATE)
        InstrumentChange.objects.create(
            acting=self.law(), target=mandate, kind="rescinds", on=TODAY
        )
        earlier = InstrumentChange.objects.create(
            acting=self.law(),
            target=mandate,
            kind="supersedes",
            on=TODAY - datetime.timedelta(days=30),
        )
        self.assertIsNotNone(earlier.later_ending(TODAY))
        self.assertFalse(earlier.take_effect(TODAY), "the later one decides")
        mandate.refresh_from_db()
        self.assertEqual(mandate.status, "in_effect")

    def test_a_published_finding_says_none_found_and_a_draft_one_does_not(self):
        finding = Finding.objects.create(
            jurisdiction=self.place,
            summary="Searched the statutes.",
            last_verified_on=TODAY,
            publication_status="draft",
        )
        finding.sources.add(make_source())
        self.assertStance(Stance.UNKNOWN)
        finding.publication_status = "published"
        finding.save()
        self.assertStance(Stance.NONE_FOUND)

    def test_an_instrument_in_force_outweighs_a_finding(self):
        Finding.objects.create(
            jurisdiction=self.place,
            summary="Searched.",
            publication_status="published",
        )
        self.law(C.SANCTUARY_BAN)
        self.assertStance(Stance.ANTI_SANCTUARY)

    def test_a_finding_of_an_unpublished_place_counts_nowhere(self):
        place = make_jurisdiction(publication_status="draft")
        Finding.objects.create(
            jurisdiction=place, summary="Searched.", publication_status="published"
        )
        self.assertEqual(Finding.objects.published().count(), 0)
