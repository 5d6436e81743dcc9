"""Learning endpoints: the public catalogue, course outlines, items, enrolments, completions.

The same selectors and services as the pages decide what each caller sees: a locked
item is refused here exactly as on its page.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from capdev.api.auth import optional_auth
from capdev.learning import selectors, services

router = Router(tags=["learning"])


class CourseFields(Schema):
    slug: str
    title: str
    summary: str
    theme: str | None
    language: str
    level: str
    url: str
    self_enrolment: bool
    needs_key: bool


class CourseOut(CourseFields):
    @staticmethod
    def resolve_theme(course):
        return course.theme.slug if course.theme_id else None

    @staticmethod
    def resolve_url(course):
        return course.get_absolute_url()

    @staticmethod
    def resolve_needs_key(course):
        return bool(course.enrolment_key)


class CourseFilters(Schema):
    q: str = ""
    theme: str = ""
    language: str = ""
    level: str = ""


class ItemSummaryOut(Schema):
    id: int
    key: str
    kind: str
    title: str
    available: bool
    restriction: str
    complete: bool
    state: str | None
    grade: Decimal | None


class SectionOut(Schema):
    id: int
    title: str
    available: bool
    restriction: str
    items: list[ItemSummaryOut]


class CourseDetailOut(CourseFields):
    enrolled: bool
    progress: int | None
    sections: list[SectionOut]


class ItemOut(Schema):
    id: int
    key: str
    kind: str
    title: str
    body: str
    url: str
    transcript: str
    file_url: str | None
    event_date: dt.date | None


class EnrolmentOut(Schema):
    course: str
    title: str
    method: str
    enrolled_at: dt.datetime
    starts_on: dt.date | None
    ends_on: dt.date | None
    progress: int
    completed_at: dt.datetime | None


class CompletionOut(Schema):
    id: int
    course: str
    item_id: int
    item_key: str
    item_title: str
    user: str | None
    state: str
    grade: Decimal | None
    completed_at: dt.datetime

    @staticmethod
    def resolve_course(completion):
        return completion.course.slug

    @staticmethod
    def resolve_item_key(completion):
        return completion.item.key

    @staticmethod
    def resolve_item_title(completion):
        return completion.item.title

    @staticmethod
    def resolve_user(completion, context):
        # Learners' addresses only for the course's trainers (set by the endpoint).
        if getattr(context["request"], "learning_show_users", False):
            return completion.user.email
        return None


class EnrolIn(Schema):
    key: str = ""


def _course(request, slug):
    course = selectors.course_get_for_user(request.user, slug)
    if course is None:
        raise Http404
    return course


@router.get("/courses", response=list[CourseOut], auth=optional_auth)
@paginate(LimitOffsetPagination)
def list_courses(request, filters: Query[CourseFilters]):
    """The public catalogue of published courses; filter by theme slug, language, level."""
    data = filters.dict()
    return selectors.course_catalogue(
        request.user,
        query=data["q"],
        theme=data["theme"],
        language=data["language"],
        level=data["level"],
    )


@router.get("/courses/{slug}", response=CourseDetailOut, auth=optional_auth)
def get_course(request, slug: str):
    """A course's outline with what the caller may open and has completed."""
    course = _course(request, slug)
    state = selectors.course_state(request.user, course)
    course.enrolled = state.is_enrolled
    course.progress = state.progress if state.is_enrolled else None
    course.sections_out = [
        {
            "id": section.section.pk,
            "title": section.section.title,
            "available": section.access.allowed,
            "restriction": section.access.rule_text or section.access.reason,
            "items": [
                {
                    "id": entry.item.pk,
                    "key": entry.item.key,
                    "kind": entry.item.kind,
                    "title": entry.item.title,
                    "available": entry.access.allowed,
                    "restriction": entry.access.rule_text or entry.access.reason,
                    "complete": entry.complete,
                    "state": entry.completion.state if entry.completion else None,
                    "grade": entry.completion.grade if entry.completion else None,
                }
                for entry in section.items
            ],
        }
        for section in state.sections
    ]
    return {
        "slug": course.slug,
        "title": course.title,
        "summary": course.summary,
        "theme": course.theme.slug if course.theme_id else None,
        "language": course.language,
        "level": course.level,
        "url": course.get_absolute_url(),
        "self_enrolment": course.self_enrolment,
        "needs_key": bool(course.enrolment_key),
        "enrolled": course.enrolled,
        "progress": course.progress,
        "sections": course.sections_out,
    }


@router.get("/courses/{slug}/items/{item_id}", response=ItemOut, auth=optional_auth)
def get_item(request, slug: str, item_id: int):
    """An item's content. Locked items answer 403 with the reason; opening one counts as viewing."""
    item = selectors.item_get_for_user(request.user, slug, item_id)
    if item is None:
        raise Http404
    try:
        services.item_viewed(user=request.user, item=item)
    except PermissionDenied as error:
        raise HttpError(403, str(error) or "Not available.") from None
    return {
        "id": item.pk,
        "key": item.key,
        "kind": item.kind,
        "title": item.title,
        "body": item.body,
        "url": item.url,
        "transcript": item.transcript,
        "file_url": request.build_absolute_uri(f"{item.get_absolute_url()}file/")
        if item.file
        else None,
        "event_date": item.event_date,
    }


@router.post("/courses/{slug}/enrol", response={201: EnrolmentOut})
def enrol(request, slug: str, payload: EnrolIn):
    """Enrol yourself in a course open to self-enrolment (with its key, if it has one)."""
    course = _course(request, slug)
    try:
        enrolment = services.course_enrol(course=course, user=request.auth, key=payload.key)
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    except ValidationError as error:
        raise HttpError(400, " ".join(error.messages)) from None
    return Status(201, _enrolment_out(enrolment))


def _enrolment_out(enrolment):
    return {
        "course": enrolment.course.slug,
        "title": enrolment.course.title,
        "method": enrolment.method,
        "enrolled_at": enrolment.enrolled_at,
        "starts_on": enrolment.starts_on,
        "ends_on": enrolment.ends_on,
        "progress": enrolment.progress,
        "completed_at": enrolment.completed_at,
    }


@router.get("/me/enrolments", response=list[EnrolmentOut])
def my_enrolments(request):
    """Your enrolments with progress (per cent of required activities) and completion."""
    return [_enrolment_out(enrolment) for enrolment in selectors.my_enrolments(request.auth)]


@router.get("/me/completions", response=list[CompletionOut])
@paginate(LimitOffsetPagination)
def my_completions(request, since: dt.datetime | None = None):
    """Your completion events, newest first; `since` returns only later ones."""
    return selectors.completion_events(request.auth, since=since)


@router.get("/courses/{slug}/completions", response=list[CompletionOut])
@paginate(LimitOffsetPagination)
def course_completions(request, slug: str, since: dt.datetime | None = None):
    """Completion events of a course: every learner's for its trainers, your own otherwise."""
    course = _course(request, slug)
    request.learning_show_users = selectors.user_is_course_trainer(request.auth, course)
    return selectors.completion_events(request.auth, course=course, since=since)
