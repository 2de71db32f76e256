"""The plan format's JSON Schema, for editors (e.g. the YAML language server) to check plans."""

from __future__ import annotations

from typing import Any

from transition_planner.plan.models import FORMAT_VERSION, Plan


def plan_json_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema(mode="validation", by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"transition-planner plan, format version {FORMAT_VERSION}"
    # People and staff may also be a CSV/XLSX file name beside the plan.
    for key in ("people", "staff"):
        prop = schema["properties"][key]
        schema["properties"][key] = {
            "anyOf": [
                {k: v for k, v in prop.items() if k not in {"default", "description", "title"}},
                {"type": "string", "pattern": r"\.(csv|xlsx)$"},
            ],
            "description": prop.get("description", ""),
        }
    return schema
