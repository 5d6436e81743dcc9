"""Forums, threads, posts and what people do with them: subscribe, read, report."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from capdev.core.uploads import UploadValidator

ATTACHMENT_KINDS = ("pdf", "docx", "pptx", "xlsx", "png", "jpeg", "gif", "webp", "csv", "text")
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENTS_PER_POST = 3


class Forum(models.Model):
    """A place for discussion. Who may see and moderate it depends on its audience.

    The audience is a name from `capdev.community.audiences` ("global" for everyone
    signed in, "course" for a course's members, ...); `audience_object_id` names the
    object within it (the course's id, say). Kept as plain values rather than foreign
    keys so that the community app does not depend on the apps that own audiences.
    """

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(_("audience"), max_length=40, default="global", db_index=True)
    audience_object_id = models.PositiveBigIntegerField(_("audience object"), null=True, blank=True)
    # The learning item (of kind "forum") this forum belongs to, if any.
    learning_item_id = models.PositiveBigIntegerField(
        _("learning item"), null=True, blank=True, unique=True
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        permissions = [("moderate_forum", _("Can moderate forums"))]
        indexes = [models.Index(fields=["audience", "audience_object_id"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:forum", args=[self.slug])


class Thread(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_threads"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Kept up to date by the services so that a forum of thousands of threads lists
    # without counting posts.
    last_post_at = models.DateTimeField(_("last post"))
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)

    class Meta:
        ordering = ["-is_pinned", "-last_post_at", "-id"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            models.Index(
                fields=["forum", "is_hidden", "-is_pinned", "-last_post_at", "-id"],
                name="community_thread_listing",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:thread", args=[self.pk])


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_posts"
    )
    # Always the output of capdev.core.sanitize.clean_html: safe to show as is.
    body_html = models.TextField(_("message"))
    # The words of the message without markup, for search and e-mails.
    body_text = models.TextField(_("text"), blank=True)
    quoted_post = models.ForeignKey(
        "self",
        verbose_name=_("quoted post"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quoted_by",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self) -> str:
        return f"{self.thread} #{self.pk}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}#post-{self.pk}"


def attachment_path(instance, filename: str) -> str:
    return f"community/attachments/{instance.post.thread_id}/{filename}"


class Attachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        _("file"),
        upload_to=attachment_path,
        max_length=300,
        validators=[UploadValidator(allowed=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES)],
    )
    filename = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"))
    kind = models.CharField(_("kind"), max_length=20)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("community:attachment", args=[self.pk])


class Subscription(models.Model):
    """A person following a whole forum or one thread, by e-mail."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("At once, one e-mail per post")
        DAILY = "daily", _("Daily digest")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    frequency = models.CharField(
        _("e-mail"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The daily digest covers the posts after this moment.
    digested_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(forum__isnull=False, thread__isnull=True)
                | Q(forum__isnull=True, thread__isnull=False),
                name="community_subscription_forum_xor_thread",
            ),
            models.UniqueConstraint(
                fields=["user", "forum"],
                condition=Q(forum__isnull=False),
                name="community_subscription_unique_forum",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=Q(thread__isnull=False),
                name="community_subscription_unique_thread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.forum or self.thread}"


class ThreadRead(models.Model):
    """When a person last read a thread: what is newer is unread."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="community_threadread_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.thread} at {self.read_at:%Y-%m-%d %H:%M}"


class Report(models.Model):
    """A member telling the moderators that a post needs their attention."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HIDDEN = "hidden", _("Post hidden")
        DISMISSED = "dismissed", _("Dismissed")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reports"
    )
    reason = models.TextField(_("reason"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(status="open"),
                name="community_report_one_open_per_reporter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.post} ({self.get_status_display()})"
