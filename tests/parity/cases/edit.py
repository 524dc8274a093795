"""gazu.edit: edits of a production."""

from __future__ import annotations

from cases import read, scenario, write

CASES = [
    read("edit.all_edits_for_project", "{project}"),
    read("edit.all_previews_for_edit", "{edit}"),
    read("edit.get_edit", "{edit.id}"),
    read("edit.get_edit", "{missing_id}", label="unknown id"),
    read("edit.get_edit_by_name", "{project}", "Trailer"),
    read("edit.get_edit_by_name", "{project.id}", "nope", label="no such name"),
    read("edit.get_edit_url", "{edit}"),
    *scenario(
        "edits",
        write(
            "edit.new_edit",
            "{sbx.project}",
            "ED-{tag}",
            kw={"description": "an edit", "data": {"cut": 1}},
            save="e1",
        ),
        write("edit.new_edit", "{sbx.project.id}", "ED-{tag}", label="existing"),
        write("edit.new_edit", "{sbx.project}", "ED2-{tag}", save="e2", label="no episode"),
        write("edit.get_edit_url", "{e2}", label="no episode"),
        write("edit.update_edit", {"id": "{e1.id}", "description": "changed"}),
        write("edit.update_edit_data", "{e1}", {"cut": 2, "more": True}),
        write("edit.update_edit_data", "{e1.id}", label="no data"),
        write("edit.remove_edit", "{e1}"),
        write("edit.remove_edit", "{e2.id}", kw={"force": True}, label="force"),
        write(
            "edit.new_edit",
            "{sbx.project}",
            "ED3-{tag}",
            kw={"episode": "{sbx.episodes.0}"},
            save="e3",
            label="episode",
        ),
        write("edit.new_edit", "{sbx.project}", "ED3-{tag}", label="existing, episode elsewhere"),
        write("edit.get_edit_url", "{e3}", label="episode"),
    ),
]
