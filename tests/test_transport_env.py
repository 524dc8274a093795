"""The sync transport reads the environment's proxy and CA bundle settings once per host and
prepares requests with less work than requests.Session: every answer must be the one requests
itself gives (compared here with requests' own results), and set_host / another host reads the
environment again."""

from __future__ import annotations

from typing import Any, Optional

import pytest
import requests
from requests.adapters import HTTPAdapter

from kitsu_sdk import KitsuClient
from kitsu_sdk._core.transport import Transport, _ApiSession, _keep_headers, _Session

ENV_NAMES = (
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
)

# Environment configurations: name -> variables set (all the others are removed).
CONFIGS: dict[str, dict[str, str]] = {
    "nothing": {},
    "http proxy": {"HTTP_PROXY": "http://proxy.corp:3128"},
    "both proxies, lower case": {
        "http_proxy": "http://p1:1",
        "https_proxy": "http://p2:2",
    },
    "lower case wins": {"https_proxy": "http://lower:1", "HTTPS_PROXY": "http://upper:2"},
    "all_proxy": {"ALL_PROXY": "socks5://socks.corp:1080"},
    "no_proxy host": {
        "HTTPS_PROXY": "http://p:1",
        "HTTP_PROXY": "http://p:1",
        "NO_PROXY": "kitsu.example.com",
    },
    "no_proxy suffix": {"HTTP_PROXY": "http://p:1", "no_proxy": ".example.com,other"},
    "no_proxy with port": {"HTTP_PROXY": "http://p:1", "NO_PROXY": "kitsu.example.com:8443"},
    "no_proxy cidr": {"HTTP_PROXY": "http://p:1", "NO_PROXY": "127.0.0.0/8"},
    "no_proxy plain ip": {"HTTP_PROXY": "http://p:1", "NO_PROXY": "10.1.2.3, 127.0.0.1"},
    "no_proxy star": {"HTTP_PROXY": "http://p:1", "NO_PROXY": "*"},
    "no_proxy elsewhere": {"HTTP_PROXY": "http://p:1", "NO_PROXY": "intranet.local"},
    "ca bundle": {"REQUESTS_CA_BUNDLE": "/etc/ssl/corp.pem"},
    "curl ca bundle": {"CURL_CA_BUNDLE": "/etc/ssl/curl.pem"},
    "both bundles": {"REQUESTS_CA_BUNDLE": "/a.pem", "CURL_CA_BUNDLE": "/b.pem"},
    "everything": {
        "HTTPS_PROXY": "http://p:1",
        "HTTP_PROXY": "http://p:2",
        "NO_PROXY": "localhost",
        "REQUESTS_CA_BUNDLE": "/etc/ssl/corp.pem",
    },
}

URLS = (
    "https://kitsu.example.com/api/data/projects",
    "http://kitsu.example.com/api/data/projects?x=1",
    "https://kitsu.example.com:8443/api/auth/authenticated",
    "http://127.0.0.1:5000/data/persons",
    "http://10.1.2.3/api",
    "http://localhost:8080/api",
    "https://user:secret@other.host/api",
)


def _set_env(monkeypatch: pytest.MonkeyPatch, values: dict[str, str]) -> None:
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    for name, value in values.items():
        monkeypatch.setenv(name, value)


def _ours(verify: Any = True) -> _ApiSession:
    session = _ApiSession()
    session.verify = verify
    return session


@pytest.mark.parametrize("config", sorted(CONFIGS))
@pytest.mark.parametrize("target", URLS)
def test_environment_settings_are_requests_own(
    monkeypatch: pytest.MonkeyPatch, config: str, target: str
) -> None:
    _set_env(monkeypatch, CONFIGS[config])
    expected = requests.Session().merge_environment_settings(target, {}, None, None, None)
    session = _ours()
    first = session.merge_environment_settings(target, {}, None, None, None)
    again = session.merge_environment_settings(target, {}, None, None, None)  # from the cache
    assert first == expected
    assert again == expected
    # Per-request arguments still win, exactly as in requests.
    explicit = ({"https": "http://explicit:9"}, True, "/my/ca.pem", ("c.pem", "k.pem"))
    proxies, stream, verify, cert = explicit
    assert session.merge_environment_settings(
        target, dict(proxies), stream, verify, cert
    ) == requests.Session().merge_environment_settings(target, dict(proxies), stream, verify, cert)


@pytest.mark.parametrize("config", sorted(CONFIGS))
@pytest.mark.parametrize("verify", [False, "/client/own-ca.pem"])
def test_the_clients_own_tls_setting_still_wins_over_the_ca_variables(
    monkeypatch: pytest.MonkeyPatch, config: str, verify: Any
) -> None:
    # The behaviour of _Session (psf/requests#3829), unchanged by the cache.
    _set_env(monkeypatch, CONFIGS[config])
    target = URLS[0]
    plain = _Session()
    plain.verify = verify
    expected = plain.merge_environment_settings(target, {}, None, None, None)
    assert expected["verify"] == verify
    assert _ours(verify).merge_environment_settings(target, {}, None, None, None) == expected


def test_an_explicit_no_proxy_argument_is_requests_path(monkeypatch: pytest.MonkeyPatch) -> None:
    _set_env(monkeypatch, {"HTTP_PROXY": "http://p:1"})
    target = "http://kitsu.example.com/api"
    args = ({"no_proxy": "kitsu.example.com"}, None, None, None)
    assert _ours().merge_environment_settings(
        target, dict(args[0]), None, None, None
    ) == requests.Session().merge_environment_settings(target, dict(args[0]), None, None, None)


class _Recorder(HTTPAdapter):
    """Records what the session hands to its adapter, and answers 200 without a network."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[dict[str, Any]] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        self.seen.append({"url": request.url, "headers": dict(request.headers), **kwargs})
        response = requests.Response()
        response.status_code = 200
        response._content = b"{}"
        response.request = request
        response.url = request.url or ""
        return response


def _record(session: requests.Session) -> _Recorder:
    recorder = _Recorder()
    session.mount("http://", recorder)
    session.mount("https://", recorder)
    return recorder


def _transport(host_verify: Any = True) -> tuple[Transport, _Recorder]:
    class NoAuth:
        def header(self) -> tuple[dict[str, str], Optional[str]]:
            return {"Authorization": "Bearer t0k3n"}, "t0k3n"

        def ensure_fresh(self) -> None:
            return None

        def renew(self, stale_token: str) -> bool:
            return False

    transport = Transport(NoAuth(), verify=host_verify)
    return transport, _record(transport.session)


@pytest.mark.parametrize("config", sorted(CONFIGS))
def test_a_sent_request_gets_the_proxies_and_verify_requests_would_give(
    monkeypatch: pytest.MonkeyPatch, config: str
) -> None:
    _set_env(monkeypatch, CONFIGS[config])
    for target in URLS:
        transport, ours = _transport()
        transport.request("GET", target, "p", params={"a": [1, 2]}, timeout=(1, 2))
        bare = requests.Session()
        bare.auth = _keep_headers
        bare.headers["User-Agent"] = "kitsu_sdk"
        theirs = _record(bare)
        bare.get(
            target, params={"a": [1, 2]}, timeout=(1, 2), headers={"Authorization": "Bearer t0k3n"}
        )
        assert ours.seen == theirs.seen, (config, target)


def test_the_environment_is_read_once_per_host_and_again_on_set_host(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _set_env(monkeypatch, {"HTTP_PROXY": "http://first:1"})
    client = KitsuClient("http://kitsu.example.com/api", token="t0k3n")
    recorder = _record(client.transport.session)
    client.get("data/projects")
    assert recorder.seen[-1]["proxies"]["http"] == "http://first:1"

    calls: list[str] = []
    real = requests.utils.get_environ_proxies

    def counting(url: str, no_proxy: Optional[str] = None) -> dict[str, str]:
        calls.append(url)
        return real(url, no_proxy=no_proxy)

    monkeypatch.setattr(requests.utils, "get_environ_proxies", counting)
    for _ in range(5):
        client.get("data/projects")
    assert calls == []  # cached for the client's host

    monkeypatch.setenv("HTTP_PROXY", "http://second:2")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/corp.pem")
    client.get("data/projects")
    assert recorder.seen[-1]["proxies"]["http"] == "http://first:1"  # until set_host

    client.set_host("http://kitsu.example.com/api")  # the same host: read again
    client.get("data/projects")
    assert recorder.seen[-1]["proxies"]["http"] == "http://second:2"
    assert recorder.seen[-1]["verify"] == "/etc/ssl/corp.pem"
    assert len(calls) == 1

    monkeypatch.setenv("NO_PROXY", "other.example.com")
    client.set_host("http://other.example.com/api")  # a new host, now bypassed
    client.get("data/projects")
    assert recorder.seen[-1]["url"].startswith("http://other.example.com/")
    assert recorder.seen[-1]["proxies"] == {}
    assert len(calls) == 2


def test_a_request_to_another_host_reads_the_environment_for_that_host(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _set_env(monkeypatch, {"HTTP_PROXY": "http://p:1", "NO_PROXY": "files.example.com"})
    transport, recorder = _transport()
    transport.request("GET", "http://kitsu.example.com/api/x", "x")
    transport.request("GET", "http://files.example.com/y", "y")
    transport.request("GET", "http://kitsu.example.com/api/x", "x")
    assert [seen["proxies"] for seen in recorder.seen] == [
        {"http": "http://p:1", "no": "files.example.com"},
        {},
        {"http": "http://p:1", "no": "files.example.com"},
    ]


REQUESTS = (
    {"method": "get", "url": "http://h:1/api/data/projects"},
    {"method": "get", "url": "http://h:1/api/data/tasks", "params": {"a": [1, 2], "b": None}},
    {"method": "get", "url": "http://h:1/api/x?y=1", "params": [("z", "é")]},
    {"method": "get", "url": "http://h:1/api/x", "params": "raw=1&k"},
    {"method": "post", "url": "http://h:1/api/data/shots", "json": {"name": "sh010"}},
    {"method": "put", "url": "http://h:1/api/data/shots/1", "data": b"bytes"},
    {"method": "post", "url": "http://h:1/api/form", "data": {"k": "v"}},
    {"method": "delete", "url": "http://h:1/api/data/shots/1"},
    {"method": "get", "url": "http://h:1/api/é space/ü", "headers": {"X-Extra": "1"}},
    {"method": "get", "url": "http://h:1/api/x", "headers": {"Accept": None, "X-B": b"bytes"}},
)


@pytest.mark.parametrize("spec", REQUESTS, ids=lambda spec: f"{spec['method']} {spec['url']}")
def test_prepared_requests_are_the_ones_requests_prepares(
    monkeypatch: pytest.MonkeyPatch, spec: dict[str, Any]
) -> None:
    _set_env(monkeypatch, {})
    prepared = []
    for session in (_ApiSession(), requests.Session()):
        session.auth = _keep_headers
        session.headers["User-Agent"] = "kitsu_sdk"
        session.params = {"session": "p"} if "params" in spec else {}
        recorder = _record(session)
        for _ in range(2):  # the second time from the memos
            kwargs = dict(spec)
            session.request(kwargs.pop("method"), kwargs.pop("url"), **kwargs)
        assert recorder.seen[0] == recorder.seen[1]
        prepared.append(recorder.seen[0])
        request = requests.Request(**{**spec, "method": spec["method"].upper()})
        got = session.prepare_request(request)
        prepared.append((got.method, got.url, dict(got.headers), got.body, got.hooks))
    assert prepared[0] == prepared[2]
    assert prepared[1] == prepared[3]


def test_cookies_still_use_requests_path() -> None:
    session = _ApiSession()
    session.auth = _keep_headers
    recorder = _record(session)
    session.cookies.set("sid", "abc", domain="h.local")
    session.get("http://h.local/api/x", cookies={"extra": "1"})
    assert "sid=abc" in recorder.seen[-1]["headers"]["Cookie"]
    assert "extra=1" in recorder.seen[-1]["headers"]["Cookie"]


def test_an_invalid_header_is_still_refused_after_valid_ones_were_memorised() -> None:
    session = _ApiSession()
    session.auth = _keep_headers
    _record(session)
    session.get("http://h/api/x", headers={"X-Ok": "fine"})
    with pytest.raises(requests.exceptions.InvalidHeader):
        session.get("http://h/api/x", headers={"X-Ok": "fine\r\nInjected: 1"})
    with pytest.raises(requests.exceptions.InvalidHeader):
        session.get("http://h/api/x", headers={"X-Ok": " fine"})
    with pytest.raises(requests.exceptions.InvalidURL):
        session.get("http://")


def test_one_session_prepares_a_mix_of_requests_as_requests_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The memos are keyed by everything that changes the answer: the same URL with other
    # parameters, other headers or another token is prepared anew.
    _set_env(monkeypatch, {})
    specs = [
        *REQUESTS,
        {"method": "get", "url": "http://h:1/api/data/tasks", "params": {"a": [3]}},
        {"method": "get", "url": "http://h:1/api/data/tasks"},
        {"method": "get", "url": "http://h:1/api/data/tasks", "params": "a=4"},
        {"method": "get", "url": "http://h:1/api/x", "headers": {"Authorization": "Bearer 2"}},
        {"method": "get", "url": "http://h:1/api/x", "headers": {"authorization": "Bearer 3"}},
    ]
    seen = []
    for session in (_ApiSession(), requests.Session()):
        session.auth = _keep_headers
        recorder = _record(session)
        for spec in specs * 2:
            kwargs = dict(spec)
            session.request(kwargs.pop("method"), kwargs.pop("url"), **kwargs)
        seen.append(recorder.seen)
    assert seen[0] == seen[1]
