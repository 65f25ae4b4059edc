"""CSV import of jurisdictions, ordinances and sources (django-import-export).

Rows name related records by slug (sources by URL); a cell with several names
separates them with "|". Any bad row aborts the whole file.
"""

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from .changelog import saves
from .models import Jurisdiction, Ordinance, Person, PolicyProvision, Source
from .models.instruments import ORDINANCE_FIELDS
from .models.places import JURISDICTION_FIELDS

SEPARATOR = "|"


class SlugWidget(widgets.ForeignKeyWidget):
    """Find the related row by slug, or say in plain words that none exists."""

    def __init__(self, model, field="slug"):
        super().__init__(model, field=field)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                f"No {self.model._meta.verbose_name} has the {self.field} "
                f"“{value}”. Import it first, or check the spelling."
            ) from None


class SlugListWidget(widgets.ManyToManyWidget):
    """Find every named row, refusing the cell when one of them is missing."""

    def __init__(self, model, field="slug"):
        super().__init__(model, separator=SEPARATOR, field=field)

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row=row, **kwargs)
        if not value:
            return found
        wanted = {key.strip() for key in str(value).split(SEPARATOR) if key.strip()}
        missing = wanted - {str(getattr(obj, self.field)) for obj in found}
        if missing:
            raise ValueError(
                f"No {self.model._meta.verbose_name} has the {self.field} "
                + ", ".join(f"“{key}”" for key in sorted(missing))
                + ". Import it first, or check the spelling."
            )
        return found


class TrackerResource(resources.ModelResource):
    """Validate every row like the admin form does, and roll back on any error."""

    def import_data(self, dataset, **kwargs):
        # By default a failing row is skipped and the others are kept; editors
        # expect a file to go in whole or not at all.
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        # Many-to-many cells are read only after the row is saved; check them
        # first so a misspelt name is reported on its column.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if (
                isinstance(field.widget, widgets.ManyToManyWidget)
                and field.column_name in row
            ):
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = ValidationError(str(error))
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        instance._change_reason = "CSV import"

    def do_instance_save(self, instance, is_create):
        # One history row for the record and its links (changelog.saves),
        # written once save_m2m has set them.
        saves.hold(instance, update=not is_create)
        super().do_instance_save(instance, is_create)

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        saves.release(instance)


class SourceResource(TrackerResource):
    class Meta:
        model = Source
        fields = [
            "url",
            "title",
            "publisher",
            "published_on",
            "accessed_on",
            "archive_url",
            "note",
        ]
        import_id_fields = ["url"]
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True

    def get_instance(self, instance_loader, row):
        # Print sources have no URL; each such row is a new source.
        if not (row.get("url") or "").strip():
            return None
        return super().get_instance(instance_loader, row)


class CuratedResource(TrackerResource):
    sources = fields.Field(
        attribute="sources",
        column_name="sources",
        widget=SlugListWidget(Source, field="url"),
    )


class JurisdictionResource(CuratedResource):
    parent = fields.Field(
        attribute="parent", column_name="parent", widget=SlugWidget(Jurisdiction)
    )

    class Meta:
        model = Jurisdiction
        fields = [
            *JURISDICTION_FIELDS,
            "last_verified_on",
            "sources",
        ]
        import_id_fields = ["slug"]
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True


class OrdinanceResource(CuratedResource):
    jurisdiction = fields.Field(
        attribute="jurisdiction",
        column_name="jurisdiction",
        widget=SlugWidget(Jurisdiction),
    )
    based_on = fields.Field(
        attribute="based_on", column_name="based_on", widget=SlugWidget(Ordinance)
    )
    provisions = fields.Field(
        attribute="provisions",
        column_name="provisions",
        widget=SlugListWidget(PolicyProvision),
    )
    sponsors = fields.Field(
        attribute="sponsors", column_name="sponsors", widget=SlugListWidget(Person)
    )

    class Meta:
        model = Ordinance
        fields = [
            *ORDINANCE_FIELDS,
            "last_verified_on",
            "sources",
        ]
        import_id_fields = ["slug"]
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True
