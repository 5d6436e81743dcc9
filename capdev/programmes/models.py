"""Projects, activities and who took part in them.

People trained are counted from two kinds of record that every figure adds up the
same way: individual `Participation`s (one per person and activity, people being
recognised across events by e-mail) and `HeadCount`s, totals for participants who
were never registered one by one (past events known only by their totals).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from capdev.core.models import CepaPrinciple, Country, Organisation, SdgGoal, Theme


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Not recorded")


class Project(models.Model):
    class Status(models.TextChoices):
        # Values follow IATI's ActivityStatus codelist (1-6).
        PIPELINE = "pipeline", _("Pipeline")
        ACTIVE = "active", _("Implementation")
        FINALISATION = "finalisation", _("Finalisation")
        CLOSED = "closed", pgettext_lazy("project status", "Closed")
        CANCELLED = "cancelled", _("Cancelled")
        SUSPENDED = "suspended", _("Suspended")

    class GenderMarker(models.IntegerChoices):
        NONE = 0, _("0: not expected to contribute to gender equality")
        LIMITED = 1, _("1: limited contribution to gender equality")
        SIGNIFICANT = 2, _("2: gender equality is a significant objective")
        PRINCIPAL = 3, _("3: gender equality is the principal objective")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    donors = models.ManyToManyField(
        Organisation, verbose_name=_("donors"), blank=True, related_name="funded_projects"
    )
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    target_countries = models.ManyToManyField(
        Country, verbose_name=_("target countries"), blank=True, related_name="target_projects"
    )
    partnering_countries = models.ManyToManyField(
        Country,
        verbose_name=_("partnering countries"),
        blank=True,
        related_name="partnering_projects",
    )
    partners = models.ManyToManyField(
        Organisation,
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="partnered_projects",
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    sdgs = models.ManyToManyField(SdgGoal, verbose_name=_("SDGs"), blank=True)
    cepa_principles = models.ManyToManyField(
        CepaPrinciple, verbose_name=_("CEPA principles"), blank=True
    )
    gender_marker = models.PositiveSmallIntegerField(
        _("gender equality marker"), choices=GenderMarker.choices, default=GenderMarker.NONE
    )
    website = models.URLField(_("web page"), blank=True)
    linked_requests = models.ManyToManyField(
        "support.SupportRequest",
        verbose_name=_("linked support requests"),
        blank=True,
        related_name="projects",
    )
    is_published = models.BooleanField(_("published"), default=False)
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Demo or example data, not a real record."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("programmes:project_detail", args=[self.code])


class Milestone(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", pgettext_lazy("milestone status", "Completed")
        DELAYED = "delayed", _("Delayed")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("date"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    deliverable = models.CharField(_("deliverable"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.date:%b %Y}: {self.deliverable}"


class Activity(models.Model):
    class Type(models.TextChoices):
        NATIONAL_TRAINING = "national_training", _("National training programme")
        REGIONAL_WORKSHOP = "regional_workshop", _("Regional workshop")
        INTERNATIONAL_CONFERENCE = "international_conference", _("International conference")
        WEBINAR = "webinar", _("Webinar")
        ADVISORY_MISSION = "advisory_mission", _("Advisory mission")
        STUDY_TOUR = "study_tour", _("Study tour")
        TRAINING_OF_TRAINERS = "training_of_trainers", _("Training of trainers")
        ELEARNING = "elearning", _("E-learning course run")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        FRENCH = "fr", _("French")
        SPANISH = "es", _("Spanish")
        ARABIC = "ar", _("Arabic")
        RUSSIAN = "ru", _("Russian")
        CHINESE = "zh", _("Chinese")
        PORTUGUESE = "pt", _("Portuguese")
        OTHER = "other", _("Other / several")

    title = models.CharField(_("title"), max_length=300)
    type = models.CharField(_("type"), max_length=30, choices=Type.choices, db_index=True)
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    summary = models.TextField(_("summary"), blank=True)
    start_date = models.DateField(_("start date"), db_index=True)
    end_date = models.DateField(_("end date"))
    is_online = models.BooleanField(_("online"), default=False)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    host_country = models.ForeignKey(
        Country,
        verbose_name=_("host country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_activities",
    )
    participating_countries = models.ManyToManyField(
        Country,
        verbose_name=_("participating countries"),
        blank=True,
        related_name="activities",
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    sdgs = models.ManyToManyField(SdgGoal, verbose_name=_("SDGs"), blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    outcomes = models.TextField(_("outcomes"), blank=True)
    results_text = models.TextField(_("results"), blank=True)
    # Past programmes are sometimes known only as "11 national trainings in 11
    # countries": one record then stands for several events.
    events_count = models.PositiveIntegerField(
        _("number of events"),
        default=1,
        help_text=_("More than 1 only for a record that summarises several past events."),
    )
    countries_count = models.PositiveIntegerField(
        _("number of countries (reported)"),
        null=True,
        blank=True,
        help_text=_("Only when the participating countries are known by their number alone."),
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisers"),
        blank=True,
        related_name="organised_activities",
    )
    is_published = models.BooleanField(_("published"), default=False)
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Demo or example data, not a real record."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title

    @property
    def place(self) -> str:
        if self.is_online:
            return str(_("Online"))
        country = self.host_country.localized_name if self.host_country else ""
        parts = [self.venue, self.city, country]
        return ", ".join(part for part in parts if part)


class AgendaSession(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("day"))
    start_time = models.TimeField(_("starts"), null=True, blank=True)
    end_time = models.TimeField(_("ends"), null=True, blank=True)
    slot = models.CharField(
        _("time slot"), max_length=40, blank=True, help_text=_("For example: Morning.")
    )
    title = models.CharField(_("title"), max_length=300)
    speakers = models.CharField(_("speakers"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["date", "order", "start_time", "pk"]
        verbose_name = _("agenda session")
        verbose_name_plural = _("agenda sessions")

    def __str__(self) -> str:
        return self.title


class Resource(models.Model):
    class Kind(models.TextChoices):
        PRESENTATION = "presentation", _("Presentation")
        RECORDING = "recording", _("Recording")
        SUMMARY = "summary", _("Summary")
        REPORT = "report", _("Report")
        EVENT_PAGE = "event_page", _("Event page")
        LINK = "link", _("Link")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="resources")
    session = models.ForeignKey(
        AgendaSession,
        verbose_name=_("agenda session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LINK)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address (URL)"), blank=True)
    file = models.FileField(_("file"), upload_to="programmes/resources/%Y/", blank=True)
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.title


class Person(models.Model):
    """Someone who took part in an activity; the same e-mail is the same person."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email


class Participation(models.Model):
    class GovernmentLevel(models.TextChoices):
        NATIONAL = "national", _("National")
        SUBNATIONAL = "subnational", _("Subnational")
        NOT_GOVERNMENT = "none", _("Not government")

    class Seniority(models.TextChoices):
        POLITICAL = "political", _("Political leadership")
        SENIOR = "senior", _("Senior management")
        MIDDLE = "middle", _("Middle management")
        PROFESSIONAL = "professional", _("Professional / technical")
        SUPPORT = "support", _("Support staff")
        OTHER = "other", _("Other")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")
    # Sex and country as at the event, kept here so that figures need no join.
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    government_level = models.CharField(
        _("government level"), max_length=12, choices=GovernmentLevel.choices, blank=True
    )
    seniority = models.CharField(
        _("seniority"), max_length=12, choices=Seniority.choices, blank=True
    )
    position = models.CharField(
        pgettext_lazy("participant's job", "position"), max_length=200, blank=True
    )
    attended = models.BooleanField(_("attended"), default=True)
    certificate_issued = models.BooleanField(_("certificate issued"), default=False)
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person"], name="participation_once_per_activity"
            )
        ]
        indexes = [
            # Covers every figure of a year (people by sex and by region, countries of
            # origin, attendances), so the Snapshot reads the index alone, however the
            # rows lie in the table.
            models.Index(
                fields=["activity", "attended", "sex", "person", "country"],
                name="participation_figures",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.activity}"


class HeadCount(models.Model):
    """Participants known only by their number, never registered one by one.

    They are added to the individual registrations of the same activity, so a
    head-count must exclude anyone who is registered individually.
    """

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="headcounts")
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    female = models.PositiveIntegerField(_("women"), default=0)
    male = models.PositiveIntegerField(_("men"), default=0)
    other = models.PositiveIntegerField(_("other"), default=0)
    unknown = models.PositiveIntegerField(_("sex not recorded"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["activity", "country__name"]
        verbose_name = _("head-count")
        verbose_name_plural = _("head-counts")

    def __str__(self) -> str:
        return f"{self.total} @ {self.activity}"

    @property
    def total(self) -> int:
        return self.female + self.male + self.other + self.unknown


class Feedback(models.Model):
    RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    relevance = models.PositiveSmallIntegerField(_("relevance"), choices=RATING_CHOICES)
    quality = models.PositiveSmallIntegerField(_("quality"), choices=RATING_CHOICES)
    usefulness = models.PositiveSmallIntegerField(_("usefulness"), choices=RATING_CHOICES)
    comment = models.TextField(_("comments"), blank=True)
    quote_name = models.CharField(_("name to quote"), max_length=200, blank=True)
    quote_role = models.CharField(_("position and country to quote"), max_length=300, blank=True)
    may_quote = models.BooleanField(_("the comment may be quoted"), default=False)
    is_featured = models.BooleanField(_("featured quote"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.activity}: {self.relevance}/{self.quality}/{self.usefulness}"


class Result(models.Model):
    """An output, outcome or impact of a project, optionally in one country."""

    class Type(models.TextChoices):
        # Values follow IATI's ResultType codelist.
        OUTPUT = "1", _("Output")
        OUTCOME = "2", pgettext_lazy("results chain", "Outcome")
        IMPACT = "3", _("Impact")
        OTHER = "9", _("Other")

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="results",
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="results",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    type = models.CharField(_("type"), max_length=1, choices=Type.choices, default=Type.OUTCOME)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    indicator = models.CharField(_("indicator"), max_length=300, blank=True)
    target_value = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    actual_value = models.DecimalField(
        _("actual"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    is_featured = models.BooleanField(_("featured in the Snapshot"), default=False)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return self.title
