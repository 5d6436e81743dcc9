"""The quizzes API: same rules as the pages; no answers before submission."""

import json

import pytest

from capdev.accounts.services import api_token_create
from capdev.quizzes.tests.factories import FULL_SECRETS, secret_quiz, standard_quiz

pytestmark = pytest.mark.django_db


def _headers(user):
    _token, key = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_take_a_quiz_through_the_api(client, learner):
    quiz = secret_quiz()
    auth = _headers(learner)
    assert client.get("/api/v1/quizzes").status_code == 401
    listed = client.get("/api/v1/quizzes", **auth).json()
    assert [q["id"] for q in listed] == [quiz.pk]
    response = client.post(f"/api/v1/quizzes/{quiz.pk}/attempts", **auth)
    assert response.status_code == 200
    body = response.content.decode()
    for secret in FULL_SECRETS:
        assert secret not in body
    attempt = response.json()
    mc = attempt["questions"][0]
    alpha = next(c["value"] for c in mc["choices"] if c["label"] == "Alpha")
    response = client.put(
        f"/api/v1/quiz-attempts/{attempt['id']}/responses",
        data=json.dumps({"responses": {"q1": alpha, "q2": "SECRETSHORT", "q3": "31415",
                                       "q4": "true"}}),
        content_type="application/json",
        **auth,
    )  # fmt: skip
    assert response.status_code == 200
    assert "SECRET" not in response.content.decode().replace("SECRETSHORT", "", 1)
    response = client.post(f"/api/v1/quiz-attempts/{attempt['id']}/submit", **auth)
    result = response.json()
    assert result["state"] == "graded" and float(result["grade"]) == 100
    again = client.post(f"/api/v1/quiz-attempts/{attempt['id']}/submit", **auth).json()
    assert again["submitted_at"] == result["submitted_at"]


def test_attempts_and_results_are_scoped(client, learner, focal_lao, trainer):
    quiz = standard_quiz(owner=trainer)
    attempt = client.post(f"/api/v1/quizzes/{quiz.pk}/attempts", **_headers(learner)).json()
    other = _headers(focal_lao)
    assert client.get(f"/api/v1/quiz-attempts/{attempt['id']}", **other).status_code == 404
    assert client.post(f"/api/v1/quiz-attempts/{attempt['id']}/submit", **other).status_code == 404
    assert client.get(f"/api/v1/quizzes/{quiz.pk}/results", **other).status_code == 403
    assert client.get(f"/api/v1/quizzes/{quiz.pk}/results", **_headers(trainer)).status_code == 200
