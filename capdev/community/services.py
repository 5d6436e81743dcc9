"""Every write to the forums: posting, moderating, subscribing, reading, e-mailing."""

import html
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape, linebreaks, strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _

from capdev.community import selectors
from capdev.community.models import (
    ATTACHMENT_KINDS,
    ATTACHMENT_MAX_BYTES,
    ATTACHMENTS_PER_POST,
    Attachment,
    Forum,
    Post,
    Report,
    Subscription,
    Thread,
    ThreadRead,
)
from capdev.core.sanitize import clean_html
from capdev.core.uploads import validate_upload

_TAG = re.compile(r"<[a-zA-Z/][^>]*>")
MAX_BODY_CHARS = 50_000


# Message bodies


def body_render(body: str) -> tuple[str, str]:
    """Safe HTML and plain text for what someone wrote.

    People may write HTML (a rich-text editor's output) or plain text; plain text
    keeps its paragraphs. Either way the result passes through the shared allow-list.
    """
    body = (body or "").strip()
    if len(body) > MAX_BODY_CHARS:
        raise ValidationError(
            _("The message is too long (at most %(max)s characters).") % {"max": MAX_BODY_CHARS}
        )
    raw = body if _TAG.search(body) else linebreaks(escape(body))
    safe = clean_html(raw)
    text = " ".join(html.unescape(strip_tags(safe)).split())
    if not text and "<img" not in safe:
        raise ValidationError(_("Write a message."))
    return safe, text


def _attachments_validate(files: Sequence) -> list[tuple[object, str]]:
    if len(files) > ATTACHMENTS_PER_POST:
        raise ValidationError(
            _("Attach at most %(count)s files to one message.") % {"count": ATTACHMENTS_PER_POST}
        )
    checked = []
    for file in files:
        kind = validate_upload(file, allowed=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES)
        checked.append((file, kind))
    return checked


def _attachments_save(post: Post, checked: list[tuple[object, str]]) -> None:
    for file, kind in checked:
        name = (getattr(file, "name", "") or "attachment").rsplit("/", 1)[-1][:200]
        attachment = Attachment(post=post, filename=name, size=file.size, kind=kind)
        attachment.file.save(name, file, save=False)
        attachment.save()


# Forums


@transaction.atomic
def forum_create(
    *,
    title: str,
    slug: str = "",
    description: str = "",
    audience: str = "global",
    audience_object_id: int | None = None,
    learning_item_id: int | None = None,
    position: int = 0,
) -> Forum:
    base = slugify(slug or title)[:90] or "forum"
    candidate, number = base, 1
    while Forum.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return Forum.objects.create(
        title=title,
        slug=candidate,
        description=description,
        audience=audience,
        audience_object_id=audience_object_id,
        learning_item_id=learning_item_id,
        position=position,
    )


def forum_for_learning_item(*, item_id: int, course_id: int, title: str) -> Forum:
    """The forum of a learning item of kind "forum", created on first use."""
    forum = Forum.objects.filter(learning_item_id=item_id).first()
    if forum is not None:
        return forum
    try:
        return forum_create(
            title=title,
            slug=f"course-{course_id}-{title}",
            audience="course",
            audience_object_id=course_id,
            learning_item_id=item_id,
        )
    except IntegrityError:  # Two first views at once: the other one won.
        return Forum.objects.get(learning_item_id=item_id)


# Threads and posts


def _ensure_can_post(user, thread: Thread) -> None:
    forum = thread.forum
    if not selectors.can_view_forum(user, forum):
        raise PermissionDenied
    moderator = selectors.can_moderate_forum(user, forum)
    if thread.is_hidden and not moderator:
        raise PermissionDenied
    if thread.is_locked and not moderator:
        raise ValidationError(_("This thread is locked: it takes no new replies."))


@transaction.atomic
def thread_create(
    *, forum: Forum, author, title: str, body: str, attachments: Sequence = ()
) -> Thread:
    if not selectors.can_view_forum(author, forum):
        raise PermissionDenied
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError(_("Give the thread a title."))
    body_html, body_text = body_render(body)
    checked = _attachments_validate(attachments)
    now = timezone.now()
    thread = Thread.objects.create(
        forum=forum, title=title[:200], author=author, last_post_at=now, last_poster=author
    )
    post = Post.objects.create(
        thread=thread, author=author, body_html=body_html, body_text=body_text
    )
    _attachments_save(post, checked)
    thread_mark_read(user=author, thread=thread, at=post.created_at)
    _queue_notifications(post)
    return thread


@transaction.atomic
def post_create(
    *,
    thread: Thread,
    author,
    body: str,
    quoted_post: Post | None = None,
    attachments: Sequence = (),
) -> Post:
    thread = Thread.objects.select_for_update().select_related("forum").get(pk=thread.pk)
    _ensure_can_post(author, thread)
    if quoted_post is not None and (quoted_post.thread_id != thread.pk or quoted_post.is_hidden):
        raise ValidationError(_("You can only quote a visible message of the same thread."))
    body_html, body_text = body_render(body)
    checked = _attachments_validate(attachments)
    post = Post.objects.create(
        thread=thread,
        author=author,
        body_html=body_html,
        body_text=body_text,
        quoted_post=quoted_post,
    )
    _attachments_save(post, checked)
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + 1, last_post_at=post.created_at, last_poster=author
    )
    thread_mark_read(user=author, thread=thread, at=post.created_at)
    _queue_notifications(post)
    return post


def _queue_notifications(post: Post) -> None:
    from capdev.community import tasks

    # After commit, so that the worker finds the post and no e-mail goes out for a
    # message whose transaction was rolled back.
    transaction.on_commit(lambda: tasks.notify_post_subscribers.delay(post.pk))


# Reading


def thread_mark_read(*, user, thread: Thread, at: datetime | None = None) -> None:
    if not user.is_authenticated:
        return
    at = at or timezone.now()
    updated = ThreadRead.objects.filter(user=user, thread=thread, read_at__lt=at).update(read_at=at)
    if not updated and not ThreadRead.objects.filter(user=user, thread=thread).exists():
        try:
            with transaction.atomic():
                ThreadRead.objects.create(user=user, thread=thread, read_at=at)
        except IntegrityError:
            pass  # Read in another tab at the same moment.


@transaction.atomic
def forum_mark_read(*, user, forum: Forum) -> int:
    """Mark every thread of the forum read."""
    now = timezone.now()
    threads = list(Thread.objects.filter(forum=forum).values_list("pk", flat=True))
    ThreadRead.objects.filter(user=user, thread_id__in=threads).update(read_at=now)
    known = set(
        ThreadRead.objects.filter(user=user, thread_id__in=threads).values_list(
            "thread_id", flat=True
        )
    )
    ThreadRead.objects.bulk_create(
        [ThreadRead(user=user, thread_id=pk, read_at=now) for pk in threads if pk not in known],
        batch_size=1000,
    )
    return len(threads)


# Moderation

THREAD_ACTIONS = {
    "pin": {"is_pinned": True},
    "unpin": {"is_pinned": False},
    "lock": {"is_locked": True},
    "unlock": {"is_locked": False},
    "hide": {"is_hidden": True},
    "unhide": {"is_hidden": False},
}


def _ensure_moderator(user, forum: Forum) -> None:
    if not selectors.can_moderate_forum(user, forum):
        raise PermissionDenied


@transaction.atomic
def thread_moderate(*, thread: Thread, moderator, action: str) -> Thread:
    _ensure_moderator(moderator, thread.forum)
    if action not in THREAD_ACTIONS:
        raise ValidationError(_("Unknown moderation action."))
    for field, value in THREAD_ACTIONS[action].items():
        setattr(thread, field, value)
    thread.save(update_fields=list(THREAD_ACTIONS[action]))
    return thread


@transaction.atomic
def post_hide(*, post: Post, moderator, reason: str = "", hidden: bool = True) -> Post:
    _ensure_moderator(moderator, post.thread.forum)
    post.is_hidden = hidden
    post.hidden_reason = reason[:300] if hidden else ""
    post.save(update_fields=["is_hidden", "hidden_reason"])
    if hidden:
        post.reports.filter(status=Report.Status.OPEN).update(
            status=Report.Status.HIDDEN, resolved_by=moderator, resolved_at=timezone.now()
        )
    return post


@transaction.atomic
def post_report(*, post: Post, reporter, reason: str) -> Report:
    if not selectors.can_view_forum(reporter, post.thread.forum):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say what is wrong with this message."))
    existing = Report.objects.filter(
        post=post, reporter=reporter, status=Report.Status.OPEN
    ).first()
    if existing is not None:
        return existing
    return Report.objects.create(post=post, reporter=reporter, reason=reason[:1000])


@transaction.atomic
def report_resolve(*, report: Report, moderator, hide_post: bool) -> Report:
    _ensure_moderator(moderator, report.post.thread.forum)
    if hide_post:
        post_hide(post=report.post, moderator=moderator, reason=report.reason)
        report.refresh_from_db()
        return report
    Report.objects.filter(post=report.post, status=Report.Status.OPEN).update(
        status=Report.Status.DISMISSED, resolved_by=moderator, resolved_at=timezone.now()
    )
    report.refresh_from_db()
    return report


# Subscriptions


@transaction.atomic
def subscription_set(
    *, user, forum: Forum | None = None, thread: Thread | None = None, frequency: str
) -> Subscription:
    target_forum = forum or (thread.forum if thread else None)
    if target_forum is None or (forum is not None and thread is not None):
        raise ValueError("Subscribe to a forum or to a thread.")
    if not selectors.can_view_forum(user, target_forum):
        raise PermissionDenied
    if frequency not in Subscription.Frequency.values:
        raise ValidationError(_("Choose how often to receive e-mails."))
    subscription, created = Subscription.objects.get_or_create(
        user=user,
        forum=forum,
        thread=thread,
        defaults={"frequency": frequency, "digested_until": timezone.now()},
    )
    if not created and subscription.frequency != frequency:
        subscription.frequency = frequency
        subscription.digested_until = timezone.now()
        subscription.save(update_fields=["frequency", "digested_until"])
    return subscription


def subscription_delete(*, user, forum: Forum | None = None, thread: Thread | None = None) -> int:
    deleted, _rows = Subscription.objects.filter(user=user, forum=forum, thread=thread).delete()
    return deleted


# E-mail


def _send(messages: list[EmailMessage]) -> int:
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


def post_notify_subscribers(*, post_id: int) -> int:
    """E-mail the immediate subscribers of a new post's thread or forum. Returns the count.

    Permission is checked again at sending time: someone who has lost access to a
    course since subscribing hears nothing more of its forum.
    """
    post = Post.objects.select_related("thread__forum", "author").filter(pk=post_id).first()
    if post is None or post.is_hidden or post.thread.is_hidden:
        return 0
    thread = post.thread
    recipients = selectors.immediate_subscribers(post)
    messages = []
    for user in recipients:
        if not selectors.can_view_forum(user, thread.forum):
            continue
        with translation.override(getattr(user, "language", None) or settings.LANGUAGE_CODE):
            subject = _("[%(forum)s] %(thread)s") % {
                "forum": thread.forum.title,
                "thread": thread.title,
            }
            body = render_to_string(
                "community/email/post.txt",
                {"post": post, "thread": thread, "user": user, "site_url": settings.SITE_URL},
            )
        messages.append(EmailMessage(subject, body, to=[user.email]))
    return _send(messages)


def digests_send(*, now: datetime | None = None) -> int:
    """Send each daily subscriber one e-mail of the new posts they follow. Returns the count.

    Run once a day (Celery beat or cron: see docs/community.md). Each subscription
    remembers up to when it was digested, so running twice sends nothing twice and a
    missed day is caught up the next time.
    """
    now = now or timezone.now()
    subscriptions = (
        Subscription.objects.filter(frequency=Subscription.Frequency.DAILY)
        .select_related("user", "forum", "thread__forum")
        .order_by("user_id", "pk")
    )
    by_user: dict[int, list[Subscription]] = defaultdict(list)
    for subscription in subscriptions:
        if subscription.user.is_active and subscription.user.email:
            by_user[subscription.user_id].append(subscription)
    messages = []
    for items in by_user.values():
        user = items[0].user
        posts = selectors.digest_posts(user, items, until=now)
        if posts:
            messages.append(_digest_message(user, posts))
    sent = _send(messages)
    Subscription.objects.filter(pk__in=[s.pk for items in by_user.values() for s in items]).update(
        digested_until=now
    )
    return sent


def _digest_message(user, posts: Iterable[Post]) -> EmailMessage:
    posts = list(posts)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Forum digest: %(count)s new messages") % {"count": len(posts)}
        body = render_to_string(
            "community/email/digest.txt",
            {"posts": posts, "user": user, "site_url": settings.SITE_URL},
        )
    return EmailMessage(subject, body, to=[user.email])
