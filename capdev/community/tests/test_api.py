import pytest

from capdev.accounts.services import api_token_create
from capdev.community import services

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, key = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_api_needs_authentication(client, forum, thread):
    assert client.get("/api/v1/forums").status_code == 401
    assert client.get(f"/api/v1/threads/{thread.pk}").status_code == 401


def test_forums_threads_and_posts(client, forum, thread, trainer, learner):
    reply = services.post_create(thread=thread, author=trainer, body="Reply <b>bold</b>")
    services.post_hide(post=reply, moderator=trainer, reason="test")
    forums = client.get("/api/v1/forums", **bearer(learner)).json()
    assert [(f["slug"], f["thread_count"]) for f in forums] == [(forum.slug, 1)]
    body = client.get(f"/api/v1/forums/{forum.slug}/threads", **bearer(learner)).json()
    assert body["count"] == 1 and body["items"][0]["title"] == thread.title
    assert body["items"][0]["unread"] is True  # a reply came after the learner's own post
    detail = client.get(f"/api/v1/threads/{thread.pk}", **bearer(learner)).json()
    assert detail["forum"] == forum.slug
    assert [p["hidden"] for p in detail["posts"]] == [False, True]
    assert detail["posts"][1]["body_html"] == ""
    as_moderator = client.get(f"/api/v1/threads/{thread.pk}", **bearer(trainer)).json()
    assert "<b>bold</b>" in as_moderator["posts"][1]["body_html"]


def test_openapi_lists_the_community_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/forums",
        "/api/v1/forums/{slug}/threads",
        "/api/v1/threads/{thread_id}",
    } <= set(paths)
