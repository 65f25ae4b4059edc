from django.db import models


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
    def of(cls, request):
        """current(), read once per request: the page cache, a list's
        summaries and its ranked search all name the same version."""
        if getattr(request, "data_version", None) is None:
            request.data_version = cls.current()
        return request.data_version
