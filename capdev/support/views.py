"""Pages of the request database. Thin: parse input, call a service or selector, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from capdev.accounts.decorators import permission_required
from capdev.core.tabular import TableError, export_response
from capdev.core.uploads import serve_file
from capdev.support import imports, selectors, services
from capdev.support.charts import insight_charts
from capdev.support.forms import (
    AttachmentForm,
    CommentForm,
    FilterForm,
    FocalPointRequestForm,
    ImportForm,
    RequestForm,
    TransitionForm,
)
from capdev.support.models import RequestAttachment, SupportRequest

VIEW = "support.view_supportrequest"
PAGE_SIZE = 25
FORMATS = {"csv", "xlsx"}


def _get_visible(user, reference: str) -> SupportRequest:
    try:
        return selectors.request_get_for_user(user, reference)
    except SupportRequest.DoesNotExist:
        raise Http404 from None


def _require_manager(user) -> None:
    if not services.can_manage_requests(user):
        raise PermissionDenied


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@require_safe
@permission_required(VIEW)
def request_list(request):
    form = FilterForm(request.GET or None, with_sort=True)
    filters = form.filters()
    requests = selectors.requests_filter(request.user, **filters)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "support/request_list.html",
        {
            "form": form,
            "page": page,
            "can_manage": services.can_manage_requests(request.user),
            "can_submit": services.can_submit_request(request.user),
            "dashboard_url": selectors.dashboard_url(
                **{k: v for k, v in filters.items() if k != "sort"}
            ),
        },
    )


@require_safe
@permission_required(VIEW)
def request_export(request, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    form = FilterForm(request.GET or None, with_sort=True)
    requests = selectors.requests_filter(request.user, **form.filters())
    return export_response(
        filename="requests",
        headers=imports.COLUMNS,
        rows=imports.export_rows(requests),
        fmt=fmt,
    )


@require_safe
@permission_required(VIEW)
def request_detail(request, reference: str):
    support_request = _get_visible(request.user, reference)
    return render(request, "support/request_detail.html", _detail_context(request, support_request))


def _detail_context(request, support_request, **forms) -> dict:
    can_manage = services.can_manage_requests(request.user)
    context = {
        "support_request": support_request,
        "history": selectors.request_history(support_request),
        "comments": selectors.request_comments_for(request.user, support_request),
        "attachments": support_request.attachments.all(),
        "can_manage": can_manage,
        "comment_form": forms.get("comment_form") or CommentForm(),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
    }
    if can_manage:
        context["transition_form"] = forms.get("transition_form") or TransitionForm(
            request=support_request
        )
    return context


@require_http_methods(["GET", "POST"])
@permission_required("support.add_supportrequest")
def request_create(request):
    can_manage = services.can_manage_requests(request.user)
    if not can_manage and request.user.country_id is None:
        raise PermissionDenied
    form_class = RequestForm if can_manage else FocalPointRequestForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if not can_manage:
            data["country"] = request.user.country
        try:
            created = services.request_create(user=request.user, **data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request, _("Request %(reference)s was logged.") % {"reference": created.reference}
            )
            return redirect(created)
    return render(request, "support/request_form.html", {"form": form, "creating": True})


@require_http_methods(["GET", "POST"])
@permission_required("support.change_supportrequest")
def request_edit(request, reference: str):
    _require_manager(request.user)
    support_request = _get_visible(request.user, reference)
    form = RequestForm(request.POST or None, instance=support_request)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_update(user=request.user, request=support_request, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The request has been saved."))
            return redirect(support_request)
    return render(
        request,
        "support/request_form.html",
        {"form": form, "support_request": support_request, "creating": False},
    )


@require_POST
@permission_required("support.change_supportrequest")
def request_transition(request, reference: str):
    _require_manager(request.user)
    support_request = _get_visible(request.user, reference)
    form = TransitionForm(request.POST, request=support_request)
    if form.is_valid():
        try:
            services.request_transition(
                user=request.user,
                request=support_request,
                to_status=form.cleaned_data["to_status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The request is now “%(status)s”.")
                % {"status": support_request.get_status_display()},
            )
        return redirect(support_request)
    messages.error(request, _("This status change is not possible from the current status."))
    return redirect(support_request)


@require_POST
@permission_required("support.add_requestcomment")
def comment_add(request, reference: str):
    support_request = _get_visible(request.user, reference)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.request_comment_add(
            user=request.user, request=support_request, **form.cleaned_data
        )
        messages.success(request, _("Your comment has been added."))
        return redirect(support_request)
    context = _detail_context(request, support_request, comment_form=form)
    return render(request, "support/request_detail.html", context, status=400)


@require_POST
@permission_required("support.add_requestattachment")
def attachment_add(request, reference: str):
    support_request = _get_visible(request.user, reference)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.request_attachment_add(
                user=request.user, request=support_request, file=form.cleaned_data["file"]
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The file has been attached."))
            return redirect(support_request)
    context = _detail_context(request, support_request, attachment_form=form)
    return render(request, "support/request_detail.html", context, status=400)


@require_safe
@permission_required("support.view_requestattachment")
def attachment_download(request, reference: str, attachment_id: int):
    try:
        attachment = selectors.request_attachment_get_for_user(
            request.user, reference, attachment_id
        )
    except (SupportRequest.DoesNotExist, RequestAttachment.DoesNotExist):
        raise Http404 from None
    return serve_file(request, attachment.file, filename=attachment.name)


@require_safe
@permission_required(VIEW)
def dashboard(request):
    form = FilterForm(request.GET or None)
    insights = selectors.request_insights(request.user, **form.filters())
    context = {
        "form": form,
        "insights": insights,
        "charts": insight_charts(insights),
        "list_url": selectors.list_url(**insights["filters"]),
    }
    if request.htmx:
        return render(request, "support/_dashboard_results.html", context)
    return render(request, "support/dashboard.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("support.change_supportrequest")
def request_import(request):
    _require_manager(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = imports.requests_import(user=request.user, file=form.cleaned_data["file"])
        except TableError as error:
            form.add_error("file", str(error))
        else:
            if report.ok:
                messages.success(
                    request,
                    _(
                        "Import done: %(created)d created, %(updated)d updated, "
                        "%(unchanged)d unchanged."
                    )
                    % {
                        "created": report.created,
                        "updated": report.updated,
                        "unchanged": report.unchanged,
                    },
                )
    status = 400 if (form.errors or (report and not report.ok)) else 200
    return render(
        request,
        "support/request_import.html",
        {"form": form, "report": report, "columns": imports.COLUMN_HELP},
        status=status,
    )


@require_safe
@permission_required("support.change_supportrequest")
def import_template(request, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    _require_manager(request.user)
    return export_response(
        filename="requests-template", headers=imports.COLUMNS, rows=[imports.EXAMPLE_ROW], fmt=fmt
    )
