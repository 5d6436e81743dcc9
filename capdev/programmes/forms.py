from django import forms
from django.db.models import ManyToManyField
from django.utils.translation import gettext_lazy as _

from capdev.core.forms import CountryChoiceField, CountryMultipleChoiceField
from capdev.core.models import Country
from capdev.programmes.models import Activity, HeadCount, Participation, Project, Sex

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def split_cleaned(form: forms.ModelForm) -> tuple[dict, dict]:
    """(plain fields, many-to-many fields) of a model form, for the services."""
    plain, many = {}, {}
    for name, value in form.cleaned_data.items():
        field = form._meta.model._meta.get_field(name)
        (many if isinstance(field, ManyToManyField) else plain)[name] = value
    return plain, many


class ProjectForm(forms.ModelForm):
    website = forms.URLField(label=_("web page"), required=False, assume_scheme="https")

    class Meta:
        model = Project
        fields = [
            "code",
            "title",
            "summary",
            "objectives",
            "status",
            "start_date",
            "end_date",
            "budget",
            "currency",
            "donors",
            "partners",
            "target_countries",
            "partnering_countries",
            "themes",
            "sdgs",
            "cepa_principles",
            "gender_marker",
            "website",
            "linked_requests",
            "is_published",
        ]
        widgets = {"start_date": _DATE, "end_date": _DATE}
        field_classes = {
            "target_countries": CountryMultipleChoiceField,
            "partnering_countries": CountryMultipleChoiceField,
        }

    def clean_currency(self):
        return self.cleaned_data["currency"].upper()


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "title",
            "type",
            "project",
            "summary",
            "start_date",
            "end_date",
            "is_online",
            "venue",
            "city",
            "host_country",
            "participating_countries",
            "themes",
            "sdgs",
            "language",
            "outcomes",
            "results_text",
            "events_count",
            "countries_count",
            "is_published",
        ]
        widgets = {"start_date": _DATE, "end_date": _DATE}
        field_classes = {
            "host_country": CountryChoiceField,
            "participating_countries": CountryMultipleChoiceField,
        }


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *Activity.Type.choices]
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    country = forms.CharField(
        label=_("Country (ISO code)"), required=False, max_length=3, min_length=3
    )


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    year = forms.IntegerField(
        label=_("Running in year"), required=False, min_value=1990, max_value=2100
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Project.Status.choices]
    )


class ParticipantForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"))
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    country = CountryChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    government_level = forms.ChoiceField(
        label=_("Government level"),
        choices=[("", "—"), *Participation.GovernmentLevel.choices],
        required=False,
    )
    seniority = forms.ChoiceField(
        label=_("Seniority"), choices=[("", "—"), *Participation.Seniority.choices], required=False
    )
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    attended = forms.BooleanField(label=_("Attended"), required=False, initial=True)


class ParticipantImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        help_text=_("One row per participant; download the template for the columns."),
    )


class HeadCountForm(forms.ModelForm):
    class Meta:
        model = HeadCount
        fields = ["country", "female", "male", "other", "unknown", "note"]
        field_classes = {"country": CountryChoiceField}


class FeedbackForm(forms.Form):
    RATINGS = [(n, str(n)) for n in range(1, 6)]
    relevance = forms.TypedChoiceField(
        label=_("How relevant was it to your work? (1 = not at all, 5 = very)"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    quality = forms.TypedChoiceField(
        label=_("How good was the content and delivery? (1 = poor, 5 = excellent)"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    usefulness = forms.TypedChoiceField(
        label=_("How useful will it be in practice? (1 = not at all, 5 = very)"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comments"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    quote_name = forms.CharField(label=_("Your name, if we may quote you"), required=False)
    quote_role = forms.CharField(label=_("Your position and country"), required=False)
    may_quote = forms.BooleanField(label=_("You may quote my comment in reports"), required=False)
