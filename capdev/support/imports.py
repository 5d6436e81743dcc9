"""Bulk import of historic requests from CSV or Excel, and the matching export.

The import is all-or-nothing: every row is checked first and nothing is written
unless the whole file is clean. It is idempotent on the reference: a row whose
reference exists updates that request's details (never its workflow state), and
importing the same file twice changes nothing the second time.
"""

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capdev.accounts.models import User
from capdev.core.models import CepaPrinciple, SdgGoal, Theme
from capdev.core.selectors import countries_by_any_name
from capdev.core.tabular import ImportReport, read_table
from capdev.support.models import StatusChange, SupportRequest, SupportType
from capdev.support.services import can_manage_requests

REQUIRED = ["reference", "country", "title", "received_on"]
OPTIONAL = [
    "requesting_organisation",
    "channel",
    "description",
    "support_types",
    "themes",
    "sdgs",
    "cepa_principles",
    "priority",
    "status",
    "assigned_officer",
    "partner_entities",
    "due_on",
    "first_response_on",
    "completed_on",
    "outcome",
]
COLUMNS = REQUIRED + OPTIONAL
COLUMN_HELP = [
    ("reference", gettext_lazy("Required. REQ-YYYY-NNNN, e.g. REQ-2021-0007; unique.")),
    ("country", gettext_lazy("Required. ISO alpha-3 code (LAO) or English name.")),
    ("title", gettext_lazy("Required.")),
    ("received_on", gettext_lazy("Required. Date, YYYY-MM-DD or DD/MM/YYYY.")),
    ("channel", gettext_lazy("letter, email, rco, meeting or online (or their names).")),
    ("support_types", gettext_lazy("Slugs or names separated by ';': advisory; training; …")),
    ("themes", gettext_lazy("Theme slugs or names separated by ';'.")),
    ("sdgs", gettext_lazy("Goal numbers separated by ';', e.g. 5; 16.")),
    ("cepa_principles", gettext_lazy("Principle numbers 1 to 11 separated by ';'.")),
    ("priority", gettext_lazy("low, normal, high or urgent.")),
    ("status", gettext_lazy("A workflow status; new requests only. Default: received.")),
    ("assigned_officer", gettext_lazy("E-mail address of a programme officer.")),
    (
        "first_response_on / completed_on",
        gettext_lazy("Dates of the historic first response and completion, if known."),
    ),
]
EXAMPLE_ROW = [
    "REQ-2021-0001",
    "LAO",
    "Support to the one door service centres",
    "2021-03-15",
    "Ministry of Home Affairs",
    "letter",
    "Advice on setting up integrated service centres in two provinces.",
    "advisory; training",
    "digital-government; public-service-innovation",
    "16",
    "6",
    "normal",
    "completed",
    "",
    "RCO, UNDP",
    "2021-09-30",
    "2021-03-29",
    "2021-11-12",
    "Two pilot centres opened.",
]
REFERENCE_RE = re.compile(r"^REQ-(\d{4})-(\d{4,6})$")
STATUS = SupportRequest.Status
LIST_SEPARATOR = re.compile(r"[;,|]")


def parse_date(text: str) -> dt.date:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text.split("T")[0].split(" ")[0], pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValueError(text)


def _choice(value: str, choices) -> str | None:
    lowered = value.strip().lower()
    for key, label in choices:
        if lowered in {key.lower(), str(label).lower()}:
            return key
    return None


def _split(text: str) -> list[str]:
    return [part.strip() for part in LIST_SEPARATOR.split(text) if part.strip()]


class _Lookups:
    """Reference data loaded once per import, so checking a row costs no query."""

    def __init__(self):
        self.countries = countries_by_any_name()
        self.themes = {}
        for theme in Theme.objects.all():
            self.themes[theme.slug.lower()] = theme
            self.themes[theme.name.lower()] = theme
        self.types = {}
        for kind in SupportType.objects.all():
            self.types[kind.slug.lower()] = kind
            self.types[kind.name.lower()] = kind
        self.sdgs = {str(goal.number): goal for goal in SdgGoal.objects.all()}
        self.cepa = {str(p.number): p for p in CepaPrinciple.objects.all()}
        self.officers = {u.email.lower(): u for u in User.objects.filter(is_active=True)}


def _many(
    values: dict, text: str, report: ImportReport, row: int, column: str, *, prefix: str = ""
) -> list:
    """The items named in `text`; `prefix` may come before each (SDGs: "SDG 5")."""
    found = []
    for part in _split(text):
        item = values.get(part.lower().removeprefix(prefix).strip())
        if item is None:
            report.add(row, column, _("Unknown value “%(value)s”.") % {"value": part})
        else:
            found.append(item)
    return found


def _check_row(values: dict[str, str], number: int, lookups: _Lookups, report: ImportReport):
    """The row as model values, or None if it has errors (added to `report`)."""
    errors_before = len(report.errors)
    data: dict[str, Any] = {}
    reference = values["reference"].strip().upper()
    if not REFERENCE_RE.match(reference):
        report.add(number, "reference", _("Write the reference as REQ-YYYY-NNNN."))
    data["reference"] = reference
    country_text = values["country"].strip()
    country = lookups.countries.get(country_text.lower())
    if not country_text:
        report.add(number, "country", _("A country is required."))
    elif country is None:
        report.add(number, "country", _("Unknown country “%(value)s”.") % {"value": country_text})
    data["country"] = country
    data["title"] = values["title"].strip()
    if not data["title"]:
        report.add(number, "title", _("A title is required."))
    elif len(data["title"]) > 255:
        report.add(number, "title", _("The title is longer than 255 characters."))
    today = timezone.localdate()
    for column in ("received_on", "due_on", "first_response_on", "completed_on"):
        text = values.get(column, "").strip()
        if not text:
            if column == "received_on":
                report.add(number, column, _("A date is required."))
            data[column] = None
            continue
        try:
            data[column] = parse_date(text)
        except ValueError:
            report.add(
                number, column, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": text}
            )
            data[column] = None
    received = data["received_on"]
    if received and received > today:
        report.add(number, "received_on", _("The date received is in the future."))
    for column in ("first_response_on", "completed_on"):
        if received and data[column] and data[column] < received:
            report.add(number, column, _("This date is before the date received."))
    for column, choices, default in (
        ("channel", SupportRequest.Channel.choices, SupportRequest.Channel.EMAIL),
        ("priority", SupportRequest.Priority.choices, SupportRequest.Priority.NORMAL),
        ("status", STATUS.choices, STATUS.RECEIVED),
    ):
        text = values.get(column, "").strip()
        data[column] = _choice(text, choices) if text else default
        if data[column] is None:
            report.add(number, column, _("Unknown value “%(value)s”.") % {"value": text})
    officer_email = values.get("assigned_officer", "").strip().lower()
    data["assigned_officer"] = None
    if officer_email:
        data["assigned_officer"] = lookups.officers.get(officer_email)
        if data["assigned_officer"] is None:
            report.add(number, "assigned_officer", _("No active user has this e-mail address."))
    data["support_types"] = _many(
        lookups.types, values.get("support_types", ""), report, number, "support_types"
    )
    data["themes"] = _many(lookups.themes, values.get("themes", ""), report, number, "themes")
    data["sdgs"] = _many(lookups.sdgs, values.get("sdgs", ""), report, number, "sdgs", prefix="sdg")
    data["cepa_principles"] = _many(
        lookups.cepa, values.get("cepa_principles", ""), report, number, "cepa_principles"
    )
    for column in ("requesting_organisation", "description", "partner_entities", "outcome"):
        data[column] = values.get(column, "").strip()
    for column in ("requesting_organisation", "partner_entities"):
        if len(data[column]) > 255:
            report.add(number, column, _("This is longer than 255 characters."))
    return data if len(report.errors) == errors_before else None


DETAIL_FIELDS = [
    "country",
    "title",
    "received_on",
    "requesting_organisation",
    "channel",
    "description",
    "priority",
    "assigned_officer",
    "partner_entities",
    "due_on",
    "outcome",
]
M2M = ["support_types", "themes", "sdgs", "cepa_principles"]


def _at(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _create(data: dict, user) -> None:
    status = data["status"]
    received = data["received_on"]
    first = data["first_response_on"] if status != STATUS.RECEIVED else None
    completed = data["completed_on"] if status in {STATUS.COMPLETED, STATUS.CLOSED} else None
    request = SupportRequest(
        reference=data["reference"],
        year=received.year,
        status=status,
        submitted_by=user,
        first_response_at=_at(first),
        days_to_first_response=(first - received).days if first else None,
        completed_at=_at(completed),
        days_to_completion=(completed - received).days if completed else None,
        closed_at=_at(completed) if status == STATUS.CLOSED else None,
        **{field: data[field] for field in DETAIL_FIELDS},
    )
    request._history_user = user  # type: ignore[attr-defined]
    request.save()
    for field in M2M:
        getattr(request, field).set(data[field])
    StatusChange.objects.create(
        request=request,
        from_status="",
        to_status=status,
        changed_by=user,
        changed_at=timezone.now(),
        note=_("Imported"),
    )


def _update(request: SupportRequest, data: dict, user) -> bool:
    """Bring a request's details in line with the row; True if anything changed."""
    changed = False
    for field in DETAIL_FIELDS:
        if getattr(request, field) != data[field]:
            setattr(request, field, data[field])
            changed = True
    if changed:
        request.year = request.received_on.year
        request._history_user = user  # type: ignore[attr-defined]
        request.save()
    for field in M2M:
        wanted = {item.pk for item in data[field]}
        if {item.pk for item in getattr(request, field).all()} != wanted:
            getattr(request, field).set(wanted)
            changed = True
    return changed


def requests_import(*, user, file) -> ImportReport:
    """Check every row of `file`, then write all of them in one transaction, or none."""
    if not can_manage_requests(user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    rows = read_table(file, required=REQUIRED, optional=OPTIONAL)
    report = ImportReport()
    lookups = _Lookups()
    checked: list[dict] = []
    seen: dict[str, int] = {}
    for row in rows:
        data = _check_row(row.values, row.number, lookups, report)
        reference = row.values["reference"].strip().upper()
        if reference in seen:
            report.add(
                row.number,
                "reference",
                _("This reference is already used in row %(row)d.") % {"row": seen[reference]},
            )
            continue
        seen[reference] = row.number
        if data is not None:
            checked.append(data)
    if not report.ok:
        return report
    existing = {
        r.reference: r
        for r in SupportRequest.objects.filter(reference__in=seen).prefetch_related(*M2M)
    }
    with transaction.atomic():
        for data in checked:
            request = existing.get(data["reference"])
            if request is None:
                _create(data, user)
                report.created += 1
            elif _update(request, data, user):
                report.updated += 1
            else:
                report.unchanged += 1
    return report


def _join(items: Iterable, attribute: str) -> str:
    return "; ".join(str(getattr(item, attribute)) for item in items)


def export_rows(requests) -> Iterator[list]:
    """The rows of an export: the import's columns, so an export can be imported again."""
    requests = requests.select_related("country", "assigned_officer").prefetch_related(*M2M)
    for r in requests.iterator(chunk_size=2000):
        yield [
            r.reference,
            r.country.iso3,
            r.title,
            r.received_on,
            r.requesting_organisation,
            r.channel,
            r.description,
            _join(r.support_types.all(), "slug"),
            _join(r.themes.all(), "slug"),
            _join(r.sdgs.all(), "number"),
            _join(r.cepa_principles.all(), "number"),
            r.priority,
            r.status,
            r.assigned_officer.email if r.assigned_officer else "",
            r.partner_entities,
            r.due_on,
            timezone.localdate(r.first_response_at) if r.first_response_at else None,
            timezone.localdate(r.completed_at) if r.completed_at else None,
            r.outcome,
        ]


__all__ = ["COLUMNS", "export_rows", "parse_date", "requests_import"]
