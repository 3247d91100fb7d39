"""The Jinja environment escapes whatever a template prints, filter or not."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup

from generator.render.environment import environment

TEMPLATES = Path(__file__).parents[2] / "generator" / "render" / "templates"


def _render(source: str, **values: object) -> str:
    return environment().from_string(source).render(page_path="index.md", **values)


def test_a_forgotten_filter_still_escapes() -> None:
    shown = _render("{{ value }}", value="<script>alert(1)</script> [x](javascript:y)")
    assert shown == ("&lt;script&gt;alert\\(1\\)&lt;/script&gt; "
                     "\\[x\\]\\(javascript:y\\)")


def test_concatenation_cannot_smuggle_text_past_escaping() -> None:
    # `~` builds a plain string, so the whole result is escaped again.
    assert _render("{{ safe ~ value }}", safe=Markup("**"), value="<b>") == "\\*\\*&lt;b&gt;"


def test_values_print_in_page_form() -> None:
    assert _render("{{ a }}|{{ b }}|{{ c }}|{{ d }}|{{ e }}",
                   a=None, b=Decimal("48000000"), c=dt.date(2026, 11, 27), d=131,
                   e=["a_b", "c"]) == "—|48,000,000|2026-11-27|131|a\\_b, c"


def test_undefined_names_fail_loudly() -> None:
    with pytest.raises(jinja2.UndefinedError):
        _render("{{ missing }}")


def test_safe_is_only_used_on_macro_output() -> None:
    for template in TEMPLATES.glob("*.md.j2"):
        for expression in re.findall(r"\{\{(.*?)\}\}", template.read_text("utf-8")):
            if "safe" in expression:
                assert re.fullmatch(r"\s*m\.\w+\(.*\)\s*\|\s*safe\s*", expression) or \
                    re.fullmatch(r"\s*\w+\(.*\)\s*\|\s*safe\s*", expression), (
                        template.name, expression)
