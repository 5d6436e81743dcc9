"""Activities: summary, outcomes and results. Published activities are public; others
are seen by staff and the focal points of the host country."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from capdev.knowledge.sources import Passage, Scope, SourceItem, register_source


def build(activity) -> SourceItem | None:
    passages = [Passage(text=f"{activity.title}. {activity.summary}".strip())]
    for heading, text in (
        (_("Outcomes"), activity.outcomes),
        (_("Results"), activity.results_text),
    ):
        if text:
            passages.append(Passage(text=text, heading=str(heading)))
    if activity.is_published:
        scope = Scope(visibility="public", country_id=activity.host_country_id)
    elif activity.host_country_id:
        scope = Scope(visibility="country", country_id=activity.host_country_id)
    else:
        scope = Scope(visibility="staff")
    return SourceItem(
        title=activity.title,
        url=reverse("programmes:activity_detail", args=[activity.pk]),
        scope=scope,
        passages=passages,
        language=activity.language or "",
        kind=activity.type,
        year=activity.start_date.year if activity.start_date else None,
    )


def register() -> None:
    from capdev.programmes.models import Activity

    register_source("activity", Activity, build, label=_("Activity"))
