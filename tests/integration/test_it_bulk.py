"""kitsu_sdk.bulk and KitsuClient.run_many against the real Zou: build a small production in
bulk (episodes, sequences, shots, assets, tasks), update, comment and read it back, with results
in input order and errors kept per item."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from it_helpers import unique

from kitsu_sdk import KitsuClient, bulk, shot
from kitsu_sdk._operations import shot as shot_ops
from kitsu_sdk.exception import InvalidIdError, NotFoundError

Row = dict[str, Any]


@pytest.fixture(scope="module")
def task_type(client: KitsuClient, project: Row) -> Row:
    found = client.get("data/task-types", params={"name": "Animation"})
    assert found, "Zou's default task types include Animation"
    client.post(f"data/projects/{project['id']}/settings/task-types",
                {"task_type_id": found[0]["id"], "priority": 1})  # fmt: skip
    return dict(found[0])


@pytest.fixture(scope="module")
def built(client: KitsuClient, project: Row) -> dict[str, Any]:
    episodes = bulk.new_episodes(project, [unique("E"), unique("E")], client=client)
    assert episodes.ok, episodes.errors
    episode = episodes.results[0]
    assert episode is not None
    sequences = bulk.new_sequences(project, ["SQ01", "SQ02"], episode, client=client)
    assert sequences.ok, sequences.errors
    names = [f"SH{n:03d}" for n in range(1, 13)]
    shots = bulk.new_shots(
        project, sequences.results[0], names, frame_in=1, frame_out=48, client=client,
        concurrency=4,
    )  # fmt: skip
    assert shots.ok, shots.errors
    return {"episodes": episodes, "sequences": sequences, "shots": shots, "names": names}


def test_creates_keep_input_order_and_are_idempotent(
    client: KitsuClient, project: Row, built: dict[str, Any]
) -> None:
    episodes, sequences, shots = built["episodes"], built["sequences"], built["shots"]
    assert [e["type"] for e in episodes.succeeded()] == ["Episode", "Episode"]
    assert [s["name"] for s in sequences.succeeded()] == ["SQ01", "SQ02"]
    assert {s["parent_id"] for s in sequences.succeeded()} == {episodes.results[0]["id"]}
    assert [s["name"] for s in shots.succeeded()] == built["names"]
    first = shots.results[0]
    assert first["type"] == "Shot" and first["project_id"] == project["id"]
    assert first["data"]["frame_in"] == 1 and first["data"]["frame_out"] == 48
    listed = shot.all_shots_for_sequence(sequences.results[0], client=client)
    assert sorted(s["id"] for s in listed) == sorted(s["id"] for s in shots.succeeded())
    # Running it again returns the same shots (no duplicates): a retried bulk call is safe.
    again = bulk.new_shots(project, sequences.results[0], built["names"][:4], client=client)
    assert [s["id"] for s in again.succeeded()] == [s["id"] for s in shots.succeeded()[:4]]
    again_episodes = bulk.new_episodes(
        project, [e["name"] for e in episodes.succeeded()], client=client
    )
    assert [e["id"] for e in again_episodes.succeeded()] == [e["id"] for e in episodes.succeeded()]
    episode = episodes.results[0]
    again_sequences = bulk.new_sequences(project, ["SQ02", "SQ01"], episode, client=client)
    assert [s["id"] for s in again_sequences.succeeded()] == [
        s["id"] for s in reversed(sequences.succeeded())
    ]
    bound = client.bulk.new_shots(project, sequences.results[1], ["SH900"], concurrency=1)
    assert bound.results[0]["parent_id"] == sequences.results[1]["id"]


def test_run_many_bounds_threads_and_keeps_errors(
    client: KitsuClient, built: dict[str, Any]
) -> None:
    shots = built["shots"].succeeded()
    seen: set[str] = set()
    ops = [shot_ops.get_shot(s["id"]) for s in shots] + [shot_ops.get_shot(str(uuid.uuid4()))]
    before = threading.active_count()
    result = client.run_many(ops, concurrency=3)
    seen.update(t.name for t in threading.enumerate())
    assert threading.active_count() <= before  # the pool is gone once it returns
    assert [s["id"] for s in result.results[:-1]] == [s["id"] for s in shots]
    assert list(result.errors) == [len(shots)]
    assert isinstance(result.errors[len(shots)], NotFoundError)
    with pytest.raises(NotFoundError):
        result.raise_for_errors()


def test_new_assets(client: KitsuClient, project: Row) -> None:
    names = [unique("hero"), unique("villain"), unique("sidekick")]
    assets = bulk.new_assets(project, "Character", names, description="cast", client=client)
    assert assets.ok, assets.errors
    assert [a["name"] for a in assets.succeeded()] == names
    assert {a["type"] for a in assets.succeeded()} == {"Asset"}
    again = bulk.new_assets(project, assets.results[0]["entity_type_id"], names[:1], client=client)
    assert again.results[0]["id"] == assets.results[0]["id"]


def test_tasks_comments_updates_and_reads(
    client: KitsuClient, project: Row, built: dict[str, Any], task_type: Row
) -> None:
    shots = built["shots"].succeeded()
    # Dicts go through Zou's batch route, a bare id through the per-entity one.
    tasks = bulk.new_tasks([*shots[:-1], shots[-1]["id"]], [task_type], client=client)
    assert tasks.ok, tasks.errors
    assert [len(made or []) for made in tasks] == [1] * len(shots)
    for entity, made in zip(shots, tasks):
        assert made is not None
        assert made[0]["entity_id"] == entity["id"]
        assert made[0]["task_type_id"] == task_type["id"]
    # Again: Zou skips the tasks that exist, nothing is duplicated.
    again = bulk.new_tasks(shots, [task_type], client=client)
    assert again.ok and [made for made in again] == [[]] * len(shots)

    read = bulk.tasks_for_entities([*shots[:3], shots[3]["id"]], client=client)
    assert read.ok, read.errors
    assert [[t["id"] for t in listed or []] for listed in read] == [
        [made[0]["id"]] for made in tasks.results[:4] if made
    ]
    assert read.results[0][0]["task_type_name"] == task_type["name"]

    wip = client.get("data/task-status", params={"short_name": "wip"})[0]
    comments = [
        {"task_id": made[0]["id"], "task_status_id": wip["id"], "text": f"note {n}"}
        for n, made in enumerate(tasks.results[:5]) if made
    ]  # fmt: skip
    posted = bulk.add_comments(comments, client=client)
    assert posted.ok, posted.errors
    assert [c["text"] for c in posted.succeeded()] == [f"note {n}" for n in range(5)]
    assert [c["object_id"] for c in posted.succeeded()] == [c["task_id"] for c in comments]
    assert client.task.get_task(comments[0]["task_id"])["task_status_id"] == wip["id"]

    updates: list[Row] = [{"id": s["id"], "description": f"d{n}"} for n, s in enumerate(shots[:3])]
    updates.append({"id": str(uuid.uuid4()), "description": "nobody"})
    saved = bulk.update_entities(updates, client=client)
    assert [s["description"] for s in saved.results[:3]] == ["d0", "d1", "d2"]
    assert list(saved.errors) == [3] and isinstance(saved.errors[3], NotFoundError)
    assert shot.get_shot(shots[1]["id"], client=client)["description"] == "d1"


def test_casting_for_shots(client: KitsuClient, project: Row, built: dict[str, Any]) -> None:
    shots = built["shots"].succeeded()[:3]
    prop = bulk.new_assets(project, "Prop", [unique("cup")], client=client).results[0]
    client.put(f"data/projects/{project['id']}/entities/{shots[1]['id']}/casting",
               [{"asset_id": prop["id"], "nb_occurences": 2}])  # fmt: skip
    casting = bulk.casting_for_shots([shots[0], shots[1]["id"], shots[2]], client=client)
    assert casting.ok, casting.errors
    assert casting.results[0] == [] and casting.results[2] == []
    cast = casting.results[1]
    assert cast is not None and [(c["asset_id"], c["nb_occurences"]) for c in cast] == [
        (prop["id"], 2)
    ]
    assert {"asset_id", "asset_name", "nb_occurences"} <= set(cast[0])


def test_shots_with_tasks_and_casting_reads_in_two_requests(
    client: KitsuClient, project: Row, built: dict[str, Any], task_type: Row
) -> None:
    shots = built["shots"].succeeded()
    made = bulk.new_tasks(shots[:2], [task_type], client=client)
    assert made.ok, made.errors
    prop = bulk.new_assets(project, "Prop", [unique("lamp")], client=client).results[0]
    client.put(f"data/projects/{project['id']}/entities/{shots[0]['id']}/casting",
               [{"asset_id": prop["id"], "nb_occurences": 3}])  # fmt: skip
    before = client.transport.session.adapters["http://"]
    sent: list[str] = []
    send = before.send

    def counting(request: Any, **kwargs: Any) -> Any:
        sent.append(request.url)
        return send(request, **kwargs)

    before.send = counting  # type: ignore[method-assign]
    try:
        rows = bulk.shots_with_tasks_and_casting(project, client=client)
        in_episode = bulk.shots_with_tasks_and_casting(
            project, built["episodes"].results[0], client=client
        )
    finally:
        del before.send
    assert len(sent) == 4  # two per read, whatever the number of shots
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) >= {s["id"] for s in shots}
    first = by_id[shots[0]["id"]]
    assert task_type["id"] in [t["task_type_id"] for t in first["tasks"]]
    assert [(c["asset_id"], c["nb_occurences"]) for c in first["casting"]] == [(prop["id"], 3)]
    # The same as the per-shot reads it replaces, shot by shot.
    for one in shots:
        per_shot = {t["id"] for t in client.task.all_tasks_for_shot(one)}
        assert {t["id"] for t in by_id[one["id"]]["tasks"]} == per_shot
        cast = {c["asset_id"] for c in client.casting.get_shot_casting(one)}
        assert {c["asset_id"] for c in by_id[one["id"]]["casting"]} == cast
    assert {row["id"] for row in in_episode} >= {s["id"] for s in shots}
    assert {row["episode_id"] for row in in_episode} == {built["episodes"].results[0]["id"]}


def test_remove_tasks_in_batch(client: KitsuClient, project: Row, task_type: Row) -> None:
    sequence = shot.new_sequence(project, unique("SQ"), client=client)
    made = bulk.new_shots(project, sequence, ["R1", "R2", "R3"], client=client)
    tasks = bulk.new_tasks(made.succeeded(), [task_type], client=client)
    ids = [listed[0]["id"] for listed in tasks.results if listed]
    assert len(ids) == 3
    gone = bulk.remove_tasks(project, [ids[0], {"id": ids[1]}], client=client)
    assert gone.ok and gone.results == ids[:2]
    left = [t["id"] for s in made.succeeded() for t in client.task.all_tasks_for_shot(s)]
    assert left == [ids[2]]
    assert bulk.remove_tasks(project, ids[:1], client=client).results == ids[:1]  # again: safe


def test_bad_input_sends_nothing(client: KitsuClient, project: Row) -> None:
    with pytest.raises(InvalidIdError):
        bulk.new_tasks(["SH010"], [str(uuid.uuid4())], client=client)
    with pytest.raises(InvalidIdError):
        bulk.casting_for_shots(["SH010"], client=client)
