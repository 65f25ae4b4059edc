import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup_db import pg_environment


class Command(BaseCommand):
    help = "Replace the database's content with a backup written by backup_db."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask for confirmation."
        )

    def handle(self, path, yes=False, **options):
        if not Path(path).is_file():
            raise CommandError(f"No backup at {path}.")
        if not yes:
            answer = input(f"Replace every record in the database with {path}? [y/N] ")
            if answer.strip().lower() != "y":
                raise CommandError("Restore cancelled.")
        if connection.vendor == "postgresql":
            # pg_restore drops the tables it recreates; release our own locks.
            connection.close()
            result = subprocess.run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    f"--dbname={connection.settings_dict['NAME']}",
                    path,
                ],
                env=pg_environment(connection.settings_dict),
                capture_output=True,
                text=True,
            )
            if result.returncode:
                raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        elif connection.vendor == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(path)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            raise CommandError(f"No restore method for {connection.vendor}.")
        if options["verbosity"]:
            self.stdout.write(f"Database restored from {path}")
