"""The plan format's JSON Schema, for editors (e.g. the YAML language server) to check plans."""

from __future__ import annotations

from typing import Any

from transition_planner.plan.load import TABLE_KEYS
from transition_planner.plan.models import FORMAT_VERSION, Plan

# What a table file name may look like (JSON Schema regexes have no case-insensitive flag).
TABLE_FILE_PATTERN = r"\.([cC][sS][vV]|[xX][lL][sS][xXmM](#.+)?)$"


def plan_json_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema(mode="validation", by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"transition-planner plan, format version {FORMAT_VERSION}"
    # People, staff and carers may also be a CSV/XLSX file name beside the plan, as the loader
    # reads them: any case of .csv, .xlsx or .xlsm, a workbook's sheet after '#'.
    for key in TABLE_KEYS:
        prop = schema["properties"][key]
        schema["properties"][key] = {
            "anyOf": [
                {k: v for k, v in prop.items() if k not in {"default", "description", "title"}},
                {"type": "string", "pattern": TABLE_FILE_PATTERN},
            ],
            "description": prop.get("description", ""),
        }
    return schema
