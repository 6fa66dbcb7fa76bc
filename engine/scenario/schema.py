"""The JSON Schema of scenario files, for editors (`wargame schema`)."""
from __future__ import annotations

from typing import Any

from engine.scenario.model import ScenarioModel

SCHEMA_ID = "https://wargame.invalid/schema/scenario-1.json"


def scenario_schema() -> dict[str, Any]:
    schema = ScenarioModel.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Wargame scenario (format 1)"
    props = schema.get("properties", {})
    # Included parts may be given as a file name in the scenario's folder.
    from engine.scenario.document import INCLUDABLE

    for key in INCLUDABLE:
        if key in props:
            original = props[key]
            props[key] = {"anyOf": [original, {"type": "string", "pattern": r"\.ya?ml$", "description": "a file in the scenario's folder holding this part"}],
                          "description": original.get("description", "")}
    return schema
