"""Schema findings: what is wrong, where, and how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.loader import load_yaml_text
from generator.validate import plan_schema, validate_document


def _schema_findings(text: str) -> list[tuple[int, int, str]]:
    document = load_yaml_text(text, Path("jinghua-grid.yaml"))
    return [(*document.position_of(p), p.message) for p in validate_document(document)]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1)
                if needle in line and not line.startswith("#"))


def test_example_plan_is_valid(example_text: str) -> None:
    assert _schema_findings(example_text) == []


def test_schema_is_draft_2020_12() -> None:
    assert plan_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_unknown_key_names_the_closest_known_key(example_text: str) -> None:
    text = example_text.replace("    footprint: Private cloud", "    footprnt: Private cloud")
    [(line, column, message)] = _schema_findings(text)
    assert (line, column) == (_line_of(text, "footprnt"), 5)
    assert "unknown key `footprnt`" in message and "did you mean `footprint`?" in message


def test_x_keys_are_allowed_anywhere(example_text: str) -> None:
    text = example_text.replace("format: 1\n", "format: 1\nx_crm_id: 'A-1'\n").replace(
        "    name: EA renewal FY2028\n", "    name: EA renewal FY2028\n    x_forecast: commit\n")
    assert _schema_findings(text) == []


def test_missing_required_field_points_at_the_enclosing_key(example_text: str) -> None:
    text = example_text.replace("  owner: Li Wei                    # the account manager;"
                                " must be a member of team\n", "")
    [(line, column, message)] = _schema_findings(text)
    assert (line, column) == (_line_of(text, "plan:"), 1)
    assert "`owner` is required" in message


def test_empty_required_text_counts_as_missing(example_text: str) -> None:
    text = example_text.replace("  industry: Power & Utilities", '  industry: ""')
    [(line, column, message)] = _schema_findings(text)
    assert (line, column) == (_line_of(text, "industry:"), 3)
    assert "empty" in message


@pytest.mark.parametrize(("value", "hint"), [("NO", '"NO"'), ("on", '"on"'), ("1.0", '"1.0"')])
def test_yaml_11_non_text_where_text_is_expected_suggests_quotes(
        example_text: str, value: str, hint: str) -> None:
    text = example_text.replace("  headquarters: Beijing", f"  headquarters: {value}")
    [(line, _column, message)] = _schema_findings(text)
    assert line == _line_of(text, "headquarters:")
    assert f"write it in quotes ({hint})" in message


def test_digit_separators_are_flagged(example_text: str) -> None:
    text = example_text.replace("long_term_potential: 48000000", "long_term_potential: 48_000_000")
    [(line, column, message)] = _schema_findings(text)
    assert (line, column) == (_line_of(text, "long_term_potential"), 3)
    assert "48_000_000" in message


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("segment: mature ", "segment: large ", "one of: mature, emerging"),
        ("fiscal_year: FY2027", "fiscal_year: FY27", "FY and four digits"),
        ("    close: 2027-03-31", "    close: 31/03/2027", "YYYY-MM-DD"),
        ("currency: CNY", "currency: yuan", "ISO 4217"),
        ("    probability: 0.7", "    probability: 70", "between 0 and 1"),
        ("    amount: 19500000", "    amount: lots", "expected a number, found text"),
        ("format: 1", "format: 2", "must be 1"),
        ("  id: jinghua-grid ", "  id: Jinghua_Grid ", "lower-case letters"),
    ],
)
def test_wrong_values_explain_what_is_allowed(example_text: str, old: str, new: str,
                                              needle: str) -> None:
    assert old in example_text
    text = example_text.replace(old, new, 1)
    findings = _schema_findings(text)
    assert len(findings) == 1, findings
    line, _column, message = findings[0]
    assert line == _line_of(text, new.strip())
    assert needle in message


def test_wrong_type_for_a_whole_section(example_text: str) -> None:
    text = example_text.replace("currency: CNY\n", "currency: CNY\nopportunities_x: 1\n")
    text = text.replace("opportunities:\n", "opportunities: none\nx_old_opportunities:\n")
    findings = _schema_findings(text)
    messages = [m for _l, _c, m in findings]
    assert any("opportunities: expected a list" in m for m in messages)
    assert any("unknown key `opportunities_x`" in m for m in messages)


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_non_finite_amounts_are_schema_findings(example_text: str, value: str) -> None:
    text = example_text.replace("revenue_target: 29000000", f"revenue_target: {value}")
    findings = _schema_findings(text)
    assert len(findings) == 1
    line, _column, message = findings[0]
    assert line == _line_of(text, "revenue_target:")
    assert "finite number" in message or "out of range" in message


# --- issue 10 item 10: each missing key once; non-finite amounts beside other errors ----

def test_each_missing_required_key_is_reported_once(example_text: str) -> None:
    data = yaml.safe_load(example_text)
    for section, key in (("account", "industry"), ("account", "segment"), ("plan", "owner"),
                         ("plan", "summary"), ("financials", "revenue_target")):
        del data[section][key]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    messages = [m for _l, _c, m in _schema_findings(text)]
    assert len(messages) == 5, messages  # 11 on the main of issue 10
    for key in ("industry", "segment", "owner", "summary", "revenue_target"):
        assert sum(f"`{key}` is required" in m for m in messages) == 1


@pytest.mark.parametrize("value", [".nan", "1.0e+400"])
def test_non_finite_amounts_are_reported_beside_other_errors(example_text: str,
                                                            value: str) -> None:
    text = example_text.replace("revenue_target: 29000000", f"revenue_target: {value}")
    text = text.replace("segment: mature ", "segment: large ")
    messages = [m for _l, _c, m in _schema_findings(text)]
    assert any("financials.revenue_target: must be a finite number" in m for m in messages)
    assert any('"large" is not allowed' in m for m in messages)


# --- messages that teach ---------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "needle"), [
    ("    amount: 19500000", '    amount: "2,500,000"',
     'opportunity opp-ea-renewal, amount: expected a number, found text "2,500,000"; '
     "write plain digits: 2500000"),
    ("    amount: 19500000", "    amount: $1.2M", "write plain digits: 1200000"),
    ("    close: 2027-03-31", "    close: 27/11/2026",
     '"27/11/2026" is not a date written YYYY-MM-DD, e.g. 2027-03-31; write the date as '
     "YYYY-MM-DD: 2026-11-27"),
    ("    probability: 0.7", "    probability: 70", "write a share as a fraction: 0.7 for 70%"),
])
def test_messages_quote_the_value_and_give_the_fix(example_text: str, old: str, new: str,
                                                   needle: str) -> None:
    assert old in example_text
    text = example_text.replace(old, new, 1)
    messages = [m for _l, _c, m in _schema_findings(text)]
    assert any(needle in m for m in messages), messages


def test_items_are_named_as_the_author_knows_them(example_text: str) -> None:
    text = example_text.replace("    level: cio", "    level: boss", 1)
    [(_line, _column, message)] = _schema_findings(text)
    assert message.startswith('stakeholder "Zhang Ming", level: "boss" is not allowed')
