"""Reads of frameworks and assessments, scoped to the user who asks.

Frameworks are public. An assessment is seen in full by the editors of its country
(its focal point, programme officers, admins); its validated results, once
published, are seen by everyone in comparisons, but never its answers or evidence.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Prefetch, Q, QuerySet

from capdev.accounts.scoping import has_global_scope, scope_by_country, scope_country_id
from capdev.assessments import scoring
from capdev.assessments.models import (
    Answer,
    Assessment,
    Criterion,
    Dimension,
    DimensionResult,
    Evidence,
    Framework,
)
from capdev.core.places import in_language, sort_key


def frameworks_current() -> QuerySet[Framework]:
    return Framework.objects.filter(is_current=True).order_by("title")


def framework_get(slug: str, version: int | None = None) -> Framework | None:
    frameworks = Framework.objects.filter(slug=slug)
    if version is None:
        return frameworks.filter(is_current=True).first()
    return frameworks.filter(version=version).first()


def framework_structure(framework: Framework) -> list[Dimension]:
    """Dimensions with their benchmarks and criteria, in three queries."""
    criteria = Criterion.objects.select_related("cepa_principle").order_by("position")
    return list(
        framework.dimensions.prefetch_related("benchmarks", Prefetch("criteria", queryset=criteria))
    )


def assessments_visible_to(
    user,
    *,
    framework_slug: str | None = None,
    country_iso3: str | None = None,
    year: int | None = None,
    status: str | None = None,
) -> QuerySet[Assessment]:
    assessments = scope_by_country(
        Assessment.objects.select_related("framework", "country", "organisation"), user
    )
    if framework_slug:
        assessments = assessments.filter(framework__slug=framework_slug)
    if country_iso3:
        assessments = assessments.filter(country__iso3=country_iso3.upper())
    if year:
        assessments = assessments.filter(year=year)
    if status:
        assessments = assessments.filter(status=status)
    return assessments


def assessment_get_for_user(user, pk: int) -> Assessment | None:
    return assessments_visible_to(user).filter(pk=pk).first()


def assessment_answers(assessment: Assessment) -> dict[int, Answer]:
    return {answer.criterion_id: answer for answer in assessment.answers.all()}


def assessment_evidence(assessment: Assessment) -> dict[int, list[Evidence]]:
    found: dict[int, list[Evidence]] = defaultdict(list)
    for evidence in assessment.evidence.all():
        found[evidence.criterion_id].append(evidence)
    return found


def assessment_results(assessment: Assessment) -> list[DimensionResult]:
    return list(assessment.results.select_related("dimension"))


def assessment_gaps(assessment: Assessment) -> list[tuple[Criterion, Answer]]:
    """Answered criteria scoring below the framework's gap threshold."""
    answers = (
        assessment.answers.filter(score__lt=assessment.framework.gap_threshold)
        .select_related("criterion__dimension", "criterion__benchmark")
        .order_by("criterion__position")
    )
    return [(answer.criterion, answer) for answer in answers]


def comparable_to(user) -> Q:
    """Assessments whose results `user` may compare: their scope, or published validated ones."""
    published = Q(status=Assessment.Status.VALIDATED, is_published=True)
    if has_global_scope(user):
        return Q()
    country_id = scope_country_id(user)
    if country_id is None:
        return published
    return published | Q(country_id=country_id)


@dataclass
class ComparisonRow:
    country: str
    iso3: str
    year: int
    assessments: int
    score: float | None
    level: str
    dimensions: list[float | None] = field(default_factory=list)


@dataclass
class Comparison:
    framework: Framework
    dimensions: list[Dimension]
    rows: list[ComparisonRow]

    @property
    def years(self) -> list[int]:
        return sorted({row.year for row in self.rows})

    @property
    def countries(self) -> list[str]:
        return sorted({row.country for row in self.rows}, key=sort_key)


def comparison(
    user,
    *,
    framework: Framework,
    countries: list[str] | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    include_unvalidated: bool = False,
) -> Comparison:
    """Mean scores per country and year, overall and per dimension, computed in SQL.

    Versions of one framework are compared by dimension code, so a country's 2023
    assessment on version 1 sits beside its 2025 one on version 2.
    """
    assessments = Assessment.objects.filter(comparable_to(user), framework__slug=framework.slug)
    if not include_unvalidated:
        assessments = assessments.filter(status=Assessment.Status.VALIDATED)
    elif not has_global_scope(user):
        # Beyond validated results, only one's own country's drafts may show.
        assessments = assessments.filter(
            Q(status=Assessment.Status.VALIDATED) | Q(country_id=scope_country_id(user))
        )
    if countries:
        assessments = assessments.filter(country__iso3__in=[c.upper() for c in countries])
    if year_from:
        assessments = assessments.filter(year__gte=year_from)
    if year_to:
        assessments = assessments.filter(year__lte=year_to)
    overall = (
        assessments.values("country__name", "country__name_fr", "country__iso3", "year")
        .annotate(mean=Avg("score"), count=Count("pk"))
        .order_by("country__name", "year")
    )
    per_dimension = (
        DimensionResult.objects.filter(assessment__in=assessments.values("pk"))
        .values("assessment__country__iso3", "assessment__year", "dimension__code")
        .annotate(mean=Avg("score"))
    )
    by_key = {
        (r["assessment__country__iso3"], r["assessment__year"], r["dimension__code"]): r["mean"]
        for r in per_dimension
    }
    dimensions = list(framework.dimensions.all())
    rows = []
    for r in overall:
        iso3, year = r["country__iso3"], r["year"]
        values = [_rounded(by_key.get((iso3, year, d.code))) for d in dimensions]
        score = _rounded(r["mean"])
        rows.append(
            ComparisonRow(
                country=in_language(r["country__name"], r["country__name_fr"]),
                iso3=iso3,
                year=year,
                assessments=r["count"],
                score=score,
                level=scoring.level_for(
                    framework.definition, score, [v for v in values if v is not None]
                ),
                dimensions=values,
            )
        )
    rows.sort(key=lambda row: (sort_key(row.country), row.year))  # as the reader spells them
    return Comparison(framework=framework, dimensions=dimensions, rows=rows)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
