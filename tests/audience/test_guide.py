"""The guide for sharing the joint plan shows a command that works, and its screenshot."""

from __future__ import annotations

import re
import shlex

from generator.cli import build_parser
from tests.support import REPO

GUIDE = REPO / "docs" / "guide" / "share-with-the-customer.md"


def test_the_guide_shows_the_command_the_cli_accepts() -> None:
    text = GUIDE.read_text("utf-8")
    command = re.search(r"```sh\n(planbook build [^\n]+)\n```", text)
    assert command is not None
    args = build_parser().parse_args(shlex.split(command.group(1))[1:])
    assert (args.audience, args.account) == ("customer", "jinghua-grid")


def test_the_guide_shows_a_small_screenshot_of_the_joint_plan() -> None:
    text = GUIDE.read_text("utf-8")
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", text)
    assert images == ["../assets/joint-plan.png"]
    picture = (GUIDE.parent / images[0]).resolve()
    assert picture.read_bytes().startswith(b"\x89PNG") and picture.stat().st_size < 100_000
