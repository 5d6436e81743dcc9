"""Member States' requests for support, their workflow history, comments and files."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from capdev.core.models import CepaPrinciple, Country, SdgGoal, Theme
from capdev.core.uploads import UploadValidator

ATTACHMENT_KINDS = ("pdf", "docx", "xlsx", "pptx", "png", "jpeg", "csv", "text")
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024


class SupportType(models.Model):
    """A kind of support a government may ask for (advisory service, training, …)."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("support type")
        verbose_name_plural = _("support types")

    def __str__(self) -> str:
        return self.localized_name

    @property
    def localized_name(self) -> str:
        if (get_language() or "").startswith("fr") and self.name_fr:
            return self.name_fr
        return self.name


class SupportRequest(models.Model):
    """A Member State's request for capacity development support."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REFERRED = "referred", _("Referred")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        CLOSED = "closed", _("Closed")

    class Channel(models.TextChoices):
        OFFICIAL_LETTER = "letter", _("Official letter")
        EMAIL = "email", _("E-mail")
        RCO = "rco", _("Resident Coordinator Office")
        MEETING = "meeting", _("Meeting or event")
        ONLINE_FORM = "online", _("Online form")

    class Priority(models.TextChoices):
        LOW = "low", _("Low")
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")
        URGENT = "urgent", _("Urgent")

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    # The year of `received_on`, kept beside it so yearly counts need no date function.
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="support_requests",
    )
    requesting_organisation = models.CharField(
        _("requesting organisation"), max_length=255, blank=True
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.EMAIL
    )
    received_on = models.DateField(_("received on"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    support_types = models.ManyToManyField(
        SupportType, verbose_name=_("support requested"), blank=True, related_name="requests"
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="support_requests"
    )
    sdgs = models.ManyToManyField(
        SdgGoal, verbose_name=_("SDGs"), blank=True, related_name="support_requests"
    )
    cepa_principles = models.ManyToManyField(
        CepaPrinciple,
        verbose_name=_("CEPA principles"),
        blank=True,
        related_name="support_requests",
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, editable=False
    )
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned officer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_requests",
    )
    partner_entities = models.CharField(
        _("partner entities"),
        max_length=255,
        blank=True,
        help_text=_("UN and other partners involved, e.g. RCO, UNCT, UNDP."),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    # Set by the workflow only (services.request_transition), never by a form.
    first_response_at = models.DateTimeField(_("first response"), null=True, editable=False)
    completed_at = models.DateTimeField(_("completed"), null=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, editable=False)
    # Whole days from receipt, kept so that medians are a sorted index scan in SQL.
    days_to_first_response = models.PositiveIntegerField(null=True, editable=False)
    days_to_completion = models.PositiveIntegerField(null=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="submitted_requests",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-received_on", "-reference"]
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        # The dashboard groups requests by country and status, by year and by days
        # taken; each of those indexes also holds the columns the common filters test
        # (country, year, status, due date), so every pass reads an index, not the table.
        # The country one holds every column a dashboard pass reads: filtered by region,
        # country group or a focal point's country, all passes are read from it alone.
        # They end with the id, which joins the link tables (themes, …): SQLite keeps
        # it in every index anyway, PostgreSQL only where it is named.
        indexes = [
            models.Index(fields=["status"], name="support_req_status"),
            models.Index(fields=["country", "received_on"], name="support_req_country_received"),
            models.Index(fields=["received_on"], name="support_req_received"),
            models.Index(fields=["due_on", "status"], name="support_req_due_status"),
            models.Index(
                fields=[
                    "country",
                    "status",
                    "due_on",
                    "year",
                    "days_to_first_response",
                    "days_to_completion",
                    "id",
                ],
                name="support_req_country_grouping",
            ),
            models.Index(
                fields=["year", "status", "country", "id"], name="support_req_year_grouping"
            ),
            models.Index(
                fields=["days_to_first_response", "country", "year", "status"],
                name="support_req_reply_grouping",
            ),
            models.Index(
                fields=["days_to_completion", "country", "year", "status"],
                name="support_req_done_grouping",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("support:detail", args=[self.reference])

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return bool(self.due_on and self.is_open and self.due_on < timezone.localdate())


# Statuses in which a request no longer needs work: they are never overdue.
CLOSED_STATUSES = frozenset(
    {
        SupportRequest.Status.DECLINED,
        SupportRequest.Status.REFERRED,
        SupportRequest.Status.COMPLETED,
        SupportRequest.Status.CLOSED,
    }
)


class RequestSequence(models.Model):
    """The last reference number handed out in a year; its row is the allocation lock."""

    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class StatusChange(models.Model):
    """One step of a request's workflow: who moved it, when, from what, to what, and why."""

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=SupportRequest.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=SupportRequest.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        # The order the steps were taken in, even when some were back-dated.
        ordering = ["id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_status or '—'} → {self.to_status}"


class RequestComment(models.Model):
    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("comment"))
    # Internal notes are for staff; the country's focal point does not see them.
    is_internal = models.BooleanField(_("internal note (staff only)"), default=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.body[:40]}"


def _attachment_path(instance, filename: str) -> str:
    return f"support/{instance.request.reference}/{filename}"


class RequestAttachment(models.Model):
    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("file"),
        upload_to=_attachment_path,
        validators=[UploadValidator(allowed=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES)],
    )
    name = models.CharField(_("name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name
