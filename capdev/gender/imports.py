"""Spreadsheet imports: workforce data and action plans.

Both follow the platform's pattern (capdev.core.tabular): read every row, check every
cell into an `ImportReport`, and write only when the whole file is clean, in one
transaction. Importing the same file twice changes nothing the second time.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from capdev.accounts.scoping import can_see_country
from capdev.core.models import Country
from capdev.core.tabular import ImportReport, Row, TableError, read_table
from capdev.gender import services
from capdev.gender.models import GradeBand, GradeMapping, Institution, WorkforceRecord

WORKFORCE_REQUIRED = ["country", "institution", "year", "band", "women", "men"]
WORKFORCE_OPTIONAL = [
    "other",
    "total",
    "pay_basis",
    "pay_women",
    "pay_men",
    "recruited_women",
    "recruited_men",
    "promoted_women",
    "promoted_men",
    "trained_women",
    "trained_men",
]
WORKFORCE_COLUMNS = WORKFORCE_REQUIRED + WORKFORCE_OPTIONAL
_OPTIONAL_COUNTS = [c for c in services.COUNT_FIELDS if c not in {"women", "men", "other"}]


def workforce_template_rows() -> list[list]:
    """Example rows for the downloadable template."""
    return [
        [
            "LAO",
            "MOHA",
            2024,
            "decision_making",
            4,
            11,
            0,
            15,
            "mean",
            5200,
            5600,
            0,
            1,
            1,
            1,
            3,
            6,
        ],
        [
            "LAO",
            "MOHA",
            2024,
            "professional",
            120,
            98,
            2,
            220,
            "mean",
            2900,
            3050,
            14,
            9,
            6,
            5,
            40,
            31,
        ],
    ]


def _int(row: Row, column: str, report: ImportReport, *, required: bool) -> int | None:
    text = row.values.get(column, "").replace(" ", "")
    if text == "":
        if required:
            report.add(row.number, column, _("A number is required."))
        return None
    try:
        value = int(text)
    except ValueError:
        report.add(row.number, column, _("“%(value)s” is not a whole number.") % {"value": text})
        return None
    if value < 0:
        report.add(row.number, column, _("Must not be negative."))
        return None
    return value


def _decimal(row: Row, column: str, report: ImportReport) -> Decimal | None:
    text = row.values.get(column, "").replace(" ", "").replace(",", ".")
    if text == "":
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        report.add(row.number, column, _("“%(value)s” is not a number.") % {"value": text})
        return None
    if not value.is_finite() or value < 0:
        report.add(row.number, column, _("Must be a positive amount."))
        return None
    return value


class _Lookups:
    """Institutions and grade names the importing user may use, loaded once."""

    def __init__(self, user):
        self.user = user
        self.countries = {c.iso3: c for c in Country.objects.all()}
        self.institutions: dict[tuple[int, str], Institution] = {}
        for institution in Institution.objects.all():
            for key in (institution.name, institution.acronym):
                if key:
                    self.institutions[(institution.country_id, key.casefold())] = institution
        self.bands = {value: value for value in GradeBand.values}
        self.bands.update({str(label).casefold(): value for value, label in GradeBand.choices})
        self.mappings = {
            (m.country_id, m.local_grade.casefold()): m.band for m in GradeMapping.objects.all()
        }

    def band(self, country: Country | None, text: str) -> str | None:
        key = text.strip().casefold().replace(" ", "_")
        if key in self.bands:
            return self.bands[key]
        key = text.strip().casefold()
        if key in self.bands:
            return self.bands[key]
        if country is not None:
            return self.mappings.get((country.pk, key))
        return None


def _check_workforce_row(row: Row, lookups: _Lookups, report: ImportReport) -> dict | None:
    errors_before = len(report.errors)
    iso3 = row.values["country"].strip().upper()
    country = lookups.countries.get(iso3)
    if country is None:
        report.add(row.number, "country", _("Unknown country code “%(code)s”.") % {"code": iso3})
    elif not can_see_country(lookups.user, country.pk):
        report.add(row.number, "country", _("You may not import data for %(c)s.") % {"c": country})
        country = None
    institution = None
    name = row.values["institution"].strip()
    if country is not None:
        institution = lookups.institutions.get((country.pk, name.casefold()))
        if institution is None:
            report.add(
                row.number,
                "institution",
                _("No institution “%(name)s” in %(country)s; add it first.")
                % {"name": name, "country": country},
            )
    band = lookups.band(country, row.values["band"])
    if band is None:
        report.add(
            row.number,
            "band",
            _("Unknown grade band “%(band)s”: use %(bands)s or a mapped national grade.")
            % {"band": row.values["band"], "bands": ", ".join(GradeBand.values)},
        )
    year = _int(row, "year", report, required=True)
    values: dict = {
        "women": _int(row, "women", report, required=True),
        "men": _int(row, "men", report, required=True),
        "other": _int(row, "other", report, required=False) or 0,
    }
    total = _int(row, "total", report, required=False)
    for column in _OPTIONAL_COUNTS:
        values[column] = _int(row, column, report, required=False)
    values["pay_women"] = _decimal(row, "pay_women", report)
    values["pay_men"] = _decimal(row, "pay_men", report)
    basis = row.values.get("pay_basis", "").strip().lower() or WorkforceRecord.PayBasis.MEAN
    if basis not in WorkforceRecord.PayBasis.values:
        report.add(row.number, "pay_basis", _("Write “mean” or “median”."))
    values["pay_basis"] = basis
    if len(report.errors) > errors_before:
        return None
    staff = values["women"] + values["men"] + values["other"]
    if total is not None and total != staff:
        report.add(
            row.number,
            "total",
            _("The total %(total)s is not women + men + other (%(sum)s).")
            % {"total": total, "sum": staff},
        )
    for field, message in services.workforce_values_check({"year": year, **values}).items():
        report.add(row.number, field, message)
    if len(report.errors) > errors_before:
        return None
    return {"institution": institution, "year": year, "band": band, "values": values}


def workforce_import(*, user, file, illustrative: bool = False) -> ImportReport:
    """Check every row of a workforce spreadsheet; import all of it or nothing."""
    report = ImportReport()
    try:
        rows = read_table(file, required=WORKFORCE_REQUIRED, optional=WORKFORCE_OPTIONAL)
    except TableError as exc:
        report.add(0, None, str(exc))
        return report
    lookups = _Lookups(user)
    checked, seen = [], {}
    for row in rows:
        item = _check_workforce_row(row, lookups, report)
        if item is None:
            continue
        key = (item["institution"].pk, item["year"], item["band"])
        if key in seen:
            report.add(
                row.number,
                "band",
                _("Repeats row %(row)s for the same institution, year and band.")
                % {"row": seen[key]},
            )
            continue
        seen[key] = row.number
        checked.append(item)
    if not report.ok:
        return report
    _write_workforce(user, checked, report, illustrative)
    return report


@transaction.atomic
def _write_workforce(user, checked: Sequence[dict], report: ImportReport, illustrative: bool):
    existing = {
        (r.institution_id, r.year, r.band): r
        for r in WorkforceRecord.objects.filter(
            institution__in={item["institution"] for item in checked}
        )
    }
    for item in checked:
        values = {**item["values"], "illustrative": illustrative}
        current = existing.get((item["institution"].pk, item["year"], item["band"]))
        if current is not None and all(getattr(current, k) == v for k, v in values.items()):
            report.unchanged += 1
            continue
        _record, created = services.workforce_record_save(
            user=user,
            institution=item["institution"],
            year=item["year"],
            band=item["band"],
            **values,
        )
        if created:
            report.created += 1
        else:
            report.updated += 1


# Action plans: one sheet, one row per action, objectives named in a column.

PLAN_REQUIRED = ["objective", "action"]
PLAN_OPTIONAL = ["description", "responsible_unit", "start", "end", "budget", "currency", "status"]


def _date(row: Row, column: str, report: ImportReport) -> date | None:
    text = row.values.get(column, "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        report.add(row.number, column, _("Write dates as YYYY-MM-DD."))
        return None


def plan_import(*, user, plan, file) -> ImportReport:
    """Add the objectives and actions listed in a spreadsheet to a draft plan, all or nothing.

    Objectives are matched by title (created when new); an action already in the
    plan under the same objective and title is left unchanged.
    """
    from capdev.gender.models import Action

    report = ImportReport()
    try:
        rows = read_table(file, required=PLAN_REQUIRED, optional=PLAN_OPTIONAL)
    except TableError as exc:
        report.add(0, None, str(exc))
        return report
    statuses = {v: v for v in Action.Status.values}
    statuses.update({str(label).casefold(): v for v, label in Action.Status.choices})
    checked = []
    for row in rows:
        before = len(report.errors)
        objective, title = row.values["objective"].strip(), row.values["action"].strip()
        if not objective:
            report.add(row.number, "objective", _("Name the objective."))
        if not title:
            report.add(row.number, "action", _("Name the action."))
        start, end = _date(row, "start", report), _date(row, "end", report)
        if start and end and end < start:
            report.add(row.number, "end", _("The end cannot come before the start."))
        budget = _decimal(row, "budget", report)
        status_text = row.values.get("status", "").strip().casefold() or "planned"
        status = statuses.get(status_text.replace(" ", "_")) or statuses.get(status_text)
        if status is None:
            report.add(row.number, "status", _("Unknown status “%(s)s”.") % {"s": status_text})
        if len(report.errors) == before:
            checked.append((row, objective, title, start, end, budget, status))
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            _write_plan(user, plan, checked, report)
    except (services.PermissionDenied, services.ValidationError) as exc:
        message = getattr(exc, "messages", None) or [str(exc)]
        report.add(0, None, "; ".join(str(m) for m in message))
    return report


def _write_plan(user, plan, checked, report: ImportReport) -> None:
    objectives = {o.title.casefold(): o for o in plan.objectives.all()}
    existing = {(a.objective_id, a.title.casefold()) for a in plan.actions.all()}
    for row, objective_title, title, start, end, budget, status in checked:
        objective = objectives.get(objective_title.casefold())
        if objective is None:
            objective = services.objective_create(user=user, plan=plan, title=objective_title)
            objectives[objective_title.casefold()] = objective
        if (objective.pk, title.casefold()) in existing:
            report.unchanged += 1
            continue
        services.action_create(
            plan=plan,
            objective=objective,
            title=title,
            description=row.values.get("description", ""),
            responsible_unit=row.values.get("responsible_unit", ""),
            start_date=start,
            end_date=end,
            budget=budget,
            currency=row.values.get("currency", "") or "USD",
            status=status,
            user=user,
        )
        existing.add((objective.pk, title.casefold()))
        report.created += 1
