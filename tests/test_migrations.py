from django.core.management import call_command
from django.db import connection
from django.test import TestCase, TransactionTestCase

from jurisdictions import triggers


def migrate(target=None):
    """Migrate the app to `target` (a migration name, or "zero"), else to the latest."""
    call_command("migrate", "jurisdictions", *([target] if target else []), verbosity=0)


def trigger_names():
    """Every trigger in the database, from the engine's own catalog."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {row[0] for row in cursor.fetchall()}


def index_names():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        else:
            cursor.execute("SELECT indexname FROM pg_indexes")
        return {row[0] for row in cursor.fetchall()}


class TriggersCheck:
    def assertEveryTrigger(self):
        """Exactly the triggers jurisdictions/triggers/ lists, and its indexes."""
        vendor = connection.vendor
        self.assertEqual(trigger_names(), triggers.expected_triggers(vendor))
        self.assertLessEqual(triggers.expected_indexes(vendor), index_names())


class TriggersTests(TriggersCheck, TestCase):
    def test_the_whole_history_leaves_every_trigger(self):
        # The test database is built by every migration in turn.
        self.assertEveryTrigger()


class MigrationTests(TriggersCheck, TransactionTestCase):
    # Transactional: migrating needs the schema changes committed, which a
    # test's rolled-back transaction cannot hold.
    def test_every_migration_reverses_and_reapplies(self):
        # One walk of the whole history, back to zero and forward again (each
        # way costs a rendering of every migration's state), checking on the
        # way down that the triggers survive the table rebuilds: on SQLite,
        # 0011 and 0012 rebuild tables, which drops their triggers.
        migrate("0010_ordinance_state")
        vendor = connection.vendor
        names = trigger_names()
        self.assertLessEqual(names, triggers.expected_triggers(vendor))
        for part in triggers.triggers_of(triggers.ordinance_state(vendor)):
            self.assertIn(part.name, names)
        migrate("zero")
        self.assertNotIn(
            "jurisdictions_ordinance", connection.introspection.table_names()
        )
        migrate()
        self.assertIn("jurisdictions_ordinance", connection.introspection.table_names())
        self.assertEveryTrigger()
        # The reapplied schema still holds the seed data.
        call_command("load_seed", verbosity=0)
