"""High-influence stakeholders are in regular contact.

Influential people forget us quickly. Every stakeholder with `influence: high`
records `last_contact`, at most `stakeholder_contact_max_age_days` (default
90) before the as-of date.

Passes (as of 2026-11-27):

```yaml
stakeholders:
  - name: Zhang Ming
    title: Chief Information Officer
    level: cio
    influence: high
    last_contact: 2026-11-05
```

Fails (as of 2026-11-27, last contact was 117 days ago):

```yaml
stakeholders:
  - name: Zhang Ming
    title: Chief Information Officer
    level: cio
    influence: high
    last_contact: 2026-08-02
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "stakeholder-contact"


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    limit = ctx.standards.stakeholder_contact_max_age_days
    for index, person in enumerate(plan.stakeholders):
        if person.influence != "high":
            continue
        if person.last_contact is None:
            yield Problem(
                RULE_ID,
                f"{person.name} has high influence but no `last_contact`: meet them and "
                "record the date",
                ("stakeholders", index),
                person.name,
            )
            continue
        age = (ctx.as_of - person.last_contact).days
        if age > limit:
            yield Problem(
                RULE_ID,
                f"{person.name} has high influence and was last contacted on "
                f"{person.last_contact.isoformat()}, {age} days ago (at most {limit}): "
                "get in touch and update `last_contact`",
                ("stakeholders", index, "last_contact"),
                person.name,
            )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.WARNING,
    summary="High-influence stakeholders are in regular contact.",
    thresholds=("stakeholder_contact_max_age_days",),
    check=check,
    reads=("stakeholders[].influence", "stakeholders[].last_contact"),
    per_item=True,
    order=116,
)
