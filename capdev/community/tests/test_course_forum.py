"""Course forums: the "course" audience and the learning item of kind "forum"."""

import datetime as dt

import pytest
from django.utils import timezone

from capdev.community import selectors, services
from capdev.community.models import Forum
from capdev.learning import services as learning
from capdev.learning.item_kinds import get_item_kind
from capdev.learning.models import Course, Item

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(trainer):
    return learning.course_create(
        title="Women in public administration",
        slug="wpa",
        status=Course.Status.PUBLISHED,
        trainers=[trainer],
    )


@pytest.fixture
def forum_item(course):
    section = learning.section_create(course=course, title="Forum")
    return learning.item_create(section=section, kind=Item.Kind.FORUM, title="Forum", key="forum")


def test_forum_is_a_registered_item_kind():
    assert get_item_kind("forum") is not None


def test_item_view_creates_the_course_forum_once(client_for, course, forum_item, learner, trainer):
    learning.course_enrol(course=course, user=learner, method="trainer", enrolled_by=trainer)
    client = client_for(learner)
    response = client.get(forum_item.get_absolute_url())
    assert response.status_code == 200
    forum = Forum.objects.get(learning_item_id=forum_item.pk)
    assert (forum.audience, forum.audience_object_id) == ("course", course.pk)
    assert forum.get_absolute_url() in response.content.decode()
    client.get(forum_item.get_absolute_url())
    assert Forum.objects.filter(audience="course").count() == 1


def test_course_forum_is_for_enrolled_trainers_and_staff(
    client_for, course, forum_item, learner, trainer, officer, focal_lao, focal_bhutan
):
    forum = services.forum_for_learning_item(
        item_id=forum_item.pk, course_id=course.pk, title="Forum"
    )
    learning.course_enrol(course=course, user=focal_lao, method="trainer", enrolled_by=trainer)
    past = timezone.localdate() - dt.timedelta(days=30)
    learning.course_enrol(
        course=course,
        user=learner,
        method="trainer",
        enrolled_by=trainer,
        starts_on=past - dt.timedelta(days=30),
        ends_on=past,
    )
    can_view = {
        person.email: selectors.can_view_forum(person, forum)
        for person in (learner, trainer, officer, focal_lao, focal_bhutan)
    }
    assert can_view == {
        learner.email: False,  # enrolment ended
        trainer.email: True,
        officer.email: True,
        focal_lao.email: True,
        focal_bhutan.email: False,
    }
    for person, allowed in can_view.items():
        visible = selectors.forums_visible_to(
            {p.email: p for p in (learner, trainer, officer, focal_lao, focal_bhutan)}[person]
        )
        assert visible.filter(pk=forum.pk).exists() is allowed, person
    assert client_for(focal_bhutan).get(forum.get_absolute_url()).status_code == 404
    assert client_for(focal_lao).get(forum.get_absolute_url()).status_code == 200


def test_course_trainer_moderates_their_course_forum_only(
    course, forum_item, trainer, focal_lao, reference_data
):
    from capdev.accounts.roles import Role
    from capdev.accounts.services import user_create

    other_trainer = user_create(email="other.trainer@example.org", roles=[Role.TRAINER])
    forum = services.forum_for_learning_item(
        item_id=forum_item.pk, course_id=course.pk, title="Forum"
    )
    assert selectors.can_moderate_forum(trainer, forum)
    assert not selectors.can_moderate_forum(other_trainer, forum)
    assert not selectors.can_view_forum(other_trainer, forum)
    learning.course_enrol(course=course, user=focal_lao, method="trainer", enrolled_by=trainer)
    assert not selectors.can_moderate_forum(focal_lao, forum)
