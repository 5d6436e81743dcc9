"""Support requests: title, description and outcome, visible as the requests are
(staff, and the focal points of the request's country)."""

from django.utils.translation import gettext_lazy as _

from capdev.knowledge.sources import Passage, Scope, SourceItem, register_source


def build(request) -> SourceItem | None:
    passages = [Passage(text=f"{request.title}. {request.description}".strip())]
    if request.outcome:
        passages.append(Passage(text=request.outcome, heading=str(_("Outcome"))))
    return SourceItem(
        title=f"{request.reference}: {request.title}",
        url=request.get_absolute_url(),
        scope=Scope(visibility="country", country_id=request.country_id),
        passages=passages,
        kind=request.status,
        year=request.year,
    )


def register() -> None:
    from capdev.support.models import SupportRequest

    register_source("request", SupportRequest, build, label=_("Request"))
