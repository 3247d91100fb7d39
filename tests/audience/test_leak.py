"""The leak check's rule for what it searches for, and how it finds it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.audience.leak import find_leaks
from generator.audience.policy import Audience, AudiencePolicy, PlanAudiences
from generator.model import build_plan
from tests.support import EXAMPLE


def leaks_in(tmp_path: Path, page: str, change: dict[str, object] | None = None,
             own_words: tuple[str, ...] = ()) -> set[str]:
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    for path, value in (change or {}).items():
        section, index, name = path.split(".")
        data[section][int(index)][name] = value
    plan = build_plan(data)
    (tmp_path / "out").mkdir(exist_ok=True)
    (tmp_path / "out" / "index.html").write_text(page, "utf-8")
    found = find_leaks(tmp_path / "out", PlanAudiences(plan, AudiencePolicy()),
                       Audience.CUSTOMER, own_words)
    return {leak.path for leak in found}


@pytest.mark.parametrize(("page", "leaked"), [
    ("<td>Huawei Cloud</td>", "competitors[0].name"),
    ("<td>HUAWEI   cloud</td>", "competitors[0].name"),              # case and spacing
    ("<td>Digital&#32;China</td>", "partners[1].name"),               # HTML entities
    ('{"t": "Tie E5 security value to the cost COS."}', "competitors[1].strategy"),
    ("<td>19,500,000</td>", "opportunities[0].amount"),              # grouped amount
    ("<td>CNY 19500000</td>", "opportunities[0].amount"),            # plain amount
    ("<td>Sun Li</td>", "stakeholders[2].name"),                     # named in no shared field
    ("<td>skeptic</td>", "stakeholders[2].stance"),
])
def test_hidden_values_are_found_however_written(tmp_path: Path, page: str, leaked: str
                                                 ) -> None:
    assert leaked in leaks_in(tmp_path, page)


def test_high_influence_is_a_leak(tmp_path: Path) -> None:
    assert "stakeholders[0].influence" in leaks_in(tmp_path, "<p>influence: high</p>")


@pytest.mark.parametrize("page", [
    "<p>EA, cio, won, low, CNY, 0.7</p>",   # under 4 characters: too common to search for
    "<p>the developer conference</p>",      # `develop` (a stage) only as a whole word
    "<p>2027-06-15</p>",                    # dates are not searched for
    "<p>Zhang Ming 张明, Chief Information Officer</p>",  # named by a shared COS
    "<p>Li Wei</p>",                        # plan.owner, also a shared COS's our_owner
])
def test_common_words_and_shared_values_are_not_leaks(tmp_path: Path, page: str) -> None:
    assert leaks_in(tmp_path, page) == set()


def test_a_word_in_a_shared_value_or_the_pages_own_words_is_not_searched(tmp_path: Path
                                                                         ) -> None:
    assert "stakeholders[0].relationship" in leaks_in(tmp_path, "<p>strong</p>")
    shared_title = {"conditions_of_satisfaction.0.title": "A strong dispatch platform"}
    assert "stakeholders[0].relationship" not in leaks_in(tmp_path, "<p>strong</p>", shared_title)
    assert "stakeholders[0].relationship" not in leaks_in(tmp_path, "<p>strong</p>",
                                                          own_words=("font: strong",))


def test_a_short_han_name_is_still_searched(tmp_path: Path) -> None:
    change = {"stakeholders.2.local_name": "孙立"}
    assert "stakeholders[2].local_name" in leaks_in(tmp_path, "<p>孙立</p>", change)


def test_a_value_written_json_escaped_is_found(tmp_path: Path) -> None:
    # json.dumps' default ensure_ascii writes 孙立 as \u5b59\u7acb: still the hidden name.
    change = {"stakeholders.2.local_name": "孙立"}
    page = '{"t": "\\u5b59\\u7acb"}'
    assert "stakeholders[2].local_name" in leaks_in(tmp_path, page, change)
