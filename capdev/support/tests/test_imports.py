"""Bulk import of historic requests: the row-by-row report, all-or-nothing, idempotence.

Every check runs on a CSV file and on an Excel file built from the same rows, since
people send both and the two readers hand cells over differently (Excel has real dates
and numbers).
"""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from capdev.core.tabular import TableError
from capdev.support.imports import COLUMNS, requests_import
from capdev.support.models import StatusChange, SupportRequest
from capdev.support.tests.helpers import S

pytestmark = pytest.mark.django_db
FORMATS = ["csv", "xlsx"]
IMPORT = reverse("support:import")

GOOD = [
    {
        "reference": "REQ-2021-0001",
        "country": "LAO",
        "title": "One door service centres",
        "received_on": "2021-03-15",
        "channel": "letter",
        "support_types": "advisory; training",
        "themes": "digital-government; Public service innovation",
        "sdgs": "16",
        "cepa_principles": "6",
        "status": "completed",
        "due_on": "2021-09-30",
        "first_response_on": "29/03/2021",
        "completed_on": "2021-11-12",
        "outcome": "Two pilot centres opened.",
    },
    {
        "reference": "REQ-2022-0002",
        "country": "Bhutan",
        "title": "Civil service reform",
        "received_on": "2022-06-01",
        "status": "under_review",
        "first_response_on": "2022-06-10",
        # A theme whose slug starts like an SDG, and SDGs written with their prefix.
        "themes": "sdg-localization",
        "sdgs": "SDG 5; sdg16",
    },
    {
        "reference": "req-2023-0003",
        "country": "sen",
        "title": "Gender data",
        "received_on": "2023-01-09",
    },
]


def upload(rows: list[dict], fmt: str, *, header: list[str] | None = None) -> SimpleUploadedFile:
    """`rows` as a CSV or Excel file; Excel gets real dates where a cell is a date."""
    header = header or COLUMNS
    table = [header] + [[row.get(column, "") for column in header] for row in rows]
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text).writerows(table)
        return SimpleUploadedFile("requests.csv", text.getvalue().encode("utf-8"))
    workbook = Workbook()
    for record in table:
        workbook.active.append([_excel_cell(value) for value in record])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("requests.xlsx", buffer.getvalue())


def _excel_cell(value):
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value


def with_changes(number: int, **changes) -> list[dict]:
    """The good rows with row `number` (0-based) changed."""
    rows = [dict(row) for row in GOOD]
    rows[number].update(changes)
    return rows


def problems(report) -> list[tuple[int, str | None, str]]:
    return [(error.row, error.column, error.message) for error in report.errors]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_clean_file_creates_every_request_with_its_history(officer, fmt):
    report = requests_import(user=officer, file=upload(GOOD, fmt))
    assert report.ok and (report.created, report.updated, report.unchanged) == (3, 0, 0)
    lao = SupportRequest.objects.get(reference="REQ-2021-0001")
    assert lao.country.iso3 == "LAO" and lao.status == S.COMPLETED and lao.year == 2021
    assert lao.days_to_first_response == 14 and lao.days_to_completion == 242
    assert {t.slug for t in lao.themes.all()} == {"digital-government", "public-service-innovation"}
    assert {t.slug for t in lao.support_types.all()} == {"advisory", "training"}
    assert [g.number for g in lao.sdgs.all()] == [16] and lao.due_on == dt.date(2021, 9, 30)
    bhutan = SupportRequest.objects.get(reference="REQ-2022-0002")
    assert [t.slug for t in bhutan.themes.all()] == ["sdg-localization"]
    assert sorted(g.number for g in bhutan.sdgs.all()) == [5, 16]
    # Lower-case references and codes are read as written in the template.
    sen = SupportRequest.objects.get(reference="REQ-2023-0003")
    assert sen.country.iso3 == "SEN" and sen.status == S.RECEIVED
    assert sen.first_response_at is None
    step = StatusChange.objects.get(request=lao)
    assert (step.from_status, step.to_status, step.changed_by) == ("", S.COMPLETED, officer)


@pytest.mark.parametrize("fmt", FORMATS)
def test_countries_may_be_named_in_french_or_by_two_letter_code(officer, fmt):
    rows = with_changes(1, country="Bhoutan")
    rows[2]["country"] = "sn"
    report = requests_import(user=officer, file=upload(rows, fmt))
    assert report.ok, problems(report)
    assert SupportRequest.objects.get(reference="REQ-2022-0002").country.iso3 == "BTN"
    assert SupportRequest.objects.get(reference="REQ-2023-0003").country.iso3 == "SEN"


@pytest.mark.parametrize("fmt", FORMATS)
def test_importing_the_same_file_again_changes_nothing(officer, fmt):
    requests_import(user=officer, file=upload(GOOD, fmt))
    before = (
        SupportRequest.objects.count(),
        StatusChange.objects.count(),
        SupportRequest.history.count(),
    )
    report = requests_import(user=officer, file=upload(GOOD, fmt))
    assert report.ok and (report.created, report.updated, report.unchanged) == (0, 0, 3)
    after = (
        SupportRequest.objects.count(),
        StatusChange.objects.count(),
        SupportRequest.history.count(),
    )
    assert after == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_known_reference_updates_details_never_the_workflow(officer, fmt):
    requests_import(user=officer, file=upload(GOOD, fmt))
    rows = with_changes(
        1, title="Civil service reform, phase 2", status="closed", themes="digital-government"
    )
    report = requests_import(user=officer, file=upload(rows, fmt))
    assert report.ok and (report.created, report.updated, report.unchanged) == (0, 1, 2)
    bhutan = SupportRequest.objects.get(reference="REQ-2022-0002")
    assert bhutan.title == "Civil service reform, phase 2"
    assert [t.slug for t in bhutan.themes.all()] == ["digital-government"]
    assert bhutan.status == S.UNDER_REVIEW and bhutan.status_changes.count() == 1


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("row", "changes", "column", "message"),
    [
        (0, {"received_on": "2021-02-30"}, "received_on", "“2021-02-30” is not a date"),
        (1, {"received_on": "soon"}, "received_on", "“soon” is not a date (YYYY-MM-DD)."),
        (2, {"received_on": ""}, "received_on", "A date is required."),
        (0, {"due_on": "31/13/2021"}, "due_on", "“31/13/2021” is not a date"),
        (0, {"completed_on": "2020-01-01"}, "completed_on", "before the date received"),
        (2, {"received_on": "2999-01-01"}, "received_on", "The date received is in the future."),
        (1, {"country": "Atlantis"}, "country", "Unknown country “Atlantis”."),
        (2, {"country": ""}, "country", "A country is required."),
        (0, {"reference": "2021-1"}, "reference", "Write the reference as REQ-YYYY-NNNN."),
        (1, {"title": ""}, "title", "A title is required."),
        (1, {"status": "lost"}, "status", "Unknown value “lost”."),
        (0, {"themes": "digital-government; astrology"}, "themes", "Unknown value “astrology”."),
        (2, {"assigned_officer": "nobody@example.org"}, "assigned_officer", "No active user"),
    ],
)
def test_each_bad_cell_is_reported_by_row_and_column_and_nothing_is_imported(
    officer, fmt, row, changes, column, message
):
    report = requests_import(user=officer, file=upload(with_changes(row, **changes), fmt))
    assert not report.ok
    [(number, reported_column, text)] = problems(report)
    # Row numbers are the spreadsheet's: the header is row 1.
    assert (number, reported_column) == (row + 2, column)
    assert message in text
    assert not SupportRequest.objects.exists() and not StatusChange.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_problem_of_every_row_is_listed_in_row_order(officer, fmt):
    rows = with_changes(0, country="Narnia", received_on="yesterday")
    rows[2].update(sdgs="5; 42")
    report = requests_import(user=officer, file=upload(rows, fmt))
    assert problems(report) == [
        (2, "country", "Unknown country “Narnia”."),
        (2, "received_on", "“yesterday” is not a date (YYYY-MM-DD)."),
        (4, "sdgs", "Unknown value “42”."),
    ]
    assert not SupportRequest.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_reference_repeated_in_the_file_is_reported_and_nothing_is_imported(officer, fmt):
    rows = [*GOOD, {**GOOD[0], "title": "The same reference again"}]
    report = requests_import(user=officer, file=upload(rows, fmt))
    assert problems(report) == [(5, "reference", "This reference is already used in row 2.")]
    assert not SupportRequest.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_bad_row_stops_a_file_whose_other_rows_exist_already(officer, fmt):
    requests_import(user=officer, file=upload(GOOD[:2], fmt))
    rows = with_changes(0, title="Changed, but the file has a bad row")
    rows[2].update(country="Atlantis")
    report = requests_import(user=officer, file=upload(rows, fmt))
    assert problems(report) == [(4, "country", "Unknown country “Atlantis”.")]
    assert SupportRequest.objects.get(reference="REQ-2021-0001").title == GOOD[0]["title"]
    assert SupportRequest.objects.count() == 2


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("header", "message"),
    [
        ([c for c in COLUMNS if c != "title"], "missing columns: title"),
        ([*COLUMNS, "colour"], "unknown columns: colour"),
        ([*COLUMNS, "title"], "repeated columns: title"),
        (["ref", "nation", "subject", "date"], "missing columns: reference, country, title"),
    ],
)
def test_wrong_columns_are_named_and_nothing_is_imported(officer, fmt, header, message):
    with pytest.raises(TableError, match=message) as raised:
        requests_import(user=officer, file=upload(GOOD, fmt, header=header))
    assert "Expected: reference, country, title, received_on" in str(raised.value)
    assert not SupportRequest.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_header_without_rows_is_explained(officer, fmt):
    with pytest.raises(TableError, match="a header but no rows"):
        requests_import(user=officer, file=upload([], fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_imports_again_unchanged(client_for, officer, fmt):
    requests_import(user=officer, file=upload(GOOD, fmt))
    response = client_for(officer).get(reverse("support:export", args=[fmt]))
    content = b"".join(response.streaming_content) if fmt == "csv" else response.content
    exported = SimpleUploadedFile(f"export.{fmt}", content)
    report = requests_import(user=officer, file=exported)
    assert report.ok and (report.created, report.updated, report.unchanged) == (0, 0, 3)


def test_only_staff_who_manage_requests_may_import(focal_lao):
    with pytest.raises(PermissionDenied):
        requests_import(user=focal_lao, file=upload(GOOD, "csv"))
    assert not SupportRequest.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_page_shows_the_report_row_by_row(client_for, officer, fmt):
    rows = with_changes(1, country="Atlantis", received_on="2022-13-01")
    response = client_for(officer).post(IMPORT, {"file": upload(rows, fmt)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "2 problems found; nothing was imported." in html
    assert '<td class="num">3</td><td>country</td><td>Unknown country “Atlantis”.</td>' in html
    assert '<td class="num">3</td><td>received_on</td>' in html
    assert not SupportRequest.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_page_explains_wrong_columns_and_then_imports_a_good_file(client_for, officer, fmt):
    client = client_for(officer)
    header = [c for c in COLUMNS if c != "received_on"]
    response = client.post(IMPORT, {"file": upload(GOOD, fmt, header=header)})
    assert response.status_code == 400
    assert "missing columns: received_on" in response.content.decode()
    response = client.post(IMPORT, {"file": upload(GOOD, fmt)})
    assert response.status_code == 200 and SupportRequest.objects.count() == 3
    assert "3 created, 0 updated, 0 unchanged" in response.content.decode()


def test_the_page_is_for_request_managers_only(client, client_for, focal_lao):
    assert client.get(IMPORT).status_code == 302
    response = client_for(focal_lao).post(IMPORT, {"file": upload(GOOD, "csv")})
    assert response.status_code == 403
    assert not SupportRequest.objects.exists()


# Any mix of good and broken rows: either every row is imported, or none is and every
# broken row is in the report.
BREAKAGES = {
    "country": "Atlantis",
    "received_on": "not a date",
    "due_on": "31/02/2021",
    "reference": "REQ-21",
    "status": "lost",
    "sdgs": "99",
}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    fmt=st.sampled_from(FORMATS),
    broken=st.lists(
        st.tuples(st.integers(0, len(GOOD) - 1), st.sampled_from(sorted(BREAKAGES))),
        max_size=4,
    ),
)
def test_all_or_nothing_for_any_mix_of_rows(officer, fmt, broken):
    rows = [dict(row) for row in GOOD]
    for number, column in broken:
        rows[number][column] = BREAKAGES[column]
    with transaction.atomic():
        report = requests_import(user=officer, file=upload(rows, fmt))
        imported = SupportRequest.objects.count()
        transaction.set_rollback(True)
    if broken:
        assert not report.ok and imported == 0
        assert {error.row for error in report.errors} == {number + 2 for number, _ in broken}
    else:
        assert report.ok and imported == len(GOOD)
