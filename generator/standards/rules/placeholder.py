"""No placeholder text is left in the plan.

`planbook new` writes a skeleton whose values say what to fill in ("TODO
customer name", owner "TODO your name"). A plan that still carries them would
be published as if it were real, so every value that still holds a
placeholder — the words TODO, TBD or FIXME, or a date written as the
template `YYYY-MM-DD` — is a finding at that value, until the author writes
what the customer and the team actually said.

Passes:

```yaml
account:
  id: acme-logistics
  name: Acme Logistics Ltd.
plan:
  owner: Dana Reyes
```

Fails (the skeleton's placeholders are still there):

```yaml
account:
  id: acme-logistics
  name: TODO customer name
plan:
  owner: TODO your name
```
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

from generator.findings import JsonPath, Problem, Severity
from generator.model import Plan
from generator.naming import ITEM_NAMES, item_name, quote
from generator.standards.registry import Rule, RuleContext

RULE_ID = "placeholder"
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME)\b|YYYY-MM-DD")


def _values(value: Any, path: JsonPath) -> Iterator[tuple[JsonPath, str]]:
    """Every text value of the typed plan, with the path the author wrote it at."""
    if isinstance(value, str):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            child = getattr(value, field.name)
            if field.name == "extra" or field.name.endswith("_extra"):
                for key, own in child:
                    yield from _values(own, (*path, key))
            else:
                yield from _values(child, (*path, field.name.rstrip("_")))
    elif isinstance(value, tuple):
        for index, child in enumerate(value):
            if isinstance(child, tuple) and len(child) == 2 and isinstance(child[0], str):
                yield from _values(child[1], (*path, child[0]))  # a year → value map
            else:
                yield from _values(child, (*path, index))


def _texts(value: Any, found: list[str]) -> None:
    """Every text of the typed plan (and a few of its keys), without paths: cheap."""
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, tuple):
        for child in value:
            _texts(child, found)
    elif hasattr(type(value), "__dataclass_fields__"):
        for child in vars(value).values():
            _texts(child, found)


#: what a YAML text must contain to hold a placeholder: one of its words, or
#: a backslash (a double-quoted escape can spell any word)
_WORDS = ("TODO", "TBD", "FIXME", "YYYY-MM-DD", "\\")


def _may_hold_placeholder(plan: Plan, text: str | None) -> bool:
    """False when no text in the plan can hold a placeholder.

    Most plans hold none. A plan's texts are written in its YAML text as
    they are read, except for escapes and line folding (which only turns
    line breaks into spaces), so a YAML text without the words and without
    a backslash holds none. Without the YAML text, one search over all the
    plan's texts at once spares building a path for every value: texts are
    joined by line breaks, which no placeholder spans, so this finds every
    text that `_values` would.
    """
    if text is not None:
        return any(word in text for word in _WORDS)
    found: list[str] = []
    _texts(plan, found)
    return PLACEHOLDER.search("\n".join(found)) is not None


def _where(plan: Plan, path: JsonPath) -> str:
    """`stakeholder "Liu Yang", title` or `account.name`, as the author knows it."""
    rest = path
    named = ""
    if len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], int) \
            and path[0] in ITEM_NAMES:
        item = getattr(plan, path[0])[path[1]]
        field = ITEM_NAMES[path[0]][1]
        named = item_name(path[0], path[1], {field: getattr(item, field, None)})
        rest = path[2:]
    dotted = ".".join(str(step) for step in rest if isinstance(step, str))
    return f"{named}, {dotted}" if named and dotted else (named or dotted)


def check(plan: Plan, ctx: RuleContext) -> Iterator[Problem]:
    if not _may_hold_placeholder(plan, ctx.text):
        return
    for path, text in _values(plan, ()):
        match = PLACEHOLDER.search(text)
        if match is None:
            continue
        where = _where(plan, path)
        yield Problem(
            RULE_ID,
            f"{where}: still holds the placeholder {quote(text)}: replace it with the "
            "real value (or remove the line when the field is optional)",
            path,
        )


RULE = Rule(
    id=RULE_ID,
    default_severity=Severity.ERROR,
    summary="No placeholder text is left in the plan.",
    check=check,
    order=99,
    per_item=True,
)
