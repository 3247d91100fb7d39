"""A marked plan: the spec's example with a unique marker in every value the
customer may not see, and a throw-away plan repository to build it in.

Every free-text value whose audience is internal or restricted gets a
marker (`zq017zq`) appended; every section and item gets an `x_note` holding
one; a COS marked `audience: internal` and an action tied to it are added,
and one stakeholder is marked `audience: restricted`.
Values the schema fixes (stance, stage, dates, amounts) cannot carry a
marker: the tests check those by their exact words and digits instead.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.audience.policy import Audience, PlanAudiences
from generator.audience.values import PlanValue, plan_values
from generator.model import Plan, build_plan
from generator.standards.config import load_standards
from tests.support import EXAMPLE
from tests.support.site_projects import make_project

SECRET_COS = {
    "id": "cos-secret", "title": "Merge the two dispatch centres", "status": "agreed",
    "agreed_on": dt.date(2026, 10, 1), "customer_owner": "Zhang Ming", "our_owner": "Li Wei",
    "customer_commitments": ["Share the reorganisation plan"],
    "our_commitments": ["Size the consolidation"],
    "success_measures": ["One dispatch centre by 2028"],
    "audience": "internal",
}
SECRET_ACTION = {"id": "act-secret", "what": "Draft the consolidation sizing", "owner": "Li Wei",
                 "due": dt.date(2027, 1, 15), "status": "open", "cos": "cos-secret"}


@dataclass(frozen=True)
class MarkedPlan:
    """The marked plan's text, typed plan, and each marker's field and audience."""

    text: str
    plan: Plan
    markers: dict[str, PlanValue]

    def markers_for(self, *audiences: Audience) -> dict[str, PlanValue]:
        return {m: v for m, v in self.markers.items() if v.audience in audiences}

    def values(self) -> list[PlanValue]:
        return list(plan_values(self.plan, PlanAudiences(self.plan, load_standards(None)
                                                         .audiences)))


def _keys(path: str) -> list[str | int]:
    keys: list[str | int] = []
    for part in path.replace("]", "").replace("[", ".").split("."):
        keys.append(int(part) if part.isdigit() else part)
    return keys


def _is_free_text(keys: list[str | int]) -> bool:
    text = resources.files("generator.schema").joinpath("plan.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    for key in keys:
        if isinstance(key, int):
            schema = schema.get("items", {})
        else:
            schema = schema.get("properties", {}).get(key, {})
    return (schema.get("type") == "string" and "enum" not in schema and "$ref" not in schema
            and "pattern" not in schema)


def _set(data: Any, keys: list[str | int], value: Any) -> None:
    for key in keys[:-1]:
        data = data[key]
    data[keys[-1]] = value


def _with_notes(data: Any, counter: Iterator[int]) -> None:
    """An `x_note` with a marker on the plan, every section object and every item."""
    data["x_note"] = f"zq{next(counter):03d}zq"
    for value in data.values():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict):
                item["x_note"] = f"zq{next(counter):03d}zq"
    data["account"]["parent"]["x_note"] = f"zq{next(counter):03d}zq"


def make_marked_plan() -> MarkedPlan:
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    data["conditions_of_satisfaction"].append(dict(SECRET_COS))
    data["actions"].append(dict(SECRET_ACTION))
    data["stakeholders"][2]["audience"] = "restricted"  # Sun Li: the whole person
    counter = iter(range(1, 10_000))
    _with_notes(data, counter)
    policy = load_standards(None).audiences
    plan = build_plan(data)
    for value in plan_values(plan, PlanAudiences(plan, policy)):
        keys = _keys(value.path)
        # act-secret stays tied to cos-secret, so it is internal because its COS is
        if (value.audience is not Audience.CUSTOMER and isinstance(value.value, str)
                and not value.path.split(".")[-1].startswith("x_") and _is_free_text(keys)
                and value.value != SECRET_ACTION["cos"]):
            _set(data, keys, f"{value.value} zq{next(counter):03d}zq")
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    plan = build_plan(yaml.safe_load(text))
    markers = {}
    for value in plan_values(plan, PlanAudiences(plan, policy)):
        if isinstance(value.value, str) and "zq" in value.value:
            marker = value.value[value.value.rindex("zq", 0, -2) :]
            markers[marker] = value
    return MarkedPlan(text=text, plan=plan, markers=markers)


@pytest.fixture(scope="session")
def marked_plan() -> MarkedPlan:
    return make_marked_plan()


def make_repository(root: Path, plans: dict[str, str]) -> Path:
    """A plan repository at `root` (the project's mkdocs.yml, docs/, standards.yaml)
    holding `plans` (account id → plan text); its root."""
    sources = root.parent / f"{root.name}-plans"
    sources.mkdir(parents=True, exist_ok=True)
    for account_id, text in plans.items():
        (sources / f"{account_id}.yaml").write_text(text, "utf-8")
    return make_project(root, sorted(sources.iterdir())).parent


@pytest.fixture
def marked_repository(tmp_path: Path, marked_plan: MarkedPlan) -> Path:
    return make_repository(tmp_path / "repo", {"jinghua-grid": marked_plan.text})


@pytest.fixture(scope="session")
def repository() -> Callable[[Path, dict[str, str]], Path]:
    """`make_repository`, for fixtures of a wider scope than a test."""
    return make_repository
