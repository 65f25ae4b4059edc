import time

from django.core.cache import caches
from django.db import connection, transaction
from django.test import (
    RequestFactory,
    TestCase,
    TransactionTestCase,
    override_settings,
)

from jurisdictions.models import (
    Correction,
    DataVersion,
    Jurisdiction,
    Ordinance,
    TableVersion,
)
from jurisdictions.models.changes import RECENT_KEY

from .factories import make_jurisdiction, make_ordinance, make_provision
from .test_caching import as_another_process, clock


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
            and model not in (DataVersion, TableVersion)
            # Readers' suggestions are no public data (issue 30): a new one
            # must leave the cached pages be (tests/test_corrections.py).
            and model is not Correction
        }
        names = trigger_names()
        self.assertFalse(
            any(name.startswith(f"{Correction._meta.db_table}_") for name in names)
        )
        for table in tables:
            with self.subTest(table=table):
                self.assertTrue(
                    any(name.startswith(f"{table}_data_version") for name in names)
                )


class DataVersionAfterFlushTests(TransactionTestCase):
    # Transactional: it starts from tables flushed, as TransactionTestCase
    # leaves them, where the version rows are gone rather than rolled back.
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

    @override_settings(PUBLIC_CACHE_SECONDS=300)
    def test_anonymous_requests_within_a_second_share_one_read(self):
        make_jurisdiction()
        with clock() as advance, self.assertNumQueries(1):
            for _ in range(3):
                DataVersion.of(RequestFactory().get("/ordinances/"))
                advance(0.3)
        with clock(time.time() + 1000), self.assertNumQueries(1):
            DataVersion.of(RequestFactory().get("/ordinances/"))

    @override_settings(PUBLIC_CACHE_SECONDS=300)
    def test_signed_in_editors_read_the_live_version(self):
        factory = RequestFactory()
        make_jurisdiction()
        with clock():
            DataVersion.recent()
            with as_another_process():
                make_jurisdiction()
            editor = factory.get("/ordinances/")
            editor.COOKIES["sessionid"] = "editor-session"
            with self.assertNumQueries(1):
                live = DataVersion.of(editor)
            self.assertEqual(live, DataVersion.current())
            self.assertLess(
                DataVersion.of(factory.get("/ordinances/"))[0],
                DataVersion.current()[0],
            )

    def test_without_page_caching_every_request_reads_it_live(self):
        with clock():
            DataVersion.recent()
            with as_another_process():
                make_jurisdiction()
            with self.assertNumQueries(1):
                version = DataVersion.of(RequestFactory().get("/ordinances/"))
            self.assertEqual(version, DataVersion.current())


class RecentVersionTests(TestCase):
    def test_another_process_write_is_read_within_a_second(self):
        with clock() as advance:
            before = DataVersion.recent()
            with as_another_process():
                make_jurisdiction()
            advance(0.99)
            self.assertEqual(DataVersion.recent(), before)
            advance(0.02)
            self.assertEqual(DataVersion.recent(), DataVersion.current())
            self.assertGreater(DataVersion.recent()[0], before[0])

    def test_every_orm_write_by_this_process_is_read_at_once(self):
        ordinance = make_ordinance()
        provision = make_provision()
        writes = [
            lambda: make_jurisdiction(),
            lambda: ordinance.provisions.add(provision),
            lambda: Ordinance.objects.get(pk=ordinance.pk).save(),
            lambda: Ordinance.objects.get(pk=ordinance.pk).delete(),
        ]
        with clock():
            for write in writes:
                before = DataVersion.recent()
                write()
                with self.assertNumQueries(1):
                    self.assertGreater(DataVersion.recent()[0], before[0])

    def test_writes_without_signals_are_read_within_a_second(self):
        ordinance = make_ordinance()
        writes = [
            lambda: Ordinance.objects.filter(pk=ordinance.pk).update(title="x"),
            lambda: connection.cursor().execute(
                "UPDATE jurisdictions_ordinance SET title = 'y'"
            ),
        ]
        with clock() as advance:
            for write in writes:
                before = DataVersion.recent()
                write()
                self.assertEqual(DataVersion.recent(), before)
                advance(1.01)
                self.assertGreater(DataVersion.recent()[0], before[0])

    def test_a_commit_forgets_a_version_read_during_its_transaction(self):
        local = caches["process"]
        with clock():
            before = DataVersion.recent()
            with self.captureOnCommitCallbacks(execute=True):
                with transaction.atomic():
                    make_jurisdiction()
                    # Another thread reads the uncommitted version meanwhile.
                    local.set(RECENT_KEY, before, 1)
                    self.assertEqual(DataVersion.recent(), before)
            self.assertGreater(DataVersion.recent()[0], before[0])
