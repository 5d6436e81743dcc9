"""Participant import: all rows or none, a clear report, idempotent, matched by e-mail."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from capdev.core.tabular import TableError
from capdev.programmes import selectors, services
from capdev.programmes.models import Participation, Person
from capdev.programmes.tests.helpers import make_activity, register

pytestmark = pytest.mark.django_db

GOOD = (
    "email,first_name,last_name,sex,country,organisation,government_level,seniority,position,"
    "attended\n"
    "ana@example.org,Ana,Lopes,F,SEN,Ministry,national,senior,Director,yes\n"
    "ben@example.org,Ben,Kar,male,Lao People's Democratic Republic,Province,subnational,"
    "middle,Officer,\n"
    "cy@example.org,Cy,,,,,,,,no\n"
)


def upload(text: str, name="participants.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_import_creates_people_and_is_idempotent():
    activity = make_activity()
    report = services.participants_import(activity=activity, file=upload(GOOD))
    assert report.ok and (report.created, report.updated) == (3, 0)
    ana = Participation.objects.get(person__email="ana@example.org")
    assert (ana.sex, ana.country.iso3, ana.government_level, ana.attended) == (
        "female",
        "SEN",
        "national",
        True,
    )
    assert Participation.objects.get(person__email="cy@example.org").attended is False
    again = services.participants_import(activity=activity, file=upload(GOOD))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert selectors.activity_figures(activity)["total"] == 2


def test_an_invalid_row_writes_nothing_and_says_where():
    activity = make_activity()
    bad = GOOD + "not-an-email,X,,female,,,,,,\nzed@example.org,Z,,x,Atlantis,,regional,,,maybe\n"
    report = services.participants_import(activity=activity, file=upload(bad))
    assert not report.ok
    problems = {(e.row, e.column) for e in report.errors}
    assert (5, "email") in problems
    assert {(6, "sex"), (6, "country"), (6, "government_level"), (6, "attended")} <= problems
    assert Participation.objects.count() == 0 and Person.objects.count() == 0


def test_duplicate_emails_in_a_file_are_reported():
    report = services.participants_import(
        activity=make_activity(), file=upload("email\na@example.org\nA@example.org\n")
    )
    assert [(e.row, e.column) for e in report.errors] == [(3, "email")]


def test_wrong_columns_are_refused():
    with pytest.raises(TableError, match="missing columns: email"):
        services.participants_import(activity=make_activity(), file=upload("name\nAna\n"))


def test_people_already_known_from_another_event_are_reused():
    first, second = make_activity("First"), make_activity("Second")
    register(first, "ana@example.org", "female")
    services.participants_import(activity=second, file=upload(GOOD))
    assert Person.objects.filter(email="ana@example.org").count() == 1


def test_xlsx_import():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Email", "First name", "Sex"])
    sheet.append(["xl@example.org", "Excel", "female"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("p.xlsx", buffer.getvalue())
    report = services.participants_import(activity=make_activity(), file=file)
    assert report.ok and Person.objects.get().first_name == "Excel"


def test_import_page(client_for, officer, learner):
    activity = make_activity(is_published=True)
    url = reverse("programmes:participants_import", args=[activity.pk])
    assert client_for(learner).post(url, {"file": upload(GOOD)}).status_code == 403
    client = client_for(officer)
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": upload("email\nnope\n")})
    assert response.status_code == 400 and "not an e-mail address" in response.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("x.csv", b"%PDF-1.4 fake")})
    assert response.status_code == 400
    assert client.post(url, {"file": upload(GOOD)}).status_code == 302
    assert Participation.objects.count() == 3
    template = client.get(reverse("programmes:participants_template"))
    assert b"email,first_name" in b"".join(template.streaming_content)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=200))
def test_import_never_crashes_on_arbitrary_text(text):
    activity = make_activity()
    try:
        report = services.participants_import(activity=activity, file=upload("email,sex\n" + text))
    except TableError:
        return
    assert report.ok or Participation.objects.filter(activity=activity).count() == 0
