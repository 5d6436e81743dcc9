import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from capdev.accounts.roles import Role
from capdev.core.forms import CountryChoiceField
from capdev.core.models import Country, Theme
from capdev.learning import access_rules
from capdev.learning.models import Course, Item, Section


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any")), *Course.Language.choices]
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("Any")), *Course.Level.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        themes = Theme.objects.filter(courses__status=Course.Status.PUBLISHED).distinct()
        self.fields["theme"].choices = [("", _("Any"))] + [
            (theme.slug, theme.localized_name) for theme in themes
        ]


class AccessRuleField(forms.CharField):
    """An access rule typed as JSON; checked for shape here and for references on save."""

    widget = forms.Textarea(attrs={"rows": 4, "spellcheck": "false"})

    def prepare_value(self, value):
        if isinstance(value, dict):
            return json.dumps(value, indent=1)
        return value

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        try:
            rule = json.loads(value)
        except json.JSONDecodeError as error:
            raise ValidationError(
                _("This is not valid JSON: %(error)s"), params={"error": error}
            ) from error
        return access_rules.validate_rule(rule)


RULE_HELP = _(
    'Leave empty for no restriction. Example: {"op": "all", "rules": [{"type": "item", '
    '"item": 12, "state": "complete"}]}. Kinds: item (complete / passed / failed), date '
    '(from / until), grade (min, max), profile (country / organisation_type); groups "all" '
    'or "any"; "negate": true on any part. See the user guide.'
)


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "title",
            "slug",
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
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }


class SectionForm(forms.ModelForm):
    access_rule = AccessRuleField(label=_("Access rule"), required=False, help_text=RULE_HELP)

    class Meta:
        model = Section
        fields = ["title", "summary", "is_published", "access_rule"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class ItemForm(forms.ModelForm):
    access_rule = AccessRuleField(label=_("Access rule"), required=False, help_text=RULE_HELP)

    class Meta:
        model = Item
        fields = [
            "kind",
            "title",
            "key",
            "section",
            "is_published",
            "body",
            "url",
            "file",
            "transcript",
            "event_date",
            "due_at",
            "completion_rule",
            "passing_grade",
            "required_for_completion",
            "access_rule",
        ]
        widgets = {
            "event_date": forms.DateInput(attrs={"type": "date"}),
            "due_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "body": forms.Textarea(attrs={"rows": 8}),
            "transcript": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = course.sections.all()
        self.fields["key"].required = False
        self.fields["key"].help_text = _("Left empty, it is made from the title.")


class EnrolKeyForm(forms.Form):
    key = forms.CharField(label=_("Enrolment key"), required=False, max_length=60)


class TrainerEnrolForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or more, separated by commas, spaces or new lines."),
    )
    starts_on = forms.DateField(
        label=_("Access from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Access until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_emails(self):
        raw = self.cleaned_data["emails"].replace(",", " ").split()
        return sorted({email.strip().lower() for email in raw if email.strip()})


class CohortEnrolForm(forms.Form):
    country = CountryChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("Any role")), *Role.choices]
    )
    starts_on = forms.DateField(
        label=_("Access from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Access until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if not data.get("country") and not data.get("role"):
            raise ValidationError(_("Choose a country, a role or both."))
        return data


class SubmissionForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    file = forms.FileField(label=_("File"), required=False)


class GradeForm(forms.Form):
    grade = forms.DecimalField(label=_("Grade (0 to 100)"), min_value=0, max_value=100)
    feedback = forms.CharField(
        label=pgettext_lazy("trainer's feedback", "Feedback"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=255)


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=20)
