"""Each fault the proxy injects, against real Zou routes, through the sync and the async client.

What the SDK must do:
- 502/503/504 and 429 on an idempotent call: retried (bounded), the call succeeds; a 500 is a
  server bug, raised at once; a burst longer than the retries raises ServerError.
- 429 on any method, POST included: retried after Retry-After (the server refused before doing).
- A reset before Zou saw the request, a reset after it handled it (answer lost), a stall past the
  read timeout: an idempotent call is retried; a POST is never repeated (Zou holds the entity at
  most once) and raises a typed error (KitsuConnectionError, KitsuTimeoutError).
- A JSON body cut short: a GET is retried; a POST raises InvalidResponseError (not repeated).
- A 200 with an HTML page: InvalidResponseError, not retried.
- A download cut mid-stream: DownloadError, and no file (nor temporary file) is left.
- A redirect to another port: followed without the Authorization header.

Every test here but the policy's own uses the real server (marked integration by conftest.py).
"""

from __future__ import annotations

import asyncio
import inspect
import os
import pathlib
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Callable

import pytest
from fault_proxy import Choice, Fault, FaultProxy, SeededPolicy
from it_helpers import unique
from it_media import write_png

from kitsu_sdk import KitsuClient
from kitsu_sdk._core.retry import RetryPolicy
from kitsu_sdk.exception import (
    DownloadError,
    InvalidInputError,
    InvalidResponseError,
    KitsuConnectionError,
    KitsuTimeoutError,
    MissingFileError,
    ServerError,
)

#: (connect, read) seconds of the clients under test; a stall outlasts the read timeout.
TIMEOUT = (3.0, 6.0)  # generous: a loaded 2-core CI machine answers some calls in seconds
STALL = TIMEOUT[1] + 1.5
MAX_RETRIES = RetryPolicy().max_retries

ASSET_POST = r"/asset-types/[^/]+/assets/new$"


@dataclass
class World:
    """What the tests work on, made directly on Zou (no proxy)."""

    project: dict[str, Any]
    sequence: dict[str, Any]
    shot: dict[str, Any]
    task: dict[str, Any]
    asset_type: dict[str, Any]
    preview: dict[str, Any]
    png: bytes


@pytest.fixture(scope="module")
def world(
    admin_client: KitsuClient,
    project_factory: Callable[..., dict[str, Any]],
    tmp_path_factory: pytest.TempPathFactory,
) -> World:
    project = project_factory("faults")
    base = f"data/projects/{project['id']}"
    episode = admin_client.post(f"{base}/episodes", {"name": unique("E")})
    sequence = admin_client.post(
        f"{base}/sequences", {"name": unique("SQ"), "episode_id": episode["id"]}
    )
    shot = admin_client.post(f"{base}/shots", {"name": unique("SH"), "sequence_id": sequence["id"]})
    task_type = admin_client.get("data/task-types", params={"for_entity": "Shot"})[0]
    task = admin_client.post(
        f"actions/projects/{project['id']}/task-types/{task_type['id']}/shots/create-tasks",
        [shot["id"]],
    )[0]
    asset_type = admin_client.asset.all_asset_types()[0]
    png = write_png(tmp_path_factory.mktemp("faults") / "preview.png", 96, 64)
    comment = admin_client.post(
        f"actions/tasks/{task['id']}/comment",
        {"task_status_id": task["task_status_id"], "comment": "preview for fault tests"},
    )
    record = admin_client.post(f"actions/tasks/{task['id']}/comments/{comment['id']}/add-preview")
    preview = admin_client.upload(f"pictures/preview-files/{record['id']}", str(png))
    return World(project, sequence, shot, task, asset_type, preview, png.read_bytes())


class Sdk:
    """The client under test, sync or async, its host on the proxy: `sdk(lambda c: ...)` runs a
    call on the sync client, or awaits it on the async one. `sleeps` are the retry waits."""

    def __init__(self, kind: str, proxy: FaultProxy, tokens: dict[str, str]) -> None:
        self.kind = kind
        self.proxy = proxy
        self.sleeps: list[float] = []
        policy = RetryPolicy(backoff_factor=0.05, sleep=self._sleep, async_sleep=self._async_sleep)
        self.loop: Any = None
        self.client: Any
        if kind == "sync":
            self.client = KitsuClient(proxy.url, token=tokens, retry=policy, timeout=TIMEOUT)
        else:
            from kitsu_sdk.aio import AsyncKitsuClient

            self.loop = asyncio.new_event_loop()
            self.client = AsyncKitsuClient(proxy.url, tokens=tokens, retry=policy, timeout=TIMEOUT)

    def _sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        time.sleep(seconds)

    async def _async_sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        await asyncio.sleep(seconds)

    def __call__(self, fn: Callable[[Any], Any]) -> Any:
        if self.loop is None:
            return fn(self.client)

        async def main() -> Any:
            result = fn(self.client)
            return (await result) if inspect.isawaitable(result) else result

        return self.loop.run_until_complete(asyncio.wait_for(main(), 60))

    def close(self) -> None:
        if self.loop is None:
            self.client.close()
            return
        self.loop.run_until_complete(self.client.close())
        self.loop.close()


@pytest.fixture(params=["sync", "async"])
def sdk(
    request: pytest.FixtureRequest, fault_proxy: FaultProxy, admin_client: KitsuClient
) -> Iterator[Sdk]:
    runner = Sdk(request.param, fault_proxy, dict(admin_client.tokens))
    yield runner
    runner.close()


def assets_named(admin: KitsuClient, world: World, name: str) -> list[dict[str, Any]]:
    """What Zou holds under this asset name in the test project (read directly)."""
    rows: list[dict[str, Any]] = admin.get(
        "data/assets/all", params={"project_id": world.project["id"], "name": name}
    )
    return rows


def new_asset(world: World, name: str) -> Callable[[Any], Any]:
    return lambda c: c.asset.new_asset(world.project, world.asset_type, name)


def project_path(world: World) -> str:
    return f"^/data/projects/{world.project['id']}$"


# -- 5xx ---------------------------------------------------------------------------------------


def test_5xx_burst_on_a_get_is_retried(sdk: Sdk, world: World) -> None:
    proxy = sdk.proxy
    bursts = [Fault.http(502), Fault.http(503), Fault.http(504)][:MAX_RETRIES]
    proxy.script(*bursts, method="GET", path=project_path(world))
    got = sdk(lambda c: c.project.get_project(world.project))
    assert got["id"] == world.project["id"]
    assert proxy.count("GET", project_path(world)) == len(bursts) + 1
    assert proxy.count("GET", project_path(world), forwarded=True) == 1
    assert len(sdk.sleeps) == len(bursts) and proxy.pending() == 0


def test_5xx_burst_longer_than_the_retries_raises(sdk: Sdk, world: World) -> None:
    proxy = sdk.proxy
    proxy.script(*[Fault.http(503)] * (MAX_RETRIES + 2), method="GET", path=project_path(world))
    with pytest.raises(ServerError) as raised:
        sdk(lambda c: c.project.get_project(world.project))
    assert raised.value.status == 503
    assert proxy.count("GET", project_path(world)) == MAX_RETRIES + 1  # bounded
    assert proxy.count(forwarded=True) == 0


def test_500_is_raised_at_once(sdk: Sdk, world: World) -> None:
    proxy = sdk.proxy
    proxy.script(Fault.http(500), method="GET", path=project_path(world))
    with pytest.raises(ServerError) as raised:
        sdk(lambda c: c.project.get_project(world.project))
    assert raised.value.status == 500
    assert proxy.count("GET", project_path(world)) == 1 and sdk.sleeps == []


def test_5xx_on_a_post_is_not_repeated(sdk: Sdk, world: World, admin_client: KitsuClient) -> None:
    proxy = sdk.proxy
    name = unique("AS")
    proxy.script(Fault.http(503), method="POST", path=ASSET_POST)
    with pytest.raises(ServerError):
        sdk(new_asset(world, name))
    assert proxy.count("POST", ASSET_POST) == 1
    assert assets_named(admin_client, world, name) == []  # the proxy answered, Zou never saw it


# -- 429 on every method --------------------------------------------------------------------


def _asset(admin: KitsuClient, world: World) -> dict[str, Any]:
    path = f"data/projects/{world.project['id']}/asset-types/{world.asset_type['id']}/assets/new"
    asset: dict[str, Any] = admin.post(path, {"name": unique("AS"), "data": {}})
    return asset


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "DELETE"])
def test_429_is_retried_after_retry_after_on_every_method(
    sdk: Sdk, world: World, admin_client: KitsuClient, method: str
) -> None:
    proxy = sdk.proxy
    if method == "GET":
        proxy.script(Fault.rate_limit("1"), method="GET", path=project_path(world))
        assert sdk(lambda c: c.project.get_project(world.project))["id"] == world.project["id"]
    elif method == "POST":
        name = unique("AS")
        proxy.script(Fault.rate_limit("1"), method="POST", path=ASSET_POST)
        assert sdk(new_asset(world, name))["name"] == name
        assert len(assets_named(admin_client, world, name)) == 1
    elif method == "PUT":
        asset = _asset(admin_client, world)
        proxy.script(Fault.rate_limit("1"), method="PUT", path=r"^/data/entities/")
        sdk(lambda c: c.asset.update_asset_data(asset, {"rate": "limited"}))
        assert admin_client.asset.get_asset(asset)["data"]["rate"] == "limited"
    else:
        asset = _asset(admin_client, world)
        proxy.script(Fault.rate_limit("1"), method="DELETE", path=r"^/data/assets/")
        sdk(lambda c: c.asset.remove_asset(asset))
        assert assets_named(admin_client, world, asset["name"]) == []
    assert proxy.faults["rate_limit_429"] == 1 and proxy.pending() == 0
    assert proxy.count(method, forwarded=True) == 1
    assert sdk.sleeps and min(sdk.sleeps) >= 1.0  # Retry-After honoured


def test_429_on_log_in_is_retried(sdk: Sdk, kitsu_credentials: tuple[str, str]) -> None:
    proxy = sdk.proxy
    proxy.script(Fault.rate_limit("1"), method="POST", path=r"^/auth/login$")
    body = sdk(lambda c: c.log_in(*kitsu_credentials))
    assert body["user"]["email"] == kitsu_credentials[0]
    assert proxy.count("POST", r"^/auth/login$") == 2 and min(sdk.sleeps) >= 1.0


# -- resets and stalls ---------------------------------------------------------------------------


@pytest.mark.parametrize("fault", [Fault.reset_before(), Fault.reset_after(), Fault.stall(STALL)])
def test_lost_answer_on_a_get_is_retried(sdk: Sdk, world: World, fault: Fault) -> None:
    proxy = sdk.proxy
    proxy.script(fault, method="GET", path=project_path(world))
    assert sdk(lambda c: c.project.get_project(world.project))["id"] == world.project["id"]
    assert proxy.count("GET", project_path(world)) == 2 and proxy.faults[fault.label] == 1


@pytest.mark.parametrize("fault", [Fault.reset_after(), Fault.stall(STALL)])
def test_lost_answer_on_a_put_is_retried(
    sdk: Sdk, world: World, admin_client: KitsuClient, fault: Fault
) -> None:
    proxy = sdk.proxy
    asset = _asset(admin_client, world)
    proxy.script(fault, method="PUT", path=r"^/data/entities/")
    sdk(lambda c: c.asset.update_asset_data(asset, {"put": fault.label}))
    assert admin_client.asset.get_asset(asset)["data"]["put"] == fault.label
    assert proxy.count("PUT") == 2 and proxy.count("PUT", forwarded=True) == 2


def test_lost_answer_on_a_delete_is_retried(
    sdk: Sdk, world: World, admin_client: KitsuClient
) -> None:
    """Zou deleted it, the answer was lost: the retry finds nothing to delete. The caller asked
    for the asset to be gone and it is: that is not an error."""
    proxy = sdk.proxy
    asset = _asset(admin_client, world)
    proxy.script(Fault.reset_after(), method="DELETE", path=r"^/data/assets/")
    sdk(lambda c: c.asset.remove_asset(asset))
    assert assets_named(admin_client, world, asset["name"]) == []
    assert proxy.count("DELETE") == 2


@pytest.mark.parametrize(
    ("fault", "error", "reached_zou"),
    [
        (Fault.reset_before(), KitsuConnectionError, False),
        (Fault.reset_after(), KitsuConnectionError, True),
        (Fault.stall(STALL), KitsuTimeoutError, True),
    ],
)
def test_lost_answer_on_a_post_is_not_repeated(
    sdk: Sdk,
    world: World,
    admin_client: KitsuClient,
    fault: Fault,
    error: type[Exception],
    reached_zou: bool,
) -> None:
    proxy = sdk.proxy
    name = unique("AS")
    proxy.script(fault, method="POST", path=ASSET_POST)
    with pytest.raises(error) as raised:
        sdk(new_asset(world, name))
    assert "assets/new" in str(raised.value)  # says which call
    assert proxy.count("POST", ASSET_POST) == 1  # never sent twice
    assert len(assets_named(admin_client, world, name)) == (1 if reached_zou else 0)


# -- bodies that are not what the route gives --------------------------------------------------


def test_truncated_json_on_a_get_is_retried(sdk: Sdk, world: World) -> None:
    proxy = sdk.proxy
    proxy.script(Fault.truncated_json(), method="GET", path=project_path(world))
    got = sdk(lambda c: c.project.get_project(world.project))
    assert isinstance(got, dict) and got["id"] == world.project["id"]
    assert proxy.count("GET", project_path(world)) == 2 and proxy.faults["truncated_json"] == 1


def test_truncated_json_on_a_post_raises_invalid_response(
    sdk: Sdk, world: World, admin_client: KitsuClient
) -> None:
    proxy = sdk.proxy
    name = unique("AS")
    proxy.script(Fault.truncated_json(), method="POST", path=ASSET_POST)
    with pytest.raises(InvalidResponseError) as raised:
        sdk(new_asset(world, name))
    assert 200 <= raised.value.status < 300 and "cut short" in raised.value.message
    assert proxy.count("POST", ASSET_POST) == 1
    assert len(assets_named(admin_client, world, name)) == 1  # it landed, once


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_html_200_raises_invalid_response_without_retry(
    sdk: Sdk, world: World, admin_client: KitsuClient, method: str
) -> None:
    proxy = sdk.proxy
    if method == "GET":
        proxy.script(Fault.html_200(), method="GET", path=r"/shots$")
        call: Callable[[Any], Any] = lambda c: c.shot.all_shots_for_project(world.project)  # noqa: E731
    else:
        name = unique("AS")
        proxy.script(Fault.html_200(), method="POST", path=ASSET_POST)
        call = new_asset(world, name)
    with pytest.raises(InvalidResponseError) as raised:
        sdk(call)
    assert raised.value.status == 200 and "not JSON" in raised.value.message
    assert "<html>" in str(raised.value.body)
    assert proxy.count(method, fault="html_200") == 1 and proxy.count(method, fault="") <= 1
    assert sdk.sleeps == []


# -- downloads ---------------------------------------------------------------------------------


def test_cut_download_leaves_no_file(sdk: Sdk, world: World, tmp_path: pathlib.Path) -> None:
    proxy = sdk.proxy
    target = tmp_path / "thumbnail.png"
    proxy.script(Fault.cut_download(), method="GET", path=r"^/pictures/")
    with pytest.raises(DownloadError):
        sdk(lambda c: c.files.download_preview_file_thumbnail(world.preview, str(target)))
    assert proxy.faults["cut_download"] == 1
    assert os.listdir(tmp_path) == []  # neither the file nor a temporary part
    # Nothing else went wrong: the same download, without the fault, completes.
    sdk(lambda c: c.files.download_preview_file_thumbnail(world.preview, str(target)))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # as open() makes files


def test_cut_download_of_the_original_leaves_no_file(
    sdk: Sdk, world: World, tmp_path: pathlib.Path
) -> None:
    proxy = sdk.proxy
    target = tmp_path / "original.png"
    proxy.script(Fault.cut_download(), method="GET", path=r"^/pictures/originals/")
    with pytest.raises(DownloadError):
        sdk(lambda c: c.files.download_preview_file(world.preview, str(target)))
    assert os.listdir(tmp_path) == []


def test_download_targets_are_checked_before_any_request(
    sdk: Sdk, world: World, tmp_path: pathlib.Path
) -> None:
    proxy = sdk.proxy
    bad: list[tuple[Any, type[Exception]]] = [
        (None, InvalidInputError),
        (str(tmp_path / "no-such-folder" / "x.png"), MissingFileError),
        (str(tmp_path), InvalidInputError),
    ]
    for target, error in bad:
        with pytest.raises(error):
            sdk(lambda c, t=target: c.files.download_preview_file(world.preview, t))
        with pytest.raises(error):
            sdk(lambda c, t=target: c.files.download_preview_file_thumbnail(world.preview, t))
    assert proxy.received == 0
    assert os.listdir(tmp_path) == []


# -- redirects --------------------------------------------------------------------------------


def test_redirect_to_another_port_drops_the_authorization_header(
    sdk: Sdk, world: World, admin_client: KitsuClient
) -> None:
    proxy = sdk.proxy
    proxy.script(Fault.redirect(), method="GET", path=project_path(world))
    got = sdk(lambda c: c.project.get_project(world.project))
    assert got["redirected"] is True  # the other port answered
    assert len(proxy.captured) == 1
    headers = {key.lower(): value for key, value in proxy.captured[0].headers.items()}
    assert "authorization" not in headers
    secrets = [value for value in admin_client.tokens.values() if value]
    assert not any(secret in value for value in headers.values() for secret in secrets)


# -- the proxy's seeded policy (no server) ---------------------------------------------------


def test_seeded_policy_is_reproducible_and_bounded() -> None:
    choices = [
        Choice(Fault.http(503), 1.0, frozenset({"GET"}), burst=3),
        Choice(Fault.reset_after(), 1.0),
    ]

    def draws() -> list[Any]:
        policy = SeededPolicy(7, 0.3, choices)
        return [policy.decide("GET", f"/data/shots/{n}") for n in range(300)]

    first = draws()
    assert first == draws()  # the same seed draws the same faults
    assert 0.2 < sum(f is not None for f in first) / len(first) < 0.5
    always = SeededPolicy(7, 1.0, choices, max_in_a_row=MAX_RETRIES)
    run = [always.decide("GET", "/data/shots/same") for _ in range(12)]
    assert run[MAX_RETRIES] is None and run[2 * MAX_RETRIES + 1] is None
    assert all(f is not None for f in run[:MAX_RETRIES])
    posts = SeededPolicy(7, 1.0, choices)
    assert {f.label for f in (posts.decide("POST", "/x") for _ in range(50)) if f} == {
        "reset_after"
    }
