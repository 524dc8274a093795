"""Transport behaviour, tested once: retries, Retry-After, token refresh and replay, transfers."""

from __future__ import annotations

import json
import logging
import os
import threading
from typing import Any

import pytest
import requests
import responses
from responses import matchers
from unit_helpers import HOST, make_jwt, url

from kitsu_sdk import KitsuClient
from kitsu_sdk._core.retry import RetryPolicy, retry_after_seconds
from kitsu_sdk._core.transport import _never_reached_server
from kitsu_sdk.exception import (
    AuthenticationError,
    DownloadError,
    InvalidResponseError,
    KitsuConnectionError,
    KitsuTimeoutError,
    MissingFileError,
    NotFoundError,
    ServerError,
)


def test_get_retries_on_503_then_succeeds(
    api: responses.RequestsMock, client: KitsuClient, sleeps: list[float]
) -> None:
    api.get(url("data/projects"), status=503, json={"message": "busy"})
    api.get(url("data/projects"), status=502)
    api.get(url("data/projects"), json=[{"id": "p"}])
    assert client.get("data/projects") == [{"id": "p"}]
    assert len(api.calls) == 3
    assert sleeps == [0.25, 0.5]  # backoff 0.5 * 2**n, lower half with jitter 0


def test_retries_are_bounded(
    api: responses.RequestsMock, client: KitsuClient, sleeps: list[float]
) -> None:
    api.get(url("data/projects"), status=504)
    with pytest.raises(ServerError) as info:
        client.get("data/projects")
    assert len(api.calls) == 1 + client.retry.max_retries
    assert len(sleeps) == client.retry.max_retries
    assert info.value.status == 504


def test_retry_after_is_honoured(
    api: responses.RequestsMock, client: KitsuClient, sleeps: list[float]
) -> None:
    api.get(url("data/tasks"), status=429, headers={"Retry-After": "7"})
    api.get(url("data/tasks"), json=[])
    assert client.get("data/tasks") == []
    assert sleeps == [7.0]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_a_429_is_retried_for_every_method(
    api: responses.RequestsMock, client: KitsuClient, sleeps: list[float], method: str
) -> None:
    # 429: Zou (or its proxy) refused the request before doing it, so a retried POST cannot
    # create twice.
    api.add(method, url("data/tasks"), status=429, headers={"Retry-After": "2"})
    api.add(method, url("data/tasks"), json={"id": "t"})
    assert client.request(method, "data/tasks", json={"name": "x"}) == {"id": "t"}
    assert sleeps == [2.0] and len(api.calls) == 2


def test_a_503_on_a_post_is_not_retried(
    api: responses.RequestsMock, client: KitsuClient, sleeps: list[float]
) -> None:
    api.post(url("data/tasks"), status=503)
    with pytest.raises(ServerError):
        client.post("data/tasks", {"name": "x"})
    assert sleeps == [] and len(api.calls) == 1


def test_retry_after_too_long_raises_at_once(
    api: responses.RequestsMock, client: KitsuClient, sleeps: list[float]
) -> None:
    api.get(url("data/tasks"), status=429, headers={"Retry-After": "3600"})
    with pytest.raises(Exception) as info:
        client.get("data/tasks")
    assert getattr(info.value, "status", None) == 429
    assert sleeps == []


def test_retry_after_http_date() -> None:
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after_seconds("12") == 12.0
    assert retry_after_seconds("soon") is None


def test_post_is_not_retried_on_503(
    api: responses.RequestsMock, client: KitsuClient, sleeps: list[float]
) -> None:
    api.post(url("data/projects"), status=503)
    with pytest.raises(ServerError):
        client.post("data/projects", {"name": "x"})
    assert len(api.calls) == 1
    assert sleeps == []


def test_put_and_delete_are_retried(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.put(url("data/shots/1"), status=502)
    api.put(url("data/shots/1"), json={"id": "1"})
    api.delete(url("data/shots/1"), status=503)
    api.delete(url("data/shots/1"), status=204)
    assert client.put("data/shots/1", {"name": "a"}) == {"id": "1"}
    assert client.delete("data/shots/1") is None
    assert len(api.calls) == 4


def test_post_is_retried_when_the_connection_was_refused(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    refused = requests.exceptions.ConnectionError(ConnectionRefusedError(111, "refused"))
    api.post(url("data/projects"), body=refused)
    api.post(url("data/projects"), json={"id": "p"}, status=201)
    assert client.post("data/projects", {"name": "x"}) == {"id": "p"}
    assert len(api.calls) == 2


def test_post_is_not_retried_when_the_connection_dropped(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    dropped = requests.exceptions.ConnectionError("Connection aborted: RemoteDisconnected")
    api.post(url("data/projects"), body=dropped)
    with pytest.raises(KitsuConnectionError):
        client.post("data/projects", {"name": "x"})
    assert len(api.calls) == 1


def test_get_connection_errors_are_retried_then_raised(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/projects"), body=requests.exceptions.ConnectionError("reset"))
    with pytest.raises(KitsuConnectionError) as info:
        client.get("data/projects")
    assert len(api.calls) == 4
    assert info.value.method == "GET"
    assert isinstance(info.value, ConnectionError)


def test_timeouts_become_kitsu_timeout_errors(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/projects"), body=requests.exceptions.ReadTimeout("slow"))
    with pytest.raises(KitsuTimeoutError):
        client.get("data/projects")


def test_timeout_is_always_sent(client: KitsuClient, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []

    def fake_request(method: str, target: str, **kwargs: Any) -> requests.Response:
        seen.append(kwargs["timeout"])
        response = requests.Response()
        response.status_code = 200
        response._content = b"[]"
        return response

    monkeypatch.setattr(client.transport.session, "request", fake_request)
    client.get("data/projects")
    client.get("data/projects", timeout=(1, 2))
    client.upload_timeout = None
    assert seen == [client.timeout, (1, 2)]
    assert client.timeout is not None


def test_never_reached_server_detects_refusal_inside_urllib3_errors() -> None:
    from urllib3.exceptions import MaxRetryError, NewConnectionError

    inner = NewConnectionError(None, "Failed to establish a new connection: refused")  # type: ignore[arg-type]
    outer = requests.exceptions.ConnectionError(MaxRetryError(None, "/", inner))  # type: ignore[arg-type]
    assert _never_reached_server(outer)
    assert not _never_reached_server(requests.exceptions.ConnectionError("reset by peer"))


# -- token expiry --


def _expired_then_ok(api: responses.RequestsMock, path: str) -> None:
    api.get(url(path), status=401, json={"error": True, "message": "Signature has expired"})
    api.get(url(path), json={"ok": True})


def test_expired_token_is_refreshed_once_and_replayed(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    old_refresh = client.tokens["refresh_token"]
    new_access = make_jwt(7200)
    _expired_then_ok(api, "data/projects")
    api.get(
        url("auth/refresh-token"),
        json={"access_token": new_access},
        match=[matchers.header_matcher({"Authorization": f"Bearer {old_refresh}"})],
    )
    assert client.get("data/projects") == {"ok": True}
    assert client.tokens == {"access_token": new_access, "refresh_token": old_refresh}
    assert api.calls[2].request.headers["Authorization"] == f"Bearer {new_access}"
    assert client.refresh_count == 1


def test_422_signature_expired_also_refreshes(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/projects"), status=422, json={"msg": "Signature has expired"})
    api.get(url("data/projects"), json=[])
    api.get(url("auth/refresh-token"), json={"access_token": make_jwt()})
    assert client.get("data/projects") == []
    assert client.refresh_count == 1


def test_malformed_token_422_is_an_authentication_error_without_refresh(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/projects"), status=422, json={"msg": "Not enough segments"})
    with pytest.raises(AuthenticationError):
        client.get("data/projects")
    assert client.refresh_count == 0


def test_refresh_failure_falls_back_to_one_login(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.post(
        url("auth/login"),
        json={
            "login": True,
            "access_token": make_jwt(),
            "refresh_token": make_jwt(),
            "user": {"id": "u"},
        },
    )
    client.log_in("a@b.c", "pw")
    api.get(url("data/projects"), status=401, json={"message": "Signature has expired"})
    api.get(url("data/projects"), json=[1])
    api.get(url("auth/refresh-token"), status=401, json={"msg": "Token has been revoked"})
    assert client.get("data/projects") == [1]
    logins = [c for c in api.calls if c.request.url.endswith("auth/login")]
    assert len(logins) == 2


def test_still_unauthorized_after_renewal_raises(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/projects"), status=401, json={"message": "Signature has expired"})
    api.get(url("auth/refresh-token"), json={"access_token": make_jwt()})
    with pytest.raises(AuthenticationError):
        client.get("data/projects")
    assert len([c for c in api.calls if "refresh-token" in c.request.url]) == 1


def test_bot_token_without_refresh_raises_401(api: responses.RequestsMock) -> None:
    bot = KitsuClient(HOST, token="bot-token-value")
    api.get(url("data/projects"), status=401, json={"msg": "Token has been revoked"})
    with pytest.raises(AuthenticationError) as info:
        bot.get("data/projects")
    assert len(api.calls) == 1
    assert "bot-token-value" not in str(info.value)


def test_sixteen_threads_hitting_expiry_cause_one_refresh(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    stale = client.tokens["access_token"]
    fresh = make_jwt(7200)
    refreshes: list[int] = []

    def by_token(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        if request.headers["Authorization"] == f"Bearer {stale}":
            return 401, {}, '{"message": "Signature has expired"}'
        return 200, {}, "[]"

    def refresh(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        refreshes.append(1)
        return 200, {}, json.dumps({"access_token": fresh})

    api.add_callback(responses.GET, url("data/tasks"), callback=by_token)
    api.add_callback(responses.GET, url("auth/refresh-token"), callback=refresh)
    barrier = threading.Barrier(16)
    errors: list[BaseException] = []

    def work() -> None:
        barrier.wait()
        try:
            assert client.get("data/tasks") == []
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(refreshes) == 1
    assert client.refresh_count == 1


def test_proactive_refresh_when_exp_is_close(api: responses.RequestsMock) -> None:
    soon = KitsuClient(
        HOST, token={"access_token": make_jwt(10, iat_ago=3590), "refresh_token": make_jwt()}
    )
    fresh = make_jwt(7200)
    api.get(url("auth/refresh-token"), json={"access_token": fresh})
    api.get(
        url("data/projects"),
        json=[],
        match=[matchers.header_matcher({"Authorization": f"Bearer {fresh}"})],
    )
    assert soon.get("data/projects") == []
    assert [c.request.url.split("/api/")[1] for c in api.calls] == [
        "auth/refresh-token",
        "data/projects",
    ]


def test_short_lived_tokens_are_not_refreshed_on_every_call(api: responses.RequestsMock) -> None:
    short = KitsuClient(HOST, token={"access_token": make_jwt(4), "refresh_token": make_jwt()})
    api.get(url("data/projects"), json=[])
    short.get("data/projects")
    assert short.refresh_count == 0


# -- transfers --


def test_download_is_atomic_on_404(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any
) -> None:
    api.get(
        url("pictures/originals/preview-files/x.png"),
        status=404,
        json={"error": True, "message": "Not found"},
    )
    target = tmp_path / "out.png"
    with pytest.raises(NotFoundError):
        client.download("pictures/originals/preview-files/x.png", target)
    assert os.listdir(tmp_path) == []


def test_download_cut_mid_stream_leaves_nothing(tmp_path: Any) -> None:
    """A real socket that sends half the announced body, then closes."""
    import http.server

    class Half(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"x" * 30000)
            self.wfile.flush()
            self.connection.shutdown(2)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Half)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host = f"http://127.0.0.1:{server.server_address[1]}"
        local = KitsuClient(host, token="t", retry=RetryPolicy(sleep=lambda s: None))
        with pytest.raises(DownloadError):
            local.download("movies/x.mp4", tmp_path / "movie.mp4")
        assert os.listdir(tmp_path) == []
    finally:
        server.shutdown()


def test_download_waits_while_zou_processes_the_preview(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any, sleeps: list[float]
) -> None:
    path = "movies/low/preview-files/z.mp4"
    api.get(url(path), status=202, headers={"Retry-After": "2"})
    api.get(url(path), status=202)
    api.get(url(path), body=b"movie")
    client.download(path, tmp_path / "z.mp4")
    assert (tmp_path / "z.mp4").read_bytes() == b"movie"
    assert sleeps == [2.0, 1.0]


def test_download_gives_up_after_the_processing_timeout(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any
) -> None:
    from kitsu_sdk.exception import PreviewProcessingError

    api.get(url("movies/low/preview-files/z.mp4"), status=202)
    with pytest.raises(PreviewProcessingError):
        client.download("movies/low/preview-files/z.mp4", tmp_path / "z.mp4", processing_timeout=0)
    assert os.listdir(tmp_path) == []


def test_download_reports_progress_and_writes_the_bytes(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any
) -> None:
    payload = os.urandom(600 * 1024)
    api.get(
        url("pictures/originals/preview-files/y.png"),
        body=payload,
        headers={"Content-Length": str(len(payload))},
    )
    progress: list[tuple[int, Any]] = []
    written = client.download(
        "pictures/originals/preview-files/y.png",
        tmp_path / "y.png",
        progress_callback=lambda done, total: progress.append((done, total)),
    )
    assert (tmp_path / "y.png").read_bytes() == payload
    assert written == str(tmp_path / "y.png")
    assert progress[-1] == (len(payload), len(payload))
    assert [p[0] for p in progress] == sorted(p[0] for p in progress)
    assert len(progress) == 3  # 256 KiB chunks


def test_upload_streams_multipart_with_progress(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any
) -> None:
    source = tmp_path / "preview.png"
    source.write_bytes(b"\x89PNG" + os.urandom(2000))
    seen: dict[str, Any] = {}

    def capture(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        body = request.body.read() if hasattr(request.body, "read") else request.body
        seen["body"] = body
        seen["type"] = request.headers["Content-Type"]
        seen["length"] = request.headers["Content-Length"]
        return 201, {}, '{"id": "p", "status": "ready"}'

    api.add_callback(responses.POST, url("pictures/preview-files/p"), callback=capture)
    progress: list[tuple[int, Any]] = []
    result = client.upload(
        "pictures/preview-files/p",
        str(source),
        data={"revision": 2},
        progress_callback=lambda d, t: progress.append((d, t)),
    )
    assert result == {"id": "p", "status": "ready"}
    body = seen["body"]
    boundary = seen["type"].split("boundary=")[1].encode()
    assert body.startswith(b"--" + boundary + b"\r\n")
    assert body.endswith(b"--" + boundary + b"--\r\n")
    assert int(seen["length"]) == len(body)
    assert b'name="file"; filename="preview.png"\r\nContent-Type: image/png\r\n' in body
    assert source.read_bytes() in body
    assert b'name="revision"\r\n\r\n2\r\n' in body
    assert progress[-1] == (len(body), len(body))


def test_upload_of_missing_file_fails_before_the_network(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    with pytest.raises(MissingFileError):
        client.upload("pictures/preview-files/p", "/nonexistent/file.png")
    assert len(api.calls) == 0


def test_upload_is_not_retried_after_a_dropped_connection(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any
) -> None:
    from kitsu_sdk.exception import UploadError

    source = tmp_path / "a.png"
    source.write_bytes(b"data")
    api.post(
        url("pictures/preview-files/p"),
        body=requests.exceptions.ConnectionError("Connection aborted"),
    )
    with pytest.raises(UploadError):
        client.upload("pictures/preview-files/p", str(source))
    assert len(api.calls) == 1


# -- logging --


def test_logs_never_contain_tokens_or_passwords(
    api: responses.RequestsMock, caplog: pytest.LogCaptureFixture
) -> None:
    access, refresh = make_jwt(), make_jwt(99999)
    client = KitsuClient(HOST, retry=RetryPolicy(sleep=lambda s: None))
    api.post(
        url("auth/login"),
        json={
            "login": True,
            "access_token": access,
            "refresh_token": refresh,
            "user": {"email": "a@b.c"},
        },
    )
    api.get(url("data/projects"), status=401, json={"message": "Signature has expired"})
    api.get(url("data/projects"), status=503)
    api.get(url("data/projects"), json=[])
    api.get(url("auth/refresh-token"), json={"access_token": make_jwt(500)})
    with caplog.at_level(logging.DEBUG, logger="kitsu_sdk"):
        client.log_in("a@b.c", "s3cret-pass")
        client.get("data/projects")
    text = caplog.text + repr(client)
    assert caplog.records, "expected some log lines"
    for secret in (access, refresh, "s3cret-pass", client.tokens["access_token"]):
        assert secret not in text


def test_new_session_shares_tls_settings() -> None:
    client = KitsuClient(HOST, ssl_verify="/etc/ssl/certs/ca.pem", cert=("c.pem", "k.pem"))
    session = client.transport.new_session()
    assert session is not client.transport.session
    assert session.verify == "/etc/ssl/certs/ca.pem"
    assert session.cert == ("c.pem", "k.pem")


# -- successes whose body is not JSON ------------------------------------------------------------


def test_an_html_page_on_a_json_route_is_a_typed_error_at_once(
    api: responses.RequestsMock, client: KitsuClient, sleeps: list[float]
) -> None:
    page = "<html><body>" + "maintenance " * 1000 + "</body></html>"
    api.get(url("data/projects"), body=page, content_type="text/html")
    with pytest.raises(InvalidResponseError) as info:
        client.get("data/projects")
    error = info.value
    assert (error.status, error.method, error.path) == (200, "GET", "data/projects")
    assert "not JSON (text/html" in error.message
    assert len(str(error)) < 300 and len(error.body) <= 2001
    assert sleeps == [] and len(api.calls) == 1


def test_a_cut_json_body_is_retried_where_repeating_is_safe(
    api: responses.RequestsMock, client: KitsuClient, sleeps: list[float]
) -> None:
    api.get(url("data/projects/x"), body='{"id": "x", "na', content_type="application/json")
    api.get(url("data/projects/x"), json={"id": "x", "name": "P"})
    assert client.get("data/projects/x") == {"id": "x", "name": "P"}
    assert len(sleeps) == 1 and len(api.calls) == 2


def test_a_cut_json_body_on_a_post_is_raised_not_repeated(
    api: responses.RequestsMock, client: KitsuClient, sleeps: list[float]
) -> None:
    api.post(url("data/projects"), body='{"id": "x", "na', content_type="application/json")
    with pytest.raises(InvalidResponseError, match="cut short"):
        client.post("data/projects", {"name": "P"})
    assert sleeps == [] and len(api.calls) == 1


def test_text_answers_and_empty_bodies_are_not_errors(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url("data/x"), body="plain", content_type="text/plain")
    api.delete(url("data/x"), status=204)
    assert client.get("data/x", json_response=False) == "plain"
    assert client.delete("data/x") is None


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_downloaded_files_honour_the_umask(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any, umask: int, mode: int
) -> None:
    # Created as open() would: people sharing a render farm's folder can read them.
    api.get(url("pictures/x.png"), body=b"PNG")
    previous = os.umask(umask)
    try:
        written = client.download("pictures/x.png", tmp_path / "x.png")
    finally:
        os.umask(previous)
    assert os.stat(written).st_mode & 0o777 == mode
    assert os.listdir(tmp_path) == ["x.png"]


def test_a_delete_whose_answer_was_lost_and_then_404s_is_done(
    api: responses.RequestsMock, client: KitsuClient, sleeps: list[float]
) -> None:
    from kitsu_sdk import client as raw

    api.delete(url("data/shots/x"), body=requests.exceptions.ConnectionError("reset by peer"))
    api.delete(url("data/shots/x"), status=404, json={"message": "Shot not found"})
    assert raw.delete("data/shots/x", client=client) == ""  # the lost answer said "deleted"
    assert len(api.calls) == 2 and len(sleeps) == 1


def test_a_delete_of_something_never_there_is_still_not_found(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.delete(url("data/shots/x"), status=404, json={"message": "Shot not found"})
    with pytest.raises(NotFoundError):
        client.delete("data/shots/x")


def test_refused_connections_are_retried_past_max_retries_within_the_budget() -> None:
    # A Zou restart refuses connections for some seconds: a request rides it out, boundedly.
    waits: list[float] = []
    policy = RetryPolicy(sleep=waits.append, random=lambda: 1.0, connect_retry_seconds=20.0)
    client = KitsuClient("http://127.0.0.1:9/api", token="t", retry=policy)
    with pytest.raises(KitsuConnectionError, match="connection refused"):
        client.get("data/projects")
    assert len(waits) > policy.max_retries
    assert sum(waits) <= policy.connect_retry_seconds + 1e-9
    assert abs(sum(waits) - policy.connect_retry_seconds) < 1e-6
    quick: list[float] = []
    none = RetryPolicy(sleep=quick.append, random=lambda: 1.0, connect_retry_seconds=0)
    with pytest.raises(KitsuConnectionError):
        KitsuClient("http://127.0.0.1:9/api", token="t", retry=none).get("data/projects")
    assert len(quick) == none.max_retries
