"""Shared pieces of every model: the curated base, sources and the taxonomy."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, router, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import get_language
from simple_history.models import HistoricalRecords

from ..choices import (
    Confidence,
    DatePrecision,
    Direction,
    ProtectedGroup,
    ProvisionCategory,
    PublicationStatus,
    SourceKind,
)

PUBLISHED = PublicationStatus.PUBLISHED
http_url_validator = URLValidator(schemes=["http", "https"])


def choice_constraint(field, choices, name):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": choices.values}), name=name
    )


def http_url_constraint(field, name):
    return models.CheckConstraint(
        condition=Q(**{field: ""}) | Q(**{f"{field}__regex": r"^https?://"}),
        name=name,
    )


def date_order_constraint(earlier, later, name):
    return models.CheckConstraint(
        condition=Q(**{f"{earlier}__isnull": True})
        | Q(**{f"{later}__isnull": True})
        | Q(**{f"{earlier}__lte": F(later)}),
        name=name,
        violation_error_message=f"“{earlier}” must not be after “{later}”.",
    )


def precision_field(date_field):
    """How much of `date_field` its source gives (day, month or year)."""
    return models.CharField(
        f"{date_field.replace('_', ' ')} precision",
        max_length=5,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text="Month or year when the source gives no day: store the first "
        "day of that month or year.",
    )


def precision_constraints(prefix, *date_fields):
    return [
        choice_constraint(
            f"{field}_precision", DatePrecision, f"{prefix}_{field}_precision_valid"
        )
        for field in date_fields
    ]


def validate_protected_groups(value):
    if not isinstance(value, list) or not set(value) <= set(ProtectedGroup.values):
        raise ValidationError(
            "Protected groups must be a list drawn from: %(groups)s.",
            params={"groups": ", ".join(ProtectedGroup.values)},
        )


class SourceManager(models.Manager):
    def get_by_natural_key(self, key):
        """A source by its URL, or by its title when it has none (print)."""
        if key.startswith(("http://", "https://")):
            return self.get(url=key)
        return self.get(url="", title=key)


class Source(models.Model):
    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField(
        max_length=1000,
        blank=True,
        validators=[http_url_validator],
        help_text="http(s) link; leave empty for a print source.",
    )
    published_on = models.DateField(
        null=True, blank=True, help_text="Leave empty when the source gives no date."
    )
    accessed_on = models.DateField(null=True, blank=True)
    archive_url = models.URLField(
        max_length=1000,
        blank=True,
        validators=[http_url_validator],
        help_text="Link to an archived copy (e.g. the Wayback Machine).",
    )
    note = models.TextField(blank=True)
    kind = models.CharField(
        max_length=20,
        choices=SourceKind,
        blank=True,
        default=SourceKind.UNCLASSIFIED,
        help_text="Who published the page. A record is published only when it "
        "cites a page that is not a lead only (an aggregator or copy site).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SourceManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "title", "pk"]
        constraints = [
            http_url_constraint("url", "source_url_http"),
            http_url_constraint("archive_url", "source_archive_url_http"),
            choice_constraint("kind", SourceKind, "source_kind_valid"),
            # One record per page read, so fixtures and editors cite it by URL.
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="source_url_unique",
                violation_error_message="A source with this URL already exists.",
            ),
        ]

    def __str__(self):
        if self.publisher:
            return f"{self.title} ({self.publisher})"
        return self.title

    def natural_key(self):
        return (self.url or self.title,)


# Provision categories by what they do to cooperation with federal
# immigration enforcement (the stance criteria, stances.py, read them).
BINDING_LIMITS = (
    ProvisionCategory.RESOURCES,
    ProvisionCategory.INFORMATION_SHARING,
    ProvisionCategory.DETAINERS,
    ProvisionCategory.FACILITY_ACCESS,
    ProvisionCategory.EDUCATION,
)
SUPPORTING = (
    ProvisionCategory.TRAINING,
    ProvisionCategory.DECLARATION,
    ProvisionCategory.OTHER,
)
MANDATES = (ProvisionCategory.COOPERATION_MANDATE, ProvisionCategory.SANCTUARY_BAN)
# An instrument limits cooperation when it carries a binding limit, and
# mandates it when it requires cooperation or bans sanctuary policies.
DIRECTION_CATEGORIES = {Direction.LIMITS: BINDING_LIMITS, Direction.MANDATES: MANDATES}


class BySlug:
    """Fixtures name these records by slug, so reloading one updates it."""

    def natural_key(self):
        return (self.slug,)


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PolicyProvision(BySlug, models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    category = models.CharField(max_length=30, choices=ProvisionCategory)
    description = models.TextField(help_text="What counts as this provision.")
    # The provisions are the site's own taxonomy, so the Spanish pages show
    # them in Spanish; record content stays in its source's language.
    name_es = models.CharField(
        "name (Spanish)",
        max_length=200,
        blank=True,
        help_text="Shown on the Spanish pages; the English name when empty.",
    )
    description_es = models.TextField(
        "description (Spanish)",
        blank=True,
        help_text="Shown on the Spanish pages; the English description when empty.",
    )

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            choice_constraint(
                "category", ProvisionCategory, "provision_category_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("jurisdictions:ordinance-list") + f"?provision={self.slug}"

    @property
    def local_name(self):
        """The name in the page's language."""
        return in_language(self.name, es=self.name_es)

    @property
    def local_description(self):
        """The description in the page's language."""
        return in_language(self.description, es=self.description_es)


def in_language(english, **translations):
    """The text in the active language, given as a keyword argument per
    language; English where it has none."""
    return translations.get(get_language()) or english


class CuratedQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        """The record a fixture names by slug (models that mix in BySlug)."""
        return self.get(slug=slug)

    def published(self):
        return self.filter(publication_status=PUBLISHED)

    def drafts(self):
        return self.exclude(publication_status=PUBLISHED)


class Curated(models.Model):
    """A public record: editors draft it, cite it and publish it."""

    publication_status = models.CharField(
        max_length=10,
        choices=PublicationStatus,
        default=PublicationStatus.DRAFT,
        db_index=True,
        help_text="Only published records appear on the public site.",
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    last_verified_on = models.DateField(
        null=True, blank=True, help_text="Date an editor last checked this record."
    )
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Raised on every save; guards against overwriting another edit.",
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="%(class)s_set")
    earlier_report = models.TextField(
        blank=True,
        help_text="What an earlier source reported that the record corrects, "
        "shown under the record, e.g. “The article (November 2024) reported …”.",
    )
    editor_notes = models.TextField(
        blank=True,
        help_text="For editors only, never shown or exported: what is unverified "
        "and what to check before publishing.",
    )
    confidence = models.CharField(
        max_length=10,
        choices=Confidence,
        blank=True,
        default=Confidence.UNRATED,
        help_text="How sure the research is: “High” means an official source, "
        "or two independent sources that agree. Only high-confidence records "
        "are published.",
    )

    class Meta:
        abstract = True
        permissions = [("can_publish", "Can publish and unpublish records")]

    def save(self, *args, **kwargs):
        """Save with `version` one past the stored row's, read under a row lock."""
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        # The lock makes two concurrent saves take turns, so neither can write
        # the same version number (SQLite ignores it; its writers take turns).
        with transaction.atomic(using=using):
            if self.pk is not None:
                stored = (
                    type(self)
                    ._base_manager.using(using)
                    .select_for_update()
                    .filter(pk=self.pk)
                    .values_list("version", flat=True)
                    .first()
                )
                if stored is not None:
                    self.version = stored + 1
            update_fields = kwargs.get("update_fields")
            if update_fields:
                kwargs["update_fields"] = {*update_fields, "version"}
            super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.publication_status == PUBLISHED
