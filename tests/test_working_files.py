"""kitsu_sdk.files' working files against a mocked Zou: routes, bodies, query strings, results,
the upload and download, and bad input raising before any request."""

from __future__ import annotations

import pathlib
from typing import Any, Callable

import pytest
import responses
from responses import matchers
from unit_helpers import expect, url

from kitsu_sdk import KitsuClient
from kitsu_sdk import files as F
from kitsu_sdk.exception import InvalidIdError, InvalidInputError, MissingFileError, NotFoundError

TASK = "a1b2c3d4-0000-4000-8000-000000000010"
ENTITY = "a1b2c3d4-0000-4000-8000-000000000011"
WF = "a1b2c3d4-0000-4000-8000-000000000012"
SOFT = "a1b2c3d4-0000-4000-8000-000000000013"
PERSON = "a1b2c3d4-0000-4000-8000-000000000014"

WORKING_FILE = {"id": WF, "name": "main", "revision": 1, "task_id": TASK, "path": "/p/x"}


def wrong(value: object) -> Any:
    """A value of the wrong type, passed on purpose (typed Any for mypy)."""
    return value


def test_get_working_file(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", f"data/working-files/{WF}", answer={**WORKING_FILE, "outputs": []})
    assert F.get_working_file({"id": WF}, client=client)["outputs"] == []


def test_working_files_for_task(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", f"data/tasks/{TASK}/working-files", answer=[WORKING_FILE])
    assert F.get_working_files_for_task(TASK, client=client) == [WORKING_FILE]


def test_all_working_files_for_entity_with_and_without_filters(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    path = f"data/entities/{ENTITY}/working-files"
    expect(api, "GET", path, answer=[WORKING_FILE, {**WORKING_FILE, "name": "b"}])
    assert len(F.get_all_working_files_for_entity(ENTITY, client=client)) == 2
    expect(api, "GET", path, query={"task_id": TASK, "name": "main"}, answer=[WORKING_FILE])
    found = F.get_all_working_files_for_entity({"id": ENTITY}, {"id": TASK}, "main", client=client)
    assert found == [WORKING_FILE]


def test_last_working_files_and_one_revision(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    last = {"main": WORKING_FILE, "other": {**WORKING_FILE, "name": "other", "revision": 4}}
    path = f"data/tasks/{TASK}/working-files/last-revisions"
    expect(api, "GET", path, answer=last)
    assert F.get_last_working_files(TASK, client=client) == last
    assert F.get_last_working_file_revision(TASK, client=client) == WORKING_FILE
    other = F.get_last_working_file_revision(TASK, "other", client=client)
    assert other is not None and other["revision"] == 4
    assert F.get_last_working_file_revision(TASK, "nothing", client=client) is None


def test_new_working_file_sends_zou_fields(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    body = {
        "name": "main", "comment": "", "task_id": TASK, "revision": 0, "mode": "working",
        "sep": "/",
    }  # fmt: skip
    expect(api, "POST", f"data/tasks/{TASK}/working-files/new", body=body, answer=WORKING_FILE,
           status=201)  # fmt: skip
    assert F.new_working_file(TASK, client=client) == WORKING_FILE
    full = {
        "name": "take", "comment": "v2", "task_id": TASK, "revision": 2, "mode": "custom",
        "sep": "\\", "person_id": PERSON, "software_id": SOFT,
    }  # fmt: skip
    expect(api, "POST", f"data/tasks/{TASK}/working-files/new", body=full, answer=WORKING_FILE)
    made = F.new_working_file(
        {"id": TASK}, "take", "custom", {"id": SOFT}, "v2", PERSON, 2, "\\", client=client
    )
    assert made["id"] == WF


def test_comment_and_modification_date(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "PUT", f"actions/working-files/{WF}/comment", body={"comment": "new"},
           answer={**WORKING_FILE, "comment": "new"})  # fmt: skip
    assert F.update_comment(WORKING_FILE, "new", client=client)["comment"] == "new"
    expect(api, "PUT", f"actions/working-files/{WF}/modified", body={}, answer=WORKING_FILE)
    assert F.update_modification_date(WF, client=client)["id"] == WF


def test_upload_working_file_is_multipart(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: pathlib.Path
) -> None:
    source = tmp_path / "scene.blend"
    source.write_bytes(b"blend data")
    api.post(url(f"data/working-files/{WF}/file"), json={**WORKING_FILE, "outputs": []},
             status=201)  # fmt: skip
    seen: list[int] = []
    result = F.upload_working_file(
        WF, source, client=client, progress_callback=lambda done, total: seen.append(done)
    )
    assert result["id"] == WF
    body = api.calls[0].request.body
    assert isinstance(body, bytes)
    assert b"blend data" in body and b'name="file"' in body
    assert seen and seen[-1] == len(body)


def test_download_working_file_to_a_path(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: pathlib.Path
) -> None:
    api.get(url(f"data/working-files/{WF}/file"), body=b"stored content")
    written = F.download_working_file(WF, tmp_path / "out.blend", client=client)
    assert pathlib.Path(written).read_bytes() == b"stored content"
    assert len(api.calls) == 1


def test_download_working_file_to_its_own_path(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: pathlib.Path
) -> None:
    target = tmp_path / "shots" / "sh010_anim"
    target.parent.mkdir()
    expect(api, "GET", f"data/working-files/{WF}", answer={**WORKING_FILE, "path": str(target)})
    api.get(url(f"data/working-files/{WF}/file"), body=b"abc")
    assert F.download_working_file({"id": WF}, client=client) == str(target)
    assert target.read_bytes() == b"abc"


def test_download_working_file_without_content_leaves_nothing(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: pathlib.Path
) -> None:
    api.get(url(f"data/working-files/{WF}/file"), json={"message": "not found"}, status=404)
    with pytest.raises(NotFoundError):
        F.download_working_file(WF, tmp_path / "x", client=client)
    assert list(tmp_path.iterdir()) == []


def test_calls_through_the_client_namespace(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    api.get(url(f"data/tasks/{TASK}/working-files"), json=[WORKING_FILE],
            match=[matchers.query_string_matcher("")])  # fmt: skip
    assert client.files.get_working_files_for_task(TASK) == [WORKING_FILE]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c, d: F.get_working_file("main", client=c), InvalidIdError),
        (lambda c, d: F.get_working_files_for_task(wrong(None), client=c), InvalidIdError),
        (
            lambda c, d: F.get_all_working_files_for_entity(ENTITY, "a task", client=c),
            InvalidIdError,
        ),
        (
            lambda c, d: F.get_all_working_files_for_entity(ENTITY, name=wrong(3), client=c),
            InvalidInputError,
        ),
        (
            lambda c, d: F.get_last_working_file_revision(TASK, wrong(None), client=c),
            InvalidInputError,
        ),
        (lambda c, d: F.new_working_file(TASK, mode="../x", client=c), InvalidInputError),
        (lambda c, d: F.new_working_file(TASK, mode="", client=c), InvalidInputError),
        (lambda c, d: F.new_working_file(TASK, revision=-1, client=c), InvalidInputError),
        (lambda c, d: F.new_working_file(TASK, revision=wrong("2"), client=c), InvalidInputError),
        (lambda c, d: F.new_working_file(TASK, revision=True, client=c), InvalidInputError),
        (lambda c, d: F.new_working_file(TASK, name="", client=c), InvalidInputError),
        (lambda c, d: F.new_working_file(TASK, sep="", client=c), InvalidInputError),
        (lambda c, d: F.new_working_file(TASK, software="Blender", client=c), InvalidIdError),
        (lambda c, d: F.new_working_file(TASK, person="Jane", client=c), InvalidIdError),
        (lambda c, d: F.new_working_file(TASK, comment=wrong(None), client=c), InvalidInputError),
        (lambda c, d: F.update_comment(WF, "", client=c), InvalidInputError),
        (lambda c, d: F.update_modification_date("wf", client=c), InvalidIdError),
        (lambda c, d: F.upload_working_file(WF, d / "missing.blend", client=c), MissingFileError),
        (lambda c, d: F.upload_working_file(WF, d, client=c), MissingFileError),
        (lambda c, d: F.upload_working_file(WF, wrong(12), client=c), InvalidInputError),
        (lambda c, d: F.upload_working_file("wf", d / "x", client=c), InvalidIdError),
        (lambda c, d: F.download_working_file(WF, "", client=c), InvalidInputError),
        (lambda c, d: F.download_working_file(WF, wrong(3), client=c), InvalidInputError),
        (lambda c, d: F.download_working_file("wf", d / "x", client=c), InvalidIdError),
    ],
)
def test_bad_input_raises_before_any_request(
    api: responses.RequestsMock,
    client: KitsuClient,
    tmp_path: pathlib.Path,
    call: Callable[[KitsuClient, pathlib.Path], Any],
    error: type,
) -> None:
    with pytest.raises(error):
        call(client, tmp_path)
    assert len(api.calls) == 0
