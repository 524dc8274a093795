"""The `kitsu` command line (`pip install 'kitsu_sdk[cli]'`): gazu-cli's twenty commands with
their names and options, and `events tail`, `publish`, `download`; `--json` on every listing.

Start-up stays fast: click is imported only here and each command's module on first use."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from typing import Optional

INSTALL_HINT = "kitsu: the command line needs click and rich: pip install 'kitsu_sdk[cli]'"


def main(argv: Optional[Sequence[str]] = None) -> None:
    """The `kitsu` console entry point: runs the command line and exits with its status (0, 1
    for an error the SDK raised, 2 for bad usage), as `kitsu ...` in a shell would.

    Args:
        argv: the arguments after `kitsu` (e.g. `["--json", "projects"]`); None: sys.argv's.
    """
    if importlib.util.find_spec("click") is None or importlib.util.find_spec("rich") is None:
        print(INSTALL_HINT, file=sys.stderr)
        raise SystemExit(1)
    from ._app import cli

    cli.main(args=list(argv) if argv is not None else None, prog_name="kitsu")


__all__ = ["INSTALL_HINT", "main"]
