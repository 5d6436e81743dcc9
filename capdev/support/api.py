"""Member States' requests in the JSON API: the same services, selectors and scope as the pages."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from capdev.core.models import CepaPrinciple, Country, SdgGoal, Theme
from capdev.support import selectors, services
from capdev.support.models import SupportRequest, SupportType
from capdev.support.selectors import FilterError

router = Router(tags=["requests"])
Status = SupportRequest.Status


class RequestOut(Schema):
    reference: str
    title: str
    country: str = Field(..., alias="country.iso3")
    country_name: str = Field(..., alias="country.name")
    requesting_organisation: str
    channel: str
    received_on: datetime.date
    description: str
    status: str
    priority: str
    support_types: list[str]
    themes: list[str]
    sdgs: list[int]
    cepa_principles: list[int]
    assigned_officer: str | None
    partner_entities: str
    due_on: datetime.date | None
    outcome: str
    first_response_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    days_to_first_response: int | None
    days_to_completion: int | None
    url: str

    @staticmethod
    def resolve_support_types(obj):
        return [t.slug for t in obj.support_types.all()]

    @staticmethod
    def resolve_themes(obj):
        return [t.slug for t in obj.themes.all()]

    @staticmethod
    def resolve_sdgs(obj):
        return [g.number for g in obj.sdgs.all()]

    @staticmethod
    def resolve_cepa_principles(obj):
        return [p.number for p in obj.cepa_principles.all()]

    @staticmethod
    def resolve_assigned_officer(obj):
        return obj.assigned_officer.email if obj.assigned_officer else None

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class RequestFilters(Schema):
    status: list[str] | None = None
    country: str | None = Field(None, description="ISO alpha-3 code")
    region: str | None = Field(None, description="UN M49 region name or code")
    sub_region: str | None = None
    group: str | None = Field(None, description="ldc, lldc or sids")
    theme: str | None = Field(None, description="theme slug")
    sdg: int | None = Field(None, ge=1, le=17)
    support_type: str | None = Field(None, description="support type slug")
    year: int | None = None
    officer: int | None = Field(None, description="user id of the assigned officer")
    overdue: bool | None = None
    q: str | None = Field(None, description="words in reference, title, description, outcome")


class ListFilters(RequestFilters):
    sort: str | None = Field(None, description=", ".join(selectors.SORTS))


class RequestIn(Schema):
    title: str = Field(..., min_length=1, max_length=255)
    country: str | None = Field(None, description="ISO alpha-3; a focal point's own by default")
    received_on: datetime.date | None = None
    description: str = ""
    requesting_organisation: str = ""
    channel: str = SupportRequest.Channel.ONLINE_FORM
    priority: str = SupportRequest.Priority.NORMAL
    support_types: list[str] = []
    themes: list[str] = []
    sdgs: list[int] = []
    cepa_principles: list[int] = []
    partner_entities: str = ""
    due_on: datetime.date | None = None
    assigned_officer: str | None = Field(None, description="e-mail address (staff only)")
    outcome: str = ""


class RequestPatch(Schema):
    title: str | None = None
    country: str | None = None
    received_on: datetime.date | None = None
    description: str | None = None
    requesting_organisation: str | None = None
    channel: str | None = None
    priority: str | None = None
    support_types: list[str] | None = None
    themes: list[str] | None = None
    sdgs: list[int] | None = None
    cepa_principles: list[int] | None = None
    partner_entities: str | None = None
    due_on: datetime.date | None = None
    assigned_officer: str | None = None
    outcome: str | None = None


class TransitionIn(Schema):
    to_status: str = Field(..., description=", ".join(Status.values))
    note: str = ""


class StatusChangeOut(Schema):
    from_status: str
    to_status: str
    changed_by: str | None
    changed_at: datetime.datetime
    note: str

    @staticmethod
    def resolve_changed_by(obj):
        return obj.changed_by.email if obj.changed_by else None


class CommentIn(Schema):
    body: str = Field(..., min_length=1)
    is_internal: bool = False


class CommentOut(Schema):
    id: int
    author: str | None
    body: str
    is_internal: bool
    created_at: datetime.datetime

    @staticmethod
    def resolve_author(obj):
        return obj.author.email if obj.author else None


def _need(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise HttpError(403, "You may not see or change requests.")


def _get(request, reference: str) -> SupportRequest:
    _need(request, "support.view_supportrequest")
    try:
        return selectors.request_get_for_user(request.user, reference)
    except SupportRequest.DoesNotExist:
        raise HttpError(404, "No such request.") from None


def _lookup(model, field: str, values, label: str) -> list:
    found = list(model.objects.filter(**{f"{field}__in": values}))
    missing = set(values) - {getattr(item, field) for item in found}
    if missing:
        raise HttpError(422, f"Unknown {label}: {', '.join(map(str, sorted(missing)))}")
    return found


def _resolve(data: dict[str, Any]) -> dict[str, Any]:
    """Codes and slugs from the payload as the objects the services take."""
    if data.get("country") is not None:
        country = Country.objects.filter(iso3=str(data["country"]).upper()).first()
        if country is None:
            raise HttpError(422, f"Unknown country: {data['country']}")
        data["country"] = country
    for name, model, field in (
        ("support_types", SupportType, "slug"),
        ("themes", Theme, "slug"),
        ("sdgs", SdgGoal, "number"),
        ("cepa_principles", CepaPrinciple, "number"),
    ):
        if data.get(name) is not None:
            data[name] = _lookup(model, field, data[name], name.replace("_", " "))
    if data.get("assigned_officer"):
        officer = selectors.officers().filter(email__iexact=data["assigned_officer"]).first()
        if officer is None:
            raise HttpError(422, "assigned_officer is not a programme officer's e-mail address.")
        data["assigned_officer"] = officer
    return data


def _call(function, **kwargs):
    try:
        return function(**kwargs)
    except PermissionDenied as error:
        raise HttpError(403, str(error) or "Forbidden") from None
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from None


def _filters(filters: Schema) -> dict[str, Any]:
    return {k: v for k, v in filters.dict().items() if v is not None}


@router.get("/requests", response=list[RequestOut])
@paginate(LimitOffsetPagination)
def list_requests(request, filters: Query[ListFilters]):
    """Requests the caller may see: staff all, a focal point their country's."""
    _need(request, "support.view_supportrequest")
    try:
        requests = selectors.requests_filter(request.user, **_filters(filters))
    except FilterError as error:
        raise HttpError(422, str(error)) from None
    return requests.prefetch_related("support_types", "themes", "sdgs", "cepa_principles")


@router.post("/requests", response={201: RequestOut})
def create_request(request, payload: RequestIn):
    """Log a request. A focal point logs for their own country; staff for any."""
    _need(request, "support.add_supportrequest")
    data = _resolve(payload.dict())
    if data.get("country") is None:
        if request.user.country is None:
            raise HttpError(422, "country is required.")
        data["country"] = request.user.country
    created = _call(services.request_create, user=request.user, **data)
    return 201, selectors.request_get_for_user(request.user, created.reference)


@router.get("/requests/insights", response=dict)
def request_insights(request, filters: Query[RequestFilters]):
    """The dashboard's figures (totals, breakdowns, medians) for the caller's scope."""
    _need(request, "support.view_supportrequest")
    try:
        insights = selectors.request_insights(request.user, **_filters(filters))
    except FilterError as error:
        raise HttpError(422, str(error)) from None
    insights["dashboard_url"] = selectors.dashboard_url(**insights["filters"])
    return insights


@router.get("/requests/{reference}", response=RequestOut)
def get_request(request, reference: str):
    return _get(request, reference)


@router.patch("/requests/{reference}", response=RequestOut)
def update_request(request, reference: str, payload: RequestPatch):
    """Change a request's details (staff). Status moves go through /transitions."""
    support_request = _get(request, reference)
    data = _resolve(payload.dict(exclude_unset=True))
    _call(services.request_update, user=request.user, request=support_request, **data)
    return selectors.request_get_for_user(request.user, reference)


@router.post("/requests/{reference}/transitions", response=RequestOut)
def transition_request(request, reference: str, payload: TransitionIn):
    """Move a request along the workflow (staff). An invalid move is a 422 saying why."""
    support_request = _get(request, reference)
    _call(
        services.request_transition,
        user=request.user,
        request=support_request,
        to_status=payload.to_status,
        note=payload.note,
    )
    return selectors.request_get_for_user(request.user, reference)


@router.get("/requests/{reference}/history", response=list[StatusChangeOut])
def request_history(request, reference: str):
    return list(selectors.request_history(_get(request, reference)))


@router.get("/requests/{reference}/comments", response=list[CommentOut])
def list_comments(request, reference: str):
    support_request = _get(request, reference)
    return list(selectors.request_comments_for(request.user, support_request))


@router.post("/requests/{reference}/comments", response={201: CommentOut})
def add_comment(request, reference: str, payload: CommentIn):
    support_request = _get(request, reference)
    comment = _call(
        services.request_comment_add,
        user=request.user,
        request=support_request,
        body=payload.body,
        is_internal=payload.is_internal,
    )
    return 201, comment
