from django.core.management import call_command
from django.db import connection
from django.test import TransactionTestCase


class MigrationTests(TransactionTestCase):
    def test_every_migration_reverses_and_reapplies(self):
        call_command("migrate", "jurisdictions", "zero", verbosity=0)
        self.assertNotIn(
            "jurisdictions_ordinance", connection.introspection.table_names()
        )
        call_command("migrate", "jurisdictions", verbosity=0)
        self.assertIn("jurisdictions_ordinance", connection.introspection.table_names())
        # The reapplied schema still holds the seed data.
        call_command("load_seed", verbosity=0)
