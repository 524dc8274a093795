"""kitsu_sdk.comment: comments, replies, attachments, batches and previews, against a mocked Zou."""

from __future__ import annotations

import json
import pathlib
import re
from typing import Any, Callable

import pytest
import requests
import responses
from responses import matchers

from kitsu_sdk import KitsuClient
from kitsu_sdk import comment as cm
from kitsu_sdk.exception import (
    BadRequestError,
    InvalidIdError,
    InvalidInputError,
    MissingFileError,
    NotFoundError,
    PreviewProcessingError,
    ServerError,
    UploadError,
)

T = "aaaaaaaa-0000-0000-0000-000000000001"
C = "cccccccc-0000-0000-0000-000000000002"
S = "5555aaaa-0000-0000-0000-000000000003"
P = "ffffffff-0000-0000-0000-000000000004"
PROJ = "99999999-0000-0000-0000-000000000005"
PERSON = "eeeeeeee-0000-0000-0000-000000000006"
T2 = "aaaaaaaa-0000-0000-0000-000000000007"
R = "dddddddd-0000-0000-0000-000000000008"

# The host of the `client` fixture. Not imported from conftest: when unit and integration tests
# run in one session, `import conftest` may resolve to tests/integration/conftest.py.
HOST = "http://kitsu.test/api"


def url(path: str) -> str:
    return f"{HOST}/{path.lstrip('/')}"



def parse_multipart(request: requests.PreparedRequest) -> dict[str, Any]:
    """Fields and files of a multipart request, split on the boundary its Content-Type names."""
    body = request.body.read() if hasattr(request.body, "read") else request.body
    assert isinstance(body, bytes)
    match = re.search(r"boundary=(\S+)", request.headers["Content-Type"])
    assert match, request.headers["Content-Type"]
    boundary = match.group(1).encode()
    fields: dict[str, str] = {}
    files: dict[str, tuple[str, bytes]] = {}
    for chunk in body.split(b"--" + boundary)[1:]:
        if chunk.startswith(b"--"):
            break
        head, _, content = chunk.strip(b"\r\n").partition(b"\r\n\r\n")
        name = re.search(rb'name="([^"]*)"', head)
        assert name, head
        filename = re.search(rb'filename="([^"]*)"', head)
        if filename:
            files[name.group(1).decode()] = (filename.group(1).decode(), content)
        else:
            fields[name.group(1).decode()] = content.decode()
    return {"fields": fields, "files": files}


def capture(api: responses.RequestsMock, method: str, path: str, answer: Any,
            status: int = 201) -> list[dict[str, Any]]:
    """Record parsed multipart requests to `path` and answer them with `answer`."""
    seen: list[dict[str, Any]] = []

    def callback(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        seen.append({**parse_multipart(request), "url": request.url})
        body = answer(len(seen)) if callable(answer) else answer
        return status, {"Content-Type": "application/json"}, json.dumps(body)

    api.add_callback(method, url(path), callback=callback)
    return seen


@pytest.fixture
def png(tmp_path: pathlib.Path) -> str:
    path = tmp_path / "frame.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    return str(path)


@pytest.fixture
def note(tmp_path: pathlib.Path) -> str:
    path = tmp_path / "notes.txt"
    path.write_text("attachment body")
    return str(path)


# -- add_comment -----------------------------------------------------------------------------------


def test_add_comment_posts_json_with_status_from_a_dict(api: responses.RequestsMock,
                                                        client: KitsuClient) -> None:
    api.post(url(f"actions/tasks/{T}/comment"), json={"id": C, "text": "hi"}, status=201,
             match=[matchers.json_params_matcher({
                 "task_status_id": S, "comment": "hi",
                 "checklist": [{"text": "a", "checked": False}],
                 "links": ["http://x"], "for_client": True, "person_id": PERSON,
                 "created_at": "2024-01-02T03:04:05"})])
    result = cm.add_comment({"id": T}, {"id": S, "name": "WIP"}, "hi", person=PERSON,
                            checklist=[{"text": "a", "checked": False}],
                            created_at="2024-01-02T03:04:05", links=["http://x"],
                            for_client=True, client=client)
    assert result == {"id": C, "text": "hi"}


def test_add_comment_defaults(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.post(url(f"actions/tasks/{T}/comment"), json={"id": C}, status=201,
             match=[matchers.json_params_matcher({
                 "task_status_id": S, "comment": "", "checklist": [], "links": [],
                 "for_client": False})])
    assert cm.add_comment(T, S, client=client) == {"id": C}


def test_add_comment_with_attachments_is_one_multipart_request(
        api: responses.RequestsMock, client: KitsuClient, png: str, note: str) -> None:
    seen = capture(api, responses.POST, f"actions/tasks/{T}/comment", {"id": C})
    progress: list[tuple[int, Any]] = []
    cm.add_comment(T, S, "see files", checklist=[{"text": "a"}], attachments=[note, png],
                   client=client, progress_callback=lambda d, t: progress.append((d, t)))
    assert len(seen) == 1
    fields, files = seen[0]["fields"], seen[0]["files"]
    assert fields["task_status_id"] == S
    assert fields["comment"] == "see files"
    assert json.loads(fields["checklist"]) == [{"text": "a"}]
    assert json.loads(fields["links"]) == []
    assert fields["for_client"] == "false"
    assert "person_id" not in fields and "created_at" not in fields
    assert sorted(name for name, _ in files.values()) == ["frame.png", "notes.txt"]
    assert files["file"] == ("notes.txt", b"attachment body")
    assert progress and progress[-1][0] == progress[-1][1]


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"task": "Modeling"}, InvalidIdError),
    ({"task_status": "wip"}, InvalidIdError),
    ({"comment": 12}, InvalidInputError),
    ({"checklist": "do it"}, InvalidInputError),
    ({"links": "http://x"}, InvalidInputError),
    ({"person": "John"}, InvalidIdError),
    ({"attachments": ["/nonexistent/a.txt"]}, MissingFileError),
])
def test_add_comment_bad_input_fails_before_the_network(
        api: responses.RequestsMock, client: KitsuClient, kwargs: dict[str, Any],
        error: type[Exception]) -> None:
    args: dict[str, Any] = {"task": T, "task_status": S, **kwargs}
    with pytest.raises(error):
        cm.add_comment(client=client, **args)
    assert len(api.calls) == 0


# -- single comment routes -------------------------------------------------------------------------


def test_get_update_remove_comment(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(url(f"data/comments/{C}"), json={"id": C, "text": "a"})
    api.put(url(f"data/comments/{C}"), json={"id": C, "text": "b"},
            match=[matchers.json_params_matcher({"id": C, "text": "b"})])
    api.delete(url(f"data/comments/{C}"), status=204)
    assert cm.get_comment(C, client=client)["text"] == "a"
    assert cm.update_comment({"id": C, "text": "b"}, client=client)["text"] == "b"
    assert cm.remove_comment({"id": C}, client=client) == ""
    assert [c.request.method for c in api.calls] == ["GET", "PUT", "DELETE"]


def test_update_comment_needs_a_dict(api: responses.RequestsMock, client: KitsuClient) -> None:
    with pytest.raises(InvalidInputError):
        cm.update_comment(C, client=client)  # type: ignore[arg-type]
    with pytest.raises(InvalidIdError):
        cm.update_comment({"text": "no id"}, client=client)
    assert len(api.calls) == 0


@pytest.mark.parametrize(("call", "path"), [
    (lambda c: cm.all_comments_for_task(T, client=c), f"data/tasks/{T}/comments"),
    (lambda c: cm.all_comments_for_project({"id": PROJ}, client=c),
     f"data/projects/{PROJ}/comments"),
    (lambda c: cm.all_previews_for_task(T, client=c), f"data/tasks/{T}/previews"),
    (lambda c: cm.all_preview_files_for_project(PROJ, client=c),
     f"data/projects/{PROJ}/preview-files"),
])
def test_list_routes(api: responses.RequestsMock, client: KitsuClient,
                     call: Callable[[KitsuClient], Any], path: str) -> None:
    api.get(url(path), json=[{"id": C}, {"id": P}])
    assert call(client) == [{"id": C}, {"id": P}]
    assert api.calls[0].request.url == url(path)


def test_get_last_comment_for_task(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.get(url(f"data/tasks/{T}/comments"), json=[{"id": C}, {"id": P}])
    api.get(url(f"data/tasks/{T2}/comments"), json=[])
    assert cm.get_last_comment_for_task(T, client=client) == {"id": C}
    assert cm.get_last_comment_for_task(T2, client=client) is None


def test_acknowledge_reply_and_delete_reply(api: responses.RequestsMock,
                                            client: KitsuClient) -> None:
    api.post(url(f"data/tasks/{T}/comments/{C}/ack"), json={"id": C, "acknowledgements": ["x"]},
             match=[matchers.json_params_matcher({})])
    api.post(url(f"data/tasks/{T}/comments/{C}/reply"), json={"id": R, "text": "ok"},
             match=[matchers.json_params_matcher({"text": "ok", "person_id": PERSON})])
    api.delete(url(f"data/tasks/{T}/comments/{C}/reply/{R}"), json={"id": C, "replies": []})
    assert cm.acknowledge_comment(T, C, client=client)["acknowledgements"] == ["x"]
    assert cm.reply_to_comment(T, {"id": C}, "ok", person={"id": PERSON}, client=client)["id"] == R
    # gazu returns the answer as text: the comment without the reply.
    assert json.loads(cm.delete_comment_reply(T, C, {"id": R}, client=client))["replies"] == []


def test_reply_without_person_sends_text_only(api: responses.RequestsMock,
                                              client: KitsuClient) -> None:
    api.post(url(f"data/tasks/{T}/comments/{C}/reply"), json={"id": R},
             match=[matchers.json_params_matcher({"text": ""})])
    cm.reply_to_comment(T, C, "", client=client)
    with pytest.raises(InvalidInputError):
        cm.reply_to_comment(T, C, None, client=client)  # type: ignore[arg-type]
    assert len(api.calls) == 1


def test_attachments_add_and_delete(api: responses.RequestsMock, client: KitsuClient,
                                    note: str, png: str) -> None:
    seen = capture(api, responses.POST, f"actions/tasks/{T}/comments/{C}/add-attachment",
                   [{"id": P, "name": "notes.txt"}])
    api.delete(url(f"data/tasks/{T}/comments/{C}/attachments/{P}"), status=204)
    assert cm.add_attachment_files_to_comment(T, C, note, client=client) == [
        {"id": P, "name": "notes.txt"}]
    cm.add_attachment_files_to_comment(T, C, [note, png], client=client)
    assert cm.delete_comment_attachment(T, C, {"id": P}, client=client) == ""
    assert list(seen[0]["files"]) == ["file"]
    assert sorted(n for n, _ in seen[1]["files"].values()) == ["frame.png", "notes.txt"]


def test_attachments_need_a_file(api: responses.RequestsMock, client: KitsuClient) -> None:
    with pytest.raises(InvalidInputError):
        cm.add_attachment_files_to_comment(T, C, [], client=client)
    with pytest.raises(MissingFileError):
        cm.add_attachment_files_to_comment(T, C, "/nonexistent/a.txt", client=client)
    assert len(api.calls) == 0


def test_move_comment_to_task(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.post(url(f"actions/tasks/{T}/comments/{C}/move"), json={"id": C, "object_id": T2},
             match=[matchers.json_params_matcher({"target_task_id": T2})])
    assert cm.move_comment_to_task(T, C, {"id": T2}, client=client)["object_id"] == T2
    with pytest.raises(InvalidIdError):
        cm.move_comment_to_task(T, C, "Lighting", client=client)
    assert len(api.calls) == 1


# -- several comments ------------------------------------------------------------------------------


def test_create_multiple_comments_sends_zou_json_array(api: responses.RequestsMock,
                                                       client: KitsuClient) -> None:
    api.post(url(f"actions/projects/{PROJ}/tasks/comment-many"), json=[{"id": C}], status=201,
             match=[matchers.json_params_matcher([
                 {"object_id": T, "task_status_id": S, "comment": "one", "links": []},
                 {"object_id": T2, "task_status_id": S, "comment": "two", "links": ["http://x"]},
             ])])
    result = cm.create_multiple_comments(PROJ, [
        {"task_id": T, "task_status_id": {"id": S}, "comment": "one"},
        {"object_id": T2, "task_status_id": S, "text": "two", "links": ["http://x"]},
    ], client=client)
    assert result == [{"id": C}]


@pytest.mark.parametrize("comments", [
    [{"task_status_id": S, "comment": "no task"}],
    [{"task_id": T, "comment": "no status"}],
    [{"task_id": T, "task_status_id": S, "preview_files": ["a.png"]}],
    ["not a dict"],
])
def test_create_multiple_comments_refuses_bad_entries(api: responses.RequestsMock,
                                                      client: KitsuClient,
                                                      comments: list[Any]) -> None:
    with pytest.raises(InvalidInputError):
        cm.create_multiple_comments(PROJ, comments, client=client)
    assert len(api.calls) == 0


def test_empty_batches_send_nothing(api: responses.RequestsMock, client: KitsuClient) -> None:
    assert cm.create_multiple_comments(PROJ, client=client) == []
    assert cm.batch_comments([], task=T, client=client) == []
    assert cm.add_tasks_batch_comments([], {"task_status_id": S, "text": "x"}, client=client) == []
    assert len(api.calls) == 0


def test_batch_comments_without_files_is_json(api: responses.RequestsMock,
                                              client: KitsuClient) -> None:
    api.post(url("actions/tasks/batch-comment"), json=[{"id": C}], status=201,
             match=[matchers.json_params_matcher({"comments": [
                 {"task_id": T, "task_status_id": S, "text": "a"},
                 {"task_id": T2, "task_status_id": S, "text": "b", "checklist": []},
             ]})])
    cm.batch_comments([
        {"task_id": {"id": T}, "task_status_id": S, "text": "a"},
        {"task_id": T2, "task_status_id": {"id": S}, "comment": "b", "checklist": []},
    ], client=client)


def test_batch_comments_with_files_for_one_task(api: responses.RequestsMock, client: KitsuClient,
                                                png: str, note: str) -> None:
    seen = capture(api, responses.POST, f"actions/tasks/{T}/batch-comment", [{"id": C}])
    cm.batch_comments([
        {"task_status_id": S, "text": "a", "attachment_files": [note]},
        {"task_status_id": S, "text": "b", "preview_files": [png], "attachment_files": [png]},
    ], task={"id": T}, client=client)
    assert len(seen) == 1
    assert json.loads(seen[0]["fields"]["comments"]) == [
        {"task_status_id": S, "text": "a"}, {"task_status_id": S, "text": "b"}]
    assert {k: v[0] for k, v in seen[0]["files"].items()} == {
        "attachment_file-0-0": "notes.txt", "preview_file-1-0": "frame.png",
        "attachment_file-1-0": "frame.png"}


def test_batch_comments_with_files_go_ten_per_request(api: responses.RequestsMock,
                                                      client: KitsuClient, note: str) -> None:
    seen = capture(api, responses.POST, "actions/tasks/batch-comment",
                   lambda n: [{"id": f"c{n}"}])
    comments = [{"task_id": T, "task_status_id": S, "text": str(i)} for i in range(12)]
    comments[1]["attachment_files"] = [note]
    comments[10]["attachment_files"] = [note]
    result = cm.batch_comments(comments, client=client)
    assert len(seen) == 2
    assert [c["text"] for c in json.loads(seen[0]["fields"]["comments"])] == list("0123456789")
    assert [c["text"] for c in json.loads(seen[1]["fields"]["comments"])] == ["10", "11"]
    assert list(seen[0]["files"]) == ["attachment_file-1-0"]
    assert list(seen[1]["files"]) == ["attachment_file-0-0"]
    assert result == [{"id": "c1"}, {"id": "c2"}]


def test_batch_comments_first_chunk_without_files_is_json(api: responses.RequestsMock,
                                                          client: KitsuClient, note: str) -> None:
    api.post(url("actions/tasks/batch-comment"), json=[{"id": "json"}], status=201,
             match=[matchers.header_matcher({"Content-Type": "application/json"})])
    seen = capture(api, responses.POST, "actions/tasks/batch-comment", [{"id": "multi"}])
    comments = [{"task_id": T, "task_status_id": S, "text": str(i)} for i in range(11)]
    comments[10]["attachment_files"] = [note]
    assert cm.batch_comments(comments, client=client) == [{"id": "json"}, {"id": "multi"}]
    assert len(seen) == 1


@pytest.mark.parametrize(("comments", "error"), [
    ([{"task_status_id": S, "text": "no task, no task argument"}], InvalidInputError),
    ([{"task_id": T, "task_status_id": S, "attachment_files": ["/nope.txt"]}], MissingFileError),
    ([{"task_id": T, "task_status_id": S, "preview_files": ["/nope.png"]}], MissingFileError),
    ([{"task_id": T, "task_status_id": "wip"}], InvalidIdError),
])
def test_batch_comments_bad_input(api: responses.RequestsMock, client: KitsuClient,
                                  comments: list[Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        cm.batch_comments(comments, client=client)
    assert len(api.calls) == 0


def test_batch_comments_refuses_unsupported_preview(api: responses.RequestsMock,
                                                    client: KitsuClient, note: str) -> None:
    with pytest.raises(InvalidInputError, match="txt"):
        cm.batch_comments([{"task_status_id": S, "preview_files": [note]}], task=T, client=client)
    assert len(api.calls) == 0


def test_add_tasks_batch_comments(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.post(url("actions/tasks/batch-comment"), json=[{"id": "1"}, {"id": "2"}], status=201,
             match=[matchers.json_params_matcher({"comments": [
                 {"task_status_id": S, "text": "same", "person_id": PERSON, "task_id": T},
                 {"task_status_id": S, "text": "same", "person_id": PERSON, "task_id": T2},
             ]})])
    data = {"task_status_id": {"id": S}, "text": "same", "person_id": {"id": PERSON}}
    assert len(cm.add_tasks_batch_comments([T, {"id": T2}], data, client=client)) == 2
    assert data["task_status_id"] == {"id": S}  # the caller's dict is not changed
    with pytest.raises(InvalidInputError):
        cm.add_tasks_batch_comments([T], {"text": "no status"}, client=client)
    assert len(api.calls) == 1


# -- previews --------------------------------------------------------------------------------------


def test_create_preview_and_extra_preview(api: responses.RequestsMock,
                                          client: KitsuClient) -> None:
    api.post(url(f"actions/tasks/{T}/comments/{C}/add-preview"), json={"id": P}, status=201,
             match=[matchers.json_params_matcher({"revision": 3})])
    api.post(url(f"actions/tasks/{T}/comments/{C}/add-preview"), json={"id": P}, status=201,
             match=[matchers.json_params_matcher({})])
    api.post(url(f"actions/tasks/{T}/comments/{C}/preview-files/{P}"), json={"id": R},
             status=201, match=[matchers.json_params_matcher({})])
    assert cm.create_preview(T, C, revision=3, client=client) == {"id": P}
    assert cm.create_preview(T, C, client=client) == {"id": P}
    assert cm.create_extra_preview(T, C, {"id": P}, client=client) == {"id": R}
    for bad in (0, "2", True):
        with pytest.raises(InvalidInputError):
            cm.create_preview(T, C, revision=bad, client=client)
    assert len(api.calls) == 3


def test_upload_preview_file_query_and_file(api: responses.RequestsMock, client: KitsuClient,
                                            png: str) -> None:
    seen = capture(api, responses.POST, f"pictures/preview-files/{P}",
                   {"id": P, "status": "ready"})
    assert cm.upload_preview_file({"id": P}, png, client=client)["status"] == "ready"
    cm.upload_preview_file(P, png, normalize_movie=False, no_job=True, client=client)
    assert seen[0]["url"] == url(f"pictures/preview-files/{P}")
    assert seen[1]["url"] == url(f"pictures/preview-files/{P}?normalize=false&no_job=true")
    assert seen[0]["files"]["file"] == ("frame.png", pathlib.Path(png).read_bytes())


@pytest.mark.parametrize("name", ["notes.txt", "movie.MP4x", "no_extension", "archive.tar.gz"])
def test_unsupported_preview_types_fail_before_the_network(
        api: responses.RequestsMock, client: KitsuClient, tmp_path: pathlib.Path,
        name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"x")
    with pytest.raises(InvalidInputError):
        cm.upload_preview_file(P, str(path), client=client)
    with pytest.raises(InvalidInputError):
        cm.add_preview(T, C, str(path), client=client)
    assert len(api.calls) == 0


@pytest.mark.parametrize("name", ["a.PNG", "b.jpeg", "c.mov", "d.webm", "e.pdf", "f.exr"])
def test_supported_preview_types_are_sent(api: responses.RequestsMock, client: KitsuClient,
                                          tmp_path: pathlib.Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"x")
    api.post(url(f"pictures/preview-files/{P}"), json={"id": P}, status=201)
    cm.upload_preview_file(P, str(path), client=client)
    assert len(api.calls) == 1


def test_add_preview_creates_then_uploads(api: responses.RequestsMock, client: KitsuClient,
                                          png: str) -> None:
    api.post(url(f"actions/tasks/{T}/comments/{C}/add-preview"), json={"id": P}, status=201,
             match=[matchers.json_params_matcher({"revision": 2})])
    seen = capture(api, responses.POST, f"pictures/preview-files/{P}",
                   {"id": P, "status": "ready", "extension": "png"})
    progress: list[int] = []
    result = cm.add_preview(T, {"id": C}, png, revision=2, client=client,
                            progress_callback=lambda d, t: progress.append(d))
    assert result["extension"] == "png"
    assert [c.request.method for c in api.calls] == ["POST", "POST"]
    assert seen[0]["files"]["file"][0] == "frame.png"
    assert progress


def test_add_preview_missing_file_creates_nothing(api: responses.RequestsMock,
                                                  client: KitsuClient) -> None:
    with pytest.raises(MissingFileError):
        cm.add_preview(T, C, "/nonexistent/x.png", client=client)
    with pytest.raises(InvalidInputError):
        cm.add_preview(T, C, client=client)
    with pytest.raises(InvalidInputError):
        cm.add_preview(T, C, "/a.png", preview_file_url="http://x/a.png", client=client)
    assert len(api.calls) == 0


@pytest.mark.parametrize(("upload", "error"), [
    ({"status": 400, "json": {"message": "Wrong file format"}}, BadRequestError),
    ({"status": 500, "json": {"message": "Movie preview normalization failed."}}, ServerError),
    ({"status": 201, "json": {"id": P, "status": "broken"}}, PreviewProcessingError),
    ({"body": requests.exceptions.ConnectionError("reset")}, UploadError),
])
def test_failed_upload_removes_the_empty_preview(api: responses.RequestsMock, client: KitsuClient,
                                                 png: str, upload: dict[str, Any],
                                                 error: type[Exception]) -> None:
    api.post(url(f"actions/tasks/{T}/comments/{C}/add-preview"), json={"id": P}, status=201)
    api.post(url(f"pictures/preview-files/{P}"), **upload)
    api.delete(url(f"actions/tasks/{T}/comments/{C}/preview-files/{P}"), status=204)
    with pytest.raises(error):
        cm.add_preview(T, C, png, client=client)
    assert api.calls[-1].request.method == "DELETE"
    assert api.calls[-1].request.url == url(f"actions/tasks/{T}/comments/{C}/preview-files/{P}")


def test_failed_upload_raises_the_upload_error_even_if_zou_removed_the_preview(
        api: responses.RequestsMock, client: KitsuClient, png: str) -> None:
    api.post(url(f"actions/tasks/{T}/comments/{C}/add-preview"), json={"id": P}, status=201)
    api.post(url(f"pictures/preview-files/{P}"), status=400, json={"message": "Wrong format"})
    api.delete(url(f"actions/tasks/{T}/comments/{C}/preview-files/{P}"), status=404,
               json={"message": "Preview file not found"})
    with pytest.raises(BadRequestError, match="Wrong format") as info:
        cm.add_preview(T, C, png, client=client)
    assert not isinstance(info.value, NotFoundError)  # the cleanup's 404 is not what surfaces
    assert api.calls[-1].request.method == "DELETE"


@pytest.mark.parametrize("upload", [
    {"body": requests.exceptions.ReadTimeout("slow")},
    {"status": 504, "json": {"message": "gateway timeout"}},
])
def test_upload_with_unknown_outcome_keeps_the_preview(api: responses.RequestsMock,
                                                       client: KitsuClient, png: str,
                                                       upload: dict[str, Any]) -> None:
    api.post(url(f"actions/tasks/{T}/comments/{C}/add-preview"), json={"id": P}, status=201)
    api.post(url(f"pictures/preview-files/{P}"), **upload)
    with pytest.raises((UploadError, ServerError)):
        cm.add_preview(T, C, png, client=client)
    assert [c.request.method for c in api.calls] == ["POST", "POST"]


def test_add_extra_preview(api: responses.RequestsMock, client: KitsuClient, png: str) -> None:
    api.post(url(f"actions/tasks/{T}/comments/{C}/preview-files/{P}"), json={"id": R},
             status=201)
    seen = capture(api, responses.POST, f"pictures/preview-files/{R}", {"id": R, "position": 2})
    assert cm.add_extra_preview(T, C, P, png, client=client)["position"] == 2
    assert len(seen) == 1


def test_add_preview_from_url_does_not_send_the_token(api: responses.RequestsMock,
                                                      client: KitsuClient) -> None:
    api.get("https://cdn.example.com/shots/frame.png", body=b"\x89PNGdata",
            match=[matchers.query_param_matcher({"sig": "abc"})])
    api.post(url(f"actions/tasks/{T}/comments/{C}/add-preview"), json={"id": P}, status=201)
    seen = capture(api, responses.POST, f"pictures/preview-files/{P}", {"id": P})
    cm.add_preview(T, C, preview_file_url="https://cdn.example.com/shots/frame.png?sig=abc",
                   client=client)
    assert "Authorization" not in api.calls[0].request.headers
    assert seen[0]["files"]["file"] == ("frame.png", b"\x89PNGdata")


def test_add_preview_from_url_checks_the_type_first(api: responses.RequestsMock,
                                                    client: KitsuClient) -> None:
    with pytest.raises(InvalidInputError):
        cm.add_preview(T, C, preview_file_url="https://cdn.example.com/page.html", client=client)
    with pytest.raises(InvalidInputError):
        cm.add_preview(T, C, preview_file_url="ftp://cdn.example.com/a.png", client=client)
    assert len(api.calls) == 0


def test_set_main_preview_and_remove(api: responses.RequestsMock, client: KitsuClient) -> None:
    api.put(url(f"actions/preview-files/{P}/set-main-preview"), json={"preview_file_id": P},
            match=[matchers.json_params_matcher({"frame_number": 12})])
    api.put(url(f"actions/preview-files/{P}/set-main-preview"), json={"preview_file_id": P},
            match=[matchers.json_params_matcher({})])
    api.delete(url(f"actions/tasks/{T}/comments/{C}/preview-files/{P}"), status=204)
    assert cm.set_main_preview({"id": P}, 12, client=client)["preview_file_id"] == P
    cm.set_main_preview(P, client=client)
    assert cm.remove_preview_from_comment(T, C, P, client=client) == ""
    with pytest.raises(InvalidInputError):
        cm.set_main_preview(P, -1, client=client)
    assert len(api.calls) == 3


# -- publish_preview -------------------------------------------------------------------------------


def test_publish_preview_comment_preview_thumbnail(api: responses.RequestsMock,
                                                   client: KitsuClient, png: str) -> None:
    api.post(url(f"actions/tasks/{T}/comment"), json={"id": C, "text": "v2"}, status=201,
             match=[matchers.json_params_matcher({
                 "task_status_id": S, "comment": "v2", "checklist": [], "links": [],
                 "for_client": False})])
    api.post(url(f"actions/tasks/{T}/comments/{C}/add-preview"), json={"id": P}, status=201)
    capture(api, responses.POST, f"pictures/preview-files/{P}", {"id": P, "status": "ready"})
    api.put(url(f"actions/preview-files/{P}/set-main-preview"), json={"id": "entity"})
    new_comment, preview = cm.publish_preview(T, {"id": S}, "v2", preview_file_path=png,
                                              set_thumbnail=True, client=client)
    assert new_comment["id"] == C and preview == {"id": P, "status": "ready"}
    assert [c.request.method for c in api.calls] == ["POST", "POST", "POST", "PUT"]


def test_publish_preview_without_thumbnail(api: responses.RequestsMock, client: KitsuClient,
                                           png: str) -> None:
    api.post(url(f"actions/tasks/{T}/comment"), json={"id": C}, status=201)
    api.post(url(f"actions/tasks/{T}/comments/{C}/add-preview"), json={"id": P}, status=201)
    api.post(url(f"pictures/preview-files/{P}"), json={"id": P}, status=201)
    cm.publish_preview(T, S, preview_file_path=png, client=client)
    assert len(api.calls) == 3


@pytest.mark.parametrize("kwargs", [
    {"preview_file_path": "/nonexistent/x.png"},
    {"preview_file_path": __file__},  # a .py file: not a preview type
    {"preview_file_path": None},
    {"preview_file_url": "https://cdn.example.com/index.html"},
    {"revision": -1},
    {"task_status": "wip"},
    {"attachments": ["/nonexistent/a.txt"]},
])
def test_publish_preview_bad_input_creates_no_comment(api: responses.RequestsMock,
                                                      client: KitsuClient, png: str,
                                                      kwargs: dict[str, Any]) -> None:
    args: dict[str, Any] = {"task_status": S, "preview_file_path": png, **kwargs}
    if "preview_file_url" in kwargs:
        args.pop("preview_file_path")
    with pytest.raises(InvalidInputError):
        cm.publish_preview(T, client=client, **args)
    assert len(api.calls) == 0


def test_publish_preview_failed_upload_keeps_the_comment(api: responses.RequestsMock,
                                                         client: KitsuClient, png: str) -> None:
    api.post(url(f"actions/tasks/{T}/comment"), json={"id": C}, status=201)
    api.post(url(f"actions/tasks/{T}/comments/{C}/add-preview"), json={"id": P}, status=201)
    api.post(url(f"pictures/preview-files/{P}"), status=400, json={"message": "bad"})
    api.delete(url(f"actions/tasks/{T}/comments/{C}/preview-files/{P}"), status=204)
    with pytest.raises(BadRequestError):
        cm.publish_preview(T, S, preview_file_path=png, set_thumbnail=True, client=client)
    methods = [(c.request.method, c.request.url) for c in api.calls]
    assert ("DELETE", url(f"data/comments/{C}")) not in methods
    assert methods[-1] == ("DELETE", url(f"actions/tasks/{T}/comments/{C}/preview-files/{P}"))


def test_every_name_is_exported() -> None:
    for name in cm.__all__:
        assert callable(getattr(cm, name)), name
    assert len(cm.__all__) == 26


def test_local_host_matches_the_client_fixture(client: KitsuClient) -> None:
    assert client.host == HOST
