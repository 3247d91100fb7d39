"""The customer's joint plan prints cleanly: A4, a few pages, no contents list."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.support import EXAMPLE
from tests.support.site_projects import make_project, planbook

pytestmark = pytest.mark.browser


def test_the_example_joint_plan_prints_on_at_most_three_a4_pages(chromium: Any,
                                                                tmp_path: Path) -> None:
    config = make_project(tmp_path / "repo", [EXAMPLE])
    outcome = planbook("build", "--config", config, "--audience", "customer",
                       "--account", "jinghua-grid", "--as-of", "2026-11-27")
    assert outcome.code == 0, outcome.err
    page_file = tmp_path / "repo" / "joint-plans" / "jinghua-grid" / "index.html"
    page = chromium.new_page()
    try:
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(page_file.as_uri())
        page.emulate_media(media="print")
        assert page.locator("nav").is_hidden()
        assert page.locator("article.cos").count() == 2
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        page.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 3
    # A4 is 210 x 297 mm: 595 x 842 points
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(round(float(w)) == 595 and round(float(h)) == 842 for w, h in boxes)
    assert requests == [page_file.as_uri()]  # self-contained: nothing else fetched
