"""What gazu scripts reach for beyond the module functions: `raw`, the exception names at the top,
gazu's return values (log_out, set_host, remove_*), the helpers, sorting and cache memo helpers,
check_status, and the task functions gazu 1.x removed."""

from __future__ import annotations

import asyncio
import datetime
import os
import pathlib
from typing import Any

import httpx
import pytest
import requests
import responses
from responses import matchers
from unit_helpers import HOST, url

import kitsu_sdk
from kitsu_sdk import KitsuClient, RetryPolicy, cache, helpers, sorting
from kitsu_sdk import client as raw
from kitsu_sdk import task as tk
from kitsu_sdk.aio import AsyncKitsuClient
from kitsu_sdk.aio import check_status as aio_check_status
from kitsu_sdk.exception import (
    AuthenticationError,
    BadRequestError,
    DownloadError,
    InvalidIdError,
    InvalidInputError,
    NotFoundError,
    ParameterException,
    RouteNotFoundException,
)

T = "11111111-1111-4111-8111-111111111111"
PERSON = "22222222-2222-4222-8222-222222222222"
TT = "33333333-3333-4333-8333-333333333333"
SHOT = "44444444-4444-4444-8444-444444444444"
TODO = "55555555-5555-4555-8555-555555555555"
WFA = "66666666-6666-4666-8666-666666666666"
CHECK = "77777777-7777-4777-8777-777777777777"


# -- top level -----------------------------------------------------------------------------------


def test_raw_is_gazus_alias_of_the_client_module() -> None:
    from kitsu_sdk import raw as imported

    assert imported is kitsu_sdk.raw is raw


@pytest.mark.parametrize(
    "name",
    [
        "AuthFailedException", "NotAuthenticatedException", "ParameterException",
        "RouteNotFoundException", "NotAllowedException", "ServerErrorException",
        "TooBigFileException", "UploadFailedException", "DownloadFileException",
        "GazuException", "HostException", "ValidationException",
    ],
)  # fmt: skip
def test_gazu_exception_names_are_at_the_top(name: str) -> None:
    from kitsu_sdk import exception

    assert getattr(kitsu_sdk, name) is getattr(exception, name)
    assert name in kitsu_sdk.__all__


def test_set_host_and_set_event_host_return_what_gazu_returns() -> None:
    client = KitsuClient("http://a.test/api")
    returned: Any = kitsu_sdk.set_host("http://b.test/api", client=client)  # type: ignore[func-returns-value]
    assert returned is None
    returned = kitsu_sdk.set_event_host("http://b.test", client=client)  # type: ignore[func-returns-value]
    assert returned is None
    assert client.host == "http://b.test/api" and client.event_host == "http://b.test"
    assert raw.set_host("http://c.test/api", client=client) == "http://c.test/api"
    assert raw.set_event_host("http://c.test", client=client) == "http://c.test"


def test_log_out_returns_an_empty_dict_even_when_the_token_expired(
    api: responses.RequestsMock,
) -> None:
    client = KitsuClient(HOST, token="tok")
    api.get(url("auth/logout"), json={"logout": True})
    assert kitsu_sdk.log_out(client=client) == {}
    assert client.tokens == {}
    client.set_token("expired")
    api.get(url("auth/logout"), json={"msg": "Token has expired"}, status=401)
    assert kitsu_sdk.log_out(client=client) == {}  # logged out either way, as gazu
    assert client.tokens == {}


def test_log_out_still_raises_on_a_server_error(api: responses.RequestsMock) -> None:
    client = KitsuClient(HOST, token="tok", retry=RetryPolicy(max_retries=0))
    api.get(url("auth/logout"), json={"message": "boom"}, status=500)
    with pytest.raises(kitsu_sdk.ServerError):
        kitsu_sdk.log_out(client=client)
    assert client.tokens == {}


def test_refresh_token_is_gazu_0x_name_of_refresh_access_token(
    api: responses.RequestsMock,
) -> None:
    client = KitsuClient(HOST)
    client.set_tokens({"access_token": "old", "refresh_token": "ref"})
    api.get(
        url("auth/refresh-token"),
        json={"access_token": "new"},
        match=[matchers.header_matcher({"Authorization": "Bearer ref"})],
    )
    assert kitsu_sdk.refresh_token(client=client)["access_token"] == "new"


def test_make_auth_header_has_gazus_keys() -> None:
    agent = f"kitsu_sdk/{kitsu_sdk.__version__}"
    assert KitsuClient(HOST, token="t").make_auth_header() == {
        "User-Agent": agent,
        "Authorization": "Bearer t",
    }
    assert AsyncKitsuClient(HOST).make_auth_header() == {"User-Agent": agent}


# -- check_status --------------------------------------------------------------------------------


def _response(status: int, body: bytes = b"", method: str = "GET") -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = body
    response.request = requests.Request(method, url("data/x")).prepare()
    return response


def test_check_status_passes_successes_and_raises_gazu_named_errors() -> None:
    assert raw.check_status(_response(200, b"{}"), "data/x") == (200, False)
    assert raw.check_status(_response(204), "data/x") == (204, False)
    with pytest.raises(ParameterException) as bad:
        raw.check_status(_response(400, b'{"message": "wrong name"}', "POST"), "data/x")
    assert (bad.value.status, bad.value.method, bad.value.message) == (400, "POST", "wrong name")
    with pytest.raises(RouteNotFoundException):
        raw.check_status(_response(404), "data/x")


def test_check_status_renews_an_expired_token_and_asks_for_a_retry(
    api: responses.RequestsMock,
) -> None:
    client = KitsuClient(HOST)
    client.set_tokens({"access_token": "old", "refresh_token": "ref"})
    api.get(url("auth/refresh-token"), json={"access_token": "new"})
    expired = _response(401, b'{"msg": "Token has expired"}')
    assert raw.check_status(expired, "data/x", client=client) == (401, True)
    assert client.tokens["access_token"] == "new"
    with pytest.raises(AuthenticationError):  # nothing to renew with
        raw.check_status(expired, "data/x", client=KitsuClient(HOST, token="bot"))


def test_get_message_from_response() -> None:
    assert raw.get_message_from_response(_response(400, b'{"message": "m"}')) == "m"
    assert raw.get_message_from_response(_response(400), "none") == "none"


def test_aio_check_status_reads_httpx_responses() -> None:
    async def main() -> None:
        request = httpx.Request("PUT", url("data/x"))
        ok = httpx.Response(200, json={}, request=request)
        assert await aio_check_status(ok, "data/x") == (200, False)
        bad = httpx.Response(400, json={"message": "no"}, request=request)
        with pytest.raises(BadRequestError) as error:
            await aio_check_status(bad, "data/x")
        assert (error.value.method, error.value.message) == ("PUT", "no")
        with pytest.raises(NotFoundError):
            await aio_check_status(httpx.Response(404, request=request), "data/x")

    asyncio.run(main())


def test_aio_check_status_reads_aiohttp_style_responses() -> None:
    class AiohttpLike:
        status = 403
        method = "DELETE"

        async def read(self) -> bytes:
            return b'{"message": "not yours"}'

    async def main() -> None:
        with pytest.raises(kitsu_sdk.PermissionDeniedError, match="not yours"):
            await aio_check_status(AiohttpLike(), "data/x")

    asyncio.run(main())


# -- helpers and sorting -------------------------------------------------------------------------


def test_normalize_model_parameter() -> None:
    shot = {"id": SHOT, "name": "SH010"}
    assert helpers.normalize_model_parameter(None) is None
    assert helpers.normalize_model_parameter(shot) is shot
    assert helpers.normalize_model_parameter(SHOT) == {"id": SHOT}
    for bad in ("SH010", 42, ["x"]):
        with pytest.raises(InvalidIdError):
            helpers.normalize_model_parameter(bad)  # type: ignore[arg-type]
    assert issubclass(InvalidIdError, ValueError)  # what gazu raises


def test_normalize_list_of_models_for_links() -> None:
    assert helpers.normalize_list_of_models_for_links() == []
    assert helpers.normalize_list_of_models_for_links([SHOT, {"id": T}]) == [SHOT, T]
    assert helpers.normalize_list_of_models_for_links(SHOT) == [SHOT]
    with pytest.raises(InvalidIdError):
        helpers.normalize_list_of_models_for_links([{"name": "no id"}])


def test_validate_date_format() -> None:
    assert helpers.validate_date_format("2026-12-01") == "2026-12-01"
    assert helpers.validate_date_format("2026-12-01T10:20:30") == "2026-12-01T10:20:30"
    for bad in ("2026-02-30", "01/12/2026", "2026-12-01 10:20:30", ""):
        with pytest.raises(InvalidInputError, match="YYYY-MM-DD"):
            helpers.validate_date_format(bad)


def test_sanitize_filename() -> None:
    assert helpers.sanitize_filename(" ../../etc/passwd ") == "__etcpasswd"
    assert helpers.sanitize_filename("shot (v2): final?.mov") == "shot v2 final.mov"


def test_download_file_writes_atomically_and_names_from_the_url(
    api: responses.RequestsMock, tmp_path: pathlib.Path
) -> None:
    api.get("http://files.test/media/frame", body=b"PNGDATA", content_type="image/png")
    written = helpers.download_file("http://files.test/media/frame", str(tmp_path))
    assert written == str(tmp_path / "frame.png")
    assert pathlib.Path(written).read_bytes() == b"PNGDATA"
    api.get("http://files.test/a.txt", body=b"x", match=[matchers.header_matcher({"X": "1"})])
    target = tmp_path / "chosen.txt"
    assert helpers.download_file("http://files.test/a.txt", str(target), {"X": "1"}) == str(target)
    temporary = helpers.download_file("http://files.test/media/frame")
    assert pathlib.Path(temporary).read_bytes() == b"PNGDATA"
    assert oct(os.stat(os.path.dirname(temporary)).st_mode & 0o777) == "0o700"


def test_download_file_fails_cleanly(api: responses.RequestsMock, tmp_path: pathlib.Path) -> None:
    api.get("http://files.test/missing.mov", status=404)
    with pytest.raises(DownloadError, match="404"):
        helpers.download_file("http://files.test/missing.mov", str(tmp_path))
    with pytest.raises(InvalidInputError):
        helpers.download_file("file:///etc/passwd", str(tmp_path))
    api.get("http://files.test/short.bin", body=b"abc", headers={"Content-Length": "10"},
            auto_calculate_content_length=False)  # fmt: skip
    with pytest.raises(Exception):  # noqa: B017 - requests or the length check, both are fine
        helpers.download_file("http://files.test/short.bin", str(tmp_path))
    assert list(tmp_path.iterdir()) == []  # nothing partial left


def test_sort_by_name() -> None:
    rows: list[dict[str, Any]] = [{"name": "b"}, {"name": None}, {"name": "A"}, {}]
    assert sorting.sort_by_name(rows) == [{"name": None}, {}, {"name": "A"}, {"name": "b"}]
    assert rows[0] == {"name": "b"}  # a new list


# -- cache memo helpers --------------------------------------------------------------------------


def test_cache_keys_are_gazus_json_and_never_hold_a_token() -> None:
    assert cache.get_cache_key((), {}) == ""
    assert cache.get_cache_key(("a", 1), {}) == '["a", 1]'
    assert cache.get_cache_key((), {"x": 1}) == '{"x": 1}'
    assert cache.get_cache_key(("a",), {"x": 1}) == '[["a"], {"x": 1}]'
    key = cache.get_cache_key(("a",), {"client": KitsuClient(HOST, token="secret-token")})
    assert "secret-token" not in key and HOST in key
    other = cache.get_cache_key(("a",), {"client": KitsuClient(HOST, token="other-token")})
    assert key != other


def test_memo_insert_get_expire_and_evict() -> None:
    memo: dict[str, Any] = {}
    calls: list[int] = []

    def square(x: int) -> list[int]:
        calls.append(x)
        return [x * x]

    value = cache.insert_value(square, memo, (3,), {})
    assert value == [9] and calls == [3]
    value.append(0)  # a copy: the memo is unchanged
    assert cache.get_value(memo, "[3]") == [9]
    state = {"enabled": True, "expire": 120, "maxsize": 1}
    assert not cache.is_cache_expired(memo, state, "[3]")
    memo["[3]"]["date_accessed"] -= datetime.timedelta(seconds=121)
    assert cache.is_cache_expired(memo, state, "[3]")
    assert not cache.is_cache_expired(memo, {**state, "expire": 0}, "[3]")
    cache.insert_value(square, memo, (4,), {})
    assert cache.remove_oldest_entry(memo, 1) == "[3]" and list(memo) == ["[4]"]
    assert cache.remove_oldest_entry(memo, 1) is None
    assert cache.remove_oldest_entry(memo, 0) is None


def test_is_cache_enabled_needs_the_cache_and_the_function_on() -> None:
    client = KitsuClient(HOST)
    previous = kitsu_sdk.client.default_client()
    kitsu_sdk.set_default_client(client)
    try:
        assert not cache.is_cache_enabled({"enabled": True})
        cache.enable()
        assert cache.is_cache_enabled({"enabled": True})
        assert not cache.is_cache_enabled({"enabled": False})
    finally:
        kitsu_sdk.set_default_client(previous)


# -- functions gazu 1.x removed ------------------------------------------------------------------


def test_get_task_by_name_is_get_task_by_entity(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    query = {"entity_id": SHOT, "task_type_id": TT, "name": "main"}
    api.get(url("data/tasks"), json=[{"id": T, "name": "main"}],
            match=[matchers.query_param_matcher(query)])  # fmt: skip
    assert tk.get_task_by_name({"id": SHOT}, TT, client=client) == {"id": T, "name": "main"}
    with pytest.raises(InvalidIdError):
        tk.get_task_by_name("SH010", TT, client=client)
    assert len(api.calls) == 1


def test_task_to_review_comments_with_the_feedback_request_status(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    statuses = [
        {"id": TODO, "short_name": "todo", "is_feedback_request": False},
        {"id": CHECK, "short_name": "check", "is_feedback_request": True},
        {"id": WFA, "short_name": "wfa", "is_feedback_request": True},
    ]
    api.get(url(f"data/tasks/{T}/full"), json={"id": T, "task_status_id": TODO})
    api.get(url("data/task-status"), json=statuses)
    api.post(url(f"actions/tasks/{T}/comment"), json={"id": "c1"},
             match=[matchers.json_params_matcher(
                 {"task_status_id": WFA, "comment": "ready", "person_id": PERSON},
                 strict_match=False)])  # fmt: skip
    api.get(url(f"data/tasks/{T}/full"), json={"id": T, "task_status_id": WFA})
    result = tk.task_to_review({"id": T}, PERSON, "ready", revision=2, client=client)
    assert result == {"id": T, "task_status_id": WFA}
    assert [c.request.method for c in api.calls] == ["GET", "GET", "POST", "GET"]


def test_task_to_review_can_keep_the_status(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url(f"data/tasks/{T}/full"), json={"id": T, "task_status_id": TODO})
    api.post(url(f"actions/tasks/{T}/comment"), json={"id": "c1"},
             match=[matchers.json_params_matcher({"task_status_id": TODO},
                                                 strict_match=False)])  # fmt: skip
    api.get(url(f"data/tasks/{T}/full"), json={"id": T, "task_status_id": TODO})
    kept = tk.task_to_review(T, PERSON, "wip", change_status=False, client=client)
    assert kept["task_status_id"] == TODO


def test_task_to_review_refuses_bad_input_before_any_request(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    bad_calls: list[Any] = [
        lambda: tk.task_to_review(T, PERSON, "x", revision=0, client=client),
        lambda: tk.task_to_review(T, PERSON, "x", revision=True, client=client),
        lambda: tk.task_to_review(T, PERSON, None, client=client),
        lambda: tk.task_to_review(T, "bob", "x", client=client),
    ]
    for bad in bad_calls:
        with pytest.raises(InvalidInputError):
            bad()
    assert len(api.calls) == 0


# -- answers as text, paths, messages ------------------------------------------------------------


def test_delete_and_json_response_false_give_zous_text_undecoded(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.delete(
        url(f"data/comments/{T}"), body='{"id":"x","replies":[]}', content_type="application/json"
    )
    api.get(url("data/projects"), body='[{"a":1}]', content_type="application/json")
    assert raw.delete(f"data/comments/{T}", client=client) == '{"id":"x","replies":[]}'
    assert raw.get("data/projects", json_response=False, client=client) == '[{"a":1}]'
    assert client.get("data/projects", json_response=False) == '[{"a":1}]'


def test_text_answers_never_come_from_or_go_to_the_cache(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    client.cache.enabled = True
    api.get(url("data/projects"), json=[{"a": 1}])
    assert raw.get("data/projects", client=client) == [{"a": 1}]
    assert raw.get("data/projects", json_response=False, client=client) == '[{"a": 1}]'
    assert raw.get("data/projects", client=client) == [{"a": 1}]
    # The cache holds marked operations' results (as gazu's @cache): raw requests are not cached.
    assert len(api.calls) == 3


def test_build_path_with_params_as_gazu() -> None:
    assert raw.build_path_with_params("data/shots", {"ids": ["a", "b"]}) == "data/shots?ids=a&ids=b"
    assert raw.build_path_with_params("data/shots?x=1", {"y": 2}) == "data/shots?x=1&y=2"
    assert raw.build_path_with_params("data/shots", {"y": None}) == "data/shots"
    assert raw.build_path_with_params("data/shots", {}) == "data/shots"


def test_messages_name_the_fields_zou_refused() -> None:
    refused = [
        {"field": "name", "message": "required"},
        {"field": "fps", "message": "not a number"},
    ]
    body = {"error": True, "message": "Invalid", "data": {"errors": refused}}
    assert raw.get_message_from_data(body) == "Invalid (name: required, fps: not a number)"
    assert raw.get_message_from_data({"error": True}) == "No additional information"
    error = kitsu_sdk.exception.error_for_response(400, "POST", "data/projects", body)
    assert "name: required" in str(error)
