"""Gender equality in public administration: institutions, workforce data, action plans.

Workforce figures are stored as reported (headcounts, pay, promotions, training by sex
and grade band); indicators are never stored, they are computed by SQL aggregates in
`metrics.py` so that a correction to one record shows everywhere at once. Pay,
promotion and training columns are nullable because "not reported" and "zero" are
different facts.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from capdev.core.models import Country

FIRST_YEAR = 1990
LAST_YEAR = 2100


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    SUBNATIONAL = "subnational", _("Subnational")


class Sector(models.TextChoices):
    CENTRAL = "central", _("Central administration and civil service")
    FINANCE = "finance", _("Finance and economy")
    JUSTICE = "justice", _("Justice and security")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    SOCIAL = "social", _("Social affairs and gender")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure, agriculture and environment")
    LOCAL = "local", _("Local government")
    OTHER = "other", _("Other")


class GradeBand(models.TextChoices):
    """The five bands every country maps its own civil-service grades onto, top first."""

    DECISION_MAKING = "decision_making", _("Decision-making")
    SENIOR = "senior", _("Senior management")
    MIDDLE = "middle", _("Middle management")
    PROFESSIONAL = "professional", _("Professional")
    SUPPORT = "support", _("Support")


class Institution(models.Model):
    """A ministry, agency or local government whose workforce is reported."""

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="institutions"
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    area = models.CharField(
        _("province, district or municipality"),
        max_length=120,
        blank=True,
        help_text=_("For subnational institutions: the area they serve."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["country__name", "level", "name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="gender_institution_unique"),
        ]
        indexes = [models.Index(fields=["country", "level", "sector"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs) -> None:
        adding = self._state.adding
        super().save(*args, **kwargs)
        if not adding:
            # Its workforce records carry the institution's country, level and sector
            # (see WorkforceRecord): they move with it.
            self.workforce_records.exclude(
                country_id=self.country_id, level=self.level, sector=self.sector
            ).update(country_id=self.country_id, level=self.level, sector=self.sector)


class GradeMapping(models.Model):
    """How one country's civil-service grade maps onto a grade band."""

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="grade_mappings"
    )
    local_grade = models.CharField(_("national grade"), max_length=60)
    band = models.CharField(_("grade band"), max_length=20, choices=GradeBand.choices)

    class Meta:
        ordering = ["country__name", "local_grade"]
        verbose_name = _("grade mapping")
        verbose_name_plural = _("grade mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "local_grade"], name="gender_grade_mapping_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.local_grade} → {self.get_band_display()}"


def _count(label):
    return models.PositiveIntegerField(label, null=True, blank=True)


# Copied onto each workforce record from its institution.
INSTITUTION_FIELDS = ["country", "level", "sector"]


class WorkforceRecord(models.Model):
    """One institution's staff in one grade band in one year, by sex.

    The record carries a copy of its institution's country, level and sector, so that
    the indicator aggregates over hundreds of thousands of records filter and group
    without joining institutions. `save` here and `Institution.save` keep the copy in
    step; bulk writes that bypass them must set it themselves.
    """

    class PayBasis(models.TextChoices):
        MEAN = "mean", _("Mean")
        MEDIAN = "median", _("Median")

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="workforce_records",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        # The composite indexes below start with or contain the country.
        db_index=False,
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, editable=False)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, editable=False)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    band = models.CharField(_("grade band"), max_length=20, choices=GradeBand.choices)
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    other = models.PositiveIntegerField(_("other or undisclosed"), default=0)
    pay_basis = models.CharField(
        _("pay basis"), max_length=6, choices=PayBasis.choices, default=PayBasis.MEAN
    )
    pay_women = models.DecimalField(
        _("pay of women"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    pay_men = models.DecimalField(
        _("pay of men"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    recruited_women = _count(_("women recruited"))
    recruited_men = _count(_("men recruited"))
    promoted_women = _count(_("women promoted"))
    promoted_men = _count(_("men promoted"))
    trained_women = _count(_("women trained"))
    trained_men = _count(_("men trained"))
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Invented figures for demonstration, not official statistics."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The history is of the figures as reported, not of the copied institution fields.
    history = HistoricalRecords(excluded_fields=INSTITUTION_FIELDS)

    class Meta:
        ordering = ["institution", "year", "band"]
        verbose_name = _("workforce record")
        verbose_name_plural = _("workforce records")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "year", "band"], name="gender_workforce_unique"
            ),
        ]
        indexes = [
            # The cross-country comparison: one year, by country, any level, sector and
            # band; the filters are read from the index before any record is.
            models.Index(
                fields=["year", "country", "level", "sector", "band"],
                name="gender_workforce_comparison",
            ),
            # One country's dashboard and trends.
            models.Index(fields=["country", "year", "level"], name="gender_workforce_country"),
        ]

    def __str__(self) -> str:
        return f"{self.institution} {self.year} {self.get_band_display()}"

    def save(self, *args, **kwargs) -> None:
        institution = self.institution
        self.country_id = institution.country_id
        self.level = institution.level
        self.sector = institution.sector
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *INSTITUTION_FIELDS}
        super().save(*args, **kwargs)

    @property
    def total(self) -> int:
        return self.women + self.men + self.other


class PublishedYear(models.Model):
    """A country's validated workforce figures for a year, opened to everyone."""

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        ordering = ["country__name", "year"]
        verbose_name = _("published year")
        verbose_name_plural = _("published years")
        constraints = [
            models.UniqueConstraint(fields=["country", "year"], name="gender_published_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.year}"


class ActionPlan(models.Model):
    """A country's or an institution's gender action plan."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        UNDER_REVIEW = "under_review", _("Under review")
        VALIDATED = "validated", _("Validated")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=255)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="action_plans"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plans",
        help_text=_("Leave empty for a country-wide plan."),
    )
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.DRAFT
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["country__name", "-start_year", "title"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        permissions = [
            ("validate_actionplan", "Can validate and publish action plans"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}"


class Objective(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.title


class Action(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("action status", "Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", pgettext_lazy("action status", "Done")
        DELAYED = "delayed", pgettext_lazy("action status", "Delayed")
        CANCELLED = "cancelled", pgettext_lazy("action status", "Cancelled")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=255, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, default="USD")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("What shows the action was done: a decree, a link…")
    )
    source_note = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Where the action came from, such as a gap found by a self-assessment."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "start_date", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title


class Target(models.Model):
    """A measurable target of a plan, tied to one indicator."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="targets")
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="targets",
    )
    indicator = models.CharField(_("indicator"), max_length=40)
    band = models.CharField(_("grade band"), max_length=20, choices=GradeBand.choices, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    baseline_value = models.FloatField(_("baseline value"))
    target_year = models.PositiveSmallIntegerField(_("target year"))
    target_value = models.FloatField(_("target value"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "target_year", "id"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.target_value} by {self.target_year}"


class ProgressReport(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="reports")
    period_end = models.DateField(_("period ending"))
    narrative = models.TextField(_("progress"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["plan", "-period_end"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return f"{self.plan}, {self.period_end}"
