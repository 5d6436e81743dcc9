import pytest

from capdev.learning import services
from capdev.learning.tests.builders import module_chain
from conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_learner_completes_module_1_and_sees_module_2_unlock(page, trainer, learner):
    course = module_chain(trainer, modules=2)
    services.course_enrol(course=course, user=learner)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(learner.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")
    page.goto(f"/learning/courses/{course.slug}/")
    lock = "Not available unless: the activity Module 1 self-assessment is marked complete"
    assert lock in page.content()
    assert page.get_by_role("link", name="Module 2", exact=True).count() == 0
    page.get_by_role("link", name="Module 1", exact=True).click()
    page.get_by_role("link", name="Back to the course").click()
    page.get_by_role("link", name="Module 1 self-assessment").click()
    page.get_by_role("button", name="Mark as done").click()
    assert page.get_by_text("Done").first.is_visible()
    page.get_by_role("link", name="Back to the course").click()
    page.get_by_role("link", name="Module 2", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Module 2"
    page.goto("/learning/my/")
    assert "complete" in page.content()
