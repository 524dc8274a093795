"""Names of the socket.io events Zou broadcasts on the `/events` namespace, as constants.

Generated once from a catalogue of Zou's emitters (read from Zou's source); a constant's comment
lists the payload keys. Payloads are flat dicts of ids (no wrapper, no event id). A few emitters
keep underscores (`asset_instance:new`, `output_type:new`, `production_schedule_version:update`):
their constants end in `_UNDERSCORE` where the dashed CRUD spelling also exists.
"""

from __future__ import annotations

#: payload: api_event_id, project_id
API_EVENT_DELETE = "api-event:delete"
#: payload: api_event_id, project_id
API_EVENT_NEW = "api-event:new"
#: payload: api_event_id, project_id
API_EVENT_UPDATE = "api-event:update"
#: payload: asset_instance_id
ASSET_INSTANCE_DELETE = "asset-instance:delete"
#: payload: asset_instance_id
ASSET_INSTANCE_NEW = "asset-instance:new"
#: payload: asset_instance_id
ASSET_INSTANCE_UPDATE = "asset-instance:update"
#: payload: asset_type_id
ASSET_TYPE_DELETE = "asset-type:delete"
#: payload: asset_type_id
ASSET_TYPE_NEW = "asset-type:new"
#: payload: asset_type_id
ASSET_TYPE_UPDATE = "asset-type:update"
#: payload: asset_id, nb_entities_out, added_asset_ids, removed_asset_ids, project_id
ASSET_CASTING_UPDATE = "asset:casting-update"
#: payload: asset_id, project_id
ASSET_DELETE = "asset:delete"
#: payload: asset_id, asset_type, project_id, episode_id
ASSET_NEW = "asset:new"
#: payload: asset_in, asset_out, project_id
ASSET_NEW_LINK = "asset:new-link"
#: payload: asset_in, asset_out, project_id
ASSET_REMOVE_LINK = "asset:remove-link"
#: payload: asset_id, data, project_id, episode_id
ASSET_UPDATE = "asset:update"
#: payload: shot_id, asset_instance_id
ASSET_INSTANCE_ADD_TO_SHOT = "asset_instance:add-to-shot"
#: payload: scene_id, asset_id, asset_instance_id, asset_instantiated
ASSET_INSTANCE_NEW_UNDERSCORE = "asset_instance:new"
#: payload: shot_id, asset_instance_id
ASSET_INSTANCE_REMOVE_FROM_SHOT = "asset_instance:remove-from-shot"
#: payload: attachment_file_id
ATTACHMENT_FILE_DELETE = "attachment-file:delete"
#: payload: attachment_file_id, project_id
ATTACHMENT_FILE_NEW = "attachment-file:new"
#: payload: attachment_file_id, project_id
ATTACHMENT_FILE_UPDATE = "attachment-file:update"
#: payload: budget_id, budget_entry_id, project_id
BUDGET_ENTRY_CREATE = "budget-entry:create"
#: payload: budget_id, budget_entry_id, project_id
BUDGET_ENTRY_DELETE = "budget-entry:delete"
#: payload: budget_entry_id
BUDGET_ENTRY_NEW = "budget-entry:new"
#: payload: budget_id, budget_entry_id, project_id
BUDGET_ENTRY_UPDATE = "budget-entry:update"
#: payload: budget_id, project_id
BUDGET_CREATE = "budget:create"
#: payload: budget_id, project_id
BUDGET_DELETE = "budget:delete"
#: payload: budget_id, project_id
BUDGET_NEW = "budget:new"
#: payload: budget_id, project_id
BUDGET_UPDATE = "budget:update"
#: payload: build_job_id, playlist_id, project_id
BUILD_JOB_DELETE = "build-job:delete"
#: payload: build_job_id, playlist_id, created_at, project_id
BUILD_JOB_NEW = "build-job:new"
#: payload: build_job_id, playlist_id, status, project_id
BUILD_JOB_UPDATE = "build-job:update"
#: payload: chat_message_id
CHAT_MESSAGE_DELETE = "chat-message:delete"
#: payload: chat_message_id
CHAT_MESSAGE_NEW = "chat-message:new"
#: payload: chat_message_id
CHAT_MESSAGE_UPDATE = "chat-message:update"
#: payload: chat_id
CHAT_DELETE = "chat:delete"
#: payload: chat_id, chat_message_id (live only, never stored)
CHAT_DELETED_MESSAGE = "chat:deleted-message"
#: payload: chat_id, person_id (live only, never stored)
CHAT_JOINED = "chat:joined"
#: payload: chat_id, person_id (live only, never stored)
CHAT_LEFT = "chat:left"
#: payload: chat_id
CHAT_NEW = "chat:new"
#: payload: chat_id, chat_message_id, last_message (live only, never stored)
CHAT_NEW_MESSAGE = "chat:new-message"
#: payload: chat_id
CHAT_UPDATE = "chat:update"
#: payload: comment_id, person_id, project_id (live only, never stored)
COMMENT_ACKNOWLEDGE = "comment:acknowledge"
#: payload: comment_id, project_id
COMMENT_DELETE = "comment:delete"
#: payload: task_id, comment_id, reply_id, project_id (live only, never stored)
COMMENT_DELETE_REPLY = "comment:delete-reply"
#: payload: comment_id, task_id, task_status_id, project_id
COMMENT_NEW = "comment:new"
#: payload: task_id, comment_id, reply_id, project_id
COMMENT_REPLY = "comment:reply"
#: payload: comment_id, person_id, project_id (live only, never stored)
COMMENT_UNACKNOWLEDGE = "comment:unacknowledge"
#: payload: comment_id, task_id, project_id
COMMENT_UPDATE = "comment:update"
#: payload: concept_id, project_id
CONCEPT_DELETE = "concept:delete"
#: payload: concept_id, project_id
CONCEPT_NEW = "concept:new"
#: payload: concept_id, project_id
CONCEPT_UPDATE = "concept:update"
#: payload: custom_action_id
CUSTOM_ACTION_DELETE = "custom-action:delete"
#: payload: custom_action_id
CUSTOM_ACTION_NEW = "custom-action:new"
#: payload: custom_action_id
CUSTOM_ACTION_UPDATE = "custom-action:update"
#: payload: day_off_id
DAY_OFF_DELETE = "day-off:delete"
#: payload: day_off_id
DAY_OFF_NEW = "day-off:new"
#: payload: day_off_id
DAY_OFF_UPDATE = "day-off:update"
#: payload: department_id
DEPARTMENT_DELETE = "department:delete"
#: payload: department_id
DEPARTMENT_NEW = "department:new"
#: payload: department_id
DEPARTMENT_UPDATE = "department:update"
#: payload: edit_id, project_id
EDIT_DELETE = "edit:delete"
#: payload: edit_id, parent_id, project_id, episode_id
EDIT_NEW = "edit:new"
#: payload: edit_id, project_id, episode_id
EDIT_UPDATE = "edit:update"
#: payload: entity_link_id
ENTITY_LINK_DELETE = "entity-link:delete"
#: payload: entity_link_id, entity_in_id, entity_out_id, nb_occurences, project_id
ENTITY_LINK_NEW = "entity-link:new"
#: payload: entity_link_id, nb_occurences, project_id
ENTITY_LINK_UPDATE = "entity-link:update"
#: payload: episode_id, nb_entities_out, added_asset_ids, removed_asset_ids, project_id
EPISODE_CASTING_UPDATE = "episode:casting-update"
#: payload: episode_id, project_id
EPISODE_DELETE = "episode:delete"
#: payload: episode_id, project_id
EPISODE_NEW = "episode:new"
#: payload: episode_id, project_id
EPISODE_UPDATE = "episode:update"
#: payload: file_status_id
FILE_STATUS_DELETE = "file-status:delete"
#: payload: file_status_id
FILE_STATUS_NEW = "file-status:new"
#: payload: file_status_id
FILE_STATUS_UPDATE = "file-status:update"
#: payload: hardware_item_id
HARDWARE_ITEM_DELETE = "hardware-item:delete"
#: payload: hardware_item_id
HARDWARE_ITEM_NEW = "hardware-item:new"
#: payload: hardware_item_id
HARDWARE_ITEM_UPDATE = "hardware-item:update"
#: payload: (none) (live only, never stored)
MAIN_TEST = "main:test"
#: payload: metadata_descriptor_id, project_id
METADATA_DESCRIPTOR_DELETE = "metadata-descriptor:delete"
#: payload: metadata_descriptor_id, project_id
METADATA_DESCRIPTOR_NEW = "metadata-descriptor:new"
#: payload: metadata_descriptor_id, project_id
METADATA_DESCRIPTOR_UPDATE = "metadata-descriptor:update"
#: payload: milestone_id, project_id
MILESTONE_DELETE = "milestone:delete"
#: payload: milestone_id, project_id
MILESTONE_NEW = "milestone:new"
#: payload: milestone_id, project_id
MILESTONE_UPDATE = "milestone:update"
#: payload: news_id, project_id
NEWS_DELETE = "news:delete"
#: payload: news_id, task_status_id, task_type_id, project_id
NEWS_NEW = "news:new"
#: payload: news_id, project_id
NEWS_UPDATE = "news:update"
#: payload: person_id
NOTIFICATION_ALL_READ = "notification:all-read"
#: payload: notification_id
NOTIFICATION_DELETE = "notification:delete"
#: payload: notification_id, person_id, project_id (stored or not depending on the emitter)
NOTIFICATION_NEW = "notification:new"
#: payload: person_id, notification_id
NOTIFICATION_READ = "notification:read"
#: payload: person_id, notification_id
NOTIFICATION_UNREAD = "notification:unread"
#: payload: notification_id, project_id
NOTIFICATION_UPDATE = "notification:update"
#: payload: organisation_id
ORGANISATION_DELETE = "organisation:delete"
#: payload: organisation_id
ORGANISATION_NEW = "organisation:new"
#: payload: organisation_id
ORGANISATION_SET_THUMBNAIL = "organisation:set-thumbnail"
#: payload: organisation_id
ORGANISATION_UPDATE = "organisation:update"
#: payload: output_file_id, project_id
OUTPUT_FILE_DELETE = "output-file:delete"
#: payload: output_file_id, project_id
OUTPUT_FILE_NEW = "output-file:new"
#: payload: output_file_id, project_id
OUTPUT_FILE_UPDATE = "output-file:update"
#: payload: output_type_id
OUTPUT_TYPE_DELETE = "output-type:delete"
#: payload: output_type_id
OUTPUT_TYPE_NEW = "output-type:new"
#: payload: output_type_id
OUTPUT_TYPE_UPDATE = "output-type:update"
#: payload: output_type_id
OUTPUT_TYPE_NEW_UNDERSCORE = "output_type:new"
#: payload: person_id
PERSON_DELETE = "person:delete"
#: payload: person_id
PERSON_NEW = "person:new"
#: payload: person_id
PERSON_SET_THUMBNAIL = "person:set-thumbnail"
#: payload: person_id
PERSON_UPDATE = "person:update"
#: payload: playlist_id, entity_id, preview_file_id, project_id
PLAYLIST_ADD_ENTITY = "playlist:add_entity"
#: payload: playlist_id, project_id
PLAYLIST_DELETE = "playlist:delete"
#: payload: playlist_id, project_id
PLAYLIST_NEW = "playlist:new"
#: payload: playlist_id, project_id
PLAYLIST_UPDATE = "playlist:update"
#: payload: plugin_id
PLUGIN_DELETE = "plugin:delete"
#: payload: plugin_id
PLUGIN_NEW = "plugin:new"
#: payload: plugin_id
PLUGIN_UPDATE = "plugin:update"
#: payload: preview_background_file_id, extension
PREVIEW_BACKGROUND_FILE_ADD_FILE = "preview-background-file:add-file"
#: payload: preview_background_file_id
PREVIEW_BACKGROUND_FILE_DELETE = "preview-background-file:delete"
#: payload: preview_background_file_id
PREVIEW_BACKGROUND_FILE_NEW = "preview-background-file:new"
#: payload: preview_background_file_id
PREVIEW_BACKGROUND_FILE_UPDATE = "preview-background-file:update"
#: payload: comment_id, task_id, preview_file_id, revision, extension, status, project_id
PREVIEW_FILE_ADD_FILE = "preview-file:add-file"
#: payload: preview_file_id, person_id, updated_at, project_id
PREVIEW_FILE_ANNOTATION_UPDATE = "preview-file:annotation-update"
#: payload: preview_file_id, project_id
PREVIEW_FILE_DELETE = "preview-file:delete"
#: payload: preview_file_id, comment_id, project_id
PREVIEW_FILE_NEW = "preview-file:new"
#: payload: entity_id, preview_file_id, project_id
PREVIEW_FILE_SET_MAIN = "preview-file:set-main"
#: payload: preview_file_id, project_id
PREVIEW_FILE_UPDATE = "preview-file:update"
#: payload: (client payload relayed as-is; includes playlist_id) (live only, never stored; sent to
#: a review room only)
PREVIEW_ROOM_ADD_ANNOTATION = "preview-room:add-annotation"
#: payload: (client payload relayed as-is; includes playlist_id) (live only, never stored; sent to
#: a review room only)
PREVIEW_ROOM_CHANGE_VERSION = "preview-room:change-version"
#: payload: (client payload relayed as-is; includes playlist_id) (live only, never stored; sent to
#: a review room only)
PREVIEW_ROOM_COMPARISON_PANZOOM_CHANGED = "preview-room:comparison-panzoom-changed"
#: payload: (client payload relayed as-is; includes playlist_id) (live only, never stored; sent to
#: a review room only)
PREVIEW_ROOM_PANZOOM_CHANGED = "preview-room:panzoom-changed"
#: payload: (client payload relayed as-is; includes playlist_id) (live only, never stored; sent to
#: a review room only)
PREVIEW_ROOM_REMOVE_ANNOTATION = "preview-room:remove-annotation"
#: payload: people, playlist_id, id (live only, never stored; sent to a review room only)
PREVIEW_ROOM_ROOM_PEOPLE_UPDATED = "preview-room:room-people-updated"
#: payload: playlist_id, user_id, local_id, people, is_playing, current_entity_id,
#: current_entity_index, current_preview_file_id, current_preview_file_index, current_frame,
#: is_repeating, is_annotations_displayed, is_zoom_enabled, is_waveform_displayed, is_laser_mode,
#: handle_in, handle_out, speed, comparing, only_newcomer (live only, never stored; sent to a
#: review room only)
PREVIEW_ROOM_ROOM_UPDATED = "preview-room:room-updated"
#: payload: (client payload relayed as-is; includes playlist_id) (live only, never stored; sent to
#: a review room only)
PREVIEW_ROOM_UPDATE_ANNOTATION = "preview-room:update-annotation"
#: payload: production_schedule_version_task_link_id
PRODUCTION_SCHEDULE_VERSION_TASK_LINK_DELETE = "production-schedule-version-task-link:delete"
#: payload: production_schedule_version_task_link_id
PRODUCTION_SCHEDULE_VERSION_TASK_LINK_NEW = "production-schedule-version-task-link:new"
#: payload: production_schedule_version_task_link_id
PRODUCTION_SCHEDULE_VERSION_TASK_LINK_UPDATE = "production-schedule-version-task-link:update"
#: payload: production_schedule_version_id, project_id
PRODUCTION_SCHEDULE_VERSION_DELETE = "production-schedule-version:delete"
#: payload: production_schedule_version_id, project_id
PRODUCTION_SCHEDULE_VERSION_NEW = "production-schedule-version:new"
#: payload: production_schedule_version_id, project_id
PRODUCTION_SCHEDULE_VERSION_UPDATE = "production-schedule-version:update"
#: payload: production_schedule_version_id, project_id
PRODUCTION_SCHEDULE_VERSION_UPDATE_UNDERSCORE = "production_schedule_version:update"
#: payload: project_status_id
PROJECT_STATUS_DELETE = "project-status:delete"
#: payload: project_status_id
PROJECT_STATUS_NEW = "project-status:new"
#: payload: project_status_id
PROJECT_STATUS_UPDATE = "project-status:update"
#: payload: project_template_id
PROJECT_TEMPLATE_DELETE = "project-template:delete"
#: payload: project_template_id
PROJECT_TEMPLATE_NEW = "project-template:new"
#: payload: project_template_id
PROJECT_TEMPLATE_UPDATE = "project-template:update"
#: payload: project_id
PROJECT_DELETE = "project:delete"
#: payload: project_id
PROJECT_NEW = "project:new"
#: payload: project_id
PROJECT_SET_THUMBNAIL = "project:set-thumbnail"
#: payload: project_id
PROJECT_UPDATE = "project:update"
#: payload: salary_scale_id
SALARY_SCALE_DELETE = "salary-scale:delete"
#: payload: salary_scale_id
SALARY_SCALE_NEW = "salary-scale:new"
#: payload: salary_scale_id
SALARY_SCALE_UPDATE = "salary-scale:update"
#: payload: scene_id, project_id
SCENE_DELETE = "scene:delete"
#: payload: scene_id, project_id
SCENE_NEW = "scene:new"
#: payload: scene_id, project_id
SCENE_UPDATE = "scene:update"
#: payload: schedule_item_id, project_id
SCHEDULE_ITEM_DELETE = "schedule-item:delete"
#: payload: schedule_item_id, project_id
SCHEDULE_ITEM_NEW = "schedule-item:new"
#: payload: schedule_item_id, project_id
SCHEDULE_ITEM_UPDATE = "schedule-item:update"
#: payload: search_filter_group_id, project_id
SEARCH_FILTER_GROUP_DELETE = "search-filter-group:delete"
#: payload: search_filter_group_id, project_id
SEARCH_FILTER_GROUP_NEW = "search-filter-group:new"
#: payload: search_filter_group_id, project_id
SEARCH_FILTER_GROUP_UPDATE = "search-filter-group:update"
#: payload: search_filter_id, project_id
SEARCH_FILTER_DELETE = "search-filter:delete"
#: payload: search_filter_id, project_id
SEARCH_FILTER_NEW = "search-filter:new"
#: payload: search_filter_id, project_id
SEARCH_FILTER_UPDATE = "search-filter:update"
#: payload: sequence_id, project_id
SEQUENCE_DELETE = "sequence:delete"
#: payload: sequence_id, project_id
SEQUENCE_NEW = "sequence:new"
#: payload: sequence_id, project_id
SEQUENCE_UPDATE = "sequence:update"
#: payload: scene_id, shot_id, project_id
SHOT_ADD_TO_SCENE = "shot:add-to-scene"
#: payload: shot_id, nb_entities_out, added_asset_ids, removed_asset_ids, project_id
SHOT_CASTING_UPDATE = "shot:casting-update"
#: payload: shot_id, project_id
SHOT_DELETE = "shot:delete"
#: payload: shot_id, episode_id, project_id
SHOT_NEW = "shot:new"
#: payload: scene_id, shot_id, project_id
SHOT_REMOVE_FROM_SCENE = "shot:remove-from-scene"
#: payload: shot_id, project_id
SHOT_UPDATE = "shot:update"
#: payload: software_id
SOFTWARE_DELETE = "software:delete"
#: payload: software_id
SOFTWARE_NEW = "software:new"
#: payload: software_id
SOFTWARE_UPDATE = "software:update"
#: payload: status_automation_id
STATUS_AUTOMATION_DELETE = "status-automation:delete"
#: payload: status_automation_id
STATUS_AUTOMATION_NEW = "status-automation:new"
#: payload: status_automation_id
STATUS_AUTOMATION_UPDATE = "status-automation:update"
#: payload: studio_id
STUDIO_DELETE = "studio:delete"
#: payload: studio_id
STUDIO_NEW = "studio:new"
#: payload: studio_id
STUDIO_UPDATE = "studio:update"
#: payload: subscription_id
SUBSCRIPTION_DELETE = "subscription:delete"
#: payload: subscription_id, project_id
SUBSCRIPTION_NEW = "subscription:new"
#: payload: subscription_id, project_id
SUBSCRIPTION_UPDATE = "subscription:update"
#: payload: task_status_id
TASK_STATUS_DELETE = "task-status:delete"
#: payload: task_status_id
TASK_STATUS_NEW = "task-status:new"
#: payload: task_status_id
TASK_STATUS_UPDATE = "task-status:update"
#: payload: task_type_id
TASK_TYPE_DELETE = "task-type:delete"
#: payload: task_type_id
TASK_TYPE_NEW = "task-type:new"
#: payload: task_type_id
TASK_TYPE_UPDATE = "task-type:update"
#: payload: task_id, person_id, project_id
TASK_ASSIGN = "task:assign"
#: payload: task_id, entity_id, task_type_id, project_id
TASK_DELETE = "task:delete"
#: payload: task_id, project_id
TASK_NEW = "task:new"
#: payload: task_id, new_task_status_id, previous_task_status_id, person_id, project_id
TASK_STATUS_CHANGED = "task:status-changed"
#: payload: task_id, new_task_status_id, previous_task_status_id, person_id, comment_id,
#: project_id, task_shotgun_id, entity_type_name, entity_shotgun_id, project_shotgun_id,
#: person_shotgun_id, comment, preview_path, change_status
TASK_TO_REVIEW = "task:to-review"
#: payload: person_id, task_id, project_id
TASK_UNASSIGN = "task:unassign"
#: payload: task_id, project_id
TASK_UPDATE = "task:update"
#: payload: task_id, nb_assets_ready, project_id (live only, never stored)
TASK_UPDATE_CASTING_STATS = "task:update-casting-stats"
#: payload: time_spent_id, project_id
TIME_SPENT_DELETE = "time-spent:delete"
#: payload: time_spent_id, project_id
TIME_SPENT_NEW = "time-spent:new"
#: payload: time_spent_id, project_id
TIME_SPENT_UPDATE = "time-spent:update"
#: payload: working_file_id
WORKING_FILE_DELETE = "working-file:delete"
#: payload: working_file_id, project_id
WORKING_FILE_NEW = "working-file:new"
#: payload: working_file_id
WORKING_FILE_UPDATE = "working-file:update"

#: Every event name above.
ALL_EVENTS: frozenset[str] = frozenset(
    {
        API_EVENT_DELETE,
        API_EVENT_NEW,
        API_EVENT_UPDATE,
        ASSET_INSTANCE_DELETE,
        ASSET_INSTANCE_NEW,
        ASSET_INSTANCE_UPDATE,
        ASSET_TYPE_DELETE,
        ASSET_TYPE_NEW,
        ASSET_TYPE_UPDATE,
        ASSET_CASTING_UPDATE,
        ASSET_DELETE,
        ASSET_NEW,
        ASSET_NEW_LINK,
        ASSET_REMOVE_LINK,
        ASSET_UPDATE,
        ASSET_INSTANCE_ADD_TO_SHOT,
        ASSET_INSTANCE_NEW_UNDERSCORE,
        ASSET_INSTANCE_REMOVE_FROM_SHOT,
        ATTACHMENT_FILE_DELETE,
        ATTACHMENT_FILE_NEW,
        ATTACHMENT_FILE_UPDATE,
        BUDGET_ENTRY_CREATE,
        BUDGET_ENTRY_DELETE,
        BUDGET_ENTRY_NEW,
        BUDGET_ENTRY_UPDATE,
        BUDGET_CREATE,
        BUDGET_DELETE,
        BUDGET_NEW,
        BUDGET_UPDATE,
        BUILD_JOB_DELETE,
        BUILD_JOB_NEW,
        BUILD_JOB_UPDATE,
        CHAT_MESSAGE_DELETE,
        CHAT_MESSAGE_NEW,
        CHAT_MESSAGE_UPDATE,
        CHAT_DELETE,
        CHAT_DELETED_MESSAGE,
        CHAT_JOINED,
        CHAT_LEFT,
        CHAT_NEW,
        CHAT_NEW_MESSAGE,
        CHAT_UPDATE,
        COMMENT_ACKNOWLEDGE,
        COMMENT_DELETE,
        COMMENT_DELETE_REPLY,
        COMMENT_NEW,
        COMMENT_REPLY,
        COMMENT_UNACKNOWLEDGE,
        COMMENT_UPDATE,
        CONCEPT_DELETE,
        CONCEPT_NEW,
        CONCEPT_UPDATE,
        CUSTOM_ACTION_DELETE,
        CUSTOM_ACTION_NEW,
        CUSTOM_ACTION_UPDATE,
        DAY_OFF_DELETE,
        DAY_OFF_NEW,
        DAY_OFF_UPDATE,
        DEPARTMENT_DELETE,
        DEPARTMENT_NEW,
        DEPARTMENT_UPDATE,
        EDIT_DELETE,
        EDIT_NEW,
        EDIT_UPDATE,
        ENTITY_LINK_DELETE,
        ENTITY_LINK_NEW,
        ENTITY_LINK_UPDATE,
        EPISODE_CASTING_UPDATE,
        EPISODE_DELETE,
        EPISODE_NEW,
        EPISODE_UPDATE,
        FILE_STATUS_DELETE,
        FILE_STATUS_NEW,
        FILE_STATUS_UPDATE,
        HARDWARE_ITEM_DELETE,
        HARDWARE_ITEM_NEW,
        HARDWARE_ITEM_UPDATE,
        MAIN_TEST,
        METADATA_DESCRIPTOR_DELETE,
        METADATA_DESCRIPTOR_NEW,
        METADATA_DESCRIPTOR_UPDATE,
        MILESTONE_DELETE,
        MILESTONE_NEW,
        MILESTONE_UPDATE,
        NEWS_DELETE,
        NEWS_NEW,
        NEWS_UPDATE,
        NOTIFICATION_ALL_READ,
        NOTIFICATION_DELETE,
        NOTIFICATION_NEW,
        NOTIFICATION_READ,
        NOTIFICATION_UNREAD,
        NOTIFICATION_UPDATE,
        ORGANISATION_DELETE,
        ORGANISATION_NEW,
        ORGANISATION_SET_THUMBNAIL,
        ORGANISATION_UPDATE,
        OUTPUT_FILE_DELETE,
        OUTPUT_FILE_NEW,
        OUTPUT_FILE_UPDATE,
        OUTPUT_TYPE_DELETE,
        OUTPUT_TYPE_NEW,
        OUTPUT_TYPE_UPDATE,
        OUTPUT_TYPE_NEW_UNDERSCORE,
        PERSON_DELETE,
        PERSON_NEW,
        PERSON_SET_THUMBNAIL,
        PERSON_UPDATE,
        PLAYLIST_ADD_ENTITY,
        PLAYLIST_DELETE,
        PLAYLIST_NEW,
        PLAYLIST_UPDATE,
        PLUGIN_DELETE,
        PLUGIN_NEW,
        PLUGIN_UPDATE,
        PREVIEW_BACKGROUND_FILE_ADD_FILE,
        PREVIEW_BACKGROUND_FILE_DELETE,
        PREVIEW_BACKGROUND_FILE_NEW,
        PREVIEW_BACKGROUND_FILE_UPDATE,
        PREVIEW_FILE_ADD_FILE,
        PREVIEW_FILE_ANNOTATION_UPDATE,
        PREVIEW_FILE_DELETE,
        PREVIEW_FILE_NEW,
        PREVIEW_FILE_SET_MAIN,
        PREVIEW_FILE_UPDATE,
        PREVIEW_ROOM_ADD_ANNOTATION,
        PREVIEW_ROOM_CHANGE_VERSION,
        PREVIEW_ROOM_COMPARISON_PANZOOM_CHANGED,
        PREVIEW_ROOM_PANZOOM_CHANGED,
        PREVIEW_ROOM_REMOVE_ANNOTATION,
        PREVIEW_ROOM_ROOM_PEOPLE_UPDATED,
        PREVIEW_ROOM_ROOM_UPDATED,
        PREVIEW_ROOM_UPDATE_ANNOTATION,
        PRODUCTION_SCHEDULE_VERSION_TASK_LINK_DELETE,
        PRODUCTION_SCHEDULE_VERSION_TASK_LINK_NEW,
        PRODUCTION_SCHEDULE_VERSION_TASK_LINK_UPDATE,
        PRODUCTION_SCHEDULE_VERSION_DELETE,
        PRODUCTION_SCHEDULE_VERSION_NEW,
        PRODUCTION_SCHEDULE_VERSION_UPDATE,
        PRODUCTION_SCHEDULE_VERSION_UPDATE_UNDERSCORE,
        PROJECT_STATUS_DELETE,
        PROJECT_STATUS_NEW,
        PROJECT_STATUS_UPDATE,
        PROJECT_TEMPLATE_DELETE,
        PROJECT_TEMPLATE_NEW,
        PROJECT_TEMPLATE_UPDATE,
        PROJECT_DELETE,
        PROJECT_NEW,
        PROJECT_SET_THUMBNAIL,
        PROJECT_UPDATE,
        SALARY_SCALE_DELETE,
        SALARY_SCALE_NEW,
        SALARY_SCALE_UPDATE,
        SCENE_DELETE,
        SCENE_NEW,
        SCENE_UPDATE,
        SCHEDULE_ITEM_DELETE,
        SCHEDULE_ITEM_NEW,
        SCHEDULE_ITEM_UPDATE,
        SEARCH_FILTER_GROUP_DELETE,
        SEARCH_FILTER_GROUP_NEW,
        SEARCH_FILTER_GROUP_UPDATE,
        SEARCH_FILTER_DELETE,
        SEARCH_FILTER_NEW,
        SEARCH_FILTER_UPDATE,
        SEQUENCE_DELETE,
        SEQUENCE_NEW,
        SEQUENCE_UPDATE,
        SHOT_ADD_TO_SCENE,
        SHOT_CASTING_UPDATE,
        SHOT_DELETE,
        SHOT_NEW,
        SHOT_REMOVE_FROM_SCENE,
        SHOT_UPDATE,
        SOFTWARE_DELETE,
        SOFTWARE_NEW,
        SOFTWARE_UPDATE,
        STATUS_AUTOMATION_DELETE,
        STATUS_AUTOMATION_NEW,
        STATUS_AUTOMATION_UPDATE,
        STUDIO_DELETE,
        STUDIO_NEW,
        STUDIO_UPDATE,
        SUBSCRIPTION_DELETE,
        SUBSCRIPTION_NEW,
        SUBSCRIPTION_UPDATE,
        TASK_STATUS_DELETE,
        TASK_STATUS_NEW,
        TASK_STATUS_UPDATE,
        TASK_TYPE_DELETE,
        TASK_TYPE_NEW,
        TASK_TYPE_UPDATE,
        TASK_ASSIGN,
        TASK_DELETE,
        TASK_NEW,
        TASK_STATUS_CHANGED,
        TASK_TO_REVIEW,
        TASK_UNASSIGN,
        TASK_UPDATE,
        TASK_UPDATE_CASTING_STATS,
        TIME_SPENT_DELETE,
        TIME_SPENT_NEW,
        TIME_SPENT_UPDATE,
        WORKING_FILE_DELETE,
        WORKING_FILE_NEW,
        WORKING_FILE_UPDATE,
    }
)

#: Broadcast but never stored: a reconnecting listener cannot replay them.
LIVE_ONLY_EVENTS: frozenset[str] = frozenset(
    {
        CHAT_DELETED_MESSAGE,
        CHAT_JOINED,
        CHAT_LEFT,
        CHAT_NEW_MESSAGE,
        COMMENT_ACKNOWLEDGE,
        COMMENT_DELETE_REPLY,
        COMMENT_UNACKNOWLEDGE,
        MAIN_TEST,
        PREVIEW_ROOM_ADD_ANNOTATION,
        PREVIEW_ROOM_CHANGE_VERSION,
        PREVIEW_ROOM_COMPARISON_PANZOOM_CHANGED,
        PREVIEW_ROOM_PANZOOM_CHANGED,
        PREVIEW_ROOM_REMOVE_ANNOTATION,
        PREVIEW_ROOM_ROOM_PEOPLE_UPDATED,
        PREVIEW_ROOM_ROOM_UPDATED,
        PREVIEW_ROOM_UPDATE_ANNOTATION,
        TASK_UPDATE_CASTING_STATS,
    }
)

#: Review-room events, relayed to the members of a playlist's room only.
ROOM_EVENTS: frozenset[str] = frozenset(
    {
        PREVIEW_ROOM_ADD_ANNOTATION,
        PREVIEW_ROOM_CHANGE_VERSION,
        PREVIEW_ROOM_COMPARISON_PANZOOM_CHANGED,
        PREVIEW_ROOM_PANZOOM_CHANGED,
        PREVIEW_ROOM_REMOVE_ANNOTATION,
        PREVIEW_ROOM_ROOM_PEOPLE_UPDATED,
        PREVIEW_ROOM_ROOM_UPDATED,
        PREVIEW_ROOM_UPDATE_ANNOTATION,
    }
)
