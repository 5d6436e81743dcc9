"""Writes of the learning app: authoring, enrolment, completion, assignments, certificates.

Learner actions (viewing an item, marking it done, submitting an assignment) check
access here, so the pages, the API and any other caller refuse a locked item alike.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from capdev.accounts.models import User
from capdev.core.sanitize import clean_html
from capdev.learning import access_rules, selectors
from capdev.learning.models import (
    Certificate,
    Completion,
    Course,
    Enrolment,
    Item,
    Section,
    Submission,
)

# Authoring

COURSE_FIELDS = (
    "summary",
    "description",
    "theme",
    "language",
    "level",
    "status",
    "self_enrolment",
    "enrolment_key",
    "starts_on",
    "ends_on",
    "issues_certificates",
)


def _unique_slug(model, base: str, *, field_name: str = "slug", max_length: int = 80, **scope):
    base = (slugify(base) or "item")[: max_length - 4]
    candidate, number = base, 2
    while model.objects.filter(**scope, **{field_name: candidate}).exists():
        candidate = f"{base}-{number}"
        number += 1
    return candidate


@transaction.atomic
def course_create(*, title: str, slug: str = "", trainers: Iterable[User] = (), **fields) -> Course:
    unknown = set(fields) - set(COURSE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown course fields: {sorted(unknown)}")
    if "description" in fields:
        fields["description"] = clean_html(fields["description"])
    course = Course.objects.create(title=title, slug=slug or _unique_slug(Course, title), **fields)
    course.trainers.set(list(trainers))
    return course


@transaction.atomic
def course_update(*, course: Course, **fields) -> Course:
    for name, value in fields.items():
        if name not in (*COURSE_FIELDS, "title"):
            raise TypeError(f"Unknown course field: {name}")
        setattr(course, name, clean_html(value) if name == "description" else value)
    course.save()
    return course


def _course_item_ids(course: Course) -> set[int]:
    return set(Item.objects.filter(course=course).values_list("pk", flat=True))


def _clean_rule(rule, *, course: Course, self_item_id: int | None = None):
    return access_rules.validate_rule(
        rule, item_ids=_course_item_ids(course), self_item_id=self_item_id
    )


@transaction.atomic
def section_create(
    *,
    course: Course,
    title: str,
    summary: str = "",
    is_published: bool = True,
    access_rule: dict | None = None,
    position: int | None = None,
) -> Section:
    if position is None:
        position = (course.sections.aggregate(top=Max("position"))["top"] or 0) + 1
    return Section.objects.create(
        course=course,
        title=title,
        summary=summary,
        is_published=is_published,
        access_rule=_clean_rule(access_rule, course=course),
        position=position,
    )


@transaction.atomic
def section_update(*, section: Section, **fields) -> Section:
    for name, value in fields.items():
        if name not in {"title", "summary", "is_published", "access_rule"}:
            raise TypeError(f"Unknown section field: {name}")
        if name == "access_rule":
            value = _clean_rule(value, course=section.course)
        setattr(section, name, value)
    section.save()
    return section


ITEM_FIELDS = {
    "body",
    "url",
    "file",
    "transcript",
    "event_date",
    "due_at",
    "access_rule",
    "completion_rule",
    "passing_grade",
    "required_for_completion",
    "is_published",
}


def _check_item_fields(kind: str, fields: dict) -> None:
    if kind == Item.Kind.LINK and "url" in fields and not fields["url"]:
        raise ValidationError({"url": _("A link needs a web address.")})


@transaction.atomic
def item_create(
    *,
    section: Section,
    kind: str,
    title: str,
    key: str = "",
    position: int | None = None,
    **fields,
) -> Item:
    unknown = set(fields) - ITEM_FIELDS
    if unknown:
        raise TypeError(f"Unknown item fields: {sorted(unknown)}")
    if kind not in Item.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of item.")})
    _check_item_fields(kind, fields)
    course = section.course
    if position is None:
        position = (section.items.aggregate(top=Max("position"))["top"] or 0) + 1
    if "body" in fields:
        fields["body"] = clean_html(fields["body"])
    rule = fields.pop("access_rule", None)
    fields.setdefault("completion_rule", _default_completion_rule(kind))
    item = Item(
        course=course,
        section=section,
        kind=kind,
        title=title,
        key=key or _unique_slug(Item, title, field_name="key", course=course),
        position=position,
        **fields,
    )
    item.full_clean(exclude=["access_rule", "file"])
    item.save()
    if rule:
        item.access_rule = _clean_rule(rule, course=course, self_item_id=item.pk)
        item.save(update_fields=["access_rule"])
    return item


def _default_completion_rule(kind: str) -> str:
    return {
        Item.Kind.ASSIGNMENT: Item.CompletionRule.SUBMITTED,
        Item.Kind.QUIZ: Item.CompletionRule.GRADED,
        Item.Kind.FORUM: Item.CompletionRule.NONE,
    }.get(kind, Item.CompletionRule.VIEWED)


@transaction.atomic
def item_update(*, item: Item, **fields) -> Item:
    for name, value in fields.items():
        if name not in ITEM_FIELDS | {"title", "key", "section"}:
            raise TypeError(f"Unknown item field: {name}")
        if name == "body":
            value = clean_html(value)
        if name == "access_rule":
            value = _clean_rule(value, course=item.course, self_item_id=item.pk)
        if name == "section" and value.course_id != item.course_id:
            raise ValidationError(_("An item can only move within its course."))
        setattr(item, name, value)
    _check_item_fields(item.kind, {"url": item.url} if item.kind == Item.Kind.LINK else {})
    item.save()
    return item


@transaction.atomic
def item_delete(*, item: Item) -> None:
    """Delete an item; rules that referred to it fail closed (their activity is gone)."""
    item.delete()


@transaction.atomic
def sections_reorder(*, course: Course, ordered_ids: list[int]) -> None:
    sections = {section.pk: section for section in course.sections.all()}
    if set(ordered_ids) != set(sections):
        raise ValidationError(_("The new order must list every section of the course once."))
    for position, pk in enumerate(ordered_ids, start=1):
        Section.objects.filter(pk=pk).update(position=position)


@transaction.atomic
def items_reorder(*, section: Section, ordered_ids: list[int]) -> None:
    items = set(section.items.values_list("pk", flat=True))
    if set(ordered_ids) != items or len(ordered_ids) != len(items):
        raise ValidationError(_("The new order must list every item of the section once."))
    for position, pk in enumerate(ordered_ids, start=1):
        Item.objects.filter(pk=pk).update(position=position)


def _move(siblings: list, target, direction: str) -> list[int]:
    ids = [sibling.pk for sibling in siblings]
    index = ids.index(target.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
    return ids


def section_move(*, section: Section, direction: str) -> None:
    course = section.course
    sections_reorder(
        course=course, ordered_ids=_move(list(course.sections.all()), section, direction)
    )


def item_move(*, item: Item, direction: str) -> None:
    section = item.section
    items = list(section.items.order_by("position", "id"))
    items_reorder(section=section, ordered_ids=_move(items, item, direction))


# Enrolment


@transaction.atomic
def course_enrol(
    *,
    course: Course,
    user: User,
    method: str = Enrolment.Method.SELF,
    enrolled_by: User | None = None,
    key: str = "",
    starts_on=None,
    ends_on=None,
) -> Enrolment:
    """Enrol `user`; self-enrolment checks that it is open and, if set, the key."""
    if method in (Enrolment.Method.SELF, Enrolment.Method.KEY):
        if not course.is_published or not course.self_enrolment:
            raise PermissionDenied(_("This course does not take self-enrolment."))
        if course.enrolment_key:
            if not secrets.compare_digest(key.strip(), course.enrolment_key):
                raise ValidationError(_("The enrolment key is not right."), code="bad_key")
            method = Enrolment.Method.KEY
    elif enrolled_by is None or not selectors.user_is_course_trainer(enrolled_by, course):
        raise PermissionDenied(_("Only the course's trainers may enrol other people."))
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError(_("Access cannot end before it starts."))
    enrolment, created = Enrolment.objects.get_or_create(
        course=course,
        user=user,
        defaults={
            "method": method,
            "enrolled_by": enrolled_by,
            "starts_on": starts_on,
            "ends_on": ends_on,
        },
    )
    if not created and (starts_on or ends_on):
        enrolment.starts_on, enrolment.ends_on = starts_on, ends_on
        enrolment.save(update_fields=["starts_on", "ends_on"])
    if created:
        course_completion_recompute(user=user, course=course)
        enrolment.refresh_from_db()
    return enrolment


def cohort_users(*, country=None, role: str = "") -> list[User]:
    users = User.objects.filter(is_active=True)
    if country is not None:
        users = users.filter(country=country)
    if role:
        users = users.filter(groups__name=role)
    return list(users.distinct())


@transaction.atomic
def cohort_enrol(
    *,
    course: Course,
    enrolled_by: User,
    country=None,
    role: str = "",
    starts_on=None,
    ends_on=None,
) -> int:
    """Enrol everyone matching the cohort (a country, a role or both); returns how many new."""
    if not selectors.user_is_course_trainer(enrolled_by, course):
        raise PermissionDenied(_("Only the course's trainers may enrol other people."))
    if country is None and not role:
        raise ValidationError(_("Choose a country, a role or both."))
    already = set(Enrolment.objects.filter(course=course).values_list("user_id", flat=True))
    new = [
        Enrolment(
            course=course,
            user=user,
            method=Enrolment.Method.COHORT,
            enrolled_by=enrolled_by,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        for user in cohort_users(country=country, role=role)
        if user.pk not in already
    ]
    Enrolment.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, by: User) -> None:
    if by.pk != enrolment.user_id and not selectors.user_is_course_trainer(by, enrolment.course):
        raise PermissionDenied
    enrolment.delete()


# Completion


@transaction.atomic
def completion_record(
    user: User, item: Item, *, state: str = Completion.State.COMPLETE, grade=None
) -> Completion:
    """Record (or update) `user`'s completion of `item` and recompute their course progress.

    Quizzes call this after grading with state "passed" or "failed" and a grade from 0 to 100.
    A course once completed stays completed, as its certificate does.
    """
    if state not in Completion.State.values:
        raise ValidationError(_("Unknown completion state: %(state)s") % {"state": state})
    if grade is not None:
        grade = Decimal(str(grade))
        if not (0 <= grade <= 100):
            raise ValidationError(_("A grade runs from 0 to 100."))
    now = timezone.now()
    try:
        with transaction.atomic():
            completion, created = Completion.objects.get_or_create(
                user=user,
                item=item,
                defaults={
                    "course_id": item.course_id,
                    "state": state,
                    "grade": grade,
                    "completed_at": now,
                },
            )
    except IntegrityError:  # a concurrent first record
        completion, created = Completion.objects.get(user=user, item=item), False
    if not created:
        completion.state, completion.grade, completion.completed_at = state, grade, now
        completion.save(update_fields=["state", "grade", "completed_at"])
    course_completion_recompute(user=user, course=item.course)
    return completion


@transaction.atomic
def course_completion_recompute(*, user: User, course: Course) -> Enrolment | None:
    """Refresh the enrolment's cached progress; on reaching 100 % complete the course."""
    enrolment = Enrolment.objects.select_for_update().filter(user=user, course=course).first()
    if enrolment is None:
        return None
    items = list(selectors.required_items(course))
    completions = {c.item_id: c for c in Completion.objects.filter(user=user, course=course)}
    done = sum(1 for item in items if item.is_complete(completions.get(item.pk)))
    progress = round(100 * done / len(items)) if items else 0
    fields = []
    if enrolment.progress != progress:
        enrolment.progress = progress
        fields.append("progress")
    if items and done == len(items) and enrolment.completed_at is None:
        enrolment.completed_at = timezone.now()
        fields.append("completed_at")
    if fields:
        enrolment.save(update_fields=fields)
    if enrolment.completed_at and course.issues_certificates:
        certificate_issue(user=user, course=course)
    return enrolment


def _require_access(user: User, item: Item) -> None:
    access = selectors.item_access(user, item)
    if not access.allowed:
        raise PermissionDenied(access.reason)


def item_viewed(*, user: User, item: Item) -> Completion | None:
    """A learner opened `item`: refused if locked; completes it under the "viewed" rule."""
    _require_access(user, item)
    if not user.is_authenticated or item.completion_rule != Item.CompletionRule.VIEWED:
        return None
    existing = selectors.completion_get(user, item)
    if existing is not None:
        return existing
    if selectors.enrolment_for(user, item.course) is None:
        return None  # trainers previewing their course
    return completion_record(user, item)


def item_open(*, user: User, item: Item):
    """Check access to `item` once and, if allowed, record the view.

    Returns (access, course state, item state); the states let the page show completion
    without asking the database again.
    """
    state, entry = selectors.item_state(user, item)
    if entry is None:
        return selectors.Access(False, _("This activity is not available.")), state, None
    if not entry.access.allowed:
        return entry.access, state, entry
    if (
        user.is_authenticated
        and item.completion_rule == Item.CompletionRule.VIEWED
        and entry.completion is None
        and state.enrolment is not None
    ):
        entry.completion = completion_record(user, item)
        entry.complete = True
    return entry.access, state, entry


def item_mark_done(*, user: User, item: Item, done: bool = True) -> Completion | None:
    """The learner's own tick, for items completed by marking them done."""
    _require_access(user, item)
    if item.completion_rule != Item.CompletionRule.MANUAL:
        raise ValidationError(_("This activity is completed by its own rule, not by hand."))
    if selectors.enrolment_for(user, item.course) is None:
        raise PermissionDenied(_("Enrol in the course to track your progress."))
    if done:
        return completion_record(user, item)
    with transaction.atomic():
        Completion.objects.filter(user=user, item=item).delete()
        course_completion_recompute(user=user, course=item.course)
    return None


# Assignments


@transaction.atomic
def submission_save(*, user: User, item: Item, text: str = "", file=None) -> Submission:
    """Create or replace the learner's submission; a graded one can no longer change."""
    if item.kind != Item.Kind.ASSIGNMENT:
        raise ValidationError(_("Only assignments take submissions."))
    _require_access(user, item)
    if selectors.enrolment_for(user, item.course) is None:
        raise PermissionDenied(_("Enrol in the course to submit work."))
    text = clean_html(text or "").strip()
    if not text and not file:
        raise ValidationError(_("Write an answer or attach a file."))
    submission = Submission.objects.filter(item=item, user=user).first()
    if submission is not None and submission.graded_at is not None:
        raise ValidationError(_("This submission has been graded and can no longer change."))
    if submission is None:
        submission = Submission(item=item, user=user)
    submission.text = text
    if file:
        submission.file = file
    submission.submitted_at = timezone.now()
    submission.full_clean(exclude=["item", "user", "graded_by"])
    submission.save()
    if item.completion_rule == Item.CompletionRule.SUBMITTED:
        completion_record(user, item)
    return submission


@transaction.atomic
def submission_grade(
    *, submission: Submission, grader: User, grade, feedback: str = ""
) -> Submission:
    item = submission.item
    if not selectors.user_is_course_trainer(grader, item.course):
        raise PermissionDenied(_("Only the course's trainers may grade."))
    grade = Decimal(str(grade))
    if not (0 <= grade <= 100):
        raise ValidationError(_("A grade runs from 0 to 100."))
    submission.grade = grade
    submission.feedback = clean_html(feedback)
    submission.graded_by = grader
    submission.graded_at = timezone.now()
    submission.save()
    state = Completion.State.PASSED if grade >= item.passing_grade else Completion.State.FAILED
    completion_record(submission.user, item, state=state, grade=grade)
    return submission


# Certificates

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def _new_code() -> str:
    while True:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
        code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
        if not Certificate.objects.filter(code=code).exists():
            return code


@transaction.atomic
def certificate_issue(*, user: User, course: Course) -> Certificate:
    """The user's certificate for `course`, issued once (revoked ones stay revoked)."""
    existing = Certificate.objects.filter(user=user, course=course).first()
    if existing is not None:
        return existing
    return Certificate.objects.create(
        user=user,
        course=course,
        code=_new_code(),
        holder_name=user.get_full_name() or user.email,
        course_title=course.title,
        issued_at=timezone.now(),
    )


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    if not selectors.user_is_course_trainer(by, certificate.course):
        raise PermissionDenied(_("Only the course's trainers may revoke its certificates."))
    if not reason.strip():
        raise ValidationError(_("Say why the certificate is revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revoked_reason = reason.strip()[:255]
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    return certificate


@transaction.atomic
def certificate_reinstate(*, certificate: Certificate, by: User) -> Certificate:
    if not selectors.user_is_course_trainer(by, certificate.course):
        raise PermissionDenied
    certificate.revoked_at = None
    certificate.revoked_by = None
    certificate.revoked_reason = ""
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    return certificate
