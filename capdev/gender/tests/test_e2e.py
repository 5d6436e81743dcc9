"""A focal point imports workforce data and sees the indicators change."""

import pytest

from capdev.gender import services
from capdev.gender.models import Level, Sector
from conftest import PASSWORD, country

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CSV = (
    "country,institution,year,band,women,men,other,total\n"
    "LAO,MOHA,2024,decision_making,{dm_women},8,0,{dm_total}\n"
    "LAO,MOHA,2024,professional,40,40,0,80\n"
)


def test_focal_point_imports_and_sees_indicators_change(page, focal_lao, officer, tmp_path):
    institution = services.institution_create(
        user=officer,
        name="Ministry of Home Affairs",
        acronym="MOHA",
        country=country("LAO"),
        level=Level.NATIONAL,
        sector=Sector.CENTRAL,
    )
    services.workforce_record_save(
        user=officer, institution=institution, year=2024, band="decision_making", women=2, men=8
    )
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(focal_lao.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto("/gender/")
    cell = page.locator('tr[data-indicator="women_share_decision"] td').last
    assert cell.inner_text() == "20.00"
    # The pay gap is missing, shown as a dash.
    assert page.locator('tr[data-indicator="pay_gap"] td').last.inner_text() == "—"

    page.get_by_role("link", name="Import workforce data").first.click()
    bad = tmp_path / "bad.csv"
    bad.write_text(CSV.format(dm_women=4, dm_total=99))
    page.get_by_label("Spreadsheet (CSV or Excel .xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    errors = page.locator("#import-errors")
    assert "women + men + other" in errors.inner_text()

    good = tmp_path / "good.csv"
    good.write_text(CSV.format(dm_women=4, dm_total=12))
    page.get_by_label("Spreadsheet (CSV or Excel .xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Import").click()
    page.wait_for_url("**/gender/")
    assert "1 new, 1 updated" in page.get_by_role("status").inner_text()
    cell = page.locator('tr[data-indicator="women_share_decision"] td').last
    assert cell.inner_text() == "33.33"  # 4 of 12
    share = page.locator('tr[data-indicator="women_share"] td').last
    assert share.inner_text() == "47.83"  # 44 of 92
