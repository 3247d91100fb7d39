"""Property tests for matching findings across two revisions (the gate's core):
moving, reordering or renaming never introduces or fixes anything, and what is
added is exactly what is introduced."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.diff.findings import compare_findings
from generator.findings import Finding, Severity

FINDINGS = st.lists(st.builds(
    Finding,
    rule=st.sampled_from(["close-date", "competition", "cos-reciprocal", "manager-load"]),
    severity=st.sampled_from([Severity.ERROR, Severity.WARNING]),
    file=st.sampled_from(["plans/a.yaml", "plans/b.yaml"]),
    line=st.integers(1, 500), column=st.integers(1, 20),
    account=st.sampled_from(["acme", "globex", None]),
    message=st.sampled_from(["late", "missing on line 4", "coverage 0.8"]),
    item=st.sampled_from([None, "opp-1", "opp-2"]),
), max_size=12)


@settings(max_examples=150, deadline=None)
@given(FINDINGS, st.randoms(use_true_random=False), st.integers(0, 50))
def test_moved_and_reordered_findings_are_the_same(findings: list[Finding], rng: object,
                                                   shift: int) -> None:
    moved = [replace(f, line=f.line + shift) for f in findings]
    rng.shuffle(moved)  # type: ignore[attr-defined]
    assert compare_findings(findings, moved).empty


@settings(max_examples=150, deadline=None)
@given(FINDINGS)
def test_a_renamed_account_keeps_its_findings(findings: list[Finding]) -> None:
    renamed = [replace(f, account="acme-renamed") if f.account == "acme" else f
               for f in findings]
    assert compare_findings(findings, renamed, {"acme": "acme-renamed"}).empty


@settings(max_examples=150, deadline=None)
@given(FINDINGS, FINDINGS)
def test_what_is_added_is_introduced_and_what_is_removed_is_fixed(
        kept: list[Finding], added: list[Finding]) -> None:
    changes = compare_findings(kept, kept + added)
    assert len(changes.introduced) == len(added) and not changes.fixed
    changes = compare_findings(kept + added, kept)
    assert len(changes.fixed) == len(added) and not changes.introduced
