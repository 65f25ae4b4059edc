"""WSGI entry point, as served by gunicorn (see gunicorn.conf.py)."""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

application = get_wsgi_application()

if not settings.DEBUG and settings.SECRET_KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured(
        "Refusing to serve in production with the development secret key: "
        "set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development)."
    )
