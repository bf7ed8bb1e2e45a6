"""The Article admin's "Add articles" page: paste text, upload a file, give a URL; staff with add permission only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import Article
from tests.conftest import Route

URL = reverse("admin:events_article_ingest")
TEXT = "Officials said on Friday that Iran had delivered drones to Russia across the Caspian Sea in March."


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", password="a-long-enough-password", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="add_article"), Permission.objects.get(codename="view_article")
    )
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_changelist_links_to_the_add_articles_page(editor):
    page = editor.get(reverse("admin:events_article_changelist"))

    assert URL in page.content.decode()


@pytest.mark.django_db
def test_pasted_text_becomes_an_article_and_the_outcome_is_shown(editor, settings):
    response = editor.post(URL, {"text": TEXT, "title": "Drones", "publisher": "Desk"}, follow=True)

    article = Article.objects.get()
    assert (article.title, article.publisher, article.source) == ("Drones", "Desk", Article.Source.PASTE)
    assert "Pasted text: created" in response.content.decode()
    again = editor.post(URL, {"text": TEXT}, follow=True)
    assert f"Pasted text: duplicate: already ingested (same content) as article {article.pk}" in again.content.decode()


@pytest.mark.django_db
def test_an_uploaded_jsonl_file_and_a_page_url_are_ingested(editor, local_server, ingest_data):
    upload = SimpleUploadedFile(
        "two.jsonl", b'{"text": "%s"}\n{"text": "Second text about sanctions."}\n' % TEXT.encode()
    )
    page = (ingest_data / "html" / "newspaper__businessinsider.com1.html").read_bytes()
    local_server.routes["/story"] = Route(200, page, {"Content-Type": "text/html"})

    editor.post(URL, {"file": upload})
    editor.post(URL, {"url": local_server.url("/story")})

    assert Article.objects.filter(source=Article.Source.JSONL).count() == 2
    assert Article.objects.get(source=Article.Source.URL).title.startswith("Argentina's Huge Fighter Jet Purchase")


@pytest.mark.django_db
def test_the_form_asks_for_exactly_one_input(editor):
    response = editor.post(URL, {"text": TEXT, "url": "https://example.org/a"})

    assert "Give exactly one of" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_staff_without_the_add_permission_are_refused(client):
    user = User.objects.create_user("viewer", password="a-long-enough-password", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(user)

    assert client.post(URL, {"text": TEXT}).status_code == 403
    assert client.get(URL.replace("/ingest/", "/")).status_code == 200
    assert not Article.objects.exists()
