"""gazu.cache: the switches and the pure helpers (gazu's decorator itself takes a function)."""

from __future__ import annotations

from cases import read, scenario, write

CASES = [
    read("cache.get_cache_key", [], {}),
    read("cache.get_cache_key", ["a", 1], {}, label="args"),
    read("cache.get_cache_key", [], {"a": 1}, label="kwargs"),
    read("cache.get_cache_key", ["a"], {"b": 2}, label="both"),
    read("cache.get_value", {"k": {"value": [1, 2]}}, "k"),
    read("cache.remove_oldest_entry", {}, 10),
    read("cache.is_cache_enabled", {"enabled": True}),
    *scenario(
        "cache",
        write("cache.enable"),
        write("shot.get_shot", "{sbx.shots.0.id}", label="cached"),
        write("shot.get_shot", "{sbx.shots.0.id}", label="cached again"),
        write("cache.clear_all"),
        write("cache.disable"),
    ),
]
