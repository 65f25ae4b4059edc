"""Request ids: one per request, in the X-Request-ID header and every log line."""

import contextvars
import logging
import os
import re

from django.core.signals import request_finished
from django.dispatch import receiver

request_id_var = contextvars.ContextVar("request_id", default="-")
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


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True
