"""Writes to the question bank, quizzes and attempts."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from capdev.quizzes import gift, grading, integration
from capdev.quizzes.models import (
    Attempt,
    AttemptQuestion,
    Question,
    QuestionCategory,
    QuestionType,
    QuestionVersion,
    Quiz,
    QuizSlot,
    Tag,
)

# Seconds of slack after the deadline for the last autosave to arrive over a slow link.
DEADLINE_GRACE = timedelta(seconds=30)
DEFAULT_CATEGORY = "Default"
_FOUR = Decimal("0.0001")


class QuizError(Exception):
    """A quiz action that is not allowed now (closed, no attempts left, time is up)."""


# Question content.

_CONTENT_KEYS = (
    "type",
    "name",
    "text",
    "text_format",
    "general_feedback",
    "answers",
    "single",
    "subquestions",
    "correct",
    "feedback_true",
    "feedback_false",
    "shuffle",
    "case_sensitive",
)


def question_content(data: dict) -> dict:
    """Validate question content (gift.py's JSON form) and return what a version stores."""
    qtype = data.get("type")
    if qtype not in QuestionType.values:
        raise ValidationError(_("Unknown question type."))
    name = " ".join(str(data.get("name") or "").split())[:255]
    if not name:
        raise ValidationError(_("A question needs a name."))
    content: dict = {
        "type": qtype,
        "name": name,
        "text": str(data.get("text") or ""),
        "text_format": data.get("text_format") or gift.DEFAULT_FORMAT,
        "general_feedback": data.get("general_feedback") or None,
        "answers": [],
    }
    if content["text_format"] not in gift.TEXT_FORMATS:
        raise ValidationError(_("Unknown text format."))
    answers = []
    for answer in data.get("answers") or []:
        text = str(answer.get("text") or "").strip()
        if not text:
            continue
        try:
            fraction = round(float(answer.get("fraction") or 0), 7)
        except (TypeError, ValueError):
            raise ValidationError(_("A grade must be a number.")) from None
        if not -1 <= fraction <= 1:
            raise ValidationError(_("A grade must lie between -100% and 100%."))
        entry = {"text": text, "fraction": fraction, "feedback": answer.get("feedback") or None}
        if qtype == QuestionType.NUMERICAL:
            entry.update(_numerical_entry(answer, text))
        answers.append(entry)
    if qtype == QuestionType.MULTICHOICE:
        if len(answers) < 2:
            raise ValidationError(_("A multiple-choice question needs at least two answers."))
        if not any(a["fraction"] > 0 for a in answers):
            raise ValidationError(_("At least one answer must earn credit."))
        content["single"] = sum(1 for a in answers if a["fraction"] == 1) == 1
        content["shuffle"] = bool(data.get("shuffle", True))
    elif qtype in (QuestionType.SHORTANSWER, QuestionType.NUMERICAL):
        if not any(a["fraction"] > 0 for a in answers):
            raise ValidationError(_("At least one answer must earn credit."))
        if qtype == QuestionType.SHORTANSWER:
            content["case_sensitive"] = bool(data.get("case_sensitive", False))
    elif qtype == QuestionType.MATCHING:
        subs = [
            {"text": str(s.get("text") or "").strip(), "answer": str(s.get("answer") or "").strip()}
            for s in data.get("subquestions") or []
        ]
        subs = [s for s in subs if s["answer"]]
        if sum(1 for s in subs if s["text"]) < 2:
            raise ValidationError(_("A matching question needs at least two pairs."))
        content["subquestions"] = subs
        content["shuffle"] = True
    elif qtype == QuestionType.TRUEFALSE:
        content["correct"] = bool(data.get("correct"))
        content["feedback_true"] = data.get("feedback_true") or None
        content["feedback_false"] = data.get("feedback_false") or None
    if qtype in (QuestionType.MULTICHOICE, QuestionType.SHORTANSWER, QuestionType.NUMERICAL):
        content["answers"] = answers
    return content


def _numerical_entry(answer: dict, text: str) -> dict:
    if text == "*" or (answer.get("value") is None and text == "*"):
        return {"value": None, "tolerance": None}
    try:
        if answer.get("value") is not None:
            value = float(answer["value"])
            tolerance = abs(float(answer.get("tolerance") or 0))
        else:
            value, tolerance = gift._numerical_answer(text, 0)
    except (TypeError, ValueError, gift.GiftError):
        raise ValidationError(_("'%(text)s' is not a number.") % {"text": text}) from None
    return {"value": value, "tolerance": tolerance}


def _tags(names: Iterable[str]) -> list[Tag]:
    names = list(dict.fromkeys(n.strip()[:100] for n in names if n and n.strip()))
    if not names:
        return []
    existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=n) for n in names if n not in existing]
    if missing:
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
    return [existing[n] for n in names if n in existing]


# Categories.


@transaction.atomic
def category_create(
    *, name: str, user=None, parent: QuestionCategory | None = None, course=None, info: str = ""
) -> QuestionCategory:
    name = " ".join(name.split())[:255]
    if not name:
        raise ValidationError(_("A category needs a name."))
    if parent is not None:
        course = getattr(parent, "course", None)
    return QuestionCategory.objects.create(
        name=name, parent=parent, info=info, created_by=user, **integration.course_fields(course)
    )


def _category_child(
    parent: QuestionCategory | None, name: str, *, course, user, cache: dict
) -> QuestionCategory:
    key = (parent.pk if parent else None, course.pk if course else None, name)
    if key not in cache:
        scope = integration.course_fields(course)
        found = QuestionCategory.objects.filter(parent=parent, name=name, **scope).first()
        cache[key] = found or QuestionCategory.objects.create(
            name=name, parent=parent, created_by=user, **scope
        )
    return cache[key]


def category_path_parts(path: str) -> list[str]:
    """Moodle's `$course$/top/A/B` as ["A", "B"] (`//` stands for a slash in a name)."""
    parts = [p.replace("\0", "/").strip() for p in path.replace("//", "\0").split("/")]
    parts = [p for p in parts if p]
    while parts and (parts[0].startswith("$") and parts[0].endswith("$")):
        parts.pop(0)
    if parts and parts[0] == "top":
        parts.pop(0)
    return [p[:255] for p in parts]


def category_path(category: QuestionCategory) -> str:
    names = []
    node: QuestionCategory | None = category
    while node is not None:
        names.append(node.name.replace("/", "//"))
        node = node.parent
    return "/".join(reversed(names))


def category_descendants(category: QuestionCategory) -> list[int]:
    ids = [category.pk]
    frontier = [category.pk]
    while frontier:
        frontier = list(
            QuestionCategory.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        )
        ids.extend(frontier)
    return ids


# Questions.


@transaction.atomic
def question_create(
    *,
    category: QuestionCategory,
    data: dict,
    user=None,
    default_mark: Decimal | float | int = 1,
    idnumber: str = "",
    tags: Iterable[str] = (),
) -> Question:
    content = question_content(data)
    question = Question.objects.create(
        category=category,
        qtype=content["type"],
        name=content["name"],
        idnumber=(idnumber or "")[:100],
        created_by=user,
    )
    version = QuestionVersion.objects.create(
        question=question,
        number=1,
        data=content,
        default_mark=_mark(default_mark, content["type"]),
        created_by=user,
    )
    question.current_version = version
    question.save(update_fields=["current_version"])
    question.tags.set(_tags(tags))
    return question


def _mark(value, qtype: str) -> Decimal:
    if qtype == QuestionType.DESCRIPTION:
        return Decimal("0")
    mark = Decimal(str(value)).quantize(Decimal("0.01"))
    if mark < 0:
        raise ValidationError(_("A mark cannot be negative."))
    return mark


@transaction.atomic
def question_update(
    *,
    question: Question,
    data: dict,
    user=None,
    default_mark: Decimal | float | int | None = None,
    idnumber: str | None = None,
    tags: Iterable[str] | None = None,
    category: QuestionCategory | None = None,
) -> Question:
    """Save an edit as a new version; attempts keep the versions they were given."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    content = question_content({**data, "type": question.qtype})
    current = question.current_version
    mark = current.default_mark if default_mark is None and current else default_mark or 0
    number = (question.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = QuestionVersion.objects.create(
        question=question,
        number=number,
        data=content,
        default_mark=_mark(mark, question.qtype),
        created_by=user,
    )
    question.current_version = version
    question.name = content["name"]
    if idnumber is not None:
        question.idnumber = idnumber[:100]
    if category is not None:
        question.category = category
    question.save()
    if tags is not None:
        question.tags.set(_tags(tags))
    return question


@transaction.atomic
def question_delete(*, question: Question) -> bool:
    """Delete a question nobody used; hide it (keeping its versions) otherwise.

    Returns True when it was deleted.
    """
    used = (
        question.slots.exists()
        or AttemptQuestion.objects.filter(version__question=question).exists()
    )
    if used:
        Question.objects.filter(pk=question.pk).update(is_hidden=True)
        return False
    Question.objects.filter(pk=question.pk).update(current_version=None)
    question.versions.all().delete()
    question.delete()
    return True


# GIFT import and export.


@dataclass
class GiftImport:
    questions: list[dict]
    created: int = 0
    question_ids: list[int] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


def gift_import(
    *,
    data: bytes | str,
    user=None,
    course=None,
    category_name: str | None = None,
    dry_run: bool = False,
) -> GiftImport:
    """Parse a GIFT file and, unless `dry_run`, add every question or none.

    Questions go into `category_name` (created if missing) in the course's bank, or the
    shared bank without a course; `$CATEGORY:` paths become subcategories of it.
    Raises gift.GiftError naming each bad line.
    """
    parsed = gift.parse(data)
    result = GiftImport(questions=[gift.public_form(q) for q in parsed])
    contents = []
    problems = []
    for question in parsed:
        try:
            contents.append(question_content(question))
        except ValidationError as error:
            problems.append((question["line"], " ".join(error.messages)))
    if problems:
        raise gift.GiftError(problems)
    if dry_run:
        return result
    with transaction.atomic():
        _gift_store(parsed, contents, result, user=user, course=course, root_name=category_name)
    return result


def _gift_store(parsed, contents, result, *, user, course, root_name) -> None:
    cache: dict = {}
    root = _category_child(
        None, (root_name or DEFAULT_CATEGORY).strip()[:255] or DEFAULT_CATEGORY,
        course=course, user=user, cache=cache,
    )  # fmt: skip
    categories = []
    for question in parsed:
        category = root
        for part in category_path_parts(question.get("category") or ""):
            category = _category_child(category, part, course=course, user=user, cache=cache)
        categories.append(category)
    questions = Question.objects.bulk_create(
        [
            Question(
                category=category,
                qtype=content["type"],
                name=content["name"],
                idnumber=(question.get("idnumber") or "")[:100],
                created_by=user,
            )
            for question, content, category in zip(parsed, contents, categories, strict=True)
        ]
    )
    if questions and questions[0].pk is None:  # backends that return no keys
        raise IntegrityError("bulk_create returned no primary keys")
    versions = QuestionVersion.objects.bulk_create(
        [
            QuestionVersion(
                question=question,
                number=1,
                data=content,
                default_mark=_mark(1, content["type"]),
                created_by=user,
            )
            for question, content in zip(questions, contents, strict=True)
        ]
    )
    first_versions = QuestionVersion.objects.filter(question=OuterRef("pk"), number=1)
    ids = [question.pk for question in questions]
    for start in range(0, len(ids), 900):
        Question.objects.filter(pk__in=ids[start : start + 900]).update(
            current_version=Subquery(first_versions.values("pk")[:1])
        )
    for question, version in zip(questions, versions, strict=True):
        question.current_version = version
    all_tags = {t for q in parsed for t in q.get("tags") or []}
    if all_tags:
        tag_ids = {t.name: t.pk for t in _tags(all_tags)}
        through = Question.tags.through
        through.objects.bulk_create(
            [
                through(question_id=question.pk, tag_id=tag_ids[name])
                for question, source in zip(questions, parsed, strict=True)
                for name in dict.fromkeys(source.get("tags") or [])
                if name.strip()[:100] in tag_ids
            ],
            ignore_conflicts=True,
        )
    result.created = len(questions)
    result.question_ids = [question.pk for question in questions]
    result.categories = sorted({category_path(c) for c in categories})


def question_export_form(question: Question, *, category: str | None = None) -> dict:
    data = dict(question.current_version.data)
    data["category"] = category
    data["idnumber"] = question.idnumber or None
    data["tags"] = [t.name for t in question.tags.all()]
    return data


def gift_export(*, category: QuestionCategory, include_subcategories: bool = True) -> str:
    """GIFT text of a category's visible questions, with `$CATEGORY:` lines for subfolders."""
    ids = category_descendants(category) if include_subcategories else [category.pk]
    categories = {c.pk: c for c in QuestionCategory.objects.filter(pk__in=ids)}
    base = category_path(category)
    paths = {}
    for pk, node in categories.items():
        path = category_path(node)
        relative = path[len(base) :].lstrip("/")
        paths[pk] = "$course$/top/" + relative if relative else None
    questions = (
        Question.objects.filter(category_id__in=ids, is_hidden=False)
        .select_related("current_version")
        .prefetch_related("tags")
        .order_by("category_id", "id")
    )
    ordered = sorted(questions, key=lambda q: (paths[q.category_id] or "", q.pk))
    return gift.write(question_export_form(q, category=paths[q.category_id]) for q in ordered)


# Quizzes.

QUIZ_FIELDS = {
    "title",
    "intro",
    "is_published",
    "time_limit",
    "open_at",
    "close_at",
    "attempts_allowed",
    "grading_method",
    "pass_grade",
    "shuffle_questions",
    "review_responses",
    "review_marks",
    "review_correctness",
    "review_feedback",
    "review_correct_answers",
}


def _quiz_validate(quiz: Quiz) -> None:
    if quiz.open_at and quiz.close_at and quiz.close_at <= quiz.open_at:
        raise ValidationError(_("The quiz must close after it opens."))
    quiz.full_clean(exclude=["owner"])


@transaction.atomic
def quiz_create(*, title: str, owner=None, **fields) -> Quiz:
    unknown = set(fields) - QUIZ_FIELDS - {"item"}
    if unknown:
        raise TypeError(f"Unknown quiz fields: {sorted(unknown)}")
    quiz = Quiz(title=title, owner=owner, **fields)
    _quiz_validate(quiz)
    quiz.save()
    return quiz


@transaction.atomic
def quiz_update(*, quiz: Quiz, **fields) -> Quiz:
    unknown = set(fields) - QUIZ_FIELDS
    if unknown:
        raise TypeError(f"Unknown quiz fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(quiz, name, value)
    _quiz_validate(quiz)
    quiz.save()
    return quiz


def _next_position(quiz: Quiz) -> int:
    return (quiz.slots.aggregate(p=Max("position"))["p"] or 0) + 1


def _last_page(quiz: Quiz) -> int:
    return quiz.slots.aggregate(p=Max("page"))["p"] or 1


@transaction.atomic
def quiz_add_question(
    *, quiz: Quiz, question: Question, page: int | None = None, mark=None
) -> QuizSlot:
    if question.current_version is None:
        raise ValidationError(_("This question has no content."))
    return QuizSlot.objects.create(
        quiz=quiz,
        position=_next_position(quiz),
        page=page or _last_page(quiz),
        question=question,
        mark=question.current_version.default_mark if mark is None else Decimal(str(mark)),
    )


@transaction.atomic
def quiz_add_random(
    *,
    quiz: Quiz,
    category: QuestionCategory,
    count: int = 1,
    include_subcategories: bool = True,
    page: int | None = None,
    mark=1,
) -> list[QuizSlot]:
    if not 1 <= count <= 100:
        raise ValidationError(_("Pick between 1 and 100 random questions."))
    page = page or _last_page(quiz)
    start = _next_position(quiz)
    return [
        QuizSlot.objects.create(
            quiz=quiz,
            position=start + offset,
            page=page,
            random_category=category,
            include_subcategories=include_subcategories,
            mark=Decimal(str(mark)),
        )
        for offset in range(count)
    ]


@transaction.atomic
def quiz_slot_update(*, slot: QuizSlot, page: int | None = None, mark=None) -> QuizSlot:
    if page is not None:
        if page < 1:
            raise ValidationError(_("Pages are numbered from 1."))
        slot.page = page
    if mark is not None:
        mark = Decimal(str(mark))
        if mark < 0:
            raise ValidationError(_("A mark cannot be negative."))
        slot.mark = mark
    slot.save()
    return slot


@transaction.atomic
def quiz_slot_remove(*, slot: QuizSlot) -> None:
    quiz = slot.quiz
    slot.delete()
    for position, other in enumerate(quiz.slots.order_by("position"), start=1):
        if other.position != position:
            QuizSlot.objects.filter(pk=other.pk).update(position=position)


@transaction.atomic
def quiz_repaginate(*, quiz: Quiz, per_page: int) -> None:
    """Put `per_page` slots on each page (0 puts them all on one page)."""
    for index, slot in enumerate(quiz.slots.order_by("position")):
        page = index // per_page + 1 if per_page > 0 else 1
        QuizSlot.objects.filter(pk=slot.pk).update(page=page)


# Attempts.


def quiz_is_open(quiz: Quiz, now: datetime) -> bool:
    return (quiz.open_at is None or quiz.open_at <= now) and (
        quiz.close_at is None or now < quiz.close_at
    )


def _attempt_deadline(quiz: Quiz, started: datetime) -> datetime | None:
    ends = [started + timedelta(minutes=quiz.time_limit)] if quiz.time_limit else []
    if quiz.close_at:
        ends.append(quiz.close_at)
    return min(ends) if ends else None


def _pick_questions(quiz: Quiz, rng: random.Random) -> list[tuple[QuizSlot, Question]]:
    slots = list(quiz.slots.select_related("question__current_version").order_by("position"))
    used = {slot.question_id for slot in slots if slot.question_id}
    picked = []
    pools: dict[tuple[int, bool], list[int]] = {}
    for slot in slots:
        if slot.question_id:
            picked.append((slot, slot.question))
            continue
        key = (slot.random_category_id, slot.include_subcategories)
        if key not in pools:
            category_ids = (
                category_descendants(slot.random_category)
                if slot.include_subcategories
                else [slot.random_category_id]
            )
            pools[key] = list(
                Question.objects.filter(
                    category_id__in=category_ids,
                    is_hidden=False,
                    current_version__isnull=False,
                )
                .exclude(qtype=QuestionType.DESCRIPTION)
                .values_list("pk", flat=True)
            )
        candidates = [pk for pk in pools[key] if pk not in used]
        if not candidates:
            raise QuizError(_("The question bank has too few questions for this quiz."))
        choice = rng.choice(candidates)
        used.add(choice)
        picked.append((slot, None if choice is None else choice))
    random_ids = [q for _s, q in picked if isinstance(q, int)]
    fetched = Question.objects.select_related("current_version").in_bulk(random_ids)
    return [(slot, fetched[q] if isinstance(q, int) else q) for slot, q in picked]


def _choice_order(data: dict, rng: random.Random) -> list:
    if data["type"] == QuestionType.MULTICHOICE:
        order = list(range(len(data.get("answers") or [])))
        if data.get("shuffle", True):
            rng.shuffle(order)
        return order
    if data["type"] == QuestionType.MATCHING:
        options = list(dict.fromkeys(s["answer"] for s in data.get("subquestions") or []))
        rng.shuffle(options)
        return options
    return []


def attempt_start(
    *, quiz: Quiz, user, now: datetime | None = None, rng: random.Random | None = None
) -> Attempt:
    """The user's open attempt at `quiz`, or a new one if the quiz allows it."""
    now = now or timezone.now()
    rng = rng or random.SystemRandom()
    existing = Attempt.objects.filter(quiz=quiz, user=user, state=Attempt.State.IN_PROGRESS).first()
    if existing is not None:
        if attempt_close_if_overdue(attempt=existing, now=now):
            existing.refresh_from_db()
        else:
            return existing
    if not quiz_is_open(quiz, now):
        raise QuizError(_("This quiz is not open."))
    if not quiz.slots.exists():
        raise QuizError(_("This quiz has no questions yet."))
    try:
        with transaction.atomic():
            return _attempt_create(quiz=quiz, user=user, now=now, rng=rng)
    except IntegrityError:
        # Another request (a second tab, a double click) started one at the same moment.
        existing = Attempt.objects.filter(
            quiz=quiz, user=user, state=Attempt.State.IN_PROGRESS
        ).first()
        if existing is None:
            raise
        return existing


def _attempt_create(*, quiz: Quiz, user, now: datetime, rng: random.Random) -> Attempt:
    previous = Attempt.objects.filter(quiz=quiz, user=user).aggregate(n=Max("number"))["n"] or 0
    if quiz.attempts_allowed and previous >= quiz.attempts_allowed:
        raise QuizError(_("You have used every attempt this quiz allows."))
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=user,
        number=previous + 1,
        started_at=now,
        deadline=_attempt_deadline(quiz, now),
    )
    picked = _pick_questions(quiz, rng)
    by_page: dict[int, list] = defaultdict(list)
    for slot, question in picked:
        by_page[slot.page].append((slot, question))
    rows = []
    position = 0
    for page_number, (_page, entries) in enumerate(sorted(by_page.items()), start=1):
        if quiz.shuffle_questions:
            rng.shuffle(entries)
        for slot, question in entries:
            position += 1
            version = question.current_version
            rows.append(
                AttemptQuestion(
                    attempt=attempt,
                    position=position,
                    page=page_number,
                    slot=slot,
                    version=version,
                    mark=Decimal("0") if version.qtype == QuestionType.DESCRIPTION else slot.mark,
                    choice_order=_choice_order(version.data, rng),
                )
            )
    AttemptQuestion.objects.bulk_create(rows)
    attempt.max_score = sum((row.mark for row in rows), Decimal("0"))
    attempt.save(update_fields=["max_score"])
    return attempt


def _lock_open_attempt(attempt_id: int, now: datetime) -> bool:
    """Take the attempt's row lock if it is still open: a conditional UPDATE on its state.

    On PostgreSQL a second writer waits for the first to commit and then sees the new
    state; on SQLite transactions are IMMEDIATE, so writers take turns.
    """
    return bool(
        Attempt.objects.filter(pk=attempt_id, state=Attempt.State.IN_PROGRESS).update(saved_at=now)
    )


def attempt_save(
    *, attempt: Attempt, responses: dict[int, dict | None], now: datetime | None = None
) -> bool:
    """Store responses by question position. False if the attempt is no longer open.

    Past the deadline (plus a short grace) nothing is stored and the attempt is submitted.
    """
    now = now or timezone.now()
    if attempt.deadline and now > attempt.deadline + DEADLINE_GRACE:
        attempt_submit(attempt_id=attempt.pk, now=now)
        return False
    with transaction.atomic():
        if not _lock_open_attempt(attempt.pk, now):
            return False
        rows = {
            row.position: row
            for row in AttemptQuestion.objects.filter(
                attempt_id=attempt.pk, position__in=list(responses)
            )
        }
        changed = []
        for position, response in responses.items():
            row = rows.get(position)
            if row is not None and row.response != response:
                row.response = response
                changed.append(row)
        if changed:
            AttemptQuestion.objects.bulk_update(changed, ["response"])
    return True


def attempt_close_if_overdue(*, attempt: Attempt, now: datetime | None = None) -> bool:
    """Submit an open attempt whose time is up. True if it did."""
    now = now or timezone.now()
    if attempt.state != Attempt.State.IN_PROGRESS or attempt.deadline is None:
        return False
    if now <= attempt.deadline + DEADLINE_GRACE:
        return False
    _attempt, submitted = attempt_submit(attempt_id=attempt.pk, now=now)
    return submitted


def _quantize(value: Decimal) -> Decimal:
    return value.quantize(_FOUR, rounding=ROUND_HALF_UP)


def _grade_rows(rows: list[AttemptQuestion], versions: dict[int, dict]) -> None:
    for row in rows:
        data = versions[row.version_id]
        fraction = grading.grade(data, row.response)
        row.needs_grading = data["type"] in grading.MANUAL_TYPES and row.graded_at is None
        if row.graded_at is not None:
            continue  # a trainer's grade stands
        if fraction is None:
            row.fraction = None
            row.score = None if row.needs_grading else Decimal("0")
            if data["type"] in grading.MANUAL_TYPES and not grading.is_answered(data, row.response):
                # Nothing written: nothing to grade.
                row.needs_grading = False
                row.fraction = Decimal("0")
                row.score = Decimal("0")
        else:
            row.fraction = Decimal(str(round(fraction, 7)))
            row.score = _quantize(row.mark * row.fraction)


def _attempt_totals(attempt: Attempt, rows: list[AttemptQuestion]) -> None:
    pending = any(row.needs_grading for row in rows)
    total = sum((row.score or Decimal("0") for row in rows), Decimal("0"))
    attempt.score = _quantize(max(total, Decimal("0")))
    attempt.max_score = sum((row.mark for row in rows), Decimal("0"))
    attempt.grade = (
        _quantize(attempt.score * 100 / attempt.max_score) if attempt.max_score else Decimal("0")
    )
    attempt.state = Attempt.State.NEEDS_GRADING if pending else Attempt.State.GRADED


def _update_grouped(model, rows: list, fields: list[str]) -> None:
    """Write `fields` of `rows` with one UPDATE per distinct set of values.

    Grades take few distinct values, and this avoids bulk_update's CASE expressions,
    whose cost grows with the square of the batch on SQLite.
    """
    groups: dict[tuple, list[int]] = defaultdict(list)
    for row in rows:
        groups[tuple(getattr(row, name) for name in fields)].append(row.pk)
    for values, pks in groups.items():
        for start in range(0, len(pks), 900):
            model.objects.filter(pk__in=pks[start : start + 900]).update(
                **dict(zip(fields, values, strict=True))
            )


def _versions_data(rows: Iterable[AttemptQuestion]) -> dict[int, dict]:
    ids = {row.version_id for row in rows}
    return dict(QuestionVersion.objects.filter(pk__in=ids).values_list("pk", "data"))


def attempt_submit(*, attempt_id: int, now: datetime | None = None) -> tuple[Attempt, bool]:
    """Finish and grade an open attempt, exactly once.

    Returns the attempt and whether this call submitted it; a second click, a second
    tab or a late autosave gets False and changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Attempt.objects.filter(pk=attempt_id, state=Attempt.State.IN_PROGRESS).update(
            state=Attempt.State.NEEDS_GRADING, submitted_at=now
        )
        attempt = Attempt.objects.select_related("quiz").get(pk=attempt_id)
        if not claimed:
            return attempt, False
        rows = list(attempt.questions.all())
        _grade_rows(rows, _versions_data(rows))
        _update_grouped(AttemptQuestion, rows, ["fraction", "score", "needs_grading"])
        _attempt_totals(attempt, rows)
        attempt.save(update_fields=["score", "max_score", "grade", "state"])
        transaction.on_commit(lambda: _report_completion(attempt.quiz_id, attempt.user_id))
    return attempt, True


@transaction.atomic
def attempt_grade_question(
    *, row: AttemptQuestion, score: Decimal, comment: str = "", grader=None
) -> Attempt:
    """A trainer's grade for one question (an essay, or an override of any question)."""
    score = Decimal(str(score))
    if not 0 <= score <= row.mark:
        raise ValidationError(
            _("Give a score between 0 and %(mark)s.") % {"mark": row.mark.normalize()}
        )
    attempt = Attempt.objects.select_for_update().get(pk=row.attempt_id)
    if attempt.state == Attempt.State.IN_PROGRESS:
        raise QuizError(_("This attempt has not been submitted."))
    row.score = _quantize(score)
    row.fraction = (score / row.mark).quantize(Decimal("0.0000001")) if row.mark else Decimal(0)
    row.comment = comment
    row.graded_by = grader
    row.graded_at = timezone.now()
    row.needs_grading = False
    row.save(
        update_fields=["score", "fraction", "comment", "graded_by", "graded_at", "needs_grading"]
    )
    rows = list(attempt.questions.all())
    _attempt_totals(attempt, rows)
    attempt.save(update_fields=["score", "max_score", "grade", "state"])
    transaction.on_commit(lambda: _report_completion(attempt.quiz_id, attempt.user_id))
    return attempt


def attempts_regrade(*, quiz: Quiz) -> int:
    """Grade every submitted attempt of `quiz` again (after a key was corrected, say).

    Reads every response and version once and writes in bulk: 1,000 attempts of 20
    questions take a couple of seconds.
    """
    with transaction.atomic():
        attempts = {
            a.pk: a
            for a in Attempt.objects.filter(quiz=quiz).exclude(state=Attempt.State.IN_PROGRESS)
        }
        rows = list(AttemptQuestion.objects.filter(attempt_id__in=list(attempts)))
        _grade_rows(rows, _versions_data(rows))
        _update_grouped(AttemptQuestion, rows, ["fraction", "score", "needs_grading"])
        by_attempt: dict[int, list[AttemptQuestion]] = defaultdict(list)
        for row in rows:
            by_attempt[row.attempt_id].append(row)
        for pk, attempt in attempts.items():
            _attempt_totals(attempt, by_attempt[pk])
        _update_grouped(Attempt, list(attempts.values()), ["score", "max_score", "grade", "state"])
    users = {a.user_id for a in attempts.values()}
    for user_id in users:
        _report_completion(quiz.pk, user_id)
    return len(attempts)


# Learning hooks.


def final_grade(quiz: Quiz, attempts: list[Attempt]) -> Decimal | None:
    """The grade that counts under the quiz's grading method, from finished attempts."""
    graded = sorted(
        (a for a in attempts if a.state == Attempt.State.GRADED and a.grade is not None),
        key=lambda a: a.number,
    )
    if not graded:
        return None
    method = quiz.grading_method
    if method == Quiz.GradingMethod.FIRST:
        return graded[0].grade
    if method == Quiz.GradingMethod.LAST:
        return graded[-1].grade
    if method == Quiz.GradingMethod.AVERAGE:
        return _quantize(sum((a.grade for a in graded), Decimal("0")) / len(graded))
    return max(a.grade for a in graded)


def quiz_outcome(quiz: Quiz, grade: Decimal | None) -> str | None:
    """ "passed", "failed" or "complete" (no pass grade) for a final grade."""
    if grade is None:
        return None
    if quiz.pass_grade is None:
        return "complete"
    return "passed" if grade >= quiz.pass_grade else "failed"


def _report_completion(quiz_id: int, user_id: int) -> None:
    """Tell the learning app how the learner stands on a quiz that is a course item."""
    quiz = Quiz.objects.filter(pk=quiz_id).first()
    item = getattr(quiz, "item", None) if quiz and integration.learning_ready() else None
    if item is None:
        return
    from django.contrib.auth import get_user_model

    from capdev.learning.services import completion_record

    user = get_user_model().objects.get(pk=user_id)
    attempts = list(Attempt.objects.filter(quiz=quiz, user_id=user_id))
    grade = final_grade(quiz, attempts)
    state = quiz_outcome(quiz, grade)
    if state is not None:
        completion_record(user, item, state=state, grade=grade)
