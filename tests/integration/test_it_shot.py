"""kitsu_sdk.shot against the real Zou: TV-show (episode -> sequence -> shot) and feature-film
(sequence -> shot) projects, creation idempotence, data merges, removal, stats, CSV and OTIO."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from it_helpers import unique

from kitsu_sdk import KitsuClient, scene, shot
from kitsu_sdk.exception import BadRequestError, InvalidIdError, NotFoundError

MISSING = "00000000-0000-4000-8000-000000000000"


def word(prefix: str) -> str:
    """A unique name made of word characters only (what Zou's OTIO name patterns match)."""
    return f"{prefix}{uuid.uuid4().hex[:6].upper()}"


def add_shot_task(client: KitsuClient, project: dict[str, Any], entity: dict[str, Any]) -> Any:
    """Give a shot one task (of the first shot task type), through raw routes."""
    task_type = client.get("data/task-types", params={"for_entity": "Shot"})[0]
    client.post(
        f"data/projects/{project['id']}/settings/task-types", {"task_type_id": task_type["id"]}
    )
    path = f"actions/projects/{project['id']}/task-types/{task_type['id']}/shots/create-tasks"
    return client.post(path, [entity["id"]])


@pytest.fixture(scope="module")
def tv(client: KitsuClient, project: dict[str, Any]) -> dict[str, Any]:
    """One episode, two sequences and one shot with frames, in the TV-show project."""
    episode = shot.new_episode(project, unique("EP"), client=client)
    other_episode = shot.new_episode(project, unique("EP"), client=client)
    sequence = shot.new_sequence(project, "SQ01", episode, client=client)
    created = shot.new_shot(
        project,
        sequence,
        "SH010",
        nb_frames=24,
        frame_in=1001,
        frame_out=1024,
        description="wide",
        data={"fps": 24},
        client=client,
    )
    return {
        "episode": episode,
        "other_episode": other_episode,
        "sequence": sequence,
        "shot": created,
    }


def test_new_tv_project_has_an_e01_episode(client: KitsuClient, project: dict[str, Any]) -> None:
    # Zou creates "E01" with every TV-show project: new_episode("E01") returns it.
    existing = shot.get_episode_by_name(project, "E01", client=client)
    assert existing is not None
    assert shot.new_episode(project, "E01", client=client)["id"] == existing["id"]


def test_creation_is_idempotent_per_parent(
    client: KitsuClient, project: dict[str, Any], tv: dict[str, Any]
) -> None:
    episode, sequence, first = tv["episode"], tv["sequence"], tv["shot"]
    assert shot.new_episode(project, episode["name"], client=client)["id"] == episode["id"]
    again = shot.new_sequence(project, "SQ01", episode, client=client)
    assert again["id"] == sequence["id"]
    elsewhere = shot.new_sequence(project, "SQ01", tv["other_episode"], client=client)
    assert elsewhere["id"] != sequence["id"]
    assert elsewhere["parent_id"] == tv["other_episode"]["id"]
    # The existing shot comes back unchanged: the new frames and data are not applied. It is
    # gazu's lookup row (data/shots/all), with the project and sequence names.
    same = shot.new_shot(
        project, sequence, "SH010", frame_in=1, frame_out=2, data={"x": 1}, client=client
    )
    assert same["id"] == first["id"]
    assert same["data"] == {"fps": 24, "frame_in": 1001, "frame_out": 1024}
    assert (same["project_name"], same["sequence_name"]) == (project["name"], "SQ01")
    assert "project_name" not in first  # the POST answer of a new shot has no names
    # The lookup ignores case, as gazu's (Zou filters names with ILIKE): "sh010" is SH010.
    lower = shot.new_shot(project, sequence, "sh010", client=client)
    assert lower["id"] == first["id"]
    names = [row["name"].lower() for row in shot.all_shots_for_sequence(sequence, client=client)]
    assert names.count("sh010") == 1


def test_new_sequence_without_episode_finds_it_in_any_episode(
    client: KitsuClient, project: dict[str, Any]
) -> None:
    # As gazu: without an episode the lookup is project-wide, so the sequence of another
    # episode comes back instead of a second one made outside the episodes.
    first_episode = shot.new_episode(project, unique("EP"), client=client)
    second_episode = shot.new_episode(project, unique("EP"), client=client)
    name = unique("SQ")
    in_episode = shot.new_sequence(project, name, second_episode, client=client)
    assert in_episode["parent_id"] == second_episode["id"]
    found = shot.new_sequence(project, name, description="ignored", client=client)
    assert found["id"] == in_episode["id"]
    assert found["parent_id"] == second_episode["id"]
    assert found["description"] in (None, "")
    same_name = [
        row for row in shot.all_sequences_for_project(project, client=client) if row["name"] == name
    ]
    assert [row["id"] for row in same_name] == [in_episode["id"]]
    # With an episode, only that episode's sequences count: another one is made there.
    other = shot.new_sequence(project, name, first_episode, client=client)
    assert other["id"] != in_episode["id"] and other["parent_id"] == first_episode["id"]


def test_tv_listings_and_lookups(
    client: KitsuClient, project: dict[str, Any], tv: dict[str, Any]
) -> None:
    episode, sequence, created = tv["episode"], tv["sequence"], tv["shot"]
    assert episode["id"] in [
        row["id"] for row in shot.all_episodes_for_project(project, client=client)
    ]
    assert [row["id"] for row in shot.all_sequences_for_episode(episode, client=client)] == [
        sequence["id"]
    ]
    project_sequences = shot.all_sequences_for_project(project, client=client)
    assert {
        sequence["id"],
    } <= {row["id"] for row in project_sequences}
    assert len([row for row in project_sequences if row["name"] == "SQ01"]) == 2
    assert created["id"] in [
        row["id"] for row in shot.all_shots_for_episode(episode, client=client)
    ]
    assert created["id"] in [
        row["id"] for row in shot.all_shots_for_project(project, client=client)
    ]

    full = shot.get_shot(created["id"], client=client)
    assert full["episode_id"] == episode["id"]
    assert full["sequence_name"] == "SQ01"
    assert full["nb_frames"] == 24 and full["description"] == "wide"
    assert shot.get_sequence(sequence, client=client)["episode_id"] == episode["id"]
    assert shot.get_episode(episode["id"], client=client)["project_name"] == project["name"]

    assert (
        shot.get_episode_by_name(project, episode["name"].lower(), client=client)["id"]
        == episode["id"]
    )
    assert (
        shot.get_sequence_by_name(project, "SQ01", episode=episode, client=client)["id"]
        == sequence["id"]
    )
    assert shot.get_sequence_by_name(project, "sq01", client=client)["name"] == "SQ01"
    assert shot.get_shot_by_name(sequence, "SH010", client=client)["id"] == created["id"]
    assert shot.get_shot_by_name(sequence, "SH999", client=client) is None
    assert shot.get_episode_by_name(project, "no such episode", client=client) is None

    assert shot.get_episode_from_sequence(sequence, client=client)["id"] == episode["id"]
    assert shot.get_episode_from_sequence(sequence["id"], client=client)["id"] == episode["id"]
    assert shot.get_sequence_from_shot(created["id"], client=client)["id"] == sequence["id"]


def test_tv_web_urls(client: KitsuClient, project: dict[str, Any], tv: dict[str, Any]) -> None:
    root = f"{client.host}/productions/{project['id']}"
    episode_id = tv["episode"]["id"]
    assert shot.get_shot_url(tv["shot"], client=client) == (
        f"{root}/episodes/{episode_id}/shots/{tv['shot']['id']}/"
    )
    assert shot.get_sequence_url(tv["sequence"], client=client) == (
        f"{root}/episodes/{episode_id}/sequences/{tv['sequence']['id']}/"
    )
    assert shot.get_episode_url(tv["episode"], client=client) == (
        f"{root}/episodes/{episode_id}/shots"
    )
    assert shot.get_all_episodes_url(project, client=client) == f"{root}/episodes/"
    assert shot.get_all_sequences_url(project, client=client) == f"{root}/sequences/"


def test_feature_film_has_no_episode(client: KitsuClient, feature_project: dict[str, Any]) -> None:
    sequence = shot.new_sequence(feature_project, "SQ10", client=client)
    assert sequence["parent_id"] is None
    assert shot.new_sequence(feature_project, "SQ10", client=client)["id"] == sequence["id"]
    created = shot.new_shot(feature_project, sequence, "SH100", nb_frames=12, client=client)
    assert (
        shot.new_shot(feature_project, sequence["id"], "SH100", client=client)["id"]
        == created["id"]
    )
    assert shot.all_episodes_for_project(feature_project, client=client) == []
    assert [
        row["id"] for row in shot.all_sequences_for_project(feature_project, client=client)
    ] == [sequence["id"]]
    assert created["id"] in [
        row["id"] for row in shot.all_shots_for_project(feature_project, client=client)
    ]
    assert shot.get_shot(created, client=client)["episode_id"] is None
    assert shot.get_episode_from_sequence(sequence, client=client) is None
    assert shot.get_sequence_by_name(feature_project, "SQ10", client=client)["id"] == sequence["id"]
    root = f"{client.host}/productions/{feature_project['id']}"
    assert shot.get_shot_url(created, client=client) == f"{root}/shots/{created['id']}/"
    assert shot.get_sequence_url(sequence, client=client) == (f"{root}/sequences/{sequence['id']}/")


def test_data_updates_merge(
    client: KitsuClient, project: dict[str, Any], tv: dict[str, Any]
) -> None:
    created = shot.new_shot(
        project, tv["sequence"], unique("SH"), data={"camera": "A"}, client=client
    )
    updated = shot.update_shot_data(created, {"lens": 35}, client=client)
    assert updated["data"] == {"camera": "A", "lens": 35}
    assert shot.get_shot(created, client=client)["data"] == {"camera": "A", "lens": 35}

    sequence = shot.new_sequence(project, unique("SQ"), tv["episode"], client=client)
    shot.update_sequence_data(sequence, {"a": 1}, client=client)
    assert shot.update_sequence_data(sequence["id"], {"b": 2}, client=client)["data"] == {
        "a": 1,
        "b": 2,
    }
    episode = shot.new_episode(project, unique("EP"), client=client)
    shot.update_episode_data(episode, {"a": 1}, client=client)
    assert shot.update_episode_data(episode, {"a": 3}, client=client)["data"] == {"a": 3}


def test_whole_dict_updates(
    client: KitsuClient, project: dict[str, Any], tv: dict[str, Any]
) -> None:
    created = shot.new_shot(project, tv["sequence"], unique("SH"), data={"k": 1}, client=client)
    full = shot.get_shot(created, client=client)
    full["description"] = "edited"
    saved = shot.update_shot(full, client=client)
    assert saved["description"] == "edited"
    assert saved["data"] == {"k": 1}

    sequence = shot.new_sequence(project, unique("SQ"), tv["episode"], client=client)
    renamed = unique("SQ")
    assert (
        shot.update_sequence({"id": sequence["id"], "name": renamed}, client=client)["name"]
        == renamed
    )
    episode = shot.new_episode(project, unique("EP"), client=client)
    episode["description"] = "pilot"
    assert shot.update_episode(episode, client=client)["description"] == "pilot"
    with pytest.raises(BadRequestError, match="already exists"):
        shot.update_episode({"id": episode["id"], "name": tv["episode"]["name"]}, client=client)


def test_frame_range_helpers(
    client: KitsuClient, project: dict[str, Any], tv: dict[str, Any]
) -> None:
    created = shot.new_shot(
        project,
        tv["sequence"],
        unique("SH"),
        nb_frames=10,
        frame_in=1,
        frame_out=10,
        data={"note": "keep"},
        client=client,
    )
    assert shot.get_shot_frame_range(created, client=client) == {
        "frame_in": 1,
        "frame_out": 10,
        "nb_frames": 10,
        "fps": None,
    }
    saved = shot.set_shot_frame_range(created, 1001, 1048, fps=25, client=client)
    assert saved["nb_frames"] == 48
    assert saved["data"] == {"note": "keep", "frame_in": 1001, "frame_out": 1048, "fps": 25}
    assert shot.get_shot_frame_range(created["id"], client=client) == {
        "frame_in": 1001,
        "frame_out": 1048,
        "nb_frames": 48,
        "fps": 25.0,
    }


def test_remove_honours_force(client: KitsuClient, project: dict[str, Any]) -> None:
    episode = shot.new_episode(project, unique("EP"), client=client)
    sequence = shot.new_sequence(project, "SQ01", episode, client=client)
    with_task = shot.new_shot(project, sequence, "SH010", client=client)
    add_shot_task(client, project, with_task)
    plain = shot.new_shot(project, sequence, "SH020", client=client)

    shot.remove_shot(plain, client=client)
    with pytest.raises(NotFoundError):
        shot.get_shot(plain, client=client)

    shot.remove_shot(with_task, client=client)  # has a task: only canceled
    assert shot.get_shot(with_task, client=client)["canceled"] is True
    assert shot.restore_shot(with_task, client=client)["canceled"] is False

    with pytest.raises(BadRequestError, match="still linked"):
        shot.remove_sequence(sequence, client=client)
    with pytest.raises(BadRequestError, match="still linked"):
        shot.remove_episode(episode, client=client)
    shot.remove_shot(with_task, force=True, client=client)
    with pytest.raises(NotFoundError):
        shot.get_shot(with_task, client=client)

    shot.new_shot(project, sequence, "SH030", client=client)
    shot.remove_sequence(sequence, force=True, client=client)
    with pytest.raises(NotFoundError):
        shot.get_sequence(sequence, client=client)
    shot.new_sequence(project, "SQ02", episode, client=client)
    shot.remove_episode(episode, force=True, client=client)
    with pytest.raises(NotFoundError):
        shot.get_episode(episode, client=client)


def test_stats_and_with_tasks(
    client: KitsuClient, project: dict[str, Any], tv: dict[str, Any]
) -> None:
    episode = shot.new_episode(project, unique("EP"), client=client)
    sequence = shot.new_sequence(project, "SQ01", episode, client=client)
    created = shot.new_shot(project, sequence, "SH010", nb_frames=10, client=client)
    task = add_shot_task(client, project, created)[0]

    stats = shot.get_episode_stats(project, client=client)
    counts = stats[episode["id"]][task["task_type_id"]][task["task_status_id"]]
    assert counts["count"] == 1 and counts["frames"] == 10
    retakes = shot.get_episode_retake_stats(project, client=client)
    assert retakes[episode["id"]][task["task_type_id"]]["other"]["count"] == 1

    episodes = shot.all_episodes_with_tasks(project, client=client)
    assert episode["id"] in [row["id"] for row in episodes]
    sequences = shot.all_sequences_with_tasks(project, episode, client=client)
    assert [row["id"] for row in sequences] == [sequence["id"]]
    shots = shot.all_shots_with_tasks(project, episode, client=client)
    assert [row["id"] for row in shots] == [created["id"]]
    assert [t["id"] for t in shots[0]["tasks"]] == [task["id"]]
    assert shot.all_previews_for_shot(created, client=client) == {}


def test_asset_instances_of_a_shot(
    client: KitsuClient, project: dict[str, Any], tv: dict[str, Any]
) -> None:
    asset_type = client.get("data/asset-types")[0]
    asset = client.post(
        f"data/projects/{project['id']}/asset-types/{asset_type['id']}/assets/new",
        {"name": unique("chr")},
    )
    a_scene = scene.new_scene(project, tv["sequence"], unique("SC"), client=client)
    instance = scene.new_scene_asset_instance(a_scene, asset, client=client)
    linked = shot.add_asset_instance_to_shot(tv["shot"], instance, client=client)
    assert linked["id"] == tv["shot"]["id"]
    found = shot.get_asset_instances_for_shot(tv["shot"], client=client)
    assert [row["id"] for row in found[asset["id"]]] == [instance["id"]]
    assert shot.all_asset_instances_for_shot(tv["shot"]["id"], client=client) == found
    shot.remove_asset_instance_from_shot(tv["shot"], instance, client=client)
    assert shot.get_asset_instances_for_shot(tv["shot"], client=client) == {}


def test_csv_import_and_export(
    client: KitsuClient, project: dict[str, Any], feature_project: dict[str, Any], tmp_path: Path
) -> None:
    sequence_name = unique("SQ")
    source = tmp_path / "shots.csv"
    source.write_text(
        "Sequence,Name,Description,Nb Frames,Frame In,Frame Out\n"
        f"{sequence_name},SH900,imported,24,1001,1024\n"
        f"{sequence_name},SH910,,12,1025,1036\n"
    )
    created = shot.import_shots_with_csv(feature_project, str(source), client=client)
    assert sorted(row["name"] for row in created) == ["SH900", "SH910"]
    sequence = shot.get_sequence_by_name(feature_project, sequence_name, client=client)
    first = shot.get_shot_by_name(sequence, "SH900", client=client)
    assert first["nb_frames"] == 24 and first["data"] == {"frame_in": 1001, "frame_out": 1024}

    source.write_text(f"Sequence,Name,Description\n{sequence_name},SH900,changed\n")
    shot.import_shots_with_csv(feature_project, str(source), client=client, update=True)
    assert shot.get_shot(first, client=client)["description"] == "changed"

    bad = tmp_path / "bad.csv"
    bad.write_text("Sequence,Name\n,SH1\n")
    with pytest.raises(BadRequestError, match="Sequence cannot be empty"):
        shot.import_shots_with_csv(feature_project, str(bad), client=client)

    exported = tmp_path / "export.csv"
    assert shot.export_shots_with_csv(feature_project, str(exported), client=client) == str(
        exported
    )
    lines = exported.read_text().splitlines()
    assert lines[0].startswith("Project;Episode;Sequence;Name;Description")
    assert any(f";{sequence_name};SH900;changed;" in line for line in lines)

    episode_name = unique("EP")
    source.write_text(f"Episode,Sequence,Name\n{episode_name},SQ01,SH010\n")
    shot.import_shots_with_csv(project, str(source), client=client)
    episode = shot.get_episode_by_name(project, episode_name, client=client)
    assert episode is not None
    shot.export_shots_with_csv(project, str(exported), episode=episode, client=client)
    rows = exported.read_text().splitlines()[1:]
    assert len(rows) == 1 and f";{episode_name};SQ01;SH010;" in rows[0]


def edl(*clips: str) -> str:
    """A CMX 3600 EDL with one second (25 fps) then 1.5 s clips."""
    lines = ["TITLE: cut", "FCM: NON-DROP FRAME", ""]
    spans = [("00:00:00:00", "00:00:01:00"), ("00:00:01:00", "00:00:02:12")]
    for number, (name, (start, end)) in enumerate(zip(clips, spans), start=1):
        lines += [
            f"{number:03d}  AX       V     C        {start} {end} {start} {end}",
            f"* FROM CLIP NAME: {name}",
            "",
        ]
    return "\n".join(lines)


def test_import_otio(
    client: KitsuClient, project: dict[str, Any], feature_project: dict[str, Any], tmp_path: Path
) -> None:
    sequence_name = word("SQ")
    cut = tmp_path / "cut.edl"
    cut.write_text(edl(f"{sequence_name}-SH100", f"{sequence_name}-SH110"))
    convention = "${sequence_name}-${shot_name}"

    first = shot.import_otio(feature_project, str(cut), naming_convention=convention, client=client)
    assert sorted(row["name"] for row in first["created_shots"]) == ["SH100", "SH110"]
    assert first["updated_shots"] == []
    sequence = shot.get_sequence_by_name(feature_project, sequence_name, client=client)
    sh110 = shot.get_shot_by_name(sequence, "SH110", client=client)
    assert sh110["data"] == {"frame_in": 25, "frame_out": 61}
    again = shot.import_otio(feature_project, str(cut), naming_convention=convention, client=client)
    assert sorted(row["name"] for row in again["updated_shots"]) == ["SH100", "SH110"]

    episode = shot.new_episode(project, word("EP"), client=client)
    result = shot.import_otio(
        project,
        str(cut),
        episode=episode,
        naming_convention=convention,
        match_case=False,
        client=client,
    )
    assert len(result["created_shots"]) == 2
    assert {row["name"] for row in shot.all_shots_for_episode(episode, client=client)} == {
        "SH100",
        "SH110",
    }
    # A TV show needs the episode: only Zou knows the project's type.
    with pytest.raises(BadRequestError, match="Episode"):
        shot.import_otio(project, str(cut), naming_convention=convention, client=client)


def test_zou_errors_surface(
    client: KitsuClient,
    project: dict[str, Any],
    feature_project: dict[str, Any],
    tv: dict[str, Any],
) -> None:
    with pytest.raises(NotFoundError):
        shot.new_sequence(project, "SQX", MISSING, client=client)
    other_sequence = shot.new_sequence(feature_project, unique("SQ"), client=client)
    with pytest.raises(NotFoundError):  # the sequence belongs to another project
        shot.new_shot(project, other_sequence, "SH1", client=client)
    with pytest.raises(NotFoundError):
        shot.get_shot(MISSING, client=client)
    with pytest.raises(InvalidIdError):
        shot.new_shot(project, None, "SH1", client=client)
