"""gazu.concept: concepts of a production."""

from __future__ import annotations

from cases import read, scenario, write

CASES = [
    read("concept.all_concepts"),
    read("concept.all_concepts_for_project", "{project}"),
    read("concept.all_previews_for_concept", "{concept}"),
    read("concept.get_concept", "{concept.id}"),
    read("concept.get_concept", "{missing_id}", label="unknown id"),
    read("concept.get_concept_by_name", "{project}", "Moodboard"),
    read("concept.get_concept_by_name", "{project.id}", "nope", label="no such name"),
    *scenario(
        "concepts",
        write(
            "concept.new_concept",
            "{sbx.project}",
            "C-{tag}",
            kw={"description": "a concept", "data": {"mood": "dark"}},
            save="c1",
        ),
        write("concept.new_concept", "{sbx.project.id}", "C-{tag}", label="existing"),
        write("concept.new_concept", "{sbx.project}", "C2-{tag}", save="c2", label="plain"),
        write("concept.update_concept", {"id": "{c1.id}", "description": "changed"}),
        write("concept.all_concepts_for_project", "{sbx.project}", label="after"),
        write("concept.remove_concept", "{c1}"),
        write("concept.remove_concept", "{c2.id}", kw={"force": True}, label="force"),
        write("concept.remove_concept", "{missing_id}", label="unknown id"),
        write(
            "concept.new_concept",
            "{sbx.project}",
            "C3-{tag}",
            kw={"entity_concept_links": ["{sbx.assets.0}"]},
            label="links",
        ),
    ),
]
