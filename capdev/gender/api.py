"""Gender indicators and action plans in the JSON API.

Same rules as the pages: staff see every country, a focal point their own country
(plus published figures and plans), anyone else what has been published.
"""

import datetime
from decimal import Decimal

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from capdev.api.auth import optional_auth
from capdev.gender import metrics, selectors
from capdev.gender.indicators import INDICATORS_BY_CODE

router = Router(tags=["gender"])


class IndicatorFilters(Schema):
    country: list[str] | None = None
    level: str = "country"
    year: list[int] | None = None
    indicator: list[str] | None = None
    sector: str = ""
    band: str = ""


class IndicatorOut(Schema):
    country: str
    country_name: str
    level: str
    institution_id: int | None
    institution: str
    year: int
    women: int | None
    men: int | None
    other: int | None
    total: int | None
    illustrative: bool
    indicators: dict[str, float | None]


@router.get("/indicators", response=list[IndicatorOut], auth=optional_auth)
def list_indicators(request, filters: Query[IndicatorFilters]):
    """Gender indicators per country (or level, or institution) and year.

    `level`: country, national, subnational or institution. `country` (ISO alpha-3),
    `year` and `indicator` may repeat. A value of null means missing or undefined
    (no data, or a zero denominator), never zero. Definitions: docs/indicators.md.
    """
    if filters.level not in metrics.LEVELS:
        raise HttpError(422, f"level must be one of {', '.join(metrics.LEVELS)}")
    codes = filters.indicator or list(metrics.INDICATOR_CODES)
    unknown = [code for code in codes if code not in INDICATORS_BY_CODE]
    if unknown:
        raise HttpError(422, f"Unknown indicator(s): {', '.join(unknown)}")
    rows = metrics.indicator_rows(
        request.auth,
        level=filters.level,
        countries=filters.country,
        years=filters.year,
        sector=filters.sector,
        band=filters.band,
    )
    return [
        {
            **{key: row[key] for key in IndicatorOut.model_fields if key != "indicators"},
            "indicators": {code: row[code] for code in codes},
        }
        for row in rows
    ]


class ActionOut(Schema):
    id: int
    objective_id: int | None
    title: str
    description: str
    responsible_unit: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    budget: Decimal | None
    currency: str
    status: str
    evidence: str
    source_note: str


class TargetOut(Schema):
    id: int
    objective_id: int | None
    indicator: str
    band: str
    baseline_year: int
    baseline_value: float
    target_year: int
    target_value: float


class ObjectiveOut(Schema):
    id: int
    title: str
    description: str


class PlanOut(Schema):
    id: int
    title: str
    country: str
    institution: str | None
    start_year: int
    end_year: int
    status: str
    summary: str

    @staticmethod
    def resolve_country(plan):
        return plan.country.iso3

    @staticmethod
    def resolve_institution(plan):
        return plan.institution.name if plan.institution_id else None


class TargetStatusOut(TargetOut):
    latest_year: int | None
    latest_value: float | None
    trajectory: str


class PlanDetailOut(PlanOut):
    objectives: list[ObjectiveOut]
    actions: list[ActionOut]
    targets: list[TargetStatusOut]

    @staticmethod
    def resolve_objectives(plan):
        return list(plan.objectives.all())

    @staticmethod
    def resolve_actions(plan):
        return list(selectors.plan_actions(plan))

    @staticmethod
    def resolve_targets(plan):
        return plan.target_statuses


class PlanFilters(Schema):
    country: str | None = None
    status: str = ""


@router.get("/gender/plans", response=list[PlanOut], auth=optional_auth)
@paginate(LimitOffsetPagination)
def list_plans(request, filters: Query[PlanFilters]):
    """Gender action plans the caller may read: their scope's, plus every published plan."""
    plans = selectors.plans_visible_to(request.auth, status=filters.status)
    if filters.country:
        plans = plans.filter(country__iso3=filters.country.upper())
    return plans


@router.get("/gender/plans/{plan_id}", response=PlanDetailOut, auth=optional_auth)
def get_plan(request, plan_id: int):
    """One plan with its objectives, actions and targets (with their trajectory)."""
    plan = selectors.plan_get_for_user(request.auth, plan_id)
    plan.target_statuses = [
        {
            **{field: getattr(item["target"], field) for field in TargetOut.model_fields},
            "latest_year": item["year"],
            "latest_value": item["value"],
            "trajectory": item["status"],
        }
        for item in metrics.target_statuses(request.auth, plan)
    ]
    return plan
