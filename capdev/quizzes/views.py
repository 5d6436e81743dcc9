from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from capdev.core.tabular import export_response
from capdev.quizzes import forms, integration, rendering, selectors, services
from capdev.quizzes.gift import GiftError
from capdev.quizzes.models import Attempt, QuestionType


def _require_bank(user) -> None:
    if not selectors.can_use_bank(user):
        raise PermissionDenied


def _managed_quiz(user, pk: int):
    quiz, manages = selectors.quiz_get_for_user(user, pk)
    if not manages:
        raise PermissionDenied
    return quiz


# Quizzes.


@login_required
@require_safe
def index(request):
    user = request.user
    available = list(selectors.quizzes_available_to(user).select_related())
    grades = {quiz.pk: selectors.user_quiz_grade(user, quiz) for quiz in available}
    return render(
        request,
        "quizzes/index.html",
        {
            "available": [(quiz, *grades[quiz.pk]) for quiz in available],
            "managed": selectors.quizzes_managed_by(user).order_by("title"),
            "can_create": selectors.can_create_quiz(user),
            "can_use_bank": selectors.can_use_bank(user),
            "to_grade": selectors.grading_queue(user).count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def quiz_create(request):
    if not selectors.can_create_quiz(request.user):
        raise PermissionDenied
    form = forms.QuizForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        quiz = services.quiz_create(owner=request.user, **form.cleaned_data)
        messages.success(request, _("The quiz has been created. Now add its questions."))
        return redirect("quizzes:questions", quiz.pk)
    return render(request, "quizzes/quiz_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def quiz_edit(request, pk: int):
    quiz = _managed_quiz(request.user, pk)
    form = forms.QuizForm(request.POST or None, instance=quiz)
    if request.method == "POST" and form.is_valid():
        services.quiz_update(quiz=quiz, **form.cleaned_data)
        messages.success(request, _("The quiz has been saved."))
        return redirect("quizzes:quiz", quiz.pk)
    return render(request, "quizzes/quiz_form.html", {"form": form, "quiz": quiz})


def quiz_page(request, quiz, manages: bool, *, item=None):
    user = request.user
    attempts = selectors.attempts_of(user, quiz)
    grade, outcome = selectors.user_quiz_grade(user, quiz)
    allowed, reason = integration.quiz_access(user, quiz)
    now = timezone.now()
    open_attempt = next((a for a in attempts if a.state == Attempt.State.IN_PROGRESS), None)
    used = len(attempts)
    can_start = (
        allowed
        and (quiz.is_published or manages)
        and services.quiz_is_open(quiz, now)
        and (open_attempt is not None or not quiz.attempts_allowed or used < quiz.attempts_allowed)
    )
    context = integration.item_page_context(user, item) if item is not None else {}
    return render(
        request,
        "quizzes/quiz_item.html" if item is not None else "quizzes/quiz.html",
        {
            **context,
            "quiz": quiz,
            "manages": manages,
            "attempts": attempts,
            "grade": grade,
            "outcome": outcome,
            "open_attempt": open_attempt,
            "can_start": can_start,
            "reason": reason,
            "is_open": services.quiz_is_open(quiz, now),
            "slot_count": quiz.slots.count(),
        },
    )


@login_required
@require_safe
def quiz_detail(request, pk: int):
    quiz, manages = selectors.quiz_get_for_user(request.user, pk)
    return quiz_page(request, quiz, manages)


def quiz_item(request, item):
    """The page of a course item of kind "quiz" (called by learning after its access check)."""
    quiz = getattr(item, "quiz", None)
    if quiz is None:
        context = integration.item_page_context(request.user, item)
        return render(request, "quizzes/item_missing.html", context)
    return quiz_page(request, quiz, selectors.can_manage_quiz(request.user, quiz), item=item)


@login_required
@require_POST
def item_setup(request, item_id: int):
    """A course trainer makes the quiz of a quiz item that has none yet."""
    item = integration.quiz_item_for_trainer(request.user, item_id)
    if item is None:
        raise Http404
    quiz = getattr(item, "quiz", None) or services.quiz_create(
        title=item.title, owner=request.user, item=item, is_published=True
    )
    return redirect("quizzes:questions", quiz.pk)


@login_required
@require_POST
def quiz_start(request, pk: int):
    quiz, manages = selectors.quiz_get_for_user(request.user, pk)
    if not (quiz.is_published or manages):
        raise Http404
    try:
        attempt = services.attempt_start(quiz=quiz, user=request.user)
    except services.QuizError as error:
        messages.error(request, str(error))
        return redirect("quizzes:quiz", quiz.pk)
    return redirect("quizzes:attempt", attempt.pk)


# Taking a quiz.


def _own_open_attempt(request, pk: int) -> Attempt:
    attempt, _manages = selectors.attempt_get_for_user(request.user, pk)
    if attempt.user_id != request.user.pk:
        raise Http404
    services.attempt_close_if_overdue(attempt=attempt)
    attempt.refresh_from_db()
    return attempt


def _page_number(value, pages: list[int]) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = pages[0] if pages else 1
    return number if number in pages else (pages[0] if pages else 1)


@login_required
@require_http_methods(["GET", "POST"])
def attempt_page(request, pk: int):
    attempt = _own_open_attempt(request, pk)
    if attempt.is_finished:
        return redirect("quizzes:review", attempt.pk)
    pages = selectors.attempt_pages(attempt)
    if request.method == "POST":
        rows = selectors.attempt_questions(attempt)
        services.attempt_save(
            attempt=attempt, responses=forms.responses_from_post(rows, request.POST)
        )
        attempt.refresh_from_db()
        if attempt.is_finished:
            messages.warning(request, _("Time was up: your attempt has been submitted."))
            return redirect("quizzes:review", attempt.pk)
        if "finish" in request.POST:
            return redirect("quizzes:summary", attempt.pk)
        page = _page_number(request.POST.get("goto"), pages)
        return redirect(f"{reverse('quizzes:attempt', args=[attempt.pk])}?page={page}")
    page = _page_number(request.GET.get("page"), pages)
    rows = selectors.attempt_questions(attempt, page=page)
    index = pages.index(page) if page in pages else 0
    return render(
        request,
        "quizzes/attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "questions": [rendering.question_display(row) for row in rows],
            "page": page,
            "pages": pages,
            "previous_page": pages[index - 1] if index > 0 else None,
            "next_page": pages[index + 1] if index + 1 < len(pages) else None,
        },
    )


@login_required
@require_POST
def attempt_save(request, pk: int):
    """Autosave (HTMX): store the page's responses and say when."""
    attempt = _own_open_attempt(request, pk)
    saved = False
    if not attempt.is_finished:
        rows = selectors.attempt_questions(attempt)
        saved = services.attempt_save(
            attempt=attempt, responses=forms.responses_from_post(rows, request.POST)
        )
    if not saved:
        response = HttpResponse(_("This attempt is closed."), status=200)
        response["HX-Redirect"] = reverse("quizzes:review", args=[attempt.pk])
        return response
    now = timezone.localtime()
    return HttpResponse(
        _("Saved at %(time)s") % {"time": date_format(now, "H:i:s")},
        content_type="text/plain; charset=utf-8",
    )


@login_required
@require_safe
def attempt_summary(request, pk: int):
    attempt = _own_open_attempt(request, pk)
    if attempt.is_finished:
        return redirect("quizzes:review", attempt.pk)
    rows = selectors.attempt_questions(attempt)
    return render(
        request,
        "quizzes/summary.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "questions": [rendering.question_display(row) for row in rows],
        },
    )


@login_required
@require_POST
def attempt_submit(request, pk: int):
    attempt, _manages = selectors.attempt_get_for_user(request.user, pk)
    if attempt.user_id != request.user.pk:
        raise Http404
    _attempt, submitted = services.attempt_submit(attempt_id=attempt.pk)
    if submitted:
        messages.success(request, _("Your attempt has been submitted."))
    return redirect("quizzes:review", attempt.pk)


@login_required
@require_safe
def attempt_review(request, pk: int):
    attempt, manages = selectors.attempt_get_for_user(request.user, pk)
    if attempt.state == Attempt.State.IN_PROGRESS:
        services.attempt_close_if_overdue(attempt=attempt)
        attempt.refresh_from_db()
    if attempt.state == Attempt.State.IN_PROGRESS:
        if attempt.user_id == request.user.pk:
            return redirect("quizzes:attempt", attempt.pk)
        raise Http404
    quiz = attempt.quiz
    full = manages
    rows = selectors.attempt_questions(attempt)
    return render(
        request,
        "quizzes/review.html",
        {
            "attempt": attempt,
            "quiz": quiz,
            "manages": manages,
            "show_marks": full or quiz.review_marks,
            "questions": [rendering.question_review(row, quiz, full=full) for row in rows],
        },
    )


# Trainers: questions of a quiz, results, analysis, grading.


@login_required
@require_http_methods(["GET", "POST"])
def quiz_questions(request, pk: int):
    quiz = _managed_quiz(request.user, pk)
    user = request.user
    questions = selectors.questions_visible_to(user)
    categories = selectors.categories_visible_to(user)
    add_form = forms.AddQuestionForm(prefix="add", questions=questions)
    random_form = forms.AddRandomForm(prefix="random", categories=categories)
    page_form = forms.RepaginateForm(prefix="pages")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add":
                add_form = forms.AddQuestionForm(request.POST, prefix="add", questions=questions)
                if add_form.is_valid():
                    services.quiz_add_question(
                        quiz=quiz,
                        question=add_form.cleaned_data["question"],
                        page=add_form.cleaned_data["page"],
                    )
                    return redirect("quizzes:questions", quiz.pk)
            elif action == "random":
                random_form = forms.AddRandomForm(
                    request.POST, prefix="random", categories=categories
                )
                if random_form.is_valid():
                    services.quiz_add_random(quiz=quiz, **random_form.cleaned_data)
                    return redirect("quizzes:questions", quiz.pk)
            elif action == "repaginate":
                page_form = forms.RepaginateForm(request.POST, prefix="pages")
                if page_form.is_valid():
                    services.quiz_repaginate(quiz=quiz, per_page=page_form.cleaned_data["per_page"])
                    return redirect("quizzes:questions", quiz.pk)
            elif action in ("update", "remove"):
                slot = quiz.slots.filter(pk=forms._int(request.POST.get("slot"))).first()
                if slot is None:
                    raise Http404
                if action == "remove":
                    services.quiz_slot_remove(slot=slot)
                    return redirect("quizzes:questions", quiz.pk)
                slot_form = forms.SlotForm(request.POST)
                if slot_form.is_valid():
                    services.quiz_slot_update(slot=slot, **slot_form.cleaned_data)
                    return redirect("quizzes:questions", quiz.pk)
                messages.error(request, _("Give a page from 1 and a mark from 0."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    slots = list(selectors.slots_of(quiz))
    return render(
        request,
        "quizzes/quiz_questions.html",
        {
            "quiz": quiz,
            "slots": slots,
            "total": sum((s.mark for s in slots), Decimal("0")),
            "add_form": add_form,
            "random_form": random_form,
            "page_form": page_form,
            "has_attempts": quiz.attempts.exists(),
        },
    )


@login_required
@require_safe
def quiz_results(request, pk: int):
    quiz = _managed_quiz(request.user, pk)
    rows = selectors.quiz_results(quiz)
    if request.GET.get("format") in ("csv", "xlsx"):
        header = [
            _("Learner"),
            _("E-mail"),
            _("Attempts"),
            _("Final grade (%)"),
            _("Outcome"),
            _("Last submitted"),
        ]
        data = [
            [
                row.user.get_full_name() or row.user.email,
                row.user.email,
                len(row.attempts),
                "" if row.grade is None else f"{row.grade:.2f}",
                row.outcome or "",
                max(
                    (a.submitted_at for a in row.attempts if a.submitted_at),
                    default=None,
                )
                or "",
            ]
            for row in rows
        ]
        fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
        return export_response(
            headers=header,
            rows=data,
            filename=f"quiz-{quiz.pk}-{slugify(quiz.title)[:40]}-results",
            fmt=fmt,
        )
    return render(request, "quizzes/results.html", {"quiz": quiz, "rows": rows})


@login_required
@require_safe
def quiz_analysis(request, pk: int):
    quiz = _managed_quiz(request.user, pk)
    return render(
        request,
        "quizzes/analysis.html",
        {"quiz": quiz, "stats": selectors.item_analysis(quiz)},
    )


@login_required
@require_safe
def grading_queue(request):
    rows = selectors.grading_queue(request.user)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "quizzes/grading_queue.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def grade_question(request, pk: int):
    row = selectors.grading_row_get_for_user(request.user, pk)
    form = forms.GradeForm(
        request.POST or None,
        initial={"score": row.score if row.score is not None else "", "comment": row.comment},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attempt_grade_question(row=row, grader=request.user, **form.cleaned_data)
        except (ValidationError, services.QuizError) as error:
            form.add_error("score", " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("The grade has been saved."))
            following = selectors.grading_queue(request.user).first()
            if following is not None:
                return redirect("quizzes:grade", following.pk)
            return redirect("quizzes:grading")
    return render(
        request,
        "quizzes/grade.html",
        {
            "row": row,
            "form": form,
            "question": rendering.question_review(row, row.attempt.quiz, full=True),
        },
    )


# The question bank.


@login_required
@require_http_methods(["GET", "POST"])
def bank(request):
    user = request.user
    _require_bank(user)
    categories = selectors.categories_visible_to(user)
    category_form = forms.CategoryForm(request.POST or None, categories=categories)
    if request.method == "POST" and category_form.is_valid():
        try:
            category = services.category_create(
                name=category_form.cleaned_data["name"],
                parent=category_form.cleaned_data["parent"],
                user=user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The category has been created."))
            return redirect(f"{reverse('quizzes:bank')}?category={category.pk}")
    selected = None
    category_id = forms._int(request.GET.get("category"))
    if category_id is not None:
        selected = categories.filter(pk=category_id).first()
    questions = selectors.questions_visible_to(
        user,
        category=selected,
        include_subcategories=True,
        tag=request.GET.get("tag", "")[:100],
        search=request.GET.get("q", "")[:200],
        qtype=request.GET.get("type", "") if request.GET.get("type") in QuestionType.values else "",
    )
    page = Paginator(questions, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "quizzes/bank.html",
        {
            "tree": selectors.category_tree(user),
            "selected": selected,
            "page": page,
            "category_form": category_form,
            "types": QuestionType.choices,
            "filters": request.GET,
        },
    )


def _question_initial(question) -> tuple[dict, list[dict], list[dict]]:
    data = question.current_version.data
    initial = {
        "category": question.category_id,
        "name": question.name,
        "text": data.get("text", ""),
        "text_format": data.get("text_format", "moodle"),
        "default_mark": question.current_version.default_mark,
        "general_feedback": data.get("general_feedback") or "",
        "idnumber": question.idnumber,
        "tags": ", ".join(t.name for t in question.tags.all()),
        "shuffle": data.get("shuffle", True),
        "case_sensitive": data.get("case_sensitive", False),
        "correct": "true" if data.get("correct") else "false",
        "feedback_true": data.get("feedback_true") or "",
        "feedback_false": data.get("feedback_false") or "",
    }
    answers = [
        {
            "text": a["text"]
            if a.get("value") is None
            else ("*" if a["text"] == "*" else f"{a['value']:g}"),
            "fraction": Decimal(str(a["fraction"])) * 100,
            "tolerance": a.get("tolerance"),
            "feedback": a.get("feedback") or "",
        }
        for a in data.get("answers") or []
    ]
    return initial, answers, list(data.get("subquestions") or [])


def _question_data(qtype: str, form, answers, subquestions) -> dict:
    cleaned = form.cleaned_data
    data = {
        "type": qtype,
        "name": cleaned["name"],
        "text": cleaned["text"],
        "text_format": cleaned["text_format"],
        "general_feedback": cleaned.get("general_feedback") or None,
        "shuffle": cleaned.get("shuffle", True),
        "case_sensitive": cleaned.get("case_sensitive", False),
        "correct": cleaned.get("correct"),
        "feedback_true": cleaned.get("feedback_true") or None,
        "feedback_false": cleaned.get("feedback_false") or None,
        "answers": [],
        "subquestions": [],
    }
    for answer in answers.cleaned_data:
        if not answer or not (answer.get("text") or "").strip():
            continue
        entry = {
            "text": answer["text"].strip(),
            "fraction": float(answer.get("fraction") or 0) / 100,
            "feedback": answer.get("feedback") or None,
        }
        if qtype == QuestionType.NUMERICAL and entry["text"] != "*":
            entry["tolerance"] = answer.get("tolerance") or 0
            entry["value"] = None
            try:
                entry["value"] = float(entry["text"].replace(",", "."))
            except ValueError:
                raise ValidationError(
                    _("'%(text)s' is not a number.") % {"text": entry["text"]}
                ) from None
        data["answers"].append(entry)
    for sub in subquestions.cleaned_data:
        if sub and (sub.get("answer") or "").strip():
            data["subquestions"].append({"text": sub.get("text", ""), "answer": sub["answer"]})
    return data


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, pk: int | None = None):
    user = request.user
    _require_bank(user)
    categories = selectors.categories_visible_to(user)
    question = selectors.question_get_for_user(user, pk) if pk else None
    qtype = question.qtype if question else request.GET.get("type", "")
    if qtype not in QuestionType.values:
        return render(request, "quizzes/question_type.html", {"types": QuestionType.choices})
    if question:
        initial, answer_initial, sub_initial = _question_initial(question)
    else:
        category = forms._int(request.GET.get("category"))
        initial, answer_initial, sub_initial = {"category": category}, [], []
    form = forms.QuestionForm(
        request.POST or None, initial=initial, qtype=qtype, categories=categories
    )
    # Initial values only to show; bound extra forms equal to them would count as unchanged.
    bound = request.method == "POST"
    answers = forms.AnswerFormSet(
        request.POST if bound else None, initial=None if bound else answer_initial, prefix="answers"
    )
    subquestions = forms.SubquestionFormSet(
        request.POST if bound else None, initial=None if bound else sub_initial, prefix="subs"
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and answers.is_valid()
        and subquestions.is_valid()
    ):
        try:
            data = _question_data(qtype, form, answers, subquestions)
            fields = {
                "data": data,
                "user": user,
                "default_mark": form.cleaned_data.get("default_mark") or 0,
                "idnumber": form.cleaned_data["idnumber"],
                "tags": form.tag_list(),
            }
            if question:
                question = services.question_update(
                    question=question, category=form.cleaned_data["category"], **fields
                )
                messages.success(request, _("Saved as a new version of the question."))
            else:
                question = services.question_create(
                    category=form.cleaned_data["category"], **fields
                )
                messages.success(request, _("The question has been created."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(f"{reverse('quizzes:bank')}?category={question.category_id}")
    return render(
        request,
        "quizzes/question_form.html",
        {
            "form": form,
            "answers": answers,
            "subquestions": subquestions,
            "question": question,
            "qtype": qtype,
            "qtype_label": QuestionType(qtype).label,
            "versions": question.versions.order_by("-number")[:10] if question else [],
        },
    )


@login_required
@require_safe
def question_preview(request, pk: int):
    _require_bank(request.user)
    question = selectors.question_get_for_user(request.user, pk)
    data = question.current_version.data
    from capdev.quizzes import grading

    return render(
        request,
        "quizzes/question_preview.html",
        {
            "question": question,
            "data": data,
            "text": rendering.render_text(data.get("text"), data.get("text_format")),
            "general_feedback": rendering.render_text(
                data.get("general_feedback"), data.get("text_format")
            )
            if data.get("general_feedback")
            else None,
            "right_answer": grading.right_answer_summary(data),
        },
    )


@login_required
@require_POST
def question_delete(request, pk: int):
    _require_bank(request.user)
    question = selectors.question_get_for_user(request.user, pk)
    category_id = question.category_id
    if services.question_delete(question=question):
        messages.success(request, _("The question has been deleted."))
    else:
        messages.success(
            request, _("The question is used by quizzes or attempts, so it has been hidden.")
        )
    return redirect(f"{reverse('quizzes:bank')}?category={category_id}")


@login_required
@require_http_methods(["GET", "POST"])
def gift_import(request):
    _require_bank(request.user)
    form = forms.GiftImportForm(request.POST or None, request.FILES or None)
    preview = None
    problems: list = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.gift_import(
                data=form.gift_data(),
                user=request.user,
                category_name=form.cleaned_data["category"] or None,
                dry_run=form.cleaned_data["dry_run"],
            )
        except GiftError as error:
            problems = error.problems
        else:
            if form.cleaned_data["dry_run"]:
                preview = [
                    {**question, "type_label": QuestionType(question["type"]).label}
                    for question in result.questions
                ]
            else:
                messages.success(
                    request,
                    ngettext(
                        "Imported %(count)s question into %(categories)s.",
                        "Imported %(count)s questions into %(categories)s.",
                        result.created,
                    )
                    % {"count": result.created, "categories": ", ".join(result.categories)},
                )
                return redirect("quizzes:bank")
    return render(
        request,
        "quizzes/gift_import.html",
        {"form": form, "preview": preview, "problems": problems},
    )


@login_required
@require_safe
def gift_export(request, pk: int):
    _require_bank(request.user)
    category = selectors.category_get_for_user(request.user, pk)
    text = services.gift_export(category=category)
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    name = slugify(category.name) or "questions"
    response["Content-Disposition"] = f'attachment; filename="{name}.gift.txt"'
    return response
