"""Every write to frameworks and assessments.

Workflow: draft → submitted → validated, or submitted → returned (with a comment)
→ submitted again. Only the country's editors (its focal point, programme
officers) change answers and evidence, and only while the assessment is a draft or
returned; only reviewers validate or return, and only submitted assessments.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from capdev.accounts.scoping import can_see_country, has_global_scope
from capdev.assessments import scoring
from capdev.assessments.models import (
    Answer,
    Assessment,
    Benchmark,
    Criterion,
    Dimension,
    DimensionResult,
    Evidence,
    Framework,
    ReviewEvent,
)
from capdev.assessments.schema import read_framework_file, validate_framework
from capdev.core.models import CepaPrinciple, Country, Organisation
from capdev.core.uploads import validate_upload

FRAMEWORKS_DIR = Path(__file__).resolve().parent / "frameworks"
Status = Assessment.Status


# Frameworks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadOutcome:
    slug: str
    version: int
    created: bool
    source: str


def framework_checksum(data: Mapping) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def cepa_numbers() -> set[int]:
    return set(CepaPrinciple.objects.values_list("number", flat=True))


@transaction.atomic
def framework_load(*, data: Mapping, source: str = "") -> LoadOutcome:
    """Load a parsed framework. Unchanged: nothing happens. Changed: a new version."""
    from capdev.assessments.schema import FrameworkInvalid

    problems = validate_framework(data, cepa_numbers=cepa_numbers())
    if problems:
        raise FrameworkInvalid(source or str(data.get("slug", "framework")), problems)
    slug = data["slug"]
    checksum = framework_checksum(data)
    latest = Framework.objects.select_for_update().filter(slug=slug).order_by("-version").first()
    if latest is not None and latest.checksum == checksum:
        return LoadOutcome(slug, latest.version, False, source)
    Framework.objects.filter(slug=slug, is_current=True).update(is_current=False)
    framework = Framework.objects.create(
        slug=slug,
        version=(latest.version + 1) if latest else 1,
        is_current=True,
        title=data["title"],
        title_fr=data.get("title_fr") or "",
        description=data.get("description") or "",
        description_fr=data.get("description_fr") or "",
        source=source[-255:],
        checksum=checksum,
        definition=json.loads(json.dumps(data)),
    )
    _create_structure(framework, data)
    return LoadOutcome(slug, framework.version, True, source)


def _create_structure(framework: Framework, data: Mapping) -> None:
    principles = dict(CepaPrinciple.objects.values_list("number", "pk"))
    position = 0
    criteria = []
    for d_index, d in enumerate(data["dimensions"]):
        dimension = Dimension.objects.create(
            framework=framework,
            code=str(d["code"]),
            position=d_index,
            weight=float(d.get("weight", 1)),
            title=d["title"],
            title_fr=d.get("title_fr") or "",
        )
        for b_index, b in enumerate(d["benchmarks"]):
            benchmark = Benchmark.objects.create(
                dimension=dimension,
                code=str(b["code"]),
                position=b_index,
                title=b["title"],
                title_fr=b.get("title_fr") or "",
            )
            for c in b["criteria"]:
                criteria.append(
                    Criterion(
                        framework=framework,
                        dimension=dimension,
                        benchmark=benchmark,
                        code=str(c["code"]),
                        position=position,
                        text=c["text"],
                        text_fr=c.get("text_fr") or "",
                        guidance=c.get("guidance") or "",
                        scale=str(c["scale"]),
                        weight=float(c.get("weight", 1)),
                        evidence=c.get("evidence", Criterion.Evidence.OPTIONAL),
                        cepa_principle_id=principles.get(c.get("cepa_principle")),
                    )
                )
                position += 1
    Criterion.objects.bulk_create(criteria)


def framework_paths(paths: Iterable[str | Path] = ()) -> list[Path]:
    """The YAML files named, or found in the directories named (default: those shipped)."""
    found: list[Path] = []
    for item in list(paths) or [FRAMEWORKS_DIR]:
        path = Path(item)
        if path.is_dir():
            found.extend(sorted([*path.rglob("*.yaml"), *path.rglob("*.yml")]))
        else:
            found.append(path)
    return found


def frameworks_load(*, paths: Iterable[str | Path] = ()) -> list[LoadOutcome]:
    """Load framework files; every file is checked before any is written."""
    known = cepa_numbers()
    parsed = [
        (path, read_framework_file(path, cepa_numbers=known)) for path in framework_paths(paths)
    ]
    with transaction.atomic():
        return [framework_load(data=data, source=str(path)) for path, data in parsed]


# Permissions -----------------------------------------------------------------------------


def can_edit(user, assessment: Assessment) -> bool:
    return (
        user.is_authenticated
        and user.has_perm("assessments.change_assessment")
        and can_see_country(user, assessment.country_id)
    )


def can_review(user) -> bool:
    return (
        user.is_authenticated
        and has_global_scope(user)
        and user.has_perm("assessments.review_assessment")
    )


def _require_editable(user, assessment: Assessment) -> None:
    if not can_edit(user, assessment):
        raise PermissionDenied
    if not assessment.is_editable:
        raise ValidationError(
            _("This assessment is %(status)s and can no longer be changed.")
            % {"status": assessment.get_status_display().lower()},
            code="locked",
        )


# Assessments -----------------------------------------------------------------------------


@transaction.atomic
def assessment_create(
    *,
    user,
    framework: Framework,
    country: Country,
    year: int,
    institution_name: str = "",
    organisation: Organisation | None = None,
) -> Assessment:
    if not user.has_perm("assessments.add_assessment") or not can_see_country(user, country.pk):
        raise PermissionDenied
    this_year = timezone.now().year
    if not 2000 <= year <= this_year + 1:
        raise ValidationError(
            _("The year must be between 2000 and %(max)d.") % {"max": this_year + 1},
            code="year",
        )
    assessment = Assessment.objects.create(
        framework=framework,
        country=country,
        year=year,
        institution_name=institution_name.strip(),
        organisation=organisation,
        created_by=user,
    )
    assessment_recompute(assessment=assessment)
    return assessment


@transaction.atomic
def assessment_answer(
    *, user, assessment: Assessment, answers: Mapping[str, tuple[str, str] | str]
) -> int:
    """Save answers by criterion code: value, or (value, comment). Empty value clears."""
    _require_editable(user, assessment)
    criteria = {c.code: c for c in assessment.framework.criteria.all()}
    scores = scoring.option_scores(assessment.framework.definition)
    existing = {a.criterion_id: a for a in assessment.answers.all()}
    changed = 0
    for code, answer in answers.items():
        value, comment = (answer, "") if isinstance(answer, str) else answer
        criterion = criteria.get(code)
        if criterion is None:
            raise ValidationError(
                _("Unknown criterion %(code)s.") % {"code": code}, code="criterion"
            )
        current = existing.get(criterion.pk)
        if not value:
            if current is not None:
                current.delete()
                changed += 1
            continue
        if value not in scores[criterion.scale]:
            raise ValidationError(
                _("%(value)s is not an answer to criterion %(code)s.")
                % {"value": value, "code": code},
                code="value",
            )
        score = scores[criterion.scale][value]
        comment = (comment or "").strip()
        if current is None:
            Answer.objects.create(
                assessment=assessment,
                criterion=criterion,
                value=value,
                score=score,
                comment=comment,
            )
            changed += 1
        elif (current.value, current.comment) != (value, comment):
            current.value, current.score, current.comment = value, score, comment
            current.save()
            changed += 1
    if changed:
        assessment_recompute(assessment=assessment)
    return changed


def assessment_recompute(*, assessment: Assessment) -> scoring.Result:
    """Store the score, level and dimension results that the answers give."""
    definition = assessment.framework.definition
    answers = dict(assessment.answers.values_list("criterion__code", "value"))
    result = scoring.score_answers(definition, answers)
    dimensions = dict(assessment.framework.dimensions.values_list("code", "pk"))
    DimensionResult.objects.filter(assessment=assessment).delete()
    DimensionResult.objects.bulk_create(
        DimensionResult(
            assessment=assessment,
            dimension_id=dimensions[d.code],
            score=d.score,
            answered=d.answered,
            total=d.total,
        )
        for d in result.dimensions
    )
    Assessment.objects.filter(pk=assessment.pk).update(
        score=result.score, level=result.level, answered=result.answered
    )
    assessment.score, assessment.level, assessment.answered = (
        result.score,
        result.level,
        result.answered,
    )
    return result


@transaction.atomic
def evidence_add(
    *, user, assessment: Assessment, criterion: Criterion, file, description: str = ""
) -> Evidence:
    _require_editable(user, assessment)
    if criterion.framework_id != assessment.framework_id:
        raise ValidationError(_("This criterion is not part of the assessment."), code="criterion")
    validate_upload(file, allowed=Evidence._meta.get_field("file").validators[0].allowed)
    name = str(getattr(file, "name", "evidence")).rsplit("/", 1)[-1][:255]
    return Evidence.objects.create(
        assessment=assessment,
        criterion=criterion,
        file=file,
        original_name=name,
        description=description.strip()[:255],
        uploaded_by=user,
    )


@transaction.atomic
def evidence_delete(*, user, evidence: Evidence) -> None:
    _require_editable(user, evidence.assessment)
    evidence.file.delete(save=False)
    evidence.delete()


def submission_problems(assessment: Assessment) -> list[str]:
    """What stops an assessment from being submitted: missing answers and evidence."""
    answered = set(assessment.answers.values_list("criterion_id", flat=True))
    with_evidence = set(assessment.evidence.values_list("criterion_id", flat=True))
    not_applicable = set(
        assessment.answers.filter(score__isnull=True).values_list("criterion_id", flat=True)
    )
    problems = []
    for criterion in assessment.framework.criteria.all():
        if criterion.pk not in answered:
            problems.append(_("%(code)s has no answer.") % {"code": criterion.code})
        elif (
            criterion.evidence == Criterion.Evidence.REQUIRED
            and criterion.pk not in with_evidence
            and criterion.pk not in not_applicable
        ):
            problems.append(_("%(code)s needs evidence.") % {"code": criterion.code})
    return problems


def _transition(assessment: Assessment, *, user, to: str, comment: str = "") -> Assessment:
    ReviewEvent.objects.create(
        assessment=assessment,
        actor=user,
        from_status=assessment.status,
        to_status=to,
        comment=comment,
    )
    assessment.status = to
    return assessment


@transaction.atomic
def assessment_submit(*, user, assessment: Assessment, comment: str = "") -> Assessment:
    _require_editable(user, assessment)
    problems = submission_problems(assessment)
    if problems:
        raise ValidationError(problems, code="incomplete")
    _transition(assessment, user=user, to=Status.SUBMITTED, comment=comment.strip())
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["status", "submitted_at"])
    return assessment


def _require_review(user, assessment: Assessment) -> None:
    if not can_review(user):
        raise PermissionDenied
    if assessment.status != Status.SUBMITTED:
        raise ValidationError(
            _("Only a submitted assessment can be reviewed; this one is %(status)s.")
            % {"status": assessment.get_status_display().lower()},
            code="not_submitted",
        )


@transaction.atomic
def assessment_validate(*, user, assessment: Assessment, comment: str = "") -> Assessment:
    _require_review(user, assessment)
    _transition(assessment, user=user, to=Status.VALIDATED, comment=comment.strip())
    assessment.reviewed_by, assessment.reviewed_at = user, timezone.now()
    assessment.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return assessment


@transaction.atomic
def assessment_return(*, user, assessment: Assessment, comment: str) -> Assessment:
    _require_review(user, assessment)
    if not comment.strip():
        raise ValidationError(
            _("Say what needs to change: a returned assessment needs a comment."), code="comment"
        )
    _transition(assessment, user=user, to=Status.RETURNED, comment=comment.strip())
    assessment.reviewed_by, assessment.reviewed_at = user, timezone.now()
    assessment.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return assessment


@transaction.atomic
def assessment_publish(*, user, assessment: Assessment, published: bool = True) -> Assessment:
    if not user.has_perm("assessments.publish_assessment") or not has_global_scope(user):
        raise PermissionDenied
    if published and assessment.status != Status.VALIDATED:
        raise ValidationError(_("Only validated results can be published."), code="not_validated")
    assessment.is_published = published
    assessment.save(update_fields=["is_published"])
    return assessment
