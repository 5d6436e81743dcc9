from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from capdev.core.forms import CountryChoiceField
from capdev.core.models import Country, Theme
from capdev.core.places import country_choices, place_choices
from capdev.core.selectors import regions, sub_regions
from capdev.support import selectors, workflow
from capdev.support.models import SupportRequest, SupportType
from capdev.support.selectors import SORTS

DateInput = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MULTI = forms.CheckboxSelectMultiple


class RequestForm(forms.ModelForm):
    """What staff record about a request. Saving goes through services.request_create/update."""

    class Meta:
        model = SupportRequest
        fields = [
            "country",
            "requesting_organisation",
            "channel",
            "received_on",
            "title",
            "description",
            "support_types",
            "themes",
            "sdgs",
            "cepa_principles",
            "priority",
            "assigned_officer",
            "partner_entities",
            "due_on",
            "outcome",
        ]
        field_classes = {"country": CountryChoiceField}
        widgets = {
            "received_on": DateInput,
            "due_on": DateInput,
            "support_types": MULTI,
            "themes": MULTI,
            "sdgs": MULTI,
            "cepa_principles": MULTI,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assigned_officer" in self.fields:
            self.fields["assigned_officer"].queryset = selectors.officers()

    def _post_clean(self):
        # The service validates the whole request; the form only checks its fields.
        pass


class FocalPointRequestForm(RequestForm):
    """What a country focal point fills in: their country and the triage are set for them."""

    class Meta(RequestForm.Meta):
        fields = [
            "requesting_organisation",
            "title",
            "description",
            "support_types",
            "themes",
            "sdgs",
            "cepa_principles",
            "priority",
            "due_on",
        ]
        labels = {"due_on": _("Needed by")}


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, request: SupportRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (status, workflow.action_label(request.status, status))
            for status in workflow.allowed_next(request.status)
        ]


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    is_internal = forms.BooleanField(label=_("Internal note (staff only)"), required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, PNG, JPEG, CSV or text; at most 20 MB."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or Excel file"))


def _country_choices():
    countries = Country.objects.only("iso3", "name", "name_fr")
    return [("", _("All countries")), *country_choices(countries)]


class QuickSelect(forms.Select):
    """A drop-down list written out in Python.

    Django draws each <option> through a template of its own, which costs several
    milliseconds for the 250 countries on every list and dashboard page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = "".join(
            f'<option value="{escape(str(key))}"{" selected" if str(key) in chosen else ""}>'
            f"{escape(str(label))}</option>"
            for key, label in self.choices
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        # Every value and label is escaped above.
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            attributes,
            mark_safe(options),  # noqa: S308
        )


class FilterForm(forms.Form):
    """The filters of the list and the dashboard; names match selectors.requests_filter."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=QuickSelect)
    country = forms.ChoiceField(label=_("Country"), required=False, widget=QuickSelect)
    region = forms.ChoiceField(label=_("Region"), required=False, widget=QuickSelect)
    sub_region = forms.ChoiceField(label=_("Sub-region"), required=False, widget=QuickSelect)
    group = forms.ChoiceField(
        label=_("Country group"),
        required=False,
        widget=QuickSelect,
        choices=[
            ("", _("All groups")),
            ("ldc", _("Least developed countries")),
            ("lldc", _("Landlocked developing countries")),
            ("sids", _("Small island developing States")),
        ],
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False, widget=QuickSelect)
    sdg = forms.TypedChoiceField(
        label=_("SDG"), required=False, coerce=int, empty_value=None, widget=QuickSelect
    )
    support_type = forms.ChoiceField(
        label=_("Support requested"), required=False, widget=QuickSelect
    )
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, widget=QuickSelect
    )
    officer = forms.TypedChoiceField(
        label=_("Assigned officer"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=QuickSelect,
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, with_sort: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields
        f["status"].choices = [("", _("All statuses")), *SupportRequest.Status.choices]
        f["country"].choices = _country_choices()
        f["region"].choices = [("", _("All regions")), *place_choices(regions())]
        f["sub_region"].choices = [("", _("All sub-regions")), *place_choices(sub_regions())]
        f["theme"].choices = [("", _("All themes"))] + [
            (t.slug, t.localized_name) for t in Theme.objects.all()
        ]
        f["sdg"].choices = [("", _("All SDGs"))] + [(n, f"SDG {n}") for n in range(1, 18)]
        f["support_type"].choices = [("", _("All types"))] + [
            (t.slug, t.localized_name) for t in SupportType.objects.all()
        ]
        f["year"].choices = [("", _("All years"))] + [(y, y) for y in selectors.request_years()]
        f["officer"].choices = [("", _("Anyone"))] + [(u.pk, str(u)) for u in selectors.officers()]
        if with_sort:
            self.fields["sort"] = forms.ChoiceField(
                label=_("Sort by"),
                required=False,
                widget=QuickSelect,
                choices=[
                    ("-received", _("Newest first")),
                    ("received", _("Oldest first")),
                    ("reference", _("Reference")),
                    ("status", _("Status")),
                    ("country", _("Country")),
                    ("due", _("Due date")),
                ],
            )

    def filters(self) -> dict:
        """The valid filters, ready for the selectors; an invalid form filters nothing."""
        if not self.is_valid():
            return {}
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "", False)}
        if data.get("sort") not in SORTS:
            data.pop("sort", None)
        return data
