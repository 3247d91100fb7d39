"""Everyone who owns, reviews or approves a plan is in the people registry.

With a `people.yaml` at the repository root, the people a plan names for
accountability must be real people the organisation knows, written exactly
as the registry writes them: the plan's `owner`, the sales manager in
`reviewed_by`, each waiver's `approved_by`, and each `team` member who has
an `email` (the email identifies the person: a team member is known when the
registry has that email). A waiver whose approver is not in the registry
waives nothing until someone in it approves it. Without a registry this rule
does not run (`planbook check` says so once).

Passes (with the registry of docs/format.md: Li Wei and Zhou Min are in it):

```yaml
plan:
  owner: Li Wei
  reviewed_by: Zhou Min
team:
  - {name: Li Wei, role: Account Manager, email: li.wei@example.com}
waivers:
  - rule: deployment
    reason: Consumption ramps when analytics goes live.
    approved_by: Zhou Min
    expires: 2027-03-31
```

Fails (nobody called Santa Claus is in the registry):

```yaml
plan:
  owner: Li Wei
waivers:
  - rule: deployment
    reason: Consumption ramps when analytics goes live.
    approved_by: Santa Claus
    expires: 2027-03-31
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import JsonPath, Problem, Severity
from generator.model import Plan
from generator.people import PeopleRegistry
from generator.standards.registry import Rule, RuleContext

RULE_ID = "unknown-person"


def _unknown(registry: PeopleRegistry, name: str, what: str, path: JsonPath,
             consequence: str = "") -> Iterator[Problem]:
    if registry.named(name) is not None:
        return
    yield Problem(
        RULE_ID,
        f"{what} `{name}`, who is not in {registry.source}: write the name as "
        f"{registry.source} does, or ask a standards owner to add the person"
        f"{consequence}{registry.did_you_mean(name)}",
        path)


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    registry = ctx.standards.people
    if registry is None:
        return
    yield from _unknown(registry, plan.plan.owner, "the plan is owned by",
                        ("plan", "owner"))
    if plan.plan.reviewed_by is not None:
        yield from _unknown(registry, plan.plan.reviewed_by, "the plan is reviewed by",
                            ("plan", "reviewed_by"))
    for index, member in enumerate(plan.team):
        if member.email is None or registry.with_email(member.email) is not None:
            continue
        known = registry.named(member.name)
        hint = (f"; the registry has {member.name} as {known.email}" if known is not None
                else "")
        yield Problem(
            RULE_ID,
            f"team member {member.name} ({member.email}) is not in {registry.source}: "
            f"correct the email, or ask a standards owner to add the person{hint}",
            ("team", index, "email"), item=member.name)
    for index, waiver in enumerate(plan.waivers):
        yield from _unknown(registry, waiver.approved_by, f"the waiver for `{waiver.rule}` "
                            "is approved by", ("waivers", index, "approved_by"),
                            "; until someone in it approves the waiver, it waives nothing")


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="Owners, reviewers, approvers and team members with an email are in people.yaml.",
    check=check,
    order=130,
    per_item=True,
    reads=("plan.owner", "plan.reviewed_by", "team[].name", "team[].email",
           "waivers[].approved_by"),
)
