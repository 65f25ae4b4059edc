"""JSON shapes of the API's records.

Related records come from querysets the views prefetch with `.published()`
(see views.py), so a draft sponsor, target or quote never appears; draft
parents and earlier instruments arrive as null through annotations.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import (
    Case,
    FederalStatement,
    Jurisdiction,
    Ordinance,
    OrdinanceAction,
    Person,
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
    actions = ActionSerializer(many=True, read_only=True)
    quotes = QuoteSerializer(many=True, read_only=True)

    class Meta:
        model = Ordinance
        fields = [
            *ORDINANCE_FIELDS,
            "actions",
            "quotes",
            "last_verified_on",
            "updated_at",
            "sources",
            "url",
            "api_url",
        ]


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
