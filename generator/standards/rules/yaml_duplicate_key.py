"""A mapping never repeats a key.

YAML keeps only the last of two equal keys, so the first value would vanish
without a word. The finding points at the repeat and names the line of the
first one.

Passes:

```yaml
plan:
  owner: Li Wei
  reviewed_by: Zhou Min
```

Fails (`owner` twice):

```yaml
plan:
  owner: Li Wei
  owner: Chen Hao
```
"""

from __future__ import annotations

from generator.findings import Severity
from generator.standards.registry import Rule

# Found by the loader (generator.loader), not by a check function here.
RULE = Rule(
    id="yaml-duplicate-key",
    default_severity=Severity.ERROR,
    summary="A mapping never repeats a key.",
    structural=True,
    order=2,
)
