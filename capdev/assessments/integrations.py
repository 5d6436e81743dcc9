"""Turning an assessment's gap into an action of a gender action plan.

The gender app owns action plans; this module only calls its selectors and its
`action_create` service, so the plan's own rules (who may edit it, that it is a
draft) apply unchanged.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from capdev.assessments.models import Answer, Assessment, Criterion


def gap_action_support(user, assessment: Assessment) -> dict:
    """The draft plans of the assessment's country that `user` may add actions to."""
    from capdev.gender.models import ActionPlan
    from capdev.gender.selectors import plans_visible_to
    from capdev.gender.services import plan_can_edit

    plans = plans_visible_to(user, country_id=assessment.country_id, status=ActionPlan.Status.DRAFT)
    return {"plans": [plan for plan in plans if plan_can_edit(user, plan)]}


def gap_action_create(*, user, assessment: Assessment, criterion: Criterion, plan_id: int):
    """Create an action for `criterion`'s gap in the plan `plan_id` of the same country."""
    from capdev.gender.selectors import plans_visible_to
    from capdev.gender.services import action_create

    plan = plans_visible_to(user, country_id=assessment.country_id).filter(pk=plan_id).first()
    if plan is None:
        raise PermissionDenied
    answer = Answer.objects.filter(assessment=assessment, criterion=criterion).first()
    if answer is None or answer.score is None or answer.score >= assessment.framework.gap_threshold:
        raise ValidationError(_("This criterion is not a gap of the assessment."), code="no_gap")
    option = next((o for o in criterion.options if str(o["value"]) == answer.value), {})
    source = _(
        "Self-assessment %(id)d (%(framework)s, %(year)d), criterion %(code)s: %(answer)s"
    ) % {
        "id": assessment.pk,
        "framework": assessment.framework.title,
        "year": assessment.year,
        "code": criterion.code,
        "answer": option.get("label", answer.value),
    }
    return action_create(
        plan=plan,
        user=user,
        title=_("Close the gap on %(code)s: %(text)s")
        % {"code": criterion.code, "text": criterion.text},
        description=answer.comment,
        source_note=source,
    )
