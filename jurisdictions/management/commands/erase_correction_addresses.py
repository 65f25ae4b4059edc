from django.core.management.base import BaseCommand
from django.utils import timezone

from jurisdictions.models import Correction


class Command(BaseCommand):
    help = (
        "Erase the e-mail addresses readers left with their corrections, 30 days "
        "after the editors' decision; nothing else. Production runs it daily."
    )

    def handle(self, *args, **options):
        erased = Correction.objects.addresses_to_erase(timezone.localdate()).update(
            email=""
        )
        self.stdout.write(f"Erased the address of {erased} correction(s).")
