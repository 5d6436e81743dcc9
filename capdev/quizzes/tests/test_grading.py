from decimal import Decimal

import pytest

from capdev.quizzes import grading
from capdev.quizzes.models import Attempt, Quiz
from capdev.quizzes.services import final_grade, quiz_outcome

MC_SINGLE = {
    "type": "multichoice",
    "single": True,
    "answers": [
        {"text": "a", "fraction": 1.0},
        {"text": "b", "fraction": 0.5},
        {"text": "c", "fraction": -0.5, "feedback": "c is wrong"},
    ],
}
MC_MULTI = {
    "type": "multichoice",
    "single": False,
    "answers": [
        {"text": "a", "fraction": 0.5},
        {"text": "b", "fraction": 0.5},
        {"text": "c", "fraction": -1.0},
    ],
}


@pytest.mark.parametrize(
    ("response", "expected"),
    [({"choice": 0}, 1.0), ({"choice": 1}, 0.5), ({"choice": 2}, -0.5), ({"choice": 9}, 0.0),
     ({}, 0.0), (None, 0.0), ({"choice": "0"}, 0.0)],
)  # fmt: skip
def test_single_choice_partial_and_negative_credit(response, expected):
    assert grading.grade(MC_SINGLE, response) == expected


@pytest.mark.parametrize(
    ("choices", "expected"),
    [([0, 1], 1.0), ([0], 0.5), ([0, 2], 0.0), ([0, 1, 2], 0.0), ([2], 0.0), ([], 0.0),
     ([0, 0, 0], 0.5)],
)  # fmt: skip
def test_multiple_answers_sum_within_zero_and_one(choices, expected):
    assert grading.grade(MC_MULTI, {"choices": choices}) == expected


def test_true_false():
    data = {"type": "truefalse", "correct": False, "feedback_false": "Yes", "feedback_true": "No"}
    assert grading.grade(data, {"value": False}) == 1.0
    assert grading.grade(data, {"value": True}) == 0.0
    assert grading.grade(data, {"value": None}) == 0.0
    assert grading.feedback(data, {"value": True}) == ["No"]


def test_short_answer_cases_and_wildcards():
    data = {
        "type": "shortanswer",
        "answers": [
            {"text": "CEDAW", "fraction": 1.0},
            {"text": "*convention*", "fraction": 0.5, "feedback": "Which one?"},
        ],
    }
    assert grading.grade(data, {"text": "  cedaw "}) == 1.0
    assert grading.grade(data, {"text": "The Convention"}) == 0.5
    assert grading.feedback(data, {"text": "a convention"}) == ["Which one?"]
    assert grading.grade(data, {"text": "Beijing"}) == 0.0
    assert grading.grade({**data, "case_sensitive": True}, {"text": "cedaw"}) == 0.0
    assert grading.grade(data, {"text": "C.E.D.A.W"}) == 0.0  # regex characters are literal


def test_numerical_tolerance_ranges_and_partial_credit():
    data = {
        "type": "numerical",
        "answers": [
            {"text": "3.14:0.01", "fraction": 1.0, "value": 3.14, "tolerance": 0.01},
            {"text": "1..5", "fraction": 0.5, "value": 3.0, "tolerance": 2.0},
            {"text": "*", "fraction": 0.0, "value": None, "tolerance": None, "feedback": "No"},
        ],
    }
    assert grading.grade(data, {"text": "3.15"}) == 1.0
    assert grading.grade(data, {"text": "3,14"}) == 1.0
    assert grading.grade(data, {"text": "4.9"}) == 0.5
    assert grading.grade(data, {"text": "5.1"}) == 0.0
    assert grading.feedback(data, {"text": "7"}) == ["No"]
    assert grading.grade(data, {"text": "pi"}) == 0.0
    assert grading.grade(data, {"text": "1e400"}) == 0.0


def test_matching_gives_a_share_per_pair():
    data = {
        "type": "matching",
        "subquestions": [
            {"text": "CEDAW", "answer": "1979"},
            {"text": "Beijing", "answer": "1995"},
            {"text": "", "answer": "2015"},
        ],
    }
    assert grading.grade(data, {"matches": {"0": "1979", "1": "1995"}}) == 1.0
    assert grading.grade(data, {"matches": {"0": "1979", "1": "2015"}}) == 0.5
    assert grading.grade(data, {"matches": "junk"}) == 0.0


def test_essay_and_description_are_not_graded_automatically():
    assert grading.grade({"type": "essay"}, {"text": "x"}) is None
    assert grading.grade({"type": "description"}, None) is None


def _attempts(*grades):
    return [
        Attempt(number=n, state=Attempt.State.GRADED, grade=Decimal(g))
        for n, g in enumerate(grades, start=1)
    ]


@pytest.mark.parametrize(
    ("method", "expected"),
    [("highest", "80"), ("average", "50.0000"), ("first", "40"), ("last", "30")],
)
def test_grading_methods(method, expected):
    quiz = Quiz(grading_method=method, pass_grade=Decimal("50"))
    attempts = [*_attempts("40", "80", "30")]
    attempts.append(Attempt(number=4, state=Attempt.State.NEEDS_GRADING, grade=Decimal("100")))
    grade = final_grade(quiz, attempts)
    assert grade == Decimal(expected)
    assert quiz_outcome(quiz, grade) == ("passed" if grade >= 50 else "failed")


def test_no_finished_attempt_has_no_grade():
    quiz = Quiz(grading_method="highest")
    assert final_grade(quiz, []) is None
    assert quiz_outcome(quiz, None) is None
    assert quiz_outcome(quiz, Decimal("10")) == "complete"
