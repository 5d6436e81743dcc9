import pytest

from capdev.support.models import SupportRequest
from capdev.support.services import support_types_ensure
from conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")


def test_focal_point_submits_officer_triages_dashboard_updates(
    page, browser, live_server, focal_lao, officer
):
    support_types_ensure()  # transactional tests flush what the data migration added
    # The Lao PDR focal point submits a request.
    sign_in(page, focal_lao)
    page.goto("/requests/")
    page.get_by_role("link", name="New request").click()
    page.get_by_label("Title").fill("Training on digital public services")
    page.get_by_label("Description").fill("Two days for 30 provincial officials.")
    page.get_by_label("Training or workshop").check()
    page.get_by_role("button", name="Submit request").click()
    page.wait_for_url("**/REQ-*/")
    reference = page.locator(".reference").inner_text()
    assert page.locator("[data-status]").inner_text() == "Received"

    # A programme officer triages it to "in progress"; the dashboard follows.
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    officer_page = context.new_page()
    officer_page.set_default_timeout(15_000)
    sign_in(officer_page, officer)
    officer_page.goto("/requests/dashboard/")
    in_progress = officer_page.locator("#dashboard-results table.chart-data").first
    assert "In progress" in in_progress.inner_text()
    officer_page.get_by_label("Status", exact=True).select_option("in_progress")
    officer_page.wait_for_url("**status=in_progress**")
    officer_page.locator("[data-figure=total]").filter(has_text="0").wait_for()

    officer_page.goto(f"/requests/{reference}/")
    for action in ("Start review", "Accept", "Start work"):
        officer_page.get_by_label("New status").select_option(label=action)
        officer_page.get_by_role("button", name="Change status").click()
    assert officer_page.locator("[data-status]").inner_text() == "In progress"
    assert SupportRequest.objects.get(reference=reference).status == "in_progress"

    # Back on the dashboard: the HTMX refresh after the filter change shows one.
    officer_page.goto("/requests/dashboard/")
    officer_page.get_by_label("Status", exact=True).select_option("in_progress")
    officer_page.locator("[data-figure=total]").filter(has_text="1").wait_for()
    assert officer_page.locator("h1").count() == 1  # a partial swap, not a nested page
    context.close()

    # The focal point sees the new status too.
    page.goto(f"/requests/{reference}/")
    assert page.locator("[data-status]").inner_text() == "In progress"
