"""Reads of the gender app, each scoped to the user who asks.

Indicator aggregates are in `capdev.gender.metrics`; this module holds the lists
and getters of institutions, records and action plans.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from capdev.accounts.scoping import scope_by_country
from capdev.gender.models import (
    Action,
    ActionPlan,
    Institution,
    WorkforceRecord,
)


def institutions_visible_to(
    user, *, country_id: int | None = None, level: str = "", sector: str = "", search: str = ""
) -> QuerySet[Institution]:
    institutions = scope_by_country(Institution.objects.select_related("country", "parent"), user)
    if country_id:
        institutions = institutions.filter(country_id=country_id)
    if level:
        institutions = institutions.filter(level=level)
    if sector:
        institutions = institutions.filter(sector=sector)
    if search:
        institutions = institutions.filter(Q(name__icontains=search) | Q(acronym__icontains=search))
    return institutions


def institution_get_for_user(user, pk: int) -> Institution:
    try:
        return institutions_visible_to(user).get(pk=pk)
    except Institution.DoesNotExist as exc:
        raise Http404 from exc


def workforce_records_of(user, institution: Institution) -> QuerySet[WorkforceRecord]:
    return scope_by_country(
        WorkforceRecord.objects.filter(institution=institution),
        user,
        country_field="institution__country",
    ).order_by("-year", "band")


def plans_visible_to(
    user, *, country_id: int | None = None, status: str = ""
) -> QuerySet[ActionPlan]:
    """Action plans `user` may read: their scope's plans of any status, plus published ones.

    A focal point sees their own country's drafts and every country's published plans;
    anonymous visitors, trainers and learners see published plans only.
    """
    scoped = scope_by_country(ActionPlan.objects.all(), user)
    plans = ActionPlan.objects.filter(
        Q(pk__in=scoped.values("pk")) | Q(status=ActionPlan.Status.PUBLISHED)
    ).select_related("country", "institution")
    if country_id:
        plans = plans.filter(country_id=country_id)
    if status:
        plans = plans.filter(status=status)
    return plans


def plan_get_for_user(user, pk: int) -> ActionPlan:
    try:
        return plans_visible_to(user).get(pk=pk)
    except ActionPlan.DoesNotExist as exc:
        raise Http404 from exc


def plan_actions(plan: ActionPlan) -> QuerySet[Action]:
    return plan.actions.select_related("objective").order_by("start_date", "id")
