"""A plan's review is signed off by a sales manager other than its owner.

With a `people.yaml` at the repository root, `plan.reviewed_by` must be
someone whose role may sign off a review (`sales-manager` or
`standards-owner`: the owner's manager or another sales manager), and never
the plan's own owner. A reviewer who is not in the registry is reported by
`unknown-person` instead. Without a registry this rule does not run.

Passes (Zhou Min is a sales manager, Li Wei's manager):

```yaml
plan:
  owner: Li Wei
  reviewed_by: Zhou Min
```

Fails (Chen Hao is a technology specialist: no authority to sign off):

```yaml
plan:
  owner: Li Wei
  reviewed_by: Chen Hao
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "review-authority"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    registry = ctx.standards.people
    reviewer = plan.plan.reviewed_by
    if registry is None or reviewer is None:
        return
    path = ("plan", "reviewed_by")
    if reviewer == plan.plan.owner:
        yield Problem(RULE_ID, f"the plan is reviewed by its own owner ({reviewer}): "
                               "the owner's sales manager signs the review off", path)
        return
    person = registry.named(reviewer)
    if person is None or person.may_approve:
        return  # unknown people are unknown-person's to report
    owner = registry.named(plan.plan.owner)
    manager = registry.manager_of(owner) if owner is not None else None
    ask = f"ask {manager.name} (the owner's manager)" if manager is not None else \
        "ask the owner's sales manager"
    yield Problem(
        RULE_ID,
        f"the reviewer {reviewer} is {person.roles_text} in {registry.source}, not a "
        f"sales manager: only a sales manager or standards owner signs a review off; "
        f"{ask} to review the plan", path)


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="A sales manager other than the owner signs the plan's review off.",
    check=check,
    order=131,
    reads=("plan.owner", "plan.reviewed_by"),
)
