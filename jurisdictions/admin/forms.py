"""Admin forms: plain-word checks on the field, and no silently lost edits."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.utils import timezone
from simple_history.utils import get_m2m_reverse_field_name

from ..choices import (
    GEOID_PATTERNS,
    JurisdictionKind,
    ProtectedGroup,
    PublicationStatus,
    StatementKind,
)
from ..models import Jurisdiction

EMPTY = "(empty)"


def display_value(field, value):
    """Show a history value the way an editor reads it."""
    if isinstance(field, models.ManyToManyField):
        reverse_name = get_m2m_reverse_field_name(field)
        names = sorted(str(row[reverse_name]) for row in value)
        return ", ".join(names) or EMPTY
    if value is None or value == "":
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


class CuratedAdminForm(forms.ModelForm):
    """Refuse to save over an edit made since this form was loaded."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # An unchanged inline row is not saved, so it cannot overwrite anything.
    check_unchanged = True
    # Set by the admin when the form reverts to a historical version.
    revert_initial = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["loaded_version"].initial = self.instance.version
            self.fields["loaded_version"].required = True
        self.initial.update(self.revert_initial)

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get(
            "publication_status", self.instance.publication_status
        )
        if (
            status == PublicationStatus.PUBLISHED
            and "sources" in self.fields
            and "sources" not in self.errors
            and not cleaned_data.get("sources")
        ):
            self.add_error(
                "sources",
                "A published record needs at least one source. Add one, or "
                "keep the record as a draft.",
            )
        if self.instance.pk is not None and (
            self.check_unchanged or self.has_changed()
        ):
            self.check_version()
        return cleaned_data

    def check_version(self):
        loaded = self.cleaned_data.get("loaded_version")
        if loaded is None:
            return
        model = type(self.instance)
        rows = model._base_manager.filter(pk=self.instance.pk)
        # Inside the admin's transaction the lock holds until this save commits;
        # outside one a lock would be released at once, so none is taken.
        if transaction.get_connection(router.db_for_write(model)).in_atomic_block:
            rows = rows.select_for_update()
        stored = rows.values_list("version", flat=True).first()
        if stored is not None and stored != loaded:
            # The editor may keep their version after reading what changed.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = stored
            self.add_error(
                None, ValidationError(self.conflict_messages(loaded, stored))
            )

    def conflict_messages(self, loaded, stored):
        history = self.instance.history.all()
        latest = history.select_related("history_user").first()
        then = history.filter(version=loaded).first()
        who = (latest.history_user if latest else None) or "someone else"
        when = timezone.localtime(latest.history_date) if latest else None
        messages = [
            f"This record was saved by {who}"
            + (f" on {when:%d %b %Y at %H:%M}" if when else "")
            + f" while you were editing it (version {loaded} → {stored}). "
            "Your changes below are not saved yet."
        ]
        if latest and then:
            delta = latest.diff_against(then, foreign_keys_are_objs=True)
            if not delta.changes:
                messages.append("They saved it without changing any field.")
            for change in delta.changes:
                field = self.instance._meta.get_field(change.field)
                messages.append(
                    f"{field.verbose_name.capitalize()}: "
                    f"“{display_value(field, change.old)}” → "
                    f"“{display_value(field, change.new)}”"
                )
        messages.append(
            "Save again to replace their version with yours, or reload the page "
            "to start from theirs."
        )
        return messages


class CuratedInlineForm(CuratedAdminForm):
    check_unchanged = False


class JurisdictionAdminForm(CuratedAdminForm):
    def clean(self):
        cleaned_data = super().clean()
        geoid, kind = cleaned_data.get("geoid"), cleaned_data.get("kind")
        if geoid and kind and "geoid" not in self.errors:
            if not geoid.isdigit():
                self.add_error("geoid", "A GEOID is made of digits only.")
            elif not re.fullmatch(GEOID_PATTERNS[kind].strip("^$"), geoid):
                self.add_error(
                    "geoid",
                    f"A GEOID for a {JurisdictionKind(kind).label.lower()} has "
                    f"{self.geoid_shape(kind)}; “{geoid}” has {len(geoid)}.",
                )
            elif (
                Jurisdiction.objects.filter(geoid=geoid)
                .exclude(pk=self.instance.pk)
                .exists()
            ):
                self.add_error("geoid", "Another jurisdiction has this GEOID.")
        return cleaned_data

    @staticmethod
    def geoid_shape(kind):
        return {
            JurisdictionKind.STATE: "2 digits",
            JurisdictionKind.COUNTY: "5 digits",
            JurisdictionKind.CITY: "7 digits",
            JurisdictionKind.SCHOOL_DISTRICT: "7 digits",
            JurisdictionKind.OTHER: "2 to 12 digits",
        }[kind]


class OrdinanceAdminForm(CuratedAdminForm):
    DATE_ORDER = [
        ("introduced_on", "passed_on", "It cannot pass before it was introduced"),
        ("passed_on", "effective_on", "It cannot take effect before it passed"),
        (
            "introduced_on",
            "effective_on",
            "It cannot take effect before it was introduced",
        ),
        ("passed_on", "signed_on", "It cannot be signed before it passed"),
        ("signed_on", "effective_on", "It cannot take effect before it was signed"),
    ]

    def clean(self):
        cleaned_data = super().clean()
        for earlier, later, message in self.DATE_ORDER:
            first, then = cleaned_data.get(earlier), cleaned_data.get(later)
            if first and then and first > then and later not in self.errors:
                label = self.fields[earlier].label.lower()
                self.add_error(later, f"{message} ({label} {first:%d %b %Y}).")
        self.check_blocked_provisions_kept(cleaned_data.get("provisions"))
        return cleaned_data

    def check_blocked_provisions_kept(self, provisions):
        """A court block names one of the instrument's provisions: refuse to
        drop a provision a recorded block names."""
        if self.instance.pk is None or provisions is None:
            return
        orphaned = sorted(
            {
                str(block.provision)
                for block in self.instance.blocks.exclude(
                    provision__in=provisions
                ).select_related("provision")
            }
        )
        if orphaned:
            self.add_error(
                "provisions",
                f"A court block below names {', '.join(orphaned)}: delete the "
                "block and save first, or keep the provision.",
            )


class CaseAdminForm(CuratedAdminForm):
    def clean(self):
        cleaned_data = super().clean()
        filed, decided = cleaned_data.get("filed_on"), cleaned_data.get("decided_on")
        if filed and decided and filed > decided and "decided_on" not in self.errors:
            self.add_error(
                "decided_on",
                f"A case cannot be decided before it was filed (filed on "
                f"{filed:%d %b %Y}).",
            )
        return cleaned_data


class ResolutionAdminForm(CuratedAdminForm):
    # Boxes to tick instead of a JSON list to type.
    protected_groups = forms.MultipleChoiceField(
        choices=ProtectedGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Groups the resolution protects.",
    )


class StatementAdminForm(CuratedAdminForm):
    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind")
        if (
            kind
            and kind != StatementKind.DESIGNATION
            and self.instance.pk is not None
            and self.instance.entries.exists()
        ):
            self.add_error(
                "kind",
                "This list has members: it stays a designation until they are "
                "removed from it.",
            )
        return cleaned_data


class ListEntryAdminForm(CuratedAdminForm):
    def clean(self):
        cleaned_data = super().clean()
        listed, removed = cleaned_data.get("listed_on"), cleaned_data.get("removed_on")
        if listed and removed and removed < listed:
            self.add_error(
                "removed_on",
                f"A place cannot be removed before it was listed "
                f"(listed {listed:%d %b %Y}).",
            )
        return cleaned_data


class ListEntryInlineForm(ListEntryAdminForm):
    check_unchanged = False
