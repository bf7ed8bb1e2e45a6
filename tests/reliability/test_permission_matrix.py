"""Every URL, for anonymous visitors, staff without permissions, reviewers, administrators and API-token users.

URLs are discovered from the URLconf (admin URLs from the admin site's own patterns), so a
new page, API endpoint or export is covered without editing this test; a URL parameter
this test cannot fill fails it, asking for a value in URL_VALUES.

Invariants: no server error for anyone; the admin is staff-only and per-permission; and
candidate and rejected events never reach anonymous visitors, nor staff accounts (session or
token) without the events.view_unreviewed permission, by any path: every public response is
the same, byte for byte, whether or not candidate and rejected events exist (so no summary,
count, chart or export row gives them away).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from events.models import Event
from tests.events.factories import ArticleFactory, EventFactory, EvidenceFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password"
# Values for URL parameters outside the admin, by name; pk gets each kind of event in turn.
URL_VALUES = {
    "iso3": ["PRK", "RUS", "prk"],
    "export_format": ["csv", "json", "jsonl"],
    "day": ["2026-03-01", ".."],  # bulk downloads
    "name": ["events.csv.gz", "manifest.json"],
    "app_label": [],  # filled per app
}
# Asked of every public URL: filters that must not open the door to unreviewed events.
LEAK_PROBES = [
    "",
    "?review_status=candidate",
    "?status=rejected",
    "?status=candidate",
    "?status=any",
    "?review_status=rejected&format=json",
    "?all=1",
]
VOLATILE = [
    re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"'),
    re.compile(rb'nonce="[^"]+"'),
]


@dataclass(frozen=True)
class Url:
    path: str
    admin_model: type | None = None  # the model an admin URL belongs to
    is_admin: bool = False


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner or namespace)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield pattern, name, namespace, prefix + str(pattern.pattern)


def _admin_model(url_name: str) -> type | None:
    for model in admin.site._registry:
        if url_name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
            return model
    return None


def _values(name: str, param: str, model: type | None, hidden: list[int], shown: list[int]) -> list:
    if param in ("object_id", "pk", "id") and model is not None:
        instance = model._default_manager.order_by("pk").first()
        return [instance.pk] if instance else []
    if param == "pk":
        return shown + hidden
    if param == "app_label":
        return sorted({m._meta.app_label for m in admin.site._registry})
    if param == "content_type_id":
        return [ContentType.objects.get_for_model(Event).pk]
    if param == "object_id":
        return shown + hidden
    if param in URL_VALUES:
        return URL_VALUES[param]
    pytest.fail(f"URL {name!r} has a parameter {param!r}: add values for it to URL_VALUES")


def _history_args(model: type | None) -> list[list]:
    """(object id, history id) of a model's first historical record, for the admin's history-record view."""
    record = model.history.order_by("history_id").first() if model is not None and hasattr(model, "history") else None
    return [[record.id, record.history_id]] if record else []


def discover_urls(hidden: list[int], shown: list[int]) -> list[Url]:
    urls = []
    for pattern, name, namespace, route in _walk(get_resolver().url_patterns):
        is_admin = namespace == "admin"
        if name is None and is_admin:
            continue  # the admin's unnamed redirects and catch-all
        assert name, f"unnamed URL {route!r}: name it so the permission matrix covers it"
        model = _admin_model(name) if is_admin else None
        params = list(pattern.pattern.regex.groupindex)
        if pattern.pattern.regex.groups > len(params):  # positional: django-simple-history's record view
            urls.extend(Url(reverse(name, args=args), model, is_admin) for args in _history_args(model))
            continue
        if not params:
            urls.append(Url(reverse(name), model, is_admin))
            continue
        if name == "admin:view_on_site":
            urls.extend(
                Url(reverse(name, args=[_values(name, "content_type_id", None, [], [])[0], pk]), None, True)
                for pk in shown + hidden
            )
            continue
        choices = {param: _values(name, param, model, hidden, shown) for param in params}
        # One URL per value of each parameter (the others at their first value).
        for param, values in choices.items():
            for value in values:
                kwargs = {p: (value if p == param else v[0]) for p, v in choices.items() if v}
                if len(kwargs) == len(params):
                    urls.append(Url(reverse(name, kwargs=kwargs), model, is_admin))
    return list(dict.fromkeys(urls))


def _public_events() -> tuple[list[int], list[int]]:
    """Approved events (shown), and the ids that candidate and rejected events will take (hidden)."""
    article = ArticleFactory()
    shown = [EventFactory(review_status=Event.ReviewStatus.APPROVED, summary="APPROVED-EVENT").pk for _ in range(2)]
    for pk in shown:
        EvidenceFactory(event_id=pk, article=article)
    top = Event.objects.order_by("-pk").first().pk
    return shown, [top + 1000, top + 1001]


def _add_hidden_events(hidden: list[int]) -> None:
    """A candidate and a rejected event on the same countries and article as the public ones."""
    article = Event.objects.get(summary="APPROVED-EVENT", pk=Event.objects.order_by("pk").first().pk)
    source = article.evidence.first().article
    for pk, status in zip(hidden, [Event.ReviewStatus.CANDIDATE, Event.ReviewStatus.REJECTED], strict=True):
        event = EventFactory(pk=pk, review_status=status, summary=f"HIDDEN-{status}-EVENT", items=["hidden widgets"])
        EvidenceFactory(event=event, article=source, sentence=f"HIDDEN-{status}-EVIDENCE")


def _normalised(content: bytes) -> bytes:
    for pattern in VOLATILE:
        content = pattern.sub(b"", content)
    return content


def _staff(username: str, *, superuser: bool = False, group: str | None = None) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True, is_superuser=superuser)
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def _clients() -> dict[str, tuple[Client, User | None]]:
    reviewer, administrator = _staff("reviewer", group="Reviewers"), _staff("admin", superuser=True)
    reviewer_client, admin_client = Client(), Client()
    reviewer_client.force_login(reviewer)
    admin_client.force_login(administrator)
    unprivileged = _staff("staff-without-permissions")
    unprivileged_client = Client()
    unprivileged_client.force_login(unprivileged)
    clients = {
        "anonymous": (Client(), None),
        "staff_without_permissions": (unprivileged_client, unprivileged),
        "reviewer": (reviewer_client, reviewer),
        "admin": (admin_client, administrator),
    }
    if apps.is_installed("rest_framework.authtoken"):
        from rest_framework.authtoken.models import Token

        token_user = _staff("api-client")
        token = Token.objects.create(user=token_user)
        clients["api_token"] = (Client(HTTP_AUTHORIZATION=f"Token {token.key}"), token_user)
    return clients


def test_no_url_fails_for_anyone_and_the_admin_is_staff_only_and_per_permission(no_rate_limit):
    shown, hidden = _public_events()
    _add_hidden_events(hidden)
    urls = discover_urls(hidden, shown)
    assert any(url.is_admin for url in urls)
    checked = 0
    for role, (client, user) in _clients().items():
        for url in urls:
            response = client.get(url.path)
            checked += 1
            assert response.status_code < 500, f"{role} GET {url.path}: {response.status_code}"
            if not url.is_admin or url.path.endswith(("/login/", "/logout/")):
                continue
            session_staff = user is not None and role != "api_token"  # a token is not an admin login
            if not session_staff:
                assert response.status_code == 302 and "/admin/login/" in response["Location"], (role, url.path)
            elif url.admin_model is not None:
                meta = url.admin_model._meta
                action = {"/delete/": "delete", "/add/": "add"}.get(url.path[url.path.rstrip("/").rfind("/") :], "view")
                may = user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}") or (
                    action == "view" and user.has_perm(f"{meta.app_label}.change_{meta.model_name}")
                )
                if not may:  # staff without the model's permission: refused, whatever the page
                    assert response.status_code == 403, (role, url.path, response.status_code)
                elif action == "view" and user.is_superuser:
                    assert response.status_code in (200, 302), (role, url.path, response.status_code)
    print(f"\n[permission matrix] {len(urls)} URLs, {checked} requests, no server error, admin staff-only")


def _unprivileged_client(kind: str) -> Client:
    """A client that must see only the public site: anonymous, or staff without permissions (session or token)."""
    if kind == "anonymous":
        return Client()
    user = _staff(f"unprivileged-{kind}")
    if kind == "token":
        from rest_framework.authtoken.models import Token

        return Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("kind", ["anonymous", "staff_session", "token"])
def test_candidate_and_rejected_events_never_reach_anyone_without_the_permission_by_any_path(no_rate_limit, kind):
    shown, hidden = _public_events()
    public = [url for url in discover_urls(hidden, shown) if not url.is_admin]
    anonymous = _unprivileged_client(kind)

    def snapshot() -> dict[str, tuple[int, bytes]]:
        pages = {}
        for url in public:
            for probe in LEAK_PROBES:
                response = anonymous.get(url.path + probe)
                body = b"".join(response.streaming_content) if response.streaming else response.content
                pages[url.path + probe] = (response.status_code, _normalised(body))
        return pages

    without = snapshot()
    _add_hidden_events(hidden)
    with_hidden = snapshot()

    changed = [path for path in without if without[path] != with_hidden[path]]
    assert not changed, f"{kind} responses change when candidate/rejected events exist: {changed}"
    assert not [path for path, (_, body) in with_hidden.items() if b"HIDDEN-" in body]
    print(f"\n[no leaks] {len(public)} public URLs x {len(LEAK_PROBES)} query variants compared, none changed")
