"""KitsuFactory: test data made through the SDK (so through the fake's routes, events included),
with unique names, defaults for everything, and the parents created when not given."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, Optional

from .._core.refs import is_id

if TYPE_CHECKING:
    from .._client import KitsuClient
    from ..types import Asset, Episode, Person, Project, Sequence, Shot, Task

Row = dict[str, Any]


class KitsuFactory:
    """`factory.shot()` makes a project, an episode (tvshow), a sequence and a shot; pass the
    parents you have (`factory.shot(sequence=sq)`). Every method returns the dict the SDK gave.

    Args:
        client: the KitsuClient everything is created through (e.g. `fake.client`, the
            admin); its permissions apply.
    """

    def __init__(self, client: KitsuClient) -> None:
        self.client = client
        self._numbers = itertools.count(1)
        self._project: Optional[Project] = None

    def _name(self, prefix: str) -> str:
        return f"{prefix}{next(self._numbers):03d}"

    def project(self, name: Optional[str] = None, **options: Any) -> Project:
        """A new project (`production_type` "short" unless given); the first becomes the default
        parent of what the other methods create.

        Args:
            name: the project name; None: a unique one ("Project001", ...).
            **options: further arguments of `client.project.new_project` (`production_type`,
                `team`, `asset_types`, `task_types`, `production_style`, ...).
        """
        options.setdefault("production_type", "short")
        project: Project = self.client.project.new_project(name or self._name("Project"), **options)
        if self._project is None:
            self._project = project
        return project

    def default_project(self) -> Project:
        return self._project if self._project is not None else self.project()

    def episode(self, project: Any = None, name: Optional[str] = None) -> Episode:
        """A new episode.

        Args:
            project: the project (id or dict); None: the default project (the first one
                `project()` made, made now when there is none).
            name: the episode name; None: a unique one ("E001", ...).
        """
        project = project or self.default_project()
        episode: Episode = self.client.shot.new_episode(project, name or self._name("E"))
        return episode

    def sequence(
        self,
        project: Any = None,
        name: Optional[str] = None,
        episode: Any = None,
    ) -> Sequence:
        """A new sequence, in `episode` when given.

        Args:
            project: the project (id or dict); None: the episode's project when `episode` is
                given, else the default project.
            name: the sequence name; None: a unique one ("SQ001", ...).
            episode: the episode (a dict, for its `project_id`) to put it in; None: none.
        """
        if project is None and episode is not None:
            project = {"id": episode["project_id"]}
        project = project or self.default_project()
        sequence: Sequence = self.client.shot.new_sequence(
            project, name or self._name("SQ"), episode=episode
        )
        return sequence

    def shot(
        self,
        sequence: Any = None,
        name: Optional[str] = None,
        project: Any = None,
        **options: Any,
    ) -> Shot:
        """A new shot.

        Args:
            sequence: the sequence (a dict, or an id when `project` is given); None: a new
                sequence in `project`.
            name: the shot name; None: a unique one ("SH001", ...).
            project: the project (id or dict); None: the sequence's project.
            **options: further arguments of `client.shot.new_shot` (`nb_frames`, `frame_in`,
                `frame_out`, `description`, `data`).
        """
        if sequence is None:
            sequence = self.sequence(project)
        project = project or {"id": sequence["project_id"]}
        shot: Shot = self.client.shot.new_shot(
            project, sequence, name or self._name("SH"), **options
        )
        return shot

    def asset(
        self,
        project: Any = None,
        asset_type: Any = "Character",
        name: Optional[str] = None,
        **options: Any,
    ) -> Asset:
        """A new asset.

        Args:
            project: the project (id or dict); None: the default project.
            asset_type: the asset type: a dict, or a name, looked up and created when missing
                (default "Character").
            name: the asset name; None: a unique one ("Asset001", ...).
            **options: further arguments of `client.asset.new_asset` (`description`,
                `extra_data`, `episode`, `is_shared`).
        """
        project = project or self.default_project()
        if isinstance(asset_type, str):
            found = self.client.asset.get_asset_type_by_name(asset_type)
            asset_type = found or self.client.asset.new_asset_type(asset_type)
        asset: Asset = self.client.asset.new_asset(
            project, asset_type, name or self._name("Asset"), **options
        )
        return asset

    def task(
        self,
        entity: Any = None,
        task_type: Any = None,
        **options: Any,
    ) -> Task:
        """A task on `entity` (a new shot when None) of `task_type` (a dict, or a name; None:
        the first task type for that kind of entity).

        Args:
            entity: the shot or asset (a dict, its `type` picks the task types); None: a new
                shot made by `shot()`.
            task_type: a task type dict or id, or a name looked up among the task types for
                that kind of entity (LookupError when none matches); None: the first of them.
            **options: further arguments of `client.task.new_task` (`name`, `task_status`,
                `assigner`, `assignees`).
        """
        entity = entity or self.shot()
        for_entity = "Asset" if entity.get("type") == "Asset" else entity.get("type", "Shot")
        if task_type is None or (isinstance(task_type, str) and not is_id(task_type)):
            types = self.client.task.all_task_types()
            wanted = [
                t
                for t in types
                if t.get("for_entity") == for_entity
                and (task_type is None or t.get("name") == task_type)
            ]
            if not wanted:
                raise LookupError(f"no task type {task_type!r} for {for_entity}")
            task_type = wanted[0]
        task: Task = self.client.task.new_task(entity, task_type, **options)
        return task

    def person(
        self,
        role: str = "user",
        email: Optional[str] = None,
        password: Optional[str] = "secret-password",
        project: Any = None,
        **options: Any,
    ) -> Person:
        """A person with this role (admin, manager, supervisor, user, client, vendor) and a
        password, added to `project`'s team when given.

        Args:
            role: the global role: "admin", "manager", "supervisor", "user", "client" or
                "vendor"; also the default first name ("User") and e-mail prefix.
            email: the e-mail; None: a unique `<role><n>@example.com`.
            password: the password they log in with; None: none (they cannot log in).
            project: a project (id or dict) whose team they join; None: no team.
            **options: further arguments of `client.person.new_person` (`first_name` and
                `last_name` replace the defaults; `phone`, `desktop_login`, `departments`,
                `active`, `contract_type`).
        """
        number = next(self._numbers)
        person: Person = self.client.person.new_person(
            options.pop("first_name", role.capitalize()),
            options.pop("last_name", str(number)),
            email or f"{role}{number}@example.com",
            role=role,
            password=password,
            **options,
        )
        if project is not None:
            self.client.project.add_person_to_team(project, person)
        return person
