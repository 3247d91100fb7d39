"""The one test that reads the repository's own plans/: every plan there is
read (valid YAML, named after its account) and the site builds a page for each.

Plans in plans/ are whatever the account managers have written today, a fresh
`planbook new` skeleton included (never reviewed, so a schema finding until its
first review): the site must still build, and findings are the standards' job,
not this test's.

Every other test uses the fixture plans under tests/fixtures/, so editing or
adding a sample plan never changes what they check.
"""

from __future__ import annotations

import pytest

from generator.checker import check_paths
from generator.standards.config import load_standards
from generator.standards.registry import rules_by_id
from tests.support import AS_OF, REPO
from tests.support.site_projects import build, make_project

SAMPLE_PLANS = sorted((REPO / "plans").glob("*.yaml"))


def test_every_sample_plan_loads_and_the_site_builds(tmp_path_factory: pytest.TempPathFactory,
                                                     ) -> None:
    assert SAMPLE_PLANS, "plans/ holds no sample plan"
    standards = load_standards(REPO / "standards.yaml")
    run = check_paths([REPO / "plans"], standards, AS_OF)
    assert len(run.plans) == len(SAMPLE_PLANS)
    unreadable = {"yaml-syntax", "yaml-unsafe", "yaml-duplicate-key", "file-name",
                  "duplicate-id"}
    assert unreadable <= {r.id for r in rules_by_id().values() if r.structural}
    broken = [(f.file, f.line, f.rule, f.message) for f in run.result.findings
              if f.rule in unreadable]
    assert broken == []

    root = tmp_path_factory.mktemp("samples")
    outcome = build(make_project(root, SAMPLE_PLANS), root / "site")
    assert outcome.code == 0, outcome.err
    for plan in SAMPLE_PLANS:
        assert (root / "site" / "accounts" / f"{plan.stem}.html").is_file()
