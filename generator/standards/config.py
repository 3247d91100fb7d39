"""standards.yaml: the thresholds and severities that sales management owns.

A bad standards file is a configuration error (exit 2) that names its file,
line and column; it never produces findings against the plans.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.audience.policy import (
    AudienceConfigError,
    AudiencePolicy,
    parse_policy,
    plan_fields,
)
from generator.findings import Severity

if TYPE_CHECKING:
    from jsonschema import ValidationError

    from generator.loader import LoadedDocument
    from generator.people import PeopleRegistry

DEFAULTS_FILE = Path(__file__).with_name("defaults.yaml")
#: the packaged `stage_weights`, for a standards file that leaves a stage out
DEFAULT_STAGE_WEIGHTS: Mapping[str, Decimal] = {
    "qualify": Decimal("0.1"), "develop": Decimal("0.25"),
    "propose": Decimal("0.5"), "negotiate": Decimal("0.75"),
}


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
    #: forecast weight (0-1) of each open stage; a stage not named weighs 0
    stage_weights: Mapping[str, Decimal] = field(
        default_factory=lambda: dict(DEFAULT_STAGE_WEIGHTS))
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
    """Load and validate a standards file (the packaged defaults when None).

    Each step raises StandardsError (exit 2) naming the file, line and column.
    """
    file = path if path is not None else DEFAULTS_FILE
    shown = str(path) if path is not None else "standards.yaml (built-in defaults)"
    document = _read(file, shown)
    data: dict[str, Any] = document.data
    _refuse_non_finite(data, document, shown)
    _refuse_schema_errors(data, document, shown)
    return _standards(data, document, shown)


def _read(file: Path, shown: str) -> LoadedDocument:
    """The standards file, loaded strictly as a mapping."""
    from generator.loader import load_yaml_file

    if not file.is_file():
        raise StandardsError(shown, 1, 1, "standards file not found")
    document = load_yaml_file(file)
    # The loader's own words for these two speak of a plan; say what this file should be.
    if document.problems and document.problems[0].message.startswith("the file is empty"):
        raise StandardsError(shown, 1, 1, "the standards file is empty: it must be a "
                                          "mapping that starts `standards: 1`")
    if document.problems and document.problems[0].message.startswith("the file holds"):
        raise StandardsError(shown, 1, 1, "the standards file must be a mapping")
    if document.problems:
        first = document.problems[0]
        line, column = document.position_of(first)
        raise StandardsError(shown, line, column, first.message)
    if not isinstance(document.data, dict):
        raise StandardsError(shown, 1, 1, "the standards file must be a mapping")
    return document


def _non_finite_paths(data: Any, path: tuple[str | int, ...] = ()
                      ) -> Iterator[tuple[str | int, ...]]:
    if isinstance(data, float) and not math.isfinite(data):
        yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _non_finite_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _non_finite_paths(value, (*path, index))


def _refuse_non_finite(data: dict[str, Any], document: LoadedDocument, shown: str) -> None:
    # JSON Schema's minimum and maximum let .nan through (it compares false).
    for path in _non_finite_paths(data):
        line, column = document.locate(path)
        where = ".".join(str(p) for p in path)
        raise StandardsError(shown, line, column,
                             f"{where}: must be a finite number, not .nan or .inf")


def _refuse_schema_errors(data: dict[str, Any], document: LoadedDocument, shown: str) -> None:
    from generator.validate import schema_errors

    errors = sorted(schema_errors(standards_schema(), data),
                    key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
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
    elif error.validator in ("maximum", "minimum", "exclusiveMinimum"):
        message = _out_of_range(error)
    where = ".".join(str(p) for p in error_path) or "standards"
    line, column = document.locate(error_path)
    raise StandardsError(shown, line, column, f"{where}: {message}")


def _out_of_range(error: ValidationError) -> str:
    schema = error.schema if isinstance(error.schema, dict) else {}
    low = schema.get("minimum", schema.get("exclusiveMinimum"))
    high = schema.get("maximum")
    above = "above 0" if "exclusiveMinimum" in schema else f"at least {low}"
    allowed = (f"{above} and at most {high:,}" if low is not None and high is not None
               else above if low is not None else f"at most {high:,}")
    return f"{error.instance!r} is out of range: must be {allowed}"


def _severity_overrides(data: dict[str, Any], document: LoadedDocument,
                        shown: str) -> dict[str, Severity]:
    from generator.standards.registry import rules_by_id

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
    return overrides


def _fiscal_year_start(data: dict[str, Any], document: LoadedDocument,
                       shown: str) -> tuple[int, int]:
    from generator.standards.calendar import parse_month_day

    try:
        return parse_month_day(str(data["fiscal_year_start"]))
    except ValueError:
        line, column = document.locate(("fiscal_year_start",))
        raise StandardsError(shown, line, column,
                             "fiscal_year_start must be a date in the year, MM-DD") from None


def _exchange_rates(data: dict[str, Any], document: LoadedDocument,
                    shown: str) -> dict[str, Decimal]:
    rates = {code: _decimal(rate) for code, rate in data["exchange_rates"].items()}
    if data["currency"] not in rates:
        line, column = document.locate(("exchange_rates",))
        raise StandardsError(shown, line, column,
                             f"exchange_rates has no rate for the standards' own "
                             f"currency {data['currency']}")
    return rates


def _audiences(data: dict[str, Any], document: LoadedDocument, shown: str) -> AudiencePolicy:
    try:
        return parse_policy(data.get("audiences"), plan_fields())
    except AudienceConfigError as error:
        line, column = document.locate(("audiences", *error.path))
        where = ".".join(("audiences", *error.path))
        raise StandardsError(shown, line, column, f"{where}: {error.message}") from None


def _standards(data: dict[str, Any], document: LoadedDocument, shown: str) -> Standards:
    """The Standards record from data that passed the schema."""
    overrides = _severity_overrides(data, document, shown)
    fiscal_start = _fiscal_year_start(data, document, shown)
    rates = _exchange_rates(data, document, shown)
    audiences = _audiences(data, document, shown)
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
        stage_weights={**DEFAULT_STAGE_WEIGHTS,
                       **{stage: _decimal(weight)
                          for stage, weight in (data.get("stage_weights") or {}).items()}},
        audiences=audiences,
        source=shown,
        fingerprint=document.text,
    )
