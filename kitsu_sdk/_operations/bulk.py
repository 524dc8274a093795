"""Bulk helpers: the common fan-outs (create, update, comment on, read many entities) in one call.

Not a gazu module: kitsu_sdk's own, for the work gazu does one request after the other.

Why an operation module (generated into `kitsu_sdk.bulk`, `client.bulk`, `aclient.bulk`) and not a
hand-written one: an operation can fan out by itself. It yields one `Many` call (`_core/bulk.py`)
holding the operations to run, and the client that runs the flow runs them at once on its own
pool (threads sharing the sync client's pooled session, tasks under a semaphore on the async
client), so each helper is written once, without I/O, and serves both clients like every other
operation; arguments are checked before any request.

Every helper returns a `BulkResult`: `results[i]` for input item i (None where it failed),
`errors[i]` the exception of a failed item. One failure loses no other result and raises
nothing (`result.raise_for_errors()` does). `concurrency` bounds the requests in flight (None:
the client's `concurrency`, 8 unless set). Creates are idempotent by name (new_shot & co. return
the entity that already has the name), so a bulk call that failed half-way is safe to run again.
Where Zou has a batch route it is used (task creation for many entities of a project; comments),
one request per chunk of `BULK_CHUNK_SIZE` items, and a failed chunk's error is given to each of
its items.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, Optional

from .._core import constants as C
from .._core.bulk import BulkResult, check_concurrency, many
from .._core.call import Call, Flow, Op, get, post
from .._core.errors import InvalidInputError, NotFoundError
from .._core.refs import Ref, is_id, require_name, to_id, to_optional_id
from .._core.rows import pick_by_name
from ..types import Asset, CastingEntry, Comment, Episode, Sequence, Shot, Task
from . import asset, casting, comment, shot, task
from . import entities as _common

__all__ = [
    "new_episodes",
    "new_sequences",
    "new_shots",
    "new_assets",
    "new_tasks",
    "update_entities",
    "add_comments",
    "tasks_for_entities",
    "casting_for_shots",
    "shots_with_tasks_and_casting",
    "remove_tasks",
]

#: Zou's entity `type` -> the batch task-creation route's segment.
_BATCH_TASK_ROUTES = {"Shot": "shots", "Asset": "assets", "Edit": "edits", "Concept": "concepts"}
#: Zou's entity `type` -> the operation listing an entity's tasks.
_TASK_LISTS = {
    "Shot": task.all_tasks_for_shot,
    "Asset": task.all_tasks_for_asset,
    "Sequence": task.all_tasks_for_sequence,
    "Episode": task.all_tasks_for_episode,
    "Scene": task.all_tasks_for_scene,
    "Edit": task.all_tasks_for_edit,
    "Concept": task.all_tasks_for_concept,
}


def _items(value: Any, what: str) -> list[Any]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Collection):
        raise InvalidInputError(f"{what} must be a list, got {type(value).__name__}")
    return list(value)


def _names(names: Any, what: str) -> list[str]:
    return [require_name(name, what) for name in _items(names, f"{what}s")]


def _chunks(indexes: list[int], size: int) -> list[list[int]]:
    return [indexes[start : start + size] for start in range(0, len(indexes), size)]


# -- creating ---------------------------------------------------------------------------------


def new_episodes(
    project: Ref, names: Collection[str], *, concurrency: Optional[int] = None
) -> Flow[BulkResult[Episode]]:
    """Create episodes (or get those already named so) in a project, several at once.

    Args:
        project: the project (TV show).
        names: the episode names; `results[i]` is the episode named `names[i]`.
        concurrency: requests in flight at most (None: the client's setting).

    Calls: POST /data/projects/{project_id}/episodes per name
    """
    project_id = to_id(project, "project")
    ops = [shot.new_episode(project_id, name) for name in _names(names, "episode name")]
    return (yield from many(ops, check_concurrency(concurrency)))


def new_sequences(
    project: Ref,
    names: Collection[str],
    episode: Optional[Ref] = None,
    *,
    concurrency: Optional[int] = None,
) -> Flow[BulkResult[Sequence]]:
    """Create sequences (or get those already named so), in an episode for a TV show.

    Args:
        project: the project.
        names: the sequence names; `results[i]` is the sequence named `names[i]`.
        episode: the episode they belong to (TV shows), or None.
        concurrency: requests in flight at most (None: the client's setting).

    Calls: per name, GET /data/sequences?…&name= then POST /data/projects/{project_id}/sequences
        when none is found (see shot.new_sequence)
    """
    project_id = to_id(project, "project")
    episode_id = to_optional_id(episode, "episode")
    wanted = _names(names, "sequence name")
    ops = [shot.new_sequence(project_id, name, episode_id) for name in wanted]
    return (yield from many(ops, check_concurrency(concurrency)))


def new_shots(
    project: Ref,
    sequence: Ref,
    names: Collection[str],
    nb_frames: Optional[int] = None,
    frame_in: Optional[int] = None,
    frame_out: Optional[int] = None,
    data: Optional[dict[str, Any]] = None,
    *,
    concurrency: Optional[int] = None,
) -> Flow[BulkResult[Shot]]:
    """Create shots in a sequence (or get those already named so), several at once.

    As shot.new_shot for each name, with one lookup for them all: the sequence's shots are read
    once, a name matches as get_shot_by_name matches it (exactly, else ignoring case) and an
    existing shot is returned as that listing gives it, unchanged; the others are created at
    once (a name given twice is created once). `frame_in` and `frame_out` go in each new shot's
    `data`.

    Args:
        project: the project.
        sequence: the sequence of every shot.
        names: the shot names; `results[i]` is the shot named `names[i]`.
        nb_frames: given to every new shot (see shot.new_shot).
        frame_in: given to every new shot (see shot.new_shot).
        frame_out: given to every new shot (see shot.new_shot).
        data: given to every new shot (see shot.new_shot).
        concurrency: requests in flight at most (None: the client's setting).

    Calls: GET /data/shots/all?sequence_id=, then POST /data/projects/{project_id}/shots per
        name not found
    """
    project_id = to_id(project, "project")
    sequence_id = to_id(sequence, "sequence")
    wanted = _names(names, "shot name")
    extra = _common.check_data(data)
    for key, value in (("frame_in", frame_in), ("frame_out", frame_out)):
        if _common.check_frame(value, key) is not None:
            extra[key] = value
    _common.check_range(frame_in, frame_out)
    body: dict[str, Any] = {"sequence_id": sequence_id}
    if _common.check_count(nb_frames, "nb_frames") is not None:
        body["nb_frames"] = nb_frames
    limit = check_concurrency(concurrency)
    present: list[Shot] = yield from get("data/shots/all", {"sequence_id": sequence_id})
    found: dict[str, Optional[Shot]] = {name: pick_by_name(present, name) for name in wanted}
    missing = [name for name in dict.fromkeys(wanted) if found[name] is None]
    path = f"data/projects/{project_id}/shots"
    ops: list[Call[Shot]] = [
        post(path, {**body, "name": name, "data": dict(extra)}) for name in missing
    ]
    created = yield from many(ops, limit)
    errors: dict[int, Exception] = {}
    for number, name in enumerate(missing):
        if number in created.errors:
            errors.update({i: created.errors[number] for i, n in enumerate(wanted) if n == name})
        else:
            found[name] = created.results[number]
    results = [None if index in errors else found[name] for index, name in enumerate(wanted)]
    return BulkResult(results, errors)


def new_assets(
    project: Ref,
    asset_type: Ref,
    names: Collection[str],
    description: Optional[str] = None,
    extra_data: Optional[dict[str, Any]] = None,
    episode: Optional[Ref] = None,
    *,
    concurrency: Optional[int] = None,
) -> Flow[BulkResult[Asset]]:
    """Create assets of one type (or get those already named so), several at once.

    Args:
        project: the project.
        asset_type: the asset type (id, dict, or a type name, looked up once).
        names: the asset names; `results[i]` is the asset named `names[i]`.
        description: given to every new asset (see asset.new_asset).
        extra_data: given to every new asset (see asset.new_asset).
        episode: given to every new asset (see asset.new_asset).
        concurrency: requests in flight at most (None: the client's setting).

    Calls: GET /data/entity-types?name= (for a type name), then per name
        GET /data/assets/all?… and POST /data/projects/{project_id}/asset-types/{type_id}/assets/new
        when none is found (see asset.new_asset)
    """
    project_id = to_id(project, "project")
    wanted = _names(names, "asset name")
    episode_id = to_optional_id(episode, "episode")
    if extra_data is not None and not isinstance(extra_data, Mapping):
        raise InvalidInputError(f"extra_data must be a dict, got {type(extra_data).__name__}")
    if description is not None and not isinstance(description, str):
        raise InvalidInputError(f"description must be a string, got {type(description).__name__}")
    limit = check_concurrency(concurrency)
    if isinstance(asset_type, str) and not is_id(asset_type):
        found = yield from asset.get_asset_type_by_name(asset_type)
        if found is None:
            raise InvalidInputError(f"no asset type named {asset_type!r}")
        type_id = to_id(found, "asset type")
    else:
        type_id = to_id(asset_type, "asset type")
    ops = [
        asset.new_asset(project_id, type_id, name, description, extra_data, episode_id)
        for name in wanted
    ]
    return (yield from many(ops, limit))


def new_tasks(
    entities: Collection[Ref],
    task_types: Collection[Ref],
    *,
    concurrency: Optional[int] = None,
) -> Flow[BulkResult[list[Task]]]:
    """Create the tasks of these task types on many entities; `results[i]` lists the tasks
    created on `entities[i]`, in the order of `task_types`.

    Tasks that exist already are skipped by Zou (not in the result), so running it again is
    safe. Entity dicts (as Zou gives them: `type` Shot, Asset, Edit or Concept, and
    `project_id`) go through Zou's batch route, one request per project, task type and chunk of
    `BULK_CHUNK_SIZE` entities; other entities (ids, other types) one request each. A failed
    request's error is given to each of its entities. The task types must be in the project.

    Args:
        entities: the entities (each an id or a dict).
        task_types: the task types (each an id or a dict).
        concurrency: requests in flight at most (None: the client's setting).

    Calls: POST /actions/projects/{project_id}/task-types/{task_type_id}/{shots|assets|edits|
        concepts}/create-tasks (entity dicts), POST /data/entities/{entity_id}/tasks (others)
    """
    items = _items(entities, "entities")
    ids = [to_id(entity, "entity") for entity in items]
    type_ids: list[Ref] = [to_id(t, "task type") for t in _items(task_types, "task_types")]
    if not type_ids:
        raise InvalidInputError("new_tasks needs at least one task type")
    limit = check_concurrency(concurrency)
    groups: dict[tuple[str, str], list[int]] = {}
    ops: list[Op[list[Task]]] = []
    owners: list[list[int]] = []
    for index, entity in enumerate(items):
        kind = (
            _BATCH_TASK_ROUTES.get(entity.get("type", "")) if isinstance(entity, Mapping) else None
        )
        project_id = entity.get("project_id") if isinstance(entity, Mapping) else None
        if kind is not None and project_id:
            groups.setdefault((to_id(project_id, "project"), kind), []).append(index)
        else:
            ops.append(task.create_entity_tasks(ids[index], type_ids))
            owners.append([index])
    for (project_id, kind), indexes in groups.items():
        for type_id in type_ids:
            route = f"actions/projects/{project_id}/task-types/{type_id}/{kind}/create-tasks"
            for chunk in _chunks(indexes, C.BULK_CHUNK_SIZE):
                created: Call[list[Task]] = post(route, [ids[i] for i in chunk])
                ops.append(created)
                owners.append(chunk)
    done = yield from many(ops, limit)
    results: list[Optional[list[Task]]] = [[] for _ in items]
    errors: dict[int, Exception] = {}
    for number, chunk in enumerate(owners):
        error = done.errors.get(number)
        if error is not None:
            for index in chunk:
                errors.setdefault(index, error)
            continue
        for made in done.results[number] or []:
            for index in chunk:
                if ids[index] == made.get("entity_id"):
                    listed = results[index]
                    if listed is not None:
                        listed.append(made)
                    break
    order = {type_id: rank for rank, type_id in enumerate(type_ids)}
    for index, listed in enumerate(results):
        if index in errors:
            results[index] = None
        elif listed is not None:
            listed.sort(key=lambda made: order.get(str(made.get("task_type_id")), len(order)))
    return BulkResult(results, dict(sorted(errors.items())))


def remove_tasks(
    project: Ref, tasks: Collection[Ref], *, concurrency: Optional[int] = None
) -> Flow[BulkResult[str]]:
    """Delete many tasks of a project through Zou's batch route, one request per chunk of
    `BULK_CHUNK_SIZE` tasks; `results[i]` is the id of `tasks[i]` once deleted. A failed
    request's error is given to each task of its chunk; deleting a task already gone is not an
    error (Zou answers with the ids it was given), so running it again is safe.

    Args:
        project: the project the tasks belong to (dict or id).
        tasks: the tasks (each an id or a dict).
        concurrency: requests in flight at most (None: the client's setting).

    Calls: POST /actions/projects/{project_id}/delete-tasks per chunk
    """
    project_id = to_id(project, "project")
    ids = [to_id(one, "task") for one in _items(tasks, "tasks")]
    chunks = list(_chunks(list(range(len(ids))), C.BULK_CHUNK_SIZE))
    ops = [task.remove_tasks_batch(project_id, [ids[i] for i in chunk]) for chunk in chunks]
    done = yield from many(ops, check_concurrency(concurrency))
    results: list[Optional[str]] = [None] * len(ids)
    errors: dict[int, Exception] = {}
    for number, chunk in enumerate(chunks):
        error = done.errors.get(number)
        deleted = set(done.results[number] or []) if error is None else set()
        for index in chunk:
            if error is not None:
                errors[index] = error
            elif ids[index] in deleted:
                results[index] = ids[index]
            else:
                route = f"actions/projects/{project_id}/delete-tasks"
                errors[index] = NotFoundError(404, "POST", route, f"task {ids[index]} not deleted")
    return BulkResult(results, errors)


# -- updating ---------------------------------------------------------------------------------


def update_entities(
    entities: Collection[Mapping[str, Any]], *, concurrency: Optional[int] = None
) -> Flow[BulkResult[dict[str, Any]]]:
    """Save many entity dicts (shots, assets, sequences, episodes...) at once, as
    shot.update_shot does for one: each dict has its `id` and the fields to change (its `data`
    is merged into the stored one). `results[i]` is the entity saved from `entities[i]`.

    Args:
        entities: the entities (each an id or a dict).
        concurrency: requests in flight at most (None: the client's setting).

    Calls: PUT /data/entities/{entity_id} per entity
    """
    items = _items(entities, "entities")
    ops = [_common.update(entity, "entity") for entity in items]
    return (yield from many(ops, check_concurrency(concurrency)))


# -- comments ---------------------------------------------------------------------------------


def add_comments(
    comments: Collection[Mapping[str, Any]], *, concurrency: Optional[int] = None
) -> Flow[BulkResult[Comment]]:
    """Post comments on many tasks, through Zou's batch comment route: `results[i]` is the
    comment made from `comments[i]`.

    Each dict has `task_id`, `task_status_id` and `text` (or `comment`), and optionally
    `person_id`, `checklist`, `links`, `created_at`, `attachment_files`, `preview_files` (see
    comment.batch_comments). They go `BULK_CHUNK_SIZE` per request, the requests at once.

    Args:
        comments: one dict per comment: `task_id`, `task_status_id` and `text` (or `comment`),
            optionally `person_id`, `checklist`, `links`, `created_at`, `attachment_files`,
            `preview_files`.
        concurrency: requests in flight at most (None: the client's setting).

    Calls: POST /actions/tasks/batch-comment per chunk
    """
    items = _items(comments, "comments")
    for index, entry in enumerate(items):
        if not isinstance(entry, Mapping):
            raise InvalidInputError(f"comment {index} must be a dict, got {type(entry).__name__}")
        task_ref: Ref = entry.get("task_id") or entry.get("object_id") or ""
        status_ref: Ref = entry.get("task_status_id") or ""
        to_id(task_ref, "task")
        to_id(status_ref, "task status")
    chunks = _chunks(list(range(len(items))), C.BULK_CHUNK_SIZE)
    ops = [comment.batch_comments([items[i] for i in chunk]) for chunk in chunks]
    done = yield from many(ops, check_concurrency(concurrency))
    results: list[Optional[Comment]] = [None] * len(items)
    errors: dict[int, Exception] = {}
    for number, chunk in enumerate(chunks):
        error = done.errors.get(number)
        made = done.results[number] or []
        if error is None and len(made) != len(chunk):
            error = InvalidInputError(
                f"Zou answered {len(made)} comments for the {len(chunk)} sent in one request"
            )
        for position, index in enumerate(chunk):
            if error is not None:
                errors[index] = error
            else:
                results[index] = made[position]
    return BulkResult(results, errors)


# -- reading ----------------------------------------------------------------------------------


def _tasks_of(entity: Ref, relations: bool) -> Op[list[Task]]:
    kind = entity.get("type") if isinstance(entity, Mapping) else None
    listing = _TASK_LISTS.get(str(kind))
    if listing is not None:
        return listing(entity, relations)
    tasks: Call[list[Task]] = get("data/tasks", {"entity_id": to_id(entity, "entity")})
    return tasks


def tasks_for_entities(
    entities: Collection[Ref], relations: bool = False, *, concurrency: Optional[int] = None
) -> Flow[BulkResult[list[Task]]]:
    """The tasks of many entities, read at once: `results[i]` lists the tasks of `entities[i]`.

    An entity dict with its Zou `type` (Shot, Asset, Sequence, Episode, Scene, Edit, Concept) is
    read from its type's route, as task.all_tasks_for_shot & co. do (sorted by name, with
    `relations` when asked); a bare id from the generic task listing.

    Args:
        entities: the entities (each an id or a dict).
        relations: also return Zou's related fields for each task (asks `relations=true`).
        concurrency: requests in flight at most (None: the client's setting).

    Calls: GET /data/{shots|assets|...}/{entity_id}/tasks per entity dict,
        GET /data/tasks?entity_id= per id
    """
    items = _items(entities, "entities")
    for entity in items:
        to_id(entity, "entity")
    ops = [_tasks_of(entity, relations) for entity in items]
    return (yield from many(ops, check_concurrency(concurrency)))


def casting_for_shots(
    shots: Collection[Ref], *, concurrency: Optional[int] = None
) -> Flow[BulkResult[list[CastingEntry]]]:
    """The casting of many shots, read at once: `results[i]` lists the assets cast in
    `shots[i]` (as casting.get_shot_casting gives them). Shot dicts with `project_id` save a
    lookup per shot.

    Args:
        shots: the shots (each an id or a dict).
        concurrency: requests in flight at most (None: the client's setting).

    Calls: GET /data/projects/{project_id}/entities/{shot_id}/casting per shot (after
        GET /data/entities/{shot_id} for a shot given by id)
    """
    items = _items(shots, "shots")
    for one in items:
        to_id(one, "shot")
    ops = [casting.get_shot_casting(one) for one in items]
    return (yield from many(ops, check_concurrency(concurrency)))


def shots_with_tasks_and_casting(
    project: Ref, episode: Optional[Ref] = None
) -> Flow[list[dict[str, Any]]]:
    """Every shot of a project (or of one of its episodes) with its tasks and its casting, in
    two requests sent at once, however many shots: what a loop of all_tasks_for_shot and
    get_shot_casting reads with two requests per shot.

    Args:
        project: the project (dict or id).
        episode: only the shots of this episode (dict or id); None: the whole project.

    Returns:
        The shots as shot.all_shots_with_tasks lists them (`tasks`: each task's id, type,
        status, assignees, dates...), sorted by sequence and shot name, each with `casting`: the
        assets cast in it as casting.get_project_shots_casting gives them (`asset_id`,
        `asset_name`, `asset_type_name`, `nb_occurences`, `label`...; [] for none).

    Calls: GET /data/shots/with-tasks?project_id=&episode_id= and
        GET /data/projects/{project_id}/[episodes/{episode_id}/]sequences/all/casting
    """
    project_id = to_id(project, "project")
    episode_id = to_optional_id(episode, "episode")
    listing = shot.all_shots_with_tasks(project_id, episode_id)
    if episode_id is None:
        cast: Op[Any] = casting.get_project_shots_casting(project_id)
    else:
        cast = casting.get_episode_shots_casting(project_id, episode_id)
    both = yield from many([listing, cast], 2)
    both.raise_for_errors()
    shots, by_shot = both.results
    by_shot = by_shot or {}
    rows = [{**row, "casting": list(by_shot.get(row["id"], []))} for row in shots or []]
    rows.sort(key=lambda row: (str(row.get("sequence_name") or ""), str(row.get("name") or "")))
    return rows
