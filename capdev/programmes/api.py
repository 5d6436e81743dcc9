"""Projects, activities and the Snapshot in the JSON API.

Same rules as the pages: lists are scoped by the selectors; participants' personal
data only reach staff and the activity's organisers, everyone else gets totals.
"""

import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from capdev.api.auth import optional_auth
from capdev.programmes import selectors
from capdev.programmes.models import Activity, Project

router = Router(tags=["programmes"])


class ParticipantTotals(Schema):
    total: int
    female: int
    male: int
    other: int
    unknown: int


class ProjectOut(Schema):
    code: str
    title: str
    summary: str
    status: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    budget: Decimal | None
    currency: str
    donors: list[str]
    target_countries: list[str]
    partnering_countries: list[str]
    gender_marker: int
    is_illustrative: bool

    @staticmethod
    def resolve_donors(project):
        return [donor.name for donor in project.donors.all()]

    @staticmethod
    def resolve_target_countries(project):
        return [country.iso3 for country in project.target_countries.all()]

    @staticmethod
    def resolve_partnering_countries(project):
        return [country.iso3 for country in project.partnering_countries.all()]


class ActivityOut(Schema):
    id: int
    title: str
    type: str
    project: str | None
    start_date: datetime.date
    end_date: datetime.date
    is_online: bool
    place: str
    host_country: str | None
    participating_countries: list[str]
    language: str
    events_count: int
    is_illustrative: bool
    participants: ParticipantTotals

    @staticmethod
    def resolve_project(activity):
        return activity.project.code if activity.project_id else None

    @staticmethod
    def resolve_host_country(activity):
        return activity.host_country.iso3 if activity.host_country_id else None

    @staticmethod
    def resolve_participating_countries(activity):
        return [country.iso3 for country in activity.participating_countries.all()]

    @staticmethod
    def resolve_participants(activity):
        if hasattr(activity, "people_total"):
            return {
                "total": activity.people_total,
                "female": activity.people_female,
                "male": activity.people_male,
                "other": activity.people_other,
                "unknown": activity.people_unknown,
            }
        return selectors.activity_figures(activity)


class ParticipantOut(Schema):
    first_name: str
    last_name: str
    email: str | None
    sex: str
    country: str | None
    organisation: str
    government_level: str
    seniority: str
    position: str
    attended: bool


class ProjectFilters(Schema):
    year: int | None = None
    country: str | None = None
    status: str | None = None
    search: str | None = None


class ActivityFilters(Schema):
    type: str | None = None
    year: int | None = None
    country: str | None = None
    project: str | None = None
    theme: str | None = None
    search: str | None = None


@router.get("/projects", response=list[ProjectOut], auth=optional_auth)
@paginate(LimitOffsetPagination)
def list_projects(request, filters: Query[ProjectFilters]):
    """Projects the caller may see (published ones for anonymous callers)."""
    return selectors.projects_filter(request.user, **filters.dict()).prefetch_related(
        "partnering_countries"
    )


@router.get("/projects/{code}", response=ProjectOut, auth=optional_auth)
def get_project(request, code: str):
    try:
        return selectors.project_get_for_user(request.user, code)
    except Project.DoesNotExist as exc:
        raise Http404 from exc


@router.get("/activities", response=list[ActivityOut], auth=optional_auth)
@paginate(LimitOffsetPagination)
def list_activities(request, filters: Query[ActivityFilters]):
    """Activities the caller may see, each with its participant totals by sex."""
    activities = selectors.activities_filter(request.user, **filters.dict())
    return selectors.with_participant_totals(activities).prefetch_related("participating_countries")


def _activity(request, pk: int) -> Activity:
    try:
        return selectors.activity_get_for_user(request.user, pk)
    except Activity.DoesNotExist as exc:
        raise Http404 from exc


@router.get("/activities/{pk}", response=ActivityOut, auth=optional_auth)
def get_activity(request, pk: int):
    return _activity(request, pk)


@router.get("/activities/{pk}/participants", response=list[ParticipantOut])
@paginate(LimitOffsetPagination)
def list_participants(request, pk: int):
    """Individual participants: staff and organisers see all (with e-mail addresses),
    a focal point those from their country (without); others are refused."""
    activity = _activity(request, pk)
    personal = selectors.can_see_personal_data(request.user, activity)
    participations = selectors.participants_visible_to(request.user, activity)
    if not personal and not participations.exists():
        raise HttpError(403, "Participants' details are shown only to the organisers.")
    return [
        {
            "first_name": p.person.first_name,
            "last_name": p.person.last_name,
            "email": p.person.email if personal else None,
            "sex": p.sex,
            "country": p.country.iso3 if p.country_id else None,
            "organisation": p.organisation,
            "government_level": p.government_level,
            "seniority": p.seniority,
            "position": p.position,
            "attended": p.attended,
        }
        for p in participations
    ]


class SnapshotOut(Schema):
    year: int
    projects: int
    activities: int
    workshops: int
    activities_by_type: dict[str, int]
    people_trained: ParticipantTotals
    individuals: int
    headcount: int
    countries: int
    countries_by_region: dict[str, int]
    ldc: int
    lldc: int
    sids: int


@router.get("/snapshot/{year}", response=SnapshotOut, auth=optional_auth)
def get_snapshot(request, year: int):
    """The headline figures of the Capacity Development Snapshot of `year` (public)."""
    if not 1990 <= year <= 2100:
        raise HttpError(422, "The year must be between 1990 and 2100.")
    data = selectors.snapshot_data(year)
    people = data["people"]
    return {
        "year": year,
        "projects": data["projects"]["count"],
        "activities": data["activities"]["events"],
        "workshops": data["activities"]["workshops"],
        "activities_by_type": {row["type"]: row["events"] for row in data["activities"]["by_type"]},
        "people_trained": people,
        "individuals": people["individuals"],
        "headcount": people["headcount"],
        "countries": data["countries"]["count"],
        "countries_by_region": {
            row["region"]: row["countries"] for row in data["countries"]["by_region"]
        },
        **data["countries"]["groups"],
    }
