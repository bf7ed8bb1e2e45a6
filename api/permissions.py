from django.conf import settings
from rest_framework.permissions import BasePermission


class SiteAccess(BasePermission):
    """Everyone may read, unless the site requires a login (settings.REQUIRE_LOGIN)."""

    message = "This site requires a login: authenticate with a session or an API token."

    def has_permission(self, request, view) -> bool:
        return not settings.REQUIRE_LOGIN or bool(request.user and request.user.is_authenticated)
