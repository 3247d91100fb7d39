"""A waiver is approved by someone whose role may approve it.

With a `people.yaml` at the repository root, a waiver's `approved_by` must
hold a role that may approve exceptions to the standards: `sales-manager` or
`standards-owner`. A waiver approved by anyone else (an account manager, a
technology specialist) waives nothing. The owner approving their own plan's
waiver stays `waiver-approval`; an approver who is not in the registry is
`unknown-person` (and that waiver waives nothing either). Without a registry
this rule does not run.

Passes (Zhou Min is a sales manager):

```yaml
plan:
  owner: Li Wei
waivers:
  - rule: deployment
    reason: Consumption ramps when analytics goes live.
    approved_by: Zhou Min
    expires: 2027-03-31
```

Fails (Chen Hao is a technology specialist):

```yaml
plan:
  owner: Li Wei
waivers:
  - rule: deployment
    reason: Consumption ramps when analytics goes live.
    approved_by: Chen Hao
    expires: 2027-03-31
```
"""

from __future__ import annotations

from generator.findings import Severity
from generator.standards.registry import Rule

# Found by the waiver step (generator.standards.waivers), not by a check function here.
RULE = Rule(
    id="waiver-authority",
    default_severity=Severity.ERROR,
    summary="A waiver is approved by a sales manager or standards owner.",
    order=132,
    reads=("plan.owner", "waivers[].approved_by"),
)
