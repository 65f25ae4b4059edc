import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jurisdictions.dataset import write_dataset


def default_site_url():
    host = next((h for h in settings.ALLOWED_HOSTS if h and h != "*"), "localhost")
    return f"https://{host.lstrip('.')}"


class Command(BaseCommand):
    help = (
        "Write the whole published dataset (the zip served at "
        "/data/sanctuary-tracker.zip) to PATH."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write the zip, e.g. dataset.zip.")
        parser.add_argument(
            "--site-url",
            default=None,
            help="Address of the public site, used for each record's `url` "
            "column (default: https:// and the first of DJANGO_ALLOWED_HOSTS).",
        )

    def handle(self, *args, path, site_url=None, **options):
        site_url = (site_url or default_site_url()).rstrip("/")
        target = Path(path)
        if not target.parent.is_dir():
            raise CommandError(f"No such directory: {target.parent}")
        # Write beside the target and rename, so a reader never sees half a zip.
        fd, partial = tempfile.mkstemp(dir=target.parent, suffix=".partial")
        try:
            with os.fdopen(fd, "wb") as file:
                write_dataset(file, site_url)
            os.replace(partial, target)
        except BaseException:
            os.unlink(partial)
            raise
        self.stdout.write(f"Wrote {target}")
