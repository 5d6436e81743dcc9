"""Pages: who sees what, taking a quiz with plain forms, and no answer leaks before submission."""

import re

import pytest
from django.urls import reverse

from capdev.quizzes import services
from capdev.quizzes.models import Attempt, Question
from capdev.quizzes.tests.factories import FULL_SECRETS, secret_quiz, standard_quiz

pytestmark = pytest.mark.django_db


def test_index_needs_sign_in(client):
    response = client.get(reverse("quizzes:index"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_index_shows_the_bank_link_to_trainers_only(client_for, trainer, learner):
    html = client_for(trainer).get(reverse("quizzes:index")).content.decode()
    assert reverse("quizzes:bank") in html
    html = client_for(learner).get(reverse("quizzes:index")).content.decode()
    assert reverse("quizzes:bank") not in html


def test_learner_sees_published_quizzes_only(client_for, learner, trainer):
    published = standard_quiz(owner=trainer)
    draft = standard_quiz(owner=trainer, is_published=False)
    client = client_for(learner)
    html = client.get(reverse("quizzes:index")).content.decode()
    assert published.title in html
    assert client.get(reverse("quizzes:quiz", args=[draft.pk])).status_code == 404
    assert client.post(reverse("quizzes:start", args=[draft.pk])).status_code == 404
    assert client.get(reverse("quizzes:quiz", args=[999999])).status_code == 404


def test_bank_pages_need_the_bank_permission(client_for, learner, focal_lao, trainer):
    for user in (learner, focal_lao):
        client = client_for(user)
        assert client.get(reverse("quizzes:bank")).status_code == 403
        assert client.get(reverse("quizzes:import")).status_code == 403
    assert client_for(trainer).get(reverse("quizzes:bank")).status_code == 200


def test_trainer_pages_refuse_other_people(client_for, trainer, learner, focal_bhutan):
    quiz = standard_quiz(owner=trainer)
    for name in ("edit", "questions", "results", "analysis"):
        url = reverse(f"quizzes:{name}", args=[quiz.pk])
        assert client_for(learner).get(url).status_code == 403
        assert client_for(focal_bhutan).get(url).status_code == 403
        assert client_for(trainer).get(url).status_code == 200


def test_another_trainer_does_not_manage_my_quiz(client_for, trainer, django_user_model):
    from capdev.accounts.roles import Role
    from capdev.accounts.services import user_create

    other = user_create(email="other.trainer@example.org", password="x", roles=[Role.TRAINER])
    quiz = standard_quiz(owner=trainer, is_published=False)
    assert client_for(other).get(reverse("quizzes:results", args=[quiz.pk])).status_code == 404


def _take(client, quiz):
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == 302
    return Attempt.objects.filter(quiz=quiz).latest("pk")


def test_answers_never_reach_the_page_before_submission(client_for, learner):
    quiz = secret_quiz()
    client = client_for(learner)
    attempt = _take(client, quiz)
    pages = [client.get(reverse("quizzes:attempt", args=[attempt.pk]) + f"?page={n}")
             for n in (1, 2)]  # fmt: skip
    pages.append(client.get(reverse("quizzes:summary", args=[attempt.pk])))
    for response in pages:
        assert response.status_code == 200
        html = response.content.decode()
        for secret in FULL_SECRETS:
            assert secret not in html, secret
        assert "fraction" not in html
    # The review after submission shows them (the quiz allows it).
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    html = client.get(reverse("quizzes:review", args=[attempt.pk])).content.decode()
    assert "SECRET-FEEDBACK-MC" not in html  # only the chosen answer's feedback is shown
    assert "SECRET-GENERAL" in html
    assert "SECRETSHORT" in html


def test_take_a_quiz_with_plain_forms(client_for, learner, trainer):
    quiz = standard_quiz(owner=trainer)
    services.quiz_repaginate(quiz=quiz, per_page=2)
    client = client_for(learner)
    attempt = _take(client, quiz)
    rows = {row.position: row for row in attempt.questions.all()}
    url = reverse("quizzes:attempt", args=[attempt.pk])
    first_choice = rows[1].choice_order.index(0)
    response = client.post(
        url, {"shown": ["1", "2"], "q1": str(rows[1].choice_order[first_choice]), "q2": "true",
              "goto": "2"},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"].endswith("?page=2")
    # The page shows what was saved, as after a reload.
    html = client.get(url + "?page=1").content.decode()
    assert re.search(r'value="true"\s+checked', html)
    client.post(url, {"shown": ["3", "4"], "q3": "CEDAW", "q4": "A barrier.", "finish": "1"})
    response = client.post(reverse("quizzes:submit", args=[attempt.pk]))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.NEEDS_GRADING and attempt.score == 3
    # A double click: the second submit changes nothing and lands on the review too.
    submitted_at = attempt.submitted_at
    response = client.post(reverse("quizzes:submit", args=[attempt.pk]))
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.submitted_at == submitted_at
    # The attempt page now leads to the review.
    assert client.get(url)["Location"] == reverse("quizzes:review", args=[attempt.pk])
    # The trainer grades the essay from the queue.
    trainer_client = client_for(trainer)
    queue = trainer_client.get(reverse("quizzes:grading")).content.decode()
    assert "Grade this response" in queue
    row = attempt.questions.get(position=4)
    response = trainer_client.post(reverse("quizzes:grade", args=[row.pk]), {"score": "1"})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.grade == 100
    csv = b"".join(trainer_client.get(reverse("quizzes:results", args=[quiz.pk]) + "?format=csv")
                   .streaming_content).decode()  # fmt: skip
    assert "learner@example.org" in csv and "100.00" in csv


def test_autosave_endpoint(client_for, learner):
    quiz = standard_quiz()
    client = client_for(learner)
    attempt = _take(client, quiz)
    url = reverse("quizzes:attempt_save", args=[attempt.pk])
    response = client.post(url, {"shown": "3", "q3": "CEDAW"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Saved at" in response.content.decode()
    assert attempt.questions.get(position=3).response == {"text": "CEDAW"}
    # Junk never errors.
    response = client.post(url, {"shown": ["x", "1", "2"], "q1": "99", "q2": "maybe"})
    assert response.status_code == 200
    assert attempt.questions.get(position=1).response == {"choice": None}
    services.attempt_submit(attempt_id=attempt.pk)
    response = client.post(url, {"shown": "3", "q3": "late"})
    assert response["HX-Redirect"] == reverse("quizzes:review", args=[attempt.pk])
    assert attempt.questions.get(position=3).response == {"text": "CEDAW"}


def test_attempts_are_private(client_for, learner, focal_lao, trainer):
    quiz = standard_quiz(owner=trainer)
    attempt = _take(client_for(learner), quiz)
    services.attempt_submit(attempt_id=attempt.pk)
    other = client_for(focal_lao)
    for name in ("attempt", "review", "summary"):
        assert other.get(reverse(f"quizzes:{name}", args=[attempt.pk])).status_code == 404
    assert other.post(reverse("quizzes:submit", args=[attempt.pk])).status_code == 404
    assert client_for(trainer).get(reverse("quizzes:review", args=[attempt.pk])).status_code == 200


def test_review_options_hide_what_the_quiz_keeps_back(client_for, learner):
    quiz = secret_quiz(review_feedback=False, review_correct_answers=False, review_marks=False)
    client = client_for(learner)
    attempt = _take(client, quiz)
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    html = client.get(reverse("quizzes:review", args=[attempt.pk])).content.decode()
    for secret in FULL_SECRETS:
        assert secret not in html


def test_gift_import_page(client_for, trainer):
    client = client_for(trainer)
    url = reverse("quizzes:import")
    response = client.post(url, {"text": "::Q::x{=a ~b}", "dry_run": "on"})
    assert "nothing imported yet" in response.content.decode()
    assert not Question.objects.exists()
    response = client.post(url, {"text": "::Q::x{=a ~b}\n\n::R::{~a}", "category": "Mine"})
    html = response.content.decode()
    assert "Line 3:" in html and not Question.objects.exists()
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("bank.gift", "::Q::Égalité ?{T}".encode("latin-1"))
    response = client.post(url, {"file": upload})
    assert "not UTF-8" in response.content.decode()
    upload = SimpleUploadedFile("bank.gift", "\ufeff::Q::Égalité ?{T}".encode())
    response = client.post(url, {"file": upload, "category": "Mine"})
    assert response.status_code == 302
    question = Question.objects.get()
    export = client.get(reverse("quizzes:export", args=[question.category_id]))
    assert export.content.decode().startswith("::Q::[moodle]Égalité ?{TRUE}")


def test_question_editor_creates_and_versions(client_for, trainer):
    client = client_for(trainer)
    category = services.category_create(name="Mine")
    url = reverse("quizzes:question_create") + "?type=multichoice"
    form = {
        "category": category.pk, "name": "Pick", "text": "Which?", "text_format": "moodle",
        "default_mark": "2", "tags": "a, b", "shuffle": "on",
        "answers-TOTAL_FORMS": "3", "answers-INITIAL_FORMS": "0",
        "answers-0-text": "Right", "answers-0-fraction": "100",
        "answers-1-text": "Wrong", "answers-1-fraction": "-50", "answers-1-feedback": "No",
        "subs-TOTAL_FORMS": "0", "subs-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    question = Question.objects.get()
    assert question.current_version.default_mark == 2
    assert question.current_version.data["answers"][1]["fraction"] == -0.5
    assert sorted(t.name for t in question.tags.all()) == ["a", "b"]
    edit = reverse("quizzes:question_edit", args=[question.pk])
    assert client.get(edit).status_code == 200
    form["name"] = "Pick one"
    response = client.post(edit, form)
    assert response.status_code == 302, re.findall(r"errorlist.{0,300}", response.content.decode())
    question.refresh_from_db()
    assert (question.name, question.current_version.number) == ("Pick one", 2)
    assert client.get(reverse("quizzes:question", args=[question.pk])).status_code == 200


def test_manage_quiz_questions(client_for, trainer):
    client = client_for(trainer)
    quiz = standard_quiz(owner=trainer)
    url = reverse("quizzes:questions", args=[quiz.pk])
    slot = quiz.slots.first()
    client.post(url, {"action": "update", "slot": slot.pk, "page": "2", "mark": "3"})
    slot.refresh_from_db()
    assert (slot.page, slot.mark) == (2, 3)
    client.post(url, {"action": "random", "random-category": slot.question.category_id,
                      "random-count": "1", "random-mark": "1"})  # fmt: skip
    assert quiz.slots.filter(random_category__isnull=False).count() == 1
    client.post(url, {"action": "remove", "slot": slot.pk})
    assert quiz.slots.count() == 4
    assert client.post(url, {"action": "remove", "slot": "junk"}).status_code == 404


def test_pages_speak_french(client_for, learner, trainer):
    quiz = standard_quiz(owner=trainer)
    client = client_for(learner)
    html = client.get(quiz.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Commencer le quiz" in html and "Tentatives autorisées" in html
    assert "Durée maximale" in html and "Note la plus haute" in html
    attempt = _take(client, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Question 1" in html and "noté sur 1" in html and "Vrai" in html
    assert "Terminer la tentative…" in html

    # The GIFT reader's own messages are French too, line by line.
    gift = "::Q::x{=a ~b}\n\n::R::Pi?{#trois}"
    response = client_for(trainer).post(
        reverse("quizzes:import"), {"text": gift}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    html = response.content.decode()
    assert "Corrigez ces lignes" in html
    assert "Ligne 3 :" in html and "la réponse « trois »" in html and "pas un nombre" in html
