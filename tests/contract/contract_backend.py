"""The two backends of the contract suite (imported by name: `from contract_backend import
Backend`; a module named conftest would clash with the other test folders' conftest files)."""

from __future__ import annotations

import os
import uuid
from typing import Any, Optional

import pytest

import kitsu_sdk
from kitsu_sdk import KitsuClient

BACKENDS = [
    pytest.param("fake", id="fake"),
    pytest.param("zou", id="zou", marks=pytest.mark.integration),
]
PASSWORD = "contract-Secret-1"


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"integration server unavailable in CI: {reason}", pytrace=False)
    pytest.skip(f"no Kitsu server: {reason} (run: bash scripts/run-tests.sh)")


class Backend:
    """One server the suite talks to, with an admin client that is also the default client."""

    def __init__(
        self, name: str, host: str, event_host: str, email: str, password: str, fake: Any = None
    ) -> None:
        self.name = name
        self.host = host
        self.event_host = event_host
        self.admin_email = email
        self.admin_password = password
        self.fake = fake
        self.client = self.new_client()
        self.client.log_in(email, password)
        self.projects: list[dict[str, Any]] = []
        self.persons: list[dict[str, Any]] = []

    def new_client(self) -> KitsuClient:
        client = KitsuClient(self.host)
        client.set_event_host(self.event_host)
        return client

    @staticmethod
    def unique(prefix: str = "ct") -> str:
        return f"{prefix}-{uuid.uuid4().hex[:8]}"

    def project(self, production_type: str = "tvshow", **kwargs: Any) -> dict[str, Any]:
        made = kitsu_sdk.project.new_project(
            self.unique("contract"), production_type, client=self.client, **kwargs
        )
        self.projects.append(made)
        return made

    def person(
        self, role: str = "user", project: Optional[dict[str, Any]] = None
    ) -> tuple[dict[str, Any], KitsuClient]:
        """A new person with this role (user = artist), in `project`'s team when given, and a
        client logged in as them."""
        email = f"{self.unique(role)}@example.com"
        person = kitsu_sdk.person.new_person(
            "Contract", role.title(), email, role=role, password=PASSWORD, client=self.client
        )
        self.persons.append(person)
        if project is not None:
            kitsu_sdk.project.add_person_to_team(project, person, client=self.client)
        client = self.new_client()
        client.log_in(email, PASSWORD)
        return person, client

    def close(self) -> None:
        if self.name == "zou":
            for person in self.persons:  # inactive persons do not count against USER_LIMIT
                self.client.put(f"data/persons/{person['id']}", {"active": False})
            closed = self.client.get("data/project-status", params={"name": "Closed"})
            for project in self.projects:
                if closed:
                    self.client.put(
                        f"data/projects/{project['id']}", {"project_status_id": closed[0]["id"]}
                    )
        self.client.close()


def zou_backend() -> Backend:
    host = os.environ.get("KITSU_HOST")
    if not host:
        _missing("KITSU_HOST is not set")
    probe = KitsuClient(str(host))
    if not probe.host_is_valid():
        _missing(f"{host} does not answer like Zou")
    probe.close()
    return Backend(
        "zou",
        str(host),
        os.environ.get("KITSU_EVENT_HOST", str(host)),
        os.environ.get("KITSU_LOGIN", ""),
        os.environ.get("KITSU_PASSWORD", ""),
    )
