"""Operations, one module per Zou noun: what each function sends and how the answer becomes its
result, written once and without I/O (see `_core/call.py`). The public modules (`kitsu_sdk.shot`,
...), the client-bound namespaces (`client.shot`) and the async ones (`aclient.shot`) are generated
from these by `scripts/gen_bindings.py`; `PUBLIC_MODULES` says which operation modules make up
each public module."""

from __future__ import annotations

#: public module -> the operation modules whose operations it holds, in order.
#: A private name (`_raw`) is generated as such and re-exported by a hand-written module
#: (kitsu_sdk.client); its namespace on the clients drops the underscore (`client.raw`).
PUBLIC_MODULES: dict[str, tuple[str, ...]] = {
    "_raw": ("raw",),
    "project": ("project", "budget", "metadata"),
    "shot": ("shot", "shot_exchange"),
    "scene": ("scene",),
    "asset": ("asset", "asset_exchange"),
    "casting": ("casting",),
    "task": ("task", "task_types", "task_time", "comment", "preview", "task_legacy"),
    "comment": ("comment", "preview"),
    "playlist": ("playlist",),
    "person": ("person",),
    "files": ("files", "working_files", "output_files", "output_types", "softwares", "file_tree"),
    "search": ("search",),
    "user": ("user", "user_filters"),
    "context": ("context",),
    "entity": ("entity",),
    "edit": ("edit",),
    "concept": ("concept",),
    "studio": ("studio",),
    "project_template": ("project_template",),
    "sync": ("sync", "sync_push"),
    "bulk": ("bulk",),
}
