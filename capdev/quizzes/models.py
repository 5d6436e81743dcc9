"""Question bank, quizzes, attempts.

A question's content lives in immutable `QuestionVersion`s: editing a question adds a
version, and an attempt points at the versions it was given, so editing never changes
what a learner saw or how a finished attempt was graded. The content of a version is
the JSON form of `gift.py` (type, text, answers, …), which the grader reads directly.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class QuestionType(models.TextChoices):
    MULTICHOICE = "multichoice", _("Multiple choice")
    TRUEFALSE = "truefalse", _("True/false")
    SHORTANSWER = "shortanswer", _("Short answer")
    NUMERICAL = "numerical", _("Numerical")
    MATCHING = "matching", _("Matching")
    ESSAY = "essay", _("Essay")
    DESCRIPTION = "description", _("Description")


class TextFormat(models.TextChoices):
    MOODLE = "moodle", _("Moodle auto-format")
    HTML = "html", _("HTML")
    PLAIN = "plain", _("Plain text")
    MARKDOWN = "markdown", _("Markdown")


class QuestionCategory(models.Model):
    """A folder of the question bank. Top-level categories without a course are shared."""

    name = models.CharField(_("name"), max_length=255)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    course = models.ForeignKey(
        "learning.Course",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="question_categories",
        help_text=_("Empty for the bank shared by every trainer."),
    )
    info = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    qtype = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    name = models.CharField(_("name"), max_length=255)
    idnumber = models.CharField(_("ID number"), max_length=100, blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="questions")
    # The version new attempts get; older versions stay for the attempts that used them.
    current_version = models.ForeignKey(
        "QuestionVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_hidden = models.BooleanField(_("hidden"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["category", "name", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.name


class QuestionVersion(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    # The question in gift.py's JSON form, plus "shuffle" and "case_sensitive".
    data = models.JSONField(_("content"))
    default_mark = models.DecimalField(
        _("default mark"), max_digits=7, decimal_places=2, default=Decimal("1")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="quizzes_version_unique")
        ]
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")

    def __str__(self) -> str:
        return f"{self.question} v{self.number}"

    @property
    def qtype(self) -> str:
        return self.data["type"]


class Quiz(models.Model):
    class GradingMethod(models.TextChoices):
        HIGHEST = "highest", _("Highest grade")
        AVERAGE = "average", _("Average grade")
        FIRST = "first", _("First attempt")
        LAST = "last", _("Last attempt")

    title = models.CharField(_("title"), max_length=255)
    intro = models.TextField(_("introduction"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quizzes_owned",
    )
    item = models.OneToOneField(
        "learning.Item",
        verbose_name=_("course item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quiz",
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Learners can take a published quiz (in a course, through its item)."),
    )
    time_limit = models.PositiveIntegerField(
        _("time limit (minutes)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    open_at = models.DateTimeField(_("opens"), null=True, blank=True)
    close_at = models.DateTimeField(_("closes"), null=True, blank=True)
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0 for unlimited.")
    )
    grading_method = models.CharField(
        _("grading method"),
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    pass_grade = models.DecimalField(
        _("grade to pass (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    shuffle_questions = models.BooleanField(_("shuffle questions within pages"), default=False)
    # What learners see after submitting an attempt.
    review_responses = models.BooleanField(_("show their responses"), default=True)
    review_marks = models.BooleanField(_("show marks"), default=True)
    review_correctness = models.BooleanField(_("show whether correct"), default=True)
    review_feedback = models.BooleanField(_("show feedback"), default=True)
    review_correct_answers = models.BooleanField(_("show the right answers"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("quizzes:quiz", args=[self.pk])


class QuizSlot(models.Model):
    """A place in a quiz: a given question, or one picked at random from a category."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="slots")
    position = models.PositiveIntegerField(_("position"))
    page = models.PositiveIntegerField(_("page"), default=1)
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, null=True, blank=True, related_name="slots"
    )
    random_category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("random question from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="random_slots",
    )
    include_subcategories = models.BooleanField(_("include subcategories"), default=True)
    mark = models.DecimalField(_("mark"), max_digits=7, decimal_places=2, default=Decimal("1"))

    class Meta:
        ordering = ["quiz", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(question__isnull=False, random_category__isnull=True)
                | Q(question__isnull=True, random_category__isnull=False),
                name="quizzes_slot_question_or_random",
            )
        ]
        verbose_name = _("quiz slot")
        verbose_name_plural = _("quiz slots")

    def __str__(self) -> str:
        return f"{self.quiz} #{self.position}"


class Attempt(models.Model):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        NEEDS_GRADING = "needs_grading", _("Awaiting grading")
        GRADED = "graded", _("Finished")

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    number = models.PositiveIntegerField(_("attempt"))
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started"))
    # When the time limit or the closing date ends the attempt; null for no limit.
    deadline = models.DateTimeField(_("time is up at"), null=True, blank=True)
    saved_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    submitted_at = models.DateTimeField(
        pgettext_lazy("quiz attempt", "submitted"), null=True, blank=True
    )
    score = models.DecimalField(_("score"), max_digits=9, decimal_places=4, null=True, blank=True)
    max_score = models.DecimalField(
        _("maximum score"), max_digits=9, decimal_places=4, default=Decimal("0")
    )
    grade = models.DecimalField(
        _("grade (%)"), max_digits=7, decimal_places=4, null=True, blank=True
    )

    class Meta:
        ordering = ["quiz", "user", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "user", "number"], name="quizzes_attempt_number_unique"
            ),
            # Two tabs starting an attempt at once still get a single open attempt.
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=Q(state="in_progress"),
                name="quizzes_one_open_attempt",
            ),
        ]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")

    def __str__(self) -> str:
        return f"{self.quiz} · {self.user} · {self.number}"

    @property
    def is_finished(self) -> bool:
        return self.state != self.State.IN_PROGRESS


class AttemptQuestion(models.Model):
    """One question as given in one attempt, with the learner's response and its grade."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField()
    page = models.PositiveIntegerField(default=1)
    slot = models.ForeignKey(
        QuizSlot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.ForeignKey(QuestionVersion, on_delete=models.PROTECT, related_name="uses")
    mark = models.DecimalField(max_digits=7, decimal_places=2)
    # The order choices are shown in: answer indexes, or for matching the answers' texts.
    choice_order = models.JSONField(default=list, blank=True)
    response = models.JSONField(null=True, blank=True)
    fraction = models.DecimalField(max_digits=9, decimal_places=7, null=True, blank=True)
    score = models.DecimalField(max_digits=9, decimal_places=4, null=True, blank=True)
    needs_grading = models.BooleanField(default=False)
    comment = models.TextField(_("trainer's comment"), blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    graded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="quizzes_attempt_question_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.attempt} #{self.position}"
