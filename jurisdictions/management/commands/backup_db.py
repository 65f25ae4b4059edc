import os
import sqlite3
import subprocess

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def pg_environment(settings_dict):
    """libpq environment variables for the configured PostgreSQL database."""
    env = dict(os.environ)
    for key, var in [
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ]:
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    return env


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database to PATH while the site runs: "
        "pg_dump's custom format on PostgreSQL, SQLite's online backup API on SQLite."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        if connection.vendor == "postgresql":
            result = subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", f"--file={path}"],
                env=pg_environment(connection.settings_dict),
                capture_output=True,
                text=True,
            )
            if result.returncode:
                raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        elif connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(path)
            try:
                # Copies page by page under a read lock: writers may go on.
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            raise CommandError(f"No backup method for {connection.vendor}.")
        if options["verbosity"]:
            self.stdout.write(f"Backup written to {path}")
