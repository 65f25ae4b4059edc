"""The national timeline of the published records, counted once per data
version and quarter."""

from django.core.cache import cache
from django.utils import timezone

from .chart import timeline_chart
from .counts import provision_slugs, timeline_counts
from .periods import quarter_of

# A newer data version replaces the counts sooner; a day bounds what a quiet
# site keeps.
KEPT_SECONDS = 24 * 60 * 60


def counts_key(version, quarter):
    """The cache key of the counts at data `version` (counter, changed_at)
    up to `quarter`. Tests roll the counter back with their transactions, so
    the change time is part of it."""
    changed_at = version[1] and version[1].timestamp()
    return f"timeline:v{version[0]}:{changed_at}:{quarter.year}q{quarter.number}"


def published_timeline(version, today=None):
    """timeline_chart() of the published records, quarterly and by year.

    The counts (three grouped queries, 0.3 s at 200,000 ordinances) and the
    provisions the bars link to are read once per data `version`
    (DataVersion.of(request)) and quarter, and shared by every process
    through the cache: the home page draws them too, also with the page
    cache off.
    """
    today = today or timezone.localdate()
    counts, provisions = cache.get_or_set(
        counts_key(version, quarter_of(today)),
        lambda: (timeline_counts(today), provision_slugs()),
        KEPT_SECONDS,
    )
    chart = timeline_chart(counts, today, provisions)
    chart["by_year"] = timeline_chart(counts, today, provisions, yearly=True)
    return chart
