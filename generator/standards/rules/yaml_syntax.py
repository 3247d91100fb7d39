"""The file is valid UTF-8 YAML and holds a mapping of sections.

A plan is a text file in UTF-8 (a byte-order mark is allowed) whose top level
is a mapping: `format:`, `account:`, `plan:` and the other sections. A file
that is not UTF-8, cannot be parsed, is empty, or holds a list or a single
value is reported here, at the line and column where reading stopped. Nothing
else is checked in that file until it reads cleanly; the other plans are
still checked.

Passes:

```yaml
format: 1
account:
  id: jinghua-grid
```

Fails (the bracket is never closed):

```yaml
account:
  tags: [smart-grid, state-owned
```
"""

from __future__ import annotations

from generator.findings import Severity
from generator.standards.registry import Rule

# Found by the loader (generator.loader), not by a check function here.
RULE = Rule(
    id="yaml-syntax",
    default_severity=Severity.ERROR,
    summary="The file is valid UTF-8 YAML and holds a mapping.",
    structural=True,
    order=1,
)
