"""SSRF-safe fetching: private addresses refused (also after redirects), limits enforced."""

from __future__ import annotations

import time

import pytest

from ingestion.fetching import FetchError, fetch
from tests.conftest import Route

PAGE = b"<html><head><title>Local</title></head><body><p>Hello</p></body></html>"
HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://10.0.0.1/internal", "10.0.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://192.168.1.1/", "192.168.1.1"),
        ("http://[::1]/", "::1"),
        ("http://0.0.0.0/", "0.0.0.0"),  # noqa: S104
    ],
)
def test_private_link_local_and_metadata_addresses_are_refused(url, address):
    with pytest.raises(FetchError, match=rf"refused: .* resolves to {address}, a loopback, private"):
        fetch(url)


def test_a_host_name_resolving_to_loopback_is_refused_even_with_a_server_listening(local_server, settings):
    local_server.routes["/page"] = Route(200, PAGE, HTML)
    settings.INGEST_FETCH_ALLOWED_HOSTS = []
    port = local_server.base_url.rsplit(":", 1)[1]

    with pytest.raises(FetchError, match=r"'localhost' resolves to 127.0.0.1"):
        fetch(f"http://localhost:{port}/page")
    assert local_server.requests == []


def test_an_allow_listed_loopback_server_is_fetched(local_server):
    local_server.routes["/page"] = Route(200, PAGE, HTML)

    document = fetch(local_server.url("/page"))

    assert document.content == PAGE
    assert document.content_type == "text/html"
    assert document.charset == "utf-8"


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/admin"])
def test_a_redirect_to_a_private_address_is_refused(local_server, target):
    local_server.routes["/go"] = Route(302, b"", {"Location": target})

    with pytest.raises(FetchError, match=r"refused: .* a loopback, private, link-local or reserved address"):
        fetch(local_server.url("/go"))


def test_relative_redirects_are_followed_up_to_the_limit(local_server, settings):
    settings.INGEST_FETCH_MAX_REDIRECTS = 2
    local_server.routes["/a"] = Route(301, b"", {"Location": "/b"})
    local_server.routes["/b"] = Route(302, b"", {"Location": "/page"})
    local_server.routes["/page"] = Route(200, PAGE, HTML)
    local_server.routes["/loop"] = Route(302, b"", {"Location": "/loop"})

    assert fetch(local_server.url("/a")).url == local_server.url("/page")
    with pytest.raises(FetchError, match="more than 2 redirects"):
        fetch(local_server.url("/loop"))


def test_responses_over_the_size_cap_are_refused(local_server, settings):
    settings.INGEST_FETCH_MAX_BYTES = 1000
    local_server.routes["/big"] = Route(200, b"<p>" + b"x" * 5000 + b"</p>", HTML)

    with pytest.raises(FetchError, match="exceeds the 1000-byte limit"):
        fetch(local_server.url("/big"))


def test_an_unexpected_content_type_is_refused(local_server):
    local_server.routes["/image"] = Route(200, b"\x89PNG\r\n", {"Content-Type": "image/png"})

    with pytest.raises(FetchError, match="content type 'image/png' is not one of"):
        fetch(local_server.url("/image"))


def test_http_errors_are_reported_with_their_status(local_server):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(local_server.url("/missing"))


def test_a_slow_server_times_out(local_server, settings):
    settings.INGEST_FETCH_TIMEOUT_SECONDS = 0.3

    def slow(headers):
        time.sleep(1.5)
        return Route(200, PAGE, HTML)

    local_server.routes["/slow"] = slow
    with pytest.raises(FetchError, match="Timeout"):
        fetch(local_server.url("/slow"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "http://user:pw@example.org/"])
def test_non_http_urls_and_urls_with_credentials_are_refused(url):
    with pytest.raises(FetchError, match="refused"):
        fetch(url)


def test_a_server_trickling_its_answer_is_cut_off_at_the_total_deadline(local_server, settings):
    settings.INGEST_FETCH_TIMEOUT_SECONDS = 2
    settings.INGEST_FETCH_DEADLINE_SECONDS = 0.5
    # Each byte comes well within the read timeout; the whole body would take 6 s.
    local_server.routes["/trickle"] = Route(200, PAGE[:30], HTML, byte_interval=0.2)
    with pytest.raises(FetchError, match=r"longer than 0.5 s in all"):
        fetch(local_server.url("/trickle"))


@pytest.mark.parametrize(
    "address",
    [
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "64:ff9b:1::7f00:1",  # local-use NAT64 of 127.0.0.1
        "::a9fe:a9fe",  # IPv4-compatible 169.254.169.254
        "::ffff:0:a00:1",  # IPv4-translated 10.0.0.1
        "2002:a00:1::1",  # 6to4 of 10.0.0.1
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "fec0::1",  # site-local
    ],
)
def test_ipv6_forms_of_non_public_addresses_are_refused(address):
    with pytest.raises(FetchError, match=r"refused: .* a loopback, private"):
        fetch(f"http://[{address}]/")


@pytest.mark.parametrize("address", ["64:ff9b::808:808", "2002:808:808::1"])
def test_ipv6_forms_of_public_addresses_are_not_refused_as_private(address, settings):
    from ingestion.fetching import resolve_public_address

    assert resolve_public_address(address, 80) == address
