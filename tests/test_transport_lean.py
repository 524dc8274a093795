"""The transport's lean request path (_ApiAdapter, _ApiSession.send) against a real HTTP server
on loopback: it answers as requests' own steps do (cookies kept when set, redirects followed,
the same response fields), replaces a closed connection pool, and leaves proxied requests to
requests."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter

from kitsu_sdk._core.transport import _ApiAdapter, _ApiSession


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/cut":  # promises 100 bytes, sends 10, hangs up
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b'{"ok": tru')
            self.wfile.flush()
            self.close_connection = True
            return
        if self.path == "/cookie":
            self.send_response(200)
            self.send_header("Set-Cookie", "session=abc; Path=/")
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/json")
        else:
            self.send_response(200)
        body = b'{"ok": true}'
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _session() -> _ApiSession:
    session = _ApiSession()
    adapter = _ApiAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.trust_env = False
    return session


def test_answers_like_requests(server: str) -> None:
    ours = _session().get(f"{server}/json", timeout=5)
    theirs = requests.Session().get(f"{server}/json", timeout=5)
    assert ours.json() == theirs.json() == {"ok": True}
    for field in ("status_code", "encoding", "reason", "url"):
        assert getattr(ours, field) == getattr(theirs, field)
    assert dict(ours.headers).keys() == dict(theirs.headers).keys()
    assert ours.elapsed.total_seconds() >= 0 and ours.history == []


def test_a_cookie_set_is_kept(server: str) -> None:
    session = _session()
    response = session.get(f"{server}/cookie", timeout=5)
    assert response.cookies.get("session") == "abc"
    assert session.cookies.get("session") == "abc"
    assert _session().get(f"{server}/json", timeout=5).cookies.get("session") is None


def test_redirects_are_followed_or_offered(server: str) -> None:
    session = _session()
    followed = session.get(f"{server}/moved", timeout=5)
    assert followed.json() == {"ok": True} and [r.status_code for r in followed.history] == [302]
    held = session.get(f"{server}/moved", timeout=5, allow_redirects=False)
    assert held.status_code == 302 and held.next is not None
    assert held.next.url == f"{server}/json"


def test_a_closed_pool_is_replaced(server: str) -> None:
    session = _session()
    adapter = session.get_adapter(f"{server}/json")
    assert isinstance(adapter, _ApiAdapter)
    first = session.get(f"{server}/json", timeout=5)
    pools = list(adapter._pools.values())
    adapter.close()  # closes every pool, as the client's close() does
    assert [pool.pool for pool in pools] == [None]
    assert session.get(f"{server}/json", timeout=5).json() == first.json()
    assert list(adapter._pools.values()) != pools


def test_proxied_requests_take_requests_own_steps(server: str) -> None:
    adapter = _ApiAdapter()
    prepared = requests.Request("GET", f"{server}/json?x=1").prepare()
    assert adapter.request_url(prepared, {}) == "/json?x=1"
    proxied = {"http": "http://proxy.invalid:3128"}
    assert adapter.request_url(prepared, proxied) == HTTPAdapter().request_url(prepared, proxied)
    assert adapter.request_url(prepared, proxied) == f"{server}/json?x=1"
    pool = adapter.get_connection_with_tls_context(prepared, True, proxied)
    assert pool.proxy is not None and adapter._pools == {}


def test_a_body_cut_short_raises_what_requests_raises(server: str) -> None:
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        requests.Session().get(f"{server}/cut", timeout=5)
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        _session().get(f"{server}/cut", timeout=5)
    streamed = _session().get(f"{server}/cut", timeout=5, stream=True)  # read later, by requests
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        streamed.content  # noqa: B018
