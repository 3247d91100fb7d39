"""A site built once for the tests that only read it (sample, example and hostile plans)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.site_projects import (
    EXAMPLE_PLAN,
    HOSTILE_PLAN,
    SAMPLE_PLANS,
    BuiltSite,
    build,
    make_project,
)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    plans = (*SAMPLE_PLANS, EXAMPLE_PLAN, HOSTILE_PLAN)
    root = tmp_path_factory.mktemp("repo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANBOOK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        config = make_project(root, plans)
        outcome = build(config, root / "site")
    assert outcome.code == 0, outcome.err
    yield BuiltSite(root, root / "site", outcome, tuple(p.stem for p in plans))
