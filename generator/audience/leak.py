"""The leak check: nothing a reader may not see is in what was built for them.

After an audience build, every value of the plan that the audience may not
see (from `values.plan_values`, the same decisions that shaped the output)
is searched for in every file written: as written, with HTML entities
decoded, and JSON-escaped. Any hit is a leak, named by the field it came
from. It runs on the written bytes, so it catches a template, a filter or a
future asset that shows too much, whatever the cause.

Short and common values would raise false alarms, so a value is searched for
only when:

- it is text of at least `MIN_WEIGHT` (a Han character weighs 2, so the
  two-character name 张明 counts) with a letter or digit in it, or an amount
  of at least `MIN_AMOUNT_DIGITS` digits (searched as written and grouped,
  `19500000` and `19,500,000`); dates are never searched for, since shared
  dates (an action's due date) often equal private ones;
- it does not appear in a value the audience may see, nor among the page's
  own words (its labels and style sheet): "high" in a shared COS title, or
  "none" in CSS, explains the word on the page;
- a value that starts and ends with a letter or digit is matched as whole
  words (`develop` is not found in "developer"), case-insensitively.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from generator.audience.policy import Audience, PlanAudiences
from generator.audience.values import PlanValue, plan_values
from generator.money import format_amount

MIN_WEIGHT = 4
MIN_AMOUNT_DIGITS = 5
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Leak:
    """A value the audience may not see, found in a file built for it."""

    path: str
    audience: Audience
    file: str

    def __str__(self) -> str:
        return f"{self.path} ({self.audience.value}) appears in {self.file}"


class LeakError(Exception):
    """The build showed something its audience may not see; nothing was published."""

    def __init__(self, leaks: list[Leak]) -> None:
        shown = "; ".join(str(leak) for leak in leaks[:5])
        more = f" and {len(leaks) - 5} more" if len(leaks) > 5 else ""
        super().__init__(f"leak check: {shown}{more}")
        self.leaks = leaks


def _weight(text: str) -> int:
    return len(text) + len(_HAN.findall(text))


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def searched_forms(value: PlanValue) -> tuple[str, ...]:
    """How a value would read in an output file; () when it is not searched for."""
    if isinstance(value.value, bool):
        return ()
    if isinstance(value.value, Decimal | int | float) and not isinstance(value.value, bool):
        amount = Decimal(str(value.value))
        digits = sum(c.isdigit() for c in format(abs(amount).normalize(), "f"))
        if digits < MIN_AMOUNT_DIGITS:
            return ()
        return tuple(dict.fromkeys((format(amount.normalize(), "f"), format_amount(amount))))
    if not isinstance(value.value, str):
        return ()  # dates
    text = _normal(value.value)
    if _weight(text) < MIN_WEIGHT or not any(c.isalnum() for c in text):
        return ()
    return (text,)


def _pattern(form: str) -> re.Pattern[str]:
    start = r"(?<!\w)" if form[0].isalnum() and not _HAN.match(form[0]) else ""
    end = r"(?!\w)" if form[-1].isalnum() and not _HAN.match(form[-1]) else ""
    return re.compile(start + re.escape(form) + end)


def _haystacks(data: bytes) -> Iterator[str]:
    text = data.decode("utf-8", errors="replace")
    yield _normal(text)
    yield _normal(html.unescape(text))


def _json_form(form: str) -> str:
    return _normal(json.dumps(form)[1:-1])


def find_leaks(folder: Path, audiences: PlanAudiences, reader: Audience,
               own_words: Iterable[str] = ()) -> list[Leak]:
    """Every value `reader` may not see that appears in a file under `folder`."""
    allowed: list[str] = [_normal(w) for w in own_words]
    hidden: list[tuple[PlanValue, tuple[str, ...]]] = []
    for value in plan_values(audiences.plan, audiences):
        if reader.allows(value.audience):
            if isinstance(value.value, str):
                allowed.append(_normal(value.value))
            continue
        forms = searched_forms(value)
        if forms:
            hidden.append((value, forms))
    shared = "\n".join(allowed)
    candidates: list[tuple[PlanValue, tuple[re.Pattern[str], ...]]] = []
    for value, forms in hidden:
        patterns: list[re.Pattern[str]] = []
        for form in forms:
            if _pattern(form).search(shared):
                continue
            patterns += [_pattern(form), _pattern(_json_form(form))]
        if patterns:
            candidates.append((value, tuple(dict.fromkeys(patterns))))
    leaks = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        texts = list(_haystacks(path.read_bytes()))
        shown = path.relative_to(folder).as_posix()
        for value, searched in candidates:
            if any(p.search(t) for p in searched for t in texts):
                leaks.append(Leak(value.path, value.audience, shown))
    return leaks
