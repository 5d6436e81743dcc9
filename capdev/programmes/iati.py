"""IATI Activity Standard 2.03 export of projects (`iati-activities` XML).

Codes follow IATI's codelists (copies in the repository's shared data folder):
ActivityStatus, ActivityDateType, OrganisationRole, OrganisationType,
SectorVocabulary (1 = OECD DAC 5-digit, 7 = SDG goal), PolicyMarker (1 = gender
equality) with PolicySignificance, BudgetType/BudgetStatus and ResultType.

The reporting organisation comes from settings: CAPDEV_IATI_REPORTING_ORG (an IATI
organisation identifier), CAPDEV_IATI_REPORTING_ORG_NAME and
CAPDEV_IATI_REPORTING_ORG_TYPE. Their defaults are placeholders, to be replaced
before publishing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.utils import timezone
from lxml import etree

from capdev.core.models import Organisation
from capdev.programmes.models import Project, Result

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# DAC 5-digit sector 15110: public sector policy and administrative management.
DAC_PUBLIC_ADMINISTRATION = "15110"
STATUS_CODES = {
    Project.Status.PIPELINE: "1",
    Project.Status.ACTIVE: "2",
    Project.Status.FINALISATION: "3",
    Project.Status.CLOSED: "4",
    Project.Status.CANCELLED: "5",
    Project.Status.SUSPENDED: "6",
}
ORGANISATION_TYPES = {
    Organisation.Type.GOVERNMENT: "10",
    Organisation.Type.UN_ENTITY: "40",
    Organisation.Type.ACADEMIC: "80",
    Organisation.Type.OTHER: "90",
}
# UN gender equality marker (0-3) to the OECD DAC policy significance (0-2).
GENDER_SIGNIFICANCE = {0: "0", 1: "0", 2: "1", 3: "2"}


def reporting_org() -> dict[str, str]:
    return {
        "ref": getattr(settings, "CAPDEV_IATI_REPORTING_ORG", "XX-PLACEHOLDER-CAPDEV"),
        "name": getattr(
            settings, "CAPDEV_IATI_REPORTING_ORG_NAME", "Reporting organisation (placeholder)"
        ),
        "type": getattr(settings, "CAPDEV_IATI_REPORTING_ORG_TYPE", "40"),
    }


def _narrative(parent, tag: str, text: str, **attrs) -> etree._Element:
    element = etree.SubElement(parent, tag, **attrs)
    etree.SubElement(element, "narrative").text = text
    return element


def _organisation_type(organisation: Organisation) -> str:
    if organisation.type == Organisation.Type.DEVELOPMENT_PARTNER:
        # Bilateral partners named by country are governments.
        return "10" if organisation.country_id else "90"
    return ORGANISATION_TYPES.get(organisation.type, "90")


def split_percentages(count: int) -> list[Decimal]:
    """`count` shares of 100 with two decimals that add up to exactly 100."""
    if count == 0:
        return []
    share = (Decimal(100) / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    shares = [share] * count
    shares[0] += Decimal(100) - share * count
    return shares


def _budget_periods(start: datetime.date, end: datetime.date) -> list[tuple]:
    """Periods of at most a year (an IATI rule), split at each anniversary of the start."""
    periods = []
    current = start
    while current <= end:
        try:
            anniversary = current.replace(year=current.year + 1)
        except ValueError:  # 29 February
            anniversary = current.replace(year=current.year + 1, day=28)
        period_end = min(end, anniversary - datetime.timedelta(days=1))
        periods.append((current, period_end))
        current = period_end + datetime.timedelta(days=1)
    return periods


def _budgets(activity, project: Project) -> None:
    if project.budget is None or not (project.start_date and project.end_date):
        return
    periods = _budget_periods(project.start_date, project.end_date)
    total_days = sum((end - start).days + 1 for start, end in periods)
    remaining = project.budget
    for index, (start, end) in enumerate(periods):
        if index == len(periods) - 1:
            value = remaining
        else:
            value = (project.budget * ((end - start).days + 1) / total_days).quantize(
                Decimal("0.01")
            )
            remaining -= value
        budget = etree.SubElement(activity, "budget", type="1", status="1")
        etree.SubElement(budget, "period-start", **{"iso-date": start.isoformat()})
        etree.SubElement(budget, "period-end", **{"iso-date": end.isoformat()})
        etree.SubElement(
            budget,
            "value",
            currency=project.currency,
            **{"value-date": project.start_date.isoformat()},
        ).text = f"{value:.2f}"


def _result(activity, result: Result) -> None:
    element = etree.SubElement(activity, "result", type=result.type)
    _narrative(element, "title", result.title)
    if result.description:
        _narrative(element, "description", result.description)
    indicator = etree.SubElement(element, "indicator", measure="1")
    _narrative(indicator, "title", result.indicator or result.title)
    if result.target_value is not None or result.actual_value is not None:
        period = etree.SubElement(indicator, "period")
        etree.SubElement(period, "period-start", **{"iso-date": f"{result.year}-01-01"})
        etree.SubElement(period, "period-end", **{"iso-date": f"{result.year}-12-31"})
        if result.target_value is not None:
            etree.SubElement(period, "target", value=f"{result.target_value.normalize():f}")
        if result.actual_value is not None:
            etree.SubElement(period, "actual", value=f"{result.actual_value.normalize():f}")


def _activity_element(root, project: Project, org: dict[str, str], today: datetime.date) -> None:
    activity = etree.SubElement(
        root,
        "iati-activity",
        **{
            "last-updated-datetime": project.updated_at.replace(microsecond=0).isoformat(),
            XML_LANG: "en",
            "default-currency": project.currency,
        },
    )
    etree.SubElement(activity, "iati-identifier").text = f"{org['ref']}-{project.code}"
    _narrative(activity, "reporting-org", org["name"], ref=org["ref"], type=org["type"])
    _narrative(activity, "title", project.title)
    _narrative(activity, "description", project.summary or project.title, type="1")
    if project.objectives:
        _narrative(activity, "description", project.objectives, type="2")

    for donor in project.donors.all():
        _narrative(
            activity, "participating-org", donor.name, role="1", type=_organisation_type(donor)
        )
    _narrative(
        activity, "participating-org", org["name"], ref=org["ref"], role="2", type=org["type"]
    )
    _narrative(
        activity, "participating-org", org["name"], ref=org["ref"], role="4", type=org["type"]
    )
    for partner in project.partners.all():
        _narrative(
            activity,
            "participating-org",
            partner.name,
            role="4",
            type=_organisation_type(partner),
        )

    etree.SubElement(activity, "activity-status", code=STATUS_CODES[project.status])
    if project.start_date:
        etree.SubElement(
            activity, "activity-date", type="1", **{"iso-date": project.start_date.isoformat()}
        )
        if project.start_date <= today and project.status != Project.Status.PIPELINE:
            etree.SubElement(
                activity, "activity-date", type="2", **{"iso-date": project.start_date.isoformat()}
            )
    if project.end_date:
        etree.SubElement(
            activity, "activity-date", type="3", **{"iso-date": project.end_date.isoformat()}
        )
        if project.status == Project.Status.CLOSED:
            etree.SubElement(
                activity, "activity-date", type="4", **{"iso-date": project.end_date.isoformat()}
            )
    if not (project.start_date or project.end_date):
        # activity-date is required: fall back to the record's creation as planned start.
        etree.SubElement(
            activity,
            "activity-date",
            type="1",
            **{"iso-date": project.created_at.date().isoformat()},
        )

    countries = list(project.target_countries.all())
    for country, share in zip(countries, split_percentages(len(countries)), strict=True):
        etree.SubElement(activity, "recipient-country", code=country.iso2, percentage=str(share))

    etree.SubElement(
        activity, "sector", vocabulary="1", code=DAC_PUBLIC_ADMINISTRATION, percentage="100"
    )
    goals = list(project.sdgs.all())
    for goal, share in zip(goals, split_percentages(len(goals)), strict=True):
        etree.SubElement(
            activity, "sector", vocabulary="7", code=str(goal.number), percentage=str(share)
        )

    etree.SubElement(
        activity,
        "policy-marker",
        vocabulary="1",
        code="1",
        significance=GENDER_SIGNIFICANCE[project.gender_marker],
    )
    _budgets(activity, project)
    for result in project.results.all():
        _result(activity, result)


def iati_activities_xml(projects: Iterable[Project]) -> bytes:
    """The projects as an IATI 2.03 `iati-activities` document (UTF-8 bytes)."""
    org = reporting_org()
    now = timezone.now().replace(microsecond=0)
    root = etree.Element(
        "iati-activities", version="2.03", **{"generated-datetime": now.isoformat()}
    )
    if hasattr(projects, "prefetch_related"):
        projects = projects.prefetch_related(
            "donors", "partners", "target_countries", "sdgs", "results"
        )
    for project in projects:
        _activity_element(root, project, org, now.date())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
