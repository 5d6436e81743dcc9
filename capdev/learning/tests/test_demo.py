import pytest
from django.core.management import call_command

from capdev.accounts.models import User
from capdev.learning import selectors
from capdev.learning.demo import COURSE_SLUG
from capdev.learning.models import Course, Enrolment, Item

pytestmark = pytest.mark.django_db


def test_demo_course_layout_and_lock_chain(settings):
    settings.DEBUG = True
    call_command("load_demo")
    counts = (Course.objects.count(), Item.objects.count(), Enrolment.objects.count())
    call_command("load_demo")
    assert (Course.objects.count(), Item.objects.count(), Enrolment.objects.count()) == counts
    assert Course.objects.count() >= 2
    course = Course.objects.get(slug=COURSE_SLUG)
    titles = [section.title for section in course.sections.all()]
    assert titles[:3] == ["Overview", "Country documents", "Introduction"]
    assert titles[-2:] == ["Forum", "Event recordings, resources and guidance material"]
    for number in range(1, 5):
        quiz = Item.objects.get(course=course, key=f"module-{number}-self-assessment")
        assert quiz.kind == "quiz" and quiz.title == f"Module {number} self-assessment"
    assert Item.objects.get(course=course, key="country-btn").url == "/library/countries/BTN/"
    assert Item.objects.get(course=course, key="forum").kind == "forum"
    learner = User.objects.get(email="learner@demo.capdev.org")
    state = selectors.course_state(learner, course)
    module_2 = Item.objects.get(course=course, key="module-2")
    assert state.items_by_id[module_2.pk].access.reason == (
        "Not available unless: the activity Module 1 self-assessment is marked complete"
    )
    assert state.progress > 0
