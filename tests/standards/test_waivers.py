"""Waivers exactly as the spec defines them, checked end to end on the example plan.

As of 2026-11-27 the example plan's deployment finding on "Azure Monetary
Commitment" is covered by a waiver approved by Zhou Min (the owner is Li Wei).
Each case edits that one waiver and looks at what `check` reports: the waiver
rules' findings and whether the deployment finding is still waived.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.checker import check_paths
from generator.findings import Finding
from generator.standards.config import load_standards
from tests.support import AS_OF, EXAMPLE

STANDARDS = load_standards(None)
MAX_DAYS = STANDARDS.waiver_max_days  # 180 in the built-in standards
WAIVER = """  - rule: deployment
    item: Azure Monetary Commitment    # optional: limits the waiver to findings about this item
    reason: Consumption ramps when dispatch analytics goes live in Q3 FY2027.
    approved_by: Zhou Min
    expires: 2027-03-31
"""


def check(tmp_path: Path, *, expires: dt.date = dt.date(2027, 3, 31),
          approved_by: str = "Zhou Min", item: str = "Azure Monetary Commitment",
          rule: str = "deployment") -> list[Finding]:
    text = EXAMPLE.read_text("utf-8")
    assert WAIVER in text
    text = text.replace(WAIVER, f"""  - rule: {rule}
    item: {item}
    reason: Consumption ramps when dispatch analytics goes live in Q3 FY2027.
    approved_by: {approved_by}
    expires: {expires.isoformat()}
""")
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / EXAMPLE.name).write_text(text, "utf-8")
    return list(check_paths([folder], STANDARDS, AS_OF).result.findings)


def waiver_rules(findings: list[Finding]) -> list[str]:
    return sorted(f.rule for f in findings if f.rule.startswith("waiver-"))


def deployment_waived(findings: list[Finding]) -> bool:
    [finding] = [f for f in findings if f.rule == "deployment"]
    assert finding.item == "Azure Monetary Commitment"
    return finding.waived


def test_the_example_waiver_covers_its_finding(tmp_path: Path) -> None:
    findings = check(tmp_path)
    assert waiver_rules(findings) == []
    assert deployment_waived(findings)


@pytest.mark.parametrize(("days", "expired"), [(-1, True), (0, False), (1, False)],
                         ids=["day-before-as-of", "on-as-of", "day-after-as-of"])
def test_a_waiver_expires_after_its_last_day(tmp_path: Path, days: int, expired: bool) -> None:
    findings = check(tmp_path, expires=AS_OF + dt.timedelta(days=days))
    assert waiver_rules(findings) == (["waiver-expired"] if expired else [])
    # An expired waiver waives nothing: the finding it covered is back.
    assert deployment_waived(findings) is not expired
    if expired:
        [finding] = [f for f in findings if f.rule == "waiver-expired"]
        assert finding.severity.value == "error"
        assert "expired on 2026-11-26" in finding.message


def test_the_owner_cannot_approve_a_waiver_of_their_own_plan(tmp_path: Path) -> None:
    findings = check(tmp_path, approved_by="Li Wei")
    assert waiver_rules(findings) == ["waiver-approval"]
    assert not deployment_waived(findings)
    [finding] = [f for f in findings if f.rule == "waiver-approval"]
    assert "approved by the plan's owner (Li Wei)" in finding.message


@pytest.mark.parametrize(("days", "too_long"), [(MAX_DAYS, False), (MAX_DAYS + 1, True)],
                         ids=["waiver-max-days", "one-day-more"])
def test_a_waiver_runs_at_most_waiver_max_days(tmp_path: Path, days: int,
                                               too_long: bool) -> None:
    findings = check(tmp_path, expires=AS_OF + dt.timedelta(days=days))
    assert waiver_rules(findings) == (["waiver-approval"] if too_long else [])
    assert deployment_waived(findings) is not too_long
    if too_long:
        [finding] = [f for f in findings if f.rule == "waiver-approval"]
        assert f"more than {MAX_DAYS} days past the as-of date" in finding.message


def test_the_owner_and_too_long_are_one_finding(tmp_path: Path) -> None:
    findings = check(tmp_path, approved_by="Li Wei",
                     expires=AS_OF + dt.timedelta(days=MAX_DAYS + 1))
    assert waiver_rules(findings) == ["waiver-approval"]
    [finding] = [f for f in findings if f.rule == "waiver-approval"]
    assert "plan's owner" in finding.message and f"{MAX_DAYS} days" in finding.message


def test_an_expired_waiver_is_not_also_unused(tmp_path: Path) -> None:
    # Matches no finding (no such item) and has expired: only waiver-expired.
    findings = check(tmp_path, item="Azure Stack", expires=AS_OF - dt.timedelta(days=1))
    assert waiver_rules(findings) == ["waiver-expired"]
    assert not deployment_waived(findings)


def test_a_current_waiver_that_matches_nothing_is_unused(tmp_path: Path) -> None:
    findings = check(tmp_path, item="Azure Stack")
    assert waiver_rules(findings) == ["waiver-unused"]
    [finding] = [f for f in findings if f.rule == "waiver-unused"]
    assert finding.severity.value == "warning"
    assert not deployment_waived(findings)


def test_a_waiver_covers_only_its_own_rule(tmp_path: Path) -> None:
    findings = check(tmp_path, rule="competition")
    assert "waiver-unused" in waiver_rules(findings)
    assert not deployment_waived(findings)
