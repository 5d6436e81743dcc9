from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from capdev.core.forms import CountryChoiceField
from capdev.core.models import Country
from capdev.knowledge.selectors import source_type_choices


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=300, required=False)
    source_type = forms.ChoiceField(label=_("In"), required=False)
    country = CountryChoiceField(
        label=_("Country"),
        queryset=Country.objects.all(),
        required=False,
        to_field_name="iso3",
        empty_label=_("All countries"),
    )
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100, required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All languages")), *settings.LANGUAGES], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_type"].choices = [("", _("Everything")), *source_type_choices()]

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "source_type": data.get("source_type") or None,
            "country": data["country"].iso3 if data.get("country") else None,
            "year": data.get("year"),
            "language": data.get("language") or None,
        }
