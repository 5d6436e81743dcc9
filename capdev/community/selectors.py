"""Reads of the forums, always for a given person: what they may see, read and moderate."""

from collections.abc import Iterable
from datetime import datetime
from functools import reduce
from operator import or_

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from capdev.accounts.scoping import has_global_scope
from capdev.community.audiences import NOTHING, audiences, get_audience
from capdev.community.models import (
    Attachment,
    Forum,
    Post,
    Report,
    Subscription,
    Thread,
    ThreadRead,
)


def _signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_view_forum(user, forum: Forum) -> bool:
    if not _signed_in(user):
        return False
    audience = get_audience(forum.audience)
    if audience is None:
        # An audience whose app is not installed: only staff see its forums.
        return has_global_scope(user)
    return bool(audience.can_view(user, forum))


def can_moderate_forum(user, forum: Forum) -> bool:
    if not _signed_in(user):
        return False
    audience = get_audience(forum.audience)
    if audience is None:
        return has_global_scope(user)
    return bool(audience.can_moderate(user, forum))


def _visible_forum_q(user) -> Q:
    if not _signed_in(user):
        return NOTHING
    clauses = [audience.visible_q(user) for audience in audiences()]
    return reduce(or_, clauses, NOTHING)


def forums_visible_to(user) -> QuerySet[Forum]:
    return Forum.objects.filter(_visible_forum_q(user))


def forum_get_for_user(user, slug: str) -> Forum | None:
    forum = Forum.objects.filter(slug=slug).first()
    if forum is None or not can_view_forum(user, forum):
        return None
    return forum


def forums_with_activity(user) -> list[Forum]:
    """The visible forums with their thread counts and how many threads are unread."""
    forums = list(
        forums_visible_to(user).annotate(
            thread_count=Count("threads", filter=Q(threads__is_hidden=False))
        )
    )
    unread = dict(
        _unread_threads(user, Thread.objects.filter(forum__in=forums, is_hidden=False))
        .values_list("forum")
        .annotate(n=Count("pk"))
        .values_list("forum", "n")
    )
    for forum in forums:
        forum.unread_count = unread.get(forum.pk, 0)
    return forums


def _read_marker(user):
    return ThreadRead.objects.filter(user=user, thread=OuterRef("pk"))


def _unread_threads(user, threads: QuerySet[Thread]) -> QuerySet[Thread]:
    return threads.exclude(Exists(_read_marker(user).filter(read_at__gte=OuterRef("last_post_at"))))


def threads_for_forum(user, forum: Forum, *, moderator: bool = False) -> QuerySet[Thread]:
    """The forum's threads, pinned first then by latest post, each with `read_at` for the user."""
    threads = Thread.objects.filter(forum=forum)
    if not moderator:
        threads = threads.filter(is_hidden=False)
    return threads.select_related("author", "last_poster").annotate(
        read_at=Subquery(_read_marker(user).values("read_at")[:1])
    )


def thread_get_for_user(user, pk: int) -> Thread | None:
    thread = Thread.objects.select_related("forum", "author").filter(pk=pk).first()
    if thread is None or not can_view_forum(user, thread.forum):
        return None
    if thread.is_hidden and not can_moderate_forum(user, thread.forum):
        return None
    return thread


def thread_read_at(user, thread: Thread) -> datetime | None:
    return (
        ThreadRead.objects.filter(user=user, thread=thread)
        .values_list("read_at", flat=True)
        .first()
    )


def posts_for_thread(thread: Thread) -> QuerySet[Post]:
    return (
        Post.objects.filter(thread=thread)
        .select_related("author", "quoted_post__author")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id")))
        .order_by("created_at", "id")
    )


def post_get_for_user(user, pk: int) -> Post | None:
    post = Post.objects.select_related("thread__forum", "author").filter(pk=pk).first()
    if post is None or thread_get_for_user(user, post.thread_id) is None:
        return None
    return post


def attachment_get_for_user(user, pk: int) -> Attachment | None:
    attachment = Attachment.objects.select_related("post__thread__forum").filter(pk=pk).first()
    if attachment is None:
        return None
    post = attachment.post
    forum = post.thread.forum
    if not can_view_forum(user, forum):
        return None
    if (post.is_hidden or post.thread.is_hidden) and not can_moderate_forum(user, forum):
        return None
    return attachment


def search_posts(user, query: str, *, forum: Forum | None = None) -> QuerySet[Post]:
    """Visible messages whose thread title or text contains every word of `query`."""
    words = query.split()[:8]
    if not words:
        return Post.objects.none()
    forums = forums_visible_to(user) if forum is None else Forum.objects.filter(pk=forum.pk)
    posts = Post.objects.filter(thread__forum__in=forums, is_hidden=False, thread__is_hidden=False)
    for word in words:
        posts = posts.filter(Q(body_text__icontains=word) | Q(thread__title__icontains=word))
    return posts.select_related("thread__forum", "author").order_by("-created_at", "-id")


def moderated_forums(user) -> list[Forum]:
    return [forum for forum in forums_visible_to(user) if can_moderate_forum(user, forum)]


def moderation_queue(user) -> QuerySet[Report]:
    """Open reports on messages in the forums this person moderates."""
    forums = moderated_forums(user)
    return (
        Report.objects.filter(status=Report.Status.OPEN, post__thread__forum__in=forums)
        .select_related("post__thread__forum", "post__author", "reporter")
        .order_by("created_at", "pk")
    )


def subscription_of(user, *, forum: Forum | None = None, thread: Thread | None = None):
    if not _signed_in(user):
        return None
    return Subscription.objects.filter(user=user, forum=forum, thread=thread).first()


def subscriptions_of(user) -> QuerySet[Subscription]:
    return Subscription.objects.filter(user=user).select_related("forum", "thread__forum")


def immediate_subscribers(post: Post) -> list:
    """People to e-mail at once about `post`: its thread's or forum's immediate subscribers."""
    thread = post.thread
    subscriptions = (
        Subscription.objects.filter(frequency=Subscription.Frequency.IMMEDIATE)
        .filter(Q(thread=thread) | Q(forum_id=thread.forum_id))
        .exclude(user_id=post.author_id)
        .filter(user__is_active=True)
        .select_related("user")
    )
    seen, people = set(), []
    for subscription in subscriptions:
        if subscription.user_id not in seen:
            seen.add(subscription.user_id)
            people.append(subscription.user)
    return people


def digest_posts(user, subscriptions: Iterable[Subscription], *, until: datetime) -> list[Post]:
    """New visible posts (not the user's own) in what the subscriptions follow."""
    clauses = []
    for subscription in subscriptions:
        forum = subscription.forum or subscription.thread.forum
        if not can_view_forum(user, forum):
            continue
        since = subscription.digested_until or subscription.created_at
        where = (
            Q(thread_id=subscription.thread_id)
            if subscription.thread_id
            else Q(thread__forum_id=subscription.forum_id)
        )
        clauses.append(where & Q(created_at__gt=since))
    if not clauses:
        return []
    return list(
        Post.objects.filter(reduce(or_, clauses), created_at__lte=until)
        .filter(is_hidden=False, thread__is_hidden=False)
        .exclude(author=user)
        .select_related("thread__forum", "author")
        .order_by("thread__forum__title", "thread_id", "created_at")
        .distinct()
    )
