from django import forms
from django.utils.translation import gettext_lazy as _


class AskForm(forms.Form):
    question = forms.CharField(
        label=_("Your question"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
