"""Synchronisation between Kitsu instances and imports (gazu.sync).

Three kinds of functions live here:

- operations on one client: `get_last_events` (the event log) and the `import_*` upserts of
  `/import/kitsu/*`, which keep the ids and audit dates of what they receive;
- pure helpers that need no server: `get_model_list_diff`, `get_link_list_diff`,
  `get_id_map_by_name`, `get_id_map_by_id`, `is_changed`, `convert_id_list`;
- functions that read one Kitsu and write another, with gazu's signatures: the
  `get_sync_*_id_map` functions here and the `push_*` functions (`_operations/sync_push.py`).

The last kind takes two clients, as gazu does (`push_assets(project_source, project_target,
client_source, client_target)`), so it cannot be one operation: an operation runs on the single
client that runs it, and the generated bindings give each operation one `client`. They are plain
functions instead: each source read and each target write is an operation of this package
(`asset.all_assets_for_project`, `import_entities`...), run with `client_source.run(op)` or
`client_target.run(op)`, and what lies between (mapping ids from one instance to the other) is a
pure function. They work with anything that has `KitsuClient.run` (the `Runner` protocol) and
refuse an AsyncKitsuClient (gazu has no async version of them): they are not bound as
`client.sync.*` since they belong to two clients, not one.
"""

from __future__ import annotations

import datetime
import inspect
from collections.abc import Hashable, Iterable, Mapping
from typing import Any, Callable, Optional, Protocol, TypeVar, Union

from .._core.call import Call, Flow, Op, get, post
from .._core.errors import InvalidIdError, InvalidInputError
from .._core.refs import Ref, echo, to_id, to_optional_id
from ..types import Event
from . import asset, person, project, task_types

__all__ = [
    "convert_id_list",
    "get_id_map_by_id",
    "get_id_map_by_name",
    "get_last_events",
    "get_link_list_diff",
    "get_model_list_diff",
    "get_sync_asset_type_id_map",
    "get_sync_department_id_map",
    "get_sync_person_id_map",
    "get_sync_project_id_map",
    "get_sync_task_status_id_map",
    "get_sync_task_type_id_map",
    "import_entities",
    "import_entity_links",
    "import_tasks",
    "is_changed",
]

T = TypeVar("T")

#: A moment for the event log's filters: a date, a datetime (UTC when naive), or Zou's strings.
EventDate = Union[str, datetime.date]

#: Zou 1.0.97 answers at most this many events per request (`/data/events/last` caps `limit`).
_EVENTS_PAGE = 1000


class Runner(Protocol):
    """What the two-client functions need of a client: `run(op)` as KitsuClient has it."""

    def run(self, op: Op[T]) -> T: ...


def runner(client: Any, what: str) -> Runner:
    """`client` when it can run operations synchronously; InvalidInputError otherwise."""
    run = getattr(client, "run", None)
    if client is None or not callable(run):
        raise InvalidInputError(f"{what} must be a KitsuClient, got {type(client).__name__}")
    if inspect.iscoroutinefunction(run):
        raise InvalidInputError(
            f"{what} is an async client: gazu's sync functions run on KitsuClient "
            "(read with the async client's operations and import with import_* instead)"
        )
    found: Runner = client
    return found


# -- the event log ---------------------------------------------------------------------------


def _event_date(value: Any, what: str) -> Optional[str]:
    """A date as `/data/events/last` parses it: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS` (UTC)."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        moment: datetime.datetime = value
        if moment.tzinfo is not None:
            moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return moment.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        for layout in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
            try:
                datetime.datetime.strptime(value, layout)
            except ValueError:
                continue
            return value
    raise InvalidInputError(
        f"{what} must be a date, a datetime or a 'YYYY-MM-DD' / 'YYYY-MM-DDTHH:MM:SS' string, "
        f"got {echo(value)}"
    )


def get_last_events(
    limit: int = 20000,
    project: Optional[Ref] = None,
    after: Optional[EventDate] = None,
    before: Optional[EventDate] = None,
    only_files: bool = False,
    name: Optional[str] = None,
) -> Flow[list[Event]]:
    """The most recent events of Zou's event log, newest first (admins see every event,
    managers those of their productions).

    Args:
        limit: how many events at most. Zou answers 1000 per request at most, so larger limits
            are read page after page (with Zou's `cursor_event_id`) until `limit` events or the
            end of the log.
        project: only the events of this project (id or dict).
        after: only the events strictly after / before this moment, UTC: a date, a
            datetime, or a `YYYY-MM-DD` / `YYYY-MM-DDTHH:MM:SS` string.
        before: only the events strictly after / before this moment, UTC: a date, a
            datetime, or a `YYYY-MM-DD` / `YYYY-MM-DDTHH:MM:SS` string.
        only_files: only the events about files (`preview-file:add-file` and the thumbnail
            changes of organisations, persons and projects).
        name: only the events with this exact name (`"asset:new"`).

    Returns: the events, each `{id, created_at, name, user_id, project_id, data}`.

    Calls: GET /data/events/last (once per 1000 events)
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise InvalidInputError(f"limit must be a whole number of events, got {echo(limit)}")
    if name is not None and not isinstance(name, str):
        raise InvalidInputError(f"name must be an event name such as 'asset:new', got {echo(name)}")
    params: dict[str, Any] = {
        "only_files": bool(only_files),
        "project_id": to_optional_id(project, "project"),
        "after": _event_date(after, "after"),
        "before": _event_date(before, "before"),
        "name": name,
    }
    return _events(params, limit)


def _events(params: dict[str, Any], limit: int) -> Flow[list[Event]]:
    events: list[Event] = []
    cursor: Optional[str] = None
    while len(events) < limit:
        size = min(limit - len(events), _EVENTS_PAGE)
        page: list[Event] = yield from get(
            "data/events/last",
            {**params, "limit": size, "cursor_event_id": cursor},
            then=_event_rows,
        )
        events.extend(page)
        if len(page) < size:
            break
        cursor = to_id(page[-1], "event")
    return events


def _event_rows(answer: Any) -> list[Event]:
    return list(answer or [])


# -- imports (upserts that keep ids and audit dates) --------------------------------------------


def _import_rows(rows: Any, what: str) -> list[dict[str, Any]]:
    if isinstance(rows, (str, bytes, Mapping)) or not isinstance(rows, Iterable):
        raise InvalidInputError(f"{what} must be a list of dicts, got {type(rows).__name__}")
    out = []
    for row in rows:
        if not isinstance(row, Mapping):
            raise InvalidInputError(f"each of {what} must be a dict, got {type(row).__name__}")
        out.append(dict(row))
    return out


def _rows(answer: Any) -> list[dict[str, Any]]:
    return list(answer or [])


def import_entities(entities: list[dict[str, Any]]) -> Call[list[dict[str, Any]]]:
    """Create or update entities (assets, shots, sequences, episodes...) with the ids, dates
    and fields given, as another Kitsu lists them; returns the rows Zou saved. Admins only.

    Each dict needs its `id`; it should keep the `type` Zou gave it ("Asset", "Shot"...):
    without one Zou treats the row as a shot. An entity that exists with that id is updated
    (moved to the `project_id` given, if it differs).

    Args:
        entities: the entities (each an id or a dict).

    Calls: POST /import/kitsu/entities
    """
    rows = _import_rows(entities, "entities")
    for row in rows:
        to_id(row, "entity")
    return post("import/kitsu/entities", rows, then=_rows)


def import_tasks(tasks: list[dict[str, Any]]) -> Call[list[dict[str, Any]]]:
    """Create or update tasks with the ids, dates and fields given (`assignees` as a list of
    person ids); returns the rows Zou saved. Admins only.

    Args:
        tasks: the tasks (each an id or a dict).

    Calls: POST /import/kitsu/tasks
    """
    rows = _import_rows(tasks, "tasks")
    for row in rows:
        to_id(row, "task")
    return post("import/kitsu/tasks", rows, then=_rows)


def import_entity_links(links: list[dict[str, Any]]) -> Call[list[dict[str, Any]]]:
    """Create or update entity links (casting rows: `entity_in_id` casts `entity_out_id`
    `nb_occurences` times); returns the rows Zou saved. Admins only.

    A link is found by its two entities, not by its id. Rows without a `type` get
    "EntityLink" (Zou 1.0.97 fails with a 500 on a row without one).

    Args:
        links: URLs shown with the comment.

    Calls: POST /import/kitsu/entity-links
    """
    rows = _import_rows(links, "links")
    for row in rows:
        for end in ("entity_in_id", "entity_out_id"):
            if row.get(end) is None:
                raise InvalidIdError(f"each link needs its {end}, got {echo(row)}")
            to_id(row[end], end)
        row.setdefault("type", "EntityLink")
    return post("import/kitsu/entity-links", rows, then=_rows)


# -- diffs and id maps (no server) -----------------------------------------------------------


def get_model_list_diff(
    source_list: list[dict[str, Any]], target_list: list[dict[str, Any]], id_field: str = "id"
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Compare two lists of models by `id_field`.

    Args:
        source_list: the models of the source Kitsu (dicts).
        target_list: the models of the target Kitsu (dicts).
        id_field: the key models are compared on.

    Returns: `(missing, unexpected)`: the source models whose key the target list lacks, and
    the target models whose key the source list lacks, each in its list's order.
    """
    field = _field_name(id_field, "id_field")
    sources, targets = _models(source_list, "source_list"), _models(target_list, "target_list")
    source_keys = {_key(model, field, "source_list") for model in sources}
    target_keys = {_key(model, field, "target_list") for model in targets}
    missing = [model for model in sources if model[field] not in target_keys]
    unexpected = [model for model in targets if model[field] not in source_keys]
    return missing, unexpected


def _models(value: Any, what: str) -> list[Any]:
    """A list of model dicts (the pure helpers' input), or InvalidInputError."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InvalidInputError(f"{what} must be a list of model dicts, got {type(value).__name__}")
    models = list(value)
    for model in models:
        if not isinstance(model, Mapping):
            raise InvalidInputError(f"{what} must hold model dicts, got a {type(model).__name__}")
    return models


def _field_name(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"{what} must be a field name, got {type(value).__name__}")
    return value


def _key(model: Mapping[str, Any], field: str, what: str) -> Any:
    """`model[field]`, hashable; InvalidInputError when the model lacks it."""
    value = model.get(field)
    if field not in model or not isinstance(value, Hashable):
        raise InvalidInputError(f"a model of {what} has no usable {echo(field)}: {echo(model)}")
    return value


def get_link_list_diff(
    source_list: list[dict[str, Any]], target_list: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Compare two lists of entity links by their pair of entities (`entity_in_id`,
    `entity_out_id`), whatever their ids.

    Args:
        source_list: the models of the source Kitsu (dicts).
        target_list: the models of the target Kitsu (dicts).

    Returns: `(missing, unexpected)`: the source links the target lacks, and the target links
    the source lacks.
    """

    def key(link: Mapping[str, Any], what: str = "the links") -> tuple[Any, Any]:
        return _key(link, "entity_in_id", what), _key(link, "entity_out_id", what)

    sources, targets = _models(source_list, "source_list"), _models(target_list, "target_list")
    source_keys = {key(link, "source_list") for link in sources}
    target_keys = {key(link, "target_list") for link in targets}
    missing = [link for link in sources if key(link) not in target_keys]
    unexpected = [link for link in targets if key(link) not in source_keys]
    return missing, unexpected


def _match_key(model: Mapping[str, Any], field: str) -> Optional[str]:
    """How models are matched across instances: the field's text, case-insensitively. Models
    without it (a bot has no email) match nothing."""
    value = model.get(field)
    return value.lower() if isinstance(value, str) else None


def _target_index(target_list: Iterable[Mapping[str, Any]], field: str) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for model in _models(target_list, "target_list"):
        key = _match_key(model, field)
        if key is not None:
            index[key] = _key(model, "id", "target_list")  # the last equal name wins, as gazu
    return index


def get_id_map_by_name(
    source_list: list[dict[str, Any]], target_list: list[dict[str, Any]]
) -> dict[str, Any]:
    """Match models of two instances by name, ignoring case.

    Args:
        source_list: the models of the source Kitsu (dicts).
        target_list: the models of the target Kitsu (dicts).

    Returns: `{source model name: id of the target model with that name}`, for the source
    models that have a match.
    """
    index = _target_index(target_list, "name")
    found = {}
    for model in _models(source_list, "source_list"):
        key = _match_key(model, "name")
        if key in index:
            found[model["name"]] = index[key]
    return found


def get_id_map_by_id(
    source_list: list[dict[str, Any]], target_list: list[dict[str, Any]], field: str = "name"
) -> dict[str, Any]:
    """Match models of two instances on `field` (a name, an email...), ignoring case.

    Args:
        source_list: the models of the source Kitsu (dicts).
        target_list: the models of the target Kitsu (dicts).
        field: the field models are matched on (a name, an e-mail...)

    Returns: `{source model id: id of the matching target model}`, for the source models
    that have a match. Models whose `field` is missing or not text match nothing.
    """
    index = _target_index(target_list, _field_name(field, "field"))
    found = {}
    for model in _models(source_list, "source_list"):
        key = _match_key(model, field)
        if key in index:
            found[_key(model, "id", "source_list")] = index[key]
    return found


def is_changed(source_model: dict[str, Any], target_model: dict[str, Any]) -> bool:
    """True when the source model was updated after the target model (their `updated_at`
    strings, as Zou writes them, compared).

    Args:
        source_model: the model on the source Kitsu (with `updated_at`).
        target_model: the model on the target Kitsu (with `updated_at`).
    """
    newer = source_model.get("updated_at") if isinstance(source_model, Mapping) else None
    older = target_model.get("updated_at") if isinstance(target_model, Mapping) else None
    if not isinstance(newer, str) or not isinstance(older, str):
        raise InvalidInputError(
            "is_changed compares two models' updated_at strings, got "
            f"{type(newer).__name__} and {type(older).__name__}"
        )
    return newer > older


def convert_id_list(ids: list[str], model_map: dict[str, Any]) -> list[Any]:
    """`ids` translated through `model_map` (source id -> target id); KeyError for an id the
    map lacks (as gazu), with the id quoted boundedly.

    Args:
        ids: the source ids.
        model_map: source id -> target id (see get_id_map_by_name).
    """
    if not isinstance(model_map, Mapping):
        raise InvalidInputError(f"model_map must be a dict, got {type(model_map).__name__}")
    if isinstance(ids, (str, bytes, Mapping)) or not isinstance(ids, Iterable):
        raise InvalidInputError(f"ids must be a list of ids, got {type(ids).__name__}")
    out = []
    for model_id in ids:
        if not isinstance(model_id, Hashable) or model_id not in model_map:
            raise KeyError(f"no id in model_map for {echo(model_id)}")
        out.append(model_map[model_id])
    return out


# -- id maps between two instances ------------------------------------------------------------

Lister = Callable[[], Op[Any]]


def _sync_id_map(
    source_client: Any, target_client: Any, listing: Lister, field: str = "name"
) -> dict[str, str]:
    source = runner(source_client, "source_client")
    target = runner(target_client, "target_client")
    source_rows: list[dict[str, Any]] = source.run(listing())
    target_rows: list[dict[str, Any]] = target.run(listing())
    return get_id_map_by_id(source_rows, target_rows, field=field)


def get_sync_department_id_map(source_client: Runner, target_client: Runner) -> dict[str, str]:
    """Map each department of the source Kitsu to the target's department of the same name.

    Args:
        source_client: the client of the Kitsu to copy from.
        target_client: the client of the Kitsu to copy to.

    Returns: `{source department id: target department id}`.
    Calls: GET /data/departments on each client.
    """
    return _sync_id_map(source_client, target_client, person.all_departments)


def get_sync_asset_type_id_map(source_client: Runner, target_client: Runner) -> dict[str, str]:
    """Map each asset type of the source Kitsu to the target's asset type of the same name.

    Args:
        source_client: the client of the Kitsu to copy from.
        target_client: the client of the Kitsu to copy to.

    Returns: `{source asset type id: target asset type id}`.
    Calls: GET /data/asset-types on each client.
    """
    return _sync_id_map(source_client, target_client, asset.all_asset_types)


def get_sync_project_id_map(source_client: Runner, target_client: Runner) -> dict[str, str]:
    """Map each project of the source Kitsu to the target's project of the same name.

    Args:
        source_client: the client of the Kitsu to copy from.
        target_client: the client of the Kitsu to copy to.

    Returns: `{source project id: target project id}`.
    Calls: GET /data/projects on each client.
    """
    return _sync_id_map(source_client, target_client, project.all_projects)


def get_sync_task_type_id_map(source_client: Runner, target_client: Runner) -> dict[str, str]:
    """Map each task type of the source Kitsu to the target's task type of the same name.

    Args:
        source_client: the client of the Kitsu to copy from.
        target_client: the client of the Kitsu to copy to.

    Returns: `{source task type id: target task type id}`.
    Calls: GET /data/task-types on each client.
    """
    return _sync_id_map(source_client, target_client, task_types.all_task_types)


def get_sync_task_status_id_map(source_client: Runner, target_client: Runner) -> dict[str, str]:
    """Map each task status of the source Kitsu to the target's task status of the same name.

    Args:
        source_client: the client of the Kitsu to copy from.
        target_client: the client of the Kitsu to copy to.

    Returns: `{source task status id: target task status id}`.
    Calls: GET /data/task-status on each client.
    """
    return _sync_id_map(source_client, target_client, task_types.all_task_statuses)


def get_sync_person_id_map(source_client: Runner, target_client: Runner) -> dict[str, str]:
    """Map each person of the source Kitsu to the target's person with the same email (bots,
    which have none, are left out).

    Args:
        source_client: the client of the Kitsu to copy from.
        target_client: the client of the Kitsu to copy to.

    Returns: `{source person id: target person id}`.
    Calls: GET /data/persons on each client.
    """
    return _sync_id_map(source_client, target_client, person.all_persons, field="email")
