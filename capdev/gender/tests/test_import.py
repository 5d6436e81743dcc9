import io

import pytest
from openpyxl import Workbook

from capdev.core.models import Country
from capdev.gender.imports import plan_import, workforce_import
from capdev.gender.models import GradeMapping, WorkforceRecord

pytestmark = pytest.mark.django_db
HEADER = (
    "country,institution,year,band,women,men,other,total,"
    "pay_women,pay_men,promoted_women,promoted_men\n"
)


def upload(text: str, name="workforce.csv"):
    file = io.BytesIO(text.encode())
    file.name = name
    return file


@pytest.fixture
def moha(make_institution):
    return make_institution("LAO", "Ministry of Home Affairs", acronym="MOHA")


def test_valid_file_imports_and_reimport_changes_nothing(moha, focal_lao):
    text = HEADER + (
        "LAO,MOHA,2024,decision_making,4,11,0,15,5200,5600,1,1\n"
        "lao,Ministry of Home Affairs,2024,Professional,120,98,2,220,2900.50,3050,,\n"
    )
    report = workforce_import(user=focal_lao, file=upload(text))
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    record = WorkforceRecord.objects.get(band="professional")
    assert (record.women, record.men, record.other) == (120, 98, 2)
    assert record.promoted_women is None  # empty cell: not reported, not zero
    assert str(record.pay_women) == "2900.50"
    again = workforce_import(user=focal_lao, file=upload(text))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = workforce_import(user=focal_lao, file=upload(text.replace("4,11,0,15", "5,10,0,15")))
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)


def test_every_problem_is_reported_by_row_and_cell_and_nothing_is_written(moha, focal_lao):
    text = HEADER + (
        "LAO,MOHA,2024,decision_making,4,11,0,15,,,,\n"  # fine on its own
        "LAO,MOHA,2024,senior,-3,5,0,,,,,\n"  # negative
        "LAO,MOHA,2024,middle,10,10,0,25,,,,\n"  # total inconsistent
        "LAO,Nowhere,2024,support,1,1,0,2,,,,\n"  # unknown institution
        "LAO,MOHA,2024,janitors,1,1,0,2,,,,\n"  # unknown band
        "LAO,MOHA,1850,support,1,1,0,2,,,,\n"  # year out of range
        "LAO,MOHA,2024,professional,2,0,0,2,100,200,,\n"  # pay for men who are not there
        "LAO,MOHA,2024,support,2,2,0,4,,,3,0\n"  # more promotions than women
        "XXX,MOHA,2024,support,1,1,0,2,,,,\n"  # unknown country
        "LAO,MOHA,2024,decision_making,4,11,0,15,,,,\n"  # repeats row 2
        "LAO,MOHA,2024,support,abc,1,0,2,,,,\n"  # not a number
    )
    report = workforce_import(user=focal_lao, file=upload(text))
    assert not report.ok
    cells = {(e.row, e.column) for e in report.errors}
    assert cells == {
        (3, "women"),
        (4, "total"),
        (5, "institution"),
        (6, "band"),
        (7, "year"),
        (8, "pay_men"),
        (9, "promoted_women"),
        (10, "country"),
        (11, "band"),
        (12, "women"),
    }
    assert not WorkforceRecord.objects.exists()


def test_focal_point_cannot_import_another_country(make_institution, focal_bhutan):
    make_institution("LAO", "Ministry of Home Affairs", acronym="MOHA")
    report = workforce_import(
        user=focal_bhutan, file=upload(HEADER + "LAO,MOHA,2024,support,1,1,0,2,,,,\n")
    )
    assert [(e.row, e.column) for e in report.errors] == [(2, "country")]
    assert not WorkforceRecord.objects.exists()


def test_national_grades_map_to_bands(moha, focal_lao):
    GradeMapping.objects.create(
        country=Country.objects.get(iso3="LAO"), local_grade="Grade VI", band="senior"
    )
    report = workforce_import(
        user=focal_lao, file=upload(HEADER + "LAO,MOHA,2024,Grade VI,3,4,0,7,,,,\n")
    )
    assert report.ok, report.errors
    assert WorkforceRecord.objects.get().band == "senior"


def test_xlsx_and_file_level_errors(moha, focal_lao):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Country", "Institution", "Year", "Band", "Women", "Men"])
    sheet.append(["LAO", "MOHA", 2023, "support", 7, 3])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "data.xlsx"
    report = workforce_import(user=focal_lao, file=buffer)
    assert report.ok and report.created == 1
    bad = workforce_import(user=focal_lao, file=upload("country,year\nLAO,2024\n"))
    assert not bad.ok and bad.errors[0].row == 0 and "missing columns" in bad.errors[0].message


def test_plan_import_all_or_nothing_and_idempotent(make_plan, focal_lao):
    plan = make_plan("LAO", objectives=0)
    text = (
        "objective,action,responsible_unit,start,end,budget,status\n"
        "Equal pay,Publish pay by sex,HR department,2025-01-01,2025-06-30,5000,planned\n"
        "Equal pay,Review grade criteria,HR department,2025-03-01,2025-12-31,,In progress\n"
        "Leadership,Mentoring for women managers,Civil service school,2025-02-01,,12000,\n"
    )
    report = plan_import(user=focal_lao, plan=plan, file=upload(text, "plan.csv"))
    assert report.ok, report.errors
    assert report.created == 3
    assert list(plan.objectives.values_list("title", flat=True)) == ["Equal pay", "Leadership"]
    assert plan.actions.get(title="Review grade criteria").status == "in_progress"
    again = plan_import(user=focal_lao, plan=plan, file=upload(text, "plan.csv"))
    assert again.unchanged == 3 and plan.actions.count() == 3
    broken = text + "Leadership,Bad dates,,2025-05-01,2025-01-01,,\n"
    more = broken.replace("Mentoring", "Coaching")
    report = plan_import(user=focal_lao, plan=plan, file=upload(more, "plan.csv"))
    assert [(e.row, e.column) for e in report.errors] == [(5, "end")]
    assert plan.actions.count() == 3


def test_plan_import_refused_for_another_country(make_plan, focal_bhutan):
    plan = make_plan("LAO", objectives=0)
    report = plan_import(
        user=focal_bhutan, plan=plan, file=upload("objective,action\nA,B\n", "plan.csv")
    )
    assert not report.ok and not plan.actions.exists()
