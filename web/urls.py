from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("events/", views.event_list, name="event-list"),
    path("events/<int:pk>/", views.event_detail, name="event-detail"),
    path("countries/<str:iso3>/", views.country_detail, name="country-detail"),
    path("downloads/", views.downloads, name="downloads"),
    path("downloads/<str:day>/<str:name>", views.download_file, name="download-file"),
    # Readers' login for sites with REQUIRE_LOGIN (the admin's login admits staff only).
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="web/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="web:home"), name="logout"),
]
