"""The structural difference between two versions of one plan's data.

Works on the plain data the loader builds (not the typed `Plan`), so a plan
that fails the schema can still be compared. List sections are matched item
by item on their key — `id`, or the `name` / `product` of lists without ids —
so a reordered list is no change and an edited item reads as one change with
old and new values, not as a removal and an addition.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, Final


class _Absent:
    """The value of a field that one side does not have."""

    _instance: _Absent | None = None

    def __new__(cls) -> _Absent:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"

    def __bool__(self) -> bool:
        return False


ABSENT: Final = _Absent()

#: The plan's sections in the order of the format (and of the report).
SECTION_ORDER: Final = (
    "format", "account", "plan", "team", "currency", "financials",
    "customer_priorities", "conditions_of_satisfaction", "stakeholders",
    "agreements", "deployment", "opportunities", "competitors", "partners",
    "satisfaction", "engagements", "actions", "waivers",
)

#: How the items of each list section are told apart.
LIST_KEYS: Final[Mapping[str, tuple[str, ...]]] = {
    "team": ("name",),
    "customer_priorities": ("id",),
    "conditions_of_satisfaction": ("id",),
    "stakeholders": ("name",),
    "agreements": ("id",),
    "deployment": ("product",),
    "opportunities": ("id",),
    "competitors": ("name",),
    "partners": ("name",),
    # Engagements and waivers have no id: a meeting is its date and topic, a
    # waiver its rule and (optional) item.
    "engagements": ("date", "topic"),
    "actions": ("id",),
    "waivers": ("rule", "item"),
}

#: Fields that hold money in the plan's currency (the last step `*` = any key).
AMOUNT_FIELDS: Final = frozenset({
    ("financials", "long_term_potential"),
    ("financials", "revenue_target"),
    ("financials", "booked_to_date"),
    ("financials", "addressable_revenue", "*"),
    ("opportunities", "amount"),
    ("agreements", "annual_value"),
})

Value = Any
FieldPath = tuple[str, ...]


class ItemStatus(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: its path (inside its section or item) and values.

    `old` or `new` is `ABSENT` when the field is missing on that side. For a
    list of texts (products, commitments …) `added` and `removed` name the
    entries that differ, so a long list is not repeated in full.
    """

    field: FieldPath
    old: Value
    new: Value
    amount: bool = False
    added: tuple[Value, ...] = ()
    removed: tuple[Value, ...] = ()

    @property
    def is_list(self) -> bool:
        return bool(self.added or self.removed)


@dataclass(frozen=True)
class ItemChange:
    """An item of a list section that was added, removed or changed."""

    section: str
    key: str
    #: the field the key comes from (`id`, `name`, `product`), or "" when composite
    key_field: str
    status: ItemStatus
    #: the item as it is now (as it was, when removed)
    item: Mapping[str, Value]
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class SectionDiff:
    """The changes in one section: field changes, item changes, or both."""

    section: str
    fields: tuple[FieldChange, ...] = ()
    items: tuple[ItemChange, ...] = ()


# --- comparing values -----------------------------------------------------------

def is_number(value: Value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def as_decimal(value: Value) -> Decimal | None:
    """A number as an exact Decimal (via its text, so 0.1 stays 0.1)."""
    if not is_number(value):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:  # nan / inf
        return None


def same(old: Value, new: Value) -> bool:
    """True when two values mean the same (1 and 1.0 do; 1 and True do not)."""
    if is_number(old) and is_number(new):
        old_number, new_number = as_decimal(old), as_decimal(new)
        if old_number is None or new_number is None:
            return str(old) == str(new)
        return old_number == new_number
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return old.keys() == new.keys() and all(same(old[k], new[k]) for k in old)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(same(a, b) for a, b in zip(old, new, strict=True))
    return type(old) is type(new) and bool(old == new)


def _scalar_list(value: Value) -> bool:
    return isinstance(value, list) and all(
        not isinstance(v, Mapping | list) for v in value)


def _hashable(value: Value) -> Value:
    return str(value) if is_number(value) or isinstance(value, bool) else value


def _is_amount(section: str, path: FieldPath) -> bool:
    full = (section, *path)
    return full in AMOUNT_FIELDS or (*full[:-1], "*") in AMOUNT_FIELDS


def _ordered_keys(old: Mapping[str, Value], new: Mapping[str, Value]) -> list[str]:
    # The head's order first (it is the file being reviewed), then what it lost.
    return [*new, *(k for k in old if k not in new)]


def diff_fields(section: str, old: Value, new: Value,
                path: FieldPath = ()) -> list[FieldChange]:
    """The field changes between two values; mappings are compared key by key."""
    if same(old, new):
        return []
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        changes: list[FieldChange] = []
        for key in _ordered_keys(old, new):
            changes += diff_fields(section, old.get(key, ABSENT), new.get(key, ABSENT),
                                   (*path, str(key)))
        return changes
    amount = _is_amount(section, path)
    if (old is ABSENT and _scalar_list(new)) or (new is ABSENT and _scalar_list(old)):
        # A list given on one side only: its entries were added (or removed).
        return [FieldChange(path, old, new, amount,
                            added=tuple(new) if old is ABSENT else (),
                            removed=tuple(old) if new is ABSENT else ())]
    if _scalar_list(old) and _scalar_list(new):
        before = Counter(_hashable(v) for v in old)
        after = Counter(_hashable(v) for v in new)
        added = tuple((after - before).elements())
        removed = tuple((before - after).elements())
        if not added and not removed:
            return []  # the same entries in another order
        return [FieldChange(path, old, new, amount, added, removed)]
    return [FieldChange(path, old, new, amount)]


# --- keyed lists ------------------------------------------------------------------

def _key_fields(section: str, items: Sequence[Value]) -> tuple[str, ...]:
    if section in LIST_KEYS:
        return LIST_KEYS[section]
    # An organisation's own (x_) list: the first field every item has.
    for candidate in ("id", "name", "product"):
        if items and all(isinstance(i, Mapping) and candidate in i for i in items):
            return (candidate,)
    return ()


def _item_key(item: Value, fields: tuple[str, ...], position: int) -> str:
    if isinstance(item, Mapping) and fields and item.get(fields[0]) not in (None, ""):
        parts = [str(item[f]) for f in fields if item.get(f) not in (None, "")]
        return " ".join(parts)
    if not isinstance(item, Mapping | list):
        return str(item)
    return f"#{position + 1}"  # no key: the item's position in the list


def keyed(section: str, items: Sequence[Value],
          fields: tuple[str, ...]) -> dict[str, Value]:
    """Items by key; a repeated key (a duplicate-id finding) gets `(2)`, `(3)` …"""
    found: dict[str, Value] = {}
    seen: Counter[str] = Counter()
    for position, item in enumerate(items):
        key = _item_key(item, fields, position)
        seen[key] += 1
        if seen[key] > 1:
            key = f"{key} ({seen[key]})"
        found[key] = item
    return found


def _as_item(value: Value) -> Mapping[str, Value]:
    return value if isinstance(value, Mapping) else {"value": value}


def diff_items(section: str, old: Sequence[Value], new: Sequence[Value]) -> list[ItemChange]:
    """Items added, removed and changed, matched on the section's key."""
    fields = _key_fields(section, [*old, *new])
    key_field = fields[0] if len(fields) == 1 else ""
    before, after = keyed(section, old, fields), keyed(section, new, fields)
    changes: list[ItemChange] = []
    for key, item in after.items():
        if key not in before:
            changes.append(ItemChange(section, key, key_field, ItemStatus.ADDED, _as_item(item)))
            continue
        field_changes = diff_fields(section, before[key], item)
        if field_changes:
            changes.append(ItemChange(section, key, key_field, ItemStatus.CHANGED,
                                      _as_item(item), tuple(field_changes)))
    changes += [ItemChange(section, key, key_field, ItemStatus.REMOVED, _as_item(item))
                for key, item in before.items() if key not in after]
    return changes


# --- whole plans ------------------------------------------------------------------

def _sections(old: Mapping[str, Value], new: Mapping[str, Value]) -> Iterator[str]:
    known = [s for s in SECTION_ORDER if s in old or s in new]
    others = [s for s in _ordered_keys(old, new) if s not in SECTION_ORDER]
    yield from known
    yield from others


def _list_or_empty(value: Value) -> list[Value] | None:
    if value is ABSENT:
        return []  # a missing list is an empty one
    return value if isinstance(value, list) else None


def diff_section(section: str, old: Value, new: Value) -> SectionDiff | None:
    """The changes in one top-level section, or None when it is unchanged."""
    if same(old, new):
        return None
    old_items, new_items = _list_or_empty(old), _list_or_empty(new)
    is_list_section = section in LIST_KEYS or isinstance(old, list) or isinstance(new, list)
    if is_list_section and old_items is not None and new_items is not None:
        if _scalar_list(old_items) and _scalar_list(new_items) and section not in LIST_KEYS:
            return SectionDiff(section, fields=tuple(diff_fields(section, old, new)))
        items = diff_items(section, old_items, new_items)
        return SectionDiff(section, items=tuple(items)) if items else None
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        fields = diff_fields(section, old, new)
    elif isinstance(old, Mapping) and new is ABSENT:
        fields = diff_fields(section, old, {})
    elif old is ABSENT and isinstance(new, Mapping):
        fields = diff_fields(section, {}, new)
    else:
        fields = [FieldChange((), old, new, _is_amount(section, ()))]
    return SectionDiff(section, fields=tuple(fields)) if fields else None


def diff_plan_data(old: Mapping[str, Value], new: Mapping[str, Value]) -> tuple[SectionDiff, ...]:
    """Every changed section of a plan, in the format's order; () when unchanged."""
    found = (diff_section(s, old.get(s, ABSENT), new.get(s, ABSENT)) for s in _sections(old, new))
    return tuple(d for d in found if d is not None)


def section_counts(data: Mapping[str, Value]) -> Iterable[tuple[str, int]]:
    """(section, number of items) for each non-empty list section of a plan."""
    for section in SECTION_ORDER:
        value = data.get(section)
        if section in LIST_KEYS and isinstance(value, list) and value:
            yield section, len(value)
