"""Taking a quiz in Chromium: answers autosave, survive a reload, and submit once."""

import pytest

from capdev.quizzes import services
from capdev.quizzes.models import Attempt
from capdev.quizzes.tests.factories import category, mc_question, quiz_with
from conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")


def test_take_a_quiz_with_a_reload_in_the_middle(page, learner):
    cat = category()
    short = services.question_create(
        category=cat,
        data={"type": "shortanswer", "name": "Treaty", "text": "Which convention?",
              "answers": [{"text": "CEDAW", "fraction": 1}]},
    )  # fmt: skip
    quiz = quiz_with([mc_question(cat), short], pass_grade=50)
    sign_in(page, learner)
    page.goto(f"/quizzes/{quiz.pk}/")
    page.get_by_role("button", name="Start the quiz").click()
    page.get_by_label("Fewer than a third").check()
    page.get_by_role("textbox", name="Answer").fill("CEDAW")
    # The page saves by itself (HTMX): no button pressed.
    page.locator("#save-status", has_text="Saved at").wait_for()
    page.wait_for_function(
        "() => document.querySelector('#save-status').textContent.includes('Saved at')"
    )
    page.wait_for_timeout(1500)  # let the delayed save of the typed answer land
    page.reload()
    assert page.get_by_label("Fewer than a third").is_checked()
    assert page.get_by_role("textbox", name="Answer").input_value() == "CEDAW"
    page.get_by_role("button", name="Finish attempt…").click()
    # One click: the double click is tested against the views and, with threads, the
    # service (the live server shares one SQLite connection between its threads).
    page.get_by_role("button", name="Submit all and finish").click()
    page.wait_for_url("**/review/")
    assert "100.0 %" in page.content()
    attempts = Attempt.objects.filter(quiz=quiz)
    assert attempts.count() == 1
    assert attempts.get().state == Attempt.State.GRADED
