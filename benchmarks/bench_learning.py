"""Learning: a 50-item course page for one learner among 100,000 enrolments.

The page judges completion and access rules for every item; its cost must not grow
with the number of items or of enrolments.
"""

import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks.common import summary, timings_ms
from capdev.accounts.models import User
from capdev.learning import services
from capdev.learning.models import Course, Enrolment, Item

USERS = 5_000
COURSES = 20  # USERS x COURSES = 100,000 enrolments
SECTIONS = 10
ITEMS_PER_SECTION = 5


def _build_main_course() -> Course:
    course = services.course_create(
        title="Benchmark course", slug="bench-50", status=Course.Status.PUBLISHED
    )
    previous = None
    for number in range(1, SECTIONS + 1):
        rule = {"type": "item", "item": previous.pk} if previous else None
        section = services.section_create(course=course, title=f"Unit {number}", access_rule=rule)
        for position in range(1, ITEMS_PER_SECTION + 1):
            previous = services.item_create(
                section=section,
                kind=Item.Kind.PAGE,
                title=f"Unit {number}, part {position}",
                body="<p>Reading.</p>" * 5,
            )
    return course


def _build(out) -> Course:
    started = time.perf_counter()
    course = _build_main_course()
    others = [
        Course(title=f"Benchmark course {n}", slug=f"bench-other-{n}", status="published")
        for n in range(1, COURSES)
    ]
    Course.objects.bulk_create(others)
    User.objects.bulk_create(
        [User(email=f"bench{n}@example.org", password="!") for n in range(USERS)],  # noqa: S106
        batch_size=2_000,
    )
    users = list(User.objects.filter(email__startswith="bench").values_list("pk", flat=True))
    courses = [course, *Course.objects.filter(slug__startswith="bench-other-")]
    batch = []
    for course_obj in courses:
        for user_id in users:
            batch.append(Enrolment(course=course_obj, user_id=user_id, method="cohort"))
            if len(batch) >= 10_000:
                Enrolment.objects.bulk_create(batch)
                batch = []
    Enrolment.objects.bulk_create(batch)
    out.figure(
        "build: 100,000 enrolments, 5,000 users, 50-item course", time.perf_counter() - started, "s"
    )
    return course


def run(out) -> None:
    course = Course.objects.filter(slug="bench-50").first() or _build(out)
    out.line(
        f"enrolments: {Enrolment.objects.count():,}; items in the course: {course.items.count()}"
    )
    learner = User.objects.get(email="bench0@example.org")
    # The learner is halfway: units 1-5 done, unit 6 open, units 7-10 locked.
    for item in Item.objects.filter(course=course).order_by("section__position", "position")[:25]:
        services.completion_record(learner, item)
    client = Client()
    client.force_login(learner)
    url = f"/learning/courses/{course.slug}/"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200 and b"Not available unless" in response.content
    out.line(f"course page queries: {len(queries)}")

    def page():
        assert client.get(url).status_code == 200

    figures = summary(timings_ms(page, repeat=40))
    out.figure("course page (50 items, rules judged) p50", figures["p50"], "ms")
    out.figure("course page (50 items, rules judged) p95", figures["p95"], "ms", target=100)

    def my_learning():
        assert client.get("/learning/my/").status_code == 200

    figures = summary(timings_ms(my_learning, repeat=20))
    out.figure("My learning (20 courses) p95", figures["p95"], "ms", target=100)

    def api_outline():
        assert client.get(f"/api/v1/courses/{course.slug}").status_code == 200

    figures = summary(timings_ms(api_outline, repeat=20))
    out.figure("GET /api/v1/courses/bench-50 p95", figures["p95"], "ms", target=100)
    item = Item.objects.filter(course=course).order_by("section__position", "position")[25]
    started = time.perf_counter()
    for _ in range(20):
        services.completion_record(learner, item, state="passed", grade=80)
    per_record = (time.perf_counter() - started) * 1000 / 20
    out.figure("completion_record + course recompute", per_record, "ms", target=50)
