"""Findings a change introduces, fixes and newly waives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.diff.findings import check_documents, compare_findings, finding_key
from generator.findings import Finding, Severity, WaiverNote
from generator.loader import load_yaml_text
from generator.standards.config import load_standards

EXAMPLE = Path(__file__).parents[1] / "fixtures" / "example-plan" / "jinghua-grid.yaml"


def finding(rule: str = "close-date", *, line: int = 10, message: str = "it is late",
            waived: bool = False, account: str = "acme", item: str | None = None) -> Finding:
    return Finding(rule=rule, severity=Severity.ERROR, file="plans/acme.yaml", line=line,
                   column=5, account=account, message=message, item=item, waived=waived,
                   waiver=WaiverNote("ok", "Zhou Min", "2027-01-01") if waived else None)


def test_matching_ignores_where_a_finding_points() -> None:
    before = finding(line=10, message="`a` repeats the key on line 4")
    after = finding(line=40, message="`a` repeats the key on line 34")
    assert finding_key(before) == finding_key(after)
    assert compare_findings([before], [after]).empty


def test_introduced_and_fixed() -> None:
    kept, gone, new = finding("close-date"), finding("competition"), finding("cos-present")
    changes = compare_findings([kept, gone], [kept, new])
    assert changes.introduced == (new,)
    assert changes.fixed == (gone,)
    assert changes.waived == ()


def test_items_tell_findings_of_one_rule_apart() -> None:
    one, other = finding(item="opp-a"), finding(item="opp-b")
    changes = compare_findings([one], [other])
    assert (changes.introduced, changes.fixed) == ((other,), (one,))


def test_counted_not_deduplicated() -> None:
    same = finding()
    assert compare_findings([same], [same, same]).introduced == (same,)


def test_newly_waived_is_neither_fixed_nor_introduced() -> None:
    open_finding, waived = finding(), finding(waived=True)
    changes = compare_findings([open_finding], [waived])
    assert changes.waived == (waived,)  # the head's finding, which names the waiver
    assert changes.fixed == () and changes.introduced == ()


def test_a_removed_waiver_introduces_its_finding() -> None:
    waived, open_finding = finding(waived=True), finding()
    assert compare_findings([waived], [open_finding]).introduced == (open_finding,)


def test_findings_of_deleted_plans_are_set_apart() -> None:
    gone = finding(account="old")
    changes = compare_findings([gone], []).set_apart_deleted({"old"})
    assert (changes.fixed, changes.deleted) == ((), (gone,))


def test_check_documents_runs_portfolio_rules(tmp_path: Path) -> None:
    # Two plans with one account id: the duplicate-id rule looks across plans.
    text = EXAMPLE.read_text("utf-8")
    documents = [load_yaml_text(text, tmp_path / "plans" / name)
                 for name in ("jinghua-grid.yaml", "jinghua-grid.yml")]
    findings = check_documents(documents, load_standards(None), dt.date(2026, 11, 27))
    assert "duplicate-id" in {f.rule for f in findings}


def test_a_finding_whose_figures_changed_is_the_same_finding() -> None:
    before = finding("pipeline-coverage", message="coverage is 0.8 of the 1.25 required")
    after = finding("pipeline-coverage", message="coverage is 0.9 of the 1.25 required")
    assert compare_findings([before], [after]).empty


def test_same_messages_are_paired_first() -> None:
    # Two findings of one rule and item: the one whose message is unchanged is
    # kept, the other is the change's.
    kept = finding("business-value", message="no number in `business_value`")
    gone = finding("business-value", message="no `business_value`")
    new = finding("business-value", message="something else")
    changes = compare_findings([gone, kept], [kept, new])
    assert changes.empty  # counted by (rule, account, item): 2 before, 2 after
    three = finding("business-value", message="a third")
    introduced = compare_findings([gone, kept], [kept, new, three]).introduced
    assert len(introduced) == 1 and introduced[0] is not kept  # kept matched its twin


def test_a_renamed_account_keeps_its_findings() -> None:
    before = finding("competition", account="brightwater-markets")
    after = finding("competition", account="brightwater-capital")
    assert compare_findings([before], [after]).introduced == (after,)
    changes = compare_findings([before], [after],
                               {"brightwater-markets": "brightwater-capital"})
    assert changes.empty
