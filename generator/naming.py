"""Names for the parts of a plan, as its author knows them.

A finding about `stakeholders[0]` reads like code; the author wrote a
stakeholder called "Liu Yang". Each list section names its items by the field
the author identifies them with (an opportunity by its id, a stakeholder by
name, a product by its product name), falling back to the item's position
("opportunity #3") when that field is missing or not text.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from typing import Any

from generator.findings import JsonPath

#: list section → (what one item is called, the field that identifies it, quoted?)
ITEM_NAMES: Mapping[str, tuple[str, str, bool]] = {
    "team": ("team member", "name", True),
    "customer_priorities": ("customer priority", "id", False),
    "conditions_of_satisfaction": ("COS", "id", False),
    "stakeholders": ("stakeholder", "name", True),
    "agreements": ("agreement", "id", False),
    "deployment": ("product", "product", True),
    "opportunities": ("opportunity", "id", False),
    "competitors": ("competitor", "name", True),
    "partners": ("partner", "name", True),
    "engagements": ("engagement", "date", False),
    "actions": ("action", "id", False),
    "waivers": ("waiver", "rule", False),
}

#: longest text a message quotes before shortening it with an ellipsis
QUOTE_LIMIT = 40


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A value as a message quotes it: in double quotes, shortened when long."""
    text = value if isinstance(value, str) else str(value)
    text = " ".join(text.split()) if "\n" in text else text
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f'"{text}"'


def item_name(section: str, index: int, item: Any) -> str:
    """`opportunity opp-pilot-meters`, `stakeholder "Liu Yang"`, `action #2`."""
    noun, field, quoted = ITEM_NAMES.get(section, (section, "id", False))
    value = item.get(field) if isinstance(item, Mapping) else None
    if isinstance(value, str | int | float) and not isinstance(value, bool) and str(value):
        shown = quote(value) if quoted else str(value)
        return f"{noun} {shown}"
    return f"{noun} #{index + 1}"


def describe(path: JsonPath, data: Any) -> str:
    """Where a path points, in the author's words.

    ("opportunities", 2, "amount") → `opportunity opp-pilot-meters, amount`;
    ("plan", "owner") → `plan.owner`; () → `the plan`.
    """
    if not path:
        return "the plan"
    parts: list[str] = []
    node: Any = data
    steps = list(path)
    if (len(steps) >= 2 and isinstance(steps[0], str) and isinstance(steps[1], int)
            and steps[0] in ITEM_NAMES):
        section, index = steps[0], steps[1]
        items = node.get(section) if isinstance(node, Mapping) else None
        item = items[index] if isinstance(items, list) and 0 <= index < len(items) else None
        parts.append(item_name(section, index, item))
        node, steps = item, steps[2:]
        if not steps:
            return parts[0]
    dotted = ""
    for step in steps:
        dotted += f"[{step}]" if isinstance(step, int) else (f".{step}" if dotted else step)
    return f"{parts[0]}, {dotted}" if parts else dotted


def closest(name: str, known: Collection[str]) -> str | None:
    """The known name nearest to `name` by edit distance, when one is near enough.

    Case and spacing slips count for little ("li wei" → "Li Wei"), so the
    comparison runs on folded text; a name that is a prefix of a known one
    ("Dan" → "Daniel Wu") counts as near as well.
    """
    if not name or not known:
        return None
    folded = {" ".join(k.casefold().split()): k for k in known if isinstance(k, str)}
    key = " ".join(name.casefold().split())
    if key in folded:
        return folded[key]
    close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    if close:
        return folded[close[0]]
    starts = [k for k in folded if k.startswith(key) or key.startswith(k)]
    starts += [k for k in folded if any(word == key for word in k.split())]
    return folded[starts[0]] if len(set(starts)) == 1 else None


def did_you_mean(name: str, known: Collection[str]) -> str:
    """`; did you mean "Li Wei"?` or nothing."""
    near = closest(name, known)
    return f"; did you mean `{near}`?" if near is not None and near != name else ""
