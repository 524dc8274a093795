"""A project's file tree (the path templates of its working, output and preview files) and the
paths Zou renders from it for a task, an entity or an asset instance (public in `files`).

A file tree maps mode names to sections:

    {"working": {"mountpoint": "/mnt", "root": "productions",
                 "folder_path": {"shot": "<Project>/shots/<Sequence>/<Shot>/<TaskType>",
                                 "asset": "...", "style": "lowercase"},
                 "file_name": {"shot": "<Project>_<Shot>_<TaskType>", "style": "lowercase"}},
     "output": {...}}

Zou ships two (zou/app/file_trees/default.json and simple.json). The builders return what gazu
returns: Zou's folder and file name, spaces replaced by underscores, joined by `sep`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from .._core.call import Call, post, put
from .._core.errors import InvalidInputError
from .._core.op_cache import cached
from .._core.refs import Ref, echo, to_id, to_optional_id
from ..types import Project
from .file_args import element_count, file_name, mode_name, revision_number, separator, text

_SECTION_KEYS = ("mountpoint", "root")
_TEMPLATE_KEYS = ("folder_path", "file_name")


def _joined(folder: str, name: str, sep: str) -> str:
    """gazu's rendering of a path: folder and file name, spaces made underscores, joined."""
    return f"{folder.replace(' ', '_')}{sep}{name.replace(' ', '_')}"


def _path_of(answer: Any, folder_key: str, name_key: str, sep: str) -> str:
    return _joined(str(answer[folder_key]), str(answer[name_key]), sep)


@cached("project", "working-file")
def build_working_file_path(
    task: Ref,
    name: str = "main",
    mode: str = "working",
    software: Optional[Ref] = None,
    revision: int = 1,
    sep: str = "/",
) -> Call[str]:
    """The path (without extension) of a task's working file, rendered by Zou from the `mode`
    section of the project's file tree.

    Args:
        task: the task the file is made for.
        name: the file's name suffix (the tree's <Name> token).
        mode: the file tree section to use.
        software: the software the file is made with (<Software>); Zou uses 3ds Max if None.
        revision: the revision (<Version>); 0 lets Zou take the task's next one.
        sep: joins the folder and the file name. Zou 1.0.97 renders this route's folder with
            "/" (gazu's `separator` body key is not read by it), so the result is gazu's:
            the folder as Zou gives it, then `sep`, then the file name; new_working_file
            stores the same path.

    Raises:
        BadRequestError: the project has no file tree, or the tree lacks `mode` or a template
            for the task's entity kind.

    Calls: POST /data/tasks/{task_id}/working-file-path
    """
    task_id = to_id(task, "task")
    body: dict[str, Any] = {
        "mode": mode_name(mode),
        "name": file_name(name),
        "revision": revision_number(revision),
    }
    software_id = to_optional_id(software, "software")
    if software_id is not None:
        body["software_id"] = software_id
    sep = separator(sep)
    path = f"data/tasks/{task_id}/working-file-path"
    return post(path, body, then=lambda answer: _path_of(answer, "path", "name", sep))


def _output_path_body(
    output_type: Ref,
    task_type: Ref,
    name: str,
    mode: str,
    representation: str,
    revision: int,
    nb_elements: int,
    sep: str,
) -> dict[str, Any]:
    return {
        "task_type_id": to_id(task_type, "task type"),
        "output_type_id": to_id(output_type, "output type"),
        "mode": mode_name(mode),
        "name": file_name(name),
        "representation": text(representation, "representation"),
        "revision": revision_number(revision),
        "nb_elements": element_count(nb_elements),
        "separator": separator(sep),
    }


@cached("project", "output-file", "entity")
def build_entity_output_file_path(
    entity: Ref,
    output_type: Ref,
    task_type: Ref,
    name: str = "main",
    mode: str = "output",
    representation: str = "",
    revision: int = 0,
    nb_elements: int = 1,
    sep: str = "/",
) -> Call[str]:
    """The path (without extension) of an entity's output file, rendered by Zou from the `mode`
    section of the project's file tree.

    Args:
        entity: the asset, shot, sequence... the output belongs to.
        output_type: what the file holds (<OutputType>).
        task_type: the task type that makes it (<TaskType>).
        name: the output's name (<Name>, <OutputFile>).
        mode: the file tree section to use.
        representation: a free label such as the format ("abc"), the <Representation> token.
        revision: the revision (<Version>); 0 lets Zou take the next one for the file name.
        nb_elements: the number of files of an image sequence (Zou 1.0.97 does not add the
            `_[1-N]` suffix on this route; new_entity_output_file does).
        sep: the separator Zou puts between folders, and between the folder and the name.

    Raises:
        BadRequestError: no file tree, or no template for this mode and entity kind.

    Calls: POST /data/entities/{entity_id}/output-file-path
    """
    entity_id = to_id(entity, "entity")
    body = _output_path_body(
        output_type, task_type, name, mode, representation, revision, nb_elements, sep
    )
    path = f"data/entities/{entity_id}/output-file-path"
    sep = body["separator"]
    return post(path, body, then=lambda answer: _path_of(answer, "folder_path", "file_name", sep))


@cached("project", "output-file", "asset-instance", "asset")
def build_asset_instance_output_file_path(
    asset_instance: Ref,
    temporal_entity: Ref,
    output_type: Ref,
    task_type: Ref,
    name: str = "main",
    representation: str = "",
    mode: str = "output",
    revision: int = 0,
    nb_elements: int = 1,
    sep: str = "/",
) -> Call[str]:
    """The path (without extension) of an output file of an asset instance in a shot or a
    scene, rendered by Zou from the tree's `instance` (or `instance_asset`) templates.

    Args:
        asset_instance: the instance of an asset.
        temporal_entity: the shot or scene (or sequence) it appears in.
        output_type: what the file holds (<OutputType>).
        task_type: the task type that makes it (<TaskType>).
        name: the output's name (<Name>).
        representation: a free label such as the format (<Representation>).
        mode: the file tree section to use.
        revision: the revision (<Version>), used as given.
        nb_elements: the number of files of an image sequence (not read by Zou 1.0.97 here).
        sep: the separator Zou puts between folders, and between the folder and the name.

    Raises:
        BadRequestError: no file tree, or no instance template for this mode.

    Calls: POST /data/asset-instances/{asset_instance_id}/entities/{temporal_entity_id}/
    output-file-path
    """
    instance_id = to_id(asset_instance, "asset instance")
    entity_id = to_id(temporal_entity, "temporal entity")
    body = _output_path_body(
        output_type, task_type, name, mode, representation, revision, nb_elements, sep
    )
    path = f"data/asset-instances/{instance_id}/entities/{entity_id}/output-file-path"
    sep = body["separator"]
    return post(path, body, then=lambda answer: _path_of(answer, "folder_path", "file_name", sep))


def _checked_tree(file_tree: Any) -> dict[str, Any]:
    """The tree, when it has the shape Zou renders paths from (an empty dict clears it)."""
    if not isinstance(file_tree, Mapping):
        raise InvalidInputError(
            f"file_tree must be a dict of file tree sections, got {type(file_tree).__name__}"
        )
    for mode, section in file_tree.items():
        mode_name(mode)
        if not isinstance(section, Mapping):
            raise InvalidInputError(f"file_tree[{echo(mode)}] must be a dict")
        for key in _SECTION_KEYS:
            if not isinstance(section.get(key), str):
                raise InvalidInputError(f"file_tree[{echo(mode)}] needs a string {key!r}")
        for key in _TEMPLATE_KEYS:
            templates = section.get(key)
            if not isinstance(templates, Mapping) or not templates:
                raise InvalidInputError(
                    f"file_tree[{echo(mode)}][{key!r}] must be a dict of templates by entity kind"
                )
            for kind, template in templates.items():
                if not isinstance(template, str):
                    raise InvalidInputError(
                        f"file_tree[{echo(mode)}][{key!r}][{echo(kind)}] must be a string template"
                    )
    return dict(file_tree)


def update_project_file_tree(project: Ref, file_tree: Mapping[str, Any]) -> Call[Project]:
    """Set the file tree of a project (the templates the path builders render); returns the
    updated project.

    The tree is checked first: each section (mode) needs `mountpoint` and `root` strings and
    `folder_path` and `file_name` dicts of string templates (plus an optional `style`). An
    empty dict leaves the project without templates.

    Args:
        project: the project (id or dict).
        file_tree: the tree: per section (mode), `mountpoint` and `root` strings, `folder_path` and
            `file_name` template dicts.

    Calls: PUT /data/projects/{project_id}
    """
    project_id = to_id(project, "project")
    return put(f"data/projects/{project_id}", {"file_tree": _checked_tree(file_tree)})
