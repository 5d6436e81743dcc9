"""Quizzes over the JSON API: the same selectors and services as the pages.

While an attempt is open its questions carry texts and choices only; grades, feedback
and right answers appear in the review after submission, as the quiz's review options
allow.
"""

from datetime import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError

from capdev.quizzes import rendering, selectors, services
from capdev.quizzes.forms import responses_from_post
from capdev.quizzes.models import Attempt

router = Router(tags=["quizzes"])


class QuizOut(Schema):
    id: int
    title: str
    intro: str
    time_limit: int | None
    open_at: datetime | None
    close_at: datetime | None
    attempts_allowed: int
    grading_method: str
    pass_grade: Decimal | None
    grade: Decimal | None = None
    outcome: str | None = None


class ChoiceOut(Schema):
    value: str
    label: str
    selected: bool
    fraction: float | None = None


class SubQuestionOut(Schema):
    name: str
    label: str
    options: list[str]
    selected: str
    right_answer: str | None = None


class QuestionOut(Schema):
    position: int
    page: int
    type: str
    text: str
    mark: Decimal
    multiple: bool
    choices: list[ChoiceOut]
    subquestions: list[SubQuestionOut]
    text_answer: str
    tf_value: bool | None
    # After submission only:
    score: Decimal | None = None
    outcome: str = ""
    feedback: list[str] = []
    general_feedback: str | None = None
    right_answer: str = ""


class AttemptOut(Schema):
    id: int
    quiz: int
    number: int
    state: str
    started_at: datetime
    deadline: datetime | None
    submitted_at: datetime | None
    score: Decimal | None
    max_score: Decimal
    grade: Decimal | None
    questions: list[QuestionOut]


class ResponsesIn(Schema):
    """Form-style fields: `q<position>` (and `q<position>_<index>` for matching)."""

    responses: dict[str, str | list[str]]


class ResultOut(Schema):
    email: str
    name: str
    attempts: int
    grade: Decimal | None
    outcome: str | None


def _quiz_out(user, quiz) -> dict:
    grade, outcome = selectors.user_quiz_grade(user, quiz)
    return {**{f: getattr(quiz, f) for f in QuizOut.model_fields if hasattr(quiz, f)},
            "grade": grade, "outcome": outcome}  # fmt: skip


def _question_out(display) -> dict:
    return {
        "position": display.position,
        "page": display.row.page,
        "type": display.qtype,
        "text": str(display.text),
        "mark": display.mark,
        "multiple": display.multiple,
        "choices": [
            {
                "value": c.value,
                "label": str(c.label),
                "selected": c.selected,
                "fraction": c.fraction,
            }
            for c in display.choices
        ],
        "subquestions": [
            {
                "name": s.name,
                "label": str(s.label),
                "options": s.options,
                "selected": s.selected,
                "right_answer": s.right_answer,
            }
            for s in display.subquestions
        ],
        "text_answer": display.text_answer,
        "tf_value": display.tf_value,
        "score": display.score if display.reviewed and display.show_marks else None,
        "outcome": display.outcome,
        "feedback": [str(f) for f in display.feedback],
        "general_feedback": str(display.general_feedback) if display.general_feedback else None,
        "right_answer": display.right_answer,
    }


def _attempt_out(attempt, *, manages: bool) -> dict:
    rows = selectors.attempt_questions(attempt)
    if attempt.state == Attempt.State.IN_PROGRESS:
        questions = [rendering.question_display(row) for row in rows]
    else:
        questions = [rendering.question_review(row, attempt.quiz, full=manages) for row in rows]
    show_marks = manages or attempt.quiz.review_marks or attempt.state == "in_progress"
    return {
        "id": attempt.pk,
        "quiz": attempt.quiz_id,
        "number": attempt.number,
        "state": attempt.state,
        "started_at": attempt.started_at,
        "deadline": attempt.deadline,
        "submitted_at": attempt.submitted_at,
        "score": attempt.score if show_marks else None,
        "max_score": attempt.max_score,
        "grade": attempt.grade if show_marks else None,
        "questions": [_question_out(q) for q in questions],
    }


def _attempt_for(request, pk: int, *, own: bool = False):
    try:
        attempt, manages = selectors.attempt_get_for_user(request.auth, pk)
    except Http404:
        raise HttpError(404, "No such attempt.") from None
    if own and attempt.user_id != request.auth.pk:
        raise HttpError(404, "No such attempt.")
    services.attempt_close_if_overdue(attempt=attempt)
    attempt.refresh_from_db()
    return attempt, manages


def _quiz_for(request, pk: int):
    try:
        return selectors.quiz_get_for_user(request.auth, pk)
    except Http404:
        raise HttpError(404, "No such quiz.") from None


@router.get("/quizzes", response=list[QuizOut])
def list_quizzes(request):
    """Published quizzes the user can take, with their grade so far."""
    return [_quiz_out(request.auth, quiz) for quiz in selectors.quizzes_available_to(request.auth)]


@router.get("/quizzes/{quiz_id}", response=QuizOut)
def get_quiz(request, quiz_id: int):
    quiz, _manages = _quiz_for(request, quiz_id)
    return _quiz_out(request.auth, quiz)


@router.post("/quizzes/{quiz_id}/attempts", response={200: AttemptOut})
def start_attempt(request, quiz_id: int):
    """Start an attempt, or continue the open one."""
    quiz, manages = _quiz_for(request, quiz_id)
    if not (quiz.is_published or manages):
        raise HttpError(404, "No such quiz.")
    try:
        attempt = services.attempt_start(quiz=quiz, user=request.auth)
    except services.QuizError as error:
        raise HttpError(409, str(error)) from None
    return _attempt_out(attempt, manages=False)


@router.get("/quiz-attempts/{attempt_id}", response=AttemptOut)
def get_attempt(request, attempt_id: int):
    attempt, manages = _attempt_for(request, attempt_id)
    if attempt.state == Attempt.State.IN_PROGRESS and attempt.user_id != request.auth.pk:
        raise HttpError(404, "No such attempt.")
    return _attempt_out(attempt, manages=manages and attempt.user_id != request.auth.pk)


class _Fields(dict):
    def getlist(self, key):
        value = super().get(key)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    def get(self, key, default=None):
        value = super().get(key, default)
        return value[0] if isinstance(value, list) and value else value


@router.put("/quiz-attempts/{attempt_id}/responses", response=AttemptOut)
def save_responses(request, attempt_id: int, payload: ResponsesIn):
    attempt, _manages = _attempt_for(request, attempt_id, own=True)
    rows = selectors.attempt_questions(attempt)
    fields = _Fields(payload.responses)
    shown = {str(row.position) for row in rows if f"q{row.position}" in payload.responses
             or any(k.startswith(f"q{row.position}_") for k in payload.responses)}  # fmt: skip
    fields["shown"] = sorted(shown)
    if not services.attempt_save(attempt=attempt, responses=responses_from_post(rows, fields)):
        raise HttpError(409, "This attempt is closed.")
    return _attempt_out(attempt, manages=False)


@router.post("/quiz-attempts/{attempt_id}/submit", response=AttemptOut)
def submit_attempt(request, attempt_id: int):
    """Submit the attempt; submitting again returns it unchanged."""
    attempt, _manages = _attempt_for(request, attempt_id, own=True)
    attempt, _submitted = services.attempt_submit(attempt_id=attempt.pk)
    return _attempt_out(attempt, manages=False)


@router.get("/quizzes/{quiz_id}/results", response=list[ResultOut])
def quiz_results(request, quiz_id: int):
    quiz, manages = _quiz_for(request, quiz_id)
    if not manages:
        raise HttpError(403, "Only the quiz's trainers see its results.")
    return [
        {"email": row.user.email, "name": row.user.get_full_name(), "attempts": len(row.attempts),
         "grade": row.grade, "outcome": row.outcome}
        for row in selectors.quiz_results(quiz)
    ]  # fmt: skip
