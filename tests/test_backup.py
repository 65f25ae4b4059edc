import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TransactionTestCase

from jurisdictions.models import Jurisdiction, Ordinance


def dump():
    out = io.StringIO()
    call_command(
        "dumpdata", "jurisdictions", "auth", "--indent=0", stdout=out, verbosity=0
    )
    return out.getvalue()


class BackupRestoreTests(TransactionTestCase):
    # Transactional: pg_dump and SQLite's backup API copy committed rows only.
    def test_round_trip_restores_identical_content(self):
        call_command("load_seed", verbosity=0)
        before = dump()
        with tempfile.TemporaryDirectory() as tmp:
            path = str(Path(tmp) / "tracker.backup")
            call_command("backup_db", path, verbosity=0)
            self.assertGreater(Path(path).stat().st_size, 0)
            # Damage the data after the backup...
            Ordinance.objects.all().delete()
            Jurisdiction.objects.filter(slug="los-angeles-ca").update(name="Changed")
            self.assertNotEqual(dump(), before)
            # ...and the restore brings back exactly what was backed up.
            call_command("restore_db", path, "--yes", verbosity=0)
        self.assertEqual(dump(), before)
        self.assertEqual(
            Jurisdiction.objects.get(slug="los-angeles-ca").name, "Los Angeles"
        )

    def test_restore_refuses_a_missing_file(self):
        with self.assertRaisesMessage(CommandError, "No backup"):
            call_command("restore_db", "/nonexistent/backup", "--yes")
