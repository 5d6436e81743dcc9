from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Conversation(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="conversations",
    )
    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assistant:conversation", args=[self.pk])


class Message(models.Model):
    class Mode(models.TextChoices):
        EXTRACTIVE = "extractive", _("Quoted from sources")
        DATA = "data", _("From the data")
        LLM = "llm", _("Written by a language model")

    class Feedback(models.IntegerChoices):
        UP = 1, _("Helpful")
        DOWN = -1, _("Not helpful")

    conversation = models.ForeignKey(
        Conversation,
        verbose_name=_("conversation"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"))
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices)
    citations = models.JSONField(_("citations"), default=list, blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    latency_ms = models.PositiveIntegerField(_("time taken (ms)"), default=0)
    feedback = models.SmallIntegerField(
        _("feedback"), choices=Feedback.choices, null=True, blank=True
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)

    class Meta:
        ordering = ["conversation", "created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return self.question[:80]
