"""JSON API: event search and detail, country profiles, staff article list, exports."""

from django.http import Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from events.models import Article, Event
from events.profiles import country_profile
from events.public_search import EventFilter, country_or_404
from events.search import can_see_unreviewed, event_for_display, with_participants

from .exports import EXPORT_FORMATS, stream_export
from .pagination import ArticleCursorPagination
from .serializers import (
    ArticleSerializer,
    CountryProfileSerializer,
    EventDetailSerializer,
    EventSerializer,
    sanctions_context,
)


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Approved events (staff: any review status), filtered by country, role, type, dates and words."""

    queryset = Event.objects.none()  # names the model for the filter set and the schema
    filterset_class = EventFilter

    def get_queryset(self):
        return with_participants(self.filter_queryset(self.queryset))

    def filter_queryset(self, queryset):
        if self.action == "retrieve":
            return queryset
        return super().filter_queryset(queryset)

    def get_serializer_class(self):
        return EventDetailSerializer if self.action == "retrieve" else EventSerializer

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        context = {**self.get_serializer_context(), **sanctions_context(page)}
        return self.get_paginated_response(EventSerializer(page, many=True, context=context).data)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        event = self.get_object()
        context = {**self.get_serializer_context(), **sanctions_context([event])}
        return Response(EventDetailSerializer(event, context=context).data)

    def get_object(self) -> Event:
        try:
            return event_for_display(self.request.user, int(self.kwargs["pk"]))
        except (Event.DoesNotExist, ValueError):
            raise Http404("no such event") from None


class CountryProfileView(APIView):
    @extend_schema(responses=CountryProfileSerializer, summary="A country's profile over approved events")
    def get(self, request: Request, iso3: str) -> Response:
        profile = country_profile(country_or_404(iso3))
        officials = [official["person"].id for official in profile.officials]
        context = {"request": request, **sanctions_context(profile.sanctions, officials)}
        return Response(CountryProfileSerializer(profile, context=context).data)


class SeesUnreviewed(BasePermission):
    """Holders of events.view_unreviewed only."""

    def has_permission(self, request, view) -> bool:
        return can_see_unreviewed(request.user)


class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Source articles, newest first (events.view_unreviewed only: articles include unreviewed material)."""

    queryset = Article.objects.all()
    serializer_class = ArticleSerializer
    permission_classes = [SeesUnreviewed]
    pagination_class = ArticleCursorPagination
    filterset_class = None


class IgnoreAcceptHeader(BaseContentNegotiation):
    """Exports choose their own content type; errors still render with the first (JSON) renderer."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


# Exports take the search parameters of /api/events/ (documented from the same filter set).
EXPORT_PARAMETERS = [
    OpenApiParameter(name, str, description=str(f.extra.get("help_text") or f.label))
    for name, f in EventFilter.base_filters.items()
    if name != "sort"
]


class EventExportView(APIView):
    content_negotiation_class = IgnoreAcceptHeader

    @extend_schema(
        parameters=EXPORT_PARAMETERS,
        responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="CSV, JSON Lines or FtM JSON lines")},
        summary="Download a search as CSV, JSON Lines or FollowTheMoney entities (streamed)",
    )
    def get(self, request: Request, export_format: str) -> StreamingHttpResponse:
        if export_format not in EXPORT_FORMATS:
            raise Http404("unknown export format")
        search = EventFilter(request.query_params, queryset=Event.objects.none(), request=request)
        if not search.is_valid():
            raise ValidationError(search.errors)
        _, content_type, extension = EXPORT_FORMATS[export_format]
        response = StreamingHttpResponse(stream_export(export_format, search.qs), content_type=content_type)
        filename = f"events-{timezone.now():%Y%m%d-%H%M}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class PermittedTokenSerializer(AuthTokenSerializer):
    """Credentials of a user holding authtoken.add_token. Anyone else gets the wrong-password
    answer, word for word: a different one would confirm that the password was right."""

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        if not attrs["user"].has_perm("authtoken.add_token"):
            # DRF's own message (and translation) for a wrong password.
            raise ValidationError(gettext("Unable to log in with provided credentials."), code="authorization")
        return attrs


class StaffTokenView(ObtainAuthToken):
    """POST username and password, get an API token (accounts holding authtoken.add_token only)."""

    serializer_class = PermittedTokenSerializer
    # Checks passwords: throttled per client address (settings "token" rate), like a login form.
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"
