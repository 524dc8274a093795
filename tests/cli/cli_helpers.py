"""Shared by the `kitsu` command's tests (`conftest` is ambiguous: tests/ has several)."""

from __future__ import annotations

from typing import Callable

from click.testing import Result

#: The `kitsu` fixture: runs `kitsu ARGS...` in-process, `env=` and `input=` as CliRunner takes.
Kitsu = Callable[..., Result]
