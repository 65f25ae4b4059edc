import datetime
import re
import unicodedata

from django.contrib.postgres.search import SearchVectorField, TrigramSimilarity
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Case, F, Q, Value, When
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ..choices import (
    GEOID_PATTERNS,
    JurisdictionKind,
    PublicationStatus,
    Stance,
    USState,
)
from .base import (
    BySlug,
    Curated,
    CuratedQuerySet,
    choice_constraint,
    http_url_constraint,
    http_url_validator,
)

# A place's own fields, in the order the API and the CSV import list them.
JURISDICTION_FIELDS = [
    "slug",
    "name",
    "kind",
    "state",
    "parent",
    "geoid",
    "population",
    "website",
    "stance",
    "stance_note",
    "summary",
]


def name_key(text):
    """`text` as place search compares names: accents dropped, case folded,
    punctuation and runs of spaces made one space ("St. Mary’s" → "st mary s")."""
    plain = "".join(
        char
        for char in unicodedata.normalize("NFKD", text)
        if not unicodedata.combining(char)
    )
    return " ".join(re.findall(r"\w+", plain.casefold()))


# How a place's name matches a search, best first (matching_name()).
EXACT, PREFIX, WORDS, NEAR = range(4)


class JurisdictionQuerySet(CuratedQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        # Bulk loads skip save() and pre_save, which keep name_key.
        objs = list(objs)
        for obj in objs:
            obj.name_key = name_key(obj.name)
        return super().bulk_create(objs, *args, **kwargs)

    def named(self, text):
        """Places whose name is or begins with `text` (accents and case
        ignored): "Los Angeles" names the city, the county and the school
        district, so a filter asks which one."""
        key = name_key(text)
        if not key:
            return self.none()
        return self.filter(name_key__startswith=key).order_by(
            F("population").desc(nulls_last=True), "name", "state", "pk"
        )

    def matching_name(self, text):
        """Places whose name matches `text`, best first, with `match`: the
        whole name (EXACT), its start (PREFIX) or the start of a word of it
        for every word typed (WORDS); bigger places first within each. When
        none does, on PostgreSQL, near spellings (NEAR, trigram similarity)."""
        key = name_key(text)
        if not key:
            return self.none()
        words = Q()
        for word in key.split():
            words &= Q(name_key__startswith=word) | Q(name_key__contains=f" {word}")
        found = self.filter(Q(name_key__startswith=key) | words).annotate(
            match=Case(
                When(name_key=key, then=Value(EXACT)),
                When(name_key__startswith=key, then=Value(PREFIX)),
                default=Value(WORDS),
            )
        )
        order = [F("population").desc(nulls_last=True), "name", "state", "pk"]
        if connections[self.db].vendor == "postgresql" and not found.exists():
            return (
                self.filter(name_key__trigram_similar=key)
                .annotate(
                    match=Value(NEAR), closeness=TrigramSimilarity("name_key", key)
                )
                .order_by(F("closeness").desc(), *order)
            )
        return found.order_by("match", *order)

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def school_districts(self):
        return self.of_kind(JurisdictionKind.SCHOOL_DISTRICT)

    def stance_differs_from_evidence(self, differs=True):
        """Places whose stance is not (or, with differs=False, is) the one
        their evidence suggests, as stored in `evidence_stance`."""
        agrees = Q(stance=F("evidence_stance"))
        return self.exclude(agrees) if differs else self.filter(agrees)


class Jurisdiction(BySlug, Curated):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=JurisdictionKind)
    state = models.CharField(
        max_length=2,
        choices=USState,
        help_text="USPS code; a state's own code for a state.",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The jurisdiction this one lies in (city → county → state).",
    )
    geoid = models.CharField(
        "GEOID",
        max_length=12,
        blank=True,
        help_text="Census GEOID: 2 digits for a state, 5 for a county, 7 for a "
        "place; NCES-based 7 digits for a school district.",
    )
    population = models.PositiveIntegerField(null=True, blank=True)
    website = models.URLField(blank=True, validators=[http_url_validator])
    summary = models.TextField(blank=True)
    stance = models.CharField(max_length=20, choices=Stance, default=Stance.UNKNOWN)
    stance_note = models.TextField(blank=True, help_text="Why this stance, in brief.")
    evidence_stance = models.CharField(
        max_length=20,
        choices=Stance,
        default=Stance.UNKNOWN,
        editable=False,
        help_text="The stance the place's own instruments in force suggest, by "
        "the stance criteria; database triggers keep it on every write the "
        "evidence depends on (jurisdictions/triggers/evidence.py).",
    )
    name_key = models.CharField(
        max_length=200,
        default="",
        editable=False,
        help_text="The name as place search compares it (name_key()), kept on save.",
    )

    search_vector = SearchVectorField(
        null=True, editable=False, help_text="Kept up to date by a database trigger."
    )

    objects = JurisdictionQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=["sources"],
        excluded_fields=["search_vector", "name_key", "evidence_stance"],
    )

    class Meta(Curated.Meta):
        ordering = ["name", "state"]
        indexes = [
            models.Index(fields=["state", "kind"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["stance"]),
            models.Index(fields=["name", "state"]),
            # Exact and prefix matches of place search; LIKE 'x%' needs the
            # pattern operator class on PostgreSQL.
            models.Index(
                fields=["name_key"],
                name="jurisdiction_name_key",
                opclasses=["varchar_pattern_ops"],
            ),
        ]
        constraints = [
            choice_constraint("kind", JurisdictionKind, "jurisdiction_kind_valid"),
            choice_constraint("state", USState, "jurisdiction_state_valid"),
            choice_constraint("stance", Stance, "jurisdiction_stance_valid"),
            choice_constraint(
                "evidence_stance", Stance, "jurisdiction_evidence_stance_valid"
            ),
            choice_constraint(
                "publication_status", PublicationStatus, "jurisdiction_status_valid"
            ),
            http_url_constraint("website", "jurisdiction_website_http"),
            models.CheckConstraint(
                condition=Q(geoid="")
                | Q(
                    *(
                        Q(kind=kind, geoid__regex=pattern)
                        for kind, pattern in GEOID_PATTERNS.items()
                    ),
                    _connector=Q.OR,
                ),
                name="jurisdiction_geoid_format",
                violation_error_message="The GEOID does not have the shape its "
                "kind requires (2 digits for a state, 5 for a county, 7 for a "
                "city or school district).",
            ),
            models.UniqueConstraint(
                fields=["geoid"],
                condition=~Q(geoid=""),
                name="jurisdiction_geoid_unique",
                violation_error_message="Another jurisdiction has this GEOID.",
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("pk")),
                name="jurisdiction_not_own_parent",
                violation_error_message="A jurisdiction cannot lie within itself.",
            ),
        ]

    def __str__(self):
        return self.display_name(self.name, self.kind, self.state)

    @staticmethod
    def display_name(name, kind, state):
        """A place's name as pages give it, e.g. Salem, OR; a state's alone.

        List rows, which read columns rather than models, call it too."""
        if kind == JurisdictionKind.STATE:
            return name
        return f"{name}, {state}"

    def get_absolute_url(self):
        return reverse("jurisdictions:jurisdiction-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.geoid and not self.geoid.isdigit():
            raise ValidationError({"geoid": "A GEOID is made of digits only."})
        self._clean_ancestry()

    def _clean_ancestry(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {
                        "parent": "A jurisdiction cannot lie within itself or its own "
                        "children."
                    }
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def ancestors(self):
        """Return the parent chain, nearest first."""
        chain, ancestor, seen = [], self.parent, {self.pk}
        while ancestor is not None and ancestor.pk not in seen:
            chain.append(ancestor)
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        return chain


@receiver(pre_save, sender=Jurisdiction)
def keep_name_key(sender, instance, **kwargs):
    # pre_save rather than save(): fixtures load with save_base(raw=True).
    instance.name_key = name_key(instance.name)


class PersonQuerySet(CuratedQuerySet):
    def federal(self):
        return self.filter(is_federal=True)

    def named(self, text):
        """People whose name is or begins with `text`, ignoring case."""
        return self.filter(name__istartswith=" ".join(text.split()))


class Person(BySlug, Curated):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text="Office or role, e.g. “Council member”, shown only when no "
        "dated role is recorded (see Roles).",
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    is_federal = models.BooleanField(
        default=False, help_text="A federal official (or one designated as such)."
    )

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=["sources"])

    class Meta(Curated.Meta):
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            choice_constraint(
                "publication_status", PublicationStatus, "person_status_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("jurisdictions:person-detail", kwargs={"slug": self.slug})

    def public_roles(self):
        """Published roles, newest first (one query, or none when prefetched)."""
        return [role for role in self.roles.all() if role.is_published]

    def role_on(self, day):
        """The published role held on `day` (the latest begun, if several)."""
        if day is None:
            return None
        held = [role for role in self.public_roles() if role.covers(day)]
        return max(held, key=role_start, default=None)

    def title_on(self, day, as_given=""):
        """The title held on `day` (its dated role), else the one a source gave.

        Never the present title: the person may have held another then.
        """
        role = self.role_on(day)
        return role.title if role is not None else as_given

    def current_role(self):
        """The published role held now, or None (the person's title stands)."""
        held = [role for role in self.public_roles() if role.ended_on is None]
        return max(held, key=role_start, default=None)


def role_start(role):
    return role.started_on or datetime.date.min
