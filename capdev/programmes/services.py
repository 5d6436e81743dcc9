"""Writes to projects, activities, participation and feedback."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from capdev.core.models import Country
from capdev.core.selectors import countries_by_any_name
from capdev.core.tabular import ImportReport, Row, read_table
from capdev.programmes.models import (
    Activity,
    Feedback,
    HeadCount,
    Participation,
    Person,
    Project,
    Sex,
)

# --- Projects and activities ---------------------------------------------------


def _set_many(instance, many: dict[str, Iterable[Any] | None]) -> None:
    for name, values in many.items():
        if values is not None:
            getattr(instance, name).set(values)


@transaction.atomic
def project_save(
    *, project: Project | None = None, many: dict[str, Iterable[Any] | None] | None = None, **fields
) -> Project:
    """Create a project, or update `project`, with its fields and many-to-many relations."""
    project = project or Project()
    for name, value in fields.items():
        setattr(project, name, value)
    if project.start_date and project.end_date and project.end_date < project.start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    project.full_clean(exclude=["code"] if project.pk else None)
    project.save()
    _set_many(project, many or {})
    return project


@transaction.atomic
def activity_save(
    *,
    activity: Activity | None = None,
    many: dict[str, Iterable[Any] | None] | None = None,
    **fields,
) -> Activity:
    """Create an activity, or update `activity`, with its fields and many-to-many relations."""
    activity = activity or Activity()
    for name, value in fields.items():
        setattr(activity, name, value)
    if activity.start_date and activity.end_date and activity.end_date < activity.start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    activity.full_clean()
    activity.save()
    _set_many(activity, many or {})
    return activity


# --- Participants -------------------------------------------------------------


@transaction.atomic
def person_upsert(
    *,
    email: str,
    first_name: str = "",
    last_name: str = "",
    sex: str = "",
    country: Country | None = None,
) -> Person:
    """The person with `email` (case-insensitive), created or updated with what is given.

    Blank values never erase what is known. A person's sex is copied onto all
    their participations, so that figures by sex count each person once.
    """
    email = email.strip().lower()
    validate_email(email)
    person, created = Person.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "sex": sex or Sex.UNKNOWN,
            "country": country,
        },
    )
    if created:
        return person
    changed = []
    for name, value in (("first_name", first_name), ("last_name", last_name), ("sex", sex)):
        if value and getattr(person, name) != value:
            setattr(person, name, value)
            changed.append(name)
    if country is not None and person.country_id != country.pk:
        person.country = country
        changed.append("country")
    if changed:
        person.save(update_fields=changed)
    if "sex" in changed:
        Participation.objects.filter(person=person).update(sex=person.sex)
    return person


@transaction.atomic
def participant_register(
    *,
    activity: Activity,
    email: str,
    first_name: str = "",
    last_name: str = "",
    sex: str = "",
    country: Country | None = None,
    organisation: str = "",
    government_level: str = "",
    seniority: str = "",
    position: str = "",
    attended: bool = True,
) -> tuple[Participation, bool]:
    """Register a person for an activity; registering them again updates the record.

    Returns the participation and whether it was created.
    """
    person = person_upsert(
        email=email, first_name=first_name, last_name=last_name, sex=sex, country=country
    )
    participation, created = Participation.objects.update_or_create(
        activity=activity,
        person=person,
        defaults={
            "sex": person.sex,
            "country": country or person.country,
            "organisation": organisation,
            "government_level": government_level,
            "seniority": seniority,
            "position": position,
            "attended": attended,
        },
    )
    return participation, created


def participation_set_attended(*, participation: Participation, attended: bool) -> Participation:
    participation.attended = attended
    participation.save(update_fields=["attended"])
    return participation


def participation_remove(*, participation: Participation) -> None:
    participation.delete()


@transaction.atomic
def headcount_save(
    *,
    activity: Activity,
    headcount: HeadCount | None = None,
    country: Country | None = None,
    female: int = 0,
    male: int = 0,
    other: int = 0,
    unknown: int = 0,
    note: str = "",
) -> HeadCount:
    """Record (or correct) people known only by their number.

    A head-count adds to the activity's individual registrations: it must
    leave out anyone registered individually, or they would count twice.
    """
    headcount = headcount or HeadCount(activity=activity)
    headcount.activity = activity
    headcount.country = country
    headcount.female, headcount.male, headcount.other, headcount.unknown = (
        female,
        male,
        other,
        unknown,
    )
    headcount.note = note
    if headcount.total == 0:
        raise ValidationError(_("A head-count needs at least one person."))
    headcount.full_clean()
    headcount.save()
    return headcount


def headcount_delete(*, headcount: HeadCount) -> None:
    headcount.delete()


# Columns of the participant import, in the order of the template.
IMPORT_REQUIRED = ["email"]
IMPORT_OPTIONAL = [
    "first_name",
    "last_name",
    "sex",
    "country",
    "organisation",
    "government_level",
    "seniority",
    "position",
    "attended",
]
_TRUE = {"", "1", "yes", "y", "true", "x", "oui"}
_FALSE = {"0", "no", "n", "false", "non"}
_SEX_ALIASES = {
    "f": Sex.FEMALE,
    "female": Sex.FEMALE,
    "woman": Sex.FEMALE,
    "femme": Sex.FEMALE,
    "m": Sex.MALE,
    "male": Sex.MALE,
    "man": Sex.MALE,
    "homme": Sex.MALE,
    "other": Sex.OTHER,
    "autre": Sex.OTHER,
    "": Sex.UNKNOWN,
    "unknown": Sex.UNKNOWN,
}


def _choice(value: str, choices, report: ImportReport, row: Row, column: str) -> str:
    value = value.strip().lower()
    if not value:
        return ""
    for key, label in choices:
        if value in {key, str(label).lower()}:
            return key
    report.add(
        row.number,
        column,
        _("“%(value)s” is not one of: %(allowed)s")
        % {"value": value, "allowed": ", ".join(key for key, _label in choices)},
    )
    return ""


@dataclass
class _ParsedRow:
    number: int
    fields: dict[str, Any]


def _parse_row(row: Row, countries: dict[str, Country], report: ImportReport) -> _ParsedRow | None:
    values = row.values
    errors_before = len(report.errors)
    email = values["email"].strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        report.add(
            row.number, "email", _("“%(value)s” is not an e-mail address.") % {"value": email}
        )
    sex = _SEX_ALIASES.get(values["sex"].strip().lower())
    if sex is None:
        report.add(row.number, "sex", _("Use female, male, other or leave it blank."))
    country = None
    if values["country"].strip():
        country = countries.get(values["country"].strip().lower())
        if country is None:
            report.add(
                row.number,
                "country",
                _("Unknown country “%(value)s”: use its name or ISO code.")
                % {"value": values["country"]},
            )
    attended_text = values["attended"].strip().lower()
    if attended_text not in _TRUE | _FALSE:
        report.add(row.number, "attended", _("Use yes or no."))
    fields = {
        "email": email,
        "first_name": values["first_name"][:150],
        "last_name": values["last_name"][:150],
        "sex": sex or Sex.UNKNOWN,
        "country": country,
        "organisation": values["organisation"][:255],
        "government_level": _choice(
            values["government_level"],
            Participation.GovernmentLevel.choices,
            report,
            row,
            "government_level",
        ),
        "seniority": _choice(
            values["seniority"], Participation.Seniority.choices, report, row, "seniority"
        ),
        "position": values["position"][:200],
        "attended": attended_text not in _FALSE,
    }
    if len(report.errors) > errors_before:
        return None
    return _ParsedRow(row.number, fields)


def participants_import(*, activity: Activity, file) -> ImportReport:
    """Import participants from a CSV or XLSX file into `activity`.

    Every row is checked first; nothing is written unless every row is valid.
    Importing the same file again changes nothing (people are matched by e-mail).
    """
    report = ImportReport()
    rows = read_table(file, required=IMPORT_REQUIRED, optional=IMPORT_OPTIONAL)
    countries = countries_by_any_name()
    parsed: list[_ParsedRow] = []
    seen: dict[str, int] = {}
    for row in rows:
        item = _parse_row(row, countries, report)
        if item is None:
            continue
        email = item.fields["email"]
        if email in seen:
            report.add(
                row.number,
                "email",
                _("This e-mail address is already on row %(row)d.") % {"row": seen[email]},
            )
            continue
        seen[email] = row.number
        parsed.append(item)
    if not report.ok:
        return report
    existing = {
        p.person.email: p
        for p in Participation.objects.filter(activity=activity).select_related("person")
    }
    with transaction.atomic():
        for item in parsed:
            before = existing.get(item.fields["email"])
            if before is not None and _same(before, item.fields):
                report.unchanged += 1
                continue
            _participation, created = participant_register(activity=activity, **item.fields)
            if created:
                report.created += 1
            else:
                report.updated += 1
    return report


def _same(participation: Participation, fields: dict[str, Any]) -> bool:
    person = participation.person
    return (
        (not fields["first_name"] or person.first_name == fields["first_name"])
        and (not fields["last_name"] or person.last_name == fields["last_name"])
        and (fields["sex"] == Sex.UNKNOWN or person.sex == fields["sex"])
        and (fields["country"] is None or participation.country_id == fields["country"].pk)
        and participation.organisation == fields["organisation"]
        and participation.government_level == fields["government_level"]
        and participation.seniority == fields["seniority"]
        and participation.position == fields["position"]
        and participation.attended == fields["attended"]
    )


# --- Feedback -----------------------------------------------------------------


def feedback_submit(
    *,
    activity: Activity,
    author=None,
    relevance: int,
    quality: int,
    usefulness: int,
    comment: str = "",
    quote_name: str = "",
    quote_role: str = "",
    may_quote: bool = False,
) -> Feedback:
    """Record one response to an activity's post-event survey."""
    feedback = Feedback(
        activity=activity,
        author=author if author is not None and author.is_authenticated else None,
        relevance=relevance,
        quality=quality,
        usefulness=usefulness,
        comment=comment.strip(),
        quote_name=quote_name.strip(),
        quote_role=quote_role.strip(),
        may_quote=may_quote,
    )
    feedback.full_clean()
    feedback.save()
    return feedback


def feedback_feature(*, feedback: Feedback, featured: bool) -> Feedback:
    """Feature a quote in the Snapshot; only comments given with consent may be featured."""
    if featured and not (feedback.may_quote and feedback.comment):
        raise ValidationError(_("Only comments given with permission to quote can be featured."))
    feedback.is_featured = featured
    feedback.save(update_fields=["is_featured"])
    return feedback
