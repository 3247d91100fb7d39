"""A waiver is approved by someone other than the plan's owner, for a limited time.

An account manager cannot waive their own plan's standards, and an exception
may not run longer than `waiver_max_days` past the as-of date. A waiver that
breaks either condition waives nothing.

Passes (the sales manager approves, for four months):

```yaml
plan:
  owner: Li Wei
waivers:
  - rule: deployment
    reason: Consumption ramps when analytics goes live.
    approved_by: Zhou Min
    expires: 2027-03-31
```

Fails (the owner approves their own waiver):

```yaml
plan:
  owner: Li Wei
waivers:
  - rule: deployment
    reason: Consumption ramps when analytics goes live.
    approved_by: Li Wei
    expires: 2027-03-31
```
"""

from __future__ import annotations

from generator.findings import Severity
from generator.standards.registry import Rule

# Found by the waiver step (generator.standards.waivers), not by a check function here.
RULE = Rule(
    id="waiver-approval",
    default_severity=Severity.ERROR,
    summary="A waiver is approved by someone other than the plan owner, for a limited time.",
    structural=False,
    thresholds=("waiver_max_days",),
    order=126,
)
