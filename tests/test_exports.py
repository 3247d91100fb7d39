"""portfolio.csv and portfolio.xlsx: read back as a spreadsheet would, numbers stay numbers,
plan text never runs as a formula."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.checker import check_paths
from generator.exports import PortfolioRow as Row
from generator.exports import (
    export_files,
    neutralise,
    portfolio_rows,
    write_exports,
    xlsx_bytes,
)
from generator.plain_text import plain
from generator.portfolio import findings_by_account
from generator.standards.config import load_standards
from tests.support import AS_OF, SAMPLE_PLANS_DIR
from tests.support.golden import assert_matches_golden

GOLDEN = Path(__file__).parent / "golden"

# The plan writes full-width brackets, as Chinese company names do.
KESSLER_LOCAL = "凯斯勒汽车零部件\uff08苏州\uff09有限公司"
HOSTILE = {
    "account_name": '=HYPERLINK("http://evil.example","click")',
    "local_name": "+cmd|' /C calc'!A0",
    "owner": "-2+3",
    "region": "@SUM(A1:A9)",
    "industry": "\t=1+1",
    "segment": "\r=1+1",
}


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    standards = load_standards(None)
    run = check_paths([SAMPLE_PLANS_DIR], standards, AS_OF)
    plans = [c.plan for c in run.plans if c.plan is not None]
    return portfolio_rows(plans, findings_by_account(run), standards, AS_OF)


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the file as UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_rows_carry_the_figures(rows: list[Row]) -> None:
    assert [r.account_id for r in rows] == [
        "alpennetz-telekom", "brightwater-markets", "jinsha-bank", "kessler-suzhou",
        "meridian-revenue", "northmere-water"]
    alpennetz = rows[0]
    assert alpennetz.owner == "Daniel Moreau" and alpennetz.currency == "EUR"
    assert alpennetz.ar_plan_year == Decimal(5300000)
    assert alpennetz.open_pipeline == Decimal(8750000)  # 3.2M + 1.45M + 4.1M
    assert alpennetz.pipeline_this_year == Decimal(4650000)  # the 4.1M closes in FY2027+1
    assert alpennetz.revenue_target_converted == Decimal(5724000)  # 5.3M x 1.08
    assert alpennetz.remaining_gap_converted == Decimal(3834000)  # (5.3M - 1.75M) x 1.08
    assert alpennetz.coverage == Decimal("1.31")  # 4.65 / 3.55
    assert (alpennetz.errors, alpennetz.warnings, alpennetz.waived) == (0, 0, 1)
    kessler = rows[3]
    assert kessler.local_name == KESSLER_LOCAL
    assert (kessler.errors, kessler.warnings) == (1, 1)
    assert kessler.plan_age_days == 42  # reviewed 2026-10-16


def test_csv_reads_back(rows: list[Row], tmp_path: Path) -> None:
    csv_path, xlsx_path = write_exports(rows, tmp_path / "exports")
    assert csv_path.name == "portfolio.csv" and xlsx_path.name == "portfolio.xlsx"
    table = read_csv(csv_path.read_bytes())
    assert len(table) == 6
    jinsha = table[2]
    assert jinsha["account id"] == "jinsha-bank"
    assert jinsha["local name"] == "金沙江商业银行股份有限公司"
    assert jinsha["currency"] == "CNY"
    assert Decimal(jinsha["revenue target"]) == Decimal(19500000)
    assert Decimal(jinsha["revenue target (USD)"]) == Decimal(2730000)  # 19.5M x 0.14
    assert Decimal(jinsha["pipeline closing FY2027 (USD)"]) == Decimal(2716000)
    assert jinsha["last reviewed"] == "2026-11-06"
    assert jinsha["plan age days"] == "21"
    assert table[1]["local name"] == ""  # brightwater has none: empty, not "None"
    # Amounts are plain numbers: no separators, no currency signs.
    assert all(table[i]["open pipeline (USD)"].replace(".", "").isdigit() for i in range(6))


def test_xlsx_reads_back_with_numbers_as_numbers(rows: list[Row], tmp_path: Path) -> None:
    _, xlsx_path = write_exports(rows, tmp_path)
    sheet = load_workbook(xlsx_path).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["account id", "account name", "local name", "owner"]
    values = [dict(zip(header, (c.value for c in row), strict=True))
              for row in sheet.iter_rows(min_row=2)]
    assert len(values) == 6
    northmere = values[5]
    assert northmere["account name"] == "Northmere Water Services plc"
    assert northmere["revenue target"] == 2050000
    assert isinstance(northmere["revenue target (USD)"], (int, float))
    assert northmere["revenue target (USD)"] == pytest.approx(2603500)  # 2.05M x 1.27
    assert northmere["coverage"] == pytest.approx(1.37)  # 2.23M / 1.63M
    assert northmere["last reviewed"] == dt.datetime(2026, 9, 17)
    assert (northmere["errors"], northmere["warnings"], northmere["waived"]) == (1, 1, 0)
    assert values[3]["local name"] == KESSLER_LOCAL
    # A spreadsheet can sum the converted pipeline: 18,291,300 across the portfolio.
    assert sum(v["open pipeline (USD)"] for v in values) == pytest.approx(18291300)


def test_formula_cells_are_neutralised(rows: list[Row], tmp_path: Path) -> None:
    hostile = [dataclasses.replace(rows[0], **HOSTILE), *rows[1:]]
    csv_path, xlsx_path = write_exports(hostile, tmp_path)

    first = read_csv(csv_path.read_bytes())[0]
    for field, header in (("account_name", "account name"), ("local_name", "local name"),
                          ("owner", "owner"), ("region", "region"),
                          ("industry", "industry"), ("segment", "segment")):
        # as on the pages: one plain line (a leading tab or CR goes), then neutralised
        assert first[header] == "'" + plain(HOSTILE[field]), header

    sheet = load_workbook(xlsx_path).active
    assert sheet is not None
    cells = {c.value: c for c in sheet[2]}
    for text in HOSTILE.values():
        # The text comes back as one plain line, not a formula's result.
        cell = cells[plain(text)]
        assert cell.data_type == "s", text  # a string, never "f" (formula)
        assert cell.quotePrefix
    with zipfile.ZipFile(xlsx_path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    # Only text is neutralised: the amounts on the same row are still numbers.
    assert sheet.cell(row=2, column=11).value == 9500000
    assert sheet.cell(row=2, column=11).data_type == "n"


@pytest.mark.parametrize(("text", "shown"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "x"),
    ("\r=x", "'=x"), ("a=b", "a=b"), ("Li Wei", "Li Wei"), ("", ""),
    ("\x1b[2Kgone", "[2Kgone"), ("\u202etxt.exe", "txt.exe"), ("a\u2028b", "a b"),
])
def test_neutralise(text: str, shown: str) -> None:
    assert neutralise(text) == shown


def test_error_codes_and_control_characters_stay_plain_text(rows: list[Row],
                                                            tmp_path: Path) -> None:
    odd = dataclasses.replace(rows[1], region="#N/A", industry="Retail\x01\x02 (Grocery)")
    _, xlsx_path = write_exports([odd], tmp_path)
    sheet = load_workbook(xlsx_path).active
    assert sheet is not None
    values = [c.value for c in sheet[2]]
    assert "#N/A" in values  # text, not Excel's error value
    assert "Retail (Grocery)" in values  # characters a worksheet cannot hold are dropped


def test_export_files_are_placed_for_the_site_and_reproducible(rows: list[Row]) -> None:
    files = export_files(rows)
    assert sorted(files) == ["exports/portfolio.csv", "exports/portfolio.xlsx"]
    assert_matches_golden(files["exports/portfolio.csv"].decode("utf-8"),
                          GOLDEN / "portfolio.csv")
    # The workbook holds the same cells as the CSV (its bytes are pinned by the
    # clock test below); its cell values are kept as a golden file too.
    sheet = load_workbook(io.BytesIO(files["exports/portfolio.xlsx"])).active
    assert sheet is not None
    cells = "\n".join("\t".join("" if v is None else repr(v) for v in row)
                      for row in sheet.iter_rows(values_only=True))
    assert_matches_golden(cells + "\n", GOLDEN / "portfolio.xlsx.cells.txt")


def test_empty_portfolio_still_has_headers(tmp_path: Path) -> None:
    csv_path, xlsx_path = write_exports([], tmp_path)
    data = csv_path.read_bytes().decode("utf-8-sig")
    assert data.startswith("account id,account name,")
    assert "(reporting currency)" in data
    assert load_workbook(xlsx_path).active is not None


def test_workbook_bytes_do_not_depend_on_the_clock(rows: list[Row],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    first = xlsx_bytes(rows)
    real_now = dt.datetime.now

    class LaterClock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:  # type: ignore[override]
            return real_now(tz) + dt.timedelta(days=400, seconds=7)

        @classmethod
        def utcnow(cls) -> dt.datetime:  # type: ignore[override]
            return real_now() + dt.timedelta(days=400, seconds=7)

    monkeypatch.setattr(dt, "datetime", LaterClock)
    assert xlsx_bytes(rows) == first


def test_control_characters_and_bidi_overrides_never_reach_an_export(rows: list[Row],
                                                                    tmp_path: Path) -> None:
    odd = dataclasses.replace(rows[1], account_name="Acme\x1b]0;pwned\x07 \u202eKCAB",
                              owner="Li\u2028Wei\x9b31m")
    csv_path, xlsx_path = write_exports([odd], tmp_path)
    text = csv_path.read_bytes().decode("utf-8-sig")
    with zipfile.ZipFile(xlsx_path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    for hidden in ("\x1b", "\x07", "\u202e", "\u2028", "\x9b"):
        assert hidden not in text and hidden not in sheet_xml
    assert "Acme]0;pwned KCAB" in text and "Li Wei31m" in text
