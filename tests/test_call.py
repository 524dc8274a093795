"""The operation model without I/O (Call, Flow, the two runners), and the sync runner on a client:
errors thrown back into multi-step operations, 50 threads hitting an expired token."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
import responses
from unit_helpers import HOST, expect, make_jwt, url

from kitsu_sdk import KitsuClient
from kitsu_sdk._core.call import (
    Call,
    Download,
    Flow,
    Upload,
    get,
    known,
    post,
    run_async,
    run_sync,
    web_root,
)
from kitsu_sdk._core.retry import RetryPolicy
from kitsu_sdk.exception import (
    BadRequestError,
    InvalidIdError,
    NotFoundError,
    PreviewProcessingError,
    UploadError,
)

ID = "a1b2c3d4-0000-4000-8000-000000000001"


def test_a_call_is_plain_data_and_finishes_its_answer() -> None:
    call = get("data/shots", {"name": "SH010"}, then=len)
    assert (call.method, call.path, dict(call.params or {})) == (
        "GET",
        "data/shots",
        {"name": "SH010"},
    )
    assert call.finish([1, 2, 3]) == 3
    assert call.map(lambda n: n * 2).finish([1, 2]) == 4
    assert call.finish([1]) == 1, "map returns a new call"
    assert "GET /data/shots" in repr(call)


def test_upload_answers_that_mean_failure_raise() -> None:
    upload: Upload[Any] = Upload("pictures/x", [("file", "/tmp/x.png")])
    with pytest.raises(PreviewProcessingError):
        upload.finish({"status": "broken"})
    with pytest.raises(UploadError, match="nope"):
        upload.finish({"error": True, "message": "nope"})
    assert upload.finish({"id": ID}) == {"id": ID}


def test_a_download_of_a_full_url_is_labelled_without_its_query() -> None:
    call: Download[str] = Download("https://cdn.test/a.mp4?sig=secret", "/tmp/a.mp4", full=True)
    assert call.label == "https://cdn.test/a.mp4"


def _lookup_then_create(name: str) -> Flow[dict[str, Any]]:
    try:
        created: dict[str, Any] = yield from post("data/things", {"name": name})
    except BadRequestError:
        found: dict[str, Any] = yield from get("data/things", {"name": name}, then=lambda r: r[0])
        return found
    return created


def _fake_send(answers: dict[str, Any]) -> Any:
    sent: list[str] = []

    def send(call: Call[Any]) -> Any:
        sent.append(f"{call.method} {call.path}")
        answer = answers[call.method]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return send, sent


def test_errors_are_thrown_back_into_the_flow_at_the_yield() -> None:
    refused = BadRequestError(400, "POST", "data/things", "exists")
    send, sent = _fake_send({"POST": refused, "GET": [{"id": ID}]})
    assert run_sync(_lookup_then_create("a"), send) == {"id": ID}
    assert sent == ["POST data/things", "GET data/things"]


def test_an_error_the_flow_does_not_catch_propagates() -> None:
    missing = NotFoundError(404, "GET", "data/things", "gone")
    send, _sent = _fake_send({"POST": BadRequestError(400, "POST", "x", "no"), "GET": missing})
    with pytest.raises(NotFoundError):
        run_sync(_lookup_then_create("a"), send)


def test_the_async_runner_runs_the_same_flow() -> None:
    refused = BadRequestError(400, "POST", "data/things", "exists")
    send, sent = _fake_send({"POST": refused, "GET": [{"id": ID}]})

    async def asend(call: Call[Any]) -> Any:
        await asyncio.sleep(0)
        return send(call)

    assert asyncio.run(run_async(_lookup_then_create("a"), asend)) == {"id": ID}
    assert sent == ["POST data/things", "GET data/things"]


def test_known_needs_no_request() -> None:
    def never(call: Call[Any]) -> Any:
        raise AssertionError(f"sent {call!r}")

    assert run_sync(known(42), never) == 42


def test_operations_check_their_input_when_built_before_any_request() -> None:
    from kitsu_sdk._operations import shot as shot_ops

    with pytest.raises(InvalidIdError):
        shot_ops.get_shot("SH010")
    flow = shot_ops.get_shot_url("SH010")
    with pytest.raises(InvalidIdError):
        next(flow)  # a flow checks before its first call


def test_client_run_sends_a_call_and_asks_the_client(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "GET", f"data/shots/{ID}", answer={"id": ID, "project_id": ID})
    assert client.run(get(f"data/shots/{ID}")) == {"id": ID, "project_id": ID}
    assert client.run(web_root()) == HOST.rsplit("/api", 1)[0]
    assert client.shot.get_shot(ID) == {"id": ID, "project_id": ID}
    assert client.shot is client.shot, "one bound namespace per client"


def test_fifty_threads_hitting_an_expired_token_cause_one_refresh(
    api: responses.RequestsMock,
) -> None:
    old, new = make_jwt(), make_jwt(sub="11111111-1111-1111-1111-111111111111")
    client = KitsuClient(
        HOST,
        token={"access_token": old, "refresh_token": make_jwt(86400)},
        retry=RetryPolicy(sleep=lambda s: None),
    )
    lock = threading.Lock()
    refreshes = []

    def answer(request: Any) -> tuple[int, dict[str, str], str]:
        if request.headers["Authorization"] == f"Bearer {old}":
            return 401, {}, '{"msg": "Signature has expired"}'
        return 200, {}, f'{{"id": "{ID}"}}'

    def refresh(request: Any) -> tuple[int, dict[str, str], str]:
        with lock:
            refreshes.append(1)
        return 200, {}, f'{{"access_token": "{new}"}}'

    api.add_callback(responses.GET, url(f"data/shots/{ID}"), callback=answer)
    api.add_callback(responses.GET, url("auth/refresh-token"), callback=refresh)
    barrier = threading.Barrier(50)
    results: list[Any] = []

    def work() -> None:
        barrier.wait()
        results.append(client.shot.get_shot(ID))

    threads = [threading.Thread(target=work) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 50 and all(r == {"id": ID} for r in results)
    assert len(refreshes) == 1 and client.refresh_count == 1
