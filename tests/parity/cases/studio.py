"""gazu.studio: studios (gazu has no new_studio: the scenario makes one with client.create)."""

from __future__ import annotations

from cases import read, scenario, write

CASES = [
    read("studio.all_studios"),
    read("studio.get_studio", "{studio.id}"),
    read("studio.get_studio", "{missing_id}", label="unknown id"),
    read("studio.get_studio_by_name", "{studio.name}"),
    read("studio.get_studio_by_name", "nope", label="no such name"),
    *scenario(
        "studios",
        write(
            "client.create",
            "studios",
            {"name": "S-{tag}", "color": "#123456"},
            save="st",
            label="for studio",
        ),
        write("studio.update_studio", {"id": "{st.id}", "color": "#654321"}),
        write("studio.get_studio_by_name", "S-{tag}", label="after"),
        write("studio.remove_studio", "{st}"),
        write(
            "client.create",
            "studios",
            {"name": "S2-{tag}", "color": "#112233"},
            save="st2",
            label="for studio",
        ),
        write("studio.remove_studio", "{st2.id}", kw={"force": True}, label="force"),
        write("studio.remove_studio", "{missing_id}", label="unknown id"),
    ),
]
