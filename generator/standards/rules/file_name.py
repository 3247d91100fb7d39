"""The plan's file is named after its account: `plans/<account.id>.yaml`.

One plan per account, and the file name is how people and tools find it: the
site links to it, `planbook new` creates it, and reviewers look for it in a
pull request. The file name (without `.yaml` or `.yml`) must be exactly the
account's `id`.

Passes (in `plans/jinghua-grid.yaml`):

```yaml
account:
  id: jinghua-grid
  name: Jinghua Power Grid Co., Ltd.
```

Fails (in `plans/jinghua.yaml`: the file name and the account id differ):

```yaml
account:
  id: jinghua-grid
  name: Jinghua Power Grid Co., Ltd.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards.registry import Rule, RuleContext

SUFFIXES = (".yaml", ".yml")


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    name = ctx.file.name
    if not name:  # no file behind this plan (checked from text): nothing to compare
        return
    account_id = plan.account.id
    if ctx.file.suffix in SUFFIXES and ctx.file.stem == account_id:
        return
    suffix = ctx.file.suffix if ctx.file.suffix in SUFFIXES else ".yaml"
    yield Problem(
        "file-name",
        f"the file is named `{name}` but the account id is `{account_id}`: "
        f"rename the file to `{account_id}{suffix}` (or correct `account.id`)",
        ("account", "id"),
    )


RULE = Rule(
    id="file-name",
    default_severity=Severity.ERROR,
    summary="The plan's file is named after its account: `plans/<account.id>.yaml`.",
    structural=True,
    check=check,
    reads=("account.id",),
    per_item=True,
    order=5,
)
