"""Where quizzes meet the learning app: courses, items and their access rules.

A quiz works on its own (the question bank can be shared, a quiz need not be in a
course); when a quiz is a course item, the course decides who may take it and who
teaches it. Everything the quizzes app needs from learning goes through here.
"""

from __future__ import annotations

from django.db.models import Q


def learning_ready() -> bool:
    """Whether quizzes can be course items (the learning app and its link are there)."""
    from capdev.quizzes.models import Quiz

    return any(field.name == "item" for field in Quiz._meta.get_fields())


def courses_taught_by(user):
    from capdev.learning.selectors import courses_taught_by

    return courses_taught_by(user)


def courses_viewable_by(user):
    from capdev.learning.selectors import course_visible_to

    return course_visible_to(user)


def category_visible_q(user) -> Q:
    """Categories of the shared bank and of the banks of the courses `user` teaches."""
    if not learning_ready():
        return Q()
    return Q(course__isnull=True) | Q(course__in=courses_taught_by(user))


def course_fields(course) -> dict:
    """The course of a new category, when categories can have one."""
    return {"course": course} if learning_ready() else {}


def quiz_trainer_q(user) -> Q:
    """Quizzes that are items of courses `user` teaches."""
    if not learning_ready():
        return Q(pk__in=[])
    return Q(item__course__in=courses_taught_by(user))


def quiz_reachable_q(user) -> Q:
    """Quizzes `user` can reach: standalone ones, or items of courses they can view."""
    if not learning_ready():
        return Q()
    return Q(item__isnull=True) | Q(item__course__in=courses_viewable_by(user))


def quiz_access(user, quiz) -> tuple[bool, str]:
    """Whether `user` may take `quiz` now as far as its course says, and why not."""
    item = getattr(quiz, "item", None) if learning_ready() else None
    if item is None:
        return True, ""
    from capdev.learning.selectors import item_access

    access = item_access(user, item)
    return bool(access.allowed), str(access.reason or "")


def course_by_slug(slug: str):
    if not learning_ready():
        return None
    from capdev.learning.models import Course

    return Course.objects.filter(slug=slug).first()
