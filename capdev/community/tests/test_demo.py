import importlib.util
import io

import pytest
from django.core import mail
from django.core.management import call_command

from capdev.community.models import Forum, Post, Report, Thread

pytestmark = pytest.mark.django_db


def test_demo_loads_both_forums_idempotently(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    counts = (Forum.objects.count(), Thread.objects.count(), Post.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Forum.objects.count(), Thread.objects.count(), Post.objects.count()) == counts
    community = Forum.objects.get(slug="community-of-practice")
    titles = " ".join(community.threads.values_list("title", flat=True))
    for country in ("Bhutan", "Lao PDR", "Mauritius", "Senegal"):
        assert country in titles
    assert community.threads.filter(is_pinned=True).count() == 1
    assert community.threads.filter(is_locked=True).count() == 1
    assert Report.objects.filter(status="open").count() == 1
    assert mail.outbox == []
    if importlib.util.find_spec("capdev.learning.demo") is None:
        return  # The learning demo, which has the course's forum item, is not there yet.
    course_forum = Forum.objects.get(audience="course")
    assert course_forum.learning_item_id is not None
    assert course_forum.threads.count() == 1
