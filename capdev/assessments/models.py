"""Benchmark frameworks defined as data, and the self-assessments made against them.

A framework is written as a YAML file (see docs/assessments.md) and loaded into these
tables, one row per version: when the file changes, a new version is created and the
assessments already made keep the version they were answered against.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from capdev.core.models import CepaPrinciple, Country, Organisation
from capdev.core.uploads import UploadValidator

EVIDENCE_KINDS = ("pdf", "docx", "xlsx", "pptx", "png", "jpeg", "csv", "text", "markdown")


class TranslatedTitleMixin(models.Model):
    title = models.TextField(_("title"))
    title_fr = models.TextField(_("title (French)"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.localized_title

    @property
    def localized_title(self) -> str:
        if (get_language() or "").startswith("fr") and self.title_fr:
            return self.title_fr
        return self.title


class Framework(TranslatedTitleMixin):
    """One version of a framework. `definition` keeps the validated file as loaded."""

    slug = models.SlugField(_("identifier"), max_length=80)
    version = models.PositiveIntegerField(_("version"))
    is_current = models.BooleanField(_("current version"), default=True)
    description = models.TextField(_("description"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    source = models.CharField(_("source file"), max_length=255, blank=True)
    checksum = models.CharField(_("checksum"), max_length=64)
    definition = models.JSONField(_("definition"))
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        ordering = ["slug", "-version"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="framework_unique_version"),
        ]

    @property
    def localized_description(self) -> str:
        if (get_language() or "").startswith("fr") and self.description_fr:
            return self.description_fr
        return self.description

    @property
    def levels(self) -> list[dict]:
        return self.definition.get("levels", [])

    @property
    def scales(self) -> dict:
        return self.definition.get("scales", {})

    @property
    def gap_threshold(self) -> float:
        return float(self.definition.get("scoring", {}).get("gap_threshold", 1.0))

    def level_label(self, code: str) -> str:
        for level in self.levels:
            if level["code"] == code:
                fr = (get_language() or "").startswith("fr") and level.get("label_fr")
                return fr or level["label"]
        return ""


class Dimension(TranslatedTitleMixin):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="dimensions")
    code = models.CharField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"))
    weight = models.FloatField(_("weight"), default=1)

    class Meta:
        ordering = ["framework", "position"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="dimension_unique_code"),
        ]


class Benchmark(TranslatedTitleMixin):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="benchmarks")
    code = models.CharField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["dimension__position", "position"]
        verbose_name = _("benchmark")
        verbose_name_plural = _("benchmarks")


class Criterion(models.Model):
    class Evidence(models.TextChoices):
        REQUIRED = "required", _("Evidence required")
        OPTIONAL = "optional", _("Evidence optional")
        NONE = "none", _("No evidence")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="criteria")
    benchmark = models.ForeignKey(Benchmark, on_delete=models.CASCADE, related_name="criteria")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("text"))
    text_fr = models.TextField(_("text (French)"), blank=True)
    guidance = models.TextField(_("guidance"), blank=True)
    scale = models.CharField(_("answer scale"), max_length=40)
    weight = models.FloatField(_("weight"), default=1)
    evidence = models.CharField(
        _("evidence"), max_length=10, choices=Evidence.choices, default=Evidence.OPTIONAL
    )
    cepa_principle = models.ForeignKey(
        CepaPrinciple,
        verbose_name=_("CEPA principle"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessment_criteria",
    )

    class Meta:
        ordering = ["framework", "position"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="criterion_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.localized_text}"

    @property
    def localized_text(self) -> str:
        if (get_language() or "").startswith("fr") and self.text_fr:
            return self.text_fr
        return self.text

    @property
    def options(self) -> list[dict]:
        return self.framework.scales[self.scale]


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", pgettext_lazy("assessment status", "Submitted")
        RETURNED = "returned", _("Returned for changes")
        VALIDATED = "validated", pgettext_lazy("assessment status", "Validated")

    framework = models.ForeignKey(
        Framework,
        verbose_name=_("framework"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="assessments"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
    )
    institution_name = models.CharField(
        _("institution assessed"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty for a whole-of-government (country) assessment."),
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Filled by services.assessment_recompute from the answers; kept so that
    # comparisons are SQL aggregates over stored figures.
    score = models.FloatField(_("score (%)"), null=True, blank=True)
    level = models.CharField(_("level reached"), max_length=40, blank=True)
    answered = models.PositiveIntegerField(_("criteria answered"), default=0)
    is_published = models.BooleanField(
        _("results published"),
        default=False,
        help_text=_("Validated results that everyone may see in comparisons."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "country__name", "pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        permissions = [
            ("review_assessment", _("Can validate or return assessments")),
            ("publish_assessment", _("Can publish validated assessment results")),
        ]
        indexes = [models.Index(fields=["framework", "country", "year"])]

    def __str__(self) -> str:
        subject = self.institution_name or str(self.country)
        return f"{self.framework.localized_title}: {subject} {self.year}"

    @property
    def subject(self) -> str:
        return self.institution_name or str(self.country)

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.RETURNED}


class DimensionResult(models.Model):
    """An assessment's score on one dimension, as a percentage of the attainable."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="results")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="results")
    score = models.FloatField(_("score (%)"), null=True)
    answered = models.PositiveIntegerField(_("criteria answered"), default=0)
    total = models.PositiveIntegerField(_("criteria"), default=0)

    class Meta:
        ordering = ["dimension__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension"], name="dimension_result_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension.code}: {self.score}"


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="answers")
    value = models.CharField(_("answer"), max_length=40)
    # The option's score (0 to 1), or None when the option is "not applicable".
    score = models.FloatField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="answer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.value}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"assessments/{instance.assessment_id}/{filename}"


class Evidence(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(
        Criterion,
        verbose_name=_("criterion"),
        on_delete=models.CASCADE,
        related_name="evidence_files",
    )
    file = models.FileField(
        _("file"), upload_to=evidence_path, validators=[UploadValidator(allowed=EVIDENCE_KINDS)]
    )
    original_name = models.CharField(_("file name"), max_length=255)
    description = models.CharField(_("description"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name


class ReviewEvent(models.Model):
    """A step of the workflow, with the comment that came with it."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=12, choices=Assessment.Status.choices)
    to_status = models.CharField(max_length=12, choices=Assessment.Status.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
