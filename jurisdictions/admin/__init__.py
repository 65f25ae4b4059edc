"""The editors' workspace; each module registers the admins for its models."""

from . import federal, instruments, places, reference

__all__ = ["federal", "instruments", "places", "reference"]
