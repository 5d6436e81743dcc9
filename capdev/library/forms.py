from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from capdev.core.forms import CountryChoiceField
from capdev.core.models import Country
from capdev.core.uploads import UploadValidator
from capdev.library.extraction import ACCEPTED_KINDS
from capdev.library.models import Document, Visibility

FILE_HELP = _("PDF, Word (.docx), PowerPoint (.pptx), HTML, Markdown or plain text.")


class DocumentUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=FILE_HELP, validators=[UploadValidator(allowed=ACCEPTED_KINDS)]
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to use the file name."),
    )
    type = forms.ChoiceField(label=_("Type"), choices=Document.Type.choices)
    country = CountryChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False, to_field_name="iso3"
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, initial="en")
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2100, required=False)
    tags = forms.CharField(
        label=_("Tags"), max_length=300, required=False, help_text=_("Separated by commas.")
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)
    course_ref = forms.CharField(
        label=_("Course"),
        max_length=100,
        required=False,
        help_text=_("For course visibility: the course whose participants may read it."),
    )

    def clean(self):
        data = super().clean()
        if data.get("visibility") == Visibility.COUNTRY and not data.get("country"):
            self.add_error("country", _("A country document needs its country."))
        if data.get("visibility") == Visibility.COURSE and not data.get("course_ref"):
            self.add_error("course_ref", _("A course document needs its course."))
        return data


class VersionUploadForm(forms.Form):
    file = forms.FileField(
        label=_("New version"),
        help_text=FILE_HELP,
        validators=[UploadValidator(allowed=ACCEPTED_KINDS)],
    )


class LibrarySearchForm(forms.Form):
    q = forms.CharField(label=_("Search the library"), required=False, max_length=200)
    country = CountryChoiceField(
        label=_("Country"),
        queryset=Country.objects.filter(documents__isnull=False).distinct(),
        required=False,
        to_field_name="iso3",
        empty_label=_("All countries"),
    )
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All types")), *Document.Type.choices], required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100, required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All languages")), *settings.LANGUAGES], required=False
    )

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "country": data["country"].iso3 if data.get("country") else None,
            "type": data.get("type") or None,
            "year": data.get("year") or None,
            "language": data.get("language") or None,
        }
