"""The public site's middleware: request ids, the whole-page cache and the
CSP header.

Every request gets an id, in the X-Request-ID header and every log line
(settings.LOGGING's request_id filter), a proxy's own if it is short and
harmless in a log line.

The whole-page cache is the one performance boundary for anonymous readers.
Every cache key and ETag carries DataVersion's counter, which database
triggers bump on any change from any process. Each process reads it at most
once a second (DataVersion.recent()), so a hit costs no query: an edit shows
at once to the editor who made it and within a second to every reader.
Behind it every page is plain Django.

django-csp 4.0 builds its header for every response, a quarter of a cache
hit; CSPMiddleware writes the site's policy built once per settings object
(docs/PERFORMANCE.md).
"""

import hashlib
import os
import re

from csp import middleware as csp_middleware
from csp.constants import HEADER
from csp.utils import build_policy
from django.conf import settings
from django.core.cache import cache, caches
from django.core.signals import request_finished
from django.dispatch import receiver
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language_from_path

from .models import DataVersion
from .requestlog import request_id_var

# Accept a proxy's id only when it is short and harmless in a log line.
SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def new_request_id():
    """32 random hex digits, as uuid4().hex but without building a UUID."""
    return os.urandom(16).hex()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # META, not request.headers: building that mapping of every header
        # cost more than the rest of this middleware.
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.id = incoming if SAFE_ID.match(incoming) else new_request_id()
        # Not reset on the way out: Django logs 4xx/5xx responses after the
        # middleware returns. request_finished clears it instead.
        request_id_var.set(request.id)
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        return response


@receiver(request_finished)
def forget_request_id(**kwargs):
    request_id_var.set("-")


# Only public, read-only paths; the admin, the API (throttled per request) and
# the health check are always answered live.
SKIPPED_PREFIXES = ("/admin/", "/api/", "/healthz", "/static/", "/favicon.ico")
MAX_CACHED_BYTES = 2 * 1024 * 1024


def process_pages():
    """This process's own page cache in front of a shared one (the "pages"
    alias, set beside Redis), or None."""
    return caches["pages"] if "pages" in settings.CACHES else None


def nearest_copy(key):
    """The page stored under `key`, from this process's memory if it has it:
    a key names its data version, so a copy never goes stale, and a hit then
    skips the shared cache's round trip (docs/PERFORMANCE.md)."""
    local = process_pages()
    response = local.get(key) if local else None
    if response is None:
        response = cache.get(key)
        if response is not None and local:
            local.set(key, response, settings.PUBLIC_CACHE_SECONDS)
    return response


def page_language(request):
    """The language a public page is drawn in: its path's prefix (/es/), else
    the default. Runs before LocaleMiddleware, which decides the same way."""
    return get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.applies_to(request):
            return self.get_response(request)
        # Views reading the version (list summaries) need not ask again.
        version, changed_at = DataVersion.of(request)
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        language = page_language(request)
        etag = f'"v{version}-{language}-{digest}"'
        # HTTP dates have whole seconds.
        last_modified = int(changed_at.timestamp()) if changed_at else None
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=last_modified
        )
        if not_modified is not None:
            return self.with_validators(not_modified, etag, changed_at)

        key = f"page:v{version}:{language}:{digest}"
        response = nearest_copy(key)
        if response is not None:
            # Stored with its validators: the key names the same version.
            return response
        response = self.get_response(request)
        if response.status_code != 200 or self.kept_private(response):
            # A view that says its page is for this reader alone (never_cache,
            # e.g. a form carrying its reader's CSRF token) gets no validators
            # and is never shared.
            return response
        storable = self.storable(response)
        self.with_validators(response, etag, changed_at)
        if storable:
            cache.set(key, response, settings.PUBLIC_CACHE_SECONDS)
            if local := process_pages():
                local.set(key, response, settings.PUBLIC_CACHE_SECONDS)
        return response

    @staticmethod
    def applies_to(request):
        return (
            settings.PUBLIC_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(SKIPPED_PREFIXES)
            # Signed-in editors always see the live site.
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    @staticmethod
    def kept_private(response):
        control = response.get("Cache-Control", "")
        return "private" in control or "no-store" in control

    @staticmethod
    def storable(response):
        # Called only for a 200 its view did not keep private.
        return (
            not response.streaming
            and not response.cookies
            and len(response.content) <= MAX_CACHED_BYTES
        )

    @staticmethod
    def with_validators(response, etag, changed_at):
        response["ETag"] = etag
        if changed_at:
            response["Last-Modified"] = http_date(changed_at.timestamp())
        # Shared caches may store the page but must ask again before reuse.
        patch_cache_control(response, public=True, no_cache=True)
        return response


# What a view's csp_update/csp_replace/csp_exempt/csp_override leaves on its
# response for django-csp to read.
PER_RESPONSE_POLICY = frozenset(
    f"_csp_{kind}{suffix}"
    for kind in ("config", "update", "replace", "exempt")
    for suffix in ("", "_ro")
)
_site_policy = (None, None, None)


def site_policy():
    """The CSP header of the site's settings, built again only when they
    change (django-csp 4.0 builds it for every response); None when they need
    django-csp's per-request path (report-only, excluded prefixes)."""
    global _site_policy
    config = settings.CONTENT_SECURITY_POLICY
    report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
    if _site_policy[0] is not config or _site_policy[1] is not report_only:
        plain = config and not report_only and "EXCLUDE_URL_PREFIXES" not in config
        _site_policy = (config, report_only, build_policy() if plain else None)
    return _site_policy[2]


class CSPMiddleware(csp_middleware.CSPMiddleware):
    """django-csp's middleware, writing the site-wide policy from site_policy().

    A response a view adjusted (csp_update, csp_exempt...), a request that
    used a nonce and DEBUG's error pages take django-csp's own path.
    """

    def process_response(self, request, response):
        policy = site_policy()
        if (
            policy is None
            or settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or not PER_RESPONSE_POLICY.isdisjoint(vars(response))
        ):
            return super().process_response(request, response)
        if HEADER not in response:
            response[HEADER] = policy
        # As django-csp does: a nonce asked for after the header is an error.
        request.csp_nonce = csp_middleware.CheckableLazyObject(
            self._csp_nonce_post_response
        )
        return response
