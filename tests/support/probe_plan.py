"""A probe plan: the spec's example plan with hostile markup in every text field.

Every free-text value the schema allows (a string with no enum, pattern or
reference to a typed definition) is replaced by markup that, if any output
channel let it through as HTML, would run script that records the field's
path in `window.__planbook_probe`. Own keys (`x_…`) carry hostile markup in
their names and values at the top, in a section and in a list item. The
account id stays a slug (the schema allows nothing else there) and carries
the search word `PROBE_WORD`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from generator.loader import load_yaml_file
from tests.support import EXAMPLE as EXAMPLE_PLAN
from tests.support import REPO

SCHEMA = REPO / "generator" / "schema" / "plan.schema.json"
PROBE_WORD = "zqprobe"
PROBE_ID = f"{PROBE_WORD}-bank"
RAN = "window.__planbook_probe"


def hostile(where: str) -> str:
    """Markup that records `where` in the browser if it is ever run as HTML.

    Short enough (under 200 characters) for the schema's name limit.
    """
    return (f"{PROBE_WORD} <img src=x onerror=\"{RAN}='{where[-40:]}'\">"
            f"<script>{RAN}='script'</script><svg onload=\"{RAN}='svg'\"></svg>")


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str):
        return {**schema["$defs"][ref.rsplit("/", 1)[1]], **{k: v for k, v in node.items()
                                                               if k != "$ref"}}
    return node


def _is_free_text(node: dict[str, Any]) -> bool:
    return (node.get("type") == "string" and "enum" not in node and "pattern" not in node
            and node.get("format") is None)


def _replace(schema: dict[str, Any], node: dict[str, Any], value: Any, path: str) -> Any:
    node = _resolve(schema, node)
    if isinstance(value, dict):
        properties = node.get("properties", {})
        extra = node.get("additionalProperties")
        return {key: _replace(schema, properties.get(key, extra if isinstance(extra, dict)
                                                     else {}), item, f"{path}.{key}")
                for key, item in value.items()}
    if isinstance(value, list):
        items = node.get("items", {})
        return [_replace(schema, items, item, f"{path}[{index}]")
                for index, item in enumerate(value)]
    if isinstance(value, str) and _is_free_text(node):
        text = hostile(path)
        if len(text) > node.get("maxLength", len(text)):   # tags: a shorter probe
            text = f"{PROBE_WORD} <img src=x onerror=\"{RAN}='{path[-20:]}'\">"
        return text
    return value


def probe_plan() -> dict[str, Any]:
    """The example plan, poisoned: every free-text value hostile, hostile own keys added."""
    schema = json.loads(SCHEMA.read_text("utf-8"))
    data = load_yaml_file(EXAMPLE_PLAN).data
    assert isinstance(data, dict)
    plan: dict[str, Any] = _replace(schema, schema, data, "")
    plan["account"]["id"] = PROBE_ID
    plan["waivers"] = []   # the example's waiver names people the probe renamed
    own_key = 'x_<img src=x onerror="{}">'.format(f"{RAN}=1")
    plan[own_key] = hostile("x_top")
    plan["account"][own_key] = hostile("x_account")
    plan["opportunities"][0][own_key] = hostile("x_opportunity")
    return plan


def free_text_paths() -> list[str]:
    """Where the probe put hostile text (for tests that check each one shows)."""
    paths: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and value.startswith(PROBE_WORD + " <img"):
            paths.append(value.split("='", 1)[1].split("'", 1)[0])

    walk(probe_plan())
    return paths


def write_probe_plan(folder: Path) -> Path:
    """The probe plan written as `<folder>/<id>.yaml`; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{PROBE_ID}.yaml"
    path.write_text(yaml.safe_dump(probe_plan(), allow_unicode=True, sort_keys=False),
                    "utf-8")
    return path
