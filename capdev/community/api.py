"""Read-only JSON API of the forums: the same selectors, so the same visibility rules."""

from datetime import datetime

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from capdev.community import selectors

router = Router(tags=["community"])


class ForumOut(Schema):
    id: int
    slug: str
    title: str
    description: str
    audience: str
    thread_count: int
    unread_count: int


class ThreadOut(Schema):
    id: int
    title: str
    author: str
    created_at: datetime
    last_post_at: datetime
    reply_count: int
    is_pinned: bool
    is_locked: bool
    unread: bool

    @staticmethod
    def resolve_author(thread) -> str:
        return str(thread.author)

    @staticmethod
    def resolve_unread(thread) -> bool:
        read_at = getattr(thread, "read_at", None)
        return read_at is None or read_at < thread.last_post_at


class AttachmentOut(Schema):
    filename: str
    size: int
    url: str


class PostOut(Schema):
    id: int
    author: str
    created_at: datetime
    body_html: str
    quoted_post_id: int | None
    hidden: bool
    attachments: list[AttachmentOut]


class ThreadDetailOut(ThreadOut):
    forum: str
    posts: list[PostOut]

    @staticmethod
    def resolve_forum(thread) -> str:
        return thread.forum.slug

    @staticmethod
    def resolve_posts(thread) -> list:
        return thread.posts_out


def _post_out(post, moderator: bool) -> dict:
    shown = not post.is_hidden or moderator
    return {
        "id": post.pk,
        "author": str(post.author),
        "created_at": post.created_at,
        "body_html": post.body_html if shown else "",
        "quoted_post_id": post.quoted_post_id,
        "hidden": post.is_hidden,
        "attachments": [
            {"filename": a.filename, "size": a.size, "url": a.get_absolute_url()}
            for a in post.attachments.all()
        ]
        if shown
        else [],
    }


@router.get("/forums", response=list[ForumOut])
def list_forums(request):
    """The forums open to the caller, with their thread and unread counts."""
    return [
        {
            "id": forum.pk,
            "slug": forum.slug,
            "title": forum.title,
            "description": forum.description,
            "audience": forum.audience,
            "thread_count": forum.thread_count,
            "unread_count": forum.unread_count,
        }
        for forum in selectors.forums_with_activity(request.auth)
    ]


@router.get("/forums/{slug}/threads", response=list[ThreadOut])
@paginate(LimitOffsetPagination)
def list_threads(request, slug: str):
    """A forum's threads, pinned first, then by latest post."""
    forum = selectors.forum_get_for_user(request.auth, slug)
    if forum is None:
        raise Http404
    moderator = selectors.can_moderate_forum(request.auth, forum)
    return selectors.threads_for_forum(request.auth, forum, moderator=moderator)


@router.get("/threads/{thread_id}", response=ThreadDetailOut)
def get_thread(request, thread_id: int):
    """One thread with its messages; hidden messages keep their place but not their text."""
    thread = selectors.thread_get_for_user(request.auth, thread_id)
    if thread is None:
        raise Http404
    moderator = selectors.can_moderate_forum(request.auth, thread.forum)
    thread.read_at = selectors.thread_read_at(request.auth, thread)
    posts = selectors.posts_for_thread(thread)[:500]
    thread.posts_out = [_post_out(post, moderator) for post in posts]
    return thread
