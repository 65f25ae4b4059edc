"""Local ordinances (and other city or county instruments) with their actions."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ..choices import (
    IN_FORCE_STATUSES,
    ActionKind,
    Direction,
    Instrument,
    OrdinanceStatus,
    PublicationStatus,
)
from .base import (
    PUBLISHED,
    BySlug,
    Curated,
    CuratedQuerySet,
    PolicyProvision,
    Source,
    choice_constraint,
    date_order_constraint,
    http_url_constraint,
    http_url_validator,
    precision_constraints,
    precision_field,
)
from .places import Jurisdiction, Person


class OrdinanceQuerySet(CuratedQuerySet):
    def published(self):
        return super().published().filter(jurisdiction__publication_status=PUBLISHED)

    def in_effect(self):
        """In force, wholly or in part."""
        return self.filter(status__in=IN_FORCE_STATUSES)


class Ordinance(BySlug, Curated):
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="ordinances"
    )
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    number = models.CharField(
        max_length=100,
        blank=True,
        help_text="The official number the instrument was given, e.g. "
        "Ordinance No. 188441; not the council file number.",
    )
    council_file = models.CharField(
        max_length=100,
        blank=True,
        help_text="The council's file number for the matter, when a source gives it.",
    )
    instrument = models.CharField(
        max_length=20, choices=Instrument, default=Instrument.ORDINANCE
    )
    direction = models.CharField(
        max_length=10,
        choices=Direction,
        blank=True,
        help_text="What the instrument does to cooperation, as its text reads. "
        "One that limits or mandates it needs a provision of that kind, or "
        "the stance criteria never see it (the attention queue lists those).",
    )
    issued_by = models.CharField(
        max_length=200,
        blank=True,
        help_text="The body or office that issued it when it is not the "
        "place's legislature, e.g. “Sheriff's Department” or “Police "
        "Department”: a sheriff's policy is the sheriff's, not the board's.",
    )
    status = models.CharField(
        max_length=20,
        choices=OrdinanceStatus,
        default=OrdinanceStatus.UNKNOWN,
        help_text="“Unknown” when a source names the instrument without its state.",
    )
    introduced_on = models.DateField(null=True, blank=True)
    introduced_on_precision = precision_field("introduced_on")
    passed_on = models.DateField(null=True, blank=True)
    passed_on_precision = precision_field("passed_on")
    signed_on = models.DateField(
        null=True, blank=True, help_text="Leave empty when no source gives it."
    )
    signed_on_precision = precision_field("signed_on")
    effective_on = models.DateField(null=True, blank=True)
    effective_on_precision = precision_field("effective_on")
    urgency_clause = models.BooleanField(
        null=True,
        blank=True,
        help_text="Passed with an urgency clause (takes effect without the usual "
        "wait); empty when no source says.",
    )
    main_date = models.GeneratedField(
        expression=Coalesce("passed_on", "signed_on", "introduced_on"),
        output_field=models.DateField(),
        db_persist=True,
        help_text="Passed on, else signed on (a law or order with no recorded "
        "vote), else introduced on: lists filter and sort by it.",
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="basis_for",
        help_text="An earlier instrument this one codifies or builds on.",
    )
    provisions = models.ManyToManyField(
        PolicyProvision, blank=True, related_name="ordinances"
    )
    sponsors = models.ManyToManyField(Person, blank=True, related_name="sponsored")
    summary = models.TextField(blank=True)
    text_url = models.URLField(
        max_length=1000,
        blank=True,
        validators=[http_url_validator],
        help_text="Link to the official text.",
    )

    search_vector = SearchVectorField(
        null=True, editable=False, help_text="Kept up to date by a database trigger."
    )
    # The jurisdiction's state, copied by database triggers (migration 0010)
    # whatever writes the rows, so "in a state, with a status, newest first"
    # reads one index rather than probing a jurisdiction per ordinance.
    state = models.CharField(  # noqa: DJ001 (NULL until the trigger fills it)
        max_length=2,
        null=True,
        editable=False,
        help_text="The jurisdiction's state, kept by database triggers.",
    )

    objects = OrdinanceQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=["sources", "provisions", "sponsors"],
        excluded_fields=["search_vector", "state"],
    )

    class Meta(Curated.Meta):
        ordering = [F("main_date").desc(nulls_last=True), "title"]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["instrument"]),
            models.Index(fields=["main_date"]),
            # The default order has its own index (migration 0008).
            models.Index(fields=["title"]),
        ]
        constraints = [
            choice_constraint("instrument", Instrument, "ordinance_instrument_valid"),
            choice_constraint("status", OrdinanceStatus, "ordinance_status_valid"),
            choice_constraint(
                "publication_status", PublicationStatus, "ordinance_pubstatus_valid"
            ),
            date_order_constraint(
                "introduced_on", "passed_on", "ordinance_intro_le_pass"
            ),
            date_order_constraint(
                "passed_on", "effective_on", "ordinance_pass_le_effect"
            ),
            date_order_constraint(
                "introduced_on", "effective_on", "ordinance_intro_le_effect"
            ),
            date_order_constraint("passed_on", "signed_on", "ordinance_pass_le_sign"),
            date_order_constraint(
                "signed_on", "effective_on", "ordinance_sign_le_effect"
            ),
            *precision_constraints(
                "ordinance", "introduced_on", "passed_on", "signed_on", "effective_on"
            ),
            http_url_constraint("text_url", "ordinance_text_url_http"),
            models.CheckConstraint(
                condition=Q(based_on__isnull=True) | ~Q(based_on=F("pk")),
                name="ordinance_not_based_on_itself",
                violation_error_message="An instrument cannot be based on itself.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jurisdictions:ordinance-detail", kwargs={"slug": self.slug})


# A record's own fields, in the order the API and the CSV import list them.
ORDINANCE_FIELDS = [
    "slug",
    "title",
    "jurisdiction",
    "number",
    "council_file",
    "instrument",
    "direction",
    "issued_by",
    "status",
    "introduced_on",
    "introduced_on_precision",
    "passed_on",
    "passed_on_precision",
    "signed_on",
    "signed_on_precision",
    "effective_on",
    "effective_on_precision",
    "urgency_clause",
    "based_on",
    "provisions",
    "sponsors",
    "summary",
    "text_url",
]

# What an action says, in the order the admin and the API show it.
ACTION_FIELDS = [
    "date",
    "date_precision",
    "action",
    "body",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "votes_absent",
    "note",
]


class OrdinanceAction(models.Model):
    """One step in an ordinance's life; public whenever its ordinance is."""

    ordinance = models.ForeignKey(
        Ordinance, on_delete=models.CASCADE, related_name="actions"
    )
    date = models.DateField(
        null=True, blank=True, help_text="Leave empty when the source gives no date."
    )
    date_precision = precision_field("date")
    action = models.CharField(max_length=30, choices=ActionKind)
    body = models.CharField(
        max_length=200, blank=True, help_text="Who acted, e.g. “City Council”."
    )
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(
        "abstentions", null=True, blank=True
    )
    votes_absent = models.PositiveSmallIntegerField("absent", null=True, blank=True)
    note = models.TextField(blank=True)
    sources = models.ManyToManyField(Source, blank=True, related_name="actions")

    history = HistoricalRecords(m2m_fields=["sources"])

    class Meta:
        ordering = [F("date").asc(nulls_last=True), "pk"]
        constraints = [
            choice_constraint("action", ActionKind, "ordinance_action_valid"),
            *precision_constraints("ordinance_action", "date"),
        ]

    def __str__(self):
        when = self.date.isoformat() if self.date else "undated"
        return f"{self.get_action_display()} ({when})"

    def get_absolute_url(self):
        return self.ordinance.get_absolute_url()
