"""The shared drawing kit: escaping, rounding, labels and axis scales."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.charts import svg


def test_text_and_attributes_are_escaped_for_xml() -> None:
    assert svg.text('<script>&"') == '&lt;script&gt;&amp;"'
    # XML 1.0 cannot hold most control characters: they are dropped, not kept.
    assert svg.text("Li\x01 Wei\x0b") == "Li Wei"


@pytest.mark.parametrize(("value", "shown"), [
    (12.0, "12"), (12.04, "12"), (12.05, "12.1"), (-0.01, "0"), (311.25, "311.2"), (7.96, "8"),
])
def test_coordinates_keep_one_decimal(value: float, shown: str) -> None:
    assert svg.num(value) == shown


@pytest.mark.parametrize(("amount", "shown"), [
    (Decimal(5300000), "5.3M"), (Decimal(850000), "850K"), (Decimal(42), "42"),
    (Decimal(29000000), "29M"), (Decimal(1250), "1.3K"), (Decimal(2_500_000_000), "2.5B"),
    (Decimal(-3550000), "-3.6M"),
])
def test_compact_amounts(amount: Decimal, shown: str) -> None:
    assert svg.compact(amount) == shown


def test_grouped_and_percent() -> None:
    assert svg.grouped(Decimal("5724000.00")) == "5,724,000"
    assert svg.percent(Decimal("0.455")) == "46%"


@pytest.mark.parametrize(("value", "ceiling"), [
    (5300000, 10000000), (1310000, 2000000), (2050000, 2500000), (90, 100), (0, 1), (4.9, 5),
])
def test_axis_maximum_is_a_round_number(value: float, ceiling: float) -> None:
    assert svg.nice_ceiling(value) == ceiling


def test_ticks_split_the_axis_into_round_steps() -> None:
    assert svg.Scale(2_500_000, 0, 100).ticks() == [0, 500_000, 1_000_000, 1_500_000,
                                                    2_000_000, 2_500_000]
    assert svg.Scale(200, 0, 100).ticks() == [0, 50, 100, 150, 200]


def test_wide_characters_measure_wider() -> None:
    assert svg.text_width("张明") > svg.text_width("ab")
    assert svg.text_width("张明", 10) == 20
