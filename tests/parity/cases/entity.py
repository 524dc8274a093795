"""gazu.entity: any entity, entity types."""

from __future__ import annotations

from cases import read, scenario, write

CASES = [
    read("entity.all_entities"),
    read("entity.all_entity_types"),
    read("entity.all_entities_with_tasks_linked_to_entity", "{assets.0}"),
    read("entity.get_entity", "{shots.0.id}"),
    read("entity.get_entity", "{missing_id}", label="unknown id"),
    read("entity.get_entity_by_name", "SH010", "{project}"),
    read("entity.get_entity_by_name", "nope-parity", label="no such name"),
    read("entity.get_entity_type", "{asset_types.character.id}"),
    read("entity.get_entity_type_by_name", "Shot"),
    read("entity.get_entity_type_by_name", "nope", label="no such name"),
    read("entity.guess_from_path", "{project.id}", "/parity/work/{project.name}/shots/sq01/sh010"),
    read(
        "entity.guess_from_path",
        "{project.id}",
        "parity\\work\\x",
        kw={"sep": "\\"},
        label="sep",
    ),
    *scenario(
        "entities",
        write("entity.new_entity_type", "ET-{tag}", save="entity_type"),
        write("entity.get_entity_type_by_name", "ET-{tag}", label="after"),
        write("entity.remove_entity_type", "{entity_type}"),
        write("shot.new_episode", "{sbx.project}", "EX-{tag}", save="ep1", label="for entity"),
        write("shot.new_episode", "{sbx.project}", "EX2-{tag}", save="ep2", label="for entity"),
        write("shot.new_episode", "{sbx.project}", "EX3-{tag}", save="ep3", label="for entity"),
        write("entity.remove_entity", "{ep1}"),
        write("entity.remove_entity", "{ep2.id}", kw={"force": True}, label="force"),
        write("entity.remove_entities", "{sbx.project}", ["{ep3}"], kw={"force": True}),
        write("entity.remove_entities", "{sbx.project}", [], label="none"),
        write("entity.remove_entity", "{missing_id}", label="unknown id"),
    ),
]
