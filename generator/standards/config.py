"""standards.yaml: the thresholds and severities that sales management owns.

A bad standards file is a configuration error (exit 2) that names its file,
line and column; it never produces findings against the plans.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema

from generator.audience.policy import (
    AudienceConfigError,
    AudiencePolicy,
    parse_policy,
    plan_fields,
)
from generator.findings import Severity

if TYPE_CHECKING:
    from generator.people import PeopleRegistry

DEFAULTS_FILE = Path(__file__).with_name("defaults.yaml")


class StandardsError(Exception):
    """A standards file that cannot be used; str() is the user's message."""

    def __init__(self, file: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{file}:{line}:{column}: {message}")
        self.file, self.line, self.column, self.message = file, line, column, message


@dataclass(frozen=True)
class Standards:
    """Validated standards: amounts are Decimals, severities are resolved."""

    currency: str
    exchange_rates: Mapping[str, Decimal]
    fiscal_year_start: tuple[int, int]
    min_ltp: Mapping[str, Decimal]
    review_max_age_days: int
    renewal_window_months: int
    pipeline_coverage: Decimal
    key_win_amount: Decimal
    deployment_min_ratio: Decimal
    max_sales_cycle_months: int
    stakeholder_contact_max_age_days: int
    waiver_max_days: int
    accounts_per_manager_target: int
    accounts_per_manager_max: int
    severity_overrides: Mapping[str, Severity] = field(default_factory=dict)
    #: who may see what (`audiences` in standards.yaml, merged over the defaults)
    audiences: AudiencePolicy = field(default_factory=AudiencePolicy)
    source: str = "standards.yaml"
    #: the file's text, hashed into cache keys
    fingerprint: str = ""
    #: the people registry (people.yaml) beside the standards, when there is one
    people: PeopleRegistry | None = None

    def convert(self, amount: Decimal, currency: str) -> Decimal | None:
        """`amount` of `currency` in the standards' currency; None without a rate."""
        rate = self.exchange_rates.get(currency)
        if rate is None:
            return None
        return amount * rate

    def severity_of(self, rule_id: str, default: Severity) -> Severity:
        return self.severity_overrides.get(rule_id, default)


@cache
def standards_schema() -> dict[str, Any]:
    text = resources.files("generator.schema").joinpath("standards.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value))


def load_standards(path: Path | None) -> Standards:
    """Load and validate a standards file (the packaged defaults when None)."""
    from generator.loader import load_yaml_file
    from generator.standards.calendar import parse_month_day
    from generator.standards.registry import rules_by_id

    file = path if path is not None else DEFAULTS_FILE
    shown = str(path) if path is not None else "standards.yaml (built-in defaults)"
    if not file.is_file():
        raise StandardsError(shown, 1, 1, "standards file not found")
    document = load_yaml_file(file)
    if document.problems:
        first = document.problems[0]
        line, column = document.locate(first.path)
        raise StandardsError(shown, line, column, first.message)
    data = document.data
    if not isinstance(data, dict):
        raise StandardsError(shown, 1, 1, "the standards file must be a mapping")

    errors = sorted(
        jsonschema.Draft202012Validator(standards_schema()).iter_errors(data),
        key=lambda e: list(map(str, e.absolute_path)),
    )
    if errors:
        error = errors[0]
        error_path = tuple(error.absolute_path)
        message = error.message
        if error.validator == "additionalProperties":
            known = list(error.schema.get("properties", {}))
            extra = [k for k in error.instance if k not in known]
            if extra:
                error_path = (*error_path, extra[0])
                close = difflib.get_close_matches(extra[0], known, n=1)
                hint = f"; did you mean `{close[0]}`?" if close else ""
                message = f"unknown key `{extra[0]}`{hint}"
        where = ".".join(str(p) for p in error_path) or "standards"
        line, column = document.locate(error_path)
        raise StandardsError(shown, line, column, f"{where}: {message}")

    known_rules = rules_by_id()
    overrides: dict[str, Severity] = {}
    for rule_id, level in (data.get("rules") or {}).items():
        line, column = document.locate(("rules", rule_id))
        if rule_id not in known_rules:
            close = difflib.get_close_matches(rule_id, list(known_rules), n=1)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            raise StandardsError(shown, line, column, f"unknown rule `{rule_id}`{hint}")
        if known_rules[rule_id].structural:
            raise StandardsError(
                shown, line, column,
                f"`{rule_id}` checks the plan's structure: it is always an error "
                "and its severity cannot be changed",
            )
        # YAML 1.1 reads a bare `off` as false: both mean the rule is off.
        overrides[rule_id] = Severity.OFF if level is False else Severity(level)

    try:
        fiscal_start = parse_month_day(str(data["fiscal_year_start"]))
    except ValueError:
        line, column = document.locate(("fiscal_year_start",))
        raise StandardsError(shown, line, column,
                             "fiscal_year_start must be a date in the year, MM-DD") from None

    rates = {code: _decimal(rate) for code, rate in data["exchange_rates"].items()}
    if data["currency"] not in rates:
        line, column = document.locate(("exchange_rates",))
        raise StandardsError(shown, line, column,
                             f"exchange_rates has no rate for the standards' own "
                             f"currency {data['currency']}")
    try:
        audiences = parse_policy(data.get("audiences"), plan_fields())
    except AudienceConfigError as error:
        line, column = document.locate(("audiences", *error.path))
        where = ".".join(("audiences", *error.path))
        raise StandardsError(shown, line, column, f"{where}: {error.message}") from None
    managers = data["accounts_per_manager"]
    return Standards(
        currency=data["currency"],
        exchange_rates=rates,
        fiscal_year_start=fiscal_start,
        min_ltp={name: _decimal(seg["min_ltp"]) for name, seg in data["segments"].items()},
        review_max_age_days=int(data["review_max_age_days"]),
        renewal_window_months=int(data["renewal_window_months"]),
        pipeline_coverage=_decimal(data["pipeline_coverage"]),
        key_win_amount=_decimal(data["key_win_amount"]),
        deployment_min_ratio=_decimal(data["deployment_min_ratio"]),
        max_sales_cycle_months=int(data["max_sales_cycle_months"]),
        stakeholder_contact_max_age_days=int(data["stakeholder_contact_max_age_days"]),
        waiver_max_days=int(data["waiver_max_days"]),
        accounts_per_manager_target=int(managers["target"]),
        accounts_per_manager_max=int(managers["max"]),
        severity_overrides=overrides,
        audiences=audiences,
        source=shown,
        fingerprint=document.text,
    )
