import threading
from time import monotonic

from django.conf import settings
from django.db import models
from django.db.backends.signals import connection_created
from django.dispatch import receiver

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
        then costs no database round trip (issue 16, point 2)."""
        return recent_version.get(cls.current)

    @classmethod
    def of(cls, request):
        """The version a request works with, read once per request: the page
        cache, a list's summaries and its ranked search all name the same one.

        Anonymous readers take recent(). Signed-in editors read it live, and
        so does every request when page caching is off (the tests, `make
        bench`'s cache-miss runs): the memo is there for the page cache.
        """
        if getattr(request, "data_version", None) is None:
            live = (
                not settings.PUBLIC_CACHE_SECONDS
                or settings.SESSION_COOKIE_NAME in request.COOKIES
            )
            request.data_version = cls.current() if live else cls.recent()
        return request.data_version


class RecentVersion:
    """The version this process read last, kept for RECENT_SECONDS.

    A version older than the data is safe to key a cache with: whatever is
    read after it is at least as new, so a stale key names newer content,
    never the reverse. Any write by this process forgets it (forget_on_write),
    so this process's next request reads the version again.
    """

    def __init__(self):
        self.lock = threading.Lock()
        # (version, expires): one attribute, so a thread never pairs one
        # read's version with another's expiry.
        self.memo = None
        # Bumped by every write; a read that overlapped one is not kept.
        self.writes = 0

    def get(self, read):
        memo = self.memo
        now = monotonic()
        if memo is not None and now < memo[1]:
            return memo[0]
        writes = self.writes
        value = read()
        with self.lock:
            if writes == self.writes:
                self.memo = (value, now + RECENT_SECONDS)
        return value

    def forget(self):
        with self.lock:
            self.writes += 1
            self.memo = None


recent_version = RecentVersion()


def reads_only(sql):
    """Whether `sql` is a plain SELECT, or a compound one in parentheses as
    PostgreSQL's UNIONs are written; anything else counts as a write."""
    return isinstance(sql, str) and sql.lstrip(" \n\t(")[:6].upper() == "SELECT"


def forget_on_write(execute, sql, params, many, context):
    """Forget the recent version after any statement but a SELECT, and again
    when its transaction commits: signals miss update(), bulk and raw SQL
    writes, and a version read before the commit would not include it."""
    result = execute(sql, params, many, context)
    if not reads_only(sql):
        recent_version.forget()
        connection = context["connection"]
        if connection.in_atomic_block:
            connection.on_commit(recent_version.forget)
    return result


@receiver(connection_created)
def watch_writes(sender, connection, **kwargs):
    # Connections are per thread and reconnect; each gets the wrapper once.
    if forget_on_write not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, forget_on_write)
