"""Reads of the learning app, each scoped to the user who asks.

Who sees what:
- everyone, signed in or not, sees the published catalogue and course outlines;
- a learner opens the items of courses they are enrolled in, as far as access rules
  allow, and sees only their own submissions, grades and certificates;
- trainers see and manage the courses they teach, with every learner's work;
- admins and programme officers (global scope) see everything;
- a country focal point sees the progress of their own country's learners.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from capdev.accounts.scoping import can_see_country, has_global_scope, scope_by_country
from capdev.core.models import Country, Organisation
from capdev.learning import access_rules
from capdev.learning.models import (
    Certificate,
    Completion,
    Course,
    Enrolment,
    Item,
    Section,
    Submission,
)

# Courses


def course_visible_to(user) -> QuerySet[Course]:
    """Published courses for everyone; drafts for their trainers; archived for their people."""
    courses = Course.objects.all()
    if has_global_scope(user):
        return courses
    visible = Q(status=Course.Status.PUBLISHED)
    if user.is_authenticated and user.is_active:
        visible |= Q(trainers=user)
        visible |= Q(status=Course.Status.ARCHIVED, enrolments__user=user)
    return courses.filter(visible).distinct()


def course_catalogue(
    user,
    *,
    query: str = "",
    theme: str = "",
    language: str = "",
    level: str = "",
) -> QuerySet[Course]:
    """The public catalogue: published courses, filtered and searched."""
    courses = Course.objects.filter(status=Course.Status.PUBLISHED).select_related("theme")
    if query:
        for word in query.split()[:8]:
            courses = courses.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
            )
    if theme:
        courses = courses.filter(theme__slug=theme)
    if language:
        courses = courses.filter(language=language)
    if level:
        courses = courses.filter(level=level)
    return courses.annotate(item_count=Count("items", filter=Q(items__is_published=True))).order_by(
        "title"
    )


def course_get_for_user(user, slug: str) -> Course | None:
    return course_visible_to(user).filter(slug=slug).first()


def courses_taught_by(user) -> QuerySet[Course]:
    if has_global_scope(user):
        return Course.objects.all()
    if not user.is_authenticated:
        return Course.objects.none()
    return Course.objects.filter(trainers=user)


def user_is_course_trainer(user, course: Course) -> bool:
    """Whether `user` may author and manage `course`: its trainers, admins and officers."""
    if not (user.is_authenticated and user.is_active):
        return False
    if has_global_scope(user):
        return True
    return course.trainers.filter(pk=user.pk).exists()


def user_can_view_course(user, course: Course) -> bool:
    """Whether `user` may see `course`'s page (not necessarily open its items)."""
    return course_visible_to(user).filter(pk=course.pk).exists()


# Enrolments


def enrolment_for(user, course: Course) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def enrolment_is_current(enrolment: Enrolment | None, today: dt.date | None = None) -> bool:
    if enrolment is None:
        return False
    today = today or timezone.localdate()
    if enrolment.starts_on and today < enrolment.starts_on:
        return False
    return not (enrolment.ends_on and today > enrolment.ends_on)


def enrolled_user_ids(course: Course) -> set[int]:
    """Ids of the users enrolled in `course` whose access is current today."""
    today = timezone.localdate()
    return set(
        Enrolment.objects.filter(course=course)
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=today))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .values_list("user_id", flat=True)
    )


def my_enrolments(user) -> QuerySet[Enrolment]:
    if not user.is_authenticated:
        return Enrolment.objects.none()
    return (
        Enrolment.objects.filter(user=user)
        .exclude(course__status=Course.Status.DRAFT)
        .select_related("course", "course__theme")
        .order_by("completed_at", "-enrolled_at")
    )


def enrolments_for_report(user, course: Course) -> QuerySet[Enrolment]:
    """Learners of `course` whose progress `user` may see."""
    enrolments = Enrolment.objects.filter(course=course).select_related("user", "user__country")
    if user_is_course_trainer(user, course):
        return enrolments
    return scope_by_country(enrolments, user, country_field="user__country")


def user_can_see_report(user, course: Course) -> bool:
    if user_is_course_trainer(user, course):
        return True
    return user.is_authenticated and enrolments_for_report(user, course).exists()


# Access to sections and items


@dataclass
class Access:
    """Whether a user may open a section or item, and why not in words."""

    allowed: bool
    reason: str = ""
    # The rule's sentence even when allowed, for trainers and for unlocked items.
    rule_text: str = ""

    def __bool__(self) -> bool:
        return self.allowed


@dataclass
class ItemState:
    item: Item
    access: Access
    completion: Completion | None
    complete: bool


@dataclass
class SectionState:
    section: Section
    access: Access
    items: list[ItemState] = field(default_factory=list)


@dataclass
class CourseState:
    """A course as one user sees it, judged with a fixed handful of queries."""

    course: Course
    enrolment: Enrolment | None
    is_trainer: bool
    sections: list[SectionState]
    items_by_id: dict[int, ItemState]
    progress: int

    @property
    def is_enrolled(self) -> bool:
        return self.enrolment is not None


def _organisation_type_labels() -> dict[str, str]:
    return {value: str(label) for value, label in Organisation.Type.choices}


def rule_wording(items: list[Item], rules: list[dict | None]) -> access_rules.Wording:
    codes = access_rules.profile_values(rules, "country")
    countries = {}
    if codes:
        countries = {
            country.iso3: country.localized_name
            for country in Country.objects.filter(iso3__in=codes).only("iso3", "name", "name_fr")
        }
    return access_rules.Wording(
        titles={item.pk: item.title for item in items},
        countries=countries,
        organisation_types=_organisation_type_labels(),
    )


def _rule_context(user, items, completions, rules):
    # The profile is loaded only when a rule asks about it.
    organisation_type = None
    wants_type = access_rules.profile_values(rules, "organisation_type")
    if wants_type and user.is_authenticated and user.organisation_id:
        organisation_type = user.organisation.type
    country = None
    if access_rules.profile_values(rules, "country") and user.is_authenticated and user.country_id:
        country = user.country.iso3
    return access_rules.RuleContext(
        completions=completions,
        items={item.pk: item for item in items},
        country=country,
        organisation_type=organisation_type,
        today=timezone.localdate(),
    )


def course_state(user, course: Course) -> CourseState:
    """Sections, items, completion and access of `course` for `user`.

    Queries: sections, items, the enrolment, the completions, the trainer check and,
    only when rules mention them, the user's country and organisation and the names
    of countries in profile rules.
    """
    is_trainer = user_is_course_trainer(user, course)
    sections = list(course.sections.all())
    items = list(Item.objects.filter(course=course).only(*_ITEM_LIST_FIELDS))
    if not is_trainer:
        sections = [section for section in sections if section.is_published]
        items = [item for item in items if item.is_published]
    enrolment = enrolment_for(user, course)
    completions: dict[int, Completion] = {}
    if user.is_authenticated:
        completions = {
            c.item_id: c
            for c in Completion.objects.filter(course=course, user=user).only(
                "id", "item_id", "state", "grade", "completed_at"
            )
        }
    rules = [section.access_rule for section in sections] + [item.access_rule for item in items]
    context = _rule_context(user, items, completions, rules) if any(rules) else None
    wording = rule_wording(items, rules) if any(rules) else None
    current = enrolment_is_current(enrolment)

    section_states = []
    by_section: dict[int, SectionState] = {}
    for section in sections:
        access = _judge(
            section.access_rule,
            context,
            wording,
            is_trainer=is_trainer,
            enrolled=current,
            signed_in=user.is_authenticated,
        )
        state = SectionState(section=section, access=access)
        section_states.append(state)
        by_section[section.pk] = state
    items_by_id = {}
    required = done = 0
    for item in items:
        section_state = by_section.get(item.section_id)
        if section_state is None:
            continue
        if not section_state.access.allowed:
            access = Access(False, section_state.access.reason, section_state.access.rule_text)
            if item.access_rule and wording is not None:
                access.rule_text = access_rules.describe(item.access_rule, wording)
        else:
            access = _judge(
                item.access_rule,
                context,
                wording,
                is_trainer=is_trainer,
                enrolled=current,
                signed_in=user.is_authenticated,
            )
        completion = completions.get(item.pk)
        complete = item.is_tracked and item.is_complete(completion)
        if _counts_towards_completion(item, section_state.section):
            required += 1
            done += complete
        item_state = ItemState(item=item, access=access, completion=completion, complete=complete)
        section_state.items.append(item_state)
        items_by_id[item.pk] = item_state
    progress = round(100 * done / required) if required else 0
    return CourseState(
        course=course,
        enrolment=enrolment,
        is_trainer=is_trainer,
        sections=section_states,
        items_by_id=items_by_id,
        progress=progress,
    )


_ITEM_LIST_FIELDS = (
    "id",
    "course_id",
    "section_id",
    "kind",
    "title",
    "key",
    "position",
    "is_published",
    "access_rule",
    "completion_rule",
    "passing_grade",
    "required_for_completion",
    "event_date",
    "url",
)


def _judge(rule, context, wording, *, is_trainer, enrolled, signed_in) -> Access:
    rule_text = access_rules.describe(rule, wording) if rule and wording else ""
    if is_trainer:
        return Access(True, "", rule_text)
    if not signed_in:
        return Access(False, _("Sign in and enrol to open this part of the course."), rule_text)
    if not enrolled:
        return Access(False, _("Enrol in the course to open this part of it."), rule_text)
    if rule and not access_rules.evaluate(rule, context):
        return Access(False, rule_text, rule_text)
    return Access(True, "", rule_text)


def _counts_towards_completion(item: Item, section: Section) -> bool:
    return (
        item.is_tracked
        and item.required_for_completion
        and item.is_published
        and section.is_published
    )


def required_items(course: Course) -> QuerySet[Item]:
    """The items a learner must complete to complete `course`."""
    return Item.objects.filter(
        course=course,
        is_published=True,
        section__is_published=True,
        required_for_completion=True,
    ).exclude(completion_rule=Item.CompletionRule.NONE)


def item_state(user, item: Item) -> tuple[CourseState | None, ItemState | None]:
    """The course as `user` sees it and `item`'s place in it (None when not visible)."""
    course = item.course
    if not user_can_view_course(user, course):
        return None, None
    state = course_state(user, course)
    return state, state.items_by_id.get(item.pk)


def item_access(user, item: Item) -> Access:
    """Whether `user` may open `item`, with the reason in a sentence when not.

    Checks, in order: the course is visible, the item and its section are published
    (unless the user teaches the course), the user is enrolled with current dates,
    then the section's and the item's access rules.
    """
    course = item.course
    if not user_can_view_course(user, course):
        return Access(False, _("This course is not available."))
    state = course_state(user, course)
    item_state = state.items_by_id.get(item.pk)
    if item_state is None:
        return Access(False, _("This activity is not published."))
    return item_state.access


def item_get_for_user(user, course_slug: str, item_id: int) -> Item | None:
    """The item if its course is visible to `user` (access is checked separately)."""
    course = course_get_for_user(user, course_slug)
    if course is None:
        return None
    return (
        Item.objects.select_related("course", "section").filter(course=course, pk=item_id).first()
    )


# Completion


def completion_get(user, item: Item) -> Completion | None:
    if not user.is_authenticated:
        return None
    return Completion.objects.filter(user=user, item=item).first()


def completion_report(user, course: Course) -> tuple[list[Item], list[dict]]:
    """Learners by tracked items of `course`, as far as `user` may see them.

    Two queries whatever the size: the enrolments and the completions.
    """
    items = list(
        Item.objects.filter(course=course, is_published=True, section__is_published=True)
        .exclude(completion_rule=Item.CompletionRule.NONE)
        .order_by("section__position", "section_id", "position", "id")
    )
    enrolments = list(enrolments_for_report(user, course).order_by("user__email"))
    user_ids = [enrolment.user_id for enrolment in enrolments]
    completions: dict[tuple[int, int], Completion] = {}
    for completion in Completion.objects.filter(course=course, user_id__in=user_ids):
        completions[(completion.user_id, completion.item_id)] = completion
    rows = []
    for enrolment in enrolments:
        cells = []
        for item in items:
            completion = completions.get((enrolment.user_id, item.pk))
            cells.append({"completion": completion, "complete": item.is_complete(completion)})
        rows.append({"enrolment": enrolment, "cells": cells})
    return items, rows


def completion_events(user, *, course: Course | None = None, since=None) -> QuerySet[Completion]:
    """Completions `user` may see, newest first: their own, or their courses' learners'."""
    completions = Completion.objects.select_related("item", "course", "user")
    if course is not None:
        completions = completions.filter(course=course)
        if not user_is_course_trainer(user, course):
            completions = (
                completions.filter(user=user) if user.is_authenticated else completions.none()
            )
    else:
        completions = completions.filter(user=user) if user.is_authenticated else completions.none()
    if since is not None:
        completions = completions.filter(completed_at__gt=since)
    return completions.order_by("-completed_at", "-id")


# Assignments


def submission_for(user, item: Item) -> Submission | None:
    if not user.is_authenticated:
        return None
    return Submission.objects.filter(item=item, user=user).first()


def submissions_visible_to(user, item: Item) -> QuerySet[Submission]:
    """Every submission for the item's trainers; one's own for everyone else."""
    submissions = Submission.objects.filter(item=item).select_related("user", "graded_by")
    if user_is_course_trainer(user, item.course):
        return submissions.order_by("user__email")
    if not user.is_authenticated:
        return submissions.none()
    return submissions.filter(user=user)


def submission_get_for_user(user, pk: int) -> Submission | None:
    submission = (
        Submission.objects.select_related("item", "item__course", "user").filter(pk=pk).first()
    )
    if submission is None:
        return None
    if submission.user_id == user.pk or user_is_course_trainer(user, submission.item.course):
        return submission
    return None


# Certificates


def certificates_visible_to(user) -> QuerySet[Certificate]:
    if not user.is_authenticated:
        return Certificate.objects.none()
    certificates = Certificate.objects.select_related("course", "user")
    if has_global_scope(user):
        return certificates
    return certificates.filter(Q(user=user) | Q(course__trainers=user)).distinct()


def certificate_get_for_user(user, pk: int) -> Certificate | None:
    return certificates_visible_to(user).filter(pk=pk).first()


def certificate_by_code(code: str) -> Certificate | None:
    """For the public verification page: any certificate, by its code."""
    code = (code or "").strip().upper()
    if not code:
        return None
    return Certificate.objects.select_related("course").filter(code=code).first()


def can_see_learner(user, learner) -> bool:
    """Whether `user` may see `learner`'s record (their own, or within country scope)."""
    return user.pk == learner.pk or can_see_country(user, learner.country_id)
