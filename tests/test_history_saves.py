"""changelog.saves: one history row per save, links included, written in
batches (PostgreSQL binds at most 65,535 values a statement)."""

from unittest import mock

from django.test import TestCase

from jurisdictions.changelog import saves
from jurisdictions.models import Ordinance

from .factories import make_jurisdiction, make_provision, make_source


class WriteRowsTests(TestCase):
    def test_every_record_of_every_batch_gets_one_row_with_its_own_links(self):
        place = make_jurisdiction()
        provisions = [make_provision() for _ in range(3)]
        ordinances = []
        for i in range(5):
            ordinance = Ordinance.objects.create(
                title=f"O{i}", slug=f"o-{i}", status="passed", jurisdiction=place
            )
            ordinance.provisions.set(provisions[: i % 3 + 1])
            ordinance.sources.set([make_source()])
            ordinances.append(ordinance)
        Ordinance.history.filter(id__in=[o.pk for o in ordinances]).delete()
        with mock.patch.object(saves, "BATCH_SIZE", 2):
            rows = saves.write_rows(Ordinance, ordinances, update=True, note="n")
        self.assertEqual(len(rows), 5)
        for ordinance in ordinances:
            row = ordinance.history.get()
            self.assertEqual((row.history_type, row.history_change_reason), ("~", "n"))
            self.assertEqual(
                set(row.provisions.values_list("policyprovision", flat=True)),
                set(ordinance.provisions.values_list("pk", flat=True)),
            )
            self.assertEqual(
                list(row.sources.values_list("source", flat=True)),
                list(ordinance.sources.values_list("pk", flat=True)),
            )

    def test_a_held_save_writes_nothing_until_released(self):
        ordinance = Ordinance(
            title="Held", slug="held", status="passed", jurisdiction=make_jurisdiction()
        )
        saves.hold(ordinance, update=False)
        ordinance.save()
        ordinance.provisions.set([make_provision()])
        self.assertFalse(ordinance.history.exists())
        saves.release(ordinance)
        row = ordinance.history.get()
        self.assertEqual(row.history_type, "+")
        self.assertEqual(row.provisions.count(), 1)
        # Released once: a second release writes nothing.
        saves.release(ordinance)
        self.assertEqual(ordinance.history.count(), 1)
