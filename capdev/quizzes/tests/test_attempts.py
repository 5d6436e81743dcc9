"""Attempts: starting, autosaving, timing, close dates, submitting once, essay grading."""

import random
import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from capdev.quizzes import selectors, services
from capdev.quizzes.models import Attempt, AttemptQuestion, Question
from capdev.quizzes.tests.factories import category, mc_question, quiz_with, standard_quiz

pytestmark = pytest.mark.django_db


def answer_all(attempt, *, right=True):
    responses = {
        1: {"choice": 0 if right else 2},
        2: {"value": right},
        3: {"text": "cedaw" if right else "Beijing"},
        4: {"text": "Unequal pay and few role models."},
    }
    services.attempt_save(attempt=attempt, responses=responses)


def test_attempt_grades_and_waits_for_the_essay(trainer, learner):
    quiz = standard_quiz(owner=trainer, pass_grade=Decimal("50"))
    attempt = services.attempt_start(quiz=quiz, user=learner)
    assert attempt.max_score == 4
    answer_all(attempt)
    attempt, submitted = services.attempt_submit(attempt_id=attempt.pk)
    assert submitted
    assert attempt.state == Attempt.State.NEEDS_GRADING
    assert attempt.score == 3
    queue = list(selectors.grading_queue(trainer))
    assert [row.position for row in queue] == [4]
    assert list(selectors.grading_queue(learner)) == []
    attempt = services.attempt_grade_question(
        row=queue[0], score=Decimal("0.5"), comment="Say more.", grader=trainer
    )
    assert attempt.state == Attempt.State.GRADED
    assert attempt.score == Decimal("3.5")
    assert attempt.grade == Decimal("87.5")
    assert selectors.user_quiz_grade(learner, quiz) == (Decimal("87.5"), "passed")
    with pytest.raises(ValidationError):
        services.attempt_grade_question(row=queue[0], score=Decimal("2"), grader=trainer)


def test_negative_credit_never_makes_an_attempt_negative(learner):
    quiz = quiz_with([mc_question(category())])
    attempt = services.attempt_start(quiz=quiz, user=learner)
    services.attempt_save(attempt=attempt, responses={1: {"choice": 2}})
    attempt, _ = services.attempt_submit(attempt_id=attempt.pk)
    row = attempt.questions.get()
    assert row.fraction == Decimal("-0.5") and row.score == Decimal("-0.5")
    assert attempt.score == 0 and attempt.grade == 0
    assert attempt.state == Attempt.State.GRADED


def test_empty_essay_needs_no_grading(learner):
    cat = category()
    essay = services.question_create(
        category=cat, data={"type": "essay", "name": "E", "text": "Write."}
    )
    quiz = quiz_with([essay])
    attempt = services.attempt_start(quiz=quiz, user=learner)
    attempt, _ = services.attempt_submit(attempt_id=attempt.pk)
    assert attempt.state == Attempt.State.GRADED and attempt.grade == 0


def test_responses_survive_and_restart_returns_the_open_attempt(learner):
    quiz = standard_quiz()
    attempt = services.attempt_start(quiz=quiz, user=learner)
    services.attempt_save(attempt=attempt, responses={3: {"text": "CEDAW"}})
    again = services.attempt_start(quiz=quiz, user=learner)
    assert again.pk == attempt.pk
    assert again.questions.get(position=3).response == {"text": "CEDAW"}


def test_submitting_twice_changes_nothing(learner):
    quiz = standard_quiz()
    attempt = services.attempt_start(quiz=quiz, user=learner)
    answer_all(attempt)
    first, submitted = services.attempt_submit(attempt_id=attempt.pk)
    assert submitted
    second, submitted_again = services.attempt_submit(attempt_id=attempt.pk)
    assert not submitted_again
    assert second.submitted_at == first.submitted_at
    # Late autosaves are refused.
    assert services.attempt_save(attempt=attempt, responses={3: {"text": "changed"}}) is False
    assert AttemptQuestion.objects.get(attempt=attempt, position=3).response == {"text": "cedaw"}


def test_attempts_allowed(learner):
    quiz = standard_quiz(attempts_allowed=2)
    for _ in range(2):
        attempt = services.attempt_start(quiz=quiz, user=learner)
        services.attempt_submit(attempt_id=attempt.pk)
    with pytest.raises(services.QuizError, match="every attempt"):
        services.attempt_start(quiz=quiz, user=learner)
    assert Attempt.objects.filter(quiz=quiz, user=learner).count() == 2


def test_open_and_close_dates(learner):
    now = timezone.now()
    quiz = standard_quiz(open_at=now + timedelta(hours=1))
    with pytest.raises(services.QuizError, match="not open"):
        services.attempt_start(quiz=quiz, user=learner, now=now)
    attempt = services.attempt_start(quiz=quiz, user=learner, now=now + timedelta(hours=2))
    assert attempt.deadline is None
    closed = standard_quiz(close_at=now)
    with pytest.raises(services.QuizError, match="not open"):
        services.attempt_start(quiz=closed, user=learner, now=now + timedelta(seconds=1))


def test_time_limit_ends_the_attempt(learner):
    now = timezone.now()
    quiz = standard_quiz(time_limit=10, close_at=now + timedelta(minutes=5))
    attempt = services.attempt_start(quiz=quiz, user=learner, now=now)
    # The closing date comes before the time limit.
    assert attempt.deadline == now + timedelta(minutes=5)
    limited = standard_quiz(time_limit=10)
    attempt = services.attempt_start(quiz=limited, user=learner, now=now)
    assert attempt.deadline == now + timedelta(minutes=10)
    assert services.attempt_save(
        attempt=attempt, responses={3: {"text": "CEDAW"}}, now=now + timedelta(minutes=10)
    )
    # Past the deadline and its grace, a save stores nothing and submits the attempt.
    late = now + timedelta(minutes=11)
    assert not services.attempt_save(attempt=attempt, responses={3: {"text": "late"}}, now=late)
    attempt.refresh_from_db()
    assert attempt.state != Attempt.State.IN_PROGRESS
    assert attempt.questions.get(position=3).response == {"text": "CEDAW"}
    assert attempt.questions.get(position=3).fraction == 1


def test_overdue_attempt_is_closed_when_the_learner_returns(learner):
    now = timezone.now()
    quiz = standard_quiz(time_limit=1)
    attempt = services.attempt_start(quiz=quiz, user=learner, now=now)
    later = now + timedelta(minutes=5)
    new = services.attempt_start(quiz=quiz, user=learner, now=later)
    attempt.refresh_from_db()
    assert attempt.state != Attempt.State.IN_PROGRESS
    assert new.number == 2


def test_random_questions_pages_and_shuffling(learner):
    cat = category()
    sub = services.category_create(name="Sub", parent=cat)
    for n in range(6):
        mc_question(cat if n % 2 else sub, name=f"Q{n}")
    fixed = Question.objects.get(name="Q1")
    quiz = services.quiz_create(title="Random", shuffle_questions=True, is_published=True)
    services.quiz_add_question(quiz=quiz, question=fixed)
    services.quiz_add_random(quiz=quiz, category=cat, count=3, page=2)
    attempt = services.attempt_start(quiz=quiz, user=learner, rng=random.Random(4))  # noqa: S311
    rows = list(attempt.questions.order_by("position"))
    assert [row.page for row in rows] == [1, 2, 2, 2]
    names = [row.version.question.name for row in rows]
    assert names[0] == "Q1" and len(set(names)) == 4
    # Answer order is shuffled per attempt and recorded.
    assert sorted(rows[0].choice_order) == [0, 1, 2]
    # Too few questions for the random slots is a clear error.
    services.quiz_add_random(quiz=quiz, category=sub, count=3, include_subcategories=False)
    services.attempt_submit(attempt_id=attempt.pk)
    with pytest.raises(services.QuizError, match="too few"):
        services.attempt_start(quiz=quiz, user=learner)


def test_item_analysis_and_results(trainer, learner, officer, focal_lao):
    cat = category()
    easy = mc_question(cat, name="Easy")
    hard = mc_question(cat, name="Hard")
    quiz = quiz_with([easy, hard], owner=trainer)
    for user, (first, second) in zip(
        [learner, officer, focal_lao], [(0, 0), (0, 1), (0, 2)], strict=True
    ):
        attempt = services.attempt_start(quiz=quiz, user=user)
        services.attempt_save(
            attempt=attempt, responses={1: {"choice": first}, 2: {"choice": second}}
        )
        services.attempt_submit(attempt_id=attempt.pk)
    stats = {s.name: s for s in selectors.item_analysis(quiz)}
    assert stats["Easy"].facility == pytest.approx(100)
    assert stats["Easy"].discrimination is None  # everyone right: no spread
    assert stats["Hard"].facility == pytest.approx(100 * (1 + 0 - 0.5) / 3)
    results = selectors.quiz_results(quiz)
    assert len(results) == 3


def test_two_tabs_starting_at_once_get_one_attempt(learner):
    quiz = standard_quiz()
    first = services.attempt_start(quiz=quiz, user=learner)
    # A second request that missed the open attempt hits the one-open-attempt constraint.
    Attempt.objects.filter(pk=first.pk).update(number=1)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(quiz=quiz, user=learner, number=2, started_at=timezone.now())
    assert services.attempt_start(quiz=quiz, user=learner).pk == first.pk


# SQLite's in-memory test database is shared between threads through a shared cache,
# where writers fail at once instead of waiting: the threaded races run on PostgreSQL.
needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="threads need a server database"
)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_grade_once(reference_data, django_user_model):
    """Threads submit the same attempt at once: exactly one of them submits it."""
    learner = django_user_model.objects.create_user(email="race@example.org", password="x")
    quiz = standard_quiz()
    attempt = services.attempt_start(quiz=quiz, user=learner)
    answer_all(attempt)
    barrier = threading.Barrier(4)
    outcomes = []
    errors = []

    def submit():
        try:
            barrier.wait()
            outcomes.append(services.attempt_submit(attempt_id=attempt.pk)[1])
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(outcomes) == [False, False, False, True]
    attempt.refresh_from_db()
    assert attempt.score == 3


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_starts_make_one_attempt(reference_data, django_user_model):
    learner = django_user_model.objects.create_user(email="tabs@example.org", password="x")
    quiz = standard_quiz()
    barrier = threading.Barrier(3)
    started = []
    errors = []

    def start():
        try:
            barrier.wait()
            started.append(services.attempt_start(quiz=quiz, user=learner).pk)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(started)) == 1
    assert Attempt.objects.filter(quiz=quiz, user=learner).count() == 1
