"""The project's trivial view, served only under bench/settings.py."""

from django.http import HttpResponse


def baseline(request):
    """The cheapest possible page: `make bench` compares every page with it."""
    return HttpResponse("ok", content_type="text/plain")
