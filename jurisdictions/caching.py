"""Whole-page caching for anonymous readers, invalidated by the data version.

Every cache key and ETag carries DataVersion's counter, which database
triggers bump on any change from any process. Each process reads it at most
once a second (DataVersion.recent()), so a hit costs no query: an edit misses
the cache at once in the process that made it and within a second everywhere.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache, caches
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language_from_path

from .models import DataVersion

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
        if response.status_code != 200:
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
    def storable(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
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
