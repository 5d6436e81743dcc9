import pytest

from conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_sign_in_and_see_the_home_page(page, officer):
    page.goto("/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill(officer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")
    # The stylesheet is served: the header has the brand colour, not the browser default.
    header_colour = page.locator(".site-header").evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert header_colour == "rgb(11, 74, 125)"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Capacity development")
    assert "Signed in as Olga Officer (Programme officer)" in page.content()
    page.get_by_role("link", name="Requests").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Requests"


def test_keyboard_user_can_skip_to_content(page, reference_data):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
