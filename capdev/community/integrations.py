"""Wiring to other apps that may or may not be installed (learning's courses).

The community app owns the audience registry; learning owns the item-kind registry.
Both are filled from `CommunityConfig.ready()`, so neither app's models import the
other's: a course forum stores the course's and item's ids as plain numbers.
"""

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from capdev.accounts.scoping import has_global_scope
from capdev.community.audiences import NOTHING, register_audience

COURSE_FORUM_THREADS_SHOWN = 10


def connect() -> None:
    """Register the audiences and item kinds this app knows of. Nothing if an app is absent."""
    if apps.is_installed("capdev.learning"):
        _connect_learning()


def _connect_learning() -> None:
    from capdev.learning.item_kinds import register_item_kind

    register_audience("course", course_can_view, course_can_moderate, course_visible_q)
    register_item_kind("forum", view=forum_item_view, label=_("Forum"))


def _course(forum):
    from capdev.learning.models import Course

    return Course.objects.filter(pk=forum.audience_object_id).first()


def _signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def course_can_view(user, forum) -> bool:
    """A course forum is for the course's current learners, its trainers and staff."""
    from capdev.learning import selectors as learning

    if not _signed_in(user):
        return False
    if has_global_scope(user):
        return True
    course = _course(forum)
    if course is None:
        return False
    if learning.user_is_course_trainer(user, course):
        return True
    return learning.enrolment_is_current(learning.enrolment_for(user, course))


def course_can_moderate(user, forum) -> bool:
    from capdev.learning import selectors as learning

    if not _signed_in(user):
        return False
    course = _course(forum)
    return course is not None and learning.user_is_course_trainer(user, course)


def course_visible_q(user) -> Q:
    from capdev.learning.models import Course, Enrolment

    if not _signed_in(user):
        return NOTHING
    if has_global_scope(user):
        return Q(audience="course")
    today = timezone.localdate()
    enrolled = (
        Enrolment.objects.filter(user=user)
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=today))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .values("course_id")
    )
    taught = Course.objects.filter(trainers=user).values("pk")
    return Q(audience="course") & (
        Q(audience_object_id__in=enrolled) | Q(audience_object_id__in=taught)
    )


def forum_item_view(request, item):
    """A learning item of kind "forum": the course forum's latest threads, and a way in.

    The learning app has already checked that the person may open the item. The forum
    is created on the item's first view, for the item's course.
    """
    from django.shortcuts import render

    from capdev.community import selectors, services
    from capdev.learning import selectors as learning

    forum = services.forum_for_learning_item(
        item_id=item.pk, course_id=item.course_id, title=f"{item.title}: {item.course.title}"
    )
    can_view = selectors.can_view_forum(request.user, forum)
    threads = (
        selectors.threads_for_forum(request.user, forum)[:COURSE_FORUM_THREADS_SHOWN]
        if can_view
        else []
    )
    completion = learning.completion_get(request.user, item)
    return render(
        request,
        "community/learning_item.html",
        {
            "course": item.course,
            "item": item,
            "forum": forum,
            "threads": threads,
            "can_view": can_view,
            "completion": completion,
            "complete": item.is_tracked and item.is_complete(completion),
            "is_trainer": learning.user_is_course_trainer(request.user, item.course),
            "is_enrolled": learning.enrolment_for(request.user, item.course) is not None,
            "nav_current": "learning",
        },
    )
