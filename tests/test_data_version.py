from django.db import connection
from django.test import RequestFactory, TestCase, TransactionTestCase

from jurisdictions.models import DataVersion, Jurisdiction, Ordinance

from .factories import make_jurisdiction, make_ordinance, make_provision


def trigger_names():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {row[0] for row in cursor.fetchall()}


class DataVersionTests(TestCase):
    def assertBumps(self, action):
        before, _ = DataVersion.current()
        action()
        after, changed_at = DataVersion.current()
        self.assertGreater(after, before)
        self.assertIsNotNone(changed_at)

    def test_every_kind_of_write_bumps_the_version(self):
        ordinance = make_ordinance()
        provision = make_provision()
        self.assertBumps(lambda: make_jurisdiction())
        self.assertBumps(
            lambda: Ordinance.objects.filter(pk=ordinance.pk).update(title="x")
        )
        self.assertBumps(lambda: ordinance.provisions.add(provision))
        self.assertBumps(lambda: ordinance.provisions.remove(provision))
        self.assertBumps(lambda: Ordinance.objects.filter(pk=ordinance.pk).delete())
        self.assertBumps(
            lambda: Jurisdiction.objects.bulk_create(
                [Jurisdiction(name="A", slug="a", kind="city", state="CA")]
            )
        )

    def test_every_table_of_the_app_is_watched(self):
        from django.apps import apps

        tables = {
            model._meta.db_table
            for model in apps.get_app_config("jurisdictions").get_models(
                include_auto_created=True
            )
            if not model._meta.db_table.startswith("jurisdictions_historical")
            and model is not DataVersion
        }
        names = trigger_names()
        for table in tables:
            with self.subTest(table=table):
                self.assertTrue(
                    any(name.startswith(f"{table}_data_version") for name in names)
                )


class DataVersionAfterFlushTests(TransactionTestCase):
    def test_counter_survives_a_flush(self):
        DataVersion.objects.all().delete()
        self.assertEqual(DataVersion.current(), (0, None))
        make_jurisdiction()
        self.assertGreater(DataVersion.current()[0], 0)


class VersionPerRequestTests(TestCase):
    def test_a_request_reads_the_version_once(self):
        request = RequestFactory().get("/ordinances/")
        with self.assertNumQueries(1):
            first = DataVersion.of(request)
            self.assertEqual(DataVersion.of(request), first)
        self.assertEqual(first, DataVersion.current())
