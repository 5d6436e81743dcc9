"""What a page shows of a question: text in its format, and the choices a learner has.

`question_display(row)` builds what the attempt page needs and nothing more: texts and
choices, never grades, feedback or right answers. `question_review(row, quiz, ...)`
adds those, as far as the quiz's review options allow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from capdev.core.sanitize import clean_html
from capdev.quizzes import grading
from capdev.quizzes.models import AttemptQuestion, Quiz

_markdown = MarkdownIt("commonmark")


def render_text(text: str | None, text_format: str | None) -> SafeString:
    """A question text as safe HTML, read in its GIFT text format."""
    text = text or ""
    if text_format == "plain":
        return mark_safe(linebreaks(escape(text)))  # noqa: S308 - escaped above
    if text_format == "markdown":
        return mark_safe(clean_html(_markdown.render(text)))  # noqa: S308 - sanitised
    if text_format == "html":
        return mark_safe(clean_html(text))  # noqa: S308 - sanitised
    # Moodle's auto-format: HTML allowed, line breaks kept.
    return mark_safe(clean_html(text.replace("\n", "<br>")))  # noqa: S308 - sanitised


@dataclass
class Choice:
    value: str
    label: SafeString
    selected: bool = False
    # Review only:
    fraction: float | None = None
    feedback: SafeString | None = None


@dataclass
class SubQuestion:
    name: str
    label: SafeString
    options: list[str]
    selected: str = ""
    right_answer: str | None = None  # review only
    is_right: bool | None = None  # review only


@dataclass
class QuestionDisplay:
    row: AttemptQuestion
    position: int
    qtype: str
    name: str
    text: SafeString
    field: str
    mark: object
    multiple: bool = False
    choices: list[Choice] = field(default_factory=list)
    subquestions: list[SubQuestion] = field(default_factory=list)
    text_answer: str = ""
    tf_value: bool | None = None
    answered: bool = False
    # Review only:
    reviewed: bool = False
    show_correctness: bool = False
    show_marks: bool = False
    score: object = None
    outcome: str = ""  # "right", "partial", "wrong", "pending"
    feedback: list[SafeString] = field(default_factory=list)
    general_feedback: SafeString | None = None
    right_answer: str = ""
    comment: str = ""


def question_display(row: AttemptQuestion) -> QuestionDisplay:
    data = row.version.data
    response = row.response if isinstance(row.response, dict) else {}
    fmt = data.get("text_format")
    display = QuestionDisplay(
        row=row,
        position=row.position,
        qtype=data["type"],
        name=data.get("name", ""),
        text=render_text(data.get("text"), fmt),
        field=f"q{row.position}",
        mark=row.mark,
        answered=grading.is_answered(data, response),
    )
    qtype = data["type"]
    if qtype == "multichoice":
        answers = data.get("answers") or []
        display.multiple = not data.get("single", True)
        chosen = set(response.get("choices") or []) | {response.get("choice")}
        display.choices = [
            Choice(str(i), render_text(answers[i]["text"], fmt), i in chosen)
            for i in row.choice_order
            if isinstance(i, int) and 0 <= i < len(answers)
        ]
    elif qtype == "truefalse":
        value = response.get("value")
        display.tf_value = value if isinstance(value, bool) else None
    elif qtype == "matching":
        matches = response.get("matches") or {}
        options = [str(o) for o in row.choice_order]
        display.subquestions = [
            SubQuestion(
                name=f"{display.field}_{index}",
                label=render_text(sub["text"], fmt),
                options=options,
                selected=str(matches.get(str(index)) or ""),
            )
            for index, sub in enumerate(data.get("subquestions") or [])
            if sub.get("text")
        ]
    elif qtype in ("shortanswer", "numerical", "essay"):
        display.text_answer = str(response.get("text") or "")
    return display


def _outcome(row: AttemptQuestion) -> str:
    if row.needs_grading:
        return "pending"
    if row.fraction is None:
        return ""
    if row.fraction >= 1:
        return "right"
    if row.fraction > 0:
        return "partial"
    return "wrong"


def question_review(row: AttemptQuestion, quiz: Quiz, *, full: bool) -> QuestionDisplay:
    """The question after submission; `full` (a trainer) shows everything."""
    display = question_display(row)
    data = row.version.data
    fmt = data.get("text_format")
    display.reviewed = True
    show_responses = full or quiz.review_responses
    if not show_responses:
        for choice in display.choices:
            choice.selected = False
        for sub in display.subquestions:
            sub.selected = ""
        display.text_answer = ""
        display.tf_value = None
    display.show_correctness = full or quiz.review_correctness
    display.show_marks = full or quiz.review_marks
    display.score = row.score
    display.outcome = _outcome(row) if display.show_correctness else ""
    if full or quiz.review_feedback:
        display.feedback = [render_text(text, fmt) for text in grading.feedback(data, row.response)]
        if data.get("general_feedback"):
            display.general_feedback = render_text(data["general_feedback"], fmt)
        display.comment = row.comment
    if full or quiz.review_correct_answers:
        display.right_answer = grading.right_answer_summary(data)
        answers = data.get("answers") or []
        for choice in display.choices:
            index = int(choice.value)
            choice.fraction = float(answers[index]["fraction"])
        for index, sub in enumerate(s for s in data.get("subquestions") or [] if s.get("text")):
            if index < len(display.subquestions):
                display.subquestions[index].right_answer = sub["answer"]
    if display.show_correctness and show_responses:
        subs = [s for s in data.get("subquestions") or [] if s.get("text")]
        for sub, shown in zip(subs, display.subquestions, strict=False):
            shown.is_right = shown.selected == sub["answer"]
    return display
