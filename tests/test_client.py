"""KitsuClient and gazu's module-level helpers: host forms, auth lifecycle, raw verbs."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import responses
from responses import matchers
from unit_helpers import HOST, make_jwt, url

import kitsu_sdk
from kitsu_sdk import KitsuClient
from kitsu_sdk import client as raw
from kitsu_sdk.exception import (
    BadRequestError,
    DefaultPasswordError,
    HostError,
    InactiveUserError,
    InvalidIdError,
    InvalidInputError,
    OTPRequiredError,
    TooManyAttemptsError,
    WrongCredentialsError,
    WrongOTPError,
)

ID = "a1b2c3d4-0000-4000-8000-000000000001"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://kitsu.example.com/api", "https://kitsu.example.com/api"),
        ("https://kitsu.example.com/api/", "https://kitsu.example.com/api"),
        ("http://127.0.0.1:5000", "http://127.0.0.1:5000"),
        ("http://127.0.0.1:5000/", "http://127.0.0.1:5000"),
        ("  https://k.test/api?x=1  ", "https://k.test/api"),
    ],
)
def test_host_forms_are_normalized(given: str, expected: str) -> None:
    assert KitsuClient(given).host == expected


@pytest.mark.parametrize("bad", ["", "kitsu.example.com", "ftp://x/api", None, 12])
def test_bad_hosts_are_refused(bad: Any) -> None:
    with pytest.raises(HostError):
        KitsuClient().set_host(bad)


def test_no_host_is_a_clear_error() -> None:
    with pytest.raises(HostError, match="set_host"):
        KitsuClient().get("data/projects")


def test_event_host_is_derived_from_the_api_host() -> None:
    assert KitsuClient("https://k.test/api").event_host == "https://k.test"
    assert KitsuClient("http://127.0.0.1:5000").event_host == "http://127.0.0.1:5000"
    c = KitsuClient("http://127.0.0.1:5000")
    c.set_event_host("http://127.0.0.1:5001/")
    assert c.event_host == "http://127.0.0.1:5001"


def test_paths_join_on_both_host_forms(api: responses.RequestsMock) -> None:
    api.get("http://127.0.0.1:5000/data/projects", json=[1])
    api.get("https://k.test/api/data/projects", json=[2])
    assert KitsuClient("http://127.0.0.1:5000/", token="t").get("/data/projects") == [1]
    assert KitsuClient("https://k.test/api/", token="t").get("data/projects") == [2]


def test_host_is_up_and_valid(api: responses.RequestsMock) -> None:
    api.get(url(""), json={"api": "Zou", "version": "1.0.97"})
    c = KitsuClient(HOST)
    assert c.host_is_up()
    assert c.host_is_valid()
    assert c.get_api_version() == "1.0.97"


def test_host_not_zou(api: responses.RequestsMock) -> None:
    api.get("http://other.test/", body="<html>hello</html>")
    c = KitsuClient("http://other.test")
    assert c.host_is_up()
    assert not c.host_is_valid()
    from kitsu_sdk._core.retry import RetryPolicy

    closed = KitsuClient("http://127.0.0.1:9", retry=RetryPolicy(sleep=lambda s: None))
    api.add_passthru("http://127.0.0.1:9")
    assert not closed.host_is_up()


def _login_ok(api: responses.RequestsMock, **match: Any) -> str:
    access = make_jwt()
    api.post(
        url("auth/login"),
        json={
            "login": True,
            "access_token": access,
            "refresh_token": make_jwt(),
            "user": {"id": ID},
        },
        **match,
    )
    return access


def test_log_in_sends_only_given_fields(api: responses.RequestsMock) -> None:
    c = KitsuClient(HOST)
    access = _login_ok(
        api,
        match=[
            matchers.json_params_matcher({"email": "me@x.y", "password": "pw", "totp": "123456"})
        ],
    )
    body = c.log_in("me@x.y", "pw", totp="123456")
    assert body["user"]["id"] == ID
    assert c.tokens["access_token"] == access
    assert "Authorization" not in api.calls[0].request.headers


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (400, {"login": False, "message": "Wrong email or password."}, WrongCredentialsError),
        (400, {"login": False, "missing_OTP": True}, OTPRequiredError),
        (400, {"login": False, "wrong_OTP": True}, WrongOTPError),
        (
            400,
            {
                "too_many_failed_login_attemps": True,
                "message": "Too many failed login attempts, retry in a minute.",
            },
            TooManyAttemptsError,
        ),
        (400, {"login": False, "default_password": True, "token": "reset"}, DefaultPasswordError),
        (401, {"login": False, "unactive": True}, InactiveUserError),
    ],
)
def test_login_failures_are_typed(
    api: responses.RequestsMock, status: int, body: dict[str, Any], error: type[Exception]
) -> None:
    api.post(url("auth/login"), status=status, json=body)
    c = KitsuClient(HOST)
    with pytest.raises(error) as info:
        c.log_in("me@x.y", "wrong-pw")
    assert "wrong-pw" not in str(info.value)
    assert c.tokens == {}
    assert len(api.calls) == 1  # a refused login is never retried


def test_login_bad_input_before_network(api: responses.RequestsMock) -> None:
    c = KitsuClient(HOST)
    with pytest.raises(InvalidInputError):
        c.log_in("", "pw")
    with pytest.raises(InvalidInputError):
        c.log_in("me@x.y", "")
    assert len(api.calls) == 0


def test_log_out_revokes_and_forgets(api: responses.RequestsMock, client: KitsuClient) -> None:
    token = client.tokens["access_token"]
    api.get(
        url("auth/logout"),
        json={"logout": True},
        match=[matchers.header_matcher({"Authorization": f"Bearer {token}"})],
    )
    client.log_out()
    assert client.tokens == {}


def test_set_token_for_bots(api: responses.RequestsMock) -> None:
    c = KitsuClient(HOST)
    c.set_token("bot-token")
    api.get(
        url("data/projects"),
        json=[],
        match=[matchers.header_matcher({"Authorization": "Bearer bot-token"})],
    )
    assert c.get("data/projects") == []
    with pytest.raises(kitsu_sdk.AuthenticationError):
        c.refresh_access_token()
    with pytest.raises(InvalidInputError):
        c.set_token("  ")


def test_repr_masks_tokens() -> None:
    token = make_jwt()
    c = KitsuClient(HOST, token=token)
    assert token not in repr(c)
    assert token[-4:] in repr(c)


def test_create_session_logs_in_and_out(api: responses.RequestsMock) -> None:
    _login_ok(api)
    api.get(url("auth/logout"), json={})
    with kitsu_sdk.create_session(HOST, "me@x.y", "pw") as session:
        assert session.tokens
    assert session.tokens == {}
    assert [c.request.url.rsplit("/", 1)[1] for c in api.calls] == ["login", "logout"]


def test_module_functions_resolve_the_default_client_at_call_time(
    api: responses.RequestsMock,
) -> None:
    previous = kitsu_sdk.default_client()
    try:
        first = kitsu_sdk.set_default_client(KitsuClient("http://one.test", token="a"))
        api.get("http://one.test/data/x", json=[1])
        assert raw.get("data/x") == [1]
        kitsu_sdk.set_default_client(KitsuClient("http://two.test", token="b"))
        api.get("http://two.test/data/x", json=[2])
        assert raw.get("data/x") == [2]
        assert kitsu_sdk.get_host() == "http://two.test"
        assert kitsu_sdk.get_host(client=first) == "http://one.test"
    finally:
        kitsu_sdk.set_default_client(previous)


def test_top_level_set_host_and_log_in(api: responses.RequestsMock) -> None:
    c = KitsuClient()
    kitsu_sdk.set_host("https://k.test/api/", client=c)
    kitsu_sdk.set_event_host("https://events.k.test", client=c)
    assert kitsu_sdk.get_event_host(client=c) == "https://events.k.test"
    api.post(
        "https://k.test/api/auth/login",
        json={"login": True, "access_token": "x", "refresh_token": "y", "user": {}},
    )
    kitsu_sdk.log_in("me@x.y", "pw", client=c)
    api.get("https://k.test/api/auth/refresh-token", json={"access_token": "z"})
    assert kitsu_sdk.refresh_access_token(client=c) == {"access_token": "z"}  # as gazu
    assert c.tokens == {"access_token": "z", "refresh_token": "y"}
    kitsu_sdk.set_token("bot", client=c)
    assert c.tokens == {"access_token": "bot"}


def test_raw_helpers(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(
        url("data/shots"),
        json=[{"id": ID}],
        match=[matchers.query_param_matcher({"project_id": ID, "fields": "id,name"})],
    )
    api.get(
        url("data/shots"),
        json=[{"id": ID}],
        match=[matchers.query_param_matcher({"project_id": ID})],
    )
    api.get(url(f"data/shots/{ID}"), json={"id": ID})
    api.post(
        url("data/shots"),
        json={"id": ID},
        status=201,
        match=[matchers.json_params_matcher({"name": "SH010"})],
    )
    api.put(
        url(f"data/shots/{ID}"),
        json={"id": ID, "name": "SH020"},
        match=[matchers.json_params_matcher({"name": "SH020"})],
    )
    api.delete(url(f"data/shots/{ID}"), status=204)
    api.post(url("import/kitsu/shots"), json=[], match=[matchers.json_params_matcher([{"id": ID}])])
    assert raw.fetch_all("shots", {"project_id": ID}, client=client, fields=["id", "name"]) == [
        {"id": ID}
    ]
    assert raw.fetch_first(
        "shots",
        {"project_id": ID},
        client=client,
    ) == {"id": ID}
    assert raw.fetch_one("shots", {"id": ID}, client=client) == {"id": ID}
    assert raw.create("shots", {"name": "SH010"}, client=client) == {"id": ID}
    assert raw.update("shots", ID, {"name": "SH020"}, client=client)["name"] == "SH020"
    assert raw.delete(f"data/shots/{ID}", client=client) == ""  # gazu returns the body text
    assert raw.import_data("shots", [{"id": ID}], client=client) == []
    with pytest.raises(InvalidIdError, match="SH010"):
        raw.fetch_one("shots", "SH010", client=client)


def test_fetch_all_paginated_walks_pages(api: responses.RequestsMock, client: KitsuClient) -> None:
    for page in (1, 2):
        api.get(
            url("data/tasks"),
            json={"data": [{"n": page}], "nb_pages": 2, "page": page, "limit": 1, "total": 2},
            match=[matchers.query_param_matcher({"page": str(page), "limit": "1"})],
        )
    assert raw.fetch_all("tasks", client=client, paginated=True, limit=1) == [{"n": 1}, {"n": 2}]


def test_params_are_not_mutated_and_are_encoded(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    params = {"id": [ID], "canceled": False, "missing": None}
    api.get(
        url("data/entities"),
        json=[],
        match=[matchers.query_param_matcher({"id": f'["{ID}"]', "canceled": "false"})],
    )
    raw.get("data/entities", params=params, client=client)
    assert params == {"id": [ID], "canceled": False, "missing": None}


def test_errors_carry_status_method_path_and_message(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.post(url("data/projects"), status=400, json={"error": True, "message": "Name missing"})
    with pytest.raises(BadRequestError) as info:
        raw.post("data/projects", {}, client=client)
    error = info.value
    assert (error.status, error.method, error.path, error.message) == (
        400,
        "POST",
        "data/projects",
        "Name missing",
    )
    assert error.body == {"error": True, "message": "Name missing"}


def test_api_url_from_host_is_the_site_root() -> None:
    assert raw.get_api_url_from_host(client=KitsuClient("https://k.test/api/")) == "https://k.test"
    assert KitsuClient("http://127.0.0.1:5000").web_root == "http://127.0.0.1:5000"


def test_url_helpers() -> None:
    assert raw.url_path_join("data", "/shots/", "x") == "data/shots/x"
    assert raw.build_path_with_params("data/x", {"a": 1, "b": None}) == "data/x?a=1"
    assert raw.get_full_url("data/x", client=KitsuClient(HOST)) == f"{HOST}/data/x"
    assert raw.get_message_from_data({"msg": "m"}) == "m"
    assert raw.make_auth_header(client=KitsuClient(HOST, token="tok")) == {
        "User-Agent": f"kitsu_sdk/{kitsu_sdk.__version__}",
        "Authorization": "Bearer tok",
    }
    assert raw.make_auth_header(client=KitsuClient(HOST)) == {
        "User-Agent": f"kitsu_sdk/{kitsu_sdk.__version__}"
    }


def test_get_current_user(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(url("auth/authenticated"), json={"authenticated": True, "user": {"id": ID}})
    assert raw.get_current_user(client=client) == {"id": ID}


def test_import_has_no_side_effects() -> None:
    code = (
        "import logging, sys, threading; n = threading.active_count(); import kitsu_sdk;"
        "assert 'requests' not in sys.modules, 'requests imported';"
        "assert 'socketio' not in sys.modules, 'socketio imported';"
        "import kitsu_sdk.aio; kitsu_sdk.KitsuClient('http://k.test/api').shot;"
        "assert not {'httpx', 'asyncio', 'aiohttp', 'requests'} & set(sys.modules), 'heavy import';"
        "assert not logging.getLogger().handlers, 'root logger configured';"
        "assert threading.active_count() == n;"
        "assert kitsu_sdk._client._default_client is None"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_lazy_submodule_imports() -> None:
    import importlib

    for name in sorted(kitsu_sdk._SUBMODULES):
        assert getattr(kitsu_sdk, name) is importlib.import_module(f"kitsu_sdk.{name}")
    with pytest.raises(AttributeError):
        kitsu_sdk.no_such_module  # noqa: B018


def test_the_sdk_logger_is_silent_where_the_application_set_up_no_logging() -> None:
    # A DCC with no logging configured: a retry warning must not reach its console.
    code = (
        "import logging, kitsu_sdk;"
        "logging.getLogger('kitsu_sdk').warning('retry 1/3');"
        "print('handlers', [type(h).__name__ for h in logging.getLogger('kitsu_sdk').handlers])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stderr == ""
    assert "NullHandler" in done.stdout
