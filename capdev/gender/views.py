"""Pages of the gender area. Thin: parse a form, call a service or selector, render."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from capdev.accounts.decorators import permission_required
from capdev.accounts.scoping import scope_country_id
from capdev.core.charts import Chart, Series
from capdev.core.models import Country
from capdev.core.places import place_name
from capdev.core.tabular import export_response
from capdev.gender import forms, imports, metrics, selectors, services
from capdev.gender.indicators import INDICATORS, INDICATORS_BY_CODE
from capdev.gender.models import GradeBand, WorkforceRecord

EXPORT_COLUMNS = [
    "country",
    "country_name",
    "level",
    "institution",
    "year",
    "women",
    "men",
    "other",
    "total",
    *metrics.INDICATOR_CODES,
    "illustrative",
]


def _error_messages(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def _export(rows, name, fmt):
    data = (
        [round(r[c], 2) if isinstance(r[c], float) else r[c] for c in EXPORT_COLUMNS] for r in rows
    )
    return export_response(filename=name, headers=EXPORT_COLUMNS, rows=data, fmt=fmt)


def _visible_countries(user):
    ids = metrics.visible_records(user).order_by().values("country_id")
    return Country.objects.filter(pk__in=ids)


# Dashboards


@require_safe
def index(request):
    """One country's indicators over the years, with the grade-band breakdown."""
    countries = list(_visible_countries(request.user))
    own = scope_country_id(request.user)
    default = next(
        (c.iso3 for c in countries if c.pk == own), countries[0].iso3 if countries else ""
    )
    form = forms.DashboardFilterForm(request.GET or None, countries=countries)
    filters = form.cleaned_data if form.is_valid() else {}
    iso3 = filters.get("country") or default
    level = filters.get("level") or "country"
    rows = []
    if iso3:
        rows = metrics.indicator_rows(
            request.user,
            level=level,
            countries=[iso3],
            sector=filters.get("sector", ""),
            band=filters.get("band", ""),
        )
    fmt = request.GET.get("export")
    if fmt in {"csv", "xlsx"}:
        return _export(rows, f"gender-indicators-{iso3.lower()}", fmt)
    years = [str(r["year"]) for r in rows]
    trend = Chart(
        _("Share of women, overall and in decision-making positions (%)"),
        years,
        [
            Series(_("Overall"), [r["women_share"] for r in rows]),
            Series(_("Decision-making"), [r["women_share_decision"] for r in rows]),
        ],
        unit="%",
        kind="line",
    )
    latest = rows[-1] if rows else None
    bands = (
        metrics.band_breakdown(request.user, country=iso3, year=latest["year"], level=level)
        if latest
        else []
    )
    band_chart = Chart(
        _("Share of women by grade band (%)"),
        [str(b["label"]) for b in bands],
        [Series(_("Women"), [b["women_share"] for b in bands])],
        unit="%",
        kind="hbar",
    )
    table = [(indicator, [r[indicator.code] for r in rows]) for indicator in INDICATORS]
    return render(
        request,
        "gender/index.html",
        {
            "form": form,
            "country": next((c for c in countries if c.iso3 == iso3), None),
            "rows": rows,
            "years": years,
            "table": table,
            "trend": trend,
            "band_chart": band_chart,
            "bands": bands,
            "latest": latest,
            "illustrative": any(r["illustrative"] for r in rows),
        },
    )


@require_safe
def compare(request):
    """Every visible country side by side for one year."""
    years = metrics.available_years(request.user)
    form = forms.CompareFilterForm(request.GET or None, years=years)
    filters = form.cleaned_data if form.is_valid() else {}
    year = filters.get("year") or (years[0] if years else None)
    code = filters.get("indicator") or "women_share_decision"
    rows = []
    if year:
        rows = metrics.indicator_rows(
            request.user,
            level=filters.get("level") or "country",
            years=[year],
            sector=filters.get("sector", ""),
            band=filters.get("band", ""),
        )
    fmt = request.GET.get("export")
    if fmt in {"csv", "xlsx"}:
        return _export(rows, f"gender-comparison-{year}", fmt)
    indicator = INDICATORS_BY_CODE[code]
    chart = Chart(
        f"{indicator.label}, {year}",
        [place_name(r["country_name"]) for r in rows],
        [Series(str(indicator.label), [r[code] for r in rows])],
        unit=indicator.unit,
        kind="hbar",
    )
    return render(
        request,
        "gender/compare.html",
        {
            "form": form,
            "rows": rows,
            "year": year,
            "chart": chart,
            "indicators": INDICATORS,
            "illustrative": any(r["illustrative"] for r in rows),
        },
    )


# Institutions and workforce records


@require_safe
@permission_required("gender.view_institution")
def institutions(request):
    form = forms.InstitutionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.institutions_visible_to(
        request.user,
        level=filters.get("level", ""),
        sector=filters.get("sector", ""),
        search=filters.get("q", ""),
    )
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(request, "gender/institutions.html", {"form": form, "page": page})


@require_http_methods(["GET", "POST"])
@permission_required("gender.add_institution")
def institution_create(request):
    form = forms.InstitutionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            institution = services.institution_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The institution has been added."))
            return redirect("gender:institution", pk=institution.pk)
    return render(request, "gender/form.html", {"form": form, "title": _("Add an institution")})


@require_safe
@permission_required("gender.view_institution")
def institution_detail(request, pk: int):
    institution = selectors.institution_get_for_user(request.user, pk)
    records = selectors.workforce_records_of(request.user, institution)
    rows = metrics.indicator_rows(request.user, level="institution", institution_id=institution.pk)
    table = [(indicator, [r[indicator.code] for r in rows]) for indicator in INDICATORS]
    return render(
        request,
        "gender/institution.html",
        {
            "institution": institution,
            "records": records,
            "years": [r["year"] for r in rows],
            "table": table,
            "can_edit": request.user.has_perm("gender.change_workforcerecord"),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("gender.change_workforcerecord")
def record_edit(request, pk: int, record_id: int | None = None):
    institution = selectors.institution_get_for_user(request.user, pk)
    record = None
    if record_id is not None:
        record = get_object_or_404(WorkforceRecord, pk=record_id, institution=institution)
    form = forms.WorkforceRecordForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        year, band = data.pop("year"), data.pop("band")
        try:
            services.workforce_record_save(
                user=request.user, institution=institution, year=year, band=band, **data
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The workforce figures have been saved."))
            return redirect("gender:institution", pk=institution.pk)
    title = _("Workforce figures of %(institution)s") % {"institution": institution}
    return render(request, "gender/form.html", {"form": form, "title": title})


@require_http_methods(["GET", "POST"])
@permission_required("gender.change_workforcerecord")
def workforce_import(request):
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = imports.workforce_import(user=request.user, file=form.cleaned_data["file"])
        if report.ok:
            messages.success(
                request,
                _("Imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                },
            )
            return redirect("gender:index")
    return render(
        request,
        "gender/import.html",
        {"form": form, "report": report, "columns": imports.WORKFORCE_COLUMNS, "bands": GradeBand},
    )


@require_safe
@login_required
def workforce_template(request):
    fmt = request.GET.get("format", "xlsx")
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    return export_response(
        filename="workforce-template",
        headers=imports.WORKFORCE_COLUMNS,
        rows=imports.workforce_template_rows(),
        fmt=fmt,
    )


@require_http_methods(["GET", "POST"])
@permission_required("gender.validate_actionplan")
def publish(request):
    form = forms.PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.year_publish(user=request.user, **form.cleaned_data)
        messages.success(request, _("Publication updated."))
        return redirect("gender:publish")
    from capdev.gender.models import PublishedYear

    published = PublishedYear.objects.select_related("country", "published_by")
    return render(request, "gender/publish.html", {"form": form, "published": published})


# Action plans


@require_safe
def plans(request):
    found = selectors.plans_visible_to(request.user, status=request.GET.get("status", ""))
    return render(
        request,
        "gender/plans.html",
        {
            "plans": found,
            "can_add": request.user.has_perm("gender.add_actionplan"),
            "statuses": services.Status.choices,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("gender.add_actionplan")
def plan_create(request):
    form = forms.PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(user=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, str(exc) if isinstance(exc, PermissionDenied) else exc)
        else:
            messages.success(request, _("The draft plan has been created."))
            return redirect("gender:plan", pk=plan.pk)
    return render(request, "gender/form.html", {"form": form, "title": _("New action plan")})


def _timeline(plan, actions):
    start, end = date(plan.start_year, 1, 1), date(plan.end_year, 12, 31)
    span = (end - start).days or 1
    bars = []
    for action in actions:
        if not action.start_date:
            bars.append((action, None, None))
            continue
        first = max(action.start_date, start)
        last = min(action.end_date or action.start_date, end)
        left = max(0.0, (first - start).days / span * 100)
        width = max(1.0, (last - first).days / span * 100)
        bars.append((action, round(left, 1), round(min(width, 100 - left), 1)))
    return {
        "bars": bars,
        "years": list(range(plan.start_year, plan.end_year + 1)),
    }


def _plan_page(request, plan, status=200, **bound):
    editable = services.plan_can_edit(request.user, plan)
    content = editable and plan.status in services.CONTENT_EDITABLE
    actions = list(selectors.plan_actions(plan))
    context = {
        "plan": plan,
        "objectives": plan.objectives.prefetch_related("actions"),
        "unassigned": [a for a in actions if a.objective_id is None],
        "targets": metrics.target_statuses(request.user, plan),
        "reports": plan.reports.select_related("author"),
        "timeline": _timeline(plan, actions),
        "history": plan.history.select_related("history_user")[:20],
        "editable": editable,
        "content_editable": content,
        "transitions": [
            (value, label)
            for value, label in services.Status.choices
            if value in services.plan_allowed_transitions(request.user, plan)
        ],
        "objective_form": bound.get("objective_form") or forms.ObjectiveForm(),
        "action_form": bound.get("action_form") or forms.ActionForm(plan=plan),
        "target_form": bound.get("target_form") or forms.TargetForm(plan=plan),
        "report_form": bound.get("report_form") or forms.ProgressReportForm(),
        "upload_form": forms.UploadForm(),
        "import_report": bound.get("import_report"),
        "indicators": INDICATORS_BY_CODE,
    }
    return render(request, "gender/plan.html", context, status=status)


@require_safe
def plan_detail(request, pk: int):
    return _plan_page(request, selectors.plan_get_for_user(request.user, pk))


def _editable_plan(request, pk):
    plan = selectors.plan_get_for_user(request.user, pk)
    if not services.plan_can_edit(request.user, plan):
        raise PermissionDenied
    return plan


def _run(request, plan, function, form_name, form, **kwargs):
    """Call a service for a plan page form; show its errors on the form, else redirect."""
    try:
        function(user=request.user, plan=plan, **kwargs)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, _error_messages(exc))
        return _plan_page(request, plan, status=400, **{form_name: form})
    messages.success(request, _("Saved."))
    return redirect("gender:plan", pk=plan.pk)


@require_POST
@login_required
def plan_transition(request, pk: int):
    plan = _editable_plan(request, pk)
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect("gender:plan", pk=plan.pk)
    try:
        services.plan_transition(user=request.user, plan=plan, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(_error_messages(exc)))
    else:
        messages.success(
            request,
            _("The plan is now %(status)s.") % {"status": plan.get_status_display().lower()},
        )
    return redirect("gender:plan", pk=plan.pk)


@require_POST
@login_required
def objective_add(request, pk: int):
    plan = _editable_plan(request, pk)
    form = forms.ObjectiveForm(request.POST)
    if not form.is_valid():
        return _plan_page(request, plan, status=400, objective_form=form)
    return _run(
        request, plan, services.objective_create, "objective_form", form, **form.cleaned_data
    )


@require_POST
@login_required
def action_add(request, pk: int):
    plan = _editable_plan(request, pk)
    form = forms.ActionForm(request.POST, plan=plan)
    if not form.is_valid():
        return _plan_page(request, plan, status=400, action_form=form)
    return _run(request, plan, services.action_create, "action_form", form, **form.cleaned_data)


@require_POST
@login_required
def action_progress(request, pk: int, action_id: int):
    plan = _editable_plan(request, pk)
    action = get_object_or_404(plan.actions, pk=action_id)
    form = forms.ActionProgressForm(request.POST, instance=action)
    if form.is_valid():
        services.action_update_progress(
            user=request.user,
            action=action,
            status=form.cleaned_data["status"],
            evidence=form.cleaned_data["evidence"],
        )
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Choose a valid status."))
    return redirect("gender:plan", pk=plan.pk)


@require_POST
@login_required
def target_add(request, pk: int):
    plan = _editable_plan(request, pk)
    form = forms.TargetForm(request.POST, plan=plan)
    if not form.is_valid():
        return _plan_page(request, plan, status=400, target_form=form)
    return _run(request, plan, services.target_create, "target_form", form, **form.cleaned_data)


@require_POST
@login_required
def report_add(request, pk: int):
    plan = _editable_plan(request, pk)
    form = forms.ProgressReportForm(request.POST)
    if not form.is_valid():
        return _plan_page(request, plan, status=400, report_form=form)
    return _run(
        request, plan, services.progress_report_create, "report_form", form, **form.cleaned_data
    )


@require_POST
@login_required
def plan_import(request, pk: int):
    plan = _editable_plan(request, pk)
    form = forms.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a spreadsheet to import."))
        return redirect("gender:plan", pk=plan.pk)
    report = imports.plan_import(user=request.user, plan=plan, file=form.cleaned_data["file"])
    if not report.ok:
        return _plan_page(request, plan, status=400, import_report=report)
    messages.success(
        request,
        _("Imported %(created)s actions (%(unchanged)s already in the plan).")
        % {"created": report.created, "unchanged": report.unchanged},
    )
    return redirect("gender:plan", pk=plan.pk)


@require_safe
@login_required
def plan_template(request):
    fmt = request.GET.get("format", "xlsx")
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    return export_response(
        filename="action-plan-template",
        headers=[*imports.PLAN_REQUIRED, *imports.PLAN_OPTIONAL],
        rows=[
            [
                "Equal pay",
                "Publish pay data by sex",
                "",
                "HR department",
                "2025-01-01",
                "2025-06-30",
                "5000",
                "USD",
                "planned",
            ],
        ],
        fmt=fmt,
    )
