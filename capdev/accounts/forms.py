from django import forms
from django.utils.translation import gettext_lazy as _

from capdev.accounts.models import User
from capdev.accounts.roles import Role


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "sex", "organisation", "position", "position_level"]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. 'reporting script'."),
    )


class PeopleFilterForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices]
    )
    country = forms.CharField(label=_("Country (ISO3)"), required=False, max_length=3)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
