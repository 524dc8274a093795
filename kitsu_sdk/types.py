"""TypedDicts for the payloads Zou returns. Results stay plain dicts; these only describe them.

The keys Zou always sends are Required (`id` and `type` on every row, `name` on named ones); the
others are optional: Zou adds keys across versions and some routes trim columns.
"""

from __future__ import annotations

from typing import Any, Optional, TypedDict


class Row(TypedDict):
    """The keys every row Zou serializes has (Required)."""

    id: str
    type: str


class Named(TypedDict):
    """The key every named row has (Required)."""

    name: str


class Entity(Row, total=False):
    created_at: str
    updated_at: str
    data: dict[str, Any]


class Project(Entity, Named, total=False):
    code: Optional[str]
    description: Optional[str]
    project_status_id: str
    production_type: str
    production_style: str
    fps: Optional[str]
    ratio: Optional[str]
    resolution: Optional[str]
    start_date: Optional[str]
    end_date: Optional[str]
    team: list[str]
    asset_types: list[str]
    task_types: list[str]
    task_statuses: list[str]
    status_automations: list[str]
    preview_background_files: list[str]
    default_preview_background_file_id: Optional[str]
    project_status_name: str
    first_episode_id: str
    file_tree: Optional[dict[str, Any]]
    has_avatar: bool
    homepage: Optional[str]
    man_days: Optional[int]
    nb_episodes: int
    episode_span: int
    max_retakes: int
    shotgun_id: Optional[int]
    from_schedule_version_id: Optional[str]
    hd_bitrate_compression: Optional[int]
    ld_bitrate_compression: Optional[int]
    revision_padding: Optional[int]
    is_clients_isolated: bool
    is_client_stats_visible: bool
    is_client_task_list_visible: bool
    is_client_task_panel_visible: bool
    is_preview_download_allowed: bool
    is_set_preview_automated: bool
    is_publish_default_for_artists: bool
    is_bot_collaboration_enabled: bool
    is_frame_in_numbering: bool
    is_single_preview_per_revision: bool
    descriptors: list[dict[str, Any]]
    task_types_priority: dict[str, int]
    task_type_links: dict[str, Any]
    task_statuses_link: dict[str, Any]


class ProjectStatus(Entity, Named, total=False):
    color: str


class MetadataDescriptor(Entity, Named, total=False):
    project_id: str
    entity_type: str
    task_type_id: Optional[str]
    data_type: str
    field_name: str
    choices: list[str]
    for_client: bool
    position: Optional[int]
    departments: list[str]


class Budget(Entity, Named, total=False):
    project_id: str
    revision: int
    currency: Optional[str]


class BudgetEntry(TypedDict, total=False):
    id: str
    type: str
    created_at: str
    updated_at: str
    budget_id: str
    department_id: str
    person_id: Optional[str]
    start_date: str
    months_duration: int
    daily_salary: float
    position: str
    seniority: str
    exceptions: dict[str, int]


class EntityInProject(Entity, total=False):
    project_id: str
    entity_type_id: str
    parent_id: Optional[str]
    description: Optional[str]
    canceled: bool
    status: str
    nb_frames: Optional[int]
    preview_file_id: Optional[str]
    source_id: Optional[str]


class Episode(EntityInProject, Named, total=False):
    code: Optional[str]
    created_by: Optional[str]
    project_name: str  # GET /data/episodes/{id}


class Sequence(EntityInProject, Named, total=False):
    code: Optional[str]
    created_by: Optional[str]
    project_name: str  # GET /data/sequences/{id}
    episode_id: Optional[str]
    episode_name: str


class Scene(EntityInProject, Named, total=False):
    code: Optional[str]
    created_by: Optional[str]
    project_name: str  # GET /data/scenes/{id}
    sequence_id: str
    sequence_name: str
    episode_id: str  # absent when the sequence has no episode
    episode_name: str


class Shot(EntityInProject, Named, total=False):
    code: Optional[str]
    created_by: Optional[str]
    nb_entities_out: int
    is_casting_standby: bool
    ready_for: Optional[str]
    # GET /data/shots/{id} adds these; frame_in, frame_out and fps are copied from `data`.
    project_name: str
    sequence_id: str
    sequence_name: str
    episode_id: Optional[str]
    episode_name: str
    frame_in: Any
    frame_out: Any
    fps: Any
    tasks: list[dict[str, Any]]


class AssetType(Entity, Named, total=False):
    short_name: Optional[str]
    task_types: list[str]
    description: Optional[str]
    archived: bool


class Asset(EntityInProject, Named, total=False):
    asset_type_id: str
    asset_type_name: str
    is_shared: bool
    code: Optional[str]
    episode_id: Optional[str]
    project_name: str
    ready_for: Optional[str]
    is_casting_standby: bool
    nb_entities_out: int
    created_by: Optional[str]
    tasks: list[Any]
    entities_in: list[str]
    entities_out: list[str]
    casting_episode_ids: list[str]
    instance_casting: list[Any]


class CastingEntry(TypedDict, total=False):
    asset_id: str
    name: str
    asset_name: str
    asset_type_name: str
    nb_occurences: int
    label: str
    preview_file_id: Optional[str]
    episode_id: Optional[str]
    sequence_name: str
    ready_for: Optional[str]
    is_shared: bool
    project_id: str


class TaskType(Entity, Named, total=False):
    short_name: str
    color: str
    priority: int
    for_entity: str
    department_id: Optional[str]
    description: Optional[str]
    allow_timelog: bool
    archived: bool


class TaskStatus(Entity, Named, total=False):
    short_name: str
    color: str
    is_done: bool
    is_retake: bool
    is_wip: bool
    is_feedback_request: bool
    is_default: bool
    for_concept: bool
    is_artist_allowed: bool
    is_client_allowed: bool
    priority: int
    archived: bool
    description: Optional[str]


class Task(Entity, Named, total=False):
    project_id: str
    task_type_id: str
    task_status_id: str
    entity_id: str
    assigner_id: Optional[str]
    assignees: list[str]
    priority: int
    duration: float
    estimation: float
    retake_count: int
    start_date: Optional[str]
    due_date: Optional[str]
    real_start_date: Optional[str]
    end_date: Optional[str]
    last_comment_date: Optional[str]
    done_date: Optional[str]
    description: Optional[str]
    difficulty: int
    completion_rate: int
    sort_order: int
    nb_assets_ready: int
    nb_drawings: int
    last_preview_file_id: Optional[str]


class Comment(Entity, total=False):
    object_id: str
    object_type: str
    text: str
    person_id: str
    task_status_id: str
    previews: list[Any]
    attachment_files: list[Any]
    checklist: list[Any]
    links: list[str]
    for_client: bool
    pinned: Optional[bool]
    editor_id: Optional[str]
    preview_file_id: Optional[str]
    replies: list[dict[str, Any]]
    mentions: list[str]
    department_mentions: list[str]
    acknowledgements: list[str]
    task_status: dict[str, Any]
    person: dict[str, Any]
    preview_files: list[dict[str, Any]]


class PreviewFile(Entity, Named, total=False):
    revision: int
    position: int
    extension: str
    status: str
    task_id: str
    person_id: str
    comment_id: str
    original_name: Optional[str]
    description: Optional[str]
    source: str
    file_size: int
    validation_status: str
    annotations: Optional[list[Any]]
    width: int
    height: int
    duration: float
    is_movie: bool
    source_file_id: Optional[str]
    url: Optional[str]


class Playlist(Entity, Named, total=False):
    project_id: str
    episode_id: Optional[str]
    for_client: bool
    for_entity: str
    shots: Optional[list[dict[str, Any]]]
    task_type_id: Optional[str]
    is_for_all: bool
    created_by: Optional[str]
    build_jobs: list[dict[str, Any]]
    first_preview_file_id: Optional[str]


class Person(Entity, total=False):
    first_name: str
    last_name: str
    full_name: str
    email: Optional[str]
    desktop_login: Optional[str]
    role: str
    active: bool
    is_bot: bool
    departments: list[str]
    phone: Optional[str]
    contract_type: str
    position: str
    seniority: str
    has_avatar: bool
    archived: bool
    is_guest: bool
    studio_id: Optional[str]
    expiration_date: Optional[str]
    access_token: str
    timezone: str
    locale: str
    last_presence: Optional[str]


class Department(Entity, Named, total=False):
    color: str
    archived: bool


class TimeSpent(Entity, total=False):
    task_id: str
    person_id: str
    date: str
    duration: float


class Event(TypedDict, total=False):
    id: str
    created_at: str
    name: str
    user_id: Optional[str]
    project_id: Optional[str]
    data: dict[str, Any]
