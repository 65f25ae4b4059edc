"""The public log of what changed: published edits of public records (issue 30)."""

from .kinds import KIND_CHOICES, KINDS, LABELS, Kind
from .log import Change, ChangeLog, FieldChange, record_changes

__all__ = [
    "KIND_CHOICES",
    "KINDS",
    "LABELS",
    "Change",
    "ChangeLog",
    "FieldChange",
    "Kind",
    "record_changes",
]
