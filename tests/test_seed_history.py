"""The seed leaves each record one history row holding what it loaded.

loaddata writes history only for the many-to-many fields it sets, before the
fields it fills in last (Los Angeles's ordinance is `based_on` a directive
further on in its fixture): without load_seed's own rows, the public log of
changes read the first edit of that ordinance as also setting "based on".
"""

import pytest
from django.core.management import call_command
from django.test import TestCase

from jurisdictions.changelog import record_changes
from jurisdictions.models import Jurisdiction, Ordinance

LA_ORDINANCE = "los-angeles-sanctuary-city-ordinance"


@pytest.mark.usefixtures("module_seed")
class SeedHistoryTests(TestCase):
    def test_every_record_has_one_row_as_it_stands(self):
        for model in (Ordinance, Jurisdiction):
            with self.subTest(model=model.__name__):
                for record in model.objects.all():
                    (row,) = record.history.all()
                    self.assertEqual(row.history_change_reason, "Seed data")
                    self.assertEqual(row.history_type, "+")
                    fields = [f.attname for f in row.tracked_fields]
                    self.assertEqual(
                        [getattr(row, f) for f in fields],
                        [getattr(record, f) for f in fields],
                        record.slug,
                    )

    def test_rows_hold_the_many_to_many_fields_as_loaded(self):
        ordinance = Ordinance.objects.get(slug=LA_ORDINANCE)
        row = ordinance.history.get()
        self.assertIsNotNone(ordinance.based_on_id)
        self.assertEqual(row.based_on_id, ordinance.based_on_id)
        for name in ("sources", "provisions", "sponsors"):
            with self.subTest(field=name):
                linked = set(getattr(ordinance, name).values_list("pk", flat=True))
                self.assertTrue(linked or name == "sponsors")
                held = {
                    getattr(link, f"{link_target(ordinance, name)}_id")
                    for link in getattr(row, name).all()
                }
                self.assertEqual(held, linked)

    def test_an_edit_after_the_seed_shows_only_what_it_changed(self):
        ordinance = Ordinance.objects.get(slug=LA_ORDINANCE)
        ordinance.number = "CF 24-0001-S1"
        ordinance.save()
        newest = record_changes(ordinance)[0]
        self.assertEqual(
            [field.label for field in newest.fields], ["number"], newest.sentence()
        )

    def test_a_forced_reload_adds_rows_and_keeps_the_editors(self):
        ordinance = Ordinance.objects.get(slug=LA_ORDINANCE)
        ordinance.number = "edited"
        ordinance.save()
        call_command("load_seed", "--force", verbosity=0)
        rows = list(ordinance.history.order_by("history_date", "history_id"))
        self.assertEqual(
            [(row.history_type, row.number) for row in rows[:2]],
            [("+", rows[0].number), ("~", "edited")],
        )
        self.assertEqual(rows[-1].history_change_reason, "Seed data")
        self.assertNotEqual(rows[-1].number, "edited")


def link_target(record, name):
    """The through table's column naming the linked record."""
    field = record._meta.get_field(name)
    return field.m2m_reverse_field_name()
