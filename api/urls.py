from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

app_name = "api"

# The site-wide login middleware leaves the API alone: api.permissions.SiteAccess
# applies REQUIRE_LOGIN there, so token clients work too.
urlpatterns = [
    path("events/", views.EventViewSet.as_view({"get": "list"}), name="event-list"),
    path("events/<int:pk>/", views.EventViewSet.as_view({"get": "retrieve"}), name="event-detail"),
    path("events/export.<str:export_format>", views.EventExportView.as_view(), name="event-export"),
    path("countries/<str:iso3>/", views.CountryProfileView.as_view(), name="country-profile"),
    path("articles/", views.ArticleViewSet.as_view({"get": "list"}), name="article-list"),
    path("articles/<int:pk>/", views.ArticleViewSet.as_view({"get": "retrieve"}), name="article-detail"),
    path("token/", views.StaffTokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: no inline script, so CSP 'self' holds.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
for route in urlpatterns:
    login_not_required(route.callback)
