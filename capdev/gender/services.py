"""Writes to the gender app: institutions, workforce records, action plans.

Every function checks that the acting user may make the change (country scope and
the role's permission) and raises `PermissionDenied` otherwise, so views, the API,
the admin and other apps (assessments) all get the same rules.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capdev.accounts.scoping import can_see_country
from capdev.core.models import Country
from capdev.gender.indicators import INDICATORS_BY_CODE
from capdev.gender.models import (
    FIRST_YEAR,
    LAST_YEAR,
    Action,
    ActionPlan,
    GradeBand,
    Institution,
    Level,
    Objective,
    ProgressReport,
    PublishedYear,
    Sector,
    Target,
    WorkforceRecord,
)

Status = ActionPlan.Status

# Who may move a plan from one status to the next: "editor" (anyone who may edit
# the plan) or "validator" (holders of gender.validate_actionplan).
TRANSITIONS = {
    (Status.DRAFT, Status.UNDER_REVIEW): "editor",
    (Status.UNDER_REVIEW, Status.DRAFT): "validator",
    (Status.UNDER_REVIEW, Status.VALIDATED): "validator",
    (Status.VALIDATED, Status.PUBLISHED): "validator",
    (Status.VALIDATED, Status.DRAFT): "validator",
}
# While a plan is under review or validated its content is frozen; only actions'
# status and evidence and progress reports keep moving.
CONTENT_EDITABLE = {Status.DRAFT}


def _require(user, perm: str, country_id: int | None) -> None:
    if not (user.is_authenticated and user.has_perm(perm) and can_see_country(user, country_id)):
        raise PermissionDenied(_("You may not change this country's gender data."))


# Institutions


@transaction.atomic
def institution_create(
    *,
    user,
    name: str,
    country: Country,
    level: str,
    sector: str = Sector.OTHER,
    acronym: str = "",
    parent: Institution | None = None,
    area: str = "",
) -> Institution:
    _require(user, "gender.add_institution", country.pk)
    if level not in Level.values:
        raise ValidationError({"level": _("Unknown level.")})
    if sector not in Sector.values:
        raise ValidationError({"sector": _("Unknown sector.")})
    if parent is not None and parent.country_id != country.pk:
        raise ValidationError({"parent": _("The parent institution must be in the same country.")})
    if Institution.objects.filter(country=country, name__iexact=name.strip()).exists():
        raise ValidationError({"name": _("This country already has an institution of this name.")})
    return Institution.objects.create(
        name=name.strip(),
        acronym=acronym.strip(),
        country=country,
        level=level,
        sector=sector,
        parent=parent,
        area=area.strip(),
    )


@transaction.atomic
def institution_update(*, user, institution: Institution, **fields) -> Institution:
    _require(user, "gender.change_institution", institution.country_id)
    allowed = {"name", "acronym", "level", "sector", "parent", "area"}
    for key, value in fields.items():
        if key not in allowed:
            raise ValueError(f"Cannot change {key!r}")
        setattr(institution, key, value)
    institution.full_clean()
    institution.save()
    return institution


# Workforce records

COUNT_FIELDS = [
    "women",
    "men",
    "other",
    "recruited_women",
    "recruited_men",
    "promoted_women",
    "promoted_men",
    "trained_women",
    "trained_men",
]
PAY_FIELDS = ["pay_women", "pay_men"]
RECORD_FIELDS = [*COUNT_FIELDS, *PAY_FIELDS, "pay_basis", "illustrative"]


def workforce_values_check(values: dict) -> dict[str, str]:
    """Problems with one record's figures, by field name; empty when consistent."""
    problems: dict[str, str] = {}
    year = values.get("year")
    last_year = timezone.localdate().year + 1
    if year is not None and not FIRST_YEAR <= year <= last_year:
        problems["year"] = _("The year must be between %(first)s and %(last)s.") % {
            "first": FIRST_YEAR,
            "last": last_year,
        }
    if values.get("band") is not None and values["band"] not in GradeBand.values:
        problems["band"] = _("Unknown grade band.")
    for name in COUNT_FIELDS + PAY_FIELDS:
        value = values.get(name)
        if value is not None and value < 0:
            problems[name] = _("Must not be negative.")
    for event in ("recruited", "promoted", "trained"):
        for sex in ("women", "men"):
            name = f"{event}_{sex}"
            count, staff = values.get(name), values.get(sex) or 0
            # Recruits and promotions of the year are part of the year's staff.
            if name not in problems and count is not None and count > staff:
                problems[name] = _("Cannot exceed the number of %(sex)s in the band (%(n)s).") % {
                    "sex": _("women") if sex == "women" else _("men"),
                    "n": staff,
                }
    for sex in ("women", "men"):
        pay = values.get(f"pay_{sex}")
        if f"pay_{sex}" not in problems and pay is not None and not values.get(sex):
            problems[f"pay_{sex}"] = _("Pay is given for %(sex)s but there are none.") % {
                "sex": _("women") if sex == "women" else _("men")
            }
    return problems


@transaction.atomic
def workforce_record_save(
    *, user, institution: Institution, year: int, band: str, **values
) -> tuple[WorkforceRecord, bool]:
    """Create or replace the record of `institution` for `year` and `band`.

    Returns the record and whether it was created. Counts left out are zero for
    headcounts and "not reported" (None) for pay, recruitment, promotion, training.
    """
    _require(user, "gender.change_workforcerecord", institution.country_id)
    unknown = set(values) - set(RECORD_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields {sorted(unknown)}")
    data = {"women": 0, "men": 0, "other": 0, **values}
    for name in PAY_FIELDS:
        if data.get(name) is not None:
            data[name] = Decimal(str(data[name]))
    problems = workforce_values_check({"year": year, "band": band, **data})
    if problems:
        raise ValidationError(problems)
    defaults = {name: data.get(name) for name in RECORD_FIELDS if name in data}
    return WorkforceRecord.objects.update_or_create(
        institution=institution, year=year, band=band, defaults=defaults
    )


@transaction.atomic
def workforce_record_delete(*, user, record: WorkforceRecord) -> None:
    _require(user, "gender.delete_workforcerecord", record.institution.country_id)
    record.delete()


@transaction.atomic
def year_publish(*, user, country: Country, year: int, published: bool = True) -> None:
    """Open (or close again) a country's validated figures for `year` to everyone."""
    if not (user.is_authenticated and user.has_perm("gender.validate_actionplan")):
        raise PermissionDenied(_("Only programme officers publish figures."))
    if published:
        PublishedYear.objects.get_or_create(
            country=country, year=year, defaults={"published_by": user}
        )
    else:
        PublishedYear.objects.filter(country=country, year=year).delete()


# Action plans


def plan_can_edit(user, plan: ActionPlan) -> bool:
    return bool(
        user.is_authenticated
        and user.has_perm("gender.change_actionplan")
        and can_see_country(user, plan.country_id)
    )


def _require_plan(user, plan: ActionPlan, *, content: bool = True) -> None:
    if not plan_can_edit(user, plan):
        raise PermissionDenied(_("You may not change this action plan."))
    if content and plan.status not in CONTENT_EDITABLE:
        raise ValidationError(
            _("This plan is %(status)s: return it to draft to change its content.")
            % {"status": plan.get_status_display().lower()}
        )


def _check_years(start_year: int, end_year: int) -> None:
    if not FIRST_YEAR <= start_year <= LAST_YEAR or not FIRST_YEAR <= end_year <= LAST_YEAR:
        raise ValidationError({"start_year": _("Enter years between 1990 and 2100.")})
    if end_year < start_year:
        raise ValidationError({"end_year": _("The last year cannot come before the first.")})


@transaction.atomic
def plan_create(
    *,
    user,
    title: str,
    country: Country,
    start_year: int,
    end_year: int,
    institution: Institution | None = None,
    summary: str = "",
) -> ActionPlan:
    if not (
        user.is_authenticated
        and user.has_perm("gender.add_actionplan")
        and can_see_country(user, country.pk)
    ):
        raise PermissionDenied(_("You may not create action plans for this country."))
    if institution is not None and institution.country_id != country.pk:
        raise ValidationError({"institution": _("The institution must be in the plan's country.")})
    _check_years(start_year, end_year)
    return ActionPlan.objects.create(
        title=title.strip(),
        country=country,
        institution=institution,
        start_year=start_year,
        end_year=end_year,
        summary=summary,
        created_by=user,
    )


@transaction.atomic
def plan_update(*, user, plan: ActionPlan, **fields) -> ActionPlan:
    _require_plan(user, plan)
    allowed = {"title", "summary", "start_year", "end_year", "institution"}
    for key, value in fields.items():
        if key not in allowed:
            raise ValueError(f"Cannot change {key!r}")
        setattr(plan, key, value)
    _check_years(plan.start_year, plan.end_year)
    if plan.institution is not None and plan.institution.country_id != plan.country_id:
        raise ValidationError({"institution": _("The institution must be in the plan's country.")})
    plan.save()
    return plan


def plan_allowed_transitions(user, plan: ActionPlan) -> list[str]:
    """The statuses `user` may move `plan` to now."""
    if not plan_can_edit(user, plan):
        return []
    validator = user.has_perm("gender.validate_actionplan")
    return [
        target
        for (source, target), who in TRANSITIONS.items()
        if source == plan.status and (who == "editor" or validator)
    ]


@transaction.atomic
def plan_transition(*, user, plan: ActionPlan, to_status: str, comment: str = "") -> ActionPlan:
    """Move a plan through draft → under review → validated → published.

    A validator may return a plan under review (or validated) to draft with a comment.
    """
    if (plan.status, to_status) not in TRANSITIONS:
        raise ValidationError(
            _("A plan cannot go from %(source)s to %(target)s.")
            % {"source": plan.status, "target": to_status}
        )
    if to_status not in plan_allowed_transitions(user, plan):
        raise PermissionDenied(_("You may not make this change to the plan."))
    if to_status == Status.UNDER_REVIEW and not plan.objectives.exists():
        raise ValidationError(_("Add at least one objective before submitting the plan."))
    plan.status = to_status
    if comment or to_status == Status.DRAFT:
        plan.review_comment = comment
    plan._change_reason = comment or f"status: {to_status}"
    plan.save()
    return plan


@transaction.atomic
def objective_create(*, user, plan: ActionPlan, title: str, description: str = "") -> Objective:
    _require_plan(user, plan)
    position = plan.objectives.count() + 1
    return Objective.objects.create(
        plan=plan, title=title.strip(), description=description, position=position
    )


@transaction.atomic
def action_create(
    *,
    plan: ActionPlan,
    objective: Objective | None = None,
    title: str,
    description: str = "",
    user,
    source_note: str = "",
    responsible_unit: str = "",
    start_date: date | None = None,
    end_date: date | None = None,
    budget: Decimal | None = None,
    currency: str = "USD",
    status: str = Action.Status.PLANNED,
) -> Action:
    """Add an action to a gender action plan; the one way other apps add actions.

    `user` must be allowed to edit the plan (its country's focal point or a programme
    officer) and the plan must be a draft; otherwise `PermissionDenied` or
    `ValidationError` is raised. `objective`, when given, must belong to `plan`.
    `source_note` records where the action came from, for instance
    "Self-assessment 12, criterion 2.3: no sex-disaggregated pay data" when the
    assessments app turns a gap into an action.
    """
    _require_plan(user, plan)
    if objective is not None and objective.plan_id != plan.pk:
        raise ValidationError({"objective": _("The objective belongs to another plan.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the action a title.")})
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": _("The end cannot come before the start.")})
    if budget is not None and budget < 0:
        raise ValidationError({"budget": _("Must not be negative.")})
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    return Action.objects.create(
        plan=plan,
        objective=objective,
        title=title.strip()[:255],
        description=description,
        responsible_unit=responsible_unit,
        start_date=start_date,
        end_date=end_date,
        budget=budget,
        currency=(currency or "").upper()[:3],
        status=status,
        source_note=source_note[:255],
        created_by=user,
    )


@transaction.atomic
def action_update_progress(*, user, action: Action, status: str, evidence: str) -> Action:
    """Record an action's status and evidence; allowed in every plan status."""
    _require_plan(user, action.plan, content=False)
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    action.status = status
    action.evidence = evidence
    action.save(update_fields=["status", "evidence"])
    return action


@transaction.atomic
def target_create(
    *,
    user,
    plan: ActionPlan,
    indicator: str,
    baseline_year: int,
    baseline_value: float,
    target_year: int,
    target_value: float,
    objective: Objective | None = None,
    band: str = "",
) -> Target:
    _require_plan(user, plan)
    if indicator not in INDICATORS_BY_CODE:
        raise ValidationError({"indicator": _("Unknown indicator.")})
    if band and band not in GradeBand.values:
        raise ValidationError({"band": _("Unknown grade band.")})
    if target_year <= baseline_year:
        raise ValidationError({"target_year": _("The target year must come after the baseline.")})
    if objective is not None and objective.plan_id != plan.pk:
        raise ValidationError({"objective": _("The objective belongs to another plan.")})
    return Target.objects.create(
        plan=plan,
        objective=objective,
        indicator=indicator,
        band=band,
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        target_year=target_year,
        target_value=target_value,
    )


@transaction.atomic
def progress_report_create(
    *, user, plan: ActionPlan, period_end: date, narrative: str
) -> ProgressReport:
    _require_plan(user, plan, content=False)
    if not narrative.strip():
        raise ValidationError({"narrative": _("Describe the progress made.")})
    return ProgressReport.objects.create(
        plan=plan, period_end=period_end, narrative=narrative.strip(), author=user
    )
