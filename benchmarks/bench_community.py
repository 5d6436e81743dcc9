"""Community forums: a forum of 10,000 threads, listed, read and searched."""

import time
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchmarks.common import summary, timings_ms
from capdev.accounts.models import User
from capdev.accounts.roles import Role
from capdev.accounts.services import roles_sync, user_create
from capdev.community import services
from capdev.community.models import Forum, Post, Thread, ThreadRead

THREADS = 10_000
SLUG = "bench-forum"


def _people():
    roles_sync()
    people = []
    for number, role in enumerate([Role.LEARNER, Role.TRAINER, Role.LEARNER]):
        email = f"bench.community.{number}@example.org"
        user = User.objects.filter(email=email).first() or user_create(email=email, roles=[role])
        people.append(user)
    return people


def _fill(forum, people) -> float:
    started = time.perf_counter()
    now = timezone.now()
    threads = [
        Thread(
            forum=forum,
            title=f"Thread {n}: women's leadership topic {n % 97}",
            author=people[n % 2],
            last_post_at=now - timedelta(minutes=n),
            last_poster=people[n % 2],
            reply_count=0,
            is_pinned=n < 3,
        )
        for n in range(THREADS)
    ]
    Thread.objects.bulk_create(threads, batch_size=2000)
    ids = list(Thread.objects.filter(forum=forum).values_list("pk", flat=True))
    Post.objects.bulk_create(
        [
            Post(
                thread_id=pk,
                author=people[pk % 2],
                body_html=f"<p>Message {pk} about mentoring and promotion boards.</p>",
                body_text=f"Message {pk} about mentoring and promotion boards.",
            )
            for pk in ids
        ],
        batch_size=2000,
    )
    # The reader has read every third thread.
    ThreadRead.objects.bulk_create(
        [ThreadRead(user=people[2], thread_id=pk, read_at=now) for pk in ids[::3]],
        batch_size=2000,
    )
    return time.perf_counter() - started


def run(out) -> None:
    people = _people()
    forum = Forum.objects.filter(slug=SLUG).first()
    if forum is None or forum.threads.count() != THREADS:
        if forum is not None:
            forum.delete()
        forum = services.forum_create(title="Bench forum", slug=SLUG)
        out.figure(f"create {THREADS:,} threads and posts", _fill(forum, people), "s")
    thread = forum.threads.order_by("-last_post_at").first()
    for n in range(30 - thread.posts.count()):
        services.post_create(thread=thread, author=people[n % 2], body=f"Reply {n}")
    client = Client()
    client.force_login(people[2])
    last_page = THREADS // 25

    def get(url):
        def fetch():
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        return fetch

    pages = [
        ("community index", "/community/"),
        ("forum page 1", f"/community/f/{SLUG}/"),
        (f"forum page {last_page}", f"/community/f/{SLUG}/?page={last_page}"),
        ("thread (30 posts)", f"/community/t/{thread.pk}/"),
        ("search 'mentoring 4242'", "/community/search/?q=mentoring+4242"),
        ("API threads (limit 100)", f"/api/v1/forums/{SLUG}/threads?limit=100"),
    ]
    results = {}
    for name, url in pages:
        with CaptureQueriesContext(connection) as queries:
            get(url)()
        # Count now: the captured list is read lazily from the connection's log, which
        # the next request clears.
        query_count = len(queries)
        figures = summary(timings_ms(get(url), repeat=20))
        results[name] = figures
        out.figure(f"{name} p50", figures["p50"], "ms")
        out.figure(f"{name} p95 ({query_count} queries)", figures["p95"], "ms", target=200)
    ratio = results[f"forum page {last_page}"]["p50"] / results["forum page 1"]["p50"]
    out.line(f"far page / first page (p50): {ratio:.2f}x")
