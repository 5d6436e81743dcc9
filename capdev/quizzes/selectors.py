"""Reads of the question bank, quizzes, attempts and results, scoped to who asks.

- The question bank: people with the bank permissions (trainers, admins) see the shared
  bank and the banks of the courses they teach; admins and programme officers see all.
- Quizzes: their owners, their course's trainers and admins/officers manage them;
  learners see published quizzes they can reach (through a course they can view).
- Attempts: a learner sees only their own; a trainer those of the quizzes they manage.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from capdev.accounts.scoping import has_global_scope
from capdev.quizzes import integration
from capdev.quizzes.models import (
    Attempt,
    AttemptQuestion,
    Question,
    QuestionCategory,
    QuestionType,
    Quiz,
    QuizSlot,
)
from capdev.quizzes.services import category_descendants, final_grade, quiz_outcome


def _active(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


# The question bank.


def can_use_bank(user) -> bool:
    return _active(user) and user.has_perm("quizzes.change_question")


def categories_visible_to(user) -> QuerySet[QuestionCategory]:
    categories = QuestionCategory.objects.select_related("parent")
    if not can_use_bank(user):
        return categories.none()
    if has_global_scope(user):
        return categories
    return categories.filter(integration.category_visible_q(user))


def category_get_for_user(user, pk: int) -> QuestionCategory:
    category = categories_visible_to(user).filter(pk=pk).first()
    if category is None:
        raise Http404
    return category


@dataclass
class CategoryNode:
    category: QuestionCategory
    depth: int
    count: int


def category_tree(user) -> list[CategoryNode]:
    """Visible categories in tree order, each with its number of visible questions."""
    categories = list(
        categories_visible_to(user).annotate(
            n=Count("questions", filter=Q(questions__is_hidden=False))
        )
    )
    children: dict[int | None, list[QuestionCategory]] = defaultdict(list)
    ids = {c.pk for c in categories}
    for category in categories:
        parent = category.parent_id if category.parent_id in ids else None
        children[parent].append(category)
    nodes: list[CategoryNode] = []

    def walk(parent: int | None, depth: int) -> None:
        for category in sorted(children[parent], key=lambda c: (c.name.lower(), c.pk)):
            nodes.append(CategoryNode(category, depth, category.n))
            walk(category.pk, depth + 1)

    walk(None, 0)
    return nodes


def questions_visible_to(
    user,
    *,
    category: QuestionCategory | None = None,
    include_subcategories: bool = False,
    tag: str = "",
    search: str = "",
    qtype: str = "",
) -> QuerySet[Question]:
    questions = Question.objects.filter(
        is_hidden=False, category__in=categories_visible_to(user)
    ).select_related("category", "current_version")
    if category is not None:
        ids = category_descendants(category) if include_subcategories else [category.pk]
        questions = questions.filter(category_id__in=ids)
    if tag:
        questions = questions.filter(tags__name=tag)
    if search:
        questions = questions.filter(Q(name__icontains=search) | Q(idnumber__icontains=search))
    if qtype:
        questions = questions.filter(qtype=qtype)
    return questions.prefetch_related("tags").distinct().order_by("name", "pk")


def question_get_for_user(user, pk: int) -> Question:
    question = questions_visible_to(user).filter(pk=pk).first()
    if question is None:
        raise Http404
    return question


# Quizzes.


def can_create_quiz(user) -> bool:
    return _active(user) and user.has_perm("quizzes.add_quiz")


def quizzes_managed_by(user) -> QuerySet[Quiz]:
    quizzes = Quiz.objects.all()
    if not _active(user):
        return quizzes.none()
    if has_global_scope(user):
        return quizzes
    if not user.has_perm("quizzes.change_quiz"):
        return quizzes.none()
    return quizzes.filter(Q(owner=user) | integration.quiz_trainer_q(user))


def can_manage_quiz(user, quiz: Quiz) -> bool:
    return quizzes_managed_by(user).filter(pk=quiz.pk).exists()


def quizzes_available_to(user) -> QuerySet[Quiz]:
    """Published quizzes the user may take: standalone ones, or in a course they can view."""
    if not _active(user):
        return Quiz.objects.none()
    return Quiz.objects.filter(is_published=True).filter(integration.quiz_reachable_q(user))


def quiz_get_for_user(user, pk: int) -> tuple[Quiz, bool]:
    """The quiz and whether the user manages it; 404 if they may neither take nor manage it."""
    quiz = Quiz.objects.filter(pk=pk).first()
    if quiz is None:
        raise Http404
    manages = can_manage_quiz(user, quiz)
    if not manages:
        if not quizzes_available_to(user).filter(pk=pk).exists():
            raise Http404
        if not integration.quiz_access(user, quiz)[0]:
            raise Http404
    return quiz, manages


def slots_of(quiz: Quiz) -> QuerySet[QuizSlot]:
    return quiz.slots.select_related(
        "question__current_version", "question__category", "random_category"
    ).order_by("position")


# Attempts.


def attempts_of(user, quiz: Quiz) -> list[Attempt]:
    return list(Attempt.objects.filter(quiz=quiz, user=user).order_by("number"))


def attempt_get_for_user(user, pk: int) -> tuple[Attempt, bool]:
    """An attempt its owner or a trainer of its quiz may see, and whether the user manages it."""
    attempt = Attempt.objects.select_related("quiz", "user").filter(pk=pk).first()
    if attempt is None or not _active(user):
        raise Http404
    if attempt.user_id == user.pk:
        return attempt, can_manage_quiz(user, attempt.quiz)
    if can_manage_quiz(user, attempt.quiz):
        return attempt, True
    raise Http404


def attempt_questions(attempt: Attempt, *, page: int | None = None) -> list[AttemptQuestion]:
    rows = attempt.questions.select_related("version").order_by("position")
    if page is not None:
        rows = rows.filter(page=page)
    return list(rows)


def attempt_pages(attempt: Attempt) -> list[int]:
    return sorted(set(attempt.questions.values_list("page", flat=True)))


def attempts_visible_to(user) -> QuerySet[Attempt]:
    if not _active(user):
        return Attempt.objects.none()
    return Attempt.objects.filter(Q(user=user) | Q(quiz__in=quizzes_managed_by(user)))


def user_quiz_grade(user, quiz: Quiz) -> tuple[Decimal | None, str | None]:
    grade = final_grade(quiz, attempts_of(user, quiz))
    return grade, quiz_outcome(quiz, grade)


def grading_queue(user) -> QuerySet[AttemptQuestion]:
    """Responses waiting for a trainer, oldest first, in the quizzes the user manages."""
    return (
        AttemptQuestion.objects.filter(
            needs_grading=True,
            attempt__state=Attempt.State.NEEDS_GRADING,
            attempt__quiz__in=quizzes_managed_by(user),
        )
        .select_related("attempt__quiz", "attempt__user", "version")
        .order_by("attempt__submitted_at", "attempt_id", "position")
    )


def grading_row_get_for_user(user, pk: int) -> AttemptQuestion:
    row = (
        AttemptQuestion.objects.filter(pk=pk, attempt__quiz__in=quizzes_managed_by(user))
        .exclude(attempt__state=Attempt.State.IN_PROGRESS)
        .select_related("attempt__quiz", "attempt__user", "version")
        .first()
    )
    if row is None:
        raise Http404
    return row


# Results.


@dataclass
class ResultRow:
    user: object
    attempts: list[Attempt]
    grade: Decimal | None
    outcome: str | None


def quiz_results(quiz: Quiz) -> list[ResultRow]:
    """One row per learner who attempted the quiz: their attempts and final grade."""
    by_user: dict[int, list[Attempt]] = defaultdict(list)
    users = {}
    for attempt in Attempt.objects.filter(quiz=quiz).select_related("user").order_by("number"):
        by_user[attempt.user_id].append(attempt)
        users[attempt.user_id] = attempt.user
    rows = []
    for user_id, attempts in by_user.items():
        grade = final_grade(quiz, attempts)
        rows.append(ResultRow(users[user_id], attempts, grade, quiz_outcome(quiz, grade)))
    rows.sort(key=lambda r: (str(r.user.last_name).lower(), str(r.user.email)))
    return rows


@dataclass
class ItemStatistics:
    question_id: int
    name: str
    qtype: str
    attempts: int
    facility: float | None  # mean share of the mark earned, 0 to 100
    discrimination: float | None  # correlation with the rest of the quiz, -100 to 100

    @property
    def qtype_label(self) -> str:
        return str(QuestionType(self.qtype).label) if self.qtype in QuestionType.values else ""


def _correlation(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def item_analysis(quiz: Quiz) -> list[ItemStatistics]:
    """Facility and discrimination per question over graded attempts.

    Facility is the average share of the mark earned (as Moodle's facility index);
    discrimination is the correlation between the score on the question and the score
    on the rest of the quiz (Moodle's discrimination index), both in percent.
    """
    rows = list(
        AttemptQuestion.objects.filter(
            attempt__quiz=quiz, attempt__state=Attempt.State.GRADED, mark__gt=0
        ).values("attempt_id", "version__question_id", "score", "mark")
    )
    totals: dict[int, float] = defaultdict(float)
    for row in rows:
        totals[row["attempt_id"]] += float(row["score"] or 0)
    per_question: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for row in rows:
        score = float(row["score"] or 0)
        share = score / float(row["mark"])
        per_question[row["version__question_id"]].append((share, totals[row["attempt_id"]] - score))
    names = dict(Question.objects.filter(pk__in=list(per_question)).values_list("pk", "name"))
    types = dict(Question.objects.filter(pk__in=list(per_question)).values_list("pk", "qtype"))
    stats = []
    for question_id, pairs in per_question.items():
        shares = [p[0] for p in pairs]
        rest = [p[1] for p in pairs]
        correlation = _correlation(shares, rest)
        stats.append(
            ItemStatistics(
                question_id=question_id,
                name=names.get(question_id, ""),
                qtype=types.get(question_id, ""),
                attempts=len(pairs),
                facility=100 * sum(shares) / len(shares) if shares else None,
                discrimination=None if correlation is None else 100 * correlation,
            )
        )
    order = {
        pk: index
        for index, pk in enumerate(
            quiz.slots.exclude(question=None)
            .order_by("position")
            .values_list("question", flat=True)
        )
    }
    stats.sort(key=lambda s: (order.get(s.question_id, len(order)), s.name))
    return stats
