"""Reads of projects, activities and participation, scoped to the user who asks.

Who sees what:
- admins and programme officers: everything;
- a country focal point: published records, plus the projects and activities of
  their own country (hosted there, taking part, or targeted), and the participants
  from their country (without e-mail addresses);
- an activity's organisers: that activity and all its participants;
- everyone else, anonymous visitors included: published records and aggregates.

Figures (people trained, by sex, by country) add individual participations and
aggregate head-counts, and count a person once however many events they attended.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from capdev.accounts.scoping import can_see_country, has_global_scope, scope_country_id
from capdev.core.places import sort_key
from capdev.programmes.models import (
    Activity,
    Feedback,
    HeadCount,
    Participation,
    Project,
    Result,
    Sex,
)

# The activity types the Snapshot counts as "workshops" (trainings of any kind).
WORKSHOP_TYPES = (
    Activity.Type.NATIONAL_TRAINING,
    Activity.Type.REGIONAL_WORKSHOP,
    Activity.Type.TRAINING_OF_TRAINERS,
)
# Projects that did not run (pipeline, cancelled) are not counted in a year's figures.
RUNNING_STATUSES = (
    Project.Status.ACTIVE,
    Project.Status.FINALISATION,
    Project.Status.CLOSED,
    Project.Status.SUSPENDED,
)
SEXES = [Sex.FEMALE, Sex.MALE, Sex.OTHER, Sex.UNKNOWN]


# --- Projects -----------------------------------------------------------------


def projects_visible_to(user) -> QuerySet[Project]:
    """Projects `user` may see (see the module docstring)."""
    projects = Project.objects.all()
    if has_global_scope(user):
        return projects
    visible = Q(is_published=True)
    country_id = scope_country_id(user)
    if country_id is not None:
        own = Project.objects.filter(
            Q(target_countries=country_id) | Q(partnering_countries=country_id)
        ).values("pk")
        visible |= Q(pk__in=own)
    return projects.filter(visible)


def projects_filter(
    user,
    *,
    year: int | None = None,
    country: str | None = None,
    status: str | None = None,
    search: str | None = None,
) -> QuerySet[Project]:
    """Visible projects running in `year`, involving `country` (ISO3), by status or text."""
    projects = projects_visible_to(user)
    if year:
        projects = projects.filter(_running_in(year))
    if country:
        iso3 = country.upper()
        involved = Project.objects.filter(
            Q(target_countries__iso3=iso3) | Q(partnering_countries__iso3=iso3)
        ).values("pk")
        projects = projects.filter(pk__in=involved)
    if status:
        projects = projects.filter(status=status)
    if search:
        projects = projects.filter(
            Q(title__icontains=search) | Q(code__icontains=search) | Q(summary__icontains=search)
        )
    return projects.prefetch_related("donors", "target_countries")


def project_get_for_user(user, code: str) -> Project:
    """The project with `code` if `user` may see it; raises Project.DoesNotExist otherwise."""
    return (
        projects_visible_to(user)
        .prefetch_related(
            "donors",
            "partners",
            "target_countries",
            "partnering_countries",
            "themes",
            "sdgs",
            "cepa_principles",
            "milestones",
        )
        .get(code=code)
    )


def _running_in(year: int) -> Q:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (
        Q(status__in=RUNNING_STATUSES)
        & (Q(start_date__lte=end) | Q(start_date__isnull=True))
        & (Q(end_date__gte=start) | Q(end_date__isnull=True))
        & ~Q(start_date__isnull=True, end_date__isnull=True)
    )


# --- Activities ---------------------------------------------------------------


def activities_visible_to(user) -> QuerySet[Activity]:
    """Activities `user` may see (see the module docstring)."""
    activities = Activity.objects.all()
    if has_global_scope(user):
        return activities
    visible = Q(is_published=True)
    country_id = scope_country_id(user)
    if country_id is not None:
        own = Activity.objects.filter(
            Q(host_country=country_id) | Q(participating_countries=country_id)
        ).values("pk")
        visible |= Q(pk__in=own)
    if user.is_authenticated:
        visible |= Q(pk__in=Activity.objects.filter(organisers=user).values("pk"))
    return activities.filter(visible)


def activities_filter(
    user,
    *,
    type: str | None = None,
    year: int | None = None,
    country: str | None = None,
    project: str | None = None,
    theme: str | None = None,
    search: str | None = None,
) -> QuerySet[Activity]:
    """Activities `user` may see, narrowed by any of the filters.

    `type` is an `Activity.Type` value, `year` the year the activity started,
    `country` an ISO alpha-3 code (host or participating), `project` a project
    code, `theme` a theme slug, `search` text in the title or summary.
    """
    activities = activities_visible_to(user)
    if type:
        activities = activities.filter(type=type)
    if year:
        activities = activities.filter(start_date__year=year)
    if country:
        iso3 = country.upper()
        involved = Activity.objects.filter(
            Q(host_country__iso3=iso3) | Q(participating_countries__iso3=iso3)
        ).values("pk")
        activities = activities.filter(pk__in=involved)
    if project:
        activities = activities.filter(project__code=project)
    if theme:
        activities = activities.filter(themes__slug=theme)
    if search:
        activities = activities.filter(Q(title__icontains=search) | Q(summary__icontains=search))
    return activities.select_related("project", "host_country").distinct()


def activity_get_for_user(user, pk: int) -> Activity:
    """The activity if `user` may see it; raises Activity.DoesNotExist otherwise."""
    return (
        activities_visible_to(user)
        .select_related("project", "host_country")
        .prefetch_related(
            "participating_countries", "themes", "sdgs", "sessions__resources", "organisers"
        )
        .get(pk=pk)
    )


def is_organiser(user, activity: Activity) -> bool:
    return bool(user.is_authenticated and activity.organisers.filter(pk=user.pk).exists())


def can_manage_activity(user, activity: Activity) -> bool:
    """Staff with the permission may edit an activity; organisers may edit their own."""
    if has_global_scope(user) and user.has_perm("programmes.change_activity"):
        return True
    return is_organiser(user, activity)


def can_see_personal_data(user, activity: Activity) -> bool:
    """Participants' e-mail addresses and full lists: staff and the activity's organisers."""
    return has_global_scope(user) or is_organiser(user, activity)


def participants_visible_to(user, activity: Activity) -> QuerySet[Participation]:
    """The participations of `activity` that `user` may see individually."""
    participations = Participation.objects.filter(activity=activity).select_related(
        "person", "country"
    )
    if can_see_personal_data(user, activity):
        return participations
    country_id = scope_country_id(user)
    if country_id is not None and can_see_country(user, country_id):
        return participations.filter(country=country_id)
    return participations.none()


def feedback_of(user, activity: Activity) -> QuerySet[Feedback]:
    """Individual feedback: for staff and organisers; everyone else sees the averages."""
    if not can_see_personal_data(user, activity):
        return Feedback.objects.none()
    return Feedback.objects.filter(activity=activity)


def feedback_summary(activity: Activity) -> dict[str, Any]:
    """Average ratings (1-5) and the number of responses for one activity."""
    from django.db.models import Avg

    return Feedback.objects.filter(activity=activity).aggregate(
        responses=Count("pk"),
        relevance=Avg("relevance"),
        quality=Avg("quality"),
        usefulness=Avg("usefulness"),
    )


# --- Figures ------------------------------------------------------------------


def participation_figures(activities: QuerySet[Activity]) -> dict[str, int]:
    """People trained in `activities`, by sex: individuals (each person once) + head-counts.

    Returns `female`, `male`, `other`, `unknown`, `total`, plus `individuals`
    (distinct people registered and attending), `headcount` (people known only
    by totals) and `participations` (attendances, a person counted per event).
    """
    activity_ids = activities.values("pk")
    attended = Participation.objects.filter(activity__in=activity_ids, attended=True)
    figures = {str(sex): 0 for sex in SEXES}
    attendances = 0
    # One pass over the `participation_figures` index: people by sex and attendances.
    # "person_id", not "person": counting the relation would join the people table.
    for row in (
        attended.values("sex")
        .annotate(people=Count("person_id", distinct=True), attendances=Count("*"))
        .order_by()
    ):
        figures[row["sex"]] = figures.get(row["sex"], 0) + row["people"]
        attendances += row["attendances"]
    individuals = sum(figures.values())
    counts = HeadCount.objects.filter(activity__in=activity_ids).aggregate(
        female=Coalesce(Sum("female"), 0),
        male=Coalesce(Sum("male"), 0),
        other=Coalesce(Sum("other"), 0),
        unknown=Coalesce(Sum("unknown"), 0),
    )
    for sex in SEXES:
        figures[str(sex)] += counts[str(sex)]
    headcount = sum(counts.values())
    figures.update(
        individuals=individuals,
        headcount=headcount,
        total=individuals + headcount,
        participations=attendances + headcount,
    )
    return figures


def people_trained(user, year: int | None = None, country: str | None = None) -> dict[str, int]:
    """People trained in the activities `user` may see, in `year`, from `country` (ISO3).

    Totals by sex (`female`, `male`, `other`, `unknown`) and `total`, adding
    individual participants (each person once, recognised by e-mail) and
    aggregate head-counts. With `country`, only participants from that country
    are counted (head-counts recorded for that country, individuals from it).
    """
    activities = activities_filter(user, year=year)
    if not country:
        return participation_figures(activities)
    iso3 = country.upper()
    activity_ids = activities.values("pk")
    attended = Participation.objects.filter(
        activity__in=activity_ids, attended=True, country__iso3=iso3
    )
    figures = {str(sex): 0 for sex in SEXES}
    for row in attended.values("sex").annotate(people=Count("person_id", distinct=True)).order_by():
        figures[row["sex"]] += row["people"]
    counts = HeadCount.objects.filter(activity__in=activity_ids, country__iso3=iso3).aggregate(
        **{str(sex): Coalesce(Sum(str(sex)), 0) for sex in SEXES}
    )
    individuals = sum(figures.values())
    for sex in SEXES:
        figures[str(sex)] += counts[str(sex)]
    figures.update(
        individuals=individuals,
        headcount=sum(counts.values()),
        total=individuals + sum(counts.values()),
    )
    return figures


def activity_figures(activity: Activity) -> dict[str, int]:
    """People who took part in one activity, by sex (individuals + head-counts)."""
    return participation_figures(Activity.objects.filter(pk=activity.pk))


# --- The Snapshot -------------------------------------------------------------


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def snapshot_data(year: int) -> dict[str, Any]:
    """Every figure of the Capacity Development Snapshot for `year`, computed from the data.

    Public aggregates (no personal data), so not scoped to a user. Activities
    count by the year they started; a project counts when it ran during the year.
    Keys: `year`; `projects` (count, items); `activities` (events, workshops,
    by_type); `people` (see `participation_figures`); `trained_by_region`;
    `countries` (count, by_region, groups, names); `themes`; `results` (featured
    country results); `quotes` (featured participant feedback).
    """
    from capdev.core.models import Country, Theme

    start, end = _year_bounds(year)
    activities = Activity.objects.filter(start_date__gte=start, start_date__lte=end)
    activity_ids = activities.values("pk")

    projects = list(
        Project.objects.filter(_running_in(year)).order_by("title").values("code", "title")
    )

    by_type_rows = dict(
        activities.values_list("type").annotate(events=Sum("events_count")).order_by()
    )
    by_type = [
        {"type": value, "label": str(label), "events": by_type_rows.get(value, 0)}
        for value, label in Activity.Type.choices
        if by_type_rows.get(value)
    ]
    events = sum(row["events"] for row in by_type)
    workshops = sum(by_type_rows.get(value, 0) for value in WORKSHOP_TYPES)

    people = participation_figures(activities)

    # Where the people trained come from, by region.
    regions: dict[str, int] = {}
    for row in (
        Participation.objects.filter(activity__in=activity_ids, attended=True)
        .values("country__region")
        .annotate(people=Count("person_id", distinct=True))
        .order_by()
    ):
        key = row["country__region"] or ""
        regions[key] = regions.get(key, 0) + row["people"]
    for row in (
        HeadCount.objects.filter(activity__in=activity_ids)
        .values("country__region")
        .annotate(
            people=Coalesce(Sum("female"), 0)
            + Coalesce(Sum("male"), 0)
            + Coalesce(Sum("other"), 0)
            + Coalesce(Sum("unknown"), 0)
        )
        .order_by()
    ):
        key = row["country__region"] or ""
        regions[key] = regions.get(key, 0) + row["people"]
    trained_by_region = sorted(
        ({"region": region, "people": n} for region, n in regions.items() if n),
        key=lambda row: (row["region"] == "", row["region"]),
    )

    # Countries supported: taking part in the year's activities, sending participants,
    # or targeted by a project running that year.
    country_ids: set[int] = set()
    country_ids.update(
        Activity.participating_countries.through.objects.filter(
            activity__in=activity_ids
        ).values_list("country_id", flat=True)
    )
    country_ids.update(
        Participation.objects.filter(activity__in=activity_ids, attended=True)
        .exclude(country=None)
        .values_list("country_id", flat=True)
        .distinct()
        .order_by()
    )
    country_ids.update(
        HeadCount.objects.filter(activity__in=activity_ids)
        .exclude(country=None)
        .values_list("country_id", flat=True)
        .order_by()
    )
    country_ids.update(
        Project.target_countries.through.objects.filter(
            project__in=Project.objects.filter(_running_in(year)).values("pk")
        ).values_list("country_id", flat=True)
    )
    supported = Country.objects.filter(pk__in=country_ids)
    by_region = list(
        supported.exclude(region="")
        .values("region")
        .annotate(countries=Count("pk"))
        .order_by("region")
    )
    groups = supported.aggregate(
        ldc=Count("pk", filter=Q(is_ldc=True)),
        lldc=Count("pk", filter=Q(is_lldc=True)),
        sids=Count("pk", filter=Q(is_sids=True)),
    )

    themes = list(
        Theme.objects.filter(activity__in=activity_ids)
        .annotate(activities=Count("activity"))
        .order_by("-activities", "name")
        .values("slug", "name", "name_fr", "activities")
    )

    results = list(
        Result.objects.filter(year=year, is_featured=True)
        .select_related("country", "project")
        .order_by("country__name", "title")
    )
    quotes = list(
        Feedback.objects.filter(activity__in=activity_ids, is_featured=True, may_quote=True)
        .exclude(comment="")
        .select_related("activity")
        .order_by("-created_at")[:6]
    )
    return {
        "year": year,
        "projects": {"count": len(projects), "items": projects},
        "activities": {"events": events, "workshops": workshops, "by_type": by_type},
        "people": people,
        "trained_by_region": trained_by_region,
        "countries": {
            "count": len(country_ids),
            "by_region": by_region,
            "groups": groups,
            "names": sorted(
                (country.localized_name for country in supported.only("name", "name_fr")),
                key=sort_key,
            ),
        },
        "themes": themes,
        "results": results,
        "quotes": quotes,
    }


def snapshot_years() -> list[int]:
    """Years with at least one activity, most recent first."""
    return sorted(
        {d.year for d in Activity.objects.dates("start_date", "year")},
        reverse=True,
    )


def with_participant_totals(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """Annotate each activity with `people_<sex>` and `people_total` in the same query.

    Within one activity a person is registered once, so rows can be counted;
    head-counts are added.
    """
    from django.db.models import IntegerField, OuterRef, Subquery, Value

    def individuals(sex: str):
        rows = (
            Participation.objects.filter(activity=OuterRef("pk"), attended=True, sex=sex)
            .order_by()
            .values("activity")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))

    def counted(field: str):
        rows = (
            HeadCount.objects.filter(activity=OuterRef("pk"))
            .order_by()
            .values("activity")
            .annotate(n=Sum(field))
            .values("n")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))

    annotations = {f"people_{sex}": individuals(str(sex)) + counted(str(sex)) for sex in SEXES}
    activities = activities.annotate(**annotations)
    return activities.annotate(
        people_total=F("people_female") + F("people_male") + F("people_other") + F("people_unknown")
    )
