from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from capdev.accounts.scoping import has_global_scope, scope_country_id
from capdev.core.forms import CountryChoiceField
from capdev.core.models import Country
from capdev.core.places import country_choices
from capdev.gender.indicators import INDICATOR_CHOICES
from capdev.gender.models import (
    Action,
    ActionPlan,
    GradeBand,
    Institution,
    Level,
    Objective,
    Sector,
    WorkforceRecord,
)

LEVEL_CHOICES = [
    ("country", _("Whole public service")),
    ("national", _("National institutions")),
    ("subnational", _("Subnational institutions")),
]


def _blank(label, choices):
    return [("", label), *choices]


def countries_for(user):
    """The countries `user` may pick: every country for staff, their own for a focal point."""
    if has_global_scope(user):
        return Country.objects.all()
    return Country.objects.filter(pk=scope_country_id(user) or 0)


class _Filters(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=LEVEL_CHOICES, required=False)
    sector = forms.ChoiceField(
        label=_("Sector"), choices=_blank(_("All sectors"), Sector.choices), required=False
    )
    band = forms.ChoiceField(
        label=_("Grade band"), choices=_blank(_("All bands"), GradeBand.choices), required=False
    )


class DashboardFilterForm(_Filters):
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, countries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices(countries)
        self.order_fields(["country", "level", "sector", "band"])


class CompareFilterForm(_Filters):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    indicator = forms.ChoiceField(label=_("Indicator"), choices=INDICATOR_CHOICES, required=False)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]
        self.order_fields(["year", "indicator", "level", "sector", "band"])


class InstitutionForm(forms.ModelForm):
    class Meta:
        model = Institution
        fields = ["name", "acronym", "country", "level", "sector", "parent", "area"]
        field_classes = {"country": CountryChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        countries = countries_for(user)
        self.fields["country"].queryset = countries
        self.fields["parent"].queryset = Institution.objects.filter(country__in=countries)
        if countries.count() == 1:
            self.fields["country"].initial = countries.first()


class InstitutionFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False)
    level = forms.ChoiceField(
        label=_("Level"), choices=_blank(_("All levels"), Level.choices), required=False
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=_blank(_("All sectors"), Sector.choices), required=False
    )


class WorkforceRecordForm(forms.ModelForm):
    class Meta:
        model = WorkforceRecord
        fields = [
            "year",
            "band",
            "women",
            "men",
            "other",
            "pay_basis",
            "pay_women",
            "pay_men",
            "recruited_women",
            "recruited_men",
            "promoted_women",
            "promoted_men",
            "trained_women",
            "trained_men",
        ]
        help_texts = {
            "pay_women": _("Leave empty when not known: it is then shown as missing."),
        }

    def validate_unique(self):
        # The service replaces the record of the same institution, year and band.
        pass


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (CSV or Excel .xlsx)"))


class PlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "country", "institution", "start_year", "end_year", "summary"]
        field_classes = {"country": CountryChoiceField}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        countries = countries_for(user)
        self.fields["country"].queryset = countries
        self.fields["institution"].queryset = Institution.objects.filter(country__in=countries)
        if countries.count() == 1:
            self.fields["country"].initial = countries.first()


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = Objective
        fields = ["title", "description"]


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "objective",
            "title",
            "description",
            "responsible_unit",
            "start_date",
            "end_date",
            "budget",
            "currency",
            "status",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = plan.objectives.all()


class ActionProgressForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["status", "evidence"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 2})}


class TargetForm(forms.Form):
    objective = forms.ModelChoiceField(
        label=_("Objective"), queryset=Objective.objects.none(), required=False
    )
    indicator = forms.ChoiceField(label=_("Indicator"), choices=INDICATOR_CHOICES)
    band = forms.ChoiceField(
        label=_("Grade band"), choices=_blank(_("All bands"), GradeBand.choices), required=False
    )
    baseline_year = forms.IntegerField(label=_("Baseline year"), min_value=1990, max_value=2100)
    baseline_value = forms.FloatField(label=_("Baseline value"))
    target_year = forms.IntegerField(label=_("Target year"), min_value=1990, max_value=2100)
    target_value = forms.FloatField(label=_("Target value"))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = plan.objectives.all()


class ProgressReportForm(forms.Form):
    period_end = forms.DateField(
        label=_("Period ending"), widget=forms.DateInput(attrs={"type": "date"})
    )
    narrative = forms.CharField(label=_("Progress made"), widget=forms.Textarea(attrs={"rows": 4}))


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=ActionPlan.Status.choices)
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PublishForm(forms.Form):
    country = CountryChoiceField(label=_("Country"), queryset=Country.objects.all())
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    published = forms.TypedChoiceField(
        label=_("Figures are"),
        choices=[("1", pgettext_lazy("figures", "Published")), ("0", _("Not published"))],
        coerce=lambda v: v == "1",
    )
