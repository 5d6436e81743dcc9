"""Pages of the learning app: catalogue, course, items, enrolment, My learning, reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from capdev.accounts.models import User
from capdev.core.tabular import export_response
from capdev.core.uploads import serve_file
from capdev.learning import selectors, services
from capdev.learning.forms import (
    CatalogueFilterForm,
    CohortEnrolForm,
    EnrolKeyForm,
    GradeForm,
    RevokeForm,
    SubmissionForm,
    TrainerEnrolForm,
    VerifyForm,
)
from capdev.learning.item_kinds import get_item_kind
from capdev.learning.models import Completion, Enrolment, Item


def _course_or_404(user, slug):
    course = selectors.course_get_for_user(user, slug)
    if course is None:
        raise Http404
    return course


def _trainer_course_or_404(user, slug):
    course = _course_or_404(user, slug)
    if not selectors.user_is_course_trainer(user, course):
        raise PermissionDenied
    return course


def _error_text(error: ValidationError | PermissionDenied) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("You may not do this.")


@require_safe
def catalogue(request):
    form = CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    courses = selectors.course_catalogue(
        request.user,
        query=filters.get("q", ""),
        theme=filters.get("theme", ""),
        language=filters.get("language", ""),
        level=filters.get("level", ""),
    )
    page = Paginator(courses, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/catalogue.html",
        {
            "form": form,
            "page": page,
            "taught": selectors.courses_taught_by(request.user).exists(),
            "nav_current": "learning",
        },
    )


@require_safe
def course_detail(request, slug):
    course = _course_or_404(request.user, slug)
    state = selectors.course_state(request.user, course)
    certificate = None
    if state.enrolment and state.enrolment.completed_at:
        certificate = course.certificates.filter(user=request.user).first()
    return render(
        request,
        "learning/course.html",
        {
            "course": course,
            "state": state,
            "certificate": certificate,
            "key_form": EnrolKeyForm(),
            "nav_current": "learning",
        },
    )


@login_required
@require_POST
def course_enrol(request, slug):
    course = _course_or_404(request.user, slug)
    form = EnrolKeyForm(request.POST)
    form.is_valid()
    try:
        services.course_enrol(
            course=course, user=request.user, key=form.cleaned_data.get("key", "")
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("You are enrolled in this course."))
    return redirect(course)


@login_required
@require_POST
def course_leave(request, slug):
    course = _course_or_404(request.user, slug)
    enrolment = selectors.enrolment_for(request.user, course)
    if enrolment is not None:
        services.enrolment_cancel(enrolment=enrolment, by=request.user)
        messages.success(request, _("You have left the course."))
    return redirect(course)


@login_required
@require_safe
def my_learning(request):
    enrolments = selectors.my_enrolments(request.user)
    return render(
        request,
        "learning/my_learning.html",
        {
            "enrolments": enrolments,
            "certificates": selectors.certificates_visible_to(request.user).filter(
                user=request.user
            ),
            "taught": selectors.courses_taught_by(request.user),
            "nav_current": "learning",
        },
    )


def _item_for(request, slug, pk) -> Item:
    item = selectors.item_get_for_user(request.user, slug, pk)
    if item is None:
        raise Http404
    return item


def _locked(request, item, access, status=403):
    return render(
        request,
        "learning/item_locked.html",
        {"course": item.course, "item": item, "access": access, "nav_current": "learning"},
        status=status,
    )


@require_safe
def item_detail(request, slug, pk):
    """Check access, record the view, then hand over to the view registered for the kind."""
    item = _item_for(request, slug, pk)
    access, state, entry = services.item_open(user=request.user, item=item)
    if not access.allowed:
        return _locked(request, item, access)
    # Lets item_context reuse what the check loaded.
    request.learning_state = (item.pk, state, entry)
    kind = get_item_kind(item.kind)
    if kind is None:
        return render(
            request,
            "learning/item_unavailable.html",
            item_context(request, item),
        )
    return kind.view(request, item)


def item_context(request, item: Item, **extra) -> dict:
    """Context for templates extending learning/item_base.html."""
    cached = getattr(request, "learning_state", None)
    if cached and cached[0] == item.pk and cached[2] is not None:
        _pk, state, entry = cached
        completion, is_trainer, is_enrolled = entry.completion, state.is_trainer, state.is_enrolled
    else:
        completion = selectors.completion_get(request.user, item)
        is_trainer = selectors.user_is_course_trainer(request.user, item.course)
        is_enrolled = selectors.enrolment_for(request.user, item.course) is not None
    context = {
        "course": item.course,
        "item": item,
        "completion": completion,
        "complete": item.is_tracked and item.is_complete(completion),
        "is_trainer": is_trainer,
        "is_enrolled": is_enrolled,
        "nav_current": "learning",
    }
    context.update(extra)
    return context


@require_safe
def item_file(request, slug, pk):
    item = _item_for(request, slug, pk)
    access, _state, _entry = services.item_open(user=request.user, item=item)
    if not access.allowed:
        return _locked(request, item, access)
    if not item.file:
        raise Http404
    return serve_file(request, item.file, inline=item.kind == Item.Kind.RECORDING)


@login_required
@require_POST
def item_done(request, slug, pk):
    item = _item_for(request, slug, pk)
    try:
        services.item_mark_done(
            user=request.user, item=item, done=request.POST.get("done", "1") == "1"
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    return redirect(item.get_absolute_url())


@login_required
@require_POST
def item_submit(request, slug, pk):
    item = _item_for(request, slug, pk)
    form = SubmissionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.submission_save(
                user=request.user,
                item=item,
                text=form.cleaned_data["text"],
                file=form.cleaned_data["file"],
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Your work has been submitted."))
    else:
        messages.error(request, _("Check the form and try again."))
    return redirect(item.get_absolute_url())


# Built-in item kinds, registered in apps.py


def page_view(request, item):
    return render(request, "learning/items/page.html", item_context(request, item))


def file_view(request, item):
    return render(request, "learning/items/file.html", item_context(request, item))


def link_view(request, item):
    return render(request, "learning/items/link.html", item_context(request, item))


def recording_view(request, item):
    return render(request, "learning/items/recording.html", item_context(request, item))


def assignment_view(request, item):
    submissions = selectors.submissions_visible_to(request.user, item)
    own = selectors.submission_for(request.user, item)
    return render(
        request,
        "learning/items/assignment.html",
        item_context(
            request,
            item,
            own=own,
            submissions=submissions
            if selectors.user_is_course_trainer(request.user, item.course)
            else [],
            form=SubmissionForm(initial={"text": own.text if own else ""}),
        ),
    )


# Submissions


@login_required
@require_safe
def submission_file(request, pk):
    submission = selectors.submission_get_for_user(request.user, pk)
    if submission is None or not submission.file:
        raise Http404
    return serve_file(request, submission.file)


@login_required
@require_http_methods(["GET", "POST"])
def submission_grade(request, pk):
    submission = selectors.submission_get_for_user(request.user, pk)
    if submission is None:
        raise Http404
    course = submission.item.course
    if not selectors.user_is_course_trainer(request.user, course):
        raise PermissionDenied
    form = GradeForm(
        request.POST or None,
        initial={"grade": submission.grade, "feedback": submission.feedback},
    )
    if request.method == "POST" and form.is_valid():
        services.submission_grade(
            submission=submission,
            grader=request.user,
            grade=form.cleaned_data["grade"],
            feedback=form.cleaned_data["feedback"],
        )
        messages.success(request, _("The grade and feedback are saved."))
        return redirect(submission.item.get_absolute_url())
    return render(
        request,
        "learning/submission_grade.html",
        {"submission": submission, "course": course, "form": form, "nav_current": "learning"},
    )


# Completion report


@login_required
@require_safe
def completion_report(request, slug):
    course = _course_or_404(request.user, slug)
    if not selectors.user_can_see_report(request.user, course):
        raise PermissionDenied
    items, rows = selectors.completion_report(request.user, course)
    if request.GET.get("format") in ("csv", "xlsx"):
        return export_response(
            filename=f"completion-{course.slug}",
            headers=[
                _("E-mail"),
                _("Name"),
                _("Country"),
                _("Progress (%)"),
                pgettext("completion date", "Completed"),
            ]
            + [item.title for item in items],
            rows=_report_rows(rows),
            fmt=request.GET["format"],
        )
    return render(
        request,
        "learning/report.html",
        {"course": course, "items": items, "rows": rows, "nav_current": "learning"},
    )


def _report_rows(rows):
    for row in rows:
        enrolment = row["enrolment"]
        user = enrolment.user
        cells = []
        for cell in row["cells"]:
            completion: Completion | None = cell["completion"]
            if completion is None:
                cells.append("")
            elif completion.grade is not None:
                cells.append(f"{completion.state} ({completion.grade:g})")
            else:
                cells.append(completion.state)
        yield [
            user.email,
            user.get_full_name(),
            user.country.iso3 if user.country_id else "",
            enrolment.progress,
            timezone.localtime(enrolment.completed_at).strftime("%Y-%m-%d %H:%M")
            if enrolment.completed_at
            else "",
            *cells,
        ]


# Enrolment by trainers


@login_required
@require_http_methods(["GET", "POST"])
def course_enrolments(request, slug):
    course = _trainer_course_or_404(request.user, slug)
    people_form = TrainerEnrolForm(prefix="people")
    cohort_form = CohortEnrolForm(prefix="cohort")
    if request.method == "POST" and "people-emails" in request.POST:
        people_form = TrainerEnrolForm(request.POST, prefix="people")
        if people_form.is_valid():
            _enrol_people(request, course, people_form.cleaned_data)
            return redirect("learning:enrolments", slug=course.slug)
    elif request.method == "POST":
        cohort_form = CohortEnrolForm(request.POST, prefix="cohort")
        if cohort_form.is_valid():
            data = cohort_form.cleaned_data
            try:
                count = services.cohort_enrol(
                    course=course,
                    enrolled_by=request.user,
                    country=data["country"],
                    role=data["role"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                )
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, _error_text(error))
            else:
                messages.success(request, _("%(count)d people enrolled.") % {"count": count})
                return redirect("learning:enrolments", slug=course.slug)
    enrolments = Paginator(
        Enrolment.objects.filter(course=course).select_related("user", "user__country"), 50
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/enrolments.html",
        {
            "course": course,
            "people_form": people_form,
            "cohort_form": cohort_form,
            "page": enrolments,
            "nav_current": "learning",
        },
    )


def _enrol_people(request, course, data):
    found = {user.email: user for user in User.objects.filter(email__in=data["emails"])}
    for email in data["emails"]:
        user = found.get(email)
        if user is None:
            messages.warning(request, _("No account uses %(email)s.") % {"email": email})
            continue
        try:
            services.course_enrol(
                course=course,
                user=user,
                method=Enrolment.Method.TRAINER,
                enrolled_by=request.user,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("%(email)s is enrolled.") % {"email": email})


@login_required
@require_POST
def enrolment_remove(request, slug, pk):
    course = _trainer_course_or_404(request.user, slug)
    enrolment = Enrolment.objects.filter(course=course, pk=pk).first()
    if enrolment is None:
        raise Http404
    services.enrolment_cancel(enrolment=enrolment, by=request.user)
    messages.success(request, _("The enrolment is removed."))
    return redirect("learning:enrolments", slug=course.slug)


# Certificates


@login_required
@require_safe
def certificate_pdf(request, pk):
    from capdev.learning.certificates import certificate_pdf_response

    certificate = selectors.certificate_get_for_user(request.user, pk)
    if certificate is None:
        raise Http404
    return certificate_pdf_response(request, certificate)


@login_required
@require_http_methods(["GET", "POST"])
def certificate_revoke(request, pk):
    certificate = selectors.certificate_get_for_user(request.user, pk)
    if certificate is None:
        raise Http404
    if not selectors.user_is_course_trainer(request.user, certificate.course):
        raise PermissionDenied
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and "reinstate" in request.POST:
        services.certificate_reinstate(certificate=certificate, by=request.user)
        messages.success(request, _("The certificate is valid again."))
        return redirect("learning:certificates_course", slug=certificate.course.slug)
    if request.method == "POST" and form.is_valid():
        services.certificate_revoke(
            certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The certificate is revoked."))
        return redirect("learning:certificates_course", slug=certificate.course.slug)
    return render(
        request,
        "learning/certificate_revoke.html",
        {"certificate": certificate, "form": form, "nav_current": "learning"},
    )


@login_required
@require_safe
def course_certificates(request, slug):
    course = _trainer_course_or_404(request.user, slug)
    return render(
        request,
        "learning/course_certificates.html",
        {
            "course": course,
            "certificates": course.certificates.select_related("user").order_by("-issued_at"),
            "nav_current": "learning",
        },
    )


@require_safe
def certificate_verify(request, code=None):
    form = VerifyForm(request.GET or None)
    if code is None and form.is_valid():
        return redirect("learning:certificate_verify", code=form.cleaned_data["code"].strip())
    certificate = selectors.certificate_by_code(code) if code else None
    return render(
        request,
        "learning/certificate_verify.html",
        {
            "form": form,
            "code": code,
            "certificate": certificate,
            "nav_current": "learning",
        },
        status=404 if code and certificate is None else 200,
    )


def course_url(course) -> str:
    return reverse("learning:course", args=[course.slug])
