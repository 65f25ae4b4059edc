from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

# How long a process may answer anonymous readers from the version it last
# read: an edit through another process shows within this many seconds.
RECENT_SECONDS = 1.0


class DataVersion(models.Model):
    """A counter of every change to the tracker's tables.

    Database triggers (migration 0005) bump the single row on every insert,
    update or delete, whichever process or tool makes it, so every app server
    can tell in one query whether its cached pages are still current.
    """

    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="dataversion_one_row")
        ]

    def __str__(self):
        return f"Data version {self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"

    @classmethod
    def current(cls):
        """Return (version, changed_at) of the data; (0, None) before any change."""
        row = cls.objects.filter(pk=1).values_list("version", "changed_at").first()
        return row or (0, None)

    @classmethod
    def recent(cls):
        """current(), read at most once a second per process: a page-cache hit
        then costs no database round trip. This process's own writes through
        the ORM forget it (forget_recent), so they show at once; any other
        write shows within the second."""
        local = caches["process"]
        version = local.get(RECENT_KEY)
        if version is None:
            version = cls.current()
            local.set(RECENT_KEY, version, RECENT_SECONDS)
        return version

    @classmethod
    def of(cls, request):
        """The version a request works with, read once per request: the page
        cache and a list's summaries name the same one.

        Anonymous readers take recent(). Signed-in editors read it live, and
        so does every request when page caching is off.
        """
        if getattr(request, "data_version", None) is None:
            live = (
                not settings.PUBLIC_CACHE_SECONDS
                or settings.SESSION_COOKIE_NAME in request.COOKIES
            )
            request.data_version = cls.current() if live else cls.recent()
        return request.data_version


RECENT_KEY = "data-version"


def forget_recent(sender, **kwargs):
    """After a write through the ORM, read the version again, and once more
    when its transaction commits (a version read before the commit would
    not include it). update(), bulk and raw SQL writes send no signal: they
    show within RECENT_SECONDS, as another process's do."""
    if sender._meta.app_label != "jurisdictions":
        return
    local = caches["process"]
    local.delete(RECENT_KEY)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        transaction.on_commit(lambda: local.delete(RECENT_KEY))


for signal in (post_save, post_delete, m2m_changed):
    signal.connect(forget_recent, dispatch_uid="forget-recent")
