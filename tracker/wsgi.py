"""WSGI entry point, as served by gunicorn (see gunicorn.conf.py)."""

import os

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

application = get_wsgi_application()

if not settings.DEBUG and settings.SECRET_KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured(
        "Refusing to serve in production with the development secret key: "
        "set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development)."
    )

# The manifest storage names every stylesheet by its hash; without the
# manifest collectstatic writes, every page would fail with a server error.
if not settings.DEBUG and getattr(staticfiles_storage, "hashed_files", True) == {}:
    raise ImproperlyConfigured(
        f"Refusing to serve in production without collected static files: run "
        f"`manage.py collectstatic` (they go to {settings.STATIC_ROOT})."
    )
