import datetime as dt

from capdev.core.models import Country
from capdev.support import workflow
from capdev.support.models import SupportRequest
from capdev.support.services import request_create, request_transition

S = SupportRequest.Status


def make_request(user, iso3: str = "LAO", **fields) -> SupportRequest:
    fields.setdefault("title", f"Support for {iso3}")
    fields.setdefault("received_on", dt.date(2024, 3, 1))
    return request_create(user=user, country=Country.objects.get(iso3=iso3), **fields)


def move(user, request: SupportRequest, *statuses: str, at=None) -> SupportRequest:
    for status in statuses:
        request = request_transition(user=user, request=request, to_status=status, at=at)
    return request


PATH_TO = workflow.PATH_TO
