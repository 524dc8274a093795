"""gazu.helpers: pure helpers, and download_file."""

from __future__ import annotations

from cases import read

CASES = [
    read("helpers.normalize_model_parameter", "{shots.0.id}"),
    read("helpers.normalize_model_parameter", {"id": "x", "name": "kept"}, label="dict"),
    read("helpers.normalize_model_parameter", None, label="none"),
    read("helpers.normalize_model_parameter", "SH010", label="a name"),
    read("helpers.normalize_list_of_models_for_links", ["{shots.0}", "{shots.1.id}"]),
    read("helpers.normalize_list_of_models_for_links", "{shots.0}", label="one"),
    read("helpers.normalize_list_of_models_for_links", label="none"),
    read("helpers.sanitize_filename", " a/b:c..d?.png "),
    read("helpers.validate_date_format", "2024-03-05"),
    read("helpers.validate_date_format", "2024-03-05T10:11:12", label="datetime"),
    read("helpers.validate_date_format", "05/03/2024", label="bad"),
    read(
        "helpers.download_file",
        "{host}/",
        "{tmp}/index.json",
        files=("{tmp}/index.json",),
    ),
    read("helpers.download_file", "{host}/data/projects", "{tmp}/denied.json", label="denied"),
]
