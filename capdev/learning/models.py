"""Courses, their sections and items, enrolments, completion, submissions and certificates.

A course holds ordered sections; a section holds ordered items of one `Item.Kind`.
Sections and items may carry an access rule (JSON, see `access_rules.py`), and each
item a completion rule; a learner's progress is the share of required items they have
completed, cached on their `Enrolment` so that lists never recount it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from capdev.core.models import Theme
from capdev.core.uploads import UploadValidator

_absolute_url = URLValidator(schemes=["http", "https"])


def validate_item_url(value: str) -> None:
    """An http(s) address, or a path on this site ("/library/…", never "//host")."""
    if value.startswith("/") and not value.startswith("//"):
        return
    try:
        _absolute_url(value)
    except ValidationError:
        raise ValidationError(
            _("Enter a web address starting with https:// or a path starting with /."),
            code="invalid_url",
        ) from None


DOCUMENT_KINDS = ("pdf", "docx", "pptx", "xlsx", "zip", "png", "jpeg", "csv", "text", "markdown")
RECORDING_KINDS = ("mp4", "webm", "mp3")
SUBMISSION_KINDS = ("pdf", "docx", "pptx", "xlsx", "png", "jpeg", "text", "markdown", "csv")


class Course(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Level(models.TextChoices):
        INTRODUCTORY = "introductory", _("Introductory")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        FRENCH = "fr", _("French")
        SPANISH = "es", _("Spanish")

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    # Sanitised by the services before it is stored.
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.INTRODUCTORY
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        blank=True,
        related_name="courses_taught",
    )
    self_enrolment = models.BooleanField(_("learners may enrol themselves"), default=True)
    enrolment_key = models.CharField(
        _("enrolment key"),
        max_length=60,
        blank=True,
        help_text=_("If set, learners enrolling themselves must type this key."),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    issues_certificates = models.BooleanField(_("issues certificates"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:course", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Section(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    # A rule tree as described in access_rules.py; null means open to every enrolled learner.
    access_rule = models.JSONField(_("access rule"), null=True, blank=True)

    class Meta:
        ordering = ["course", "position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title


class Item(models.Model):
    class Kind(models.TextChoices):
        PAGE = "page", _("Page")
        FILE = "file", _("File")
        LINK = "link", _("Link")
        RECORDING = "recording", _("Recording")
        ASSIGNMENT = "assignment", _("Assignment")
        FORUM = "forum", _("Forum")
        QUIZ = "quiz", _("Quiz")

    class CompletionRule(models.TextChoices):
        NONE = "none", _("Not tracked")
        VIEWED = "viewed", _("Viewed")
        SUBMITTED = "submitted", _("Submitted")
        GRADED = "graded", _("Received a grade")
        PASSING = "passing", _("Passing grade")
        MANUAL = "manual", _("Marked done by the learner")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    # A stable identifier within the course, e.g. "module-1-self-assessment".
    key = models.SlugField(_("identifier"), max_length=80)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    # Pages: sanitised HTML. Other kinds: an introduction shown above the content.
    body = models.TextField(_("text"), blank=True)
    # A web address, or a path on this platform such as /library/countries/BTN/.
    url = models.CharField(
        _("web address"), max_length=500, blank=True, validators=[validate_item_url]
    )
    file = models.FileField(
        _("file"),
        upload_to="learning/items/%Y/%m/",
        blank=True,
        validators=[UploadValidator(allowed=DOCUMENT_KINDS + RECORDING_KINDS)],
    )
    transcript = models.TextField(_("transcript"), blank=True)
    event_date = models.DateField(_("date of the event"), null=True, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    access_rule = models.JSONField(_("access rule"), null=True, blank=True)
    completion_rule = models.CharField(
        _("completion rule"),
        max_length=12,
        choices=CompletionRule.choices,
        default=CompletionRule.VIEWED,
    )
    passing_grade = models.DecimalField(
        _("passing grade"), max_digits=5, decimal_places=2, default=50
    )
    required_for_completion = models.BooleanField(
        _("counts towards course completion"), default=True
    )

    class Meta:
        ordering = ["section__position", "section_id", "position", "id"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [
            models.UniqueConstraint(fields=["course", "key"], name="learning_item_key_per_course")
        ]
        indexes = [models.Index(fields=["section", "position"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:item", args=[self.course.slug, self.pk])

    @property
    def is_tracked(self) -> bool:
        return self.completion_rule != self.CompletionRule.NONE

    def is_complete(self, completion: "Completion | None") -> bool:
        """Whether `completion` satisfies this item's completion rule."""
        if completion is None:
            return False
        rule = self.completion_rule
        if rule == self.CompletionRule.GRADED:
            return completion.grade is not None
        if rule == self.CompletionRule.PASSING:
            return completion.state == Completion.State.PASSED
        return True


class Enrolment(models.Model):
    class Method(models.TextChoices):
        SELF = "self", _("Self-enrolment")
        KEY = "key", _("Self-enrolment with a key")
        TRAINER = "trainer", _("Enrolled by a trainer")
        COHORT = "cohort", _("Enrolled with a cohort")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    starts_on = models.DateField(_("access from"), null=True, blank=True)
    ends_on = models.DateField(_("access until"), null=True, blank=True)
    # Cached by services.course_completion_recompute.
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    completed_at = models.DateTimeField(_("course completed"), null=True, blank=True)

    class Meta:
        ordering = ["-enrolled_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="learning_one_enrolment")
        ]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.course}"


class Completion(models.Model):
    class State(models.TextChoices):
        COMPLETE = "complete", _("Complete")
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="completions"
    )
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="completions")
    # Denormalised so that one query loads a learner's completions in a course.
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="completions")
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    grade = models.DecimalField(_("grade"), max_digits=5, decimal_places=2, null=True, blank=True)
    completed_at = models.DateTimeField(pgettext_lazy("completion date", "completed"))

    class Meta:
        ordering = ["-completed_at"]
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        constraints = [
            models.UniqueConstraint(fields=["user", "item"], name="learning_one_completion")
        ]
        indexes = [
            models.Index(fields=["course", "user"]),
            models.Index(fields=["completed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.item} · {self.state}"


class Submission(models.Model):
    """A learner's answer to an assignment: text, a file or both, and the trainer's grade."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="submissions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to="learning/submissions/%Y/%m/",
        blank=True,
        validators=[UploadValidator(allowed=SUBMISSION_KINDS, max_bytes=10 * 1024 * 1024)],
    )
    submitted_at = models.DateTimeField(_("submitted"))
    grade = models.DecimalField(_("grade"), max_digits=5, decimal_places=2, null=True, blank=True)
    feedback = models.TextField(pgettext_lazy("trainer's feedback", "feedback"), blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    graded_at = models.DateTimeField(_("graded"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["item", "user"], name="learning_one_submission")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.item}"


class Certificate(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="certificates")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    # What the certificate says, frozen at issue time.
    holder_name = models.CharField(_("holder"), max_length=255)
    course_title = models.CharField(_("course title"), max_length=255)
    issued_at = models.DateTimeField(_("issued"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=255, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="learning_one_certificate")
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.holder_name}"

    def get_absolute_url(self) -> str:
        return reverse("learning:certificate_verify", args=[self.code])

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
