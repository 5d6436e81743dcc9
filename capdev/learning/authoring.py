"""Trainers' pages: creating courses, their sections and items, and putting them in order."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from capdev.accounts.roles import Role
from capdev.accounts.scoping import has_global_scope
from capdev.learning import access_rules, selectors, services
from capdev.learning.forms import CourseForm, ItemForm, SectionForm
from capdev.learning.models import Item, Section


def _trainer_course(user, slug):
    course = selectors.course_get_for_user(user, slug)
    if course is None:
        raise Http404
    if not selectors.user_is_course_trainer(user, course):
        raise PermissionDenied
    return course


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
@require_http_methods(["GET", "POST"])
def course_new(request):
    if not (request.user.has_role(Role.TRAINER) or has_global_scope(request.user)):
        raise PermissionDenied
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        title, slug = data.pop("title"), data.pop("slug")
        course = services.course_create(title=title, slug=slug, trainers=[request.user], **data)
        messages.success(request, _("The course is created. Add its sections and items."))
        return redirect("learning:manage", slug=course.slug)
    return render(
        request,
        "learning/authoring/course_form.html",
        {"form": form, "course": None, "nav_current": "learning"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request, slug):
    course = _trainer_course(request.user, slug)
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("slug")
        # The form has written the fields onto the instance; the service saves them.
        course.refresh_from_db()
        course.slug = form.cleaned_data["slug"]
        services.course_update(course=course, **data)
        messages.success(request, _("The course is saved."))
        return redirect("learning:manage", slug=course.slug)
    return render(
        request,
        "learning/authoring/course_form.html",
        {"form": form, "course": course, "nav_current": "learning"},
    )


@login_required
@require_http_methods(["GET"])
def course_manage(request, slug):
    course = _trainer_course(request.user, slug)
    state = selectors.course_state(request.user, course)
    return render(
        request,
        "learning/authoring/manage.html",
        {
            "course": course,
            "state": state,
            "kinds": Item.Kind.choices,
            "nav_current": "learning",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, slug, pk=None):
    course = _trainer_course(request.user, slug)
    section = None
    if pk is not None:
        section = Section.objects.filter(course=course, pk=pk).first()
        if section is None:
            raise Http404
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if section is None:
                services.section_create(course=course, **data)
            else:
                section.refresh_from_db()
                services.section_update(section=section, **data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The section is saved."))
            return redirect("learning:manage", slug=course.slug)
    return render(
        request,
        "learning/authoring/section_form.html",
        {
            "course": course,
            "section": section,
            "form": form,
            "items": Item.objects.filter(course=course),
            "nav_current": "learning",
        },
    )


@login_required
@require_POST
def section_move(request, slug, pk):
    course = _trainer_course(request.user, slug)
    section = Section.objects.filter(course=course, pk=pk).first()
    if section is None:
        raise Http404
    services.section_move(section=section, direction=request.POST.get("direction", "up"))
    return redirect("learning:manage", slug=course.slug)


ITEM_FORM_FIELDS = [name for name in ItemForm.Meta.fields if name not in ("kind", "section")]


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, slug, pk=None):
    course = _trainer_course(request.user, slug)
    item = None
    if pk is not None:
        item = Item.objects.filter(course=course, pk=pk).first()
        if item is None:
            raise Http404
    initial = {}
    if item is None:
        initial = {
            "kind": request.GET.get("kind", Item.Kind.PAGE),
            "section": request.GET.get("section"),
        }
    form = ItemForm(
        request.POST or None, request.FILES or None, instance=item, course=course, initial=initial
    )
    if item is not None:
        form.fields["kind"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ITEM_FORM_FIELDS}
        if not data["file"]:
            data.pop("file")
        try:
            if item is None:
                item = services.item_create(
                    section=form.cleaned_data["section"],
                    kind=form.cleaned_data["kind"],
                    **data,
                )
            else:
                item.refresh_from_db()
                services.item_update(item=item, section=form.cleaned_data["section"], **data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The item is saved."))
            return redirect("learning:manage", slug=course.slug)
    rule_text = ""
    if item is not None and item.access_rule:
        items = list(Item.objects.filter(course=course))
        rule_text = access_rules.describe(
            item.access_rule, selectors.rule_wording(items, [item.access_rule])
        )
    return render(
        request,
        "learning/authoring/item_form.html",
        {
            "course": course,
            "item": item,
            "form": form,
            "rule_text": rule_text,
            "items": Item.objects.filter(course=course).exclude(pk=getattr(item, "pk", None)),
            "nav_current": "learning",
        },
    )


@login_required
@require_POST
def item_move(request, slug, pk):
    course = _trainer_course(request.user, slug)
    item = Item.objects.filter(course=course, pk=pk).select_related("section").first()
    if item is None:
        raise Http404
    services.item_move(item=item, direction=request.POST.get("direction", "up"))
    return redirect("learning:manage", slug=course.slug)


@login_required
@require_POST
def item_delete(request, slug, pk):
    course = _trainer_course(request.user, slug)
    item = Item.objects.filter(course=course, pk=pk).first()
    if item is None:
        raise Http404
    services.item_delete(item=item)
    messages.success(request, _("The item is deleted."))
    return redirect("learning:manage", slug=course.slug)
