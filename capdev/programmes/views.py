from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from capdev.accounts.decorators import permission_required
from capdev.accounts.scoping import has_global_scope
from capdev.core.tabular import TableError, export_response
from capdev.core.uploads import validate_upload
from capdev.programmes import selectors, services
from capdev.programmes.forms import (
    ActivityFilterForm,
    ActivityForm,
    FeedbackForm,
    HeadCountForm,
    ParticipantForm,
    ParticipantImportForm,
    ProjectFilterForm,
    ProjectForm,
    split_cleaned,
)
from capdev.programmes.models import Activity, Feedback, HeadCount, Participation, Project

# --- Overview -----------------------------------------------------------------


@require_safe
def index(request):
    activities = selectors.activities_filter(request.user)[:8]
    years = selectors.snapshot_years()
    return render(
        request,
        "programmes/index.html",
        {
            "activities": activities,
            "project_count": selectors.projects_visible_to(request.user).count(),
            "years": years[:6],
        },
    )


# --- Projects -----------------------------------------------------------------


def _project_or_404(user, code: str) -> Project:
    try:
        return selectors.project_get_for_user(user, code)
    except Project.DoesNotExist as exc:
        raise Http404 from exc


@require_safe
def project_list(request):
    form = ProjectFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    projects = selectors.projects_filter(
        request.user,
        year=filters.get("year"),
        status=filters.get("status") or None,
        search=filters.get("q") or None,
    )
    page = Paginator(projects, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/project_list.html",
        {"form": form, "page": page, "can_add": request.user.has_perm("programmes.add_project")},
    )


@require_safe
def project_detail(request, code: str):
    project = _project_or_404(request.user, code)
    activities = selectors.activities_filter(request.user, project=project.code)
    linked_requests = _linked_requests_visible(request.user, project)
    return render(
        request,
        "programmes/project_detail.html",
        {
            "project": project,
            "activities": activities,
            "figures": selectors.participation_figures(activities),
            "results": project.results.select_related("country"),
            "linked_requests": linked_requests,
            "can_edit": request.user.has_perm("programmes.change_project")
            and has_global_scope(request.user),
            "today": timezone.localdate(),
        },
    )


def _linked_requests_visible(user, project: Project) -> list:
    """The project's linked requests that `user` may see, through support's own scoping."""
    from capdev.support.selectors import requests_visible_to

    return list(requests_visible_to(user).filter(projects=project))


def _save_project(request, form: ProjectForm, project: Project | None):
    plain, many = split_cleaned(form)
    try:
        return services.project_save(project=project, many=many, **plain)
    except ValidationError as exc:
        form.add_error(None, exc)
        return None


@permission_required("programmes.add_project")
@require_http_methods(["GET", "POST"])
def project_create(request):
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = _save_project(request, form, None)
        if project:
            messages.success(request, _("The project has been saved."))
            return redirect("programmes:project_detail", code=project.code)
    return render(request, "programmes/project_form.html", {"form": form})


@permission_required("programmes.change_project")
@require_http_methods(["GET", "POST"])
def project_edit(request, code: str):
    project = _project_or_404(request.user, code)
    if not has_global_scope(request.user):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        saved = _save_project(request, form, project)
        if saved:
            messages.success(request, _("The project has been saved."))
            return redirect("programmes:project_detail", code=saved.code)
    return render(request, "programmes/project_form.html", {"form": form, "project": project})


# --- Activities ---------------------------------------------------------------


def _activity_or_404(user, pk: int) -> Activity:
    try:
        return selectors.activity_get_for_user(user, pk)
    except Activity.DoesNotExist as exc:
        raise Http404 from exc


def _managed_activity(request, pk: int) -> Activity:
    activity = _activity_or_404(request.user, pk)
    if not selectors.can_manage_activity(request.user, activity):
        raise PermissionDenied
    return activity


@require_safe
def activity_list(request):
    form = ActivityFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    activities = selectors.activities_filter(
        request.user,
        type=filters.get("type") or None,
        year=filters.get("year"),
        country=filters.get("country") or None,
        search=filters.get("q") or None,
    )
    page = Paginator(activities, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/activity_list.html",
        {"form": form, "page": page, "can_add": request.user.has_perm("programmes.add_activity")},
    )


@require_safe
def activity_detail(request, pk: int):
    activity = _activity_or_404(request.user, pk)
    can_manage = selectors.can_manage_activity(request.user, activity)
    resources = activity.resources.select_related("session")
    if not can_manage:
        resources = resources.filter(is_public=True)
    return render(
        request,
        "programmes/activity_detail.html",
        {
            "activity": activity,
            "figures": selectors.activity_figures(activity),
            "headcounts": activity.headcounts.select_related("country"),
            "participants": selectors.participants_visible_to(request.user, activity),
            "personal_data": selectors.can_see_personal_data(request.user, activity),
            "can_manage": can_manage,
            "resources": resources,
            "feedback_summary": selectors.feedback_summary(activity),
            "feedback": selectors.feedback_of(request.user, activity),
            "participant_form": ParticipantForm(),
            "import_form": ParticipantImportForm(),
            "headcount_form": HeadCountForm(),
        },
    )


def _save_activity(form: ActivityForm, activity: Activity | None, user):
    plain, many = split_cleaned(form)
    try:
        saved = services.activity_save(activity=activity, many=many, **plain)
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    if activity is None and not has_global_scope(user):
        saved.organisers.add(user)
    return saved


@permission_required("programmes.add_activity")
@require_http_methods(["GET", "POST"])
def activity_create(request):
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        activity = _save_activity(form, None, request.user)
        if activity:
            messages.success(request, _("The activity has been saved."))
            return redirect("programmes:activity_detail", pk=activity.pk)
    return render(request, "programmes/activity_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk: int):
    activity = _managed_activity(request, pk)
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        saved = _save_activity(form, activity, request.user)
        if saved:
            messages.success(request, _("The activity has been saved."))
            return redirect("programmes:activity_detail", pk=saved.pk)
    return render(request, "programmes/activity_form.html", {"form": form, "activity": activity})


# --- Participants -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def participant_register(request, pk: int):
    activity = _managed_activity(request, pk)
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _participation, created = services.participant_register(
            activity=activity, **form.cleaned_data
        )
        if created:
            messages.success(request, _("The participant has been registered."))
        else:
            messages.success(request, _("This participant was already registered; updated."))
        return redirect(reverse("programmes:activity_detail", args=[activity.pk]) + "#participants")
    return render(request, "programmes/participant_form.html", {"form": form, "activity": activity})


@login_required
@require_http_methods(["GET", "POST"])
def participants_import(request, pk: int):
    activity = _managed_activity(request, pk)
    form = ParticipantImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            validate_upload(upload, allowed={"csv", "text", "xlsx"})
            report = services.participants_import(activity=activity, file=upload)
        except ValidationError as exc:
            form.add_error("file", exc)
        except TableError as exc:
            form.add_error("file", str(exc))
        if report is not None and report.ok:
            messages.success(
                request,
                _("Imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.")
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                },
            )
            return redirect(
                reverse("programmes:activity_detail", args=[activity.pk]) + "#participants"
            )
    return render(
        request,
        "programmes/participant_import.html",
        {"form": form, "activity": activity, "report": report},
        status=400 if report is not None or form.errors else 200,
    )


@require_safe
def participants_template(request):
    return export_response(
        filename="participants-template",
        headers=services.IMPORT_REQUIRED + services.IMPORT_OPTIONAL,
        rows=[
            [
                "jane.doe@example.org",
                "Jane",
                "Doe",
                "female",
                "LAO",
                "Ministry of Home Affairs",
                "national",
                "middle",
                "Deputy Director",
                "yes",
            ]
        ],
        fmt="xlsx" if request.GET.get("format") == "xlsx" else "csv",
    )


@login_required
@require_POST
def participation_attended(request, pk: int, participation_id: int):
    activity = _managed_activity(request, pk)
    participation = Participation.objects.filter(activity=activity, pk=participation_id).first()
    if participation is None:
        raise Http404
    services.participation_set_attended(
        participation=participation, attended=request.POST.get("attended") == "1"
    )
    return redirect(reverse("programmes:activity_detail", args=[activity.pk]) + "#participants")


@login_required
@require_POST
def headcount_add(request, pk: int):
    activity = _managed_activity(request, pk)
    form = HeadCountForm(request.POST)
    if form.is_valid():
        try:
            services.headcount_save(activity=activity, **form.cleaned_data)
            messages.success(request, _("The head-count has been recorded."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("The head-count was not recorded: check the numbers."))
    return redirect(reverse("programmes:activity_detail", args=[activity.pk]) + "#headcounts")


@login_required
@require_POST
def headcount_delete(request, pk: int, headcount_id: int):
    activity = _managed_activity(request, pk)
    headcount = HeadCount.objects.filter(activity=activity, pk=headcount_id).first()
    if headcount is None:
        raise Http404
    services.headcount_delete(headcount=headcount)
    messages.success(request, _("The head-count has been deleted."))
    return redirect(reverse("programmes:activity_detail", args=[activity.pk]) + "#headcounts")


# --- Feedback -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def feedback_submit(request, pk: int):
    activity = _activity_or_404(request.user, pk)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.feedback_submit(activity=activity, author=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you for your feedback."))
        return redirect("programmes:activity_detail", pk=activity.pk)
    return render(request, "programmes/feedback_form.html", {"form": form, "activity": activity})


@login_required
@require_POST
def feedback_feature(request, pk: int, feedback_id: int):
    activity = _managed_activity(request, pk)
    feedback = Feedback.objects.filter(activity=activity, pk=feedback_id).first()
    if feedback is None:
        raise Http404
    try:
        services.feedback_feature(feedback=feedback, featured=request.POST.get("featured") == "1")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("programmes:activity_detail", args=[activity.pk]) + "#feedback")


# --- Snapshot and IATI --------------------------------------------------------


def _year_or_404(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    if not 1990 <= year <= 2100:
        raise Http404
    return year


@require_safe
def snapshot(request, year: int | None = None):
    from capdev.programmes.snapshot import snapshot_context

    years = selectors.snapshot_years()
    if year is None:
        if request.GET.get("year"):
            return redirect("programmes:snapshot_year", year=_year_or_404(request.GET["year"]))
        year = years[0] if years else timezone.localdate().year
    year = _year_or_404(year)
    context = snapshot_context(year)
    context["years"] = years
    return render(request, "programmes/snapshot.html", context)


@require_safe
def snapshot_pdf(request, year: int):
    from capdev.programmes.snapshot import render_snapshot_pdf

    year = _year_or_404(year)
    response = HttpResponse(render_snapshot_pdf(year), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="capdev-snapshot-{year}.pdf"'
    return response


@permission_required("programmes.view_project")
@require_safe
def iati_export(request):
    from capdev.programmes.iati import iati_activities_xml

    projects = selectors.projects_visible_to(request.user)
    if request.GET.get("project"):
        projects = projects.filter(code=request.GET["project"])
    response = HttpResponse(iati_activities_xml(projects), content_type="application/xml")
    response["Content-Disposition"] = 'attachment; filename="capdev-iati-activities.xml"'
    return response
