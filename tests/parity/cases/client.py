"""gazu.client: the host, the low-level verbs (get, post, fetch_all...), uploads and downloads."""

from __future__ import annotations

from cases import read, scenario, write

CASES = [
    read("client.build_path_with_params", "data/shots", {"name": "SH 010", "ids": ["a", "b"]}),
    read("client.build_path_with_params", "data/shots?x=1", {"y": 2}, label="query already"),
    read("client.build_path_with_params", "data/shots", {}, label="no params"),
    read("client.url_path_join", "data", "/projects/", "x/"),
    read("client.get_message_from_data", {"message": "Bad thing", "error": True}),
    read(
        "client.get_message_from_data",
        {"message": "Invalid", "data": {"errors": [{"field": "name", "message": "required"}]}},
        label="field errors",
    ),
    read("client.get_message_from_data", ["not a dict"], "fallback", label="default"),
    read("client.get_host"),
    read("client.get_api_url_from_host"),
    read("client.get_full_url", "data/projects"),
    read("client.get_event_host"),
    read("client.get_api_version"),
    read("client.get_current_user"),
    read("client.host_is_up"),
    read("client.host_is_valid"),
    read("client.make_auth_header"),
    read("client.create_client", "{host}"),
    read("client.get", "data/shots/{shots.0.id}"),
    read(
        "client.get", "data/shots", kw={"params": {"parent_id": "{sequences.0.id}"}}, label="params"
    ),
    read("client.get", "data/shots/{shots.0.id}", kw={"json_response": False}, label="text"),
    read("client.get", "data/shots/{missing_id}", label="unknown id"),
    read("client.get", "data/no-such-route", label="no such route"),
    read("client.fetch_all", "shots", {"parent_id": "{sequences.0.id}"}),
    read(
        "client.fetch_all",
        "tasks",
        {"project_id": "{project.id}"},
        kw={"paginated": True, "limit": 3},
        label="paginated",
    ),
    read(
        "client.fetch_all",
        "shots",
        {"project_id": "{project.id}"},
        kw={"paginated": True, "limit": 2},
        label="paginated, a route without pages",
    ),
    read(
        "client.fetch_all",
        "shots",
        {"project_id": "{project.id}"},
        kw={"fields": ["name", "nb_frames"]},
        label="fields",
    ),
    read("client.fetch_all", "assets", kw={"fields": "name"}, label="fields text, no params"),
    read("client.fetch_first", "shots", {"parent_id": "{sequences.0.id}"}),
    read("client.fetch_first", "shots", {"name": "no such shot"}, label="none"),
    read("client.fetch_one", "shots", "{shots.0.id}"),
    read("client.fetch_one", "shots", "{missing_id}", label="unknown id"),
    read(
        "client.get_file_data_from_url",
        "pictures/thumbnails/preview-files/{preview.id}.png",
    ),
    read(
        "client.download",
        "pictures/thumbnails/preview-files/{preview.id}.png",
        "{tmp}/client-thumbnail.png",
        files=("{tmp}/client-thumbnail.png",),
    ),
    read(
        "client.download",
        "pictures/thumbnails/preview-files/{missing_id}.png",
        "{tmp}/client-missing.png",
        files=("{tmp}/client-missing.png",),
        label="unknown id",
    ),
    *scenario(
        "client",
        write("client.create", "studios", {"name": "ST-{tag}", "color": "#101010"}, save="row"),
        write("client.update", "studios", "{row.id}", {"color": "#202020"}),
        write("client.put", "data/studios/{row.id}", {"color": "#303030"}),
        write(
            "client.post", "data/studios", {"name": "ST2-{tag}", "color": "#404040"}, save="row2"
        ),
        write("client.delete", "data/studios/{row2.id}"),
        write("client.delete", "data/studios/{row.id}", {"force": "true"}, label="params"),
        write("client.delete", "data/studios/{missing_id}", label="unknown id"),
        write("client.post", "data/studios", {"color": "#000000"}, label="invalid"),
        write(
            "client.upload",
            "pictures/thumbnails/projects/{sbx.project.id}",
            "{media.png}",
        ),
        write(
            "client.upload",
            "actions/tasks/{sbx.task.id}/comment",
            "{media.text}",
            kw={
                "data": {"task_status_id": "{statuses.wip.id}", "comment": "with data"},
                "extra_files": ["{media.png}"],
            },
            label="data and extra files",
        ),
        write(
            "client.upload",
            "pictures/thumbnails/projects/{sbx.project.id}",
            "{tmp}/none.png",
            label="no such file",
        ),
        write(
            "client.import_data",
            "entities",
            [
                {
                    "id": "{sbx.shots.0.id}",
                    "name": "SH010",
                    "project_id": "{sbx.project.id}",
                    "entity_type_id": "{sbx.shots.0.entity_type_id}",
                    "parent_id": "{sbx.shots.0.parent_id}",
                    "description": "imported",
                }
            ],
        ),
        write("client.set_event_host", "{host}"),
        write("client.set_host", "{host}"),
        write("client.get_host", label="after set_host"),
    ),
]
