import logging
from unittest import mock

from csp.constants import NONCE, SELF
from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import (
    Client,
    RequestFactory,
    SimpleTestCase,
    TestCase,
    override_settings,
)

from jurisdictions.middleware import CSPMiddleware
from jurisdictions.requestlog import RequestIdFilter

from .factories import make_jurisdiction


class PublicPageMiddlewareTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.town = make_jurisdiction(name="Springfield", slug="springfield")
        cls.editor = get_user_model().objects.create_superuser("root", "r@x.org", "pw")

    def test_public_pages_read_no_session_and_set_no_cookie(self):
        for path in ["/", "/ordinances/", self.town.get_absolute_url(), "/healthz"]:
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertFalse(response.wsgi_request.session.accessed)
                self.assertNotIn("Cookie", response.get("Vary", ""))
                self.assertFalse(response.cookies)

    def test_a_signed_in_editor_reads_the_public_site_as_anyone(self):
        self.client.force_login(self.editor)
        response = self.client.get(self.town.get_absolute_url())
        self.assertContains(response, "Springfield")
        self.assertNotIn("Cookie", response.get("Vary", ""))

    def test_the_admin_still_has_its_session_user_and_messages(self):
        self.client.force_login(self.editor)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        request = response.wsgi_request
        self.assertEqual(request.user, self.editor)
        self.assertTrue(hasattr(request, "_messages"))

    def test_admin_posts_still_need_a_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post("/admin/login/", {"username": "root", "password": "pw"})
        self.assertEqual(response.status_code, 403)


class SitePolicyTests(TestCase):
    def respond(self, view=None):
        middleware = CSPMiddleware(view or (lambda request: HttpResponse("ok")))
        request = RequestFactory().get("/")
        return request, middleware(request)

    def test_the_header_is_django_csp_policy(self):
        _, response = self.respond()
        self.assertEqual(response["Content-Security-Policy"], build_policy())

    def test_a_changed_setting_changes_the_header(self):
        with override_settings(
            CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}
        ):
            _, response = self.respond()
            self.assertEqual(response["Content-Security-Policy"], "default-src 'none'")
        _, response = self.respond()
        self.assertEqual(response["Content-Security-Policy"], build_policy())

    def test_a_nonce_or_a_view_update_takes_django_csp_path(self):
        def with_nonce(request):
            return HttpResponse(str(request.csp_nonce))

        nonce_policy = {"DIRECTIVES": {"script-src": [SELF, NONCE]}}
        with override_settings(CONTENT_SECURITY_POLICY=nonce_policy):
            _, response = self.respond(with_nonce)
        nonce = response.content.decode()
        self.assertIn(f"'nonce-{nonce}'", response["Content-Security-Policy"])

        def with_update(request):
            response = HttpResponse("ok")
            response._csp_update = {"img-src": ["data:"]}
            return response

        _, response = self.respond(with_update)
        self.assertIn("img-src 'self' data:", response["Content-Security-Policy"])

    def test_a_nonce_asked_for_after_the_header_is_an_error(self):
        from csp.exceptions import CSPNonceError

        request, _ = self.respond()
        with self.assertRaises(CSPNonceError):
            str(request.csp_nonce)


class LoggingTests(SimpleTestCase):
    """Logging formats only what it writes: a message below the configured
    level is never formatted, nor does the request-id filter run for it."""

    def test_a_message_below_the_level_is_never_formatted(self):
        formatted = []

        class Argument:
            def __str__(self):
                formatted.append(self)
                return "argument"

        request_filter = settings.LOGGING["handlers"]["console"]["filters"][0]
        self.assertEqual(request_filter, "request_id")
        for name in ("django.request", "jurisdictions", "tracker"):
            logger = logging.getLogger(name)
            with mock.patch.object(RequestIdFilter, "filter") as filtered:
                logger.debug("%s", Argument())
            self.assertEqual(formatted, [], name)
            filtered.assert_not_called()
        with self.assertLogs("jurisdictions", "INFO"):
            logging.getLogger("jurisdictions").info("%s", Argument())
        self.assertEqual(len(formatted), 1)
