"""A waiver has not passed its expiry date.

Waivers are accepted exceptions with an end date. Once `expires` is before
the as-of date the waiver waives nothing, and the finding it covered is back;
renew it with a fresh approval or fix the underlying gap.

Passes (as of 2026-11-27):

```yaml
waivers:
  - rule: deployment
    reason: Consumption ramps when analytics goes live.
    approved_by: Zhou Min
    expires: 2027-03-31
```

Fails (as of 2026-11-27):

```yaml
waivers:
  - rule: deployment
    reason: Consumption ramps when analytics goes live.
    approved_by: Zhou Min
    expires: 2026-10-31
```
"""

from __future__ import annotations

from generator.findings import Severity
from generator.standards.registry import Rule

# Found by the waiver step (generator.standards.waivers), not by a check function here.
RULE = Rule(
    id="waiver-expired",
    default_severity=Severity.ERROR,
    summary="A waiver has not passed its expiry date.",
    structural=False,
    order=124,
)
