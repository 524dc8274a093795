"""What `zou init-data` creates (Zou 1.0.97, domain "3d", the default: zou/app/commands/
commands_service.py), the admin, and the columns of Zou's rows with their defaults (read on a
Zou 1.0.97 server), so the fake's rows have the keys real ones have."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from ._fake import FakeKitsu, Row

PROJECT_STATUSES = ("Open", "Closed")
ASSET_TYPES = ("Character", "Prop", "Environment", "FX")
SHOT_TYPES = ("Episode", "Sequence", "Shot", "Edit")
#: Scene is created on first use in Zou (get_scene_type); the fake creates it up front.
LAZY_TYPES = ("Scene", "Concept")

DEPARTMENTS = (
    ("Modeling", "#78909C"),
    ("Animation", "#009688"),
    ("FX", "#26C6DA"),
    ("Compositing", "#F06292"),
    ("Concept", "#8D6E63"),
    ("Layout", "#7CB342"),
)
#: (department, name, color, priority, for_entity)
TASK_TYPES = (
    ("Concept", "Concept", "#8D6E63", 1, "Asset"),
    ("Modeling", "Modeling", "#78909C", 2, "Asset"),
    ("Modeling", "Shading", "#64B5F6", 3, "Asset"),
    ("Animation", "Rigging", "#9CCC65", 4, "Asset"),
    ("Concept", "Storyboard", "#43A047", 1, "Shot"),
    ("Layout", "Layout", "#7CB342", 2, "Shot"),
    ("Animation", "Animation", "#009688", 3, "Shot"),
    ("Compositing", "Lighting", "#F9A825", 4, "Shot"),
    ("FX", "FX", "#26C6DA", 5, "Shot"),
    ("Compositing", "Rendering", "#F06292", 6, "Shot"),
    ("Compositing", "Compositing", "#ff5252", 7, "Shot"),
    ("Compositing", "Edit", "#9b298c", 8, "Edit"),
    ("Concept", "Concept", "#8D6E63", 1, "Concept"),
)
#: (name, short_name, color, flags)
TASK_STATUSES: tuple[tuple[str, str, str, dict[str, bool]], ...] = (
    ("Todo", "todo", "#f5f5f5", {"is_default": True}),
    ("Work In Progress", "wip", "#3273dc", {"is_wip": True}),
    ("Waiting For Approval", "wfa", "#ab26ff", {"is_feedback_request": True}),
    ("Retake", "retake", "#ff3860", {"is_retake": True}),
    ("Done", "done", "#22d160", {"is_done": True}),
    ("Ready To Start", "ready", "#fbc02d", {}),
    ("Neutral", "neutral", "#CCCCCC", {"is_default": True, "for_concept": True}),
    ("Approved", "approved", "#66BB6A", {"for_concept": True}),
    ("Rejected", "rejected", "#E81123", {"for_concept": True}),
)


def person_row(
    email: str, first_name: str = "", last_name: str = "", role: str = "user", **columns: Any
) -> Row:
    row: Row = {
        "first_name": first_name,
        "last_name": last_name,
        "email": email,
        "phone": "",
        "country": None,
        "contract_type": "open-ended",
        "active": True,
        "archived": False,
        "last_presence": None,
        "desktop_login": "",
        "totp_enabled": False,
        "email_otp_enabled": False,
        "fido_enabled": False,
        "preferred_two_factor_authentication": None,
        "shotgun_id": None,
        "timezone": "Europe/Paris",
        "locale": "en_US",
        "use_12_hour_clock": False,
        "display_date_format": "YYYY-MM-DD",
        "data": None,
        "role": role,
        "position": "artist",
        "seniority": "mid",
        "daily_salary": 0,
        "has_avatar": False,
        "notifications_enabled": False,
        "notifications_slack_enabled": False,
        "notifications_slack_userid": "",
        "notifications_mattermost_enabled": False,
        "notifications_mattermost_userid": "",
        "notifications_discord_enabled": False,
        "notifications_discord_userid": "",
        "is_bot": False,
        "is_guest": False,
        "preview_project_id": None,
        "preview_opened_at": None,
        "preview_open_until": None,
        "expiration_date": None,
        "is_generated_from_ldap": False,
        "ldap_uid": None,
        "studio_id": None,
        "departments": [],  # relation (association table in Zou)
    }
    row.update(columns)
    row["full_name"] = f"{row['first_name']} {row['last_name']}".strip()
    return row


def project_row(name: str, project_status_id: Optional[str], **columns: Any) -> Row:
    row: Row = {
        "name": name,
        "code": None,
        "description": None,
        "shotgun_id": None,
        "file_tree": None,
        "data": None,
        "has_avatar": False,
        "fps": "25",
        "ratio": "16:9",
        "resolution": "1920x1080",
        "production_type": "short",
        "production_style": "2d3d",
        "start_date": None,
        "end_date": None,
        "man_days": None,
        "nb_episodes": 0,
        "episode_span": 0,
        "max_retakes": 0,
        "is_clients_isolated": False,
        "is_client_stats_visible": True,
        "is_client_task_list_visible": True,
        "is_client_task_panel_visible": True,
        "is_preview_download_allowed": False,
        "is_set_preview_automated": False,
        "homepage": "assets",
        "is_publish_default_for_artists": False,
        "is_bot_collaboration_enabled": False,
        "is_single_preview_per_revision": False,
        "is_frame_in_numbering": False,
        "revision_padding": 0,
        "hd_bitrate_compression": None,
        "ld_bitrate_compression": None,
        "project_status_id": project_status_id,
        "default_preview_background_file_id": None,
        "from_schedule_version_id": None,
        # relations Zou keeps in association tables; served with ?relations=true
        "team": [],
        "asset_types": [],
        "task_types": [],
        "task_statuses": [],
        "status_automations": [],
        "preview_background_files": [],
    }
    row.update(columns)
    return row


def entity_row(
    name: str, project_id: str, entity_type_id: str, created_by: Optional[str], **columns: Any
) -> Row:
    row: Row = {
        "name": name,
        "code": None,
        "description": None,
        "shotgun_id": None,
        "canceled": False,
        "nb_frames": None,
        "nb_entities_out": 0,
        "is_casting_standby": False,
        "is_shared": False,
        "status": "running",
        "project_id": project_id,
        "entity_type_id": entity_type_id,
        "parent_id": None,
        "source_id": None,
        "preview_file_id": None,
        "data": {},
        "ready_for": None,
        "created_by": created_by,
        # relations (association tables in Zou)
        "entities_out": [],
        "entities_in": [],
        "instance_casting": [],
        "entity_concept_links": [],
    }
    row.update(columns)
    return row


def task_type_row(name: str, **columns: Any) -> Row:
    row: Row = {
        "name": name,
        "short_name": None,
        "description": None,
        "color": "#FFFFFF",
        "priority": 1,
        "for_entity": "Asset",
        "allow_timelog": True,
        "archived": False,
        "shotgun_id": None,
        "department_id": None,
    }
    row.update(columns)
    return row


def task_status_row(name: str, short_name: str, **columns: Any) -> Row:
    row: Row = {
        "name": name,
        "archived": False,
        "short_name": short_name,
        "description": None,
        "color": "#f5f5f5",
        "priority": 1,
        "is_done": False,
        "is_artist_allowed": True,
        "is_client_allowed": True,
        "is_retake": False,
        "is_feedback_request": False,
        "is_default": False,
        "is_wip": False,
        "shotgun_id": None,
        "for_concept": False,
    }
    row.update(columns)
    return row


def entity_type_row(name: str, **columns: Any) -> Row:
    row: Row = {
        "name": name,
        "short_name": None,
        "description": None,
        "archived": False,
        # asset types only: the task types it uses (association table in Zou)
        "task_types": [],
    }
    row.update(columns)
    return row


def seed_init_data(fake: FakeKitsu) -> None:
    """`zou init-data` (domain 3d) and the admin (`create-admin`)."""
    store = fake.store
    with store.lock:
        for name in PROJECT_STATUSES:
            store.insert("project-status", {"name": name, "color": "#000000"}, type="ProjectStatus")
        for name in ASSET_TYPES + SHOT_TYPES + LAZY_TYPES:
            store.insert("entity-types", entity_type_row(name), type="EntityType")
        departments = {}
        for name, color in DEPARTMENTS:
            departments[name] = store.insert(
                "departments", {"name": name, "color": color, "archived": False}, type="Department"
            )["id"]
        for department, name, color, priority, for_entity in TASK_TYPES:
            store.insert(
                "task-types",
                task_type_row(
                    name,
                    color=color,
                    priority=priority,
                    for_entity=for_entity,
                    department_id=departments[department],
                ),
                type="TaskType",
            )
        for name, short_name, color, flags in TASK_STATUSES:
            store.insert(
                "task-status",
                task_status_row(name, short_name, color=color, **flags),
                type="TaskStatus",
            )
    fake.admin = fake.add_person(
        fake.admin_email,
        fake.admin_password,
        role="admin",
        first_name="Super",
        last_name="Admin",
    )
