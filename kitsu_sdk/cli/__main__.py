"""`python -m kitsu_sdk.cli`: the `kitsu` command."""

from . import main

main()
