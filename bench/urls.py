"""The bench's URLconf: the production one with /bench/baseline in front.

tracker.urls is spliced in, not include()d: Django refuses i18n_patterns in
an included URLconf. Its error handlers (handler400, ...) come with the star
import, so error pages are production's.
"""

from django.urls import path

from tracker import urls as production
from tracker.urls import *  # noqa: F403

from .baseline import baseline

urlpatterns = [path("bench/baseline", baseline), *production.urlpatterns]
