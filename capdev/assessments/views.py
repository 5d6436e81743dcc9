from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from capdev.accounts.decorators import permission_required
from capdev.assessments import selectors, services
from capdev.assessments.charts import comparison_charts, dimension_chart
from capdev.assessments.forms import (
    AnswersForm,
    AssessmentCreateForm,
    ComparisonForm,
    EvidenceForm,
    ReviewForm,
)
from capdev.assessments.integrations import gap_action_create, gap_action_support
from capdev.assessments.models import Evidence
from capdev.core.tabular import export_response
from capdev.core.uploads import serve_file


def _assessment_or_404(request, pk: int):
    assessment = selectors.assessment_get_for_user(request.user, pk)
    if assessment is None:
        raise Http404
    return assessment


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@require_safe
def index(request):
    assessments = (
        selectors.assessments_visible_to(request.user)[:50] if request.user.is_authenticated else []
    )
    return render(
        request,
        "assessments/index.html",
        {
            "frameworks": selectors.frameworks_current(),
            "assessments": assessments,
            "can_create": request.user.has_perm("assessments.add_assessment"),
        },
    )


@require_safe
def framework_detail(request, slug: str):
    framework = selectors.framework_get(slug, request.GET.get("version") or None)
    if framework is None:
        raise Http404
    return render(
        request,
        "assessments/framework_detail.html",
        {"framework": framework, "dimensions": selectors.framework_structure(framework)},
    )


@require_http_methods(["GET", "POST"])
@permission_required("assessments.add_assessment")
def assessment_create(request):
    form = AssessmentCreateForm(request.POST or None, user=request.user, initial=request.GET)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("year", error)
        else:
            messages.success(request, _("The assessment has been created as a draft."))
            return redirect("assessments:detail", pk=assessment.pk)
    return render(request, "assessments/assessment_create.html", {"form": form})


def _structure(assessment, form, evidence):
    """Dimensions → benchmarks → rows of (criterion, answer field, comment field, files)."""
    structure = []
    for dimension in selectors.framework_structure(assessment.framework):
        benchmarks = []
        for benchmark in dimension.benchmarks.all():
            rows = [
                {
                    "criterion": criterion,
                    "answer": form[f"answer_{criterion.pk}"],
                    "comment": form[f"comment_{criterion.pk}"],
                    "evidence": evidence.get(criterion.pk, []),
                }
                for criterion in dimension.criteria.all()
                if criterion.benchmark_id == benchmark.pk
            ]
            benchmarks.append((benchmark, rows))
        structure.append((dimension, benchmarks))
    return structure


@login_required
@require_safe
def assessment_detail(request, pk: int):
    assessment = _assessment_or_404(request, pk)
    return _render_detail(request, assessment)


def _render_detail(request, assessment, *, form=None, evidence_form=None, review_form=None):
    answers = selectors.assessment_answers(assessment)
    criteria = list(assessment.framework.criteria.all())
    if form is None:
        initial = {}
        for criterion in criteria:
            answer = answers.get(criterion.pk)
            initial[f"answer_{criterion.pk}"] = answer.value if answer else ""
            initial[f"comment_{criterion.pk}"] = answer.comment if answer else ""
        form = AnswersForm(criteria=criteria, initial=initial)
    can_edit = services.can_edit(request.user, assessment) and assessment.is_editable
    results = selectors.assessment_results(assessment)
    gaps = selectors.assessment_gaps(assessment)
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "form": form,
            "structure": _structure(assessment, form, selectors.assessment_evidence(assessment)),
            "can_edit": can_edit,
            "can_review": services.can_review(request.user)
            and assessment.status == assessment.Status.SUBMITTED,
            "can_publish": request.user.has_perm("assessments.publish_assessment")
            and assessment.status == assessment.Status.VALIDATED,
            "evidence_form": evidence_form or EvidenceForm(assessment=assessment),
            "review_form": review_form or ReviewForm(),
            "results": results,
            "chart": dimension_chart(assessment, results),
            "level_label": assessment.framework.level_label(assessment.level),
            "gaps": gaps,
            "gap_actions": gap_action_support(request.user, assessment) if gaps else None,
            "events": assessment.events.select_related("actor"),
            "problems": services.submission_problems(assessment) if can_edit else [],
        },
    )


@login_required
@require_POST
def assessment_answers(request, pk: int):
    assessment = _assessment_or_404(request, pk)
    form = AnswersForm(request.POST, criteria=list(assessment.framework.criteria.all()))
    if not form.is_valid():
        messages.error(request, _("Some answers could not be read; check them below."))
        return _render_detail(request, assessment, form=form)
    try:
        changed = services.assessment_answer(
            user=request.user, assessment=assessment, answers=form.answers()
        )
    except PermissionDenied:
        raise
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Answers saved (%(count)d changed).") % {"count": changed})
    return redirect("assessments:detail", pk=assessment.pk)


@login_required
@require_POST
def evidence_upload(request, pk: int):
    assessment = _assessment_or_404(request, pk)
    form = EvidenceForm(request.POST, request.FILES, assessment=assessment)
    if form.is_valid():
        try:
            services.evidence_add(user=request.user, assessment=assessment, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The evidence has been attached."))
            return redirect("assessments:detail", pk=assessment.pk)
    messages.error(request, _("The evidence could not be attached; see the form below."))
    return _render_detail(request, assessment, evidence_form=form)


def _evidence_or_404(request, pk: int, evidence_id: int) -> Evidence:
    assessment = _assessment_or_404(request, pk)
    return get_object_or_404(assessment.evidence.select_related("assessment"), pk=evidence_id)


@login_required
@require_safe
def evidence_download(request, pk: int, evidence_id: int):
    evidence = _evidence_or_404(request, pk, evidence_id)
    return serve_file(request, evidence.file, filename=evidence.original_name)


@login_required
@require_POST
def evidence_delete(request, pk: int, evidence_id: int):
    evidence = _evidence_or_404(request, pk, evidence_id)
    try:
        services.evidence_delete(user=request.user, evidence=evidence)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The evidence has been removed."))
    return redirect("assessments:detail", pk=pk)


@login_required
@require_POST
def assessment_submit(request, pk: int):
    assessment = _assessment_or_404(request, pk)
    try:
        services.assessment_submit(
            user=request.user, assessment=assessment, comment=request.POST.get("comment", "")
        )
    except ValidationError as error:
        messages.error(request, _("The assessment cannot be submitted yet:"))
        _errors(request, error)
    else:
        messages.success(request, _("The assessment has been submitted for review."))
    return redirect("assessments:detail", pk=pk)


@login_required
@require_POST
def assessment_review(request, pk: int):
    assessment = _assessment_or_404(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, assessment, review_form=form)
    review = {
        "validate": services.assessment_validate,
        "return": services.assessment_return,
    }[form.cleaned_data["decision"]]
    try:
        review(user=request.user, assessment=assessment, comment=form.cleaned_data["comment"])
    except ValidationError as error:
        form.add_error("comment", error)
        return _render_detail(request, assessment, review_form=form)
    messages.success(request, _("Your review has been recorded."))
    return redirect("assessments:detail", pk=pk)


@login_required
@require_POST
def assessment_publish(request, pk: int):
    assessment = _assessment_or_404(request, pk)
    try:
        services.assessment_publish(
            user=request.user, assessment=assessment, published=request.POST.get("publish") == "1"
        )
    except ValidationError as error:
        _errors(request, error)
    return redirect("assessments:detail", pk=pk)


@login_required
@require_POST
def gap_action(request, pk: int, criterion_id: int):
    assessment = _assessment_or_404(request, pk)
    criterion = get_object_or_404(assessment.framework.criteria, pk=criterion_id)
    try:
        plan_id = int(request.POST.get("plan", ""))
    except ValueError:
        messages.error(request, _("Choose an action plan."))
        return redirect("assessments:detail", pk=pk)
    try:
        action = gap_action_create(
            user=request.user, assessment=assessment, criterion=criterion, plan_id=plan_id
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("The action “%(title)s” has been added to the plan “%(plan)s”.")
            % {"title": action.title, "plan": action.plan},
        )
    return redirect("assessments:detail", pk=pk)


@login_required
@require_safe
def assessment_export(request, pk: int):
    assessment = _assessment_or_404(request, pk)
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    answers = selectors.assessment_answers(assessment)
    rows = []
    for criterion in assessment.framework.criteria.select_related("dimension", "benchmark"):
        answer = answers.get(criterion.pk)
        rows.append(
            [
                criterion.dimension.code,
                criterion.benchmark.code,
                criterion.code,
                criterion.text,
                criterion.weight,
                answer.value if answer else "",
                answer.score if answer else None,
                answer.comment if answer else "",
            ]
        )
    return export_response(
        filename=f"assessment-{assessment.pk}",
        headers=[
            "dimension",
            "benchmark",
            "criterion",
            "text",
            "weight",
            "answer",
            "score",
            "comment",
        ],
        rows=rows,
        fmt=fmt,
    )


def _comparison(request):
    form = ComparisonForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    framework = data.get("framework") or selectors.frameworks_current().first()
    if framework is None:
        return form, None
    result = selectors.comparison(
        request.user,
        framework=framework,
        countries=form.country_codes() if form.is_valid() else None,
        year_from=data.get("year_from"),
        year_to=data.get("year_to"),
        include_unvalidated=bool(data.get("include_unvalidated")),
    )
    return form, result


@require_safe
def comparison(request):
    form, result = _comparison(request)
    fmt = request.GET.get("format")
    if result is not None and fmt in {"csv", "xlsx"}:
        headers = ["country", "iso3", "year", "assessments", "score", "level"]
        headers += [d.code for d in result.dimensions]
        rows = (
            [r.country, r.iso3, r.year, r.assessments, r.score, r.level, *r.dimensions]
            for r in result.rows
        )
        return export_response(
            filename=f"comparison-{result.framework.slug}", headers=headers, rows=rows, fmt=fmt
        )
    charts = comparison_charts(result) if result is not None else []
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "assessments/comparison.html",
        {"form": form, "result": result, "charts": charts, "query": query.urlencode()},
    )
