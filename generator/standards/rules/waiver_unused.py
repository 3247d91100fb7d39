"""Every current waiver still covers a finding.

A waiver that matches no finding of its rule (and item, when it names one) is
left over: the gap was fixed, or the item was renamed. Remove it so that the
next gap is not silently covered. Silent when the waiver's rule is off.

Passes (the Azure item really is under the deployment ratio):

```yaml
waivers:
  - rule: deployment
    item: Azure Monetary Commitment
    reason: Consumption ramps when analytics goes live.
    approved_by: Zhou Min
    expires: 2027-03-31
```

Fails (nothing called "Azure Stack" has a deployment finding):

```yaml
waivers:
  - rule: deployment
    item: Azure Stack
    reason: Consumption ramps when analytics goes live.
    approved_by: Zhou Min
    expires: 2027-03-31
```
"""

from __future__ import annotations

from generator.findings import Severity
from generator.standards.registry import Rule

# Found by the waiver step (generator.standards.waivers), not by a check function here.
RULE = Rule(
    id="waiver-unused",
    default_severity=Severity.WARNING,
    summary="Every current waiver still covers a finding.",
    structural=False,
    order=125,
)
