"""Read-only viewsets over published records, filtered like the HTML lists."""

from django.db.models import Prefetch
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.viewsets import ReadOnlyModelViewSet

from .. import force
from ..columns import (
    confirmed_reaffirms_slug,
    published_ordinance_slug,
    published_slug,
)
from ..models import (
    Case,
    FederalStatement,
    Jurisdiction,
    Ordinance,
    OrdinanceAction,
    Person,
    Quote,
    Role,
    SchoolDistrictResolution,
)
from . import filters
from .serializers import (
    CaseSerializer,
    JurisdictionSerializer,
    OrdinanceSerializer,
    ResolutionSerializer,
    StatementSerializer,
)


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        # DRF quietly falls back to the default on a bad page_size; a client
        # syncing the data should hear about its mistake instead.
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        try:
            size = int(value)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"Give a whole number from 1 to {self.max_page_size}."
                    ]
                }
            )
        return size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
            if parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1)
        return parameters


class EscapedJSONRenderer(JSONRenderer):
    """JSON with <, > and & written as \\u escapes, as Django's json_script does.

    Parsers read the same data, but a response that ends up parsed as HTML (a
    sniffing client, a page pasting it into a <script>) holds no markup.
    """

    def render(self, data, accepted_media_type=None, renderer_context=None):
        text = super().render(data, accepted_media_type, renderer_context)
        # UTF-8 never uses these bytes inside a multi-byte character, and JSON
        # has them only inside strings.
        return (
            text.replace(b"&", b"\\u0026")
            .replace(b"<", b"\\u003c")
            .replace(b">", b"\\u003e")
        )


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


SLUG = r"^[-a-zA-Z0-9_]+$"
# DjangoFilterBackend answers an invalid filter with {"param": ["message"]}.
FILTER_ERRORS = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description="Invalid filter: each bad parameter with its messages.",
)
NOT_FOUND = OpenApiResponse(
    response=ErrorSerializer, description="No published record has this slug."
)
PAGE_NOT_FOUND = OpenApiResponse(
    response=ErrorSerializer, description="The page is out of range."
)


def documented(serializer, plural):
    return extend_schema_view(
        list=extend_schema(
            summary=f"List published {plural}",
            responses={
                200: serializer(many=True),
                400: FILTER_ERRORS,
                404: PAGE_NOT_FOUND,
            },
        ),
        retrieve=extend_schema(
            summary=f"One published record of {plural}",
            parameters=[
                OpenApiParameter(
                    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, pattern=SLUG
                )
            ],
            responses={200: serializer, 400: FILTER_ERRORS, 404: NOT_FOUND},
        ),
    )


class PublishedViewSet(ReadOnlyModelViewSet):
    lookup_field = "slug"
    # Any non-slash value reaches the view, so a malformed slug gets the
    # API's JSON 404 rather than the site's HTML one.
    lookup_value_regex = "[^/]+"
    filter_backends = [DjangoFilterBackend]
    pagination_class = Pagination
    # JSON only: the browsable pages need inline styles the CSP forbids.
    renderer_classes = [EscapedJSONRenderer]

    def get_queryset(self):
        model = self.filterset_class._meta.model
        # The pk makes the default order total, so pages never overlap.
        return self.get_records().order_by(*model._meta.ordering, "pk")


def speaker_roles(speaker):
    """The speakers' roles, for the title each held on the day."""
    return Prefetch(f"{speaker}__roles", queryset=Role.objects.published())


def published_quotes():
    return Prefetch(
        "quotes",
        queryset=Quote.objects.published()
        .select_related("person")
        .prefetch_related("sources", speaker_roles("person")),
    )


@documented(JurisdictionSerializer, "jurisdictions")
class JurisdictionViewSet(PublishedViewSet):
    serializer_class = JurisdictionSerializer
    filterset_class = filters.JurisdictionApiFilter

    def get_records(self):
        return (
            Jurisdiction.objects.published()
            .annotate(parent_slug=published_slug("parent", empty=None))
            .prefetch_related("sources", published_quotes())
        )


@documented(OrdinanceSerializer, "ordinances")
class OrdinanceViewSet(PublishedViewSet):
    serializer_class = OrdinanceSerializer
    filterset_class = filters.OrdinanceApiFilter

    def get_records(self):
        # The blocks and changes of a page's instruments: force.fetch(), below.
        return (
            Ordinance.objects.published()
            .select_related("jurisdiction")
            .annotate(based_on_slug=published_ordinance_slug("based_on", empty=None))
            .prefetch_related(
                "sources",
                "provisions",
                Prefetch("sponsors", queryset=Person.objects.published()),
                Prefetch(
                    "actions",
                    queryset=OrdinanceAction.objects.prefetch_related("sources"),
                ),
                published_quotes(),
            )
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return page if page is None else force.fetch(page)

    def get_object(self):
        return force.fetch([super().get_object()])[0]


@documented(ResolutionSerializer, "school district resolutions")
class ResolutionViewSet(PublishedViewSet):
    serializer_class = ResolutionSerializer
    filterset_class = filters.ResolutionApiFilter

    def get_records(self):
        return (
            SchoolDistrictResolution.objects.published()
            .select_related("district")
            .annotate(reaffirms_slug=confirmed_reaffirms_slug(empty=None))
            .prefetch_related("sources", "provisions", published_quotes())
        )


@documented(StatementSerializer, "federal statements")
class StatementViewSet(PublishedViewSet):
    serializer_class = StatementSerializer
    filterset_class = filters.StatementApiFilter

    def get_records(self):
        return (
            FederalStatement.objects.published()
            .select_related("speaker")
            .prefetch_related(
                "sources",
                Prefetch("targets", queryset=Jurisdiction.objects.published()),
                Prefetch("responds_to", queryset=Ordinance.objects.published()),
                speaker_roles("speaker"),
            )
        )


@documented(CaseSerializer, "court cases")
class CaseViewSet(PublishedViewSet):
    serializer_class = CaseSerializer
    filterset_class = filters.CaseApiFilter

    def get_records(self):
        places = Jurisdiction.objects.published()
        return Case.objects.published().prefetch_related(
            "sources",
            Prefetch("plaintiffs", queryset=places),
            Prefetch("defendants", queryset=places),
            Prefetch("challenged", queryset=Ordinance.objects.published()),
            Prefetch("statements", queryset=FederalStatement.objects.published()),
        )
