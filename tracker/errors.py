"""Error pages in the format of the URL that failed.

Django answers a request it refuses before any view runs (more query
parameters than DATA_UPLOAD_MAX_NUMBER_FIELDS, a malformed one) with the
400 handler. The API and the downloads answer their own bad input as JSON
and plain text, so they get the same here rather than an HTML page.
"""

from django.core.exceptions import TooManyFieldsSent
from django.http import HttpResponseBadRequest, JsonResponse
from django.views import defaults


def message(exception):
    if isinstance(exception, TooManyFieldsSent):
        return "Too many query parameters."
    return "The request could not be understood."


def bad_request(request, exception):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message(exception)}, status=400)
    if request.path.endswith((".csv", ".atom")):
        return HttpResponseBadRequest(
            message(exception) + "\n", content_type="text/plain; charset=utf-8"
        )
    return defaults.bad_request(request, exception)
