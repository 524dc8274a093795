"""gazu.search (Zou answers without an indexer too)."""

from __future__ import annotations

from cases import read

CASES = [
    read("search.search_entities", "Hero"),
    read(
        "search.search_entities",
        "SH0",
        kw={"project": "{project}", "entity_types": ["{asset_types.character}"]},
        label="filtered",
    ),
]
