"""A quiz as a course item: its page, course trainers, and the completion and unlock chain."""

from decimal import Decimal

import pytest
from django.urls import reverse

from capdev.learning import selectors as learning_selectors
from capdev.learning import services as learning
from capdev.learning.models import Completion
from capdev.quizzes import selectors, services
from capdev.quizzes.models import Attempt, Quiz
from capdev.quizzes.tests.factories import category, mc_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(trainer):
    course = learning.course_create(title="Women in leadership", trainers=[trainer],
                                    status="published")  # fmt: skip
    first = learning.section_create(course=course, title="Module 1")
    quiz_item = learning.item_create(
        section=first, kind="quiz", title="Module 1 self-assessment", completion_rule="passing"
    )
    learning.section_create(
        course=course,
        title="Module 2",
        access_rule={"type": "item", "item": quiz_item.pk, "state": "passed"},
    )
    return course


def _quiz_for(course, trainer):
    item = course.items.get(kind="quiz")
    quiz = services.quiz_create(
        title=item.title, item=item, is_published=True, pass_grade=Decimal("60")
    )
    services.quiz_add_question(quiz=quiz, question=mc_question(category(trainer)))
    return quiz


def _take(user, quiz, choice):
    attempt = services.attempt_start(quiz=quiz, user=user)
    services.attempt_save(attempt=attempt, responses={1: {"choice": choice}})
    return services.attempt_submit(attempt_id=attempt.pk)[0]


def test_passing_the_quiz_completes_the_item_and_unlocks_the_next_module(
    course, trainer, learner, django_capture_on_commit_callbacks
):
    learning.course_enrol(course=course, user=learner)
    quiz = _quiz_for(course, trainer)
    item = quiz.item
    module_2 = course.sections.get(title="Module 2")
    state = learning_selectors.course_state(learner, course)
    assert not next(s for s in state.sections if s.section == module_2).access.allowed
    with django_capture_on_commit_callbacks(execute=True):
        _take(learner, quiz, 1)  # wrong
    completion = Completion.objects.get(user=learner, item=item)
    assert (completion.state, completion.grade) == ("failed", Decimal("0"))
    with django_capture_on_commit_callbacks(execute=True):
        _take(learner, quiz, 0)  # right
    completion.refresh_from_db()
    assert (completion.state, completion.grade) == ("passed", Decimal("100"))
    state = learning_selectors.course_state(learner, course)
    assert next(s for s in state.sections if s.section == module_2).access.allowed


def test_the_item_page_shows_the_quiz(client_for, course, trainer, learner):
    quiz = _quiz_for(course, trainer)
    learning.course_enrol(course=course, user=learner)
    url = quiz.item.get_absolute_url()
    html = client_for(learner).get(url).content.decode()
    assert "Start the quiz" in html and reverse("quizzes:start", args=[quiz.pk]) in html


def test_course_trainers_manage_the_course_quiz(course, trainer, django_user_model):
    from capdev.accounts.roles import Role
    from capdev.accounts.services import user_create

    quiz = _quiz_for(course, trainer)
    assert quiz.owner is None
    assert selectors.can_manage_quiz(trainer, quiz)
    other = user_create(email="other@example.org", password="x", roles=[Role.TRAINER])
    assert not selectors.can_manage_quiz(other, quiz)


def test_a_trainer_sets_up_an_empty_quiz_item(client_for, course, trainer, learner):
    item = course.items.get(kind="quiz")
    learning.course_enrol(course=course, user=learner)
    assert "not ready yet" in client_for(learner).get(item.get_absolute_url()).content.decode()
    client = client_for(trainer)
    assert "Set up this quiz" in client.get(item.get_absolute_url()).content.decode()
    response = client.post(reverse("quizzes:item_setup", args=[item.pk]))
    quiz = Quiz.objects.get(item=item)
    assert response["Location"] == reverse("quizzes:questions", args=[quiz.pk])
    assert (
        client_for(learner).post(reverse("quizzes:item_setup", args=[item.pk])).status_code == 404
    )


def test_a_locked_item_quiz_cannot_be_started(course, trainer, learner, client_for):
    quiz = _quiz_for(course, trainer)
    # Not enrolled: the course decides.
    response = client_for(learner).post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 404
    assert not Attempt.objects.exists()


def test_course_bank_and_import_with_course(course, trainer, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "m.gift"
    path.write_text("::Q::x{T}", encoding="utf-8")
    call_command("import_gift", str(path), "--course", course.slug, "--category", "Course bank")
    bank = selectors.categories_visible_to(trainer).get(name="Course bank")
    assert bank.course == course
