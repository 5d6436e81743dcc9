"""In the browser: an officer registers participants and sees the Snapshot change."""

import datetime

import pytest

from capdev.programmes import services
from capdev.programmes.tests.helpers import make_activity
from conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def people_figure(page) -> int:
    page.goto("/programmes/snapshot/2023/")
    return int(page.locator('[data-figure="people"]').inner_text().replace(",", ""))


def test_registering_participants_changes_the_snapshot(page, officer):
    activity = make_activity(
        "Foresight workshop",
        start_date=datetime.date(2023, 5, 2),
        end_date=datetime.date(2023, 5, 3),
        is_published=True,
    )
    services.headcount_save(activity=activity, female=10, male=10)

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(officer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")
    assert people_figure(page) == 20

    for email, sex in (("ana@example.org", "Female"), ("ben@example.org", "Male")):
        page.goto(f"/programmes/activities/{activity.pk}/")
        page.get_by_role("link", name="Register a participant").click()
        page.get_by_label("E-mail address").fill(email)
        page.get_by_label("Sex").select_option(label=sex)
        page.get_by_role("button", name="Register").click()
        page.wait_for_url(f"**/programmes/activities/{activity.pk}/**")
        assert email in page.locator("#participants-table").inner_text()

    assert people_figure(page) == 22
    assert page.get_by_role("link", name="Download the PDF").is_visible()
