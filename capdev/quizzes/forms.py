from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from capdev.core.uploads import detect_kind, validate_upload
from capdev.quizzes.models import AttemptQuestion, QuestionCategory, QuestionType, Quiz, TextFormat

MAX_TEXT_RESPONSE = 20_000
GIFT_MAX_BYTES = 20 * 1024 * 1024


def _int(value) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def responses_from_post(rows: list[AttemptQuestion], post) -> dict[int, dict | None]:
    """Responses to the questions of one page, read defensively from the form data.

    Only the questions listed in the form's `shown` fields are read, so an empty set of
    checkboxes clears a response on its own page and touches nothing on other pages.
    """
    shown = {_int(v) for v in post.getlist("shown")}
    responses: dict[int, dict | None] = {}
    for row in rows:
        if row.position not in shown:
            continue
        data = row.version.data
        name = f"q{row.position}"
        qtype = data["type"]
        if qtype == QuestionType.MULTICHOICE:
            allowed = set(row.choice_order)
            if data.get("single", True):
                choice = _int(post.get(name))
                responses[row.position] = {"choice": choice if choice in allowed else None}
            else:
                picked = sorted({c for c in map(_int, post.getlist(name)) if c in allowed})
                responses[row.position] = {"choices": picked}
        elif qtype == QuestionType.TRUEFALSE:
            value = post.get(name)
            responses[row.position] = {
                "value": True if value == "true" else False if value == "false" else None
            }
        elif qtype == QuestionType.MATCHING:
            options = set(row.choice_order)
            matches = {}
            for index, sub in enumerate(data.get("subquestions") or []):
                chosen = post.get(f"{name}_{index}", "")
                if sub.get("text") and chosen in options:
                    matches[str(index)] = chosen
            responses[row.position] = {"matches": matches}
        elif qtype in (QuestionType.SHORTANSWER, QuestionType.NUMERICAL, QuestionType.ESSAY):
            limit = MAX_TEXT_RESPONSE if qtype == QuestionType.ESSAY else 1000
            responses[row.position] = {"text": str(post.get(name, ""))[:limit]}
    return responses


class QuizForm(forms.ModelForm):
    class Meta:
        model = Quiz
        fields = [
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
        ]
        widgets = {
            "open_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "close_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "intro": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("open_at"), cleaned.get("close_at")
        if opens and closes and closes <= opens:
            self.add_error("close_at", _("The quiz must close after it opens."))
        return cleaned


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    parent = forms.ModelChoiceField(
        label=_("Inside"),
        queryset=QuestionCategory.objects.none(),
        required=False,
        empty_label=_("(top level)"),
    )

    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if categories is not None:
            self.fields["parent"].queryset = categories


class GiftImportForm(forms.Form):
    file = forms.FileField(label=_("GIFT file"), required=False)
    text = forms.CharField(
        label=_("or paste GIFT text"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    category = forms.CharField(
        label=_("Import into category"),
        max_length=255,
        required=False,
        help_text=_("Created if missing. $CATEGORY: lines in the file become subcategories."),
    )
    dry_run = forms.BooleanField(label=_("Check only, import nothing"), required=False)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        try:
            validate_upload(
                upload, allowed={"text", "markdown", "csv", "html"}, max_bytes=GIFT_MAX_BYTES
            )
        except ValidationError as error:
            # Text in another encoding: the GIFT reader says precisely what is wrong.
            if error.code != "wrong_type" or detect_kind(upload) is not None:
                raise
        upload.seek(0)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not (cleaned.get("text") or "").strip():
            raise ValidationError(_("Choose a file or paste some GIFT text."))
        return cleaned

    def gift_data(self) -> bytes | str:
        upload = self.cleaned_data.get("file")
        return upload.read() if upload else self.cleaned_data["text"]


class QuestionForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=QuestionCategory.objects.none())
    name = forms.CharField(label=_("Question name"), max_length=255)
    text = forms.CharField(label=_("Question text"), widget=forms.Textarea(attrs={"rows": 5}))
    text_format = forms.ChoiceField(
        label=_("Text format"), choices=TextFormat.choices, initial=TextFormat.MOODLE
    )
    default_mark = forms.DecimalField(
        label=_("Default mark"), min_value=0, max_digits=7, decimal_places=2, initial=1
    )
    general_feedback = forms.CharField(
        label=_("General feedback"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown after submission whatever the answer."),
    )
    idnumber = forms.CharField(label=_("ID number"), max_length=100, required=False)
    tags = forms.CharField(
        label=_("Tags"), required=False, help_text=_("Separate tags with commas.")
    )
    shuffle = forms.BooleanField(label=_("Shuffle the choices"), required=False, initial=True)
    case_sensitive = forms.BooleanField(label=_("Case matters"), required=False)
    correct = forms.TypedChoiceField(
        label=_("The right answer"),
        choices=[("true", _("True")), ("false", _("False"))],
        coerce=lambda v: v == "true",
        required=False,
    )
    feedback_true = forms.CharField(
        label=_("Feedback for 'True'"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    feedback_false = forms.CharField(
        label=_("Feedback for 'False'"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, qtype: str, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.qtype = qtype
        if categories is not None:
            self.fields["category"].queryset = categories
        if qtype == QuestionType.DESCRIPTION:
            del self.fields["default_mark"]
        if qtype != QuestionType.MULTICHOICE:
            del self.fields["shuffle"]
        if qtype != QuestionType.SHORTANSWER:
            del self.fields["case_sensitive"]
        if qtype != QuestionType.TRUEFALSE:
            for name in ("correct", "feedback_true", "feedback_false"):
                del self.fields[name]
        else:
            self.fields["correct"].required = True

    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data.get("tags", "").split(",") if t.strip()]


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Answer"), required=False, max_length=2000)
    fraction = forms.DecimalField(
        label=_("Grade (%)"), required=False, min_value=-100, max_value=100, initial=0
    )
    tolerance = forms.FloatField(label=_("Tolerance (±)"), required=False, min_value=0)
    feedback = forms.CharField(
        label=pgettext_lazy("answer", "Feedback"), required=False, max_length=2000
    )


class SubquestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), required=False, max_length=2000)
    answer = forms.CharField(label=_("Matching answer"), required=False, max_length=500)


AnswerFormSet = forms.formset_factory(AnswerForm, extra=3, max_num=30)
SubquestionFormSet = forms.formset_factory(SubquestionForm, extra=3, max_num=30)


class AddQuestionForm(forms.Form):
    question = forms.ModelChoiceField(label=_("Question"), queryset=None)
    page = forms.IntegerField(label=_("On page"), min_value=1, required=False)

    def __init__(self, *args, questions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = questions


class AddRandomForm(forms.Form):
    category = forms.ModelChoiceField(label=_("From category"), queryset=None)
    count = forms.IntegerField(label=_("How many"), min_value=1, max_value=100, initial=1)
    include_subcategories = forms.BooleanField(
        label=_("Include subcategories"), required=False, initial=True
    )
    page = forms.IntegerField(label=_("On page"), min_value=1, required=False)
    mark = forms.DecimalField(
        label=_("Mark each"), min_value=0, max_digits=7, decimal_places=2, initial=1
    )

    def __init__(self, *args, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class SlotForm(forms.Form):
    page = forms.IntegerField(label=_("Page"), min_value=1)
    mark = forms.DecimalField(label=_("Mark"), min_value=0, max_digits=7, decimal_places=2)


class RepaginateForm(forms.Form):
    per_page = forms.IntegerField(
        label=_("Questions per page"), min_value=0, max_value=50, initial=1,
        help_text=_("0 puts every question on one page."),
    )  # fmt: skip


class GradeForm(forms.Form):
    score = forms.DecimalField(label=_("Score"), min_value=0, max_digits=7, decimal_places=2)
    comment = forms.CharField(
        label=_("Comment for the learner"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
