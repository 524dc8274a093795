"""kitsu_sdk.custom_actions on real ids: what Kitsu would post for tasks of the local Zou parses
into ids the API answers for (examples/custom_action_receiver.py is tested in tests/examples)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from it_media import make_shot

from kitsu_sdk import KitsuClient
from kitsu_sdk.custom_actions import parse_custom_action


def test_a_post_of_real_tasks_parses_to_ids_the_api_knows(
    client: KitsuClient, project: dict[str, Any]
) -> None:
    task = make_shot(client, project)["task"]
    me = client.get_current_user()
    form = {
        "personid": me["id"], "personemail": me["email"], "projectid": project["id"],
        "currentpath": f"/productions/{project['id']}/shots", "currentserver": "127.0.0.1:8080",
        "selection": task["id"], "entitytype": "shot",
    }  # fmt: skip
    ajax = {
        "userid": me["id"], "useremail": me["email"], "productionid": project["id"],
        "originurl": "/my-tasks", "originserver": "127.0.0.1", "selection": [task["id"]],
        "entitytype": "shot",
    }  # fmt: skip
    posted = [
        parse_custom_action(urlencode(form).encode(), "application/x-www-form-urlencoded"),
        parse_custom_action(json.dumps(ajax).encode(), "application/json"),
    ]
    for request in posted:
        assert request.person_email == me["email"]
        (task_id,) = request.selection
        assert client.task.get_task(task_id)["project_id"] == request.project_id == project["id"]
        assert client.person.get_person(request.person_id)["id"] == me["id"]
    assert [r.ajax for r in posted] == [False, True]
