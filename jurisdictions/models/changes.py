from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.db.models import Value
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
        """Return (version, changed_at) of the data; (0, None) before any change.

        The same query reads each table's counter (TableVersion), kept in
        this process for TableVersion.at() under the version read.
        """
        counters = cls.objects.filter(pk=1).values_list(
            Value("", output_field=models.CharField()), "version", "changed_at"
        )
        rows = counters.union(
            TableVersion.objects.values_list("name", "version", "changed_at"),
            all=True,
        )
        tables, version = {}, (0, None)
        for name, counter, changed_at in rows:
            if name:
                tables[name] = (counter, changed_at.timestamp())
            else:
                version = (counter, changed_at)
        caches["process"].set(TableVersion.key(version), tables, TABLES_SECONDS)
        return version

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


class TableVersion(models.Model):
    """A counter of the changes to one table, bumped with DataVersion by the
    same triggers (migration 0018): a list whose tables an edit left alone
    keeps its counts (counting.list_version)."""

    name = models.CharField(primary_key=True, max_length=100)
    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} version {self.version}"

    @classmethod
    def at(cls, version):
        """{table: (counter, change time)} as read at data `version`.

        Read with the data version (DataVersion.current()), once per process
        and version: every table's counter moves with the data version, so
        what it says stays true until the next.
        """
        key = cls.key(version)
        local = caches["process"]
        found = local.get(key)
        if found is None:
            # Kept by DataVersion.current() unless the process cache let it go.
            found = {
                name: (counter, changed_at.timestamp())
                for name, counter, changed_at in cls.objects.values_list(
                    "name", "version", "changed_at"
                )
            }
            local.set(key, found, TABLES_SECONDS)
        return found

    @staticmethod
    def key(version):
        return f"table-versions:{version[0]}:{version[1] and version[1].timestamp()}"


# A newer data version replaces them; a minute bounds what an idle process keeps.
TABLES_SECONDS = 60


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
