"""JSON shapes of the API's records.

Related records come from querysets the views prefetch with `.published()`
(see views.py), so a draft sponsor, target or quote never appears; draft
parents and earlier instruments arrive as null through annotations.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import (
    FederalStatement,
    Jurisdiction,
    Ordinance,
    OrdinanceAction,
    Person,
    Quote,
    SchoolDistrictResolution,
    Source,
)


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


class QuoteSerializer(serializers.ModelSerializer):
    person = PersonSerializer(read_only=True)
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = Quote
        fields = ["person", "text", "is_paraphrase", "said_on", "sources"]


class ActionSerializer(serializers.ModelSerializer):
    sources = SourceSerializer(many=True, read_only=True)

    class Meta:
        model = OrdinanceAction
        fields = [
            "date",
            "action",
            "body",
            "votes_for",
            "votes_against",
            "note",
            "sources",
        ]


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
            "slug",
            "title",
            "jurisdiction",
            "number",
            "instrument",
            "status",
            "introduced_on",
            "passed_on",
            "effective_on",
            "based_on",
            "provisions",
            "sponsors",
            "summary",
            "text_url",
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
    quotes = QuoteSerializer(many=True, read_only=True)

    class Meta:
        model = SchoolDistrictResolution
        fields = [
            "slug",
            "title",
            "district",
            "number",
            "adopted_on",
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
            "venue",
            "kind",
            "quote",
            "summary",
            "targets",
            "responds_to",
            "last_verified_on",
            "updated_at",
            "sources",
            "url",
            "api_url",
        ]
