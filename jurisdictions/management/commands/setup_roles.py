from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand

from jurisdictions.models import (
    Case,
    Correction,
    FederalStatement,
    Finding,
    InstrumentChange,
    Jurisdiction,
    ListEntry,
    Ordinance,
    OrdinanceAction,
    Person,
    PolicyProvision,
    ProvisionBlock,
    Quote,
    Role,
    SchoolDistrictResolution,
    Source,
)

EDITOR = "Editor"
CHIEF_EDITOR = "Chief editor"
EDITOR_ACTIONS = ["add", "change", "view"]
CHIEF_ACTIONS = [*EDITOR_ACTIONS, "delete", "can_publish"]


# The records editors curate, and readers' corrections they review; the app's
# other tables (history, bookkeeping) are written by the code, never by hand.
TRACKER_MODELS = [
    Case,
    Correction,
    FederalStatement,
    Finding,
    InstrumentChange,
    Jurisdiction,
    ListEntry,
    Ordinance,
    OrdinanceAction,
    Person,
    PolicyProvision,
    ProvisionBlock,
    Quote,
    Role,
    SchoolDistrictResolution,
    Source,
]


def tracker_permissions(actions, models=TRACKER_MODELS):
    """Return the permissions for `actions` on the tracker's records."""
    content_types = ContentType.objects.get_for_models(*models).values()
    codenames = {
        action if action == "can_publish" else f"{action}_{model._meta.model_name}"
        for model in models
        for action in actions
    }
    return Permission.objects.filter(
        content_type__in=content_types, codename__in=codenames
    )


class Command(BaseCommand):
    help = (
        "Create or update the “Editor” and “Chief editor” groups and their "
        "permissions. Safe to run again: it resets both groups to these rules."
    )

    def handle(self, *args, **options):
        # Permissions are created after migrate; a fresh database may lack them.
        create_permissions(apps.get_app_config("jurisdictions"), verbosity=0)
        for name, actions in [(EDITOR, EDITOR_ACTIONS), (CHIEF_EDITOR, CHIEF_ACTIONS)]:
            group, created = Group.objects.get_or_create(name=name)
            permissions = tracker_permissions(actions)
            group.permissions.set(permissions)
            self.stdout.write(
                f"{'Created' if created else 'Updated'} group “{name}” with "
                f"{permissions.count()} permissions."
            )
