"""Portfolio exports for sales leaders: `portfolio.csv` and `portfolio.xlsx`.

A row per account with its owner, segment, region, financials in the plan's
currency and converted into the standards' currency, plan age and finding
counts. Amounts stay numbers (a spreadsheet can sum them); plan text never
runs as a formula:

- CSV: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
  return is written with a leading `'` (OWASP's CSV-injection advice), and the
  file starts with a UTF-8 byte-order mark so Excel shows Chinese names.
- XLSX: text cells are stored as strings explicitly (openpyxl would otherwise
  turn "=…" into a formula and "#N/A" into an error) and carry Excel's quote
  prefix, so editing the cell does not turn it into a formula either.

The workbook is written reproducibly (fixed timestamps) so an unchanged
portfolio gives byte-identical files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Font

from generator import figures
from generator.findings import Finding
from generator.model import Plan
from generator.plain_text import plain
from generator.portfolio import account_figures, finding_status, plan_year_label
from generator.standards.config import Standards

CSV_NAME = "portfolio.csv"
XLSX_NAME = "portfolio.xlsx"
#: Where the site serves the exports, relative to the site root.
SITE_FOLDER = "exports"

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Characters a worksheet cannot hold (openpyxl refuses them); YAML escapes can produce them.
_ILLEGAL_IN_XLSX = re.compile(r"[\000-\010\013\014\016-\037]")
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CENT = Decimal("0.01")

Cell = str | int | Decimal | dt.date | None


@dataclass(frozen=True)
class PortfolioRow:
    """One account as exported; `*_converted` are in `reporting_currency`."""

    account_id: str
    account_name: str
    local_name: str | None
    owner: str
    owner_key: str
    segment: str
    region: str | None
    industry: str
    currency: str
    plan_year: str
    long_term_potential: Decimal
    ar_plan_year: Decimal | None
    revenue_target: Decimal
    booked_to_date: Decimal
    open_pipeline: Decimal
    pipeline_this_year: Decimal
    reporting_currency: str
    #: the plan year the portfolio shares ("the plan year" when plans differ):
    #: the period of `pipeline_this_year`, as the `pipeline-coverage` standard counts it
    current_fiscal_year: str
    long_term_potential_converted: Decimal | None
    revenue_target_converted: Decimal | None
    booked_to_date_converted: Decimal | None
    remaining_gap_converted: Decimal | None
    open_pipeline_converted: Decimal | None
    pipeline_this_year_converted: Decimal | None
    #: pipeline closing in the plan year ÷ remaining gap, two decimals
    coverage: Decimal | None
    #: renewals the `ea-renewal` standard finds at risk (`figures.renewals_at_risk`)
    renewals_at_risk: int
    last_reviewed: dt.date
    plan_age_days: int
    errors: int
    warnings: int
    waived: int


def portfolio_rows(plans: Iterable[Plan], findings: Mapping[str, Sequence[Finding]],
                   standards: Standards, as_of: dt.date) -> list[PortfolioRow]:
    """A row per valid plan, sorted by account id."""
    plan_list = sorted(plans, key=lambda p: p.account.id)
    per_account = {f.plan.account.id: f
                   for f in account_figures(plan_list, standards, as_of)[0]}
    this_year = plan_year_label(plan_list, as_of, standards)
    rows = []
    for plan in plan_list:
        fin = plan.financials
        converted = per_account.get(plan.account.id)
        statuses = [finding_status(f) for f in findings.get(plan.account.id, ())]
        gap = figures.remaining_gap(fin)
        pipeline_this_year = figures.plan_year_pipeline(plan, standards)
        coverage = figures.coverage(pipeline_this_year, gap)
        rows.append(PortfolioRow(
            account_id=plan.account.id,
            account_name=plan.account.name,
            local_name=plan.account.local_name,
            owner=plan.plan.owner,
            owner_key=plan.owner_key,
            segment=plan.account.segment,
            region=plan.account.region,
            industry=plan.account.industry,
            currency=plan.currency,
            plan_year=plan.plan.fiscal_year,
            long_term_potential=fin.long_term_potential,
            ar_plan_year=fin.ar_for(plan.plan.fiscal_year),
            revenue_target=fin.revenue_target,
            booked_to_date=fin.booked_to_date,
            open_pipeline=figures.pipeline(plan),
            pipeline_this_year=pipeline_this_year,
            reporting_currency=standards.currency,
            current_fiscal_year=this_year,
            long_term_potential_converted=converted.long_term_potential if converted else None,
            revenue_target_converted=converted.revenue_target if converted else None,
            booked_to_date_converted=converted.booked_to_date if converted else None,
            remaining_gap_converted=converted.remaining_gap if converted else None,
            open_pipeline_converted=converted.open_pipeline if converted else None,
            pipeline_this_year_converted=converted.pipeline_this_year if converted else None,
            coverage=coverage.quantize(_CENT) if coverage is not None else None,
            renewals_at_risk=len(figures.renewals_at_risk(plan, as_of, standards)),
            last_reviewed=plan.plan.last_reviewed,
            plan_age_days=figures.plan_age_days(plan, as_of),
            errors=statuses.count("error"),
            warnings=statuses.count("warning"),
            waived=statuses.count("waived"),
        ))
    return rows


Column = tuple[str, Callable[[PortfolioRow], Cell]]


def columns(reporting_currency: str, fiscal_year: str) -> list[Column]:
    """The export's columns: header and how to read it from a row."""
    cur, fy = reporting_currency, fiscal_year
    return [
        ("account id", lambda r: r.account_id),
        ("account name", lambda r: r.account_name),
        ("local name", lambda r: r.local_name),
        ("owner", lambda r: r.owner),
        ("owner key", lambda r: r.owner_key),
        ("segment", lambda r: r.segment),
        ("region", lambda r: r.region),
        ("industry", lambda r: r.industry),
        ("currency", lambda r: r.currency),
        ("plan year", lambda r: r.plan_year),
        ("long-term potential", lambda r: r.long_term_potential),
        ("AR plan year", lambda r: r.ar_plan_year),
        ("revenue target", lambda r: r.revenue_target),
        ("booked to date", lambda r: r.booked_to_date),
        ("open pipeline", lambda r: r.open_pipeline),
        (f"pipeline closing {fy}", lambda r: r.pipeline_this_year),
        (f"long-term potential ({cur})", lambda r: r.long_term_potential_converted),
        (f"revenue target ({cur})", lambda r: r.revenue_target_converted),
        (f"booked to date ({cur})", lambda r: r.booked_to_date_converted),
        (f"remaining gap ({cur})", lambda r: r.remaining_gap_converted),
        (f"open pipeline ({cur})", lambda r: r.open_pipeline_converted),
        (f"pipeline closing {fy} ({cur})", lambda r: r.pipeline_this_year_converted),
        ("coverage", lambda r: r.coverage),
        ("renewals at risk", lambda r: r.renewals_at_risk),
        ("last reviewed", lambda r: r.last_reviewed),
        ("plan age days", lambda r: r.plan_age_days),
        ("errors", lambda r: r.errors),
        ("warnings", lambda r: r.warnings),
        ("waived", lambda r: r.waived),
    ]


def _columns_for(rows: Sequence[PortfolioRow]) -> list[Column]:
    if rows:
        return columns(rows[0].reporting_currency, rows[0].current_fiscal_year)
    return columns("reporting currency", "this fiscal year")


def neutralise(value: str) -> str:
    """Text that no spreadsheet will run as a formula (`=SUM(A1)` → `'=SUM(A1)`), and
    with no control character or bidi override (as on the pages: `plain`)."""
    shown = plain(value)
    return "'" + shown if shown.startswith(FORMULA_TRIGGERS) else shown


def csv_bytes(rows: Sequence[PortfolioRow]) -> bytes:
    """The CSV export: UTF-8 with a byte-order mark, a header row, a row per account."""
    table = _columns_for(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(header) for header, _ in table])
    for row in rows:
        writer.writerow([_csv_cell(read(row)) for _, read in table])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def xlsx_bytes(rows: Sequence[PortfolioRow]) -> bytes:
    """The workbook export: one sheet, numbers as numbers, dates as dates, text as text."""
    table = _columns_for(rows)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = "Portfolio"
    for index, (header, _) in enumerate(table, start=1):
        _text_cell(sheet.cell(row=1, column=index), header).font = Font(bold=True)
    for row_index, row in enumerate(rows, start=2):
        for index, (_, read) in enumerate(table, start=1):
            value = read(row)
            cell = sheet.cell(row=row_index, column=index)
            if isinstance(value, str):
                _text_cell(cell, value)
            elif isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            elif value is not None:
                cell.value = value
    sheet.freeze_panes = "C2"
    # Fixed document timestamps: the same portfolio gives the same bytes.
    fixed = dt.datetime(2000, 1, 1)
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fix_zip_times(buffer.getvalue())


def _text_cell(cell: SheetCell | MergedCell, value: str) -> SheetCell | MergedCell:
    # As on the pages: no control character or bidi override, whitespace runs
    # collapsed (a cell is one line of a portfolio row).
    text = plain(value)
    cell.value = _ILLEGAL_IN_XLSX.sub("", text)[:32767]
    # openpyxl reads "=…" as a formula and "#N/A" as an error: force plain text.
    cell.data_type = "s"
    if text.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True
    return cell


# openpyxl stamps `modified` with the clock while saving, whatever was set.
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fix_zip_times(data: bytes) -> bytes:
    """Fixed zip entry times and document dates: the same rows give the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()


def export_files(rows: Sequence[PortfolioRow]) -> dict[str, bytes]:
    """The export files by their path in the site: {"exports/portfolio.csv": …, …}."""
    return {
        f"{SITE_FOLDER}/{CSV_NAME}": csv_bytes(rows),
        f"{SITE_FOLDER}/{XLSX_NAME}": xlsx_bytes(rows),
    }


def write_exports(rows: Sequence[PortfolioRow], out_dir: Path) -> list[Path]:
    """Write portfolio.csv and portfolio.xlsx into `out_dir` (created if needed)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in ((CSV_NAME, csv_bytes(rows)), (XLSX_NAME, xlsx_bytes(rows))):
        path = out_dir / name
        path.write_bytes(content)
        written.append(path)
    return written
