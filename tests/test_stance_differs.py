"""The stored evidence stance (Jurisdiction.evidence_stance): every kind of
write the evidence depends on keeps it current, by whatever path it comes
(save(), update(), many-to-many changes, the admin's actions, CSV import,
loaddata, bulk inserts), and it always equals what Python and SQL compute."""

import datetime
import json
from io import StringIO
from pathlib import Path
from tempfile import TemporaryDirectory

from django.core import serializers
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from jurisdictions import stances
from jurisdictions.choices import ProvisionCategory, Stance
from jurisdictions.models import (
    Finding,
    InstrumentChange,
    Jurisdiction,
    Ordinance,
    PolicyProvision,
    ProvisionBlock,
    SchoolDistrictResolution,
)

from .factories import (
    make_chief_editor,
    make_jurisdiction,
    make_ordinance,
    make_resolution,
    make_school_district,
    make_source,
)
from .test_import import ImportTestCase
from .test_stances import evidence_in_sql, provisions, stored_evidence

C = ProvisionCategory
TODAY = datetime.date(2026, 12, 7)


class StoredEvidenceCase(TestCase):
    def setUp(self):
        self.p = provisions()
        self.place = make_jurisdiction(stance="unknown")

    def assertStored(self, expected, place=None):
        """The stored stance is `expected`, as Python and SQL compute it."""
        place = place or self.place
        self.assertEqual(stored_evidence(place), expected)
        self.assertEqual(evidence_in_sql(place), expected)
        self.assertEqual(stances.evidence_for(place).stance, expected)

    def law(self, *categories, place=None, **fields):
        fields.setdefault("status", "in_effect")
        return make_ordinance(
            jurisdiction=place or self.place,
            provisions=[self.p[c] for c in categories],
            **fields,
        )


class WritesTests(StoredEvidenceCase):
    """One test per kind of write the evidence depends on."""

    def test_a_provision_added_and_removed(self):
        law = self.law(C.RESOURCES)
        self.assertStored(Stance.LIMITED)
        law.provisions.add(self.p[C.DETAINERS])
        self.assertStored(Stance.SANCTUARY)
        law.provisions.remove(self.p[C.RESOURCES])
        self.assertStored(Stance.LIMITED)
        law.provisions.set([self.p[C.SANCTUARY_BAN]])
        self.assertStored(Stance.ANTI_SANCTUARY)
        law.provisions.clear()
        self.assertStored(Stance.UNKNOWN)

    def test_a_status_change_by_save_and_by_update(self):
        law = self.law(C.RESOURCES, C.DETAINERS, status="passed")
        self.assertStored(Stance.UNKNOWN)
        law.status = "in_effect"
        law.save()
        self.assertStored(Stance.SANCTUARY)
        Ordinance.objects.filter(pk=law.pk).update(status="repealed")
        self.assertStored(Stance.UNKNOWN)
        Ordinance.objects.update(status="enjoined_in_part")
        self.assertStored(Stance.SANCTUARY)

    def test_a_block_added_lifted_and_removed(self):
        law = self.law(C.SANCTUARY_BAN, C.COOPERATION_MANDATE)
        self.assertStored(Stance.ANTI_SANCTUARY)
        block = ProvisionBlock.objects.create(
            ordinance=law, provision=self.p[C.SANCTUARY_BAN], clause="the ban"
        )
        self.assertStored(Stance.COOPERATIVE)
        ProvisionBlock.objects.update(lifted_on=TODAY)
        self.assertStored(Stance.ANTI_SANCTUARY)
        block.lifted_on = None
        block.save()
        self.assertStored(Stance.COOPERATIVE)
        block.delete()
        self.assertStored(Stance.ANTI_SANCTUARY)

    def test_a_rescission_taking_effect(self):
        mandate = self.law(C.COOPERATION_MANDATE, title="EO 47")
        self.assertStored(Stance.COOPERATIVE)
        change = InstrumentChange.objects.create(
            acting=self.law(title="EO 10"),
            target=mandate,
            kind="rescinds",
            on=TODAY,
        )
        self.assertStored(Stance.COOPERATIVE, self.place)  # not yet applied
        self.assertTrue(change.take_effect(TODAY))
        self.assertStored(Stance.UNKNOWN)

    def test_a_finding_published_unpublished_and_deleted(self):
        finding = Finding.objects.create(
            jurisdiction=self.place, summary="Searched.", publication_status="draft"
        )
        self.assertStored(Stance.UNKNOWN)
        finding.publication_status = "published"
        finding.save()
        self.assertStored(Stance.NONE_FOUND)
        Finding.objects.update(publication_status="draft")
        self.assertStored(Stance.UNKNOWN)
        Finding.objects.update(publication_status="published")
        self.assertStored(Stance.NONE_FOUND)
        finding.delete()
        self.assertStored(Stance.UNKNOWN)

    def test_an_ordinance_unpublished_moved_and_deleted(self):
        law = self.law(C.RESOURCES, C.DETAINERS)
        self.assertStored(Stance.SANCTUARY)
        law.publication_status = "draft"
        law.save()
        self.assertStored(Stance.UNKNOWN)
        Ordinance.objects.update(publication_status="published")
        self.assertStored(Stance.SANCTUARY)
        law.refresh_from_db()
        other = make_jurisdiction()
        law.jurisdiction = other
        law.save()
        self.assertStored(Stance.UNKNOWN)
        self.assertStored(Stance.SANCTUARY, other)
        law.delete()  # its provisions' rows first, then itself
        self.assertStored(Stance.UNKNOWN, other)

    def test_a_new_ordinance_with_its_provisions(self):
        self.assertStored(Stance.UNKNOWN)
        self.law(C.COOPERATION_MANDATE)
        self.assertStored(Stance.COOPERATIVE)
        self.law(C.RESOURCES)
        self.assertStored(Stance.UNKNOWN)  # a conflict: an editor must weigh it

    def test_a_resolution_and_its_provisions(self):
        district = make_school_district()
        resolution = make_resolution(
            district=district, provisions=[self.p[C.EDUCATION]], status="proposed"
        )
        self.assertStored(Stance.UNKNOWN, district)
        SchoolDistrictResolution.objects.update(status="adopted")
        self.assertStored(Stance.LIMITED, district)
        resolution.provisions.add(self.p[C.FACILITY_ACCESS])
        self.assertStored(Stance.SANCTUARY, district)
        resolution.status = "rescinded"
        resolution.save()
        self.assertStored(Stance.UNKNOWN, district)

    def test_a_place_changing_kind_or_publication(self):
        # Education is a core limit for a school district only.
        self.law(C.EDUCATION, C.FACILITY_ACCESS)
        self.assertStored(Stance.LIMITED)
        Jurisdiction.objects.filter(pk=self.place.pk).update(kind="school_district")
        self.place.refresh_from_db()
        self.assertStored(Stance.SANCTUARY)
        # A finding of a draft place counts nowhere.
        place = make_jurisdiction()
        Finding.objects.create(
            jurisdiction=place, summary="Searched.", publication_status="published"
        )
        self.assertStored(Stance.NONE_FOUND, place)
        place.publication_status = "draft"
        place.save()
        self.assertStored(Stance.UNKNOWN, place)

    def test_a_provision_recategorised(self):
        self.law(C.OTHER)
        self.assertStored(Stance.UNKNOWN)
        PolicyProvision.objects.filter(pk=self.p[C.OTHER].pk).update(
            category=C.SANCTUARY_BAN
        )
        self.assertStored(Stance.ANTI_SANCTUARY)

    def test_a_writers_own_value_never_stands(self):
        stale = Jurisdiction.objects.get(pk=self.place.pk)
        self.law(C.RESOURCES, C.DETAINERS)
        self.assertEqual(stale.evidence_stance, Stance.UNKNOWN)
        stale.summary = "Edited after its instruments changed."
        stale.save()
        self.assertStored(Stance.SANCTUARY)
        Jurisdiction.objects.update(evidence_stance=Stance.COOPERATIVE)
        self.assertStored(Stance.SANCTUARY)

    def test_editing_the_stance_alone_settles_the_difference(self):
        self.law(C.RESOURCES, C.DETAINERS)
        differing = Jurisdiction.objects.stance_differs_from_evidence
        self.assertIn(self.place, differing())
        Jurisdiction.objects.filter(pk=self.place.pk).update(stance=Stance.SANCTUARY)
        self.assertNotIn(self.place, differing())
        self.assertIn(self.place, differing(False))
        self.assertStored(Stance.SANCTUARY)


class AdminWritesTests(StoredEvidenceCase, ImportTestCase):
    """The editors' paths: the queue, the actions, the stance field, import."""

    def setUp(self):
        super().setUp()
        self.client.force_login(make_chief_editor())

    def queue_count(self):
        response = self.client.get(reverse("admin:attention"))
        items = [item for _, items in response.context["sections"] for item in items]
        (item,) = [item for item in items if "stance differs" in item.label]
        return item.count

    def differing(self):
        url = reverse("admin:jurisdictions_jurisdiction_changelist")
        response = self.client.get(url + "?stance_differs=yes")
        return set(response.context["cl"].result_list)

    def act(self, model, action, *records):
        url = reverse(f"admin:jurisdictions_{model._meta.model_name}_changelist")
        response = self.client.post(
            url, {"action": action, "_selected_action": [r.pk for r in records]}
        )
        self.assertEqual(response.status_code, 302)

    def test_publishing_and_unpublishing_an_instrument(self):
        law = self.law(C.RESOURCES, C.DETAINERS, publication_status="draft")
        self.assertEqual((self.queue_count(), self.differing()), (0, set()))
        self.act(Ordinance, "publish", law)
        self.assertStored(Stance.SANCTUARY)
        self.assertEqual((self.queue_count(), self.differing()), (1, {self.place}))
        self.act(Ordinance, "return_to_draft", law)
        self.assertStored(Stance.UNKNOWN)
        self.assertEqual((self.queue_count(), self.differing()), (0, set()))

    def test_editing_the_stance_on_the_form(self):
        self.law(C.COOPERATION_MANDATE)
        self.assertEqual(self.differing(), {self.place})
        self.place.stance = Stance.COOPERATIVE
        self.place.save()
        self.assertEqual((self.queue_count(), self.differing()), (0, set()))

    def test_a_csv_import_of_instruments(self):
        self.place.slug = "salem-or"
        self.place.save()
        rows = (
            "slug,title,jurisdiction,instrument,status,provisions,sources\n"
            "trust,Trust Act,salem-or,ordinance,in_effect,"
            f"{self.p[C.RESOURCES].slug}|{self.p[C.DETAINERS].slug},{self.source.url}\n"
        )
        self.confirm(Ordinance, self.preview(Ordinance, rows))
        law = Ordinance.objects.get(slug="trust")
        self.assertEqual(law.provisions.count(), 2)
        self.assertStored(Stance.UNKNOWN)  # imported as a draft
        self.act(Ordinance, "publish", law)
        self.assertStored(Stance.SANCTUARY)


class BulkPathsTests(StoredEvidenceCase):
    def test_loaddata_ends_with_every_stored_stance_current(self):
        law = self.law(C.RESOURCES, C.DETAINERS)
        records = [self.place, law, *law.provisions.all()]
        rows = json.loads(serializers.serialize("json", records))
        rows[0]["fields"]["evidence_stance"] = Stance.COOPERATIVE  # a stale dump
        law.provisions.clear()
        law.delete()
        self.assertStored(Stance.UNKNOWN)
        with TemporaryDirectory() as folder:
            fixture = Path(folder) / "place.json"
            fixture.write_text(json.dumps(rows))
            call_command("loaddata", str(fixture), verbosity=0)
        self.assertStored(Stance.SANCTUARY)

    def test_generated_bench_data_ends_current(self):
        call_command(
            "generate_bench_data",
            "--jurisdictions=3300",
            "--ordinances=400",
            "--resolutions=60",
            "--statements=0",
            "--sources=20",
            stdout=StringIO(),
        )
        live = Jurisdiction.objects.annotate(live=stances.evidence_stance())
        stored = dict(live.values_list("pk", "evidence_stance"))
        self.assertEqual(stored, dict(live.values_list("pk", "live")))
        self.assertGreater(len(set(stored.values())), 2, "the draw decided some")
        # The triggers it set aside for the load are back: a law keeps
        # its place's stored stance current again.
        self.law(C.RESOURCES)
        self.assertStored(Stance.LIMITED)

    def test_sources_alone_change_nothing(self):
        # A write the evidence does not read leaves the column as it was.
        law = self.law(C.RESOURCES)
        law.sources.add(make_source())
        Ordinance.objects.update(title="Renamed")
        self.assertStored(Stance.LIMITED)
