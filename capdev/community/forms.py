from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from capdev.community.models import ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_POST, Subscription


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


ATTACHMENT_HELP = lazy(
    lambda: (
        gettext(
            "Up to %(count)s files of at most %(size)s MB each: PDF, Word, PowerPoint, Excel, "
            "images, CSV or text."
        )
        % {"count": ATTACHMENTS_PER_POST, "size": ATTACHMENT_MAX_BYTES // (1024 * 1024)}
    ),
    str,
)()
BODY_HELP = _(
    "Plain text, or simple HTML: paragraphs, lists, links, bold and italics. "
    "Anything else is removed."
)


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 6}), help_text=BODY_HELP
    )
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput)
    attachments = MultipleFileField(
        label=_("Attachments"), required=False, help_text=ATTACHMENT_HELP
    )


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}), help_text=BODY_HELP
    )
    attachments = MultipleFileField(
        label=_("Attachments"), required=False, help_text=ATTACHMENT_HELP
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this message?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to moderators)"), max_length=300, required=False
    )


class SubscriptionForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("E-mail me"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATE,
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the forums"), max_length=200, required=False)
