"""The read-only JSON API at /api/v1/."""
