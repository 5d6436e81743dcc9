"""The request workflow as data: which status may follow which, and who may make the move.

received → under review → accepted | declined | referred; accepted → in progress →
completed → closed; declined and referred requests are closed; staff may reopen a
closed request, which puts it back under review.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from capdev.support.models import SupportRequest

S = SupportRequest.Status

TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.UNDER_REVIEW}),
    S.UNDER_REVIEW: frozenset({S.ACCEPTED, S.DECLINED, S.REFERRED}),
    S.ACCEPTED: frozenset({S.IN_PROGRESS}),
    S.DECLINED: frozenset({S.CLOSED}),
    S.REFERRED: frozenset({S.CLOSED}),
    S.IN_PROGRESS: frozenset({S.COMPLETED}),
    S.COMPLETED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset({S.UNDER_REVIEW}),  # reopening
}

# Labels of the buttons that make each move, so a form reads "Accept", not "Accepted".
ACTION_LABELS = {
    S.UNDER_REVIEW: _("Start review"),
    S.ACCEPTED: _("Accept"),
    S.DECLINED: _("Decline"),
    S.REFERRED: _("Refer"),
    S.IN_PROGRESS: _("Start work"),
    S.COMPLETED: _("Mark completed"),
    S.CLOSED: pgettext_lazy("close a request", "Close"),
}
REOPEN_LABEL = _("Reopen")

# The shortest path from "received" to each status (demo data and tests walk it).
PATH_TO: dict[str, list[str]] = {
    S.RECEIVED: [],
    S.UNDER_REVIEW: [S.UNDER_REVIEW],
    S.ACCEPTED: [S.UNDER_REVIEW, S.ACCEPTED],
    S.DECLINED: [S.UNDER_REVIEW, S.DECLINED],
    S.REFERRED: [S.UNDER_REVIEW, S.REFERRED],
    S.IN_PROGRESS: [S.UNDER_REVIEW, S.ACCEPTED, S.IN_PROGRESS],
    S.COMPLETED: [S.UNDER_REVIEW, S.ACCEPTED, S.IN_PROGRESS, S.COMPLETED],
    S.CLOSED: [S.UNDER_REVIEW, S.ACCEPTED, S.IN_PROGRESS, S.COMPLETED, S.CLOSED],
}


def allowed_next(status: str) -> list[str]:
    """The statuses a request in `status` may move to, in workflow order."""
    targets = TRANSITIONS.get(status, frozenset())
    return [value for value in S.values if value in targets]


def is_allowed(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())


def action_label(from_status: str, to_status: str) -> str:
    if from_status == S.CLOSED and to_status == S.UNDER_REVIEW:
        return str(REOPEN_LABEL)
    return str(ACTION_LABELS.get(to_status, S(to_status).label))
