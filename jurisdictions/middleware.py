"""A lighter middleware stack for anonymous readers (issue 16, point 2).

The public pages show no user state: no template reads `user` or `messages`,
the API authenticates nobody (REST_FRAMEWORK's empty authentication classes)
and only the admin signs editors in, writes history and locks out failed
logins. So sessions, authentication, messages and simple_history's request
run under /admin/ only; every other request skips them, and a signed-in
editor browsing the public site is simply anonymous there, as the page cache
already treats them. CSRF, clickjacking and security headers still cover
every request. docs/PERFORMANCE.md lists what each saves; to undo a cut, put
Django's own class back in MIDDLEWARE.
"""

from csp import middleware as csp_middleware
from csp.constants import HEADER
from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.contrib.messages import middleware as messages_middleware
from django.contrib.sessions import middleware as sessions_middleware
from simple_history import middleware as history_middleware

# The editors' site (tracker/urls.py); matched on path_info, without any
# script prefix.
EDITOR_PREFIXES = ("/admin/",)


def for_editors(request):
    """Whether the request is for the editors' site."""
    return request.path_info.startswith(EDITOR_PREFIXES)


class EditorsOnly:
    """Run the middleware it is mixed into for the editors' site only."""

    # Django adapts a sync-only middleware under ASGI; this __call__ is sync.
    async_capable = False

    def __call__(self, request):
        if for_editors(request):
            return super().__call__(request)
        return self.get_response(request)


class SessionMiddleware(EditorsOnly, sessions_middleware.SessionMiddleware):
    pass


class AuthenticationMiddleware(EditorsOnly, auth_middleware.AuthenticationMiddleware):
    pass


class MessageMiddleware(EditorsOnly, messages_middleware.MessageMiddleware):
    pass


def HistoryRequestMiddleware(get_response):  # noqa: N802 (a middleware class's name)
    """simple_history's request middleware, for the editors' site only."""
    history = history_middleware.HistoryRequestMiddleware(get_response)

    def middleware(request):
        if for_editors(request):
            return history(request)
        return get_response(request)

    return middleware


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
