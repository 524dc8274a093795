"""kitsu_sdk.files against a mocked Zou: routes, downloads (atomic, status-checked, with
progress), polling with a deadline, input checks."""

from __future__ import annotations

import pathlib
from typing import Any, Callable, Optional

import pytest
import responses
from responses import matchers
from unit_helpers import expect, url

from kitsu_sdk import KitsuClient
from kitsu_sdk import files as F
from kitsu_sdk._operations import files as files_ops
from kitsu_sdk.exception import (
    InvalidIdError,
    InvalidInputError,
    MissingFileError,
    NotFoundError,
    PreviewProcessingError,
)

PREVIEW = "a1b2c3d4-0000-4000-8000-000000000001"
TASK = "a1b2c3d4-0000-4000-8000-000000000002"
PROJECT = "a1b2c3d4-0000-4000-8000-000000000003"
ATTACHMENT = "a1b2c3d4-0000-4000-8000-000000000004"
PERSON = "a1b2c3d4-0000-4000-8000-000000000005"
ORGANISATION = "a1b2c3d4-0000-4000-8000-000000000006"




def serve(
    api: responses.RequestsMock, path: str, data: bytes, query: Optional[dict[str, str]] = None
) -> None:
    api.add(
        "GET",
        url(path),
        body=data,
        status=200,
        headers={"Content-Length": str(len(data))},
        match=[matchers.query_param_matcher(query or {})],
    )


# -- records ----------------------------------------------------------------------------------


def test_get_preview_file(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", f"data/preview-files/{PREVIEW}", answer={"id": PREVIEW, "status": "ready"})
    assert F.get_preview_file(PREVIEW, client=client)["status"] == "ready"


def test_preview_file_lists(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", "data/preview-files", query={"task_id": TASK}, answer=[{"id": PREVIEW}])
    expect(
        api,
        "GET",
        "data/playlists/preview-files/running",
        answer=[{"id": PREVIEW, "status": "broken"}],
    )
    assert F.get_all_preview_files_for_task({"id": TASK}, client=client) == [{"id": PREVIEW}]
    assert F.get_running_preview_files(client=client)[0]["status"] == "broken"


def test_update_preview(api: responses.RequestsMock, client: KitsuClient) -> None:
    body = {"description": "ok", "validation_status": "validated"}
    expect(api, "PUT", f"data/preview-files/{PREVIEW}", body=body, answer={"id": PREVIEW, **body})
    assert F.update_preview({"id": PREVIEW}, body, client=client)["description"] == "ok"


def test_update_preview_position(api: responses.RequestsMock, client: KitsuClient) -> None:
    path = f"actions/preview-files/{PREVIEW}/update-position"
    expect(api, "PUT", path, body={"position": 2}, answer=[{"id": "x"}, {"id": PREVIEW}])
    assert [pf["id"] for pf in F.update_preview_position(PREVIEW, 2, client=client)] == [
        "x",
        PREVIEW,
    ]


def test_update_preview_annotations_sends_only_given_lists(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    path = f"actions/preview-files/{PREVIEW}/update-annotations"
    additions = [{"time": 0.0, "drawing": {"objects": []}}]
    expect(api, "PUT", path, body={"additions": additions}, answer={"annotations": additions})
    expect(api, "PUT", path, body={"updates": [], "deletions": ["a"]}, answer={"annotations": []})
    assert (
        F.update_preview_annotations(PREVIEW, additions, client=client)["annotations"] == additions
    )
    F.update_preview_annotations(PREVIEW, updates=[], deletions=["a"], client=client)
    assert len(api.calls) == 2


def test_remove_preview_file(api: responses.RequestsMock, client: KitsuClient) -> None:
    path = f"data/preview-files/{PREVIEW}"
    expect(api, "DELETE", path, query={"force": "true"}, status=204)
    expect(api, "DELETE", path, status=204)
    F.remove_preview_file(PREVIEW, force=True, client=client)
    F.remove_preview_file({"id": PREVIEW}, client=client)
    assert len(api.calls) == 2


# -- waiting ----------------------------------------------------------------------------------


def test_wait_polls_until_processing_ends(
    api: responses.RequestsMock, client: KitsuClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    naps: list[float] = []
    monkeypatch.setattr(client.retry, "sleep", naps.append)
    path = url(f"data/preview-files/{PREVIEW}")
    api.add("GET", path, json={"id": PREVIEW, "status": "processing"})
    api.add("GET", path, json={"id": PREVIEW, "status": "processing"})
    api.add("GET", path, json={"id": PREVIEW, "status": "broken"})
    client.cache.enabled = True  # polling must not be answered from the cache
    assert (
        F.wait_for_preview_file(PREVIEW, timeout=60, poll_interval=2, client=client)["status"]
        == "broken"
    )
    assert len(api.calls) == 3
    assert naps == [2, 2]


def test_wait_gives_up_at_the_deadline(
    api: responses.RequestsMock, client: KitsuClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [100.0]
    monkeypatch.setattr(files_ops.time, "monotonic", lambda: clock[0])
    naps: list[float] = []

    def nap(seconds: float) -> None:
        naps.append(seconds)
        clock[0] += seconds

    monkeypatch.setattr(client.retry, "sleep", nap)
    api.add(
        "GET", url(f"data/preview-files/{PREVIEW}"), json={"id": PREVIEW, "status": "processing"}
    )
    with pytest.raises(PreviewProcessingError, match=PREVIEW):
        F.wait_for_preview_file(PREVIEW, timeout=5, poll_interval=2, client=client)
    assert naps == [2, 2, 1]  # never sleeps past the deadline
    assert len(api.calls) == 4


@pytest.mark.parametrize(("timeout", "poll"), [(-1, 1), (5, -0.5), ("10", 1), (5, None)])
def test_wait_refuses_bad_durations(
    api: responses.RequestsMock, client: KitsuClient, timeout: Any, poll: Any
) -> None:
    with pytest.raises(InvalidInputError):
        F.wait_for_preview_file(PREVIEW, timeout, poll, client=client)
    assert len(api.calls) == 0


# -- URLs and downloads -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extension", "expected"),
    [
        ("png", f"pictures/originals/preview-files/{PREVIEW}.png"),
        ("mp4", f"movies/originals/preview-files/{PREVIEW}.mp4"),
        ("pdf", f"pictures/originals/preview-files/{PREVIEW}.pdf"),
    ],
)
def test_preview_file_url_reads_the_extension_from_the_server(
    api: responses.RequestsMock, client: KitsuClient, extension: str, expected: str
) -> None:
    expect(
        api, "GET", f"data/preview-files/{PREVIEW}", answer={"id": PREVIEW, "extension": extension}
    )
    # The dict says mp4 (what Zou says before the upload): the server's answer wins.
    assert F.get_preview_file_url({"id": PREVIEW, "extension": "mp4"}, client=client) == expected


def test_movie_urls(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", f"data/preview-files/{PREVIEW}", answer={"id": PREVIEW, "extension": "mp4"})
    assert (
        F.get_preview_movie_url(PREVIEW, client=client)
        == f"movies/originals/preview-files/{PREVIEW}.mp4"
    )
    low = f"movies/low/preview-files/{PREVIEW}.mp4"
    assert F.get_preview_movie_url(PREVIEW, lowdef=True, client=client) == low
    assert F.get_preview_lowdef_movie_url({"id": PREVIEW}, client=client) == low
    assert len(api.calls) == 1  # the low definition path needs no lookup


DOWNLOADS: list[tuple[str, Callable[..., str], str, bool]] = [
    ("original", F.download_preview_file, f"pictures/originals/preview-files/{PREVIEW}.png", True),
    (
        "thumbnail",
        F.download_preview_file_thumbnail,
        f"pictures/thumbnails/preview-files/{PREVIEW}.png",
        False,
    ),
    (
        "cover",
        F.download_preview_file_cover,
        f"pictures/originals/preview-files/{PREVIEW}.png",
        False,
    ),
    ("movie", F.download_preview_movie, f"movies/originals/preview-files/{PREVIEW}.png", True),
    ("lowdef", F.download_preview_lowdef_movie, f"movies/low/preview-files/{PREVIEW}.mp4", False),
    (
        "attachment thumb",
        F.download_attachment_thumbnail,
        f"pictures/thumbnails/attachment-files/{PREVIEW}.png",
        False,
    ),
    (
        "person avatar",
        F.download_person_avatar,
        f"pictures/thumbnails/persons/{PREVIEW}.png",
        False,
    ),
    (
        "project avatar",
        F.download_project_avatar,
        f"pictures/thumbnails/projects/{PREVIEW}.png",
        False,
    ),
    (
        "org avatar",
        F.download_organisation_avatar,
        f"pictures/thumbnails/organisations/{PREVIEW}.png",
        False,
    ),
]


@pytest.mark.parametrize(
    ("label", "function", "path", "lookup"), DOWNLOADS, ids=[d[0] for d in DOWNLOADS]
)
def test_downloads_write_the_served_bytes_with_progress(
    api: responses.RequestsMock,
    client: KitsuClient,
    tmp_path: pathlib.Path,
    label: str,
    function: Callable[..., str],
    path: str,
    lookup: bool,
) -> None:
    if lookup:
        expect(
            api, "GET", f"data/preview-files/{PREVIEW}", answer={"id": PREVIEW, "extension": "png"}
        )
    data = label.encode() * 1000
    serve(api, path, data)
    seen: list[tuple[int, Optional[int]]] = []
    written = function(
        {"id": PREVIEW},
        tmp_path / "out",
        client=client,
        progress_callback=lambda d, t: seen.append((d, t)),
    )
    assert written == str(tmp_path / "out")
    assert (tmp_path / "out").read_bytes() == data
    assert seen[-1] == (len(data), len(data))
    assert len(api.calls) == (2 if lookup else 1)


def test_an_error_answer_never_becomes_a_file(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: pathlib.Path
) -> None:
    api.add(
        "GET",
        url(f"movies/low/preview-files/{PREVIEW}.mp4"),
        json={"message": "404 Not Found"},
        status=404,
    )
    with pytest.raises(NotFoundError):
        F.download_preview_lowdef_movie(PREVIEW, tmp_path / "low.mp4", client=client)
    assert list(tmp_path.iterdir()) == []


def test_extract_frame_to_bytes_or_file(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: pathlib.Path
) -> None:
    path = f"actions/preview-files/{PREVIEW}/extract-frame"
    serve(api, path, b"\x89PNG frame", query={"frame_number": "12"})
    assert F.extract_frame_from_preview(PREVIEW, 12, client=client) == b"\x89PNG frame"
    written = F.extract_frame_from_preview(PREVIEW, 12, tmp_path / "f.png", client=client)
    assert pathlib.Path(str(written)).read_bytes() == b"\x89PNG frame"


def test_extract_tile_to_bytes_or_file(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: pathlib.Path
) -> None:
    serve(api, f"actions/preview-files/{PREVIEW}/extract-tile", b"\x89PNG tile")
    assert F.extract_tile_from_preview({"id": PREVIEW}, client=client) == b"\x89PNG tile"
    written = F.extract_tile_from_preview(PREVIEW, tmp_path / "t.png", client=client)
    assert pathlib.Path(str(written)).read_bytes() == b"\x89PNG tile"


# -- attachments and avatars ------------------------------------------------------------------


def test_attachment_records(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(
        api,
        "GET",
        f"data/attachment-files/{ATTACHMENT}",
        answer={"id": ATTACHMENT, "name": "n.txt"},
    )
    expect(api, "GET", f"data/tasks/{TASK}/attachment-files", answer=[{"id": ATTACHMENT}])
    expect(api, "GET", f"data/projects/{PROJECT}/attachment-files", answer=[{"id": ATTACHMENT}])
    assert F.get_attachment_file(ATTACHMENT, client=client)["name"] == "n.txt"
    assert F.get_all_attachment_files_for_task(TASK, client=client) == [{"id": ATTACHMENT}]
    assert F.get_all_attachment_files_for_project({"id": PROJECT}, client=client) == [
        {"id": ATTACHMENT}
    ]
    thumb = F.get_attachment_thumbnail_url(ATTACHMENT, client=client)
    assert thumb == f"pictures/thumbnails/attachment-files/{ATTACHMENT}.png"


def test_download_attachment_looks_the_name_up_when_needed(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: pathlib.Path
) -> None:
    expect(
        api,
        "GET",
        f"data/attachment-files/{ATTACHMENT}",
        answer={"id": ATTACHMENT, "name": "notes.txt"},
    )
    serve(api, f"data/attachment-files/{ATTACHMENT}/file/notes.txt", b"hello")
    F.download_attachment_file(ATTACHMENT, tmp_path / "a.txt", client=client)
    F.download_attachment_file(
        {"id": ATTACHMENT, "name": "notes.txt"}, tmp_path / "b.txt", client=client
    )
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "b.txt").read_bytes() == b"hello"
    assert len(api.calls) == 3


@pytest.mark.parametrize(
    ("function", "kind"),
    [
        (F.upload_person_avatar, "persons"),
        (F.upload_project_avatar, "projects"),
        (F.upload_organisation_avatar, "organisations"),
    ],
)
def test_avatar_uploads(
    api: responses.RequestsMock,
    client: KitsuClient,
    tmp_path: pathlib.Path,
    function: Any,
    kind: str,
) -> None:
    picture = tmp_path / "a.png"
    picture.write_bytes(b"\x89PNG avatar")
    answer = {"thumbnail_path": f"pictures/thumbnails/{kind}/{PERSON}.png"}
    api.add("POST", url(f"pictures/thumbnails/{kind}/{PERSON}"), json=answer, status=201)
    assert function({"id": PERSON}, picture, client=client) == answer
    request = api.calls[0].request
    body = request.body if isinstance(request.body, bytes) else request.body.read()
    assert b'filename="a.png"' in body and b"\x89PNG avatar" in body


# -- input checks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c, d: F.get_preview_file("SH010_v3.mov", client=c), InvalidIdError),
        (lambda c, d: F.download_preview_file_thumbnail(None, d / "x", client=c), InvalidIdError),
        (lambda c, d: F.download_preview_lowdef_movie("v3", d / "x", client=c), InvalidIdError),
        (lambda c, d: F.get_all_preview_files_for_task({"name": "anim"}, client=c), InvalidIdError),
        (lambda c, d: F.update_preview(PREVIEW, [("a", 1)], client=c), InvalidInputError),
        (lambda c, d: F.update_preview_position(PREVIEW, "2", client=c), InvalidInputError),
        (lambda c, d: F.update_preview_annotations(PREVIEW, {"x": 1}, client=c), InvalidInputError),
        (lambda c, d: F.extract_frame_from_preview(PREVIEW, -1, client=c), InvalidInputError),
        (lambda c, d: F.extract_frame_from_preview(PREVIEW, 1.5, client=c), InvalidInputError),
        (
            lambda c, d: F.download_preview_file_cover(PREVIEW, d / "missing-dir" / "x", client=c),
            MissingFileError,
        ),
        (lambda c, d: F.upload_person_avatar(PERSON, d / "nope.png", client=c), MissingFileError),
        (lambda c, d: F.download_organisation_avatar("Kitsu", d / "x", client=c), InvalidIdError),
        (lambda c, d: F.download_attachment_file("notes.txt", d / "x", client=c), InvalidIdError),
    ],
)
def test_bad_input_raises_before_any_request(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: pathlib.Path, call: Any, error: type
) -> None:
    with pytest.raises(error):
        call(client, tmp_path)
    assert len(api.calls) == 0


def test_every_gazu_files_function_is_here() -> None:
    assert F._GAZU_ABSENT == {}
    assert callable(F.new_working_file) and callable(F.build_working_file_path)
