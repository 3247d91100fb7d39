"""Hints for common slips: amounts with separators or suffixes, dates day-first."""

from __future__ import annotations

import pytest

from generator.hints import amount_hint, date_hint, iso_date, plain_amount


@pytest.mark.parametrize(("written", "plain"), [
    ("2,500,000", "2500000"), ("$1.2M", "1200000"), ("500K", "500000"),
    ("USD 3,000", "3000"), ("€2.5 million", "2500000"), ("1 200 000", "1200000"),
    ("¥48m", "48000000"), ("0.5bn", "500000000"),
])
def test_plain_amount(written: str, plain: str) -> None:
    assert plain_amount(written) == plain
    assert f"write plain digits: {plain}" in amount_hint(written)


@pytest.mark.parametrize("written", ["lots", "2500000", "TBD", "1.2X"])
def test_unrecognised_amounts_get_the_general_rule(written: str) -> None:
    assert plain_amount(written) is None
    assert "plain digits" in amount_hint(written)


@pytest.mark.parametrize(("written", "iso"), [
    ("27/11/2026", "2026-11-27"), ("31.03.2027", "2027-03-31"), ("2026/11/27", "2026-11-27"),
    ("03/04/2026", "2026-04-03 or 2026-03-04"), ("5/5/2026", "2026-05-05"),
])
def test_iso_date(written: str, iso: str) -> None:
    assert iso_date(written) == iso
    assert iso in date_hint(written)


@pytest.mark.parametrize("written", ["soon", "31/31/2026", "Q3"])
def test_unrecognised_dates_get_the_format(written: str) -> None:
    assert iso_date(written) is None
    assert "YYYY-MM-DD" in date_hint(written)
