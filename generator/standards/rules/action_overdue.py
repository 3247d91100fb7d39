"""Open actions are not overdue.

An action that is still open (or blocked) after its `due` date needs a
decision: finish it, mark it done, or agree a new date with its owner.

Passes (as of 2026-11-27):

```yaml
actions:
  - id: act-tco
    what: Run the TCO study for the cost COS
    owner: Li Wei
    due: 2026-12-20
    status: open
```

Fails (as of 2026-11-27, due at the end of October and still open):

```yaml
actions:
  - id: act-tco
    what: Run the TCO study for the cost COS
    owner: Li Wei
    due: 2026-10-31
    status: open
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "action-overdue"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    for index, action in enumerate(plan.actions):
        if action.is_open and action.due < ctx.as_of:
            yield Problem(
                RULE_ID,
                f"action `{action.id}` ({action.owner}) was due on {action.due.isoformat()} "
                f"and is still {action.status}: finish it and mark it done, or agree a new "
                "due date",
                ("actions", index, "due"),
                action.id,
            )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.WARNING,
    summary="Open actions are not overdue.",
    check=check,
    reads=("actions[].status", "actions[].due"),
    per_item=True,
    order=119,
)
