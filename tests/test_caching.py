from django.core.cache import cache
from django.test import TestCase, override_settings

from jurisdictions.models import Jurisdiction

from .factories import make_jurisdiction


@override_settings(PUBLIC_CACHE_SECONDS=300)
class PublicPageCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.town = make_jurisdiction(name="Springfield", slug="springfield")

    def setUp(self):
        cache.clear()
        self.url = self.town.get_absolute_url()

    def test_second_request_is_served_from_the_cache_with_one_query(self):
        first = self.client.get(self.url)
        self.assertContains(first, "Springfield")
        with self.assertNumQueries(1):  # the data version, nothing else
            second = self.client.get(self.url)
        self.assertEqual(second.content, first.content)

    def test_a_change_is_visible_on_the_next_request(self):
        self.client.get(self.url)
        Jurisdiction.objects.filter(pk=self.town.pk).update(name="Shelbyville")
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
