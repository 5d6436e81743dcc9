"""Documents of the country libraries, their versions and extracted pages."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from capdev.core.models import Country


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    STAFF = "staff", _("Staff only")
    COUNTRY = "country", _("Country (its focal points and staff)")
    COURSE = "course", _("Course participants")


class Document(models.Model):
    class Type(models.TextChoices):
        NATIONAL_REVIEW = "national_review", _("National review")
        ACTION_PLAN = "action_plan", _("Action plan")
        LAW_POLICY = "law_policy", _("Law or policy")
        TOOLKIT = "toolkit", _("Toolkit")
        PRESENTATION = "presentation", _("Presentation")
        REPORT = "report", _("Report")
        NEWS = "news", _("News")

    title = models.CharField(_("title"), max_length=300)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.REPORT)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    tags = models.CharField(
        _("tags"), max_length=300, blank=True, help_text=_("Separated by commas.")
    )
    summary = models.TextField(_("summary"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    course_ref = models.CharField(
        _("course"),
        max_length=100,
        blank=True,
        help_text=_("For course visibility: the course whose participants may read it."),
    )
    # The name the file was first ingested under: re-ingesting a changed file of the
    # same name adds a version instead of a second document.
    source_name = models.CharField(_("source file name"), max_length=255, blank=True, db_index=True)
    current_version = models.OneToOneField(
        "DocumentVersion",
        verbose_name=_("current version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["visibility", "country"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:document", args=[self.pk])

    @property
    def language_name(self) -> str:
        """The document's language named in the reader's language (its code if unknown)."""
        try:
            return get_language_info(self.language)["name_translated"]
        except KeyError:
            return self.language

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


def version_upload_to(instance: "DocumentVersion", filename: str) -> str:
    return f"library/{instance.content_hash[:2]}/{instance.content_hash[:16]}/{filename}"


class DocumentVersion(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        PROCESSING = "processing", _("Extracting text")
        DONE = "done", _("Ready")
        FAILED = "failed", pgettext_lazy("text extraction", "Failed")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=version_upload_to, max_length=300)
    filename = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("file kind"), max_length=10)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    content_hash = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    pages_total = models.PositiveIntegerField(_("pages"), default=0)
    pages_done = models.PositiveIntegerField(_("pages extracted"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="library_version_unique")
        ]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    @property
    def paged(self) -> bool:
        """Whether the file has real pages (PDF) or slides (PPTX) to cite."""
        return self.kind in {"pdf", "pptx"}

    @property
    def progress(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.pages_total:
            return 0
        return min(99, round(100 * self.pages_done / self.pages_total))


class Page(models.Model):
    """The text of one page, slide or (for files without pages) heading section."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField(_("number"))
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="library_page_unique")
        ]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self) -> str:
        return f"{self.version} p.{self.number}"
