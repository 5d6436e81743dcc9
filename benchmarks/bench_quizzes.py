"""Quizzes: importing 10,000 GIFT questions, and grading 1,000 attempts of 20 questions."""

import random
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from capdev.quizzes import services
from capdev.quizzes.models import Attempt, AttemptQuestion, QuestionCategory, Quiz

QUESTIONS = 10_000
ATTEMPTS = 1_000
QUIZ_SIZE = 20


def gift_text(count: int) -> str:
    """A GIFT file mixing every question type, with comments, tags and categories."""
    blocks = []
    for n in range(count):
        if n % 500 == 0:
            blocks.append(f"$CATEGORY: $course$/top/Bench/Part {n // 500 + 1}")
        kind = n % 6
        head = f"// [id:B-{n}] [tag:bench] [tag:kind-{kind}]\n::Question {n}::"
        if kind == 0:
            body = (
                "Which share of senior posts do women hold?{=A third#Right ~Half#No ~%-50%All#No}"
            )
        elif kind == 1:
            body = "Quotas are temporary special measures.{TRUE#Look again#Right}"
        elif kind == 2:
            body = "Name the convention.{=CEDAW =%50%*convention*#Close}"
        elif kind == 3:
            body = "In which year?{#=1995:0#Right =%50%1990..2000#Close ~#No}"
        elif kind == 4:
            body = "Match.{=CEDAW -> 1979 =Beijing -> 1995 = -> 2015}"
        else:
            body = "Select two.{~%50%Mentoring ~%50%Flexible work ~%-100%Longer hours####General}"
        blocks.append(head + body)
    return "\n\n".join(blocks) + "\n"


RESPONSES = {
    "multichoice": lambda data, rng: (
        {"choice": rng.randrange(len(data["answers"]))}
        if data.get("single", True)
        else {"choices": rng.sample(range(len(data["answers"])), 2)}
    ),
    "truefalse": lambda data, rng: {"value": rng.random() < 0.7},
    "shortanswer": lambda data, rng: {"text": rng.choice(["CEDAW", "the convention", "UN"])},
    "numerical": lambda data, rng: {"text": rng.choice(["1995", "1993", "2010"])},
    "matching": lambda data, rng: {"matches": {"0": "1979", "1": rng.choice(["1995", "2015"])}},
}


def run(out) -> None:
    stamp = f"{time.time():.0f}"
    text = gift_text(QUESTIONS)
    started = time.perf_counter()
    result = services.gift_import(data=text, category_name=f"Bench {stamp}")
    elapsed = time.perf_counter() - started
    assert result.created == QUESTIONS
    out.figure(f"import_gift, {QUESTIONS:,} questions ({len(text) / 1e6:.1f} MB)", elapsed, "s",
               target=10)  # fmt: skip
    out.line(f"  {QUESTIONS / elapsed:,.0f} questions/s")

    root = QuestionCategory.objects.get(name=f"Bench {stamp}", parent=None)
    ids = services.category_descendants(root)
    from capdev.quizzes.models import Question

    questions = list(
        Question.objects.filter(category_id__in=ids)
        .select_related("current_version")
        .order_by("pk")[:QUIZ_SIZE]
    )
    quiz = services.quiz_create(title=f"Bench quiz {stamp}", is_published=True)
    for question in questions:
        services.quiz_add_question(quiz=quiz, question=question)
    user = get_user_model().objects.create_user(email=f"bench-{stamp}@example.org")
    rng = random.Random(7)
    now = timezone.now()
    attempts = Attempt.objects.bulk_create(
        Attempt(quiz=quiz, user=user, number=n + 1, started_at=now, submitted_at=now,
                state=Attempt.State.NEEDS_GRADING, max_score=Decimal(QUIZ_SIZE))
        for n in range(ATTEMPTS)
    )  # fmt: skip
    slots = list(quiz.slots.select_related("question__current_version").order_by("position"))
    rows = []
    for attempt in attempts:
        for slot in slots:
            version = slot.question.current_version
            rows.append(
                AttemptQuestion(
                    attempt=attempt, position=slot.position, slot=slot, version=version,
                    mark=slot.mark, response=RESPONSES[version.qtype](version.data, rng),
                )
            )  # fmt: skip
    AttemptQuestion.objects.bulk_create(rows, batch_size=2000)

    started = time.perf_counter()
    graded = services.attempts_regrade(quiz=quiz)
    elapsed = time.perf_counter() - started
    assert graded == ATTEMPTS
    out.figure(f"grade {ATTEMPTS:,} attempts of {QUIZ_SIZE} questions", elapsed, "s", target=5)
    out.line(f"  {ATTEMPTS * QUIZ_SIZE / elapsed:,.0f} responses/s")
    grades = [a.grade for a in Attempt.objects.filter(quiz=quiz)]
    out.line(f"  mean grade {sum(grades) / len(grades):.1f} %")

    # Submitting one attempt at a time, as learners do.
    singles = Attempt.objects.bulk_create(
        # Opened one at a time below: a learner has one open attempt per quiz.
        Attempt(quiz=quiz, user=user, number=ATTEMPTS + n + 1, started_at=now,
                state=Attempt.State.GRADED)
        for n in range(50)
    )  # fmt: skip
    AttemptQuestion.objects.bulk_create(
        AttemptQuestion(attempt=attempt, position=slot.position, slot=slot,
                        version=slot.question.current_version, mark=slot.mark,
                        response=RESPONSES[slot.question.qtype](
                            slot.question.current_version.data, rng))
        for attempt in singles
        for slot in slots
    )  # fmt: skip
    started = time.perf_counter()
    for attempt in singles:
        Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.IN_PROGRESS)
        services.attempt_submit(attempt_id=attempt.pk)
    per_submit = (time.perf_counter() - started) / len(singles) * 1000
    out.figure("attempt_submit (one attempt of 20 questions)", per_submit, "ms", target=200)
    Quiz.objects.filter(pk=quiz.pk).delete()
