"""What of an instrument still binds, in words: the provisions a court
blocked (and those it no longer blocks), and the instruments that rescind,
supersede or amend it.

The page, the API and the feeds fill the templates below in Python (pages
with links, through a `Words` of their own); the CSV fills the same
templates in SQL, because PostgreSQL's COPY writes it and cannot call
Python. Which template applies is decided by one table (BLOCK_TEMPLATES)
read by both, and a test holds the two to the same text.

Only published records are named: a draft case is not (the block reads
"blocked by" its court instead), and a change whose other instrument is a
draft is left out altogether, so the status alone tells the reader.
"""

# The admin writes the dates in its notes by the one rule too.
from ..dates import date_text
from .fetching import blocks_prefetch, changes_prefetch, fetch
from .sql import (
    sql_amended_by,
    sql_ended_by,
    sql_in_force_note,
    sql_standing_provisions,
)
from .words import (
    PLAIN,
    Words,
    amended_by,
    blocks_note,
    change_sentences,
    ended_by,
    in_force_note,
    public_changes,
    standing_provisions,
)

__all__ = [
    "PLAIN",
    "Words",
    "amended_by",
    "blocks_note",
    "blocks_prefetch",
    "change_sentences",
    "changes_prefetch",
    "date_text",
    "ended_by",
    "fetch",
    "in_force_note",
    "public_changes",
    "sql_amended_by",
    "sql_ended_by",
    "sql_in_force_note",
    "sql_standing_provisions",
    "standing_provisions",
]
