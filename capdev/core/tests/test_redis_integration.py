"""Production's cache and task broker, exercised against the real Redis of this machine.

REDIS_TEST_URL chooses the server (default redis://127.0.0.1:6379/15). The tests skip when
it cannot be reached, unless CAPDEV_REQUIRE_REDIS=1 (CI), where they fail. Each test keeps
to its own key prefix and queue, so parallel runs never see or delete each other's keys.
"""

import os
import threading
import time
import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun, task_received
from django.urls import reverse
from kombu import pools

from capdev.celery import app
from capdev.knowledge.models import Chunk
from capdev.library.models import DocumentVersion
from capdev.library.services import document_ingest
from capdev.library.testing import make_pdf
from conftest import PASSWORD

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_client():
    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        message = f"Redis at {REDIS_TEST_URL} is unreachable: {error}"
        if os.environ.get("CAPDEV_REQUIRE_REDIS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    yield client
    client.close()


@pytest.fixture
def prefix(redis_client):
    """A key prefix of this test alone; its keys are deleted afterwards, nothing else."""
    name = f"capdev-test-{uuid.uuid4().hex}"
    yield name
    for key in redis_client.scan_iter(match=f"*{name}*"):
        redis_client.delete(key)


@pytest.fixture
def redis_cache(settings, prefix):
    # The root conftest clears the cache around each test; its clearing runs before this
    # override and after it is undone, so it never flushes the shared Redis database.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": prefix,
        }
    }
    return prefix


@pytest.mark.django_db
def test_login_lockout_is_counted_in_redis(client, officer, redis_cache, redis_client):
    login = reverse("account_login")
    for _attempt in range(5):
        client.post(login, {"login": officer.email, "password": "not-the-password"})
    assert list(redis_client.scan_iter(match=f"{redis_cache}:*")), "no rate-limit key in Redis"
    response = client.post(login, {"login": officer.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content


@pytest.mark.django_db
def test_cache_stores_counts_and_expires_in_redis(redis_cache, redis_client):
    from django.core.cache import cache

    cache.set("greeting", {"text": "Sabaidee"}, timeout=60)
    assert cache.get("greeting") == {"text": "Sabaidee"}
    cache.set("visits", 1)
    assert cache.incr("visits", 2) == 3
    assert 0 < redis_client.ttl(cache.make_and_validate_key("greeting")) <= 60
    cache.set("brief", "gone soon", timeout=1)
    time.sleep(1.5)
    assert cache.get("brief") is None


def _forget_broker_connections():
    # The app caches its connection pool and queue table, and kombu keeps process-wide
    # pools per broker; drop them all so the next message goes to the broker and queue
    # configured now, and no later test finds a pool closed under it.
    app._pool = None
    app.__dict__.pop("amqp", None)
    pools.reset()


@pytest.fixture
def worker_on_redis(prefix):
    """A real Celery worker thread consuming this test's own queue on Redis."""
    saved = {
        name: app.conf[name] for name in ("broker_url", "task_always_eager", "task_default_queue")
    }
    app.conf.update(broker_url=REDIS_TEST_URL, task_always_eager=False, task_default_queue=prefix)
    _forget_broker_connections()
    try:
        with start_worker(app, perform_ping_check=False, queues=[prefix], loglevel="WARNING"):
            yield prefix
    finally:
        app.conf.update(saved)
        _forget_broker_connections()


@pytest.mark.django_db(transaction=True)
def test_upload_is_ingested_by_a_worker_through_redis(reference_data, worker_on_redis, prefix):
    received = []
    finished = threading.Event()

    def record(request, **kwargs):
        received.append(request.name)

    # Only a worker that took the message off the broker sends task_received; an eager
    # run in this thread would not. The test reads the database only once the task has
    # finished: SQLite's shared in-memory test database refuses concurrent access.
    task_received.connect(record, weak=False)
    task_postrun.connect(lambda **kwargs: finished.set(), weak=False, dispatch_uid=prefix)
    try:
        result = document_ingest(
            data=make_pdf(["Budget of the Lao PDR plan", "Timeline for 2027"]),
            filename="plan.pdf",
            background=True,
        )
        assert result.status == "queued"
        assert finished.wait(timeout=60), "the worker did not finish the ingestion in 60 s"
    finally:
        task_received.disconnect(record)
        task_postrun.disconnect(dispatch_uid=prefix)
    assert received == ["capdev.library.tasks.ingest_version"]
    version = DocumentVersion.objects.get(pk=result.version.pk)
    assert version.status == DocumentVersion.Status.DONE, version.error
    assert (version.pages_done, version.pages_total) == (2, 2)
    assert list(version.pages.order_by("number").values_list("text", flat=True)) == [
        "Budget of the Lao PDR plan",
        "Timeline for 2027",
    ]
    result.document.refresh_from_db()
    assert result.document.current_version_id == version.pk
    assert Chunk.objects.filter(source_id=result.document.pk, text__contains="Timeline").exists()
