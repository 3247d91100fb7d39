"""The plan has the sections, fields, types and values the plan format defines.

Reported when a required field is missing or empty, a value has the wrong type
or is not one of the allowed values, or a key is unknown (the message names
the closest known key; keys of your own start with `x_`). Values that YAML
1.1 and YAML 1.2 read differently (`NO`, `on`, `1_000`, `012`) are reported
here too, with the quoting that makes them mean the same everywhere. The
JSON Schema behind this rule is printed by `planbook schema` and drives
completion in editors.

Passes:

```yaml
account:
  id: jinghua-grid
  name: Jinghua Power Grid Co., Ltd.
  industry: Power & Utilities
  segment: mature
```

Fails (`segmnet` is misspelt, so `segment` is also missing):

```yaml
account:
  id: jinghua-grid
  name: Jinghua Power Grid Co., Ltd.
  industry: Power & Utilities
  segmnet: mature
```
"""

from __future__ import annotations

from generator.findings import Severity
from generator.standards.registry import Rule

# Found by schema validation (generator.validate), not by a check function here.
RULE = Rule(
    id="schema",
    default_severity=Severity.ERROR,
    summary="The plan has the fields, types and values the format defines.",
    structural=True,
    order=4,
)
