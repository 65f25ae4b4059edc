"""JSON shapes of the API's records.

Related records come from querysets the views prefetch with `.published()`
(see views.py), so a draft sponsor, target or quote never appears; draft
parents and earlier instruments arrive as null through annotations.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import force
from ..choices import ChangeKind
from ..models import (
    Case,
    FederalStatement,
    Jurisdiction,
    Ordinance,
    OrdinanceAction,
    Person,
    ProvisionBlock,
    Quote,
    SchoolDistrictResolution,
    Source,
)
from ..models.instruments import ACTION_FIELDS, ORDINANCE_FIELDS
from ..models.places import JURISDICTION_FIELDS


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = [
            "id",
            "title",
            "publisher",
            "url",
            "published_on",
            "accessed_on",
            "archive_url",
            "note",
        ]


class PlaceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Jurisdiction
        fields = ["slug", "name", "kind", "state"]


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["slug", "name", "title", "is_federal"]


def title_held_field():
    return serializers.CharField(
        source="speaker_title",
        read_only=True,
        help_text="The title the speaker held on the day: their dated role when "
        "one is recorded for that day, else the title the source gives.",
    )


class QuoteSerializer(serializers.ModelSerializer):
    person = PersonSerializer(read_only=True)
    speaker_role = title_held_field()
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = Quote
        fields = [
            "person",
            "speaker_role",
            "text",
            "is_paraphrase",
            "said_on",
            "said_on_precision",
            "sources",
        ]


class ActionSerializer(serializers.ModelSerializer):
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = OrdinanceAction
        fields = [*ACTION_FIELDS, "sources"]


class RecordSerializer(serializers.ModelSerializer):
    """Fields every published record has: its pages and its citations."""

    url = serializers.SerializerMethodField(help_text="The record's page.")
    sources = SourceSerializer(many=True, read_only=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj):
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


def slugs(**kwargs):
    return serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, **kwargs
    )


def published_slug_field(source, help_text):
    """A slug the view annotates as null when the record is missing or a draft."""
    return serializers.CharField(
        source=source, read_only=True, allow_null=True, help_text=help_text
    )


class JurisdictionSerializer(RecordSerializer):
    api_url = serializers.HyperlinkedIdentityField(
        view_name="api:jurisdiction-detail", lookup_field="slug"
    )
    parent = published_slug_field(
        "parent_slug", "Slug of the jurisdiction this one lies in."
    )
    quotes = QuoteSerializer(many=True, read_only=True)

    class Meta:
        model = Jurisdiction
        fields = [
            *JURISDICTION_FIELDS,
            "quotes",
            "last_verified_on",
            "updated_at",
            "sources",
            "url",
            "api_url",
        ]


class BlockSerializer(serializers.ModelSerializer):
    """A court order blocking one provision; its case only when published."""

    provision = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    case = serializers.SerializerMethodField(
        help_text="Slug of the case whose order blocked it; null when the case "
        "has no published record (see `court`)."
    )
    standing = serializers.SerializerMethodField(
        help_text="Whether the block still stands (not lifted): a provision a "
        "standing block holds does not count toward a stance."
    )

    class Meta:
        model = ProvisionBlock
        fields = [
            "provision",
            "clause",
            "case",
            "court",
            "blocked_on",
            "blocked_on_precision",
            "lifted_on",
            "lifted_on_precision",
            "standing",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_case(self, block):
        case = block.case
        return case.slug if case is not None and case.is_published else None

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_standing(self, block):
        return block.lifted_on is None


class ChangeSerializer(serializers.Serializer):
    """One instrument rescinding, superseding or amending another."""

    kind = serializers.ChoiceField(choices=ChangeKind.choices, read_only=True)
    instrument = serializers.SlugField(
        read_only=True, help_text="Slug of the other instrument."
    )
    on = serializers.DateField(read_only=True, allow_null=True)
    on_precision = serializers.CharField(read_only=True)
    note = serializers.CharField(read_only=True)


def changes(changes, other):
    """ChangeSerializer's data of `changes` whose `other` side is published."""
    return ChangeSerializer(
        [
            {
                "kind": change.kind,
                "instrument": getattr(change, other).slug,
                "on": change.on,
                "on_precision": change.on_precision,
                "note": change.note,
            }
            for change in force.public_changes(changes, other)
        ],
        many=True,
    ).data


class OrdinanceSerializer(RecordSerializer):
    api_url = serializers.HyperlinkedIdentityField(
        view_name="api:ordinance-detail", lookup_field="slug"
    )
    jurisdiction = PlaceSerializer(read_only=True)
    based_on = published_slug_field(
        "based_on_slug", "Slug of an earlier instrument this one codifies or builds on."
    )
    provisions = slugs(help_text="Slugs of the policy provisions it contains.")
    sponsors = slugs(help_text="Slugs of its sponsors.")
    blocked_provisions = serializers.SerializerMethodField(
        help_text="Slugs of the provisions a court order still blocks; they do "
        "not count toward a stance."
    )
    in_force_note = serializers.SerializerMethodField(
        help_text="What still binds, in words, as its page and the CSV say it: "
        "each clause a court blocked, by which case or court and since when, "
        "and each block since lifted; empty when none."
    )
    blocks = BlockSerializer(many=True, read_only=True)
    ended_by = serializers.SerializerMethodField(
        help_text="Slug of the published instrument that rescinds or supersedes "
        "it (the first, by date); null if none."
    )
    changed_by = serializers.SerializerMethodField(
        help_text="Published instruments that rescind, supersede or amend it."
    )
    changes_made = serializers.SerializerMethodField(
        help_text="Published instruments it rescinds, supersedes or amends."
    )
    actions = ActionSerializer(many=True, read_only=True)
    quotes = QuoteSerializer(many=True, read_only=True)

    class Meta:
        model = Ordinance
        fields = [
            *ORDINANCE_FIELDS,
            "blocked_provisions",
            "in_force_note",
            "blocks",
            "ended_by",
            "changed_by",
            "changes_made",
            "actions",
            "quotes",
            "last_verified_on",
            "updated_at",
            "sources",
            "url",
            "api_url",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.SlugField()))
    def get_blocked_provisions(self, ordinance):
        return force.standing_provisions(ordinance)

    @extend_schema_field(OpenApiTypes.STR)
    def get_in_force_note(self, ordinance):
        return force.in_force_note(ordinance)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_ended_by(self, ordinance):
        acting = force.ended_by(ordinance.changed_by.all())
        return acting.slug if acting is not None else None

    @extend_schema_field(ChangeSerializer(many=True))
    def get_changed_by(self, ordinance):
        return changes(ordinance.changed_by.all(), "acting")

    @extend_schema_field(ChangeSerializer(many=True))
    def get_changes_made(self, ordinance):
        return changes(ordinance.changes_made.all(), "target")


class ResolutionSerializer(RecordSerializer):
    api_url = serializers.HyperlinkedIdentityField(
        view_name="api:resolution-detail", lookup_field="slug"
    )
    district = PlaceSerializer(read_only=True)
    protected_groups = serializers.ListField(
        child=serializers.CharField(), read_only=True
    )
    provisions = slugs(help_text="Slugs of the policy provisions it contains.")
    reaffirms = published_slug_field(
        "reaffirms_slug",
        "Slug of an earlier resolution this one reaffirms, once an editor has "
        "confirmed the link.",
    )
    quotes = QuoteSerializer(many=True, read_only=True)

    class Meta:
        model = SchoolDistrictResolution
        fields = [
            "slug",
            "title",
            "district",
            "number",
            "adopted_on",
            "adopted_on_precision",
            "reaffirms",
            "status",
            "is_emergency",
            "protected_groups",
            "provisions",
            "votes_for",
            "votes_against",
            "summary",
            "quotes",
            "last_verified_on",
            "updated_at",
            "sources",
            "url",
            "api_url",
        ]


class StatementSerializer(RecordSerializer):
    api_url = serializers.HyperlinkedIdentityField(
        view_name="api:statement-detail", lookup_field="slug"
    )
    speaker = PersonSerializer(read_only=True, allow_null=True)
    speaker_role = title_held_field()
    targets = slugs(help_text="Slugs of the jurisdictions it names.")
    responds_to = slugs(help_text="Slugs of the instruments it responds to.")

    class Meta:
        model = FederalStatement
        fields = [
            "slug",
            "title",
            "speaker",
            "speaker_role",
            "made_on",
            "made_on_precision",
            "venue",
            "kind",
            "quote",
            "summary",
            "withdrawn_on",
            "withdrawal_note",
            "targets",
            "responds_to",
            "last_verified_on",
            "updated_at",
            "sources",
            "url",
            "api_url",
        ]


class CaseSerializer(RecordSerializer):
    api_url = serializers.HyperlinkedIdentityField(
        view_name="api:case-detail", lookup_field="slug"
    )
    plaintiffs = PlaceSerializer(
        many=True, read_only=True, help_text="Plaintiffs the tracker holds."
    )
    defendants = PlaceSerializer(
        many=True, read_only=True, help_text="Defendants the tracker holds."
    )
    challenged = slugs(help_text="Slugs of the instruments the case challenges.")
    statements = slugs(
        help_text="Slugs of the federal statements or actions it answers or brings."
    )

    class Meta:
        model = Case
        fields = [
            "slug",
            "title",
            "court",
            "docket",
            "filed_on",
            "filed_on_precision",
            "status",
            "decided_on",
            "decided_on_precision",
            "outcome",
            "judge",
            "plaintiffs",
            "plaintiff_parties",
            "defendants",
            "defendant_parties",
            "challenged",
            "statements",
            "summary",
            "earlier_report",
            "last_verified_on",
            "updated_at",
            "sources",
            "url",
            "api_url",
        ]
