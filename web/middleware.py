from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest


class SiteLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Django's login-required middleware, switched on by settings.REQUIRE_LOGIN (read per request)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.REQUIRE_LOGIN:
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class RefuseNulMiddleware:
    """A NUL character in the path or the query string answers 400: PostgreSQL text cannot hold
    NUL, so such a value would otherwise reach a query as a server error (country pages, cursors,
    admin autocomplete and search)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            return self.refuse("NUL character in the URL path.")
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return self.refuse(f"NUL character in the {key.replace(chr(0), '')!r} parameter.")
        return self.get_response(request)

    @staticmethod
    def refuse(message: str) -> HttpResponse:
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
