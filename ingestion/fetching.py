"""HTTP(S) fetching that cannot be pointed at the server's own network (SSRF-safe).

Every hop (the first URL and each redirect) is resolved here, every address it
resolves to must be public (or named in INGEST_FETCH_ALLOWED_HOSTS), and the
connection then goes to that checked address, so a DNS answer that changes
between check and connect (DNS rebinding) cannot reach a private host.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/x-rss+xml",
)
TEXT_TYPES = ("text/plain",)
REDIRECT_STATUSES = (301, 302, 303, 307, 308)


class FetchError(Exception):
    """A URL that could not or must not be fetched; the message says why."""


class RefusedURL(FetchError):
    """A URL this fetcher will not request (not http(s), credentials, a non-public address)."""


@dataclass(frozen=True)
class FetchedDocument:
    url: str  # after redirects
    status: int  # 200, or 304 for a conditional GET that found nothing new
    content: bytes
    content_type: str
    charset: str | None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _allowed_by_setting(host: str, address: IPAddress) -> bool:
    for entry in settings.INGEST_FETCH_ALLOWED_HOSTS:
        if entry.lower() == host.lower():
            return True
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue  # a host name entry, compared above
    return False


# IPv6 prefixes whose last 32 bits are an IPv4 address the packet ends up at (or is translated to):
# NAT64 (RFC 6052, and the local-use 64:ff9b:1::/48 of RFC 8215), IPv4-compatible (::a.b.c.d,
# deprecated) and IPv4-translated (::ffff:0:a.b.c.d, RFC 2765). Python 3.11 calls several global.
EMBEDDING_IPV4_IN_LAST_32_BITS = tuple(
    ipaddress.IPv6Network(prefix) for prefix in ("64:ff9b::/96", "64:ff9b:1::/48", "::/96", "::ffff:0:0:0/96")
)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, NAT64, compatible, translated)."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:  # 2002:a.b.c.d::/48
        return address.sixtofour
    if any(address in network for network in EMBEDDING_IPV4_IN_LAST_32_BITS):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        if address.is_site_local:  # fec0::/10: deprecated, but still routed inside some networks
            return False
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            address = embedded
    # is_global excludes loopback, private (RFC 1918, ULA), link-local (incl. the
    # 169.254.169.254 cloud metadata address), shared, reserved and unspecified ranges.
    return address.is_global and not address.is_multicast


def resolve_public_address(host: str, port: int) -> str:
    """The address to connect to for host, refusing non-public ones unless allow-listed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc.strerror}") from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for address in addresses:
        if not _is_public(address) and not _allowed_by_setting(host, address):
            raise RefusedURL(
                f"refused: {host!r} resolves to {address}, a loopback, private, link-local or reserved address "
                "(add it to INGEST_FETCH_ALLOWED_HOSTS to allow it)"
            )
    # IPv4 first: hosts without IPv6 routes are common, and every address was checked above.
    return str(min(addresses, key=lambda address: address.version))


def _content_type(headers: urllib3.HTTPHeaderDict) -> tuple[str, str | None]:
    value = headers.get("Content-Type", "")
    media_type, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.strip().partition("=")
        if key.lower() == "charset" and val:
            charset = val.strip("\"' ")
    return media_type.strip().lower(), charset


def _seconds_left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"gave up: the fetch took longer than {settings.INGEST_FETCH_DEADLINE_SECONDS:g} s in all")
    return left


def _read_capped(response: urllib3.BaseHTTPResponse, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"response of {int(declared)} bytes exceeds the {max_bytes}-byte limit")
    chunks, size = [], 0
    # read1 returns what has arrived, so a server trickling bytes meets the deadline check
    # (each wait is still bounded by the read timeout).
    while chunk := response.read1(64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"response exceeds the {max_bytes}-byte limit")
        chunks.append(chunk)
        _seconds_left(deadline)
    return b"".join(chunks)


def _request_once(url: str, headers: dict[str, str], deadline: float) -> urllib3.BaseHTTPResponse:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise RefusedURL(f"refused: {url!r} is not an http(s) URL")
    if not parts.hostname:
        raise RefusedURL(f"refused: {url!r} has no host")
    if parts.username or parts.password:
        raise RefusedURL(f"refused: {url!r} carries credentials")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = resolve_public_address(parts.hostname, port)
    wait = min(settings.INGEST_FETCH_TIMEOUT_SECONDS, _seconds_left(deadline))
    timeout = urllib3.Timeout(connect=wait, read=wait)
    host_header = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
    if parts.scheme == "https":
        # Connect to the checked address but verify the certificate for the host name.
        pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=timeout,
            retries=False,
            server_hostname=parts.hostname,
            assert_hostname=parts.hostname,
            cert_reqs="CERT_REQUIRED",
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    try:
        return pool.urlopen(
            "GET", path, headers={**headers, "Host": host_header}, redirect=False, preload_content=False
        )
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(f"{exc.__class__.__name__}: {exc}") from exc


def fetch(
    url: str,
    *,
    accept: tuple[str, ...] = HTML_TYPES + TEXT_TYPES,
    etag: str = "",
    last_modified: str = "",
) -> FetchedDocument:
    """GET url with timeouts, a total deadline, a size cap, a content-type check and at most N redirects.

    Raises FetchError with the reason (refused address, HTTP status, wrong type, too large, too slow).
    """
    deadline = time.monotonic() + settings.INGEST_FETCH_DEADLINE_SECONDS
    headers = {"User-Agent": settings.INGEST_FETCH_USER_AGENT, "Accept": ", ".join(accept) + ", */*;q=0.1"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    for _ in range(settings.INGEST_FETCH_MAX_REDIRECTS + 1):
        try:
            return _fetch_hop(current, headers, accept, deadline)
        except _Redirect as redirect:
            current = redirect.location
        except FetchError as exc:
            if current != url:
                raise type(exc)(f"{exc} (after redirect to {current})") from exc
            raise
    raise FetchError(f"more than {settings.INGEST_FETCH_MAX_REDIRECTS} redirects")


class _Redirect(Exception):
    def __init__(self, location: str) -> None:
        self.location = location


def _fetch_hop(current: str, headers: dict[str, str], accept: tuple[str, ...], deadline: float) -> FetchedDocument:
    """One request; raises _Redirect to follow a redirect."""
    response = _request_once(current, headers, deadline)
    try:
        if response.status in REDIRECT_STATUSES:
            location = response.headers.get("Location")
            if not location:
                raise FetchError(f"redirect {response.status} without a Location")
            raise _Redirect(urljoin(current, location))
        if response.status == 304:
            return FetchedDocument(current, 304, b"", "", None, dict(response.headers))
        if response.status != 200:
            raise FetchError(f"HTTP {response.status} {response.reason or ''}".rstrip())
        media_type, charset = _content_type(response.headers)
        if media_type and media_type not in accept:
            raise FetchError(f"content type {media_type!r} is not one of {', '.join(accept)}")
        content = _read_capped(response, settings.INGEST_FETCH_MAX_BYTES, deadline)
        return FetchedDocument(current, 200, content, media_type, charset, dict(response.headers))
    finally:
        response.release_conn()
