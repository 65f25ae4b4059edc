import time
from contextlib import contextmanager
from unittest import mock

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.test import TestCase, override_settings

from jurisdictions.middleware import process_pages
from jurisdictions.models import Jurisdiction
from jurisdictions.models.changes import forget_recent

from .factories import make_jurisdiction


@contextmanager
def clock(start=None):
    """Stand in for the clock the cache's expiry reads (DataVersion.recent()
    keeps the version in the "process" cache for a second); yields a function
    that moves it on."""
    now = [time.time() if start is None else start]
    with mock.patch("django.core.cache.backends.locmem.time.time", lambda: now[0]):

        def advance(seconds):
            now[0] += seconds

        yield advance


SIGNALS = (post_save, post_delete, m2m_changed)


@contextmanager
def as_another_process():
    """Write as another app server would: this process hears of nothing."""
    for signal in SIGNALS:
        signal.disconnect(dispatch_uid="forget-recent")
    try:
        yield
    finally:
        for signal in SIGNALS:
            signal.connect(forget_recent, dispatch_uid="forget-recent")


@override_settings(PUBLIC_CACHE_SECONDS=300)
class SpringfieldPageTests(TestCase):
    """A place's page, with page caching on and every cache empty."""

    @classmethod
    def setUpTestData(cls):
        cls.town = make_jurisdiction(name="Springfield", slug="springfield")

    def setUp(self):
        for alias in settings.CACHES:
            caches[alias].clear()
        self.url = self.town.get_absolute_url()

    def rename(self, name):
        """Rename the town with update(), which sends no signal: as another
        process's write, this process reads it within a second."""
        Jurisdiction.objects.filter(pk=self.town.pk).update(name=name)

    def edit(self, name):
        """Rename the town as the admin does, through save()."""
        self.town.name = name
        self.town.save()


class PublicPageCacheTests(SpringfieldPageTests):
    def test_second_request_is_served_from_the_cache_without_a_query(self):
        with clock():
            first = self.client.get(self.url)
            self.assertContains(first, "Springfield")
            # The data version was read by the first request, within the second.
            with self.assertNumQueries(0):
                second = self.client.get(self.url)
        self.assertEqual(second.content, first.content)

    def test_a_change_is_visible_on_the_next_request(self):
        self.client.get(self.url)
        self.edit("Shelbyville")
        self.assertContains(self.client.get(self.url), "Shelbyville")

    def test_unpublishing_removes_the_page_at_once(self):
        self.assertEqual(self.client.get(self.url).status_code, 200)
        self.town.publication_status = "draft"
        self.town.save()
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_etag_and_last_modified_let_clients_revalidate(self):
        response = self.client.get(self.url)
        etag = response["ETag"]
        self.assertIn("Last-Modified", response)
        self.assertIn("no-cache", response["Cache-Control"])
        revalidated = self.client.get(self.url, headers={"If-None-Match": etag})
        self.assertEqual(revalidated.status_code, 304)
        since = self.client.get(
            self.url, headers={"If-Modified-Since": response["Last-Modified"]}
        )
        self.assertEqual(since.status_code, 304)
        make_jurisdiction()
        changed = self.client.get(self.url, headers={"If-None-Match": etag})
        self.assertEqual(changed.status_code, 200)
        self.assertNotEqual(changed["ETag"], etag)

    def test_query_strings_are_cached_separately(self):
        a = self.client.get("/jurisdictions/?kind=city")
        b = self.client.get("/jurisdictions/?kind=state")
        self.assertNotEqual(a["ETag"], b["ETag"])
        self.assertContains(a, "Springfield")
        self.assertNotContains(b, "Springfield")

    def test_errors_and_signed_in_editors_are_never_cached(self):
        bad = self.client.get("/jurisdictions/?kind=galaxy")
        self.assertNotIn("ETag", bad)
        self.client.cookies["sessionid"] = "editor-session"
        self.assertNotIn("ETag", self.client.get(self.url))

    def test_admin_and_api_are_not_cached(self):
        self.assertNotIn("ETag", self.client.get("/admin/login/"))


class RecentVersionTests(SpringfieldPageTests):
    """Each process reads the data version at most once a second."""

    def test_an_edit_by_another_process_is_served_within_a_second(self):
        with clock() as advance:
            self.assertContains(self.client.get(self.url), "Springfield")
            with as_another_process():
                self.rename("Shelbyville")
            advance(0.5)
            # Within the second this process may still serve the cached page...
            with self.assertNumQueries(0):
                stale = self.client.get(self.url)
            self.assertContains(stale, "Springfield")
            advance(0.51)
            # ...and never after it.
            fresh = self.client.get(self.url)
            self.assertContains(fresh, "Shelbyville")
            self.assertNotEqual(fresh["ETag"], stale["ETag"])
            advance(5)
            self.assertContains(self.client.get(self.url), "Shelbyville")

    def test_an_edit_by_this_process_is_served_at_once(self):
        with clock() as advance:
            self.assertContains(self.client.get(self.url), "Springfield")
            self.town.name = "Shelbyville"
            self.town.save()
            self.assertContains(self.client.get(self.url), "Shelbyville")
            # update() and raw SQL send no signal: within the second, as
            # another process's writes.
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE jurisdictions_jurisdiction SET name = %s WHERE id = %s",
                    ["Ogdenville", self.town.pk],
                )
            advance(1.01)
            self.assertContains(self.client.get(self.url), "Ogdenville")

    def test_a_signed_in_editor_sees_another_process_edit_at_once(self):
        from django.contrib.auth import get_user_model

        self.client.force_login(
            get_user_model().objects.create_superuser("root", "r@x.org", "pw")
        )
        with clock():
            self.assertContains(self.client.get(self.url), "Springfield")
            with as_another_process():
                self.rename("Shelbyville")
            self.assertContains(self.client.get(self.url), "Shelbyville")


@override_settings(PUBLIC_CACHE_SECONDS=300)
class AdminEditInvalidatesTests(TestCase):
    def test_an_admin_edit_is_visible_on_the_next_public_request(self):
        from django.contrib.auth import get_user_model
        from django.test import Client

        cache.clear()
        town = make_jurisdiction(name="Springfield", slug="springfield")
        public = Client()
        self.assertContains(public.get("/jurisdictions/"), "Springfield")
        self.assertContains(public.get(town.get_absolute_url()), "Springfield")

        editor = Client()
        editor.force_login(
            get_user_model().objects.create_superuser("root", "r@x.org", "pw")
        )
        response = editor.post(
            "/admin/jurisdictions/jurisdiction/",
            {"action": "return_to_draft", "_selected_action": [town.pk], "index": 0},
        )
        self.assertEqual(response.status_code, 302)

        self.assertNotContains(public.get("/jurisdictions/"), "Springfield")
        self.assertEqual(public.get(town.get_absolute_url()).status_code, 404)


SHARED_AND_LOCAL = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "shared",
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
    },
    "process": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "process",
    },
}


@override_settings(CACHES=SHARED_AND_LOCAL)
class ProcessPagesTests(SpringfieldPageTests):
    """With a shared cache (Redis), each process keeps its latest pages too."""

    def test_a_page_is_kept_in_both_and_served_from_this_process(self):
        first = self.client.get(self.url)
        self.assertEqual(len(caches["pages"]._cache), 1)
        with mock.patch.object(caches["default"], "get") as shared_get, clock():
            self.client.get(self.url)  # reads the version
            with self.assertNumQueries(0):
                second = self.client.get(self.url)
        shared_get.assert_not_called()
        self.assertEqual(second.content, first.content)

    def test_another_process_page_is_copied_from_the_shared_cache(self):
        first = self.client.get(self.url)
        caches["pages"].clear()  # as another process that has not served it
        with mock.patch.object(
            caches["default"], "get", wraps=caches["default"].get
        ) as shared_get:
            again = self.client.get(self.url)
        self.assertEqual(shared_get.call_count, 1)
        self.assertEqual(again.content, first.content)
        self.assertEqual(len(caches["pages"]._cache), 1)

    def test_an_edit_is_served_at_once_despite_the_local_copy(self):
        self.client.get(self.url)
        self.edit("Shelbyville")
        self.assertContains(self.client.get(self.url), "Shelbyville")

    def test_without_a_pages_alias_only_the_shared_cache_is_used(self):
        without_pages = {k: v for k, v in SHARED_AND_LOCAL.items() if k != "pages"}
        with self.settings(CACHES=without_pages):
            self.assertIsNone(process_pages())
            self.client.get(self.url)
            self.assertContains(self.client.get(self.url), "Springfield")
