"""Subsidiaries of a global group name the HQ team's account manager.

When an account belongs to a global group (`account.parent`), decisions and
agreements are often made at the headquarters. The plan names the global
account manager we work with there (`parent.global_account_manager`).

Passes:

```yaml
account:
  parent:
    name: Jinghua Energy Group
    global_account_manager: Sarah Klein
```

Fails (nobody on the HQ side):

```yaml
account:
  parent:
    name: Jinghua Energy Group
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "hq-collaboration"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    parent = plan.account.parent
    if parent is not None and parent.global_account_manager is None:
        yield Problem(
            RULE_ID,
            f"the account belongs to {parent.name}, but no `global_account_manager` is "
            "named: find the HQ team's account manager and work the plan with them",
            ("account", "parent"),
        )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="Subsidiaries of a global group name the HQ team's account manager.",
    check=check,
    reads=("account.parent",),
    order=120,
)
