"""Property: whatever text a plan holds, the joint plan shows the shared text as
text and none of the rest, and the leak check raises no false alarm on it."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from generator.audience.build import own_words
from generator.audience.joint_plan import joint_plan, render_joint_plan
from generator.audience.leak import find_leaks
from generator.audience.policy import Audience, AudiencePolicy, PlanAudiences
from generator.model import build_plan
from tests.support import EXAMPLE

AS_OF = dt.date(2026, 11, 27)
EXAMPLE_DATA = yaml.safe_load(EXAMPLE.read_text("utf-8"))
# Text as people type it: letters in any script, digits, punctuation, markup characters.
TEXT = st.text(st.characters(categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=40)


def plan_with(shared: str, internal: str, restricted: str):  # type: ignore[no-untyped-def]
    data = yaml.safe_load(yaml.safe_dump(EXAMPLE_DATA, allow_unicode=True))
    data["conditions_of_satisfaction"][0]["title"] = shared
    data["conditions_of_satisfaction"][0]["our_commitments"] = [shared + " (ours)"]
    data["competitors"][0]["strategy"] = internal
    data["opportunities"][1]["name"] = internal + " deal"
    data["engagements"][0]["business_value"] = internal
    data["stakeholders"][0]["x_notes"] = restricted
    return build_plan(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shared=TEXT, internal=TEXT, restricted=TEXT)
def test_any_text_shared_shows_as_text_and_nothing_else_leaks(shared: str, internal: str,
                                                              restricted: str) -> None:
    plan = plan_with(shared, internal, restricted)
    policy = AudiencePolicy(our_company="Contoso")
    page = render_joint_plan(joint_plan(plan, policy, AS_OF))
    shown = str(escape(" ".join(shared.split())))  # Jinja's own escaping
    assert not shared.strip() or shown in " ".join(page.split())
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "index.html").write_text(page, "utf-8")
        leaks = find_leaks(Path(folder), PlanAudiences(plan, policy), Audience.CUSTOMER,
                           own_words("Contoso", AS_OF.isoformat()))
    assert leaks == []
