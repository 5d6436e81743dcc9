"""The course page costs a fixed number of queries, however many items and learners."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from capdev.learning import services
from capdev.learning.models import Item
from capdev.learning.tests.builders import item, module_chain

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def _grow(course, extra_per_section: int) -> None:
    for section in course.sections.all():
        for number in range(extra_per_section):
            services.item_create(
                section=section,
                kind=Item.Kind.PAGE,
                title=f"{section.title} reading {number}",
                access_rule={"type": "item", "item": item(course, "welcome").pk}
                if number % 2
                else None,
            )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_course_page_queries_do_not_grow_with_items(client_for, trainer, learner):
    small = module_chain(trainer, modules=2, slug="small")
    big = module_chain(trainer, modules=6, slug="big")
    _grow(big, 5)  # 7 sections x 5 + 13 = 48 items, half behind a rule
    assert Item.objects.filter(course=big).count() >= 45
    client = client_for(learner)
    for course in (small, big):
        services.course_enrol(course=course, user=learner)
        services.item_viewed(user=learner, item=item(course, "welcome"))
    small_count = _count(client, reverse("learning:course", args=["small"]))
    big_count = _count(client, reverse("learning:course", args=["big"]))
    assert big_count == small_count
    assert big_count <= MAX_QUERIES


def test_item_page_queries_are_bounded(client_for, trainer, learner):
    course = module_chain(trainer, modules=6, slug="big")
    services.course_enrol(course=course, user=learner)
    client = client_for(learner)
    url = reverse("learning:item", args=["big", item(course, "welcome").pk])
    client.get(url)  # the first view records completion
    assert _count(client, url) <= 14
