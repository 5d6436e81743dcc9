"""Every write to requests: creation, edits, the workflow, comments and attachments.

Views, the API, imports, the demo loader and the assistant all call these functions,
so a rule enforced here holds everywhere.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from capdev.accounts.scoping import can_see_country, has_global_scope
from capdev.core.models import CepaPrinciple, Country, SdgGoal, Theme
from capdev.core.uploads import validate_upload
from capdev.support import workflow
from capdev.support.models import (
    ATTACHMENT_KINDS,
    ATTACHMENT_MAX_BYTES,
    RequestAttachment,
    RequestComment,
    RequestSequence,
    StatusChange,
    SupportRequest,
    SupportType,
)

Status = SupportRequest.Status

# Fields staff may change with request_update; the status and the workflow
# timestamps are not among them.
EDITABLE_FIELDS = frozenset(
    {
        "country",
        "requesting_organisation",
        "channel",
        "received_on",
        "title",
        "description",
        "priority",
        "assigned_officer",
        "partner_entities",
        "due_on",
        "outcome",
    }
)
M2M_FIELDS = ("support_types", "themes", "sdgs", "cepa_principles")


SUPPORT_TYPES = [
    ("advisory", "Advisory service", "Services consultatifs"),
    ("training", "Training or workshop", "Formation ou atelier"),
    ("toolkit", "Toolkit or guidance", "Boîte à outils ou orientations"),
    ("study-tour", "Study tour", "Voyage d'étude"),
    ("research", "Research or assessment", "Recherche ou évaluation"),
    ("peer-exchange", "Peer exchange", "Échange entre pairs"),
]


def support_types_ensure() -> None:
    """Create the standard support types if missing (a migration adds them; a flush removes)."""
    for position, (slug, name, name_fr) in enumerate(SUPPORT_TYPES, start=1):
        SupportType.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_fr": name_fr, "position": position}
        )


def can_manage_requests(user) -> bool:
    """Staff who triage requests: every country, and the change permission."""
    return has_global_scope(user) and user.has_perm("support.change_supportrequest")


def can_submit_request(user, country: Country | None = None) -> bool:
    """Staff for any country; a focal point for their own country only."""
    if not (user.is_authenticated and user.has_perm("support.add_supportrequest")):
        return False
    return country is None or can_see_country(user, country.pk)


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied(_("You may not do this with this request."))


def reference_allocate(*, year: int) -> str:
    """The next free reference of `year`, e.g. REQ-2024-0042.

    The per-year counter row is bumped with an UPDATE, which holds its row lock (a
    write lock on SQLite) until the surrounding transaction ends, so two requests
    saved at once never get the same number. References taken by imports are
    skipped; the unique constraint on `reference` is the last guard.
    """
    for _attempt in range(10_000):
        bumped = RequestSequence.objects.filter(year=year).update(last_number=F("last_number") + 1)
        if not bumped:
            try:
                with transaction.atomic():
                    RequestSequence.objects.create(year=year, last_number=1)
            except IntegrityError:
                continue  # another transaction created the row first: bump it instead
        number = RequestSequence.objects.get(year=year).last_number
        reference = f"REQ-{year}-{number:04d}"
        if not SupportRequest.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError(f"No free reference left in {year}")


def _set_m2m(request: SupportRequest, values: dict[str, Iterable[Any] | None]) -> None:
    for name in M2M_FIELDS:
        if values.get(name) is not None:
            getattr(request, name).set(values[name])


def _record(request: SupportRequest, *, from_status: str, to_status: str, user, at, note: str):
    return StatusChange.objects.create(
        request=request,
        from_status=from_status,
        to_status=to_status,
        changed_by=user if getattr(user, "is_authenticated", False) else None,
        changed_at=at,
        note=note,
    )


@transaction.atomic
def request_create(
    *,
    user,
    country: Country,
    title: str,
    received_on: dt.date | None = None,
    description: str = "",
    requesting_organisation: str = "",
    channel: str = SupportRequest.Channel.ONLINE_FORM,
    priority: str = SupportRequest.Priority.NORMAL,
    assigned_officer=None,
    partner_entities: str = "",
    due_on: dt.date | None = None,
    outcome: str = "",
    support_types: Iterable[SupportType] | None = None,
    themes: Iterable[Theme] | None = None,
    sdgs: Iterable[SdgGoal] | None = None,
    cepa_principles: Iterable[CepaPrinciple] | None = None,
    created_at: dt.datetime | None = None,
) -> SupportRequest:
    """Log a new request in status "received".

    Staff may log requests for any country; a country focal point only for their
    own, and without assigning an officer (triage is the staff's job).
    """
    _require(can_submit_request(user, country))
    if not can_manage_requests(user):
        assigned_officer = None
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date received cannot be in the future.")})
    if due_on and due_on < received_on:
        raise ValidationError({"due_on": _("The due date cannot be before the date received.")})
    request = SupportRequest(
        reference=reference_allocate(year=received_on.year),
        year=received_on.year,
        country=country,
        title=title.strip(),
        received_on=received_on,
        description=description,
        requesting_organisation=requesting_organisation,
        channel=channel,
        priority=priority,
        assigned_officer=assigned_officer,
        partner_entities=partner_entities,
        due_on=due_on,
        outcome=outcome,
        submitted_by=user if user.is_authenticated else None,
    )
    request.full_clean(exclude=["reference"])
    request._history_user = user  # type: ignore[attr-defined]
    request.save()
    _set_m2m(
        request,
        {
            "support_types": support_types,
            "themes": themes,
            "sdgs": sdgs,
            "cepa_principles": cepa_principles,
        },
    )
    # The receipt step is dated on the day received (a letter may be logged days later),
    # so that back-dated workflow steps sort after it.
    at = created_at or min(timezone.now(), _start_of(received_on))
    _record(request, from_status="", to_status=Status.RECEIVED, user=user, at=at, note="")
    return request


@transaction.atomic
def request_update(*, user, request: SupportRequest, **changes: Any) -> SupportRequest:
    """Change a request's details (staff only). Status moves go through request_transition."""
    _require(can_manage_requests(user))
    unknown = set(changes) - EDITABLE_FIELDS - set(M2M_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))}
        )
    for name, value in changes.items():
        if name in EDITABLE_FIELDS:
            setattr(request, name, value)
    if "received_on" in changes:
        if request.received_on > timezone.localdate():
            raise ValidationError({"received_on": _("The date received cannot be in the future.")})
        request.year = request.received_on.year
        _refresh_durations(request)
    if request.due_on and request.due_on < request.received_on:
        raise ValidationError({"due_on": _("The due date cannot be before the date received.")})
    request.full_clean()
    request._history_user = user  # type: ignore[attr-defined]
    request.save()
    _set_m2m(request, changes)
    return request


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def _days_since_receipt(request: SupportRequest, at: dt.datetime) -> int:
    return max(0, (timezone.localdate(at) - request.received_on).days)


def _refresh_durations(request: SupportRequest) -> None:
    if request.first_response_at:
        request.days_to_first_response = _days_since_receipt(request, request.first_response_at)
    if request.completed_at:
        request.days_to_completion = _days_since_receipt(request, request.completed_at)


@transaction.atomic
def request_transition(
    *,
    user,
    request: SupportRequest,
    to_status: str,
    note: str = "",
    at: dt.datetime | None = None,
) -> SupportRequest:
    """Move a request along the workflow (staff only) and record the step.

    The first move out of "received" sets the first-response time; reaching
    "completed" sets the completion time; "closed" sets the closing time.
    Reopening a closed request clears completion and closing. `at` back-dates
    the step (imports and demo data); it defaults to now.
    """
    _require(can_manage_requests(user))
    # Re-read under a row lock so that two officers clicking at once cannot both
    # move the request from the same status.
    current = SupportRequest.objects.select_for_update().get(pk=request.pk)
    if to_status not in Status.values:
        raise ValidationError(_("Unknown status “%(status)s”.") % {"status": to_status})
    if not workflow.is_allowed(current.status, to_status):
        allowed = ", ".join(str(Status(s).label) for s in workflow.allowed_next(current.status))
        raise ValidationError(
            _("A request that is “%(from)s” cannot become “%(to)s”. It can become: %(allowed)s.")
            % {
                "from": Status(current.status).label,
                "to": Status(to_status).label,
                "allowed": allowed or "—",
            }
        )
    at = at or timezone.now()
    from_status = current.status
    current.status = to_status
    if from_status == Status.CLOSED:
        current.completed_at = current.closed_at = None
        current.days_to_completion = None
    if current.first_response_at is None and from_status == Status.RECEIVED:
        current.first_response_at = at
        current.days_to_first_response = _days_since_receipt(current, at)
    if to_status == Status.COMPLETED:
        current.completed_at = at
        current.days_to_completion = _days_since_receipt(current, at)
    if to_status == Status.CLOSED:
        current.closed_at = at
    current._history_user = user  # type: ignore[attr-defined]
    current.save()
    _record(current, from_status=from_status, to_status=to_status, user=user, at=at, note=note)
    request.refresh_from_db()
    return current


@transaction.atomic
def request_comment_add(
    *, user, request: SupportRequest, body: str, is_internal: bool = False
) -> RequestComment:
    """A comment by staff or by the request's focal point; only staff write internal notes."""
    _require(
        user.has_perm("support.add_requestcomment") and can_see_country(user, request.country_id)
    )
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a comment first.")})
    return RequestComment.objects.create(
        request=request,
        author=user,
        body=body,
        is_internal=bool(is_internal and can_manage_requests(user)),
    )


@transaction.atomic
def request_attachment_add(*, user, request: SupportRequest, file) -> RequestAttachment:
    """Attach a document after checking its type by content and its size."""
    _require(
        user.has_perm("support.add_requestattachment") and can_see_country(user, request.country_id)
    )
    try:
        validate_upload(file, allowed=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    name = (getattr(file, "name", "") or "attachment").rsplit("/", 1)[-1][:255]
    return RequestAttachment.objects.create(request=request, file=file, name=name, uploaded_by=user)
