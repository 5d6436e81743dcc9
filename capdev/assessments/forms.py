from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from capdev.accounts.scoping import has_global_scope, scope_country_id
from capdev.assessments.models import Assessment, Criterion, Framework
from capdev.core.forms import CountryChoiceField
from capdev.core.models import Country


class AssessmentCreateForm(forms.Form):
    framework = forms.ModelChoiceField(
        label=_("Framework"), queryset=Framework.objects.filter(is_current=True)
    )
    country = CountryChoiceField(label=_("Country"), queryset=Country.objects.none())
    institution_name = forms.CharField(
        label=_("Institution assessed"),
        max_length=255,
        required=False,
        help_text=_("Leave empty for a whole-of-government (country) assessment."),
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].max_value = timezone.now().year + 1
        self.fields["year"].initial = timezone.now().year
        if has_global_scope(user):
            self.fields["country"].queryset = Country.objects.all()
        else:
            own = Country.objects.filter(pk=scope_country_id(user))
            self.fields["country"].queryset = own
            self.fields["country"].initial = own.first()


class AnswersForm(forms.Form):
    """One answer (radio buttons) and one comment field per criterion."""

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            choices = [("", _("No answer yet"))] + [
                (str(option["value"]), _option_label(option)) for option in criterion.options
            ]
            self.fields[f"answer_{criterion.pk}"] = forms.ChoiceField(
                label=f"{criterion.code} {criterion.localized_text}",
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(code)s") % {"code": criterion.code},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def answers(self) -> dict[str, tuple[str, str]]:
        return {
            c.code: (
                self.cleaned_data.get(f"answer_{c.pk}") or "",
                self.cleaned_data.get(f"comment_{c.pk}") or "",
            )
            for c in self.criteria
        }


def _option_label(option: dict) -> str:
    from django.utils.translation import get_language

    if (get_language() or "").startswith("fr") and option.get("label_fr"):
        return option["label_fr"]
    return option["label"]


class EvidenceForm(forms.Form):
    criterion = forms.ModelChoiceField(label=_("Criterion"), queryset=Criterion.objects.none())
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, image, CSV or text."),
    )
    description = forms.CharField(label=_("Description"), max_length=255, required=False)

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = assessment.framework.criteria.all()
        self.fields["criterion"].label_from_instance = lambda c: c.code


class ReviewForm(forms.Form):
    DECISIONS = [("validate", _("Validate")), ("return", _("Return for changes"))]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return the assessment."),
    )


class ComparisonForm(forms.Form):
    framework = forms.ModelChoiceField(
        label=_("Framework"),
        queryset=Framework.objects.filter(is_current=True),
        to_field_name="slug",
        required=False,
    )
    countries = forms.CharField(
        label=_("Countries"),
        required=False,
        help_text=_("ISO alpha-3 codes separated by commas, e.g. BTN, LAO. Empty: all."),
    )
    year_from = forms.IntegerField(label=_("From year"), required=False, min_value=2000)
    year_to = forms.IntegerField(label=_("To year"), required=False, max_value=2100)
    include_unvalidated = forms.BooleanField(
        label=_("Include assessments not yet validated"), required=False
    )

    def country_codes(self) -> list[str]:
        raw = self.cleaned_data.get("countries") or ""
        return [code.strip().upper() for code in raw.replace(";", ",").split(",") if code.strip()]
