"""A throw-away git repository whose plans change over several months.

Authors and dates are set through GIT_AUTHOR_* / GIT_COMMITTER_* so the
history is the same on every run. The story (default standards: FY2027 runs
2026-07-01 .. 2027-06-30, USD):

1. 2026-07-15 Alice Chen adds `acme` (reviewed 2026-07-10) and `globex`.
2. 2026-08-20 Bob Li slips acme's opp-a: close 2027-03-31 -> 2027-04-30.
3. 2026-09-10 Carol Wu renames plans/globex.yaml -> plans/globex-corp.yaml (and
   its account id globex -> globex-corp), and shrinks acme's opp-b
   500,000 -> 350,000.
4. 2026-10-05 Alice Chen reviews acme (last_reviewed 2026-10-01), books 200,000
   and wins opp-c.
5. 2026-11-02 Bob Li slips opp-a again, out of the fiscal year: close
   2027-04-30 -> 2027-08-31.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.standards.config import Standards, load_standards

AUTHORS = {
    "alice": ("Alice Chen", "alice@example.com"),
    "bob": ("Bob Li", "bob@example.com"),
    "carol": ("Carol Wu", "carol@example.com"),
}


def git(root: Path, *args: str, env: Mapping[str, str] | None = None) -> str:
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=root, check=True, capture_output=True, text=True,
        env={**os.environ, **(env or {})})
    return done.stdout


def commit(root: Path, author: str, day: str, message: str) -> str:
    name, email = AUTHORS[author]
    stamp = f"{day}T10:00:00+00:00"
    env = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": stamp,
           "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email,
           "GIT_COMMITTER_DATE": stamp}
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, env=env)
    return git(root, "rev-parse", "HEAD").strip()


@dataclass
class Opportunity:
    id: str
    amount: int
    close: str
    stage: str = "develop"
    name: str = ""


@dataclass
class PlanState:
    """What the test varies in a plan; the rest is a fixed, valid plan."""

    account: str
    name: str
    owner: str
    last_reviewed: str
    revenue_target: int = 1_000_000
    booked: int = 0
    opportunities: list[Opportunity] = field(default_factory=list)
    satisfaction: Mapping[str, int] = field(default_factory=lambda: {"FY2026": 150})
    cos_status: str = "agreed"

    def yaml(self) -> str:
        opportunities = "".join(
            f"  - id: {o.id}\n    name: {o.name or o.id.upper()}\n    stage: {o.stage}\n"
            f"    amount: {o.amount}\n    opened: 2026-05-01\n    close: {o.close}\n"
            f"    business_value: saves 10% of costs\n    cos: [cos-1]\n"
            for o in self.opportunities)
        satisfaction = "".join(f"  {fy}: {score}\n" for fy, score in self.satisfaction.items())
        return (
            "format: 1\n"
            f"account: {{id: {self.account}, name: {self.name}, industry: Retail, "
            "segment: emerging}\n"
            f"plan: {{fiscal_year: FY2027, owner: {self.owner}, "
            f"last_reviewed: {self.last_reviewed}, summary: A plan.}}\n"
            f"team: [{{name: {self.owner}, role: Account Manager}}]\n"
            "currency: USD\n"
            "financials:\n"
            "  long_term_potential: 900000\n"
            "  addressable_revenue: {FY2026: 100000, FY2027: 150000}\n"
            f"  revenue_target: {self.revenue_target}\n"
            f"  booked_to_date: {self.booked}\n"
            "conditions_of_satisfaction:\n"
            f"  - id: cos-1\n    title: Lower costs\n    status: {self.cos_status}\n"
            "    agreed_on: 2026-06-01\n"
            f"satisfaction:\n{satisfaction}"
            f"opportunities:\n{opportunities}")


def write(root: Path, path: str, state: PlanState) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(state.yaml(), "utf-8")


@dataclass
class StoryRepo:
    root: Path
    commits: list[str]
    acme: PlanState
    globex: PlanState

    def commit_acme(self, author: str, day: str, message: str) -> str:
        """Write `acme` as the test changed it and commit it; returns the commit."""
        write(self.root, "plans/acme.yaml", self.acme)
        sha = commit(self.root, author, day, message)
        self.commits.append(sha)
        return sha


def story_repo(root: Path) -> StoryRepo:
    """The repository of the module docstring's story; returns its commits in order."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    acme = PlanState("acme", "Acme Corp", "Alice Chen", "2026-07-10", opportunities=[
        Opportunity("opp-a", 800_000, "2027-03-31"),
        Opportunity("opp-b", 500_000, "2027-05-31"),
        Opportunity("opp-c", 300_000, "2027-02-28"),
    ])
    globex = PlanState("globex", "Globex", "Bob Li", "2026-07-01", opportunities=[
        Opportunity("opp-g", 400_000, "2027-01-31"),
    ])
    commits = []
    write(root, "plans/acme.yaml", acme)
    write(root, "plans/globex.yaml", globex)
    commits.append(commit(root, "alice", "2026-07-15", "Add the acme and globex plans"))

    acme.opportunities[0].close = "2027-04-30"
    write(root, "plans/acme.yaml", acme)
    commits.append(commit(root, "bob", "2026-08-20", "acme: opp-a slips a month"))

    (root / "plans/globex.yaml").unlink()
    globex.account = "globex-corp"
    write(root, "plans/globex-corp.yaml", globex)
    acme.opportunities[1].amount = 350_000
    write(root, "plans/acme.yaml", acme)
    commits.append(commit(root, "carol", "2026-09-10", "Rename globex; acme opp-b shrinks"))

    acme.last_reviewed = "2026-10-01"
    acme.booked = 200_000
    acme.opportunities[2].stage = "won"
    write(root, "plans/acme.yaml", acme)
    commits.append(commit(root, "alice", "2026-10-05", "acme: quarterly review"))

    acme.opportunities[0].close = "2027-08-31"
    write(root, "plans/acme.yaml", acme)
    commits.append(commit(root, "bob", "2026-11-02", "acme: opp-a slips out of the year"))
    return StoryRepo(root, commits, acme, globex)


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> StoryRepo:
    """The story repository (built once per test module; tests must not change it)."""
    return story_repo(tmp_path_factory.mktemp("story") / "repo")


@pytest.fixture
def fresh_story(tmp_path: Path) -> StoryRepo:
    """A story repository of the test's own, which it may add commits to."""
    return story_repo(tmp_path / "repo")


@pytest.fixture(scope="module")
def default_standards() -> Standards:
    return load_standards(None)
