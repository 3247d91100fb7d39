"""Every value of a plan, with its path and its audience.

The leak check reads this list: what a reader may not see must not appear
in what was built for them. Paths read as in the plan file:
`stakeholders[2].stance`, `conditions_of_satisfaction[0].our_commitments[1]`,
`financials.addressable_revenue.FY2027`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.audience.policy import Audience, PlanAudiences
from generator.model import Plan

#: Model attributes that are named differently in the plan file.
FILE_NAMES = {"with_": "with"}
#: Model attributes that are not plan values.
NOT_VALUES = frozenset({"audience", "extra", "format"})
#: Year maps kept beside their own `x_` keys in the model.
YEAR_MAP_EXTRAS = {"addressable_revenue": "addressable_revenue_extra"}


@dataclass(frozen=True)
class PlanValue:
    """One scalar of the plan: where it is, what it is, who may see it."""

    path: str
    value: Any
    audience: Audience


def plan_values(plan: Plan, audiences: PlanAudiences) -> Iterator[PlanValue]:
    """Every scalar value of `plan` with its audience, in file order."""
    for field in dataclasses.fields(plan):
        section = field.name
        value = getattr(plan, section)
        if section in NOT_VALUES or section == "satisfaction_extra":
            continue
        if section == "satisfaction":
            yield from _year_map(section, section, value, plan.satisfaction_extra,
                                 audiences, plan)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                yield from _object(section, f"{section}[{index}]", item, audiences)
        elif dataclasses.is_dataclass(value):
            yield from _object(section, section, value, audiences)
        else:
            yield PlanValue(section, value, audiences.policy.section_default(section))
    for key, extra_value in plan.extra:
        yield from _nested(key, extra_value, Audience.INTERNAL)  # keys at the top level


def _object(section: str, path: str, item: Any, audiences: PlanAudiences
            ) -> Iterator[PlanValue]:
    for field in dataclasses.fields(item):
        if field.name in NOT_VALUES or field.name.endswith("_extra"):
            continue
        name = FILE_NAMES.get(field.name, field.name)
        value = getattr(item, field.name)
        audience = audiences.field_audience(section, item, name)
        if name in YEAR_MAP_EXTRAS:
            extra = getattr(item, YEAR_MAP_EXTRAS[name])
            yield from _year_map(section, f"{path}.{name}", value, extra, audiences, item)
        elif dataclasses.is_dataclass(value):
            # account.parent: its fields share the parent field's audience
            for inner in _object(section, f"{path}.{name}", value, audiences):
                yield dataclasses.replace(inner, audience=inner.audience.narrower(audience))
        else:
            yield from _nested(f"{path}.{name}", value, audience)
    for key, value in item.extra:
        yield from _nested(f"{path}.{key}", value, audiences.field_audience(section, item, key))


def _year_map(section: str, path: str, years: tuple[tuple[str, Any], ...],
              extra: tuple[tuple[str, Any], ...], audiences: PlanAudiences, owner: Any
              ) -> Iterator[PlanValue]:
    name = path.rsplit(".", 1)[-1]
    audience = (audiences.field_audience(section, owner, name) if name != section
                else audiences.policy.section_default(section))
    for label, amount in years:
        yield PlanValue(f"{path}.{label}", amount, audience)
    for key, value in extra:
        own = audiences.policy.field_audience(section, key)
        yield from _nested(f"{path}.{key}", value, own.narrower(audience))


def _nested(path: str, value: Any, audience: Audience) -> Iterator[PlanValue]:
    """Scalars inside a value (an `x_` key may hold lists and mappings)."""
    if value is None or value == "" or value == ():
        return
    if isinstance(value, Mapping):
        for key, inner in value.items():
            yield from _nested(f"{path}.{key}", inner, audience)
    elif isinstance(value, list | tuple):
        for index, inner in enumerate(value):
            yield from _nested(f"{path}[{index}]", inner, audience)
    else:
        yield PlanValue(path, value, audience)
