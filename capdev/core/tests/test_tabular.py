import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from capdev.core.tabular import ImportReport, TableError, export_response, read_table


def csv_upload(text: str, name="data.csv", encoding="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding))


def xlsx_upload(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("data.xlsx", buffer.getvalue())


def test_reads_csv_with_normalised_headers_and_row_numbers():
    rows = read_table(
        csv_upload(
            "\ufeffCountry ISO3, Received-Date ,Title\nLAO,2024-01-05, Training \n\nBTN,,x\n"
        ),
        required=["country_iso3", "received_date"],
        optional=["title", "notes"],
    )
    assert [row.number for row in rows] == [2, 4]
    assert rows[0].values == {
        "country_iso3": "LAO",
        "received_date": "2024-01-05",
        "title": "Training",
        "notes": "",
    }


def test_reads_semicolon_csv():
    rows = read_table(csv_upload("a;b\n1;2\n"), required=["a", "b"])
    assert rows[0].values == {"a": "1", "b": "2"}


def test_reads_xlsx_with_dates_and_numbers():
    from datetime import datetime

    rows = read_table(
        xlsx_upload([["Year", "Women", "When"], [2023, 12.0, datetime(2024, 4, 22)]]),  # noqa: DTZ001 - Excel has no zones
        required=["year", "women", "when"],
    )
    assert rows[0].values == {"year": "2023", "women": "12", "when": "2024-04-22"}


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (csv_upload("a,c\n1,2\n"), "missing columns: b"),
        (csv_upload("a,b,zz\n1,2,3\n"), "unknown columns: zz"),
        (csv_upload("a,b,a\n1,2,3\n"), "repeated columns: a"),
        (csv_upload("a,b\n"), "no rows"),
        (csv_upload(""), "empty"),
        (csv_upload("a,b\n1,é\n", encoding="latin-1"), "UTF-8"),
        (SimpleUploadedFile("x.pdf", b"%PDF-1.4"), "CSV"),
        (SimpleUploadedFile("x.xlsx", b"PK\x03\x04broken"), "CSV"),
    ],
)
def test_file_level_problems_are_explained(upload, message):
    with pytest.raises(TableError, match=message):
        read_table(upload, required=["a", "b"])


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_reader_only_ever_raises_its_own_error(text):
    try:
        rows = read_table(csv_upload(text), required=["a"])
    except TableError:
        return
    assert all(set(row.values) == {"a"} for row in rows)


def test_import_report():
    report = ImportReport()
    assert report.ok
    report.add(3, "country", "Unknown country 'XXX'.")
    assert not report.ok
    assert report.errors[0].row == 3 and report.errors[0].column == "country"


def test_csv_export_neutralises_formulas():
    response = export_response(
        filename="requests",
        headers=["title", "n"],
        rows=[['=HYPERLINK("http://evil")', 1], ["Plain, with comma", 2]],
        fmt="csv",
    )
    body = b"".join(response.streaming_content).decode("utf-8")
    assert response["Content-Disposition"] == 'attachment; filename="requests.csv"'
    assert "'=HYPERLINK" in body
    assert '"Plain, with comma",2' in body


def test_xlsx_export_round_trips():
    from datetime import UTC, datetime

    response = export_response(
        filename="x",
        headers=["a", "when"],
        rows=[["-1+1", datetime(2024, 1, 1, tzinfo=UTC)]],
        fmt="xlsx",
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == ["a", "when"]
    assert sheet["A2"].value == "'-1+1"
    assert sheet["B2"].value.year == 2024
