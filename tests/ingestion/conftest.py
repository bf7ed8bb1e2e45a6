"""Fixtures for ingestion: the shared real pages/feeds, and a loopback HTTP server."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SHARED_INGEST = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "ingest"


@pytest.fixture(scope="session")
def ingest_data() -> Path:
    """../shared/data/ingest (real third-party pages and feeds); tests skip when it is absent."""
    if not SHARED_INGEST.is_dir():
        pytest.skip("../shared/data/ingest is not present")
    return SHARED_INGEST.resolve()


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class LocalServer:
    """Routes path → Route; requests records (path, headers) of each request."""

    base_url: str
    routes: dict[str, Route | Callable[[dict[str, str]], Route]]
    requests: list[tuple[str, dict[str, str]]]

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture
def local_server(settings) -> Iterator[LocalServer]:
    """An HTTP server on 127.0.0.1, which the fetch allow-list names for this test."""
    routes: dict = {}
    requests: list = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append((self.path, dict(self.headers)))
            route = routes.get(self.path, Route(404, b"not found"))
            if callable(route):
                route = route(dict(self.headers))
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            # The client may give up (size cap, timeout): that is what those tests check.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.INGEST_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    try:
        yield LocalServer(f"http://127.0.0.1:{server.server_port}", routes, requests)
    finally:
        server.shutdown()
        server.server_close()
