"""The plan skeleton that `planbook new` writes.

The skeleton names every section of the format with a plain-words comment and
the allowed values. Its placeholders pass the schema and every structural
rule, so the first `planbook check` reports only quality standards — each
one telling the author what to fill in next (a COS, the LTP, AR, executives…).
The text lives in templates/plan-skeleton.yaml.j2, so it reads as the file it
writes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from functools import cache
from pathlib import Path

import jinja2

from generator.money import format_money
from generator.standards import calendar
from generator.standards.config import Standards

TEMPLATE = "plan-skeleton.yaml.j2"
ACCOUNT_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
FISCAL_YEAR = re.compile(r"FY\d{4}")
CURRENCY = re.compile(r"[A-Z]{3}")
DEFAULT_OWNER = "TODO your name"
#: the schema's limits (plan.schema.json): an id, a person's name
MAX_ID, MAX_NAME = 64, 200

# Text YAML would read as something else, or that needs quotes to stay text.
_PLAIN = re.compile(r"[^\W\d_][\w .,'()&/-]*", re.UNICODE)
_YAML11_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"})


class SkeletonError(ValueError):
    """A value `planbook new` cannot put in a plan; str() is the message."""


def check_account_id(account_id: str) -> None:
    if len(account_id) > MAX_ID:
        raise SkeletonError(f"the account id is {len(account_id)} characters long; at most "
                            f"{MAX_ID} fit (it names the plan's file and page)")
    if not ACCOUNT_ID.fullmatch(account_id):
        raise SkeletonError(
            f"`{account_id}` is not an account id: use lower-case letters, digits and "
            "hyphens, starting with a letter or digit (for example jinghua-grid)")


def check_owner(owner: str) -> None:
    """A person's name: not empty, not too long, no line breaks or control characters.

    U+2028, U+0085 and their kind are line breaks to YAML 1.1: written into
    the skeleton they would split the name, and the plan would fail its own check.
    """
    if not owner.strip():
        raise SkeletonError("--owner: give the account manager's name")
    if len(owner.strip()) > MAX_NAME:
        raise SkeletonError(f"--owner: the name is {len(owner.strip())} characters long; at "
                            f"most {MAX_NAME} fit")
    hidden = [char for char in owner
              if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")]
    if hidden:
        raise SkeletonError(f"--owner: a name cannot hold line breaks or control characters "
                            f"(U+{ord(hidden[0]):04X} found)")


def check_fiscal_year(label: str) -> None:
    if not FISCAL_YEAR.fullmatch(label):
        raise SkeletonError(f"`{label}` is not a fiscal year: write FY and the year it "
                            "ends in, for example FY2027")


def check_currency(code: str, standards: Standards) -> None:
    if not CURRENCY.fullmatch(code):
        raise SkeletonError(f"`{code}` is not a currency code: use three capital letters, "
                            "for example CNY, USD or EUR")
    if code not in standards.exchange_rates:
        known = ", ".join(sorted(standards.exchange_rates))
        raise SkeletonError(f"the standards have no exchange rate for {code} (they know "
                            f"{known}): ask sales management to add it to standards.yaml")


def yaml_text(value: str) -> str:
    """`value` as a YAML scalar that YAML 1.1 and 1.2 both read as this text."""
    if _PLAIN.fullmatch(value) and value.lower() not in _YAML11_WORDS and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string


def schema_reference(plan_folder: Path, schema_file: Path) -> str:
    """The schema's path as the editor resolves it: relative to the plan's folder."""
    try:
        return Path(os.path.relpath(schema_file.resolve(), plan_folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return schema_file.resolve().as_uri()


def _min_ltp_text(standards: Standards) -> str:
    parts = [f"{format_money(amount, standards.currency)} ({segment})"
             for segment, amount in standards.min_ltp.items()]
    return " or ".join(parts) if parts else "the standard's minimum"


def _pad(value: str, width: int) -> str:
    # Keeps the trailing comments in a column when the value is short.
    return " " * max(1, width - len(value))


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # YAML, not HTML: values are quoted by yaml_text instead
    )
    environment.globals["pad"] = _pad
    return environment


def render_skeleton(account_id: str, *, owner: str, fiscal_year: str, currency: str,
                    standards: Standards, today: dt.date, schema_ref: str,
                    plan_file: str) -> str:
    """The text of a new plan; raises SkeletonError for a value it cannot hold."""
    check_account_id(account_id)
    check_fiscal_year(fiscal_year)
    check_currency(currency, standards)
    check_owner(owner)
    owner_text = yaml_text(owner.strip())
    return _environment().get_template(TEMPLATE).render(
        account_id=account_id,
        file_name=f"{account_id}.yaml",
        plan_file=plan_file,
        owner=owner_text,
        fiscal_year=fiscal_year,
        year_before=calendar.previous_fiscal_year(fiscal_year),
        currency=currency,
        today=today.isoformat(),
        schema_ref=schema_ref,
        standards=standards,
        min_ltp_text=_min_ltp_text(standards),
        min_ratio_text=f"{standards.deployment_min_ratio * 100:.0f}%",
    )


def current_fiscal_year(standards: Standards, today: dt.date) -> str:
    return calendar.fiscal_year_of(today, standards.fiscal_year_start)
