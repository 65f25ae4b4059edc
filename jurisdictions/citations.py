"""Which of a record's sources a sentence or a page cites by its link."""


def linked_source(record):
    """The first of a record's sources that has a URL (prefetched), or None."""
    return next((source for source in record.sources.all() if source.url), None)
