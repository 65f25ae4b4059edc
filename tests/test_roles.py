from io import StringIO

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import TestCase

from .factories import make_chief_editor, make_editor

TRACKER_MODELS = [
    "case",
    "correction",
    "federalstatement",
    "finding",
    "instrumentchange",
    "jurisdiction",
    "listentry",
    "ordinance",
    "ordinanceaction",
    "person",
    "policyprovision",
    "provisionblock",
    "quote",
    "role",
    "schooldistrictresolution",
    "source",
]


def codenames(group):
    return set(group.permissions.values_list("codename", flat=True))


class SetupRolesTests(TestCase):
    def setUp(self):
        call_command("setup_roles", stdout=StringIO())

    def test_editor_may_add_change_and_view_but_not_delete_or_publish(self):
        editor = Group.objects.get(name="Editor")
        self.assertEqual(
            codenames(editor),
            {
                f"{action}_{model}"
                for action in ["add", "change", "view"]
                for model in TRACKER_MODELS
            },
        )
        self.assertFalse(
            editor.permissions.exclude(content_type__app_label="jurisdictions").exists()
        )

    def test_chief_editor_may_also_delete_and_publish(self):
        chief = Group.objects.get(name="Chief editor")
        self.assertEqual(
            codenames(chief) - codenames(Group.objects.get(name="Editor")),
            {f"delete_{model}" for model in TRACKER_MODELS} | {"can_publish"},
        )
        # One per curated model: Case, ListEntry and Role joined the six,
        # then Finding.
        self.assertEqual(chief.permissions.filter(codename="can_publish").count(), 10)

    def test_running_again_changes_nothing_and_repairs_drift(self):
        editor = Group.objects.get(name="Editor")
        before = codenames(editor)
        editor.permissions.add(Permission.objects.get(codename="delete_user"))
        out = StringIO()
        call_command("setup_roles", stdout=out)
        self.assertEqual(
            Group.objects.filter(name__in=["Editor", "Chief editor"]).count(), 2
        )
        self.assertEqual(codenames(editor), before)
        self.assertIn("Updated group “Editor”", out.getvalue())

    def test_users_get_what_their_group_allows(self):
        editor, chief = make_editor(), make_chief_editor()
        self.assertTrue(editor.has_perm("jurisdictions.change_ordinance"))
        self.assertFalse(editor.has_perm("jurisdictions.delete_ordinance"))
        self.assertFalse(editor.has_perm("jurisdictions.can_publish"))
        self.assertFalse(editor.has_perm("auth.change_user"))
        self.assertTrue(chief.has_perm("jurisdictions.delete_ordinance"))
        self.assertTrue(chief.has_perm("jurisdictions.can_publish"))
        self.assertFalse(chief.has_perm("auth.change_user"))
