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


def course_by_title(title: str):
    if not learning_ready():
        return None
    from capdev.learning.models import Course

    return Course.objects.filter(title=title).first()


def course_quiz_item(course, title: str):
    from capdev.learning.models import Item

    return Item.objects.filter(course=course, kind=Item.Kind.QUIZ, title=title).first()


def item_page_context(user, item) -> dict:
    """What learning/item_base.html needs around a quiz shown as a course item."""
    from capdev.learning import selectors

    completion = selectors.completion_get(user, item)
    return {
        "course": item.course,
        "item": item,
        "completion": completion,
        "complete": item.is_tracked and item.is_complete(completion),
        "is_trainer": selectors.user_is_course_trainer(user, item.course),
        "is_enrolled": selectors.enrolment_for(user, item.course) is not None,
        "nav_current": "learning",
    }


def quiz_item_for_trainer(user, item_id: int):
    """A quiz item of a course `user` teaches, or None."""
    from capdev.learning.models import Item
    from capdev.learning.selectors import user_is_course_trainer

    item = Item.objects.select_related("course").filter(pk=item_id, kind=Item.Kind.QUIZ).first()
    if item is None or not user_is_course_trainer(user, item.course):
        return None
    return item
