"""Plans hold plain data only, in files small and shallow enough to read safely.

planbook never constructs or runs anything named in a plan. It refuses: any
tag other than plain data (`!!python/object...`, `!custom`, `!!binary`), merge
keys (`<<`), more than 100 aliases (`*name`) or aliases that expand into a
huge document, nesting deeper than 32 levels (the top-level mapping is level
1), and files over 1 MiB.

Passes:

```yaml
account:
  tags: [smart-grid, state-owned]
```

Fails (a tag that would construct a Python object):

```yaml
account:
  name: !!python/object/apply:os.system ["echo hello"]
```
"""

from __future__ import annotations

from generator.findings import Severity
from generator.standards.registry import Rule

# Found by the loader (generator.loader), not by a check function here.
RULE = Rule(
    id="yaml-unsafe",
    default_severity=Severity.ERROR,
    summary="Plain data only: no tags, at most 100 aliases, nesting up to 32, files up to 1 MiB.",
    structural=True,
    order=3,
)
