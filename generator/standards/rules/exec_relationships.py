"""The account team is connected to the CIO or an executive, and to a line-of-business director.

Deals are decided at the top and in the business. The plan needs at least
one stakeholder at level `cio` or `executive` whose relationship with us is
`strong` or `developing` and who has an `our_contact` on the team, and at
least one stakeholder at level `lob-director` who has an `our_contact`.

Passes:

```yaml
stakeholders:
  - name: Zhang Ming
    title: Chief Information Officer
    level: cio
    relationship: strong
    our_contact: Li Wei
  - name: Liu Yang
    title: Director, Dispatch & Control Centre
    level: lob-director
    our_contact: Chen Hao
```

Fails (the relationship with the CIO is weak and no line-of-business
director has a contact on our side):

```yaml
stakeholders:
  - name: Zhang Ming
    title: Chief Information Officer
    level: cio
    relationship: weak
    our_contact: Li Wei
  - name: Liu Yang
    title: Director, Dispatch & Control Centre
    level: lob-director
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

RULE_ID = "exec-relationships"
EXECUTIVE_LEVELS = frozenset({"cio", "executive"})
WORKING_RELATIONSHIPS = frozenset({"strong", "developing"})


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    if not any(
        s.level in EXECUTIVE_LEVELS and s.relationship in WORKING_RELATIONSHIPS
        and s.our_contact is not None
        for s in plan.stakeholders
    ):
        yield Problem(
            RULE_ID,
            "no CIO or executive has a strong or developing relationship with us and a "
            "contact on our team (`our_contact`): build one and record who owns it",
            ("stakeholders",),
        )
    if not any(s.level == "lob-director" and s.our_contact is not None
               for s in plan.stakeholders):
        yield Problem(
            RULE_ID,
            "no line-of-business director (level `lob-director`) has a contact on our "
            "team (`our_contact`): connect a team member with a business leader",
            ("stakeholders",),
        )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="The account team is connected to the CIO or an executive, "
            "and to a line-of-business director.",
    check=check,
    reads=("stakeholders",),
    order=115,
)
