"""Read endpoints for assessment frameworks and assessments, scoped like the pages."""

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from capdev.assessments import selectors

router = Router(tags=["assessments"])


class LevelOut(Schema):
    code: str
    label: str
    min_score: float
    min_dimension_score: float | None = None


class CriterionOut(Schema):
    code: str
    text: str
    benchmark: str = Field(..., alias="benchmark.code")
    scale: str
    weight: float
    evidence: str
    cepa_principle: int | None = Field(None, alias="cepa_principle.number")


class DimensionOut(Schema):
    code: str
    title: str
    weight: float


class FrameworkOut(Schema):
    slug: str
    version: int
    title: str
    title_fr: str
    description: str
    is_current: bool
    levels: list[LevelOut]


class FrameworkDetailOut(FrameworkOut):
    scales: dict
    dimensions: list[DimensionOut]
    criteria: list[CriterionOut]


class DimensionResultOut(Schema):
    dimension: str = Field(..., alias="dimension.code")
    score: float | None
    answered: int
    total: int


class AssessmentOut(Schema):
    id: int
    framework: str = Field(..., alias="framework.slug")
    framework_version: int = Field(..., alias="framework.version")
    country: str = Field(..., alias="country.iso3")
    institution: str = Field(..., alias="institution_name")
    year: int
    status: str
    score: float | None
    level: str
    answered: int
    is_published: bool


class AnswerOut(Schema):
    criterion: str = Field(..., alias="criterion.code")
    value: str
    score: float | None
    comment: str


class AssessmentDetailOut(AssessmentOut):
    results: list[DimensionResultOut] = Field(..., alias="results_list")
    answers: list[AnswerOut] = Field(..., alias="answers_list")


class AssessmentFilters(Schema):
    framework: str | None = None
    country: str | None = None
    year: int | None = None
    status: str | None = None


@router.get("/assessment-frameworks", response=list[FrameworkOut], auth=None)
def list_frameworks(request):
    """The current version of every framework. Frameworks are public."""
    return list(selectors.frameworks_current())


@router.get("/assessment-frameworks/{slug}", response=FrameworkDetailOut, auth=None)
def get_framework(request, slug: str, version: int | None = None):
    """A framework's dimensions, criteria, scales and levels (current version by default)."""
    framework = selectors.framework_get(slug, version)
    if framework is None:
        raise HttpError(404, "No such framework.")
    return {
        "slug": framework.slug,
        "version": framework.version,
        "title": framework.title,
        "title_fr": framework.title_fr,
        "description": framework.description,
        "is_current": framework.is_current,
        "levels": framework.levels,
        "scales": framework.scales,
        "dimensions": list(framework.dimensions.all()),
        "criteria": list(framework.criteria.select_related("benchmark", "cepa_principle")),
    }


@router.get("/assessments", response=list[AssessmentOut])
@paginate(LimitOffsetPagination)
def list_assessments(request, filters: Query[AssessmentFilters]):
    """Assessments the caller may see: a focal point only their country's."""
    return selectors.assessments_visible_to(
        request.auth,
        framework_slug=filters.framework,
        country_iso3=filters.country,
        year=filters.year,
        status=filters.status,
    )


@router.get("/assessments/{assessment_id}", response=AssessmentDetailOut)
def get_assessment(request, assessment_id: int):
    """One assessment with its results per dimension and its answers."""
    assessment = selectors.assessment_get_for_user(request.auth, assessment_id)
    if assessment is None:
        raise HttpError(404, "No such assessment.")
    assessment.results_list = selectors.assessment_results(assessment)
    assessment.answers_list = list(assessment.answers.select_related("criterion"))
    return assessment
