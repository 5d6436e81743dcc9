"""The areas of the platform, in the order the main navigation shows them."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Area:
    app: str
    url_name: str
    title: Promise
    summary: Promise


AREAS = [
    Area(
        "support",
        "support:index",
        _("Requests"),
        _("Member States' requests for support, their workflow and live insights."),
    ),
    Area(
        "programmes",
        "programmes:index",
        _("Programmes"),
        _("Projects, workshops and trainings, participants, results and the annual Snapshot."),
    ),
    Area(
        "learning",
        "learning:index",
        _("Learning"),
        _("Courses, self-assessments, completion tracking and certificates."),
    ),
    Area(
        "community", "community:index", _("Community"), _("Forums of the communities of practice.")
    ),
    Area(
        "library",
        "library:index",
        _("Library"),
        _("Country documents, action plans, toolkits and reports."),
    ),
    Area(
        "gender",
        "gender:index",
        _("Gender equality"),
        _("Workforce data by sex and grade, indicators and gender action plans."),
    ),
    Area(
        "assessments",
        "assessments:index",
        _("Assessments"),
        _("Benchmark self-assessments and cross-country comparison."),
    ),
    Area(
        "knowledge",
        "knowledge:index",
        pgettext_lazy("noun", "Search"),
        _("One search across documents, requests, activities and courses."),
    ),
    Area(
        "assistant",
        "assistant:index",
        _("Assistant"),
        _("Questions answered from the knowledge base, with citations."),
    ),
]
AREAS_BY_APP = {area.app: area for area in AREAS}
