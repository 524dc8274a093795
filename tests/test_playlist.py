"""kitsu_sdk.playlist against a mocked Zou: routes, queries, bodies, paging, local edits."""

from __future__ import annotations

from typing import Any, Callable, Optional

import pytest
import responses
from unit_helpers import expect, url

from kitsu_sdk import KitsuClient
from kitsu_sdk import playlist as pl
from kitsu_sdk.exception import InvalidIdError, InvalidInputError, NotFoundError, ServerError

PROJECT = "a1b2c3d4-0000-4000-8000-000000000001"
PLAYLIST = "a1b2c3d4-0000-4000-8000-000000000002"
EPISODE = "a1b2c3d4-0000-4000-8000-000000000003"
SHOT = "a1b2c3d4-0000-4000-8000-000000000004"
SHOT2 = "a1b2c3d4-0000-4000-8000-000000000005"
PREVIEW = "a1b2c3d4-0000-4000-8000-000000000006"
PREVIEW2 = "a1b2c3d4-0000-4000-8000-000000000007"
JOB = "a1b2c3d4-0000-4000-8000-000000000008"
TASK = "a1b2c3d4-0000-4000-8000-000000000009"


def row(name: str, **extra: Any) -> dict[str, Any]:
    return {"id": extra.pop("id", PLAYLIST), "name": name, **extra}


# -- reads ------------------------------------------------------------------------------------


def test_all_playlists_sorted_by_name(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", "data/playlists", answer=[row("b"), row("A"), row("c")])
    assert [p["name"] for p in pl.all_playlists(client=client)] == ["A", "b", "c"]


def test_get_playlist(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", f"data/playlists/{PLAYLIST}", answer=row("daily"))
    assert pl.get_playlist({"id": PLAYLIST}, client=client)["name"] == "daily"


def test_all_shots_for_playlist_returns_the_entries(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    entries = [{"entity_id": SHOT2}, {"entity_id": SHOT, "preview_file_id": PREVIEW}]
    expect(api, "GET", f"data/playlists/{PLAYLIST}", answer=row("d", shots=entries))
    assert pl.all_shots_for_playlist(PLAYLIST, client=client) == entries


def test_all_shots_for_a_new_playlist_is_empty(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "GET", f"data/playlists/{PLAYLIST}", answer=row("d", shots=None))
    assert pl.all_shots_for_playlist(PLAYLIST, client=client) == []


def _page(start: int, count: int) -> list[dict[str, Any]]:
    return [
        row(f"p{n:03d}", id=f"a1b2c3d4-0000-4000-8000-{n:012d}")
        for n in range(start, start + count)
    ]


def test_project_playlists_walk_every_page_of_twenty(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    path = f"data/projects/{PROJECT}/playlists"
    expect(api, "GET", path, query={"page": "1", "sort_by": "id"}, answer=_page(0, 20))
    expect(api, "GET", path, query={"page": "2", "sort_by": "id"}, answer=_page(20, 20))
    expect(api, "GET", path, query={"page": "3", "sort_by": "id"}, answer=_page(40, 3))
    rows = pl.all_playlists_for_project(PROJECT, client=client)
    assert len(rows) == 43
    assert [r["name"] for r in rows] == sorted(r["name"] for r in rows)
    assert len(api.calls) == 3


def test_project_playlists_walk_stops_on_an_empty_page(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    path = f"data/projects/{PROJECT}/playlists"
    expect(api, "GET", path, query={"page": "1", "sort_by": "id"}, answer=_page(0, 20))
    expect(api, "GET", path, query={"page": "2", "sort_by": "id"}, answer=[])
    assert len(pl.all_playlists_for_project(PROJECT, client=client)) == 20
    assert len(api.calls) == 2


def test_a_row_shifted_onto_the_next_page_is_not_listed_twice(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    path = f"data/projects/{PROJECT}/playlists"
    expect(api, "GET", path, query={"page": "1", "sort_by": "id"}, answer=_page(0, 20))
    expect(api, "GET", path, query={"page": "2", "sort_by": "id"}, answer=_page(19, 2))
    assert len(pl.all_playlists_for_project(PROJECT, client=client)) == 21


def test_project_playlists_one_page_when_asked(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    path = f"data/projects/{PROJECT}/playlists"
    expect(api, "GET", path, query={"page": "2"}, answer=_page(20, 20))
    assert len(pl.all_playlists_for_project(PROJECT, client=client, page=2)) == 20
    assert len(api.calls) == 1


@pytest.mark.parametrize("page", [0, -1, "2", True])
def test_bad_page_is_refused_before_sending(
    api: responses.RequestsMock, client: KitsuClient, page: Any
) -> None:
    with pytest.raises(InvalidInputError):
        pl.all_playlists_for_project(PROJECT, client=client, page=page)
    assert len(api.calls) == 0


def test_episode_playlists_use_the_project_of_the_dict(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    path = f"data/projects/{PROJECT}/episodes/{EPISODE}/playlists"
    answer = [row("z"), row("a", id=PREVIEW)]
    expect(api, "GET", path, query={"page": "1", "sort_by": "id"}, answer=answer)
    rows = pl.all_playlists_for_episode({"id": EPISODE, "project_id": PROJECT}, client=client)
    assert [r["name"] for r in rows] == ["a", "z"]
    assert len(api.calls) == 1


def test_episode_playlists_fetch_the_episode_given_an_id(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "GET", f"data/episodes/{EPISODE}", answer={"id": EPISODE, "project_id": PROJECT})
    path = f"data/projects/{PROJECT}/episodes/{EPISODE}/playlists"
    expect(api, "GET", path, query={"page": "1", "sort_by": "id"}, answer=[row("a")])
    assert len(pl.all_playlists_for_episode(EPISODE, client=client)) == 1


def test_get_playlist_by_name_prefers_the_exact_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    query = {"project_id": PROJECT, "name": "Daily"}
    answer = [row("daily", id=PLAYLIST), row("Daily", id=PREVIEW)]
    expect(api, "GET", "data/playlists", query=query, answer=answer)
    found = pl.get_playlist_by_name(PROJECT, "Daily", client=client)
    assert found is not None and found["id"] == PREVIEW


def test_get_playlist_by_name_ignores_wildcard_matches(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    query = {"project_id": PROJECT, "name": "dai%"}
    expect(api, "GET", "data/playlists", query=query, answer=[row("daily")])
    assert pl.get_playlist_by_name(PROJECT, "dai%", client=client) is None


def test_get_entity_preview_files(api: responses.RequestsMock, client: KitsuClient) -> None:
    answer = {"tt": [{"id": PREVIEW, "revision": 2}]}
    expect(api, "GET", f"data/playlists/entities/{SHOT}/preview-files", answer=answer)
    assert pl.get_entity_preview_files(SHOT, client=client) == answer


# -- creation and updates ---------------------------------------------------------------------


def test_new_playlist_posts_when_the_name_is_free(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    query = {"project_id": PROJECT, "name": "daily"}
    expect(api, "GET", "data/playlists", query=query, answer=[])
    body = {
        "name": "daily",
        "project_id": PROJECT,
        "for_entity": "asset",
        "for_client": True,
        "is_for_all": False,
        "episode_id": EPISODE,
    }
    expect(api, "POST", "data/playlists", body=body, answer=row("daily"), status=201)
    made = pl.new_playlist(
        {"id": PROJECT},
        "daily",
        episode=EPISODE,
        for_entity="asset",
        for_client=True,
        client=client,
    )
    assert made["name"] == "daily"


def test_new_playlist_returns_one_differing_only_in_case(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    query = {"project_id": PROJECT, "name": "daily"}
    expect(api, "GET", "data/playlists", query=query, answer=[row("Daily", episode_id=None)])
    assert pl.new_playlist(PROJECT, "daily", client=client)["name"] == "Daily"
    assert [call.request.method for call in api.calls] == ["GET"]


def test_new_playlist_prefers_the_exact_name(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    query = {"project_id": PROJECT, "name": "daily"}
    answer = [row("DAILY", id=PREVIEW), row("daily", episode_id=EPISODE)]
    expect(api, "GET", "data/playlists", query=query, answer=answer)
    assert pl.new_playlist(PROJECT, "daily", client=client)["id"] == PLAYLIST


def test_new_playlist_returns_the_existing_one_whatever_its_episode(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # gazu looks the name up in the whole project: a playlist of an episode is returned for a
    # project-level request, and a project-level one for an episode request.
    query = {"project_id": PROJECT, "name": "daily"}
    in_episode = [row("daily", episode_id=EPISODE)]
    expect(api, "GET", "data/playlists", query=query, answer=in_episode)
    assert pl.new_playlist(PROJECT, "daily", client=client) == in_episode[0]
    at_project = [row("daily", id=PREVIEW, episode_id=None)]
    expect(api, "GET", "data/playlists", query=query, answer=at_project)
    other_episode = "a1b2c3d4-0000-4000-8000-00000000000a"
    made = pl.new_playlist({"id": PROJECT}, "daily", episode=other_episode, client=client)
    assert made == at_project[0]
    assert [call.request.method for call in api.calls] == ["GET", "GET"]


def test_new_playlist_does_not_take_a_wildcard_match(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # Zou's ILIKE makes "_" a wildcard: "daily_a" also matches "daily-a".
    query = {"project_id": PROJECT, "name": "daily_a"}
    expect(api, "GET", "data/playlists", query=query, answer=[row("daily-a")])
    body = {
        "name": "daily_a",
        "project_id": PROJECT,
        "for_entity": "shot",
        "for_client": False,
        "is_for_all": False,
    }
    expect(api, "POST", "data/playlists", body=body, answer=row("daily_a", id=PREVIEW))
    assert pl.new_playlist(PROJECT, "daily_a", client=client)["id"] == PREVIEW


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("shot-name", "daily"), InvalidIdError),
        ((PROJECT, ""), InvalidInputError),
        ((PROJECT, "daily", "episode 1"), InvalidIdError),
        ((PROJECT, "daily", None, "character"), InvalidInputError),
    ],
)
def test_new_playlist_bad_input(
    api: responses.RequestsMock, client: KitsuClient, args: tuple[Any, ...], error: type
) -> None:
    with pytest.raises(error):
        pl.new_playlist(*args, client=client)
    assert len(api.calls) == 0


def test_update_playlist_leaves_out_what_zou_computes(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    playlist = row(
        "renamed", type="Playlist", created_at="x", build_jobs=[{"id": JOB}], for_client=True
    )
    expect(
        api,
        "PUT",
        f"data/playlists/{PLAYLIST}",
        body={"name": "renamed", "for_client": True},
        answer=row("renamed"),
    )
    assert pl.update_playlist(playlist, client=client)["name"] == "renamed"


def test_update_playlist_does_not_send_null_entries(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "PUT", f"data/playlists/{PLAYLIST}", body={"name": "x"}, answer=row("x"))
    pl.update_playlist(row("x", shots=None), client=client)
    assert len(api.calls) == 1


def test_update_playlist_needs_a_dict(api: responses.RequestsMock, client: KitsuClient) -> None:
    with pytest.raises(InvalidInputError):
        pl.update_playlist(PLAYLIST, client=client)  # type: ignore[arg-type]
    assert len(api.calls) == 0


def test_delete_playlist(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "DELETE", f"data/playlists/{PLAYLIST}", status=204)
    assert pl.delete_playlist(PLAYLIST, client=client) == ""  # gazu returns the body text
    assert len(api.calls) == 1


def test_add_entity_lets_zou_pick_the_latest_preview(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    path = f"actions/playlists/{PLAYLIST}/add-entity"
    answer = row("d", shots=[{"entity_id": SHOT, "preview_file_id": PREVIEW}])
    expect(api, "POST", path, body={"entity_id": SHOT}, answer=answer)
    assert pl.add_entity_to_playlist({"id": PLAYLIST}, SHOT, client=client) == answer
    assert len(api.calls) == 1


def test_add_entity_with_a_preview(api: responses.RequestsMock, client: KitsuClient) -> None:
    path = f"actions/playlists/{PLAYLIST}/add-entity"
    body = {"entity_id": SHOT, "preview_file_id": PREVIEW}
    expect(api, "POST", path, body=body, answer=row("d", shots=[body]))
    assert pl.add_entity_to_playlist(PLAYLIST, {"id": SHOT}, {"id": PREVIEW}, client=client)


def test_add_entity_locally_picks_the_preview_created_last_and_does_not_mutate(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # gazu's choice: each task type's first preview, then the one created last (not the
    # highest revision).
    previews = {
        "layout": [{"id": PREVIEW, "revision": 3, "created_at": "2026-01-01T00:00:00"}],
        "anim": [
            {"id": PREVIEW2, "revision": 2, "created_at": "2026-02-01T00:00:00"},
            {"id": JOB, "revision": 1, "created_at": "2026-03-01T00:00:00"},
        ],
        "lighting": [],
    }
    expect(api, "GET", f"data/playlists/entities/{SHOT}/preview-files", answer=previews)
    original = row("d", shots=[{"entity_id": SHOT2}], build_jobs=[])
    updated = pl.add_entity_to_playlist(original, SHOT, persist=False, client=client)
    assert updated == row(
        "d",
        shots=[{"entity_id": SHOT2}, {"entity_id": SHOT, "preview_file_id": PREVIEW2}],
        build_jobs=[],
    )
    assert original["shots"] == [{"entity_id": SHOT2}]
    assert [c.request.method for c in api.calls] == ["GET"]


def test_add_entity_locally_keeps_the_first_task_types_preview_on_a_tie(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    same_time = "2026-01-01T00:00:00"
    previews = {
        "layout": [{"id": PREVIEW, "created_at": same_time}],
        "anim": [{"id": PREVIEW2, "created_at": same_time}],
    }
    expect(api, "GET", f"data/playlists/entities/{SHOT}/preview-files", answer=previews)
    updated = pl.add_entity_to_playlist(row("d", shots=[]), SHOT, persist=False, client=client)
    assert updated["shots"] == [{"entity_id": SHOT, "preview_file_id": PREVIEW}]


def test_add_entity_locally_without_any_preview(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "GET", f"data/playlists/entities/{SHOT}/preview-files", answer={"anim": []})
    updated = pl.add_entity_to_playlist(row("d", shots=[]), SHOT, persist=False, client=client)
    assert updated["shots"] == [{"entity_id": SHOT}]


def test_add_entity_locally_appends_an_identical_entry_again(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    entry = {"entity_id": SHOT, "preview_file_id": PREVIEW}
    updated = pl.add_entity_to_playlist(
        row("d", shots=[entry]), SHOT, PREVIEW, persist=False, client=client
    )
    assert updated["shots"] == [entry, entry]
    assert len(api.calls) == 0


@pytest.mark.parametrize("playlist", [row("d", shots=None), row("d"), {"shots": None}])
def test_add_entity_locally_to_null_or_missing_entries_starts_them(
    api: responses.RequestsMock, client: KitsuClient, playlist: dict[str, Any]
) -> None:
    # A new playlist's `shots` is null: it counts as empty (the server is not read), and the
    # dict needs no id since nothing is sent.
    updated = pl.add_entity_to_playlist(
        playlist, {"id": SHOT}, {"id": PREVIEW}, persist=False, client=client
    )
    assert updated == {**playlist, "shots": [{"entity_id": SHOT, "preview_file_id": PREVIEW}]}
    assert len(api.calls) == 0


def test_add_entity_locally_given_an_id_copies_the_servers_playlist(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "GET", f"data/playlists/{PLAYLIST}", answer=row("d", shots=[{"entity_id": SHOT2}]))
    updated = pl.add_entity_to_playlist(PLAYLIST, SHOT, PREVIEW, persist=False, client=client)
    assert updated["shots"] == [
        {"entity_id": SHOT2},
        {"entity_id": SHOT, "preview_file_id": PREVIEW},
    ]
    assert [c.request.method for c in api.calls] == ["GET"]


def test_remove_entity_edits_and_returns_the_dict_given(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    entries = [
        {"entity_id": SHOT, "preview_file_id": PREVIEW},
        {"entity_id": SHOT2},
        {"entity_id": SHOT, "preview_file_id": PREVIEW2},
    ]
    playlist = row("d", shots=entries, build_jobs=[{"id": JOB}])
    expect(
        api,
        "PUT",
        f"data/playlists/{PLAYLIST}",
        body={"shots": [{"entity_id": SHOT2}]},  # only the entries: nothing stale is written
        answer=row("d", shots=[{"entity_id": SHOT2}]),
    )
    result = pl.remove_entity_from_playlist(playlist, SHOT, client=client)
    assert result is playlist  # gazu's result: the caller's dict, with its build_jobs
    assert result == row("d", shots=[{"entity_id": SHOT2}], build_jobs=[{"id": JOB}])
    assert len(api.calls) == 1


def test_remove_entity_given_an_id_reads_the_server_entries(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    entries = [{"entity_id": SHOT}, {"entity_id": SHOT2}]
    expect(api, "GET", f"data/playlists/{PLAYLIST}", answer=row("d", shots=entries, build_jobs=[]))
    expect(
        api, "PUT", f"data/playlists/{PLAYLIST}", body={"shots": [{"entity_id": SHOT}]}, answer={}
    )
    result = pl.remove_entity_from_playlist(PLAYLIST, SHOT2, client=client)
    assert result == row("d", shots=[{"entity_id": SHOT}], build_jobs=[])
    assert [c.request.method for c in api.calls] == ["GET", "PUT"]


def test_remove_entity_from_a_dict_without_entries_reads_them(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # gazu fails on such a dict; the server's entries are used rather than saving none.
    expect(api, "GET", f"data/playlists/{PLAYLIST}", answer=row("d", shots=[{"entity_id": SHOT}]))
    expect(api, "PUT", f"data/playlists/{PLAYLIST}", body={"shots": []}, answer={})
    playlist = row("renamed", shots=None)
    assert pl.remove_entity_from_playlist(playlist, SHOT, client=client) is playlist
    assert playlist == row("renamed", shots=[])


def test_remove_entity_without_persist_sends_nothing(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    # No id needed: nothing is sent.
    playlist: dict[str, Any] = {"shots": [{"entity_id": SHOT}, {"entity_id": SHOT2}]}
    result = pl.remove_entity_from_playlist(playlist, SHOT, persist=False, client=client)
    assert result is playlist and result["shots"] == [{"entity_id": SHOT2}]
    assert len(api.calls) == 0


def test_update_entity_preview_edits_and_returns_the_dict_given(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    entries = [{"entity_id": SHOT, "preview_file_id": PREVIEW}, {"entity_id": SHOT2}]
    body = {"shots": [{"entity_id": SHOT, "preview_file_id": PREVIEW2}, {"entity_id": SHOT2}]}
    # Zou's answer is not what comes back (gazu returns the dict it was given).
    expect(api, "PUT", f"data/playlists/{PLAYLIST}", body=body, answer=row("zou", shots=[]))
    playlist = row("d", shots=entries, build_jobs=[])
    result = pl.update_entity_preview(playlist, SHOT, PREVIEW2, client=client)
    assert result is playlist
    assert result == row("d", build_jobs=[], **body)
    assert entries[0]["preview_file_id"] == PREVIEW2


def test_update_entity_preview_without_persist_sends_nothing(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    playlist = row("d", shots=[{"entity_id": SHOT}, {"entity_id": SHOT2}])
    result = pl.update_entity_preview(playlist, {"id": SHOT}, {"id": PREVIEW}, False, client=client)
    assert result is playlist
    assert result["shots"] == [
        {"entity_id": SHOT, "preview_file_id": PREVIEW},
        {"entity_id": SHOT2},
    ]
    assert len(api.calls) == 0


def test_update_entity_preview_given_an_id_reads_the_server_entries(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    expect(api, "GET", f"data/playlists/{PLAYLIST}", answer=row("d", shots=[{"entity_id": SHOT}]))
    body = {"shots": [{"entity_id": SHOT, "preview_file_id": PREVIEW}]}
    expect(api, "PUT", f"data/playlists/{PLAYLIST}", body=body, answer={})
    assert pl.update_entity_preview(PLAYLIST, SHOT, PREVIEW, client=client) == row("d", **body)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: pl.add_entity_to_playlist(PLAYLIST, "SH010", client=c),
        lambda c: pl.add_entity_to_playlist("daily", SHOT, client=c),
        lambda c: pl.add_entity_to_playlist("daily", SHOT, persist=False, client=c),
        lambda c: pl.remove_entity_from_playlist(PLAYLIST, None, client=c),
        lambda c: pl.remove_entity_from_playlist("daily", SHOT, persist=False, client=c),
        lambda c: pl.remove_entity_from_playlist({"shots": []}, SHOT, client=c),
        lambda c: pl.update_entity_preview(PLAYLIST, SHOT, "v2", client=c),
        lambda c: pl.update_entity_preview({"name": "d"}, SHOT, PREVIEW, False, client=c),
        lambda c: pl.get_build_job(PLAYLIST, "job", client=c),
        lambda c: pl.remove_share_link(PLAYLIST, "", client=c),
        lambda c: pl.remove_share_link(PLAYLIST, "../x", client=c),
        lambda c: pl.generate_temp_playlist(PROJECT, {"task_ids": ["t1"]}, client=c),
        lambda c: pl.generate_temp_playlist(PROJECT, ["t1"], client=c),
        lambda c: pl.get_playlist_by_name(PROJECT, None, client=c),
    ],
)
def test_bad_input_raises_before_any_request(
    api: responses.RequestsMock, client: KitsuClient, call: Callable[[KitsuClient], Any]
) -> None:
    with pytest.raises(InvalidInputError):
        call(client)
    assert len(api.calls) == 0


# -- builds -----------------------------------------------------------------------------------


def test_build_playlist_movie_is_a_get_that_is_never_cached(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    client.cache.enabled = True
    path = f"data/playlists/{PLAYLIST}/build/mp4"
    expect(api, "GET", path, answer={"id": JOB, "status": "succeeded"})
    assert pl.build_playlist_movie(PLAYLIST, client=client)["id"] == JOB
    pl.build_playlist_movie(PLAYLIST, client=client)
    assert len(api.calls) == 2


def test_build_playlist_movie_failure_is_raised(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    path = f"data/playlists/{PLAYLIST}/build/mp4"
    expect(
        api, "GET", path, answer={"error": True, "message": "Internal server error."}, status=500
    )
    with pytest.raises(ServerError):
        pl.build_playlist_movie(PLAYLIST, client=client)


def test_get_and_remove_build_job(api: responses.RequestsMock, client: KitsuClient) -> None:
    path = f"data/playlists/{PLAYLIST}/jobs/{JOB}"
    expect(api, "GET", path, answer={"id": JOB, "status": "running"})
    expect(api, "DELETE", path, status=204)
    assert pl.get_build_job(PLAYLIST, {"id": JOB}, client=client)["status"] == "running"
    pl.remove_build_job({"id": PLAYLIST}, JOB, client=client)
    assert [c.request.method for c in api.calls] == ["GET", "DELETE"]


def test_all_build_jobs_for_project(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", f"data/projects/{PROJECT}/build-jobs", answer=[{"id": JOB}])
    assert pl.all_build_jobs_for_project(PROJECT, client=client) == [{"id": JOB}]


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (
            lambda c, target, progress: pl.download_playlist_build(
                PLAYLIST, JOB, target, client=c, progress_callback=progress
            ),
            f"data/playlists/{PLAYLIST}/jobs/{JOB}/build/mp4",
        ),
        (
            lambda c, target, progress: pl.download_playlist_zip(
                PLAYLIST, target, client=c, progress_callback=progress
            ),
            f"data/playlists/{PLAYLIST}/download/zip",
        ),
    ],
)
def test_downloads_write_the_file_and_report_progress(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any, call: Any, path: str
) -> None:
    api.add("GET", url(path), body=b"movie-bytes", status=200)
    seen: list[tuple[int, Optional[int]]] = []
    written = call(client, tmp_path / "out.bin", lambda done, total: seen.append((done, total)))
    assert (tmp_path / "out.bin").read_bytes() == b"movie-bytes"
    assert written == str(tmp_path / "out.bin")
    assert seen[-1][0] == len(b"movie-bytes")


def test_a_failed_download_leaves_no_file(
    api: responses.RequestsMock, client: KitsuClient, tmp_path: Any
) -> None:
    path = f"data/playlists/{PLAYLIST}/download/zip"
    api.add("GET", url(path), json={"error": True, "message": "nope"}, status=404)
    with pytest.raises(NotFoundError):
        pl.download_playlist_zip(PLAYLIST, tmp_path / "out.zip", client=client)
    assert list(tmp_path.iterdir()) == []


# -- sharing and temporary playlists ----------------------------------------------------------


def test_generate_temp_playlist(api: responses.RequestsMock, client: KitsuClient) -> None:
    path = f"data/projects/{PROJECT}/playlists/temp"
    expect(api, "POST", path, body={"task_ids": [TASK]}, answer=[{"id": SHOT}])
    assert pl.generate_temp_playlist(PROJECT, {"task_ids": [{"id": TASK}]}, client=client) == [
        {"id": SHOT}
    ]


def test_notify_clients(api: responses.RequestsMock, client: KitsuClient) -> None:
    path = f"data/playlists/{PLAYLIST}/notify-clients"
    expect(api, "POST", path, body={}, answer={"status": "success"})
    assert pl.notify_clients_playlist_ready(PLAYLIST, client=client) == {"status": "success"}


def test_new_share_link_sends_only_given_options(
    api: responses.RequestsMock, client: KitsuClient
) -> None:
    path = f"data/playlists/{PLAYLIST}/share"
    expect(api, "POST", path, body={"can_comment": True}, answer={"token": "t1"})
    expect(
        api,
        "POST",
        path,
        body={"can_comment": False, "expiration_date": "2030-01-01", "password": "pw"},
        answer={"token": "t2"},
    )
    assert pl.new_share_link(PLAYLIST, client=client)["token"] == "t1"
    link = pl.new_share_link(PLAYLIST, "2030-01-01", False, "pw", client=client)
    assert link["token"] == "t2"


def test_share_links_list_and_revoke(api: responses.RequestsMock, client: KitsuClient) -> None:
    expect(api, "GET", f"data/playlists/{PLAYLIST}/share", answer=[{"token": "abc"}])
    expect(api, "DELETE", f"data/playlists/{PLAYLIST}/share/abc", status=204)
    links = pl.all_share_links_for_playlist(PLAYLIST, client=client)
    pl.remove_share_link(PLAYLIST, links[0], client=client)
    assert [c.request.method for c in api.calls] == ["GET", "DELETE"]
