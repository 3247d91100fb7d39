"""The rule registry: every rule is one module in `generator.standards.rules`.

A rule module declares `RULE = Rule(...)`; its docstring is the rule's
documentation (published on the site as-is). Discovery imports the package's
modules, so a rule is registered in exactly one place: its own module.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from generator.findings import Problem, Severity
from generator.model import Plan
from generator.standards import calendar
from generator.standards.config import Standards


@dataclass(frozen=True)
class RuleContext:
    """What a rule may read besides the plan: standards, as-of date, file."""

    standards: Standards
    as_of: dt.date
    file: Path = field(default_factory=Path)
    #: for portfolio checks: the file of each plan, in the order the plans are given
    plan_files: tuple[str, ...] = ()
    #: the plan's YAML text, when the check has it at hand: a rule may skip a plan
    #: whose text cannot hold what it looks for (never find anything in it)
    text: str | None = None

    def convert(self, amount: Decimal, currency: str) -> Decimal | None:
        """Amount in the standards' currency, or None when the rate is unknown."""
        return self.standards.convert(amount, currency)

    def fiscal_year_of(self, day: dt.date) -> str:
        return calendar.fiscal_year_of(day, self.standards.fiscal_year_start)

    def fiscal_year_bounds(self, label: str) -> tuple[dt.date, dt.date]:
        return calendar.fiscal_year_bounds(label, self.standards.fiscal_year_start)

    @property
    def current_fiscal_year(self) -> str:
        """The fiscal year that contains the as-of date."""
        return self.fiscal_year_of(self.as_of)


PlanCheck = Callable[[Plan, RuleContext], Iterable[Problem]]
# A portfolio check sees every plan that loaded; it yields (plan index, problem).
PortfolioCheck = Callable[[Sequence[Plan], RuleContext], Iterable[tuple[int, Problem]]]


@dataclass(frozen=True)
class Rule:
    """One standard: its id, default severity, thresholds and checks."""

    id: str
    default_severity: Severity
    summary: str
    thresholds: tuple[str, ...] = ()
    structural: bool = False
    check: PlanCheck | None = None
    check_portfolio: PortfolioCheck | None = None
    doc: str = ""
    #: sort key for documentation and listings (the spec's table order)
    order: int = 0
    #: the parts of a plan the rule looks at ("opportunities[].stage", "plan.owner");
    #: empty: all of it. While a part it reads fails the schema, the rule says
    #: nothing it could not judge (see generator.partial)
    reads: tuple[str, ...] = ()
    #: True when each finding is about one item or field, judged from it alone
    per_item: bool = False

    @property
    def waivable(self) -> bool:
        return not self.structural and not self.id.startswith("waiver-")


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, structural ones first, in the spec's order."""
    from generator.standards import rules as package

    found: list[Rule] = []
    for module_info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        rule = getattr(module, "RULE", None)
        if isinstance(rule, Rule):
            doc = (module.__doc__ or "").strip()
            found.append(Rule(**{**rule.__dict__, "doc": doc}))
    ids = [r.id for r in found]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:  # pragma: no cover - a programming error caught by tests
        raise RuntimeError(f"rule ids declared twice: {sorted(duplicates)}")
    return tuple(sorted(found, key=lambda r: (not r.structural, r.order, r.id)))


@cache
def rules_by_id() -> dict[str, Rule]:
    return {rule.id: rule for rule in all_rules()}


def rule(rule_id: str) -> Rule:
    return rules_by_id()[rule_id]
