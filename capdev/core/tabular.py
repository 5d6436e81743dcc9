"""Reading spreadsheets people upload, and writing the ones they download.

Imports everywhere follow one pattern: `read_table` turns a CSV or XLSX file into
numbered rows, the app checks every row into an `ImportReport`, and only a report
without errors is written, inside one transaction.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from capdev.core.uploads import detect_kind

MAX_ROWS = 100_000
# Spreadsheet programs run cells starting with these as formulas (CSV injection).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class TableError(Exception):
    """The file as a whole cannot be imported; the message says why, for people."""


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]


@dataclass(frozen=True)
class RowError:
    row: int
    column: str | None
    message: str


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, row: int, column: str | None, message: str) -> None:
        self.errors.append(RowError(row, column, str(message)))

    @property
    def ok(self) -> bool:
        return not self.errors


def normalise_header(name: object) -> str:
    text = str(name or "").strip().lower()
    for separator in (" ", "-", "/"):
        text = text.replace(separator, "_")
    return text


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_records(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(_("The CSV file is not UTF-8 encoded. Save it as 'CSV UTF-8'.")) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise TableError(_("The CSV file could not be read: %(error)s") % {"error": exc}) from exc


def _xlsx_records(file) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise TableError(_("The Excel file could not be opened; it may be damaged.")) from exc
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_table(file, *, required: Sequence[str], optional: Sequence[str] = ()) -> list[Row]:
    """The rows of an uploaded CSV or XLSX file, keyed by normalised column name."""
    kind = detect_kind(file)
    file.seek(0)
    if kind is None and not file.read(1):
        raise TableError(_("The file is empty."))
    file.seek(0)
    records: Sequence[Sequence[object]]
    if kind == "xlsx":
        records = _xlsx_records(file)
    elif kind in {"csv", "text"}:
        records = _csv_records(file.read())
    else:
        raise TableError(_("Upload a CSV (UTF-8) or Excel (.xlsx) file."))

    # Keep each record's position: the row numbers in reports are the spreadsheet's.
    numbered = [(n, r) for n, r in enumerate(records, start=1) if any(_cell_text(c) for c in r)]
    if not numbered:
        raise TableError(_("The file is empty."))
    headers = [normalise_header(h) for h in numbered[0][1]]
    known = set(required) | set(optional)
    missing = [c for c in required if c not in headers]
    unknown = [h for h in headers if h and h not in known]
    problems = []
    if missing:
        problems.append(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
    if unknown:
        problems.append(_("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
    duplicated = sorted({h for h in headers if h and headers.count(h) > 1})
    if duplicated:
        problems.append(_("repeated columns: %(columns)s") % {"columns": ", ".join(duplicated)})
    if problems:
        raise TableError(
            _("The columns do not match the template (%(problems)s). Expected: %(expected)s.")
            % {"problems": "; ".join(problems), "expected": ", ".join([*required, *optional])}
        )
    if len(numbered) == 1:
        raise TableError(_("The file has a header but no rows."))
    if len(numbered) - 1 > MAX_ROWS:
        raise TableError(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})

    rows = []
    for number, record in numbered[1:]:
        values = {column: "" for column in known}
        for column, cell in zip(headers, record, strict=False):
            if column:
                values[column] = _cell_text(cell)
        rows.append(Row(number=number, values=values))
    return rows


def _safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    if isinstance(value, datetime) and value.tzinfo is not None:
        # Spreadsheets have no time zones: write the platform's local time.
        return timezone.localtime(value).replace(tzinfo=None)
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def export_response(
    *,
    filename: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    fmt: Literal["csv", "xlsx"],
) -> HttpResponse | StreamingHttpResponse:
    """A download of `rows` as CSV (streamed) or XLSX, named `filename` plus extension."""
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def lines():
            yield "\ufeff"  # lets spreadsheet programs detect UTF-8
            yield writer.writerow(headers)
            for row in rows:
                yield writer.writerow([_safe_cell(value) for value in row])

        response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
            lines(), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(list(headers))
        for row in rows:
            sheet.append([_safe_cell(value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise ValueError(f"Unknown export format {fmt!r}")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
